"""The contact log: log, undo, edit and page through a partner's contacts — exactly once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from storage.db import insert_unless_exists
from storage.errors import InvalidInput, NotFound
from storage.follow_ups import REPEAT_WINDOW, NewFollowUp, create_follow_up
from storage.models import (
    BusinessContact,
    FollowUp,
    FollowUpStatus,
    Interaction,
    InteractionKind,
    Partner,
    Stage,
)
from storage.people.contacts import contact_named
from storage.people.history import STAGE, record_change
from storage.records import ContactPersonView, FollowUpView, InteractionView
from storage.workspaces import ensure_staff

__all__ = [
    "LOG",
    "LoggedContact",
    "NewContact",
    "NewFollowUp",
    "get_contact",
    "log_contact",
    "logged_contact",
    "open_follow_up_to_close",
    "undo_contact",
    "update_contact",
]

MAX_SUMMARY_LENGTH = 20_000
LOG = "contact log"
"""The kind of a partner-history change to its contact log (an entry edited or undone)."""


@dataclass(frozen=True)
class NewContact:
    """A contact to log."""

    partner_id: int
    user_id: str
    kind: InteractionKind
    summary: str
    occurred_at: datetime
    permalink: str | None = None
    message_author: str | None = None
    follow_up: NewFollowUp | None = None


@dataclass(frozen=True)
class LoggedContact:
    """The entry, its follow-up, and whether it is new (False: a repeat of an earlier one)."""

    interaction: InteractionView
    follow_up: FollowUpView | None
    created: bool


def _summary(text: str) -> str:
    if not text.strip():
        raise InvalidInput("summary", "Say what happened, e.g. “called Jane about internships”.")
    if len(text) > MAX_SUMMARY_LENGTH:
        raise InvalidInput(
            "summary", f"That is {len(text):,} characters; a contact holds {MAX_SUMMARY_LENGTH:,}."
        )
    return text.strip()


def _partner(session: Session, team_id: str, partner_id: int) -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None or partner.team_id != team_id:
        raise NotFound(f"partner {partner_id}")
    return partner


def _existing(session: Session, row: Interaction, partner_name: str) -> LoggedContact:
    follow_up = session.scalars(
        select(FollowUp).where(FollowUp.interaction_id == row.id).order_by(FollowUp.id).limit(1)
    ).first()
    return LoggedContact(
        InteractionView.of(row, partner_name),
        FollowUpView.of(follow_up, partner_name) if follow_up else None,
        created=False,
    )


# Built once: statements run on every contact logged skip building and keying them each time.
_SAME_KEY = select(Interaction).where(
    Interaction.team_id == bindparam("team_id"), Interaction.idempotency_key == bindparam("key")
)
_SAME_TEXT = (
    select(Interaction)
    .where(
        Interaction.team_id == bindparam("team_id"),
        Interaction.partner_id == bindparam("partner_id"),
        Interaction.user_id == bindparam("user_id"),
        Interaction.summary == bindparam("summary"),
        Interaction.kind == bindparam("kind"),
        Interaction.deleted_at.is_(None),
        Interaction.created_at >= bindparam("since"),
    )
    .order_by(Interaction.id.desc())
    .limit(1)
)


def _repeat(
    session: Session, team_id: str, new: NewContact, summary: str, key: str | None, now: datetime
) -> Interaction | None:
    if key is not None:
        same_key = session.scalars(_SAME_KEY, {"team_id": team_id, "key": key}).first()
        if same_key is not None:
            return same_key
    same_text = session.scalars(
        _SAME_TEXT,
        {
            "team_id": team_id,
            "partner_id": new.partner_id,
            "user_id": new.user_id,
            "summary": summary,
            "kind": new.kind,
            "since": now - REPEAT_WINDOW,
        },
    ).first()
    if same_text is None or not _same_follow_up(session, same_text, new):
        return None
    return same_text


def _same_follow_up(session: Session, earlier: Interaction, new: NewContact) -> bool:
    """Whether the earlier entry asked for the same follow-up (or none, as this one): "…
    follow up next tue" corrected to "… follow up friday at 2pm" is not a repeat."""
    follow_up = session.scalars(
        select(FollowUp).where(FollowUp.interaction_id == earlier.id).order_by(FollowUp.id)
    ).first()
    wanted = new.follow_up
    if follow_up is None or wanted is None:
        return follow_up is None and wanted is None
    return (follow_up.due_date, follow_up.due_time, follow_up.owner_user_id, follow_up.note) == (
        wanted.due_date,
        wanted.due_time,
        wanted.owner_user_id,
        wanted.note,
    )


def _touch(
    session: Session, partner: Partner, occurred_at: datetime, now: datetime, by: str
) -> None:
    if partner.last_contact_at is None or occurred_at > partner.last_contact_at:
        partner.last_contact_at = occurred_at
    if partner.stage is Stage.PROSPECT:
        partner.stage = Stage.CONTACTED
        record_change(
            session,
            partner.team_id,
            partner.id,
            STAGE,
            "prospect → contacted (contact logged)",
            by=by,
            now=now,
        )
    partner.updated_at = now


def log_contact(
    session: Session,
    team_id: str,
    new: NewContact,
    *,
    now: datetime,
    idempotency_key: str | None = None,
) -> LoggedContact:
    """Log a contact (and its follow-up). A Slack retry or double submit (same idempotency key),
    or the same text (same kind, same follow-up) for the same partner by the same person within
    a minute, returns the first entry with `created=False` instead of logging it twice; a
    corrected line is a new entry."""
    summary = _summary(new.summary)
    partner = _partner(session, team_id, new.partner_id)
    if new.occurred_at > now + timedelta(minutes=5):
        raise InvalidInput("happened_on", "A contact can't be in the future.")
    earlier = _repeat(session, team_id, new, summary, idempotency_key, now)
    if earlier is not None:
        return _existing(session, earlier, partner.name)
    ensure_staff(session, team_id, new.user_id, now)
    # The business contact the line names, known before the INSERT: no UPDATE after it.
    named = contact_named(_partner_contacts(session, team_id, partner.id), summary)
    key = idempotency_key[:128] if idempotency_key else None
    permalink = new.permalink[:500] if new.permalink else None
    entry_id = insert_unless_exists(
        session,
        Interaction,
        {
            "team_id": team_id,
            "partner_id": partner.id,
            "user_id": new.user_id,
            "kind": new.kind,
            "summary": summary,
            "occurred_at": new.occurred_at,
            "permalink": permalink,
            "message_author": new.message_author,
            "idempotency_key": key,
            "business_contact_id": named.id if named is not None else None,
            "created_at": now,
        },
    )
    if entry_id is None:  # the same retry was logged concurrently: the other one won
        raced = _repeat(session, team_id, new, summary, key, now)
        assert raced is not None
        return _existing(session, raced, partner.name)
    _touch(session, partner, new.occurred_at, now, new.user_id)
    follow_up = None
    if new.follow_up is not None:
        follow_up = create_follow_up(
            session,
            team_id,
            partner.id,
            new.follow_up,
            now=now,
            created_by=new.user_id,
            source="contact",
            interaction_id=entry_id,
        )
    session.flush()
    entry = InteractionView(  # what was inserted, without reading it back
        int(entry_id),
        partner.id,
        partner.name,
        new.user_id,
        new.kind,
        summary,
        new.occurred_at.astimezone(UTC),
        permalink,
        named.name if named is not None else None,
    )
    return LoggedContact(entry, follow_up, created=True)


_CONTACTS = (
    select(BusinessContact)
    .where(
        BusinessContact.team_id == bindparam("team_id"),
        BusinessContact.partner_id == bindparam("partner_id"),
    )
    .order_by(BusinessContact.is_primary.desc(), BusinessContact.name)
)


def _partner_contacts(session: Session, team_id: str, partner_id: int) -> list[ContactPersonView]:
    """The partner's business contacts, primary first (names only matter here: no "last
    contacted" aggregate over the log)."""
    rows = session.scalars(_CONTACTS, {"team_id": team_id, "partner_id": partner_id})
    return [ContactPersonView.of(c) for c in rows]


def logged_contact(session: Session, team_id: str, entry_id: int) -> LoggedContact:
    """A live entry and the follow-up it created, as logging it returned them."""
    row = _live(session, team_id, entry_id)
    partner = _partner(session, team_id, row.partner_id)
    named = None
    if row.business_contact_id is not None:
        named = next(
            (
                c.name
                for c in _partner_contacts(session, team_id, partner.id)
                if c.id == row.business_contact_id
            ),
            None,
        )
    earlier = _existing(session, row, partner.name)
    return LoggedContact(
        InteractionView.of(row, partner.name, named), earlier.follow_up, created=True
    )


_OPEN_ON_PARTNER = (
    select(FollowUp)
    .where(
        FollowUp.team_id == bindparam("team_id"),
        FollowUp.partner_id == bindparam("partner_id"),
        FollowUp.owner_user_id == bindparam("user_id"),
        FollowUp.status == FollowUpStatus.OPEN,
    )
    .order_by(FollowUp.due_date, FollowUp.id)
    .limit(2)
)


def open_follow_up_to_close(
    session: Session, team_id: str, partner_id: int, user_id: str, *, not_id: int | None
) -> FollowUpView | None:
    """The person's open follow-up on the partner (the soonest due), other than `not_id`:
    a contact just logged may be what it asked for."""
    wanted = {"team_id": team_id, "partner_id": partner_id, "user_id": user_id}
    for row in session.scalars(_OPEN_ON_PARTNER, wanted):
        if row.id != not_id:
            return FollowUpView.of(row, _partner(session, team_id, partner_id).name)
    return None


def _live(session: Session, team_id: str, entry_id: int) -> Interaction:
    row = session.get(Interaction, entry_id)
    if row is None or row.team_id != team_id or row.deleted_at is not None:
        raise NotFound(f"contact {entry_id}")
    return row


def _recompute_last_contact(session: Session, partner: Partner) -> None:
    partner.last_contact_at = session.scalar(
        select(func.max(Interaction.occurred_at)).where(
            Interaction.team_id == partner.team_id,
            Interaction.partner_id == partner.id,
            Interaction.deleted_at.is_(None),
        )
    )


def get_contact(session: Session, team_id: str, entry_id: int) -> InteractionView:
    """One live contact-log entry; raises NotFound (also once undone)."""
    row = _live(session, team_id, entry_id)
    return InteractionView.of(row, _partner(session, team_id, row.partner_id).name)


def undo_contact(
    session: Session, team_id: str, entry_id: int, *, by: str, now: datetime
) -> InteractionView:
    """Remove an entry from the log and cancel the follow-up it created. What was typed goes
    with it: the entry keeps only its kind, partner and day (so a retried Undo or a repeat
    still finds it), and the cancelled follow-up loses its note."""
    row = _live(session, team_id, entry_id)
    partner = _partner(session, team_id, row.partner_id)
    undone = InteractionView.of(row, partner.name)
    row.deleted_at = now
    row.summary, row.permalink, row.message_author = "", None, None
    session.execute(
        update(FollowUp)
        .where(
            FollowUp.team_id == team_id,
            FollowUp.interaction_id == row.id,
            FollowUp.status == FollowUpStatus.OPEN,
        )
        .values(status=FollowUpStatus.CANCELLED, closed_by=by, closed_at=now, note="")
        .execution_options(synchronize_session=False)
    )
    session.flush()
    _recompute_last_contact(session, partner)
    partner.updated_at = now
    session.flush()
    return undone


def update_contact(
    session: Session,
    team_id: str,
    entry_id: int,
    *,
    kind: InteractionKind,
    summary: str,
    occurred_at: datetime,
    by: str,
    now: datetime,
) -> InteractionView:
    """Correct an entry's kind, text or date (kept in the partner's history when it changed)."""
    row = _live(session, team_id, entry_id)
    if occurred_at > now + timedelta(minutes=5):
        raise InvalidInput("happened_on", "A contact can't be in the future.")
    before = (row.kind, row.summary, row.occurred_at)
    row.kind, row.summary, row.occurred_at = kind, _summary(summary), occurred_at
    if before != (row.kind, row.summary, row.occurred_at):
        said = f"edited the {before[0].value} of {before[2]:%b %-d, %Y} (now a {kind.value})"
        record_change(session, team_id, row.partner_id, LOG, said, by=by, now=now)
    partner = _partner(session, team_id, row.partner_id)
    session.flush()
    _recompute_last_contact(session, partner)
    partner.updated_at = now
    session.flush()
    return InteractionView.of(row, partner.name)
