"""`python -m bench.mentions [--db URL]`: how long finding the partner named in a typed
sentence takes (storage/partners/mentions.py), p50 and p99 per message in wall and CPU time
(the machine may be shared), at the corpus's 32 partners and at 5,000, on a migrated SQLite
file (or the database at URL); and the partner accuracy on the /contact corpus of tests/corpus
at both sizes (the made-up partners name no category the corpus asks about, such as "the
credit union", so its answers hold at 5,000). Also: the first message after a partner is added,
when every process rebuilds its name index."""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.partners.mentions import Mentions, find_mentions
from storage.partners.records import PartnerFields, add_partner
from storage.workspaces import ensure_workspace
from tests.corpus.contact_phrases import ASK, PARTNERS, PHRASES

TEAM = "T0BENCH"
NOW = datetime(2026, 11, 18, 16, 30, tzinfo=UTC)
ROUNDS = 5
_SYLLABLES = (
    "ash", "bor", "cal", "dun", "el", "fen", "gar", "hol", "ing", "jas", "kel", "lor", "mar",
    "nor", "ost", "pel", "quin", "ros",
)  # fmt: skip
_TAILS = (
    "Manufacturing", "Health", "Auto Body", "Dental", "Logistics", "Electric", "Bank",
    "Construction", "Farms", "Insurance", "Software", "Clinic", "Plumbing", "Media Group",
    "Outfitters", "Veterinary", "Hotel", "Bakery", "Welding", "Architects",
)  # fmt: skip


def _synthetic(count: int, seed: int = 9) -> list[tuple[str, str]]:
    """`count` distinct made-up business names with an industry."""
    rng = random.Random(seed)
    names: dict[str, str] = {}
    while len(names) < count:
        word = "".join(rng.sample(_SYLLABLES, 2)).capitalize()
        tail = rng.choice(_TAILS)
        names.setdefault(f"{word} {tail}", tail)
    return list(names.items())


def _answer(found: Mentions) -> str | None:
    if found.best is not None:
        return found.best.partner.name
    return ASK if found.close else None


def _percentiles(timings: list[float]) -> str:
    timings = sorted(timings)
    p50 = statistics.median(timings) * 1000
    p99 = timings[int(len(timings) * 0.99)] * 1000
    return f"p50 {p50:.2f} ms, p99 {p99:.2f} ms"


def _measure(session: Session, extra: int) -> list[str]:
    """Time every corpus message; the texts whose partner came out wrong."""
    wall: list[float] = []
    cpu: list[float] = []
    wrong: list[str] = []
    for phrase in PHRASES:
        if _answer(find_mentions(session, TEAM, phrase.text)) != phrase.partner:
            wrong.append(phrase.text)
    for _ in range(ROUNDS):
        for phrase in PHRASES:
            started, started_cpu = time.perf_counter(), time.thread_time()
            find_mentions(session, TEAM, phrase.text)
            cpu.append(time.thread_time() - started_cpu)
            wall.append(time.perf_counter() - started)
    accuracy = 1 - len(wrong) / len(PHRASES)
    print(
        f"{len(PARTNERS) + extra:>6} partners, {len(wall)} messages: wall {_percentiles(wall)}; "
        f"CPU {_percentiles(cpu)}; partner right {accuracy:.1%}"
    )
    return wrong


def main(argv: list[str]) -> None:
    """Seed, warm, time."""
    with tempfile.TemporaryDirectory() as tmp:
        url = argv[1] if argv[:1] == ["--db"] else f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        engine = make_engine(url)
        with make_session_factory(engine)() as session:
            ensure_workspace(session, TEAM, NOW)
            for seed in PARTNERS:
                fields = PartnerFields(seed.name, industry=seed.industry, pathways=seed.pathways)
                add_partner(session, TEAM, fields, now=NOW)
            session.commit()
            _measure(session, 0)
            extra = _synthetic(5000 - len(PARTNERS))
            for i, (name, industry) in enumerate(extra):
                later = NOW + timedelta(seconds=i)
                add_partner(session, TEAM, PartnerFields(name, industry=industry), now=later)
            session.commit()
            for text in _measure(session, len(extra)):
                print(f"  wrong at 5,000: {text}")
            add_partner(session, TEAM, PartnerFields("Zephyr Tools"), now=NOW + timedelta(days=1))
            session.commit()
            started = time.perf_counter()
            find_mentions(session, TEAM, "Zephyr Tools called")
            rebuilt = (time.perf_counter() - started) * 1000
            print(f"first message after a partner is added (index rebuilt): {rebuilt:.1f} ms")
        engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1:])
