"""Everything a workspace holds, as the rows of the shared spreadsheet layout (one sheet per
kind, header first; `partnerbot import` reads the same layout back). Rows are streamed from one
read transaction — a consistent snapshot on PostgreSQL too — so memory stays flat however many
there are. People columns hold Slack user ids; dates are ISO dates in the exporter's time zone."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Executable, or_, select
from sqlalchemy.orm import Session

from storage.db import SessionFactory
from storage.engagements import status_of
from storage.models import (
    BusinessContact,
    ComplianceDocument,
    Engagement,
    FollowUp,
    FollowUpStatus,
    Interaction,
    OwnershipChange,
    Partner,
    PartnerChange,
)

Cell = str | int | None
Rows = Iterator[tuple[Cell, ...]]
BATCH = 500
"""Rows fetched from the database at a time."""


@dataclass(frozen=True)
class Sheet:
    """One kind of record: its sheet's name and its columns, in order."""

    name: str
    columns: tuple[str, ...]

    @property
    def csv_name(self) -> str:
        """Its file name in the zip of CSVs: the sheet's name, lower case, spaces as `_`."""
        return self.name.lower().replace(" ", "_") + ".csv"


PARTNERS = Sheet(
    "Partners",
    (
        "Partner", "Industry", "Pathways", "Stage", "Owner", "Backup", "Cadence days",
        "Last contact", "Last thanked", "Notes", "Archived", "Created",
    ),
)  # fmt: skip
BUSINESS_CONTACTS = Sheet(
    "Business contacts",
    ("Partner", "Name", "Title", "Email", "Phone", "Primary", "Decision maker"),
)
CONTACTS = Sheet(
    "Contacts",
    ("Partner", "Date", "Kind", "Summary", "Logged by", "Business contact", "Written by", "Link"),
)
FOLLOW_UPS = Sheet("Follow-ups", ("Partner", "Due", "What", "Owner", "Status", "Done"))
ENGAGEMENTS = Sheet(
    "Engagements",
    (
        "Partner", "Kind", "Label", "Starts", "Ends", "Students", "Pathway", "Owner", "Status",
        "Host", "Debrief", "Students came", "Partner said", "To change",
    ),
)  # fmt: skip
DOCUMENTS = Sheet("Documents", ("Partner", "Kind", "Label", "Expires", "For", "Link", "Updated"))
HISTORY = Sheet("History", ("Partner", "When", "Who", "What"))
SHEETS = (PARTNERS, BUSINESS_CONTACTS, CONTACTS, FOLLOW_UPS, ENGAGEMENTS, DOCUMENTS, HISTORY)
YES = "yes"


@dataclass(frozen=True)
class ExportScope:
    """What to export: a workspace's records, or one partner's (`partner_id`); with `since`,
    the dated records (contacts, follow-ups, engagements, history) from that day on, while
    partners, their business contacts and documents are listed as they are now."""

    team_id: str
    tz: ZoneInfo
    today: date
    since: date | None = None
    partner_id: int | None = None


SheetWriter = Callable[[Sheet, Rows], int]
"""Writes one sheet's rows (consuming the iterator) and returns how many it wrote."""


@dataclass(frozen=True)
class Exported:
    """How many rows each sheet got, in sheet order."""

    counts: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        """Rows in all sheets."""
        return sum(n for _, n in self.counts)


def export_workspace(sessions: SessionFactory, scope: ExportScope, write: SheetWriter) -> Exported:
    """Stream every sheet of `scope` through `write`, in one read-only transaction."""
    with sessions() as session:
        if session.get_bind().dialect.name == "postgresql":
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        reader = _Reader(session, scope)
        counts = tuple((sheet.name, write(sheet, rows)) for sheet, rows in reader.sheets())
        session.rollback()
    return Exported(counts)


def iso_day(at: datetime | None, tz: ZoneInfo) -> str | None:
    """The local ISO date of a stored UTC time (None stays None)."""
    return at.astimezone(tz).date().isoformat() if at is not None else None


def _words(value: str) -> str:
    """An enum value as people write it: "job_shadow" → "job shadow"."""
    return value.replace("_", " ")


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


class _Reader:
    """The rows of each sheet for one scope, read in one session."""

    def __init__(self, session: Session, scope: ExportScope) -> None:
        self.session = session
        self.scope = scope
        self.tz = scope.tz
        self.since = scope.since
        start = datetime.combine(scope.since, time(), scope.tz) if scope.since else None
        self.start = start.astimezone(UTC) if start is not None else None

    def sheets(self) -> Iterator[tuple[Sheet, Rows]]:
        """Each sheet with its rows (to be consumed before the next is asked for)."""
        yield PARTNERS, self.partners()
        yield BUSINESS_CONTACTS, self.business_contacts()
        yield CONTACTS, self.contacts()
        yield FOLLOW_UPS, self.follow_ups()
        yield ENGAGEMENTS, self.engagements()
        yield DOCUMENTS, self.documents()
        yield HISTORY, self.history()

    def _of(self, table: Any) -> list[ColumnElement[bool]]:
        """Rows of `table` in scope: the workspace's (and the one partner's), joined to
        partners by `partner_id`."""
        where: list[ColumnElement[bool]] = [
            table.team_id == self.scope.team_id,
            Partner.team_id == self.scope.team_id,
        ]
        if table is not Partner:
            where.append(table.partner_id == Partner.id)
        if self.scope.partner_id is not None:
            where.append(Partner.id == self.scope.partner_id)
        return where

    def _stream(self, query: Executable) -> Iterator[Any]:
        yield from self.session.execute(query.execution_options(yield_per=BATCH))

    def partners(self) -> Rows:
        p = Partner
        query = select(
            p.name, p.industry, p.pathways, p.stage, p.owner_user_id, p.backup_user_id,
            p.cadence_days, p.last_contact_at, p.last_thanked_at, p.notes, p.archived_at,
            p.created_at,
        ).where(*self._of(p)).order_by(p.name_key, p.id)  # fmt: skip
        for r in self._stream(query):
            yield (
                r.name, r.industry, "; ".join(r.pathways or ()), r.stage.value,
                r.owner_user_id, r.backup_user_id, r.cadence_days,
                iso_day(r.last_contact_at, self.tz), iso_day(r.last_thanked_at, self.tz),
                r.notes, iso_day(r.archived_at, self.tz), iso_day(r.created_at, self.tz),
            )  # fmt: skip

    def business_contacts(self) -> Rows:
        c = BusinessContact
        query = (
            select(
                Partner.name, c.name, c.role, c.email, c.phone, c.is_primary, c.is_decision_maker
            )
            .where(*self._of(c))
            .order_by(Partner.name_key, Partner.id, c.is_primary.desc(), c.name, c.id)
        )
        for partner, name, role, email, phone, primary, decides in self._stream(query):
            yield (
                partner, name, role, email, phone, YES if primary else None,
                YES if decides else None,
            )  # fmt: skip

    def contacts(self) -> Rows:
        i = Interaction
        query = (
            select(
                Partner.name, i.occurred_at, i.kind, i.summary, i.user_id, BusinessContact.name,
                i.message_author, i.permalink,
            )
            .outerjoin(BusinessContact, BusinessContact.id == i.business_contact_id)
            .where(*self._of(i), i.deleted_at.is_(None))
            .order_by(i.occurred_at, i.id)
        )  # fmt: skip
        if self.start is not None:
            query = query.where(i.occurred_at >= self.start)
        for partner, at, kind, summary, by, contact, author, link in self._stream(query):
            yield partner, iso_day(at, self.tz), kind.value, summary, by, contact, author, link

    def follow_ups(self) -> Rows:
        f = FollowUp
        query = select(
            Partner.name, f.due_date, f.note, f.owner_user_id, f.status, f.closed_at
        ).where(*self._of(f))
        if self.since is not None and self.start is not None:
            query = query.where(
                or_(f.due_date >= self.since, f.closed_at >= self.start, f.created_at >= self.start)
            )
        for partner, due, note, owner, status, closed in self._stream(
            query.order_by(f.due_date, f.id)
        ):
            done = iso_day(closed, self.tz) if status is FollowUpStatus.DONE else None
            yield partner, due.isoformat(), note, owner, status.value, done

    def engagements(self) -> Rows:
        e = Engagement
        query = select(Partner.name.label("partner"), e).where(*self._of(e))
        if self.since is not None:
            query = query.where(e.ends_on >= self.since)
        for r in self._stream(query.order_by(e.starts_on, e.id)):
            g = r.Engagement
            status = status_of(
                cancelled=g.cancelled_at is not None,
                debriefed=g.debrief_outcome is not None,
                ends_on=g.ends_on,
                today=self.scope.today,
            )
            outcome = g.debrief_outcome.value if g.debrief_outcome is not None else None
            yield (
                r.partner, _words(g.kind.value), g.label, _day(g.starts_on), _day(g.ends_on),
                g.student_count, g.pathway, g.owner_user_id, status, g.contact_name,
                outcome, g.students_came, g.partner_feedback, g.to_change,
            )  # fmt: skip

    def documents(self) -> Rows:
        d = ComplianceDocument
        query = select(Partner.name.label("partner"), d).where(*self._of(d))
        for r in self._stream(query.order_by(Partner.name_key, Partner.id, d.kind, d.id)):
            doc = r.ComplianceDocument
            yield (
                r.partner, _words(doc.kind.value), doc.label, _day(doc.expires_on),
                doc.contact_name, doc.link, iso_day(doc.updated_at, self.tz),
            )  # fmt: skip

    def history(self) -> Rows:
        """Ownership changes and every other change, oldest first, merged as they stream."""
        o, c = OwnershipChange, PartnerChange
        owners = select(Partner.name.label("partner"), o).where(*self._of(o))
        others = select(Partner.name.label("partner"), c).where(*self._of(c))
        if self.start is not None:
            owners = owners.where(o.changed_at >= self.start)
            others = others.where(c.at >= self.start)
        owned = (
            (r.OwnershipChange.changed_at, r.partner, r.OwnershipChange.changed_by, _moved(r))
            for r in self._stream(owners.order_by(o.changed_at, o.id))
        )
        changed = (
            (r.PartnerChange.at, r.partner, r.PartnerChange.by_user_id, r.PartnerChange.summary)
            for r in self._stream(others.order_by(c.at, c.id))
        )
        for at, partner, who, what in heapq.merge(owned, changed, key=lambda e: e[0]):
            yield partner, at.astimezone(self.tz).isoformat(timespec="seconds"), who, what


def _moved(row: Any) -> str:
    """An ownership change in words: "Owner U0MARIA → U0JUAN (reason)"."""
    change: OwnershipChange = row.OwnershipChange
    moved = f"Owner {change.from_user_id or 'none'} → {change.to_user_id or 'none'}"
    return f"{moved} ({change.reason})" if change.reason else moved
