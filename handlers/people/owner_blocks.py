"""Block Kit for owners and backups: handoffs, the new owner's summary, partner history,
leavers and partners that need a new owner. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
    UserSelectElement,
)

from handlers.common.blocks import (
    SECTION_TEXT_LIMIT,
    Blocks,
    context,
    dicts,
    section,
    text_blocks,
    user_select,
)
from handlers.common.mrkdwn import clip, local_day, quote, user
from handlers.people import ids
from storage.people.handoff import HandoffDone, HandoffPlan, PartnerBrief
from storage.people.history import BACKUP, CONTACT, OWNER, STAGE, HistoryEntry
from storage.records import PartnerView

MAX_NAMES = 15
_MENTION = re.compile(r"&lt;@([UW][A-Z0-9]+)&gt;")


def _names(partners: Sequence[PartnerView]) -> str:
    shown = ", ".join(f"*{quote(p.name, 80)}*" for p in partners[:MAX_NAMES])
    more = len(partners) - MAX_NAMES
    return shown + (f" and {more} more" if more > 0 else "")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _work(engagements: int, prompts: int, bold: str) -> list[str]:
    """The engagements (planned or awaiting a debrief) and celebration prompts handed over."""
    said = []
    if engagements:
        said.append(f"{bold}{_plural(engagements, 'engagement')}{bold} (planned or to debrief)")
    if prompts:
        said.append(f"{bold}{_plural(prompts, 'celebration prompt')}{bold}")
    return said


def handoff_preview(plan: HandoffPlan, value: str, reason: str) -> Blocks:
    """The handoff question: counts, names, Confirm / Cancel."""
    moves = [
        f"*{_plural(len(plan.partners), 'partner')}*",
        f"*{_plural(plan.follow_ups, 'open follow-up')}*",
    ]
    if plan.backups:
        moves.append(f"the backup role on *{_plural(plan.backups, 'partner')}*")
    moves += _work(plan.engagements, plan.prompts, "*")
    text = (
        f"Hand over {', '.join(moves[:-1])} and {moves[-1]} from {user(plan.from_user_id)} "
        f"to {user(plan.to_user_id)}?"
    )
    if plan.partners:
        text += f"\n{_names(plan.partners)}"
    if reason:
        text += f"\n_Why: {quote(reason, 200)}_"
    return dicts(
        [
            SectionBlock(text=clip(text, SECTION_TEXT_LIMIT)),
            ActionsBlock(
                elements=[
                    ButtonElement(
                        text="Confirm", action_id=ids.HANDOFF_CONFIRM, value=value, style="primary"
                    ),
                    ButtonElement(text="Cancel", action_id=ids.HANDOFF_CANCEL, value="cancel"),
                ]
            ),
        ]
    )


def handoff_result(done: HandoffDone) -> str:
    """What the person who confirmed sees."""
    if done.empty:
        return (
            f"Nothing left to hand over from {user(done.from_user_id)} — it was already handed "
            "over (or changed meanwhile). Nothing changed."
        )
    extra = f", and the backup role on {_plural(done.backups, 'partner')}" if done.backups else ""
    work = "".join(f", {w}" for w in _work(done.engagements, done.prompts, ""))
    return (
        f"✅ Handed over {_plural(len(done.partners), 'partner')}{work} and "
        f"{_plural(done.follow_ups, 'open follow-up')} from {user(done.from_user_id)} to "
        f"{user(done.to_user_id)}{extra}. {user(done.to_user_id)} got a summary by DM."
    )


def brief_line(b: PartnerBrief, tz: ZoneInfo) -> str:
    """One partner in the new owner's summary."""
    p = b.partner
    last = (
        f"last contact {local_day(p.last_contact_at, tz)}"
        if p.last_contact_at
        else "no contact logged yet"
    )
    primary = (
        f"primary contact {quote(b.primary_contact, 100)}"
        if b.primary_contact
        else "no primary contact yet"
    )
    open_count = _plural(b.open_follow_ups, "open follow-up")
    return f"• *{quote(p.name, 120)}* — {last} · {open_count} · {primary}"


def new_owner_summary(
    briefs: Sequence[PartnerBrief],
    by: str,
    from_user: str | None,
    tz: ZoneInfo,
    *,
    follow_ups: int,
    backups: int = 0,
    work: tuple[int, int] = (0, 0),
) -> tuple[str, Blocks]:
    """The DM to whoever takes partners over: one line per partner."""
    # Someone handing over their own partners is named once, never "from" themselves.
    source = f" from {user(from_user)}" if from_user and from_user != by else ""
    head = f"👋 {user(by)} handed you {_plural(len(briefs), 'partner')}{source}"
    if follow_ups:
        head += (
            f" with {_plural(follow_ups, 'open follow-up')} (they're in your Home tab and digest)"
        )
    if backups:
        head += f"; you're also the backup on {_plural(backups, 'partner')}"
    if moved := _work(*work, ""):
        head += f"; you now own {' and '.join(moved)}"
    lines = [brief_line(b, tz) for b in briefs]
    blocks: list[Block] = [SectionBlock(text=head + ".")]
    chunk: list[str] = []
    for line in lines[:200]:
        if sum(len(x) + 1 for x in chunk) + len(line) > SECTION_TEXT_LIMIT - 10:
            blocks.append(SectionBlock(text="\n".join(chunk)))
            chunk = []
        chunk.append(line)
        if len(blocks) >= 45:
            break
    if chunk and len(blocks) < 46:
        blocks.append(SectionBlock(text="\n".join(chunk)))
    return f"{user(by)} handed you {_plural(len(briefs), 'partner')}", dicts(blocks)


_KIND_LABELS = {OWNER: "👤 owner", STAGE: "📈 stage", BACKUP: "🤝 backup", CONTACT: "📇 contact"}
_KIND_LABELS["engagement"] = "🎓 engagement"


def history_line(e: HistoryEntry, tz: ZoneInfo) -> str:
    """One change, with who made it and when."""
    when = f"{local_day(e.at, tz)} {e.at.astimezone(tz):%H:%M}"
    if e.kind == OWNER:
        before = user(e.from_user_id) if e.from_user_id else "_nobody_"
        what = f"{before} → {user(e.to_user_id)} ({quote(e.summary, 200)})"
    else:
        what = quote(e.summary, 300)
        if e.kind == BACKUP:
            what = _MENTION.sub(r"<@\1>", what)
    by = f" · by {user(e.by_user_id)}" if e.by_user_id else ""
    return f"• {when} · {_KIND_LABELS.get(e.kind, e.kind)} — {what}{by}"


def history_blocks(
    partner: PartnerView, entries: Sequence[HistoryEntry], total: int, tz: ZoneInfo
) -> Blocks:
    """`/partner history Acme`: newest first."""
    head = f"*History — {quote(partner.name, 120)}* ({total})"
    if not entries:
        return text_blocks(f"{head}\n_No changes recorded yet._")
    blocks: list[Block] = [SectionBlock(text=head)]
    chunk: list[str] = []
    for line in (history_line(e, tz) for e in entries):
        if sum(len(x) + 1 for x in chunk) + len(line) > SECTION_TEXT_LIMIT - 10:
            blocks.append(SectionBlock(text="\n".join(chunk)))
            chunk = []
        chunk.append(line)
    if chunk:
        blocks.append(SectionBlock(text="\n".join(chunk)))
    if total > len(entries):
        blocks.append(
            ContextBlock(
                elements=[MarkdownTextObject(text=f"Showing the newest {len(entries)} of {total}.")]
            )
        )
    return dicts(blocks[:49])


def leaver_prompt(
    leaver: str, partners: Sequence[PartnerView], follow_ups: int, work: int = 0
) -> tuple[str, Blocks]:
    """The DM to program leads when someone is deactivated: their partners, a user picker and
    Hand over."""
    text = (
        f"👋 {user(leaver)} was deactivated in Slack. Their {_plural(len(partners), 'partner')}"
        f"{', ' if work else ' and '}{_plural(follow_ups, 'open follow-up')}"
        + (f" and {_plural(work, 'engagement or celebration prompt')}" if work else "")
        + " need a new owner"
    )
    body = text + (f": {_names(partners)}." if partners else ".")
    body += (
        "\nNothing of theirs is lost — pick who takes over and press *Hand over* to see what moves."
    )
    blocks = [
        SectionBlock(text=clip(body, SECTION_TEXT_LIMIT)),
        ActionsBlock(
            block_id=f"people_leaver:{leaver}",
            elements=[
                UserSelectElement(action_id=ids.LEAVER_PICK, placeholder="Who takes over?"),
                ButtonElement(
                    text="Hand over", action_id=ids.LEAVER_HAND_OVER, value=leaver, style="primary"
                ),
            ],
        ),
    ]
    return f"{user(leaver)} left: {_plural(len(partners), 'partner')} need a new owner", dicts(
        blocks
    )


def unowned_blocks(partners: Sequence[PartnerView], gone: set[str], *, limit: int = 20) -> Blocks:
    """Partners that need a new owner, each with a "New owner…" picker."""
    blocks: Blocks = []
    for p in partners[:limit]:
        why = f"{user(p.owner_user_id)} left" if p.owner_user_id in gone else "no owner"
        blocks.append(
            section(
                f"🧭 *{quote(p.name, 120)}* — {why}",
                block_id=f"people_unowned:{p.id}",
                accessory=user_select(f"{ids.NEW_OWNER_PICK}:{p.id}", "New owner…"),
            )
        )
    if len(partners) > limit:
        blocks.append(context(f"… and {len(partners) - limit} more: `/partner list unowned`"))
    return blocks


def unowned_list(partners: Sequence[PartnerView], gone: set[str]) -> Blocks:
    """`/partner list unowned`."""
    if not partners:
        return text_blocks(
            "*Partners that need a new owner*\n"
            "_None — every partner has an owner who is still here._"
        )
    head: list[Block] = [SectionBlock(text=f"*Partners that need a new owner* ({len(partners)})")]
    return dicts(head) + unowned_blocks(partners, gone, limit=45)
