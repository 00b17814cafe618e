"""`python -m bench NAME [OPTIONS]`: contact, grammar, digest, send, startup, handoff, load,
import, report, durability (`make bench` runs contact, grammar, handoff, digest and startup).
Each prints its figures beside floors measured in the same run; contact, digest, send, startup,
report and durability also save them in bench/results/."""

from __future__ import annotations

import sys

USAGE = (
    "usage: python -m bench [contact [--db sqlite|postgresql|both] [--contacts N] | grammar | "
    "handoff | "
    "digest [--contacts N] [--db ...] | send [--workspaces N] [--staff N] [--workers N] "
    "[--db ...] | send --one-workspace [--staff N ...] [--workers N] [--db ...] | "
    "startup | load [--users N] [--requests N] [--threads N] | import [--db ...] | "
    "report [--db sqlite|postgresql|both] [--repeats N] | "
    "durability [--db sqlite|postgresql] [--replicas 1|2] [--rounds N] [--requests N]]"
)


def main(argv: list[str]) -> None:
    """Run the benchmarks named on the command line (default: the quick ones)."""
    which, rest = (argv[0], argv[1:]) if argv else ("all", [])
    names = ("all", "contact", "grammar", "digest", "handoff", "load", "send", "startup")
    if which not in (*names, "durability", "import", "report"):
        print(USAGE)
        raise SystemExit(2)
    if which == "load":  # minutes, several processes: only when asked for
        from bench import load

        print("== load: two replicas and a scheduler on PostgreSQL ==")
        load.main(rest)
        return
    if which == "durability":  # minutes, servers stopped and killed: only when asked for
        from bench import durability

        print("== durability: partnerbot serve stopped and killed under /contact ==")
        durability.main(rest)
        return
    if which == "report":  # a minute of seeding: only when asked for
        from bench import report

        print("== /partnerbot report: a year of a large district ==")
        report.main(rest)
        return
    if which == "import":  # a minute or two: only when asked for
        from bench import imports

        print("== import: a 10,000-row spreadsheet previewed and imported ==")
        imports.main(rest)
        return
    if which == "send" and "--one-workspace" in rest:  # minutes: only when asked for
        from bench import send

        print("== sending every digest: partnerbot jobs run, 100 ms a post ==")
        send.main([arg for arg in rest if arg != "--one-workspace"])
        return
    if which == "send":  # a minute or more: only when asked for
        from bench import send_workspaces

        print("== sending 20 workspaces' digests at Slack's pace, 100 ms a post ==")
        send_workspaces.main(rest)
        return
    if which in ("all", "contact"):
        from bench import contact_latency

        print("== /contact latency ==")
        contact_latency.main(rest if which == "contact" else [])
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
        digest_scale.main(rest if which == "digest" else [])
    if which in ("all", "startup"):
        from bench import startup

        print("== start-up: partnerbot serve healthy, partnerbot console's first answer ==")
        startup.main(rest if which == "startup" else [])


main(sys.argv[1:])
