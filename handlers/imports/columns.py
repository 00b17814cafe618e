"""Which column holds what: a sheet's header row is found (title rows and merged headings above
it are skipped) and each header is matched to a field forgivingly — case, spacing,
punctuation and common names ("Company", "Organization", "Sector", "Program", "Status",
"Primary contact", "E-mail") and close typos; "Contact 1 Name", "Contact 2 Email" … columns
are read as several contacts. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz, process

PARTNER_FIELDS: dict[str, tuple[str, ...]] = {
    "name": (
        "partner", "name", "company", "organization", "organisation", "business", "employer",
        "partner name", "company name", "organization name", "organisation name",
        "business name", "employer name", "org", "org name", "partner organization",
    ),
    "industry": ("industry", "sector", "industry sector", "field"),
    "pathways": (
        "pathway", "pathways", "program", "programs", "cte pathway", "cte pathways",
        "career pathway", "career pathways", "program area", "program areas", "cte program",
    ),
    "stage": ("stage", "status", "pipeline stage", "partner status", "partnership status"),
    "source": ("source", "lead source", "referred by", "how we met"),
    "notes": ("notes", "note", "comments", "comment", "description", "details"),
    "owner": (
        "owner", "school owner", "staff owner", "relationship owner", "assigned to",
        "school contact", "staff contact", "owner email", "cte contact", "teacher",
    ),
    "backup": ("backup", "backup owner", "backup contact"),
    "cadence_days": ("cadence days", "cadence", "stay in touch days"),
    "last_contact": (
        "last contact", "last contact date", "last contacted", "date of last contact",
        "last touch", "last touchpoint", "last contact on",
    ),
    "last_thanked": ("last thanked", "last thank you", "thanked"),
    "archived": ("archived", "archived on"),
}  # fmt: skip
CONTACT_FIELDS: dict[str, tuple[str, ...]] = {
    "name": (
        "contact", "contact person", "primary contact", "contact name", "main contact",
        "point of contact", "poc", "business contact", "contact full name",
        "name", "full name", "person",
    ),
    "title": ("title", "contact title", "role", "position", "job title", "contact role"),
    "email": ("email", "e mail", "email address", "contact email", "e mail address"),
    "phone": (
        "phone", "phone number", "telephone", "tel", "mobile", "cell", "contact phone",
        "work phone", "office phone",
    ),
}  # fmt: skip
CONTACT_SHEET_FIELDS: dict[str, tuple[str, ...]] = {
    "partner": ("partner", "company", "organization", "organisation", "business"),
    "name": ("name", "contact", "contact name", "person"),
    "title": ("title", "role", "position", "job title"),
    "email": ("email", "e mail", "email address"),
    "phone": ("phone", "phone number", "telephone", "mobile"),
    "primary": ("primary", "primary contact", "is primary"),
    "decision_maker": ("decision maker", "decision-maker"),
}
LABELS = {
    "name": "Partner name",
    "industry": "Industry",
    "pathways": "Pathways",
    "stage": "Stage",
    "source": "Source",
    "notes": "Notes",
    "owner": "Owner",
    "backup": "Backup",
    "cadence_days": "Cadence days",
    "last_contact": "Last contact",
    "last_thanked": "Last thanked",
    "archived": "Archived",
    "contact.name": "Contact name",
    "contact.title": "Contact title",
    "contact.email": "Contact email",
    "contact.phone": "Contact phone",
}
"""Every field a person may point at a column, as the mapping shows it."""
FUZZY_CUTOFF = 88.0
_WIDE = re.compile(
    r"^(?:contact|person|poc|business contact)\s*#?\s*(\d{1,2})\s*"
    r"(name|full name|email|e mail|email address|phone|phone number|title|role|position)?$"
)
_WIDE_FIELD = {"full name": "name", "e mail": "email", "email address": "email"}
_WIDE_FIELD |= {"phone number": "phone", "role": "title", "position": "title"}


def header_key(text: str) -> str:
    """A header compared: lower case, punctuation and "(optional)"-like asides gone."""
    text = re.sub(r"\(.*?\)", " ", text.casefold())
    text = re.sub(r"[^\w]+|_", " ", text)
    return " ".join(text.split())


def _field(key: str, fields: dict[str, tuple[str, ...]]) -> str | None:
    for field, names in fields.items():
        if key in names:
            return field
    choices = {n: f for f, names in fields.items() for n in names}
    best = process.extractOne(key, list(choices), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return choices[best[0]] if best is not None else None


def map_headers(headers: Sequence[str]) -> dict[str, Any]:
    """The mapping of a partner sheet: {"fields": {field: column}, "contacts": [{field:
    column}, …]} (the first column that fits a field wins)."""
    fields: dict[str, int] = {}
    single: dict[str, int] = {}
    wide: dict[int, dict[str, int]] = {}
    for i, header in enumerate(headers):
        key = header_key(header)
        if not key:
            continue
        numbered = _WIDE.match(key)
        if numbered:
            part = _WIDE_FIELD.get(numbered.group(2) or "name", numbered.group(2) or "name")
            wide.setdefault(int(numbered.group(1)), {}).setdefault(part, i)
            continue
        found = _field(key, PARTNER_FIELDS)
        if found is not None and found not in fields:
            fields[found] = i
            continue
        found = _field(key, CONTACT_FIELDS)
        if found is not None and found not in single:
            single[found] = i
    contacts = [single] if single.get("name") is not None or single else []
    contacts += [wide[n] for n in sorted(wide)]
    return {"fields": fields, "contacts": [c for c in contacts if c]}


def map_contact_sheet(headers: Sequence[str]) -> dict[str, int]:
    """The mapping of a business-contacts sheet (one contact a row, its partner named)."""
    found: dict[str, int] = {}
    for i, header in enumerate(headers):
        field = _field(header_key(header), CONTACT_SHEET_FIELDS)
        if field is not None and field not in found:
            found[field] = i
    return found


def header_row(rows: Sequence[tuple[int, list[str]]], *, contacts: bool = False) -> int | None:
    """Which of the first rows is the header: the first naming a partner (or, for a contacts
    sheet, a partner and a name) in at least two cells that fit fields. Title rows above it
    (one cell, as a merged heading reads) are skipped."""
    for index, (_, cells) in enumerate(rows[:15]):
        if sum(1 for c in cells if c) < 2:
            continue
        if contacts:
            found = map_contact_sheet(cells)
            if "partner" in found and "name" in found:
                return index
            continue
        mapping = map_headers(cells)
        if "name" in mapping["fields"] and len(mapping["fields"]) + len(mapping["contacts"]) >= 2:
            return index
    return None
