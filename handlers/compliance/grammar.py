"""What people type about compliance documents, after `/partner doc`: `add Acme background
check expires 2027-06-30 for Jane Ortiz https://drive…`, `remove …`, `Acme`, `remind 30 7`.
Pure: the partner's name is split off by the listener (`document_words`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from handlers.common.grammar import GrammarError
from handlers.common.mrkdwn import clip
from storage.models import DocumentKind

USAGE = """*Compliance documents* — what is on file for each partner, and until when.
• `/partner doc add Acme background check expires 2027-06-30 for Jane Ortiz`
• kinds: `background check`, `MOU` (or `partnership agreement`), `insurance certificate`, \
`safety training`, `other: CPR card`; add `for NAME` for one person, a link to where the \
district keeps it, or `no expiry`
• `/partner doc Acme` — its documents · `/partner doc remove Acme background check for Jane Ortiz`
• `/partner list expiring` — expired and expiring soon · `/partner doc remind 30 7` — \
when owners are reminded (days before expiry, in the morning digest)"""

KIND_LABELS = {
    DocumentKind.BACKGROUND_CHECK: "Background check",
    DocumentKind.AGREEMENT: "MOU / partnership agreement",
    DocumentKind.INSURANCE: "Insurance certificate",
    DocumentKind.SAFETY_TRAINING: "Safety training",
    DocumentKind.OTHER: "Other",
}
_KIND_WORDS: tuple[tuple[DocumentKind, str], ...] = (
    (DocumentKind.BACKGROUND_CHECK, r"background\s+checks?|bg\s+checks?|background|fingerprints?"),
    (
        DocumentKind.AGREEMENT,
        r"mou|m\.o\.u\.?|memorandum(?:\s+of\s+understanding)?|"
        r"(?:partnership\s+)?agreement|contract",
    ),
    (
        DocumentKind.INSURANCE,
        r"insurance(?:\s+certificate)?|certificate\s+of\s+insurance|coi|liability\s+insurance",
    ),
    (DocumentKind.SAFETY_TRAINING, r"safety(?:\s+training)?|osha(?:\s+training)?"),
    (DocumentKind.OTHER, r"other"),
)
_KINDS = [(k, re.compile(rf"^(?:{w})(?![\w])", re.IGNORECASE)) for k, w in _KIND_WORDS]
_URL = re.compile(r"<?(https?://[^\s|>]+)(?:\|[^>]*)?>?", re.IGNORECASE)
# A link as kept: http(s), no spaces, and none of < > | (they would break out of Slack's
# <url|label> markup).
SAFE_LINK = re.compile(r"https?://[^\s<>|]+", re.IGNORECASE)
_EXPIRES = re.compile(
    r"\b(?:expires?(?:\s+on)?|exp\.?|expiring|valid\s+(?:until|through|thru)|good\s+(?:until|"
    r"through|thru)|until|through)\s+",
    re.IGNORECASE,
)
_NO_EXPIRY = re.compile(
    r"\b(?:no\s+expiry|no\s+expiration|never\s+expires|does\s+not\s+expire)\b", re.IGNORECASE
)
_DAYS_WORD = re.compile(r"(?<=\d)\s*(?:days?|d)\b", re.IGNORECASE)
_FOR = re.compile(r"(?:^|\s)for\s+", re.IGNORECASE)
_DATE = re.compile(
    r"^(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})|"
    r"([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))(?![\w/-])",
    re.IGNORECASE,
)
_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ),
        start=1,
    )
    for m in names.split()
}


@dataclass(frozen=True)
class DocumentWords:
    """A document as typed after the partner's name."""

    kind: DocumentKind
    label: str | None
    expires_on: date | None
    contact_name: str | None
    link: str | None


def _expiry(text: str) -> tuple[date, int]:
    """The date at the start of `text` (with its year: expiry dates are written whole) and
    how many characters it took."""
    m = _DATE.match(text)
    if m is None:
        raise GrammarError(
            f"I couldn't read the expiry date in “{clip(text, 60)}”. Write it with its year: "
            "`expires 2027-06-30` (or `6/30/2027`, `Jun 30 2027`), or `no expiry`."
        )
    try:
        if m.group(1):
            found = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        elif m.group(4):
            year = int(m.group(6)) + (2000 if len(m.group(6)) == 2 else 0)
            found = date(year, int(m.group(4)), int(m.group(5)))
        else:
            month = _MONTHS.get(m.group(7).casefold())
            if month is None:
                raise ValueError(m.group(7))
            found = date(int(m.group(9)), month, int(m.group(8)))
    except ValueError:
        raise GrammarError(f"“{m.group(0)}” is not a date.") from None
    return found, m.end()


def _link(found: str) -> str:
    """A link as Slack sent it (&, < and > escaped), as typed; GrammarError unless it is a
    plain web address."""
    link = found.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    if not SAFE_LINK.fullmatch(link):
        raise GrammarError(
            f"“{clip(link, 80)}” is not a plain web address: a link starts with https:// and "
            "has no spaces, <, > or |."
        )
    return link


def parse_document(text: str) -> DocumentWords:
    """ "background check expires 2027-06-30 for Jane Ortiz <https://…>" → its parts."""
    links = [_link(found) for found in _URL.findall(text)]
    text = " ".join(_URL.sub(" ", text).split())
    kind, label, rest = _kind(text)
    expires: date | None = None
    no_expiry = _NO_EXPIRY.search(rest)
    if no_expiry:
        rest = (rest[: no_expiry.start()] + " " + rest[no_expiry.end() :]).strip()
    else:
        when = _EXPIRES.search(rest)
        if when is None:
            raise GrammarError(
                "When does it expire? Add `expires 2027-06-30` (or `no expiry`), e.g. "
                "`/partner doc add Acme background check expires 2027-06-30 for Jane Ortiz`."
            )
        expires, length = _expiry(rest[when.end() :])
        rest = (rest[: when.start()] + " " + rest[when.end() + length :]).strip()
    contact = None
    who = _FOR.search(rest)
    if who:
        contact = rest[who.end() :].strip(" ,;.") or None
        rest = rest[: who.start()].strip()
    if kind is DocumentKind.OTHER:
        label = " ".join(filter(None, [label, rest.strip(" :,;-")])) or None
        if not label:
            raise GrammarError("Say what the document is: `other: CPR card expires 2027-01-31`.")
    elif rest.strip(" ,;:-"):
        label = rest.strip(" ,;:-")
    return DocumentWords(kind, label, expires, contact, links[0] if links else None)


def _kind(text: str) -> tuple[DocumentKind, str | None, str]:
    for kind, pattern in _KINDS:
        m = pattern.match(text)
        if m:
            return kind, None, text[m.end() :].strip(" :,;-")
    first = " ".join(text.split()[:3])
    raise GrammarError(
        f"What kind of document is “{clip(first, 60)}”? Use `background check`, `MOU`, "
        "`insurance certificate`, `safety training` or `other: WHAT IT IS`."
    )


def parse_kind_and_person(text: str) -> tuple[DocumentKind, str | None, str | None]:
    """ "background check for Jane Ortiz" → the kind, the label (other) and the person."""
    kind, label, rest = _kind(" ".join(text.split()))
    who = _FOR.search(rest)
    person = rest[who.end() :].strip() or None if who else None
    if who:
        rest = rest[: who.start()]
    if kind is DocumentKind.OTHER:
        label = rest.strip(" :,;-") or None
    return kind, label, person


def parse_remind_days(text: str) -> list[int]:
    """ "30 7" / "30d, 7d" / "30 days 7 days" / "30 and 7 days" / "default" → days before
    expiry ([] means the default)."""
    bare = _DAYS_WORD.sub(" ", text)
    words = [w for w in re.split(r"[\s,;]+", bare) if w and w.casefold() != "and"]
    if [w.casefold() for w in words] in (["default"], ["reset"]):
        return []
    if not words or not all(w.isdigit() for w in words):
        raise GrammarError(
            "Write how many days before expiry owners are reminded, e.g. "
            "`/partner doc remind 30 7` (or `default`)."
        )
    return [int(w) for w in words]
