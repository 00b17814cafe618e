"""`python -m bench grammar`: how well and how fast `/contact` reads a line, on the corpus of
tests/corpus/contact_phrases.py through `read_contact` (what the command runs: the partner
named anywhere, then kind, day, follow-up and note).

Accuracy per field and for whole phrases, and the confident wrong saves (a line saved with a
plain "Logged" and a wrong partner, day or follow-up, where asking was possible; target 0),
with the corpus's 32 partners and with 4,968 made-up ones added (5,000); parse time p50/p99
per message at 20 partners (the first 20 of the corpus) and at 5,000, split into finding the
partner and reading the words; dateparser calls per message. The floor is one bare
regular-expression pass over each message (tokenising and one search for a kind word, no
dateparser, no database): what reading a line cannot go below."""

from __future__ import annotations

import random
import re
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from handlers.common.dates import DateReader
from handlers.contact_log.grammar import parse_contact
from handlers.contact_log.reading import read_contact
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.partners.mentions import find_mentions
from storage.partners.records import PartnerFields, add_partner
from storage.school_year import SchoolCalendar
from storage.workspaces import ensure_workspace
from tests.corpus.contact_phrases import ASK, NOW, PARTNERS, PHRASES, REFUSE
from tests.test_contact_corpus import FIELDS, expected, observed

ROUNDS = 5
TEAM_SMALL, TEAM_FULL, TEAM_BIG = "T0GRAM20", "T0GRAM32", "T0GRAM5K"
CREATED = datetime(2026, 11, 1, tzinfo=UTC)
_LOCAL_NOW = NOW.replace(tzinfo=None)
_CALENDAR = SchoolCalendar(())
_FLOOR = re.compile(r"\b(?:called|emailed|met|visited|texted)\b", re.IGNORECASE)
_WORDS = re.compile(r"\S+")
_STEMS = (
    "Ash", "Bor", "Cal", "Dun", "Elm", "Fen", "Gar", "Hol", "Ing", "Jas", "Kel", "Lor", "Mar",
    "Nor", "Ost", "Pel", "Quin", "Ros", "Sal", "Tam", "Ulm", "Vor", "Wex", "Yar",
)  # fmt: skip
# No word a corpus phrase names a partner by ("the hospital", "the credit union", "Keystone"),
# nor one of its unknown names ("Acme Tool & Die").
_TAILS = (
    "Glass Co", "Roofing", "Tire Center", "Logistics", "Solar", "Bookkeeping", "Farms",
    "Signworks", "Data Systems", "Granite Works", "Heating & Air", "Studios", "Machine Works",
    "Pediatrics", "Nursery", "Print Shop", "Fitness", "Law Office",
)  # fmt: skip


def synthetic_names(count: int, seed: int = 11) -> list[str]:
    """`count` distinct made-up business names (none a corpus partner's words)."""
    rng = random.Random(seed)
    names: set[str] = set()
    while len(names) < count:
        first = rng.choice(_STEMS) + rng.choice(_STEMS).lower()
        names.add(f"{first} {rng.choice(_TAILS)}")
    return sorted(names)


Seed = tuple[str, str | None, tuple[str, ...]]
"""A partner to add: name, industry, pathways."""


def _seed(session: Session, team: str, names: Sequence[Seed]) -> None:
    ensure_workspace(session, team, CREATED)
    for i, (name, industry, pathways) in enumerate(names):
        fields = PartnerFields(name, industry=industry, pathways=pathways)
        add_partner(session, team, fields, now=CREATED + timedelta(seconds=i))
    session.commit()


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.99)] * 1000


def _timed(step: Callable[[str], object], clock: Callable[[], float]) -> list[float]:
    took: list[float] = []
    for _ in range(ROUNDS):
        for phrase in PHRASES:
            began = clock()
            step(phrase.text)
            took.append(clock() - began)
    return took


def accuracy(session: Session, team: str, reader: DateReader) -> str:
    """Right per field and whole phrase, as the corpus test counts them; then each miss."""
    missed: list[str] = []
    wrong: dict[str, int] = dict.fromkeys(FIELDS, 0)
    judged: dict[str, int] = dict.fromkeys(FIELDS, 0)
    whole = 0
    confident: list[str] = []
    for phrase in PHRASES:
        got = observed(read_contact(session, team, phrase.text, _LOCAL_NOW, reader, _CALENDAR))
        wanted = expected(phrase)
        misses = [f for f in wanted if got[f] != wanted[f]]
        whole += not misses
        missed += [f"\n  miss: {phrase.text!r} ({', '.join(misses)})"] if misses else []
        if saved_wrong(got, misses):
            confident.append(f"\n  confident wrong save: {phrase.text!r} ({', '.join(misses)})")
        for field in wanted:
            judged[field] += 1
            wrong[field] += field in misses
    parts = [f"{f} {1 - wrong[f] / judged[f]:.1%}" for f in FIELDS if judged[f]]
    total = f"; whole phrase {whole / len(PHRASES):.1%} ({whole}/{len(PHRASES)})"
    total += f"; confident wrong saves {len(confident)} (target 0)"
    return ", ".join(parts) + total + "".join(missed) + "".join(confident)


def saved_wrong(got: dict[str, object], misses: list[str]) -> bool:
    """A line that would be saved with a plain "Logged" (a partner, a day, no follow-up to
    ask about) whose partner, day or follow-up is wrong: asking was possible, and nobody
    would notice."""
    would_save = got["partner"] not in (ASK, None) and got["day"] != ASK
    asks_follow_up = got["follow_up"] == REFUSE
    return would_save and not asks_follow_up and bool({"partner", "day", "follow_up"} & set(misses))


def timings(session: Session, team: str, reader: DateReader, label: str) -> float:
    """Print parse p50/p99 (partner + words, and each alone), in wall time and in this
    thread's CPU time (the machine may be shared); return the wall p50 in ms."""
    result = 0.0
    for name, clock in (("wall", time.perf_counter), ("CPU", time.thread_time)):
        read = _timed(
            lambda t: read_contact(session, team, t, _LOCAL_NOW, reader, _CALENDAR), clock
        )
        mentions = _timed(lambda t: find_mentions(session, team, t), clock)
        words = _timed(lambda t: parse_contact(t, now_local=_LOCAL_NOW, parser=reader), clock)
        (r50, r99), (m50, m99), (w50, w99) = _ms(read), _ms(mentions), _ms(words)
        print(
            f"{label}, {name}: read_contact p50 {r50:.2f} ms, p99 {r99:.2f} ms (finding the "
            f"partner p50 {m50:.2f} / p99 {m99:.2f} ms; reading the words p50 {w50:.2f} / "
            f"p99 {w99:.2f} ms), {len(read)} messages"
        )
        result = result or r50
    return result


def main() -> None:
    """Seed three workspaces (20, 32 and 5,000 partners), then measure."""
    reader = DateReader()
    reader.warm()
    corpus: list[Seed] = [(p.name, p.industry, p.pathways) for p in PARTNERS]
    made_up: list[Seed] = [(n, None, ()) for n in synthetic_names(5000 - len(corpus))]
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'grammar.db'}"
        upgrade(url)
        engine = make_engine(url)
        with make_session_factory(engine)() as session:
            _seed(session, TEAM_SMALL, corpus[:20])
            _seed(session, TEAM_FULL, corpus)
            _seed(session, TEAM_BIG, corpus + made_up)
            print(f"accuracy, {len(corpus)} partners: {accuracy(session, TEAM_FULL, reader)}")
            print(f"accuracy, 5,000 partners: {accuracy(session, TEAM_BIG, reader)}")
            before = reader.reads
            timings(session, TEAM_SMALL, reader, "20 partners")
            p50 = timings(session, TEAM_BIG, reader, "5,000 partners")
            calls = (reader.reads - before) / (2 * 2 * 2 * ROUNDS * len(PHRASES))
            floor = _timed(lambda t: (_WORDS.findall(t), _FLOOR.search(t)), time.perf_counter)
            f50, f99 = _ms(floor)
            print(
                f"floor (one bare regex pass, no dateparser, no database): p50 {f50 * 1000:.1f}"
                f" µs, p99 {f99 * 1000:.1f} µs; read_contact p50 at 5,000 is {p50 / f50:.0f}×"
            )
            print(f"dateparser calls per message: {calls:.3f}")
        engine.dispose()
