"""Reading one `/contact` line against the workspace: which partner it names (wherever in the
sentence), then the kind, day, follow-up and note (grammar.py). The command, the buttons that
finish it, direct messages, the corpus test and `python -m bench grammar` all read through
`read_line` (`read_contact` on a session of its own), so they agree."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from handlers.common.dates import DateReader
from handlers.contact_log.follow_up_words import has_follow_up_word
from handlers.contact_log.grammar import ParsedContact, parse_contact
from storage.contact_line import Lookups
from storage.partners.mentions import Mention, Mentions
from storage.records import PartnerView
from storage.school_year import SchoolCalendar

_QUOTES = "\"'“”‘’«»*_"
_LEAD = " \t" + _QUOTES


@dataclass(frozen=True)
class Reading:
    """What a line says: `partner` is the one partner it names (None: see `mentions` for
    the close ones, or a name-like phrase), `parsed` what it says about it."""

    text: str
    mentions: Mentions
    partner: PartnerView | None
    parsed: ParsedContact


def read_contact(
    session: Session,
    team_id: str,
    text: str,
    now: datetime,
    dates: DateReader,
    calendar: SchoolCalendar,
    *,
    partner: PartnerView | None = None,
    span: tuple[int, int] | None = None,
) -> Reading:
    """`read_line` on its own session (the corpus test and the grammar bench)."""
    look = Lookups(session, team_id, now.date())
    return read_line(look, text, now, dates, calendar, partner=partner, span=span)


def read_line(
    look: Lookups,
    text: str,
    now: datetime,
    dates: DateReader,
    calendar: SchoolCalendar,
    *,
    partner: PartnerView | None = None,
    span: tuple[int, int] | None = None,
) -> Reading:
    """Read `text` as typed after `/contact`, seen from the person's local `now`.
    `partner`: the partner already chosen (a button answered "which partner?"), named at
    `span` when the text names it in words the workspace did not know yet ("Add X")."""
    mentions = look.mentions(text)
    chosen = _chosen(mentions, partner.id if partner is not None else None)
    if partner is None and chosen is not None:
        partner = chosen.partner
    elif partner is not None and chosen is None and span is not None:
        chosen = Mention(partner, span[0], span[1], 100.0)
    spans = tuple((m.start, m.end) for m in _all(mentions))
    if chosen is not None:
        spans += ((chosen.start, chosen.end),)
    like = mentions.name_like
    if like is not None and not has_follow_up_word(text[like[0] : like[1]]):
        spans += (like,)  # "May Street Bakery": a name, not a date
    parsed = parse_contact(
        text,
        now_local=now.replace(tzinfo=None),
        parser=dates,
        calendar=calendar,
        names=spans,
        note_from=_note_start(text, chosen) if chosen is not None else 0,
    )
    return Reading(text, mentions, partner, parsed)


def partners_named_like(look: Lookups, phrase: str) -> list[PartnerView]:
    """Partners whose names hold every word of a name-like `phrase` (as the start of one of
    their words: "acme" → Acme Health, Acme Auto; "Keystone Electric's" → Keystone Electrical
    Contractors), archived ones too: asked about before offering to add a new partner."""
    typed = [w for w in _NAME_WORD.findall(_POSSESSIVE.sub("", phrase.casefold())) if w]
    if not typed:
        return []
    found = look.partners(" ".join(typed), include_archived=True, limit=10)
    named = []
    for partner in found:
        words = [w.casefold() for w in _NAME_WORD.findall(partner.name)]
        if all(any(w.startswith(t) for w in words) for t in typed):
            named.append(partner)
    return named[:5]


def _all(mentions: Mentions) -> list[Mention]:
    found = list(mentions.close)
    if mentions.best is not None:
        found.append(mentions.best)
    return found


def _chosen(mentions: Mentions, partner_id: int | None) -> Mention | None:
    if partner_id is None:
        return mentions.best
    return next((m for m in _all(mentions) if m.partner.id == partner_id), None)


def _note_start(text: str, mention: Mention) -> int:
    """Where the note starts: after the partner's name when the line starts with it (with
    the rest of a short form it was typed as: "Summit PT", "Northside Vet")."""
    possessive = _POSSESSIVE.match(text, mention.end) or _POSSESSIVE.search(
        text, max(mention.start, mention.end - 2), mention.end
    )
    if text[: mention.start].strip(_LEAD) or possessive:
        return 0  # not leading, or "Gearhart's HR called": the name belongs to the sentence
    end = _name_tail(text, mention.end, mention.partner.name)
    while end < len(text) and text[end] in _QUOTES:
        end += 1
    return end


_POSSESSIVE = re.compile(r"['’]s\b")
_TOKEN = re.compile(r"\s*([\w&'’.-]+)")
_NAME_WORD = re.compile(r"[\w]+")
_SHORT_FORMS = {"co", "inc", "llc", "mfg", "&", "and", "cu", "cc"}


def _name_tail(text: str, end: int, name: str) -> int:
    """Past words right after a matched name that still belong to it: a prefix of one of its
    words ("Vet" of Veterinary), the initials of some of them ("PT"), a short form ("Co")."""
    words = [w.casefold() for w in _NAME_WORD.findall(name)]
    initials = "".join(w[0] for w in words)
    for _ in range(3):
        token = _TOKEN.match(text, end)
        if token is None:
            break
        word = token.group(1).strip(".'’").casefold()
        known = word in _SHORT_FORMS or (len(word) >= 2 and word in initials)
        if not known and not any(len(word) >= 3 and w.startswith(word) for w in words):
            break
        end = token.end()
    return end
