"""The `/contact` corpus (tests/corpus/contact_phrases.py): every phrase read the way the
command reads it (`read_contact`: the partner found anywhere, then kind, day, follow-up and
note), on a database holding the corpus's partners; at least 97% of phrases right on every
field. Each miss is listed in the failure message."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy.orm import Session

from handlers.common.dates import DateReader
from handlers.contact_log.reading import Reading, read_contact
from storage.db import make_engine, make_session_factory
from storage.partners.records import PartnerFields, add_partner
from storage.school_year import SchoolCalendar
from tests.corpus import contact_phrases, heldout_phrases, lead_phrases
from tests.corpus.contact_phrases import ASK, NOW, PARTNERS, REFUSE, Phrase

PHRASES = (*contact_phrases.PHRASES, *heldout_phrases.PHRASES, *lead_phrases.PHRASES)

TEAM = "T0CORPUS"
TARGET = 1.0  # the issue asks 97%; every phrase here is read right, so any miss is a regression
FIELDS = ("partner", "kind", "day", "follow_up", "note")


@dataclass(frozen=True)
class Outcome:
    """One phrase's reading next to what it must give, field by field."""

    phrase: Phrase
    got: dict[str, object]

    @property
    def wrong(self) -> list[str]:
        """The fields read wrong (the note only when the corpus gives one)."""
        wanted = expected(self.phrase)
        return [f for f in FIELDS if f in wanted and self.got[f] != wanted[f]]


def expected(phrase: Phrase) -> dict[str, object]:
    """What a phrase must give, in the terms `observed` reports."""
    wanted: dict[str, object] = {
        "partner": phrase.partner,
        "kind": phrase.kind,
        "day": phrase.day,
        "follow_up": phrase.follow_up,
    }
    if phrase.note is not None:
        wanted["note"] = phrase.note
    return wanted


def observed(reading: Reading) -> dict[str, object]:
    """What the reading gives, in the corpus's terms: ASK for a partner to ask about or a day
    to ask about, REFUSE for a follow-up that is refused or asked about (nothing saved)."""
    found = reading.mentions
    partner: str | None
    if reading.partner is not None:
        partner = reading.partner.name
    else:
        partner = ASK if len(found.close) >= 2 else None
    parsed = reading.parsed
    day: date | str = ASK if parsed.day_to_ask is not None else parsed.occurred_at.date()
    follow_up: date | str | None = None
    if parsed.problem is not None or parsed.follow_up_in_past:
        follow_up = REFUSE
    elif parsed.follow_up is not None:
        follow_up = parsed.follow_up.due_date
    return {
        "partner": partner,
        "kind": parsed.kind.value,
        "day": day,
        "follow_up": follow_up,
        "note": parsed.summary,
    }


def seed(session: Session, team_id: str) -> None:
    """The corpus's partners."""
    for seed_partner in PARTNERS:
        add_partner(
            session,
            team_id,
            PartnerFields(
                name=seed_partner.name,
                industry=seed_partner.industry,
                pathways=seed_partner.pathways,
            ),
            now=NOW,
        )
    session.commit()


def read_all(session: Session, team_id: str, reader: DateReader) -> list[Outcome]:
    """Every corpus phrase, read as the command reads it."""
    now = NOW.replace(tzinfo=None)
    calendar = SchoolCalendar(())
    return [
        Outcome(p, observed(read_contact(session, team_id, p.text, now, reader, calendar)))
        for p in PHRASES
    ]


def report(outcomes: list[Outcome]) -> str:
    """Accuracy per field and whole phrase, then every miss."""
    lines = []
    for field in FIELDS:
        judged = [o for o in outcomes if field in expected(o.phrase)]
        right = sum(field not in o.wrong for o in judged)
        lines.append(f"{field}: {right}/{len(judged)}")
    whole = sum(not o.wrong for o in outcomes)
    lines.append(f"whole phrase: {whole}/{len(outcomes)}")
    for o in outcomes:
        if o.wrong:
            wanted = expected(o.phrase)
            diffs = ", ".join(f"{f}: got {o.got[f]!r}, want {wanted[f]!r}" for f in o.wrong)
            lines.append(f"MISS [{o.phrase.category}] {o.phrase.text!r} — {diffs}")
    return "\n".join(lines)


@pytest.fixture
def corpus_session(migrated_db_url: str) -> Iterator[Session]:
    engine = make_engine(migrated_db_url)
    with make_session_factory(engine)() as session:
        seed(session, TEAM)
        yield session
    engine.dispose()


@pytest.mark.databases("sqlite")
def test_the_corpus_is_read_right(corpus_session: Session) -> None:
    reader = DateReader()
    outcomes = read_all(corpus_session, TEAM, reader)
    whole = sum(not o.wrong for o in outcomes) / len(outcomes)
    assert whole >= TARGET, report(outcomes)
