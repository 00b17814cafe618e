"""`python -m bench [contact | grammar | digest [OPTIONS]]` (`make bench` runs them)."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> None:
    """Run the benchmarks named on the command line (default: all)."""
    which, rest = (argv[0], argv[1:]) if argv else ("all", [])
    if which not in ("all", "contact", "grammar", "digest", "handoff", "load"):
        print(
            "usage: python -m bench [contact | grammar | handoff | digest [--contacts N] "
            "[--db sqlite|postgresql] | load [--users N] [--requests N] [--threads N]]"
        )
        raise SystemExit(2)
    if which == "load":  # minutes, several processes: only when asked for
        from bench import load

        print("== load: two replicas and a scheduler on PostgreSQL ==")
        load.main(rest)
        return
    if which in ("all", "contact"):
        from bench import contact_latency

        print("== /contact latency ==")
        contact_latency.main()
    if which in ("all", "grammar"):
        from bench import grammar

        print("== /contact reading: the corpus, at 20 and 5,000 partners ==")
        grammar.main()
    if which in ("all", "handoff"):
        from bench import handoff

        print("== /partner handoff: 200 partners, 1,000 follow-ups ==")
        handoff.main()
    if which in ("all", "digest"):
        from bench import digest_scale

        print("== composing every morning digest ==")
        digest_scale.main(rest)


main(sys.argv[1:])
