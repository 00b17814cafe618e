"""Two scheduler processes at the same tick, as far as one test process can make them: two
threads released together by a barrier, each with its own engine on the same database."""

from __future__ import annotations

import threading
from collections.abc import Callable

from storage.db import SessionFactory, make_engine, make_session_factory


def two_at_once(db_url: str, job: Callable[[SessionFactory], object]) -> None:
    """Run `job` twice at the same moment, each run with its own engine and sessions."""
    engines = [make_engine(db_url) for _ in range(2)]
    start = threading.Barrier(2)

    def scheduler(n: int) -> None:
        start.wait()
        job(make_session_factory(engines[n]))

    threads = [threading.Thread(target=scheduler, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for engine in engines:
        engine.dispose()
