"""Action and view ids of engagements and their debriefs."""

from __future__ import annotations

ENGAGE_OPEN = "engage_open"
"""Record engagement (on a partner's card): the form, the partner filled in."""
ENGAGE_PARTNER_PICK = "engage_partner_pick"
VIEW_ENGAGE = "engage_view"
DEBRIEF_OPEN = "debrief_open"
"""Great / Fine / Problems (in the debrief DM) or Debrief (card, Home): the debrief form."""
VIEW_DEBRIEF = "debrief_view"
ENGAGE_FROM_CONTACT = "engage_from_contact"
"""Record as engagement (a logged contact that reads like one): the form, prefilled."""
ENGAGE_EDIT = "engage_edit"
"""Edit (wherever an engagement is listed): the engagement form, prefilled."""
ENGAGE_CANCEL = "engage_cancel"
"""Cancel (wherever an engagement is listed): kept as cancelled."""
ENGAGE_REMOVE = "engage_remove"
"""Remove (a planned engagement recorded by mistake): deleted."""
