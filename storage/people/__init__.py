"""People around partnerships: business contacts, backups, handoffs, leavers, program leads and
each partner's history."""
