"""A merge racing a contact logged on the duplicate, on SQLite and PostgreSQL: whichever
commits first, the merge moves exactly what it counted or nothing, and no contact is lost."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from storage.contact_log import LoggedContact, NewContact, log_contact
from storage.db import SessionFactory, make_engine, make_session_factory
from storage.errors import NotFound
from storage.models import Interaction, InteractionKind, Partner
from storage.partners.merge_requests import CHANGED, DONE, MergeAnswer, confirm_merge, preview_merge
from storage.partners.records import PartnerFields, add_partner

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
TEAM = "T0001"
MARIA = "U0MARIA"
ROUNDS = 4


@pytest.fixture
def sessions(migrated_db_url: str) -> Iterator[SessionFactory]:
    engine = make_engine(migrated_db_url, pool_size=4)
    yield make_session_factory(engine)
    engine.dispose()


def both(first: Callable[[], object], second: Callable[[], object]) -> list[object]:
    """Run the two in threads released together; each one's result or exception."""
    start = threading.Barrier(2)
    results: list[object] = [RuntimeError("did not finish")] * 2

    def run(n: int, work: Callable[[], object]) -> None:
        start.wait()
        try:
            results[n] = work()
        except Exception as exc:  # collected for the assertions
            results[n] = exc

    threads = [threading.Thread(target=run, args=(n, w)) for n, w in enumerate((first, second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def contact(sessions: SessionFactory, partner_id: int, what: str) -> LoggedContact:
    with sessions.begin() as session:
        new = NewContact(partner_id, MARIA, InteractionKind.CALL, what, NOW)
        return log_contact(session, TEAM, new, now=NOW)


def contacts_on(sessions: SessionFactory, partner_id: int) -> int:
    with sessions() as session:
        stmt = select(func.count()).where(Interaction.partner_id == partner_id)
        return session.scalar(stmt) or 0


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_a_merge_racing_a_contact_moves_what_it_counted_or_nothing(
    sessions: SessionFactory, round_: int
) -> None:
    with sessions.begin() as session:
        kept = add_partner(session, TEAM, PartnerFields("Riverside Auto Group"), now=NOW).id
        dup = add_partner(session, TEAM, PartnerFields("Riverside Auto"), now=NOW).id
    contact(sessions, dup, "called Jane")
    preview = preview_merge(sessions, TEAM, "Riverside Auto", "Riverside Auto Group", by=MARIA)
    shown = preview.counts.as_list()

    def merge() -> MergeAnswer:
        return confirm_merge(sessions, TEAM, dup, kept, shown, by=MARIA, now=NOW)

    def log() -> LoggedContact:
        return contact(sessions, dup, f"emailed the MOU draft ({round_})")

    merged, logged = both(merge, log)
    assert isinstance(merged, MergeAnswer), merged
    with sessions() as session:
        left = session.scalars(select(Partner.id).order_by(Partner.id)).all()
    if merged.kind == DONE:  # the merge went first: the contact found no duplicate to log on
        # refused, nothing saved: NotFound, or on SQLite the foreign key once the merge committed
        assert isinstance(logged, NotFound | IntegrityError), logged
        assert merged.counts.contacts == 1
        assert left == [kept]
        assert contacts_on(sessions, kept) == 1
    else:  # the contact went first: the merge saw it and moved nothing
        assert merged.kind == CHANGED, merged
        assert isinstance(logged, LoggedContact), logged
        assert merged.counts.contacts == 2
        assert left == [kept, dup]
        assert (contacts_on(sessions, dup), contacts_on(sessions, kept)) == (2, 0)
