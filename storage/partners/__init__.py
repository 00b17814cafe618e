"""Partners: records (add, edit, archive, assign, profile), names, the one lookup that turns
typed text into a partner, and stay-in-touch cadence."""
