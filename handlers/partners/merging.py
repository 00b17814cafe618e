"""Duplicates: *Add anyway* under `/partner add`'s "looks like …", `/partner merge A into B`
(a preview with Confirm / Cancel) and `/partner delete A` (Delete / Cancel). Each button
answers in place of the message it was pressed on."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from handlers.common.blocks import text_blocks
from handlers.common.mrkdwn import escape, quote
from handlers.common.replies import ephemeral
from handlers.deps import Person
from handlers.partners.grammar import Delete, Merge
from handlers.partners.merge_render import (
    delete_preview,
    merge_preview,
    only_archive_or_merge,
    what_is_attached,
)
from storage.models import Stage
from storage.partners.merge_requests import (
    CHANGED,
    GONE,
    HAS_HISTORY,
    NOT_ONE,
    NOT_YOURS,
    SAME,
    MergeAnswer,
    confirm_delete,
    confirm_merge,
    preview_delete,
    preview_merge,
)
from storage.partners.records import PartnerFields

MAX_VALUE = 2000  # Slack's limit on a button's value
ONLY = "Only the owner of both partners or a program lead can do that (see `/partnerbot leads`)."


def anyway_value(fields: PartnerFields) -> str | None:
    """What *Add anyway* carries (the fields as typed), or None when it doesn't fit."""
    value = json.dumps(
        {
            "n": fields.name,
            "s": fields.stage.value,
            "i": fields.industry,
            "p": list(fields.pathways),
            "o": fields.source,
            "t": fields.notes,
        }
    )
    return value if len(value) <= MAX_VALUE else None


def fields_of(value: str) -> PartnerFields | None:
    """The fields an *Add anyway* button carries (None when it is not what we wrote)."""
    try:
        got = json.loads(value)
        return PartnerFields(
            name=str(got["n"]),
            stage=Stage(got["s"]),
            industry=got.get("i"),
            pathways=[str(p) for p in got.get("p") or []],
            source=got.get("o"),
            notes=got.get("t"),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _not_one(answer: MergeAnswer) -> str:
    """Why a name means no single partner (the same words as the other `/partner` verbs)."""
    candidates = answer.found.candidates if answer.found else ()
    if not candidates:
        return (
            f"No partner matches “{quote(answer.name, 200)}”. See `/partner list`. Nothing changed."
        )
    names = ", ".join(f"*{quote(p.name, 80)}*" for p in candidates[:10])
    return f"“{quote(answer.name, 100)}” could be {names}. Write more of the name. Nothing changed."


def merge(who: Person, parsed: Merge) -> dict[str, Any]:
    """`/partner merge A into B`: what would move, with Confirm / Cancel; or why not."""
    answer = preview_merge(
        who.deps.sessions, who.team_id, parsed.source, parsed.target, by=who.user_id
    )
    source, target = answer.source, answer.target
    if answer.kind == NOT_ONE or source is None or target is None:
        return ephemeral(_not_one(answer))
    if answer.kind == SAME:
        return ephemeral(
            f"“{quote(parsed.source, 100)}” and “{quote(parsed.target, 100)}” are the same "
            f"partner, *{quote(source.name, 120)}*. Nothing changed."
        )
    if answer.kind == NOT_YOURS:
        return ephemeral(f"{ONLY} Nothing changed.")
    value = json.dumps({"s": source.id, "t": target.id, "n": answer.counts.as_list()})
    text = f"Merge {escape(source.name)} into {escape(target.name)}?"
    return ephemeral(text, merge_preview(source, target, answer.counts, value))


def delete(who: Person, parsed: Delete) -> dict[str, Any]:
    """`/partner delete A`: Delete / Cancel when nothing is attached; else why not."""
    answer = preview_delete(who.deps.sessions, who.team_id, parsed.query, by=who.user_id)
    partner = answer.source
    if answer.kind == NOT_ONE or partner is None:
        return ephemeral(_not_one(answer))
    if answer.kind == NOT_YOURS:
        return ephemeral(
            "Only its owner or a program lead can delete a partner (see `/partnerbot leads`). "
            "Nothing changed."
        )
    if answer.kind == HAS_HISTORY:
        return ephemeral(only_archive_or_merge(partner, answer.counts))
    return ephemeral(f"Delete {escape(partner.name)}?", delete_preview(partner))


def merge_choice(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Confirm or Cancel under a merge preview, answered in place of the preview."""
    action = body["actions"][0]
    if str(action["action_id"]).endswith(":cancel"):
        respond(text="Nothing merged.", replace_original=True)
        return
    who = Person.of(body, client, context)
    try:
        carried = json.loads(str(action.get("value") or ""))
        source_id, target_id, shown = int(carried["s"]), int(carried["t"]), carried["n"]
    except (ValueError, KeyError, TypeError):
        respond(text="That merge can't be read — run it again.", replace_original=True)
        return
    answer = confirm_merge(
        who.deps.sessions,
        who.team_id,
        source_id,
        target_id,
        shown,
        by=who.user_id,
        now=who.deps.clock.now(),
    )
    text = _merged_text(answer)
    respond(text=text, blocks=text_blocks(text), replace_original=True)


def _merged_text(answer: MergeAnswer) -> str:
    source, target = answer.source, answer.target
    if answer.kind == GONE or source is None or target is None:
        return "One of those partners no longer exists (merged or deleted?). Nothing changed."
    if answer.kind == NOT_YOURS:
        return f"{ONLY} Nothing changed."
    if answer.kind == CHANGED:
        return (
            f"*{quote(source.name, 120)}* changed since that preview, so nothing moved: it now "
            f"has {what_is_attached(answer.counts)}. Run `/partner merge` again to see the new "
            "preview."
        )
    return (
        f"✅ Merged *{quote(source.name, 120)}* into *{quote(target.name, 120)}*: moved its "
        f"{what_is_attached(answer.counts)}. “{quote(source.name, 120)}” is kept in "
        f"*{quote(target.name, 120)}*'s notes and history, and the duplicate is deleted."
    )


def delete_choice(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Delete or Cancel under a delete question, answered in place of the question."""
    action = body["actions"][0]
    if str(action["action_id"]).endswith(":cancel"):
        respond(text="Nothing deleted.", replace_original=True)
        return
    who = Person.of(body, client, context)
    try:
        partner_id = int(str(action.get("value") or ""))
    except ValueError:
        partner_id = 0
    answer = confirm_delete(
        who.deps.sessions, who.team_id, partner_id, by=who.user_id, now=who.deps.clock.now()
    )
    partner = answer.source
    if answer.kind == GONE or partner is None:
        text = "That partner no longer exists. Nothing changed."
    elif answer.kind == NOT_YOURS:
        text = "Only its owner or a program lead can delete a partner. Nothing changed."
    elif answer.kind == HAS_HISTORY:
        text = only_archive_or_merge(partner, answer.counts)
    else:
        text = f"🗑️ Deleted *{quote(partner.name, 120)}*."
    respond(text=text, blocks=text_blocks(text), replace_original=True)
