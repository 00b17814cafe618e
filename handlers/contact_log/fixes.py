"""Fixing the contact log later: Undo on a confirmation or on a history entry, `/contact undo`
(the person's last entry), and history pages. Only the author or a program lead may undo;
each answer says exactly what was removed. All run lazily, after the ack."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from handlers.common.blocks import text_blocks
from handlers.common.mrkdwn import escape, user
from handlers.common.replies import ephemeral
from handlers.common.values import action_value, record_id
from handlers.contact_log.history import HISTORY_PAGE, render_history, undone_text
from handlers.deps import Person
from storage.contact_fixes import Undo, UndoResult, history_page, undo_entry
from storage.errors import NotFound

GONE = "That entry no longer exists."
NOT_YOURS = "Only {} (who logged it) or a program lead can change that entry. Nothing was changed."
NOTHING = "You have no logged contact to undo. Nothing was changed."


def _undo(who: Person, entry_id: int | None) -> UndoResult:
    return undo_entry(
        who.deps.sessions, who.team_id, entry_id, by=who.user_id, now=who.deps.clock.now()
    )


def _refused(result: UndoResult, respond: Respond) -> bool:
    """Answer an undo that changed nothing (privately, leaving the message as it was)."""
    if result.outcome is Undo.NOT_YOURS and result.entry is not None:
        respond(replace_original=False, **ephemeral(NOT_YOURS.format(user(result.entry.user_id))))
        return True
    if result.outcome is not Undo.DONE:
        respond(
            replace_original=False, **ephemeral(NOTHING if result.outcome is Undo.NOTHING else GONE)
        )
        return True
    return False


def undo(body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
    """Undo on a confirmation: the entry (and its follow-up, if it had one), in place."""
    who = Person.of(body, client, context)
    tz = who.zone()
    entry_id = record_id(action_value(body))
    result = _undo(who, entry_id) if entry_id is not None else UndoResult(Undo.GONE)
    if _refused(result, respond):
        return
    assert result.entry is not None
    text = undone_text(result.entry, result.follow_up_removed, tz)
    respond(replace_original=True, text="Undone.", blocks=text_blocks(text))


def undo_last(who: Person, respond: Callable[..., Any]) -> None:
    """`/contact undo` (or "undo" in a direct message): the person's last logged entry,
    saying exactly what was removed."""
    tz = who.zone()
    result = _undo(who, None)
    if result.outcome is Undo.NOTHING:
        respond(**ephemeral(NOTHING))
        return
    if result.outcome is not Undo.DONE or result.entry is None:
        respond(**ephemeral(GONE))
        return
    text = undone_text(result.entry, result.follow_up_removed, tz)
    respond(**ephemeral("Undone.", text_blocks(f"{text}\nLog it again with `/contact …`.")))


def history_undo(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Undo on a history entry: that entry leaves the page, which says what was removed."""
    who = Person.of(body, client, context)
    tz = who.zone()
    entry_text, _, offset_text = action_value(body).partition(":")
    entry_id = record_id(entry_text)
    result = _undo(who, entry_id) if entry_id is not None else UndoResult(Undo.GONE)
    if _refused(result, respond):
        return
    assert result.entry is not None
    notice = undone_text(result.entry, result.follow_up_removed, tz)
    _show_page(who, respond, result.entry.partner_id, record_id(offset_text) or 0, notice)


def history_pressed(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Older / Newer in a contact history, in place."""
    who = Person.of(body, client, context)
    partner_text, _, offset_text = action_value(body).partition(":")
    _show_page(who, respond, record_id(partner_text) or 0, record_id(offset_text) or 0)


def history_opened(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """ "Contact history" on a partner card: the newest page, privately."""
    who = Person.of(body, client, context)
    partner_id = record_id(action_value(body)) or 0
    _show_page(who, respond, partner_id, 0, replace=False)


def _show_page(
    who: Person,
    respond: Respond,
    partner_id: int,
    offset: int,
    notice: str = "",
    *,
    replace: bool = True,
) -> None:
    offset = min(offset, 1_000_000)
    tz = who.zone()
    try:
        page = history_page(
            who.deps.sessions, who.team_id, partner_id, offset=offset, limit=HISTORY_PAGE
        )
    except NotFound:
        respond(replace_original=replace, text="That partner no longer exists.")
        return
    blocks = render_history(
        page.partner,
        page.entries,
        offset=page.offset,
        total=page.total,
        page_size=HISTORY_PAGE,
        tz=tz,
        notice=notice,
    )
    text = f"Contact history of {escape(page.partner.name)}"
    if replace:
        respond(replace_original=True, text=text, blocks=blocks)
    else:
        respond(**ephemeral(text, blocks))
