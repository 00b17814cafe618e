"""The `/partner` grammar: text in, a command value out. Pure; no Slack, no database."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.common.grammar import GrammarError, parse_interval, parse_stage
from storage.models import Stage

USAGE = """*Partners* — keep every business partnership in one place.
• `/partner add Acme Health industry: Healthcare pathway: Nursing, Health Science stage: prospect`
• `/partner add` — opens a form
• `/partner Acme` — the partner's card (typos are fine: `/partner acme helth`)
• `/partner list` · `list mine` · `list @maria` · `list cold` · `list active` · `list Nursing` · \
`list Healthcare` — combine them: `list cold mine`, `list active welding`
• `/partner find nurs` — search names, industries, pathways (`find nurs archived`: archived too)
• `/partner edit Acme` · `/partner archive Acme` · `/partner assign Acme @maria`
• `/partner merge Acme Hlth into Acme Health` — move a duplicate's records, then delete it
• `/partner delete Acme` — only a partner with nothing recorded (else archive or merge it)
• `/partner cadence Acme 45d` — stay in touch every 45 days (`default` to use the stage's)
Stages: prospect → contacted → engaged → active → paused."""

SUBCOMMANDS = (
    "add", "list", "find", "edit", "archive", "assign", "cadence", "merge", "delete", "help",
)  # fmt: skip
# "Acme Health 45 days" / "Acme soon": the interval is a number and its unit, else the last word.
_CADENCE_TAIL = re.compile(r"^(.+?)\s+(\d+\s*[a-z]*|\S+)$", re.IGNORECASE)
_ARCHIVED = ("archived", "archive")
_FIELD = re.compile(r"\b(industry|pathways?|stage|source|notes?)\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class Help:
    """Show usage."""


@dataclass(frozen=True)
class Add:
    """Add a partner (`name` empty: open the form)."""

    name: str
    stage: Stage = Stage.PROSPECT
    industry: str | None = None
    pathways: tuple[str, ...] = ()
    source: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Show:
    """Show one partner's card."""

    query: str


@dataclass(frozen=True)
class ListPartners:
    """List partners with every filter given: mine or one person's (owned or backed up), a
    stage, going cold, and `words` that name a pathway or an industry."""

    mine: bool = False
    stage: Stage | None = None
    words: tuple[str, ...] = ()
    cold: bool = False
    person: str | None = None


@dataclass(frozen=True)
class Find:
    """Search names, industries and pathways; `archived`: archived partners too."""

    query: str
    archived: bool = False


@dataclass(frozen=True)
class Edit:
    """Open the edit form for a partner."""

    query: str


@dataclass(frozen=True)
class Archive:
    """Archive a partner."""

    query: str


@dataclass(frozen=True)
class Cadence:
    """Set a partner's stay-in-touch interval in days (None: back to its stage's default)."""

    query: str
    days: int | None


@dataclass(frozen=True)
class Merge:
    """Merge the partner `source` names into the one `target` names."""

    source: str
    target: str


@dataclass(frozen=True)
class Delete:
    """Delete a partner with nothing attached."""

    query: str


PartnerCommand = Help | Add | Show | ListPartners | Find | Edit | Archive | Cadence | Merge | Delete
_INTO = re.compile(r"\s+into\s+", re.IGNORECASE)


def _add(rest: str) -> Add:
    pieces = _FIELD.split(rest)
    name = pieces[0].strip().strip(",;").strip()
    values: dict[str, str] = {}
    for label, value in zip(pieces[1::2], pieces[2::2], strict=True):
        key = label.casefold().rstrip("s") if label.casefold() != "notes" else "note"
        values[key] = value.strip().strip(",;").strip()
    if not name and values:
        raise GrammarError("Put the partner's name first: `/partner add Acme Health industry: …`")
    stage = parse_stage(values["stage"]) if values.get("stage") else Stage.PROSPECT
    pathways = tuple(p.strip() for p in values.get("pathway", "").split(",") if p.strip())
    return Add(
        name=name,
        stage=stage,
        industry=values.get("industry") or None,
        pathways=pathways,
        source=values.get("source") or None,
        notes=values.get("note") or None,
    )


def _needs_name(verb: str, rest: str) -> str:
    if not rest:
        raise GrammarError(f"Which partner? Write `/partner {verb} Acme Health`.")
    return rest


def parse_partner_command(text: str) -> PartnerCommand:
    """Read what followed `/partner`; raises GrammarError with how to write it instead."""
    text = " ".join(text.split())
    if not text:
        return Help()
    verb, _, rest = text.partition(" ")
    verb = verb.casefold()
    rest = rest.strip()
    if verb in ("help", "?", "-h", "--help"):
        return Help()
    if verb == "add":
        return _add(rest)
    if verb == "list":
        return _list(rest)
    if verb in ("find", "search"):
        return _find(rest)
    if verb == "edit":
        return Edit(_needs_name(verb, rest))
    if verb == "archive":
        return Archive(_needs_name(verb, rest))
    if verb == "merge":
        pieces = _INTO.split(rest, maxsplit=1)
        if len(pieces) != 2 or not all(p.strip() for p in pieces):
            raise GrammarError("Write `/partner merge Acme Hlth into Acme Health`.")
        return Merge(pieces[0].strip(), pieces[1].strip())
    if verb == "delete":
        return Delete(_needs_name("delete", rest))
    if verb == "cadence":
        split = _CADENCE_TAIL.match(rest.strip())
        if split is None:
            raise GrammarError("Write `/partner cadence Acme Health 45d` (or `default`).")
        name, interval = split.groups()
        if interval.casefold() in ("default", "reset", "stage"):
            return Cadence(name, None)
        return Cadence(name, parse_interval(interval))
    return Show(text)


def _find(rest: str) -> Find:
    """`find WORDS`, with `archived` (or `--archived`) first or last to include archived ones."""
    words = rest.split()
    flags = [w for w in (words[:1] + words[-1:]) if w.casefold().lstrip("-") in _ARCHIVED]
    query = [w for w in words if w not in flags] if flags else words
    if not query:
        raise GrammarError(
            "What should I look for? Write `/partner find nurs` (add `archived` "
            "to search archived partners too)."
        )
    return Find(" ".join(query), archived=bool(flags))


_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")
_STAGES = {s.value: s for s in Stage}


def _list(rest: str) -> ListPartners:
    """`list` then any of: `mine`, `@person`, `cold`, a stage, pathway or industry words."""
    tokens = rest.split()
    mine = cold = False
    stages: list[Stage] = []
    people: list[str] = []
    words: list[str] = []
    for at, token in enumerate(tokens):
        word = token.casefold().strip(",")
        mention = _MENTION.match(token)
        if word == "all" or (word == "going" and tokens[at + 1 :][:1] == ["cold"]):
            continue
        if mention:
            people.append(mention.group(1))
        elif word in ("mine", "my", "me"):
            mine = True
        elif word in ("cold", "cool"):
            cold = True
        elif word in _STAGES:
            stages.append(_STAGES[word])
        else:
            words.append(token)
    if len(set(stages)) > 1:
        raise GrammarError("One stage at a time: `/partner list active`.")
    if len(set(people)) > 1 or (people and mine):
        raise GrammarError("One person at a time: `/partner list @maria` or `list mine`.")
    return ListPartners(
        mine=mine,
        stage=stages[0] if stages else None,
        words=tuple(words),
        cold=cold,
        person=people[0] if people else None,
    )
