"""Block Kit for follow-ups: items with Done / Snooze / Reassign, lists, the daily digest and the
App Home. Pure functions of plain values."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DatePickerElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from handlers import actions
from handlers.mrkdwn import day, quote, user
from handlers.render_partners import Blocks, stage_label
from storage.cadence import ColdPartner
from storage.views import FollowUpView

if TYPE_CHECKING:
    from storage.digest import Digest

MESSAGE_BLOCK_LIMIT = 50
VIEW_BLOCK_LIMIT = 100
SNOOZE_CHOICES = (
    ("1d", "Tomorrow"),
    ("7d", "Next week"),
    ("1m", "Next month"),
    ("pick", "Pick a date…"),
)


def _dicts(blocks: Sequence[Block]) -> Blocks:
    return [b.to_dict() for b in blocks]


def due_words(f: FollowUpView, today: date) -> str:
    """ "overdue since Mon Nov 23", "due today", "due Tue Nov 24"."""
    if f.due_date < today:
        days = (today - f.due_date).days
        return f"*overdue* {days} day{'s' if days != 1 else ''} (due {day(f.due_date)})"
    if f.due_date == today:
        return "*due today*"
    return f"due {day(f.due_date)}"


def follow_up_text(f: FollowUpView, today: date, *, show_owner: bool = False) -> str:
    """One follow-up as a line: partner, note, due date (and owner)."""
    owner = f" · {user(f.owner_user_id)}" if show_owner else ""
    note = quote(f.note, 300) if f.note else "_no note_"
    return f"*{quote(f.partner_name, 120)}* — {note}\n{due_words(f, today)}{owner}"


def follow_up_blocks(
    f: FollowUpView, today: date, origin: str, *, show_owner: bool = False
) -> list[Block]:
    """A follow-up with its buttons: Done, Done + log contact, Snooze…, Reassign…."""
    block_id = f"{actions.FOLLOW_UP_BLOCK}:{f.id}:{origin}"
    return [
        SectionBlock(
            block_id=f"fu_text:{f.id}", text=follow_up_text(f, today, show_owner=show_owner)
        ),
        ActionsBlock(
            block_id=block_id,
            elements=[
                ButtonElement(
                    text="Done", action_id=actions.FU_DONE, value=str(f.id), style="primary"
                ),
                ButtonElement(
                    text="Done + log contact", action_id=actions.FU_DONE_LOG, value=str(f.id)
                ),
                StaticSelectElement(
                    action_id=actions.FU_SNOOZE,
                    placeholder="Snooze…",
                    options=[
                        Option(text=label, value=f"{code}:{f.id}") for code, label in SNOOZE_CHOICES
                    ],
                ),
                UserSelectElement(action_id=actions.FU_REASSIGN, placeholder="Reassign…"),
            ],
        ),
    ]


def closed_line(f: FollowUpView, verb: str) -> Blocks:
    """What replaces a follow-up's blocks once it was acted on."""
    return _dicts(
        [
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=f"{verb} — *{quote(f.partner_name, 120)}*: {quote(f.note, 200)}"
                    )
                ]
            )
        ]
    )


def replace_follow_up(blocks: Sequence[dict[str, Any]], follow_up_id: int, new: Blocks) -> Blocks:
    """`blocks` with one follow-up's two blocks swapped for `new` (to update a message in place)."""
    out: Blocks = []
    inserted = False
    for block in blocks:
        block_id = str(block.get("block_id", ""))
        if block_id == f"fu_text:{follow_up_id}" or block_id.startswith(
            f"{actions.FOLLOW_UP_BLOCK}:{follow_up_id}:"
        ):
            if not inserted:
                out.extend(new)
                inserted = True
            continue
        out.append(dict(block))
    return out


def cold_blocks(cold: ColdPartner) -> list[Block]:
    """A partner going cold, with a button to log a contact."""
    p = cold.partner
    since = (
        f"no contact logged in {cold.days_since_contact} days"
        if cold.never_contacted
        else f"last contact {cold.days_since_contact} days ago"
    )
    return [
        SectionBlock(
            text=f"🧊 *{quote(p.name, 120)}* ({stage_label(p.stage)}) — {since}; "
            f"stay-in-touch every {cold.cadence_days} days",
            accessory=ButtonElement(
                text="Log contact", action_id=f"{actions.CONTACT_OPEN}:cold:{p.id}", value=str(p.id)
            ),
        )
    ]


def _fit(sections: list[tuple[str, list[list[Block]]]], budget: int) -> tuple[list[Block], int]:
    """Titled groups of items within `budget` blocks, and how many items did not fit."""
    out: list[Block] = []
    left_out = 0
    for title, items in sections:
        if not items:
            continue
        if len(out) + 2 > budget:
            left_out += len(items)
            continue
        out.append(SectionBlock(text=title))
        for i, item in enumerate(items):
            if len(out) + len(item) > budget:
                left_out += len(items) - i
                break
            out.extend(item)
    return out, left_out


def render_digest(digest: Digest, tz: ZoneInfo) -> tuple[str, Blocks]:
    """The morning DM: overdue, due today and going-cold partners, each with its buttons."""
    today = digest.local_date
    counts = []
    if digest.overdue_total:
        counts.append(f"{digest.overdue_total} overdue")
    if digest.today_total:
        counts.append(f"{digest.today_total} due today")
    if digest.going_cold:
        counts.append(f"{len(digest.going_cold)} going cold")
    summary = ", ".join(counts) or "nothing due"
    head: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=f"Good morning — {day(today)}")),
        ContextBlock(elements=[MarkdownTextObject(text=f"Your partners today: {summary}.")]),
    ]
    sections = [
        (
            "*⏰ Overdue*",
            [follow_up_blocks(f, today, actions.ORIGIN_DIGEST) for f in digest.overdue],
        ),
        (
            "*📅 Due today*",
            [follow_up_blocks(f, today, actions.ORIGIN_DIGEST) for f in digest.today],
        ),
        ("*🧊 Going cold*", [cold_blocks(c) for c in digest.going_cold]),
    ]
    body, left_out = _fit(sections, MESSAGE_BLOCK_LIMIT - len(head) - 1)
    left_out += digest.overdue_total - len(digest.overdue) + digest.today_total - len(digest.today)
    blocks = head + body + _more(left_out, " — see partnerbot's *Home* tab.")
    return f"partnerbot: {summary}", _dicts(blocks)


def _more(left_out: int, hint: str) -> list[Block]:
    """The closing "… and 23 more" line, when something did not fit."""
    if not left_out:
        return []
    return [ContextBlock(elements=[MarkdownTextObject(text=f"… and {left_out} more{hint}")])]


def render_follow_up_list(
    title: str,
    groups: Sequence[tuple[str, Sequence[FollowUpView]]],
    today: date,
    *,
    show_owner: bool = False,
    empty: str = "_Nothing due. Add one with `/followup Acme fri send the thank-you letter`._",
    not_loaded: int = 0,
    more_hint: str = " not shown.",
) -> Blocks:
    """`/followup` output: titled groups of follow-ups with their buttons, within Slack's limits.
    `not_loaded` counts follow-ups that were not even read from the database."""
    if not any(items for _, items in groups):
        return _dicts([SectionBlock(text=f"*{title}*\n{empty}")])
    head: list[Block] = [SectionBlock(text=f"*{title}*")]
    sections = [
        (
            label,
            [follow_up_blocks(f, today, actions.ORIGIN_LIST, show_owner=show_owner) for f in items],
        )
        for label, items in groups
    ]
    body, left_out = _fit(sections, MESSAGE_BLOCK_LIMIT - 2)
    return _dicts(head + body + _more(left_out + not_loaded, more_hint))


def render_home(
    *,
    today: date,
    overdue: Sequence[FollowUpView],
    due_today: Sequence[FollowUpView],
    upcoming: Sequence[FollowUpView],
    cold: Sequence[ColdPartner],
    not_loaded: int = 0,
) -> dict[str, Any]:
    """The App Home tab: my follow-ups, my partners going cold, quick actions. `not_loaded`
    counts follow-ups that were not even read from the database."""
    head: list[Block] = [
        HeaderBlock(text=PlainTextObject(text="Your partnerships")),
        ActionsBlock(
            block_id="home_actions",
            elements=[
                ButtonElement(
                    text="Log a contact", action_id=f"{actions.CONTACT_OPEN}:home", style="primary"
                ),
                ButtonElement(text="Add a partner", action_id=actions.HOME_ADD_PARTNER),
            ],
        ),
        DividerBlock(),
    ]

    def items(fs: Sequence[FollowUpView]) -> list[list[Block]]:
        return [follow_up_blocks(f, today, actions.ORIGIN_HOME) for f in fs]

    sections = [
        ("*⏰ Overdue*", items(overdue)),
        ("*📅 Due today*", items(due_today)),
        ("*🗓️ Next 7 days*", items(upcoming)),
        ("*🧊 Your partners going cold*", [cold_blocks(c) for c in cold]),
    ]
    body, left_out = _fit(sections, VIEW_BLOCK_LIMIT - len(head) - 2)
    blocks = head + body
    if not body:
        blocks.append(SectionBlock(text="🎉 Nothing due and nobody going cold. Nice work."))
    blocks += _more(
        left_out + not_loaded, " not shown, due later — mark some done or snooze them to make room."
    )
    return View(type="home", blocks=blocks).to_dict()


def snooze_date_form(follow_up: FollowUpView, metadata: str) -> dict[str, Any]:
    """A modal with a date picker, for "Snooze → Pick a date…"."""
    return View(
        type="modal",
        callback_id=actions.VIEW_FU_SNOOZE_DATE,
        title=PlainTextObject(text="Snooze until…"),
        submit=PlainTextObject(text="Snooze"),
        close=PlainTextObject(text="Cancel"),
        private_metadata=metadata,
        blocks=[
            SectionBlock(
                text=f"*{quote(follow_up.partner_name, 120)}* — {quote(follow_up.note, 300)}"
            ),
            InputBlock(
                block_id="date",
                label="New due date",
                element=DatePickerElement(action_id="value"),
            ),
        ],
    ).to_dict()
