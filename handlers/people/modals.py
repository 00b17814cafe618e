"""The business-contact form: the ack step checks and saves (errors go back to the form), the
lazy step tells the person."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from handlers.common.blocks import text_blocks
from handlers.common.forms import form_values, metadata
from handlers.common.mrkdwn import quote
from handlers.common.replies import notify
from handlers.deps import Deps
from storage.errors import InvalidInput, NotFound
from storage.people.contact_requests import save_contact_form
from storage.people.contacts import ContactFields

SAVED = "people_saved_contact"


def _flags(view: dict[str, Any]) -> set[str]:
    state = ((view.get("state") or {}).get("values") or {}).get("flags") or {}
    chosen: set[str] = set()
    for element in state.values():
        for option in element.get("selected_options") or []:
            chosen.add(str(option.get("value")))
    return chosen


def submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    """Add (or save) the business contact; bad email or phone goes back to that field."""
    deps = Deps.of(context)
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    values, meta, flags = form_values(view), metadata(view), _flags(view)
    fields = ContactFields(
        name=values.get("name") or "",
        role=values.get("role"),
        email=values.get("email"),
        phone=values.get("phone"),
        is_primary="primary" in flags,
        is_decision_maker="dm" in flags,
    )
    try:
        saved = save_contact_form(
            deps.sessions,
            team_id,
            contact_id=int(meta["contact_id"]) if meta.get("contact_id") else None,
            partner_id=0 if meta.get("contact_id") else int(meta.get("partner_id") or 0),
            fields=fields,
            by=user_id,
            now=deps.clock.now(),
        )
    except InvalidInput as exc:
        field = exc.field if exc.field in ("name", "role", "email", "phone") else "name"
        ack(response_action="errors", errors={field: exc.message})
        return
    except (NotFound, ValueError):
        ack(response_action="errors", errors={"name": "That partner or contact no longer exists."})
        return
    verb = "Saved" if meta.get("contact_id") else "Added"
    context[SAVED] = f"📇 {verb} *{quote(saved.name, 100)}*."
    ack()


def saved_notice(
    body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Lazy: confirm what the form saved, where it was opened."""
    text = context.get(SAVED)
    if not isinstance(text, str):
        return
    notify(
        client,
        user_id=body["user"]["id"],
        channel_id=metadata(view).get("channel_id"),
        text=text,
        blocks=text_blocks(text),
    )
