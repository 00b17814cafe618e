"""What people type after `/partner contact …`, `/partner assign …`, `/partner handoff …`,
`/partner history …` and `/partnerbot leads …`. Pure: no Slack, no database."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.common.grammar import GrammarError
from handlers.common.mrkdwn import mentioned_users, strip_mentions
from storage.people.contact_requests import ContactChanges

CONTACT_USAGE = (
    "Write `/partner contact add Acme Jane Ortiz, HR director, jane@acme.org, 555-0100, "
    "primary` (role, email, phone, `primary` and `decision-maker` are optional, in any order), "
    "`/partner contact edit Acme Jane` (a form; or `/partner contact edit Acme Jane, "
    "555-0199`), `/partner contact remove Acme Jane Ortiz`, `/partner contacts Acme`."
)
ASSIGN_USAGE = (
    "Write `/partner assign Acme @maria` (owner), `/partner assign Acme @maria backup @juan`, "
    "or `/partner assign Acme backup @juan` (`backup none` removes the backup)."
)
HANDOFF_USAGE = (
    "Write `/partner handoff @maria @juan` (all of Maria's partners and follow-ups to Juan) or "
    "`/partner handoff @maria @juan Acme, Globex` (only those), optionally ending with "
    "`because …`."
)
LEADS_USAGE = (
    "Write `/partnerbot leads @dana @lee` to name the program leads (they change team-wide "
    "settings and get leaver prompts), `/partnerbot leads` to see them, "
    "`/partnerbot leads none` to go back to the workspace's admins and owners."
)
USAGE_LINES = (
    "• `/partner contact add Acme Jane Ortiz, HR director, jane@acme.org, 555-0100, primary` · "
    "`contact edit` · `contact remove` · `/partner contacts Acme`\n"
    "• `/partner assign Acme @maria backup @juan` — school-side owner and backup\n"
    "• `/partner handoff @maria @juan [Acme, Globex]` — hand partners and follow-ups over\n"
    "• `/partner history Acme` — owner, stage and contact changes\n"
    "• `/partner list unowned` — partners that need a new owner"
)

_FLAGS_PRIMARY = {"primary", "primary contact", "main", "main contact", "point person"}
_FLAGS_DM = {"decision-maker", "decision maker", "decisionmaker", "decides", "dm"}
_LABEL = re.compile(r"^(role|title|email|e-mail|mail|phone|tel|cell|mobile)\s*:?\s+(.+)$", re.I)
_EMAIL_LIKE = re.compile(r"^[^\s,]+\.[a-z]{2,}$", re.I)
_PHONE_LIKE = re.compile(r"^[+\d(][\d\s().+-]*(?:\s*(?:x|ext\.?)\s*\d+)?$", re.I)
_REASON = re.compile(r"(?:^|[\s,;—–-])(?:because|reason:|why:)\s*(.*)$", re.I)


@dataclass(frozen=True)
class ContactCommand:
    """`/partner contact add|edit|remove PARTNER NAME[, details…]`, or `contacts PARTNER`
    (action "list", `head` the partner)."""

    action: str
    head: str
    details: ContactChanges


def _piece_kind(piece: str) -> tuple[str, str]:
    """What one comma-separated piece is: ("email"|"phone"|"primary"|"dm"|"role", value)."""
    low = piece.casefold()
    labelled = _LABEL.match(piece)
    if labelled:
        label = labelled.group(1).casefold()
        kind = "role" if label in ("role", "title") else "email" if "mail" in label else "phone"
        return kind, labelled.group(2).strip()
    if low in _FLAGS_PRIMARY:
        return "primary", ""
    if low in _FLAGS_DM:
        return "dm", ""
    if "@" in piece or (_EMAIL_LIKE.match(piece) and not any(c.isdigit() for c in piece[:1])):
        return "email", piece
    if _PHONE_LIKE.match(piece) and sum(c.isdigit() for c in piece) >= 3:
        return "phone", piece
    return "role", piece


def _details(pieces: list[str]) -> ContactChanges:
    found: dict[str, str | bool] = {}
    for piece in pieces:
        kind, value = _piece_kind(piece)
        if kind in ("primary", "dm"):
            found[kind] = True
            continue
        if kind in found:
            what = {"role": "a role", "email": "an email", "phone": "a phone number"}[kind]
            raise GrammarError(
                f"“{piece[:100]}” would be a second {what.split(' ', 1)[1]} — give one "
                f"{what.split(' ', 1)[1]} per contact. {CONTACT_USAGE}"
            )
        found[kind] = value

    def text(key: str) -> str | None:
        value = found.get(key)
        return value if isinstance(value, str) else None

    return ContactChanges(
        role=text("role"),
        email=text("email"),
        phone=text("phone"),
        is_primary=True if found.get("primary") else None,
        is_decision_maker=True if found.get("dm") else None,
    )


def _split_head(first: str) -> tuple[str, list[str]]:
    """Without commas, "Acme Jane Ortiz jane@acme.org 555-0100 primary": take trailing
    emails, phone numbers and flags off the name."""
    words = first.split()
    tail: list[str] = []
    while len(words) > 1:
        word = words[-1]
        kind, _ = _piece_kind(word)
        if kind == "role":
            break
        tail.insert(0, words.pop())
    return " ".join(words), tail


def parse_contact_command(action: str, rest: str) -> ContactCommand:
    """What followed `/partner contact` (`action` add, edit, remove) or `/partner contacts`
    (action "list")."""
    rest = " ".join(rest.split())
    if not rest:
        raise GrammarError(f"Which partner and person? {CONTACT_USAGE}")
    if action == "list":
        return ContactCommand("list", rest, ContactChanges())
    pieces = [p.strip() for p in rest.split(",")]
    head, tail = _split_head(pieces[0])
    details = _details([p for p in tail + pieces[1:] if p])
    if action == "remove" and not details.empty:
        raise GrammarError(
            f"To remove someone, write only the partner and the name. {CONTACT_USAGE}"
        )
    return ContactCommand(action, head, details)


@dataclass(frozen=True)
class AssignCommand:
    """`/partner assign PARTNER [@owner] [backup @backup|none]`. `backup` "" means remove it."""

    query: str
    owner: str | None
    backup: str | None


def parse_assign(rest: str) -> AssignCommand:
    """What followed `/partner assign`."""
    text = " ".join(rest.split())
    split = re.search(r"(?i)\bbackup\b", text)
    before, after = (text[: split.start()], text[split.end() :]) if split else (text, "")
    keyword = split is not None
    owners = mentioned_users(before)
    name = strip_mentions(before).strip()
    name = re.sub(r"(?i)\s+(to|owner|and)$", "", name).strip()
    backup: str | None = None
    if keyword:
        backups = mentioned_users(after)
        leftover = strip_mentions(after).strip().casefold()
        if len(backups) == 1 and leftover in ("", "is", ":"):
            backup = backups[0]
        elif not backups and leftover in ("none", "nobody", "no one", "remove", "-"):
            backup = ""
        else:
            raise GrammarError(f"Name one backup, as an @mention. {ASSIGN_USAGE}")
    if len(owners) > 1 or not name or (not owners and backup is None):
        raise GrammarError(ASSIGN_USAGE)
    return AssignCommand(name, owners[0] if owners else None, backup)


@dataclass(frozen=True)
class HandoffCommand:
    """`/partner handoff @from @to [partners, …] [because …]`."""

    from_user: str
    to_user: str
    partners: tuple[str, ...]
    reason: str


def parse_handoff(rest: str) -> HandoffCommand:
    """What followed `/partner handoff`."""
    text = " ".join(rest.split())
    reason = ""
    found = _REASON.search(text)
    if found:
        reason = found.group(1).strip()
        text = text[: found.start()].strip()
    users = mentioned_users(text)
    if len(users) != 2:
        raise GrammarError(f"Name two people: who hands over, then who takes over. {HANDOFF_USAGE}")
    if not text.startswith("<@"):
        raise GrammarError(f"Start with the two people. {HANDOFF_USAGE}")
    names = strip_mentions(re.sub(r"(?i)(?<=>)\s*(to|→|->)\s*(?=<@)", " ", text))
    names = re.sub(r"(?i)^(to|→|->)\s+", "", names).strip()
    partners = tuple(p.strip() for p in names.split(",") if p.strip())
    if users[0] == users[1]:
        raise GrammarError("Those are the same person — name who hands over, then who takes over.")
    return HandoffCommand(users[0], users[1], partners, reason[:200])


@dataclass(frozen=True)
class LeadsCommand:
    """`/partnerbot leads [@a @b … | none]`: show (users None), name, or clear (empty)."""

    users: tuple[str, ...] | None


def parse_leads(rest: str) -> LeadsCommand:
    """What followed `/partnerbot leads`."""
    text = " ".join(rest.split())
    if not text:
        return LeadsCommand(None)
    users = mentioned_users(text)
    leftover = strip_mentions(text).strip().casefold().strip(",")
    if not users and leftover in ("none", "nobody", "clear", "reset", "admins"):
        return LeadsCommand(())
    if not users or leftover.replace(",", "").replace("and", "").strip():
        raise GrammarError(f"Name the leads as @mentions. {LEADS_USAGE}")
    return LeadsCommand(tuple(dict.fromkeys(users)))
