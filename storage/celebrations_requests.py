"""Celebrations' requests, one operation each: a listener of handlers/celebrations calls one
of these, which reads and writes what the request needs in one transaction and returns plain
values. A spotlight is a claimed send: its claim is committed before Slack is asked to post
it, and what became of the post is settled after, in a second operation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from storage.celebrations import (
    Change,
    PromptView,
    close_prompt,
    get_prompt,
    known_names,
    put_off,
    record_thank_you,
    reopen_prompt,
)
from storage.db import SessionFactory
from storage.errors import NotFound
from storage.follow_ups import NewFollowUp, create_follow_up
from storage.models import PromptStatus, SendStatus
from storage.partners.lookup import Resolution, resolve_partner_prefix
from storage.partners.records import get_partner
from storage.people.members import is_known_lead
from storage.records import PartnerView
from storage.send_log import Claim, claim_key, claim_send, finish_send, key_kind, release_claim
from storage.workspaces import celebration_channel, set_celebration_channel

Screen = Callable[[str, Sequence[str]], list[str]]
"""The names in a story that may be a student's, given the names it may say freely (pure)."""
REPEAT = timedelta(minutes=1)
"""The same story for the same partner by the same person within this is a repeat."""
NUDGE_CLAIMS = "nudge"
"""The send-log `user_id` under which a nudge item's taker is claimed (one per item)."""


# -- the prompts' buttons ------------------------------------------------------------------


@dataclass(frozen=True)
class NotYours:
    """The prompt is another person's and the presser is no program lead: nothing changed."""

    owner: str


def _not_yours(session: Session, team_id: str, prompt: PromptView, by: str) -> NotYours | None:
    """A prompt's buttons act for its owner; a program lead may act for them (None: allowed)."""
    if by == prompt.owner_user_id or is_known_lead(session, team_id, by):
        return None
    return NotYours(prompt.owner_user_id)


@dataclass(frozen=True)
class FormStart:
    """What the Post spotlight form opens with: the prompt (None: gone) and the channel;
    `not_yours` when the presser may not post it."""

    prompt: PromptView | None
    channel: str | None
    not_yours: NotYours | None = None


def start_spotlight_form(
    sessions: SessionFactory, team_id: str, prompt_id: int, *, by: str
) -> FormStart:
    """Post spotlight: the prompt and the workspace's celebration channel."""
    with sessions() as session:
        prompt = get_prompt(session, team_id, prompt_id)
        refused = None if prompt is None else _not_yours(session, team_id, prompt, by)
        return FormStart(prompt, celebration_channel(session, team_id), refused)


def not_now(
    sessions: SessionFactory,
    team_id: str,
    prompt_id: int,
    round_: int,
    *,
    by: str,
    now: datetime,
) -> Change | NotYours | None:
    """Not now: the prompt's round is put off a week (None: no such prompt)."""
    with sessions.begin() as session:
        prompt = get_prompt(session, team_id, prompt_id)
        if prompt is None:
            return None
        refused = _not_yours(session, team_id, prompt, by)
        if refused is not None:
            return refused
        return put_off(session, team_id, prompt_id, round_, now=now)


def thanked_outside(
    sessions: SessionFactory, team_id: str, prompt_id: int, *, by: str, now: datetime
) -> Change | NotYours | None:
    """Already thanked: the prompt is closed and the thank-you recorded, together (None: no
    such prompt; not `changed`: it was already settled, nothing recorded)."""
    with sessions.begin() as session:
        prompt = get_prompt(session, team_id, prompt_id)
        if prompt is None:
            return None
        refused = _not_yours(session, team_id, prompt, by)
        if refused is not None:
            return refused
        change = close_prompt(session, team_id, prompt_id, PromptStatus.THANKED, by=by, now=now)
        if change is not None and change.changed:
            record_thank_you(
                session,
                team_id,
                change.prompt.partner_id,
                by=by,
                how="outside",
                now=now,
                prompt_id=change.prompt.id,
            )
        return change


@dataclass(frozen=True)
class Taken:
    """I'll thank them: the follow-up's note ("" when the item is gone or settled), and
    whether this click took the item (False: someone already had)."""

    note: str
    took: bool


def take_nudge_item(
    sessions: SessionFactory,
    team_id: str,
    by: str,
    item: tuple[str, int],
    *,
    key: str,
    posted_on: date,
    tz: ZoneInfo,
    now: datetime,
) -> Taken:
    """I'll thank them on a weekly nudge's item (`("w", prompt id)` or `("p", partner id)`):
    the item is claimed once, and its taker gets a follow-up for today (`now` is their local
    time)."""
    with sessions.begin() as session:
        partner_id, note = _what_to_do(session, team_id, *item)
        if partner_id is None:
            return Taken("", False)
        claim = claim_send(session, team_id, NUDGE_CLAIMS, key, posted_on, now=now)
        if claim is None:
            return Taken(note, False)
        finish_send(session, claim, SendStatus.SENT, now=now)
        create_follow_up(
            session,
            team_id,
            partner_id,
            NewFollowUp(by, now.date(), None, note, tz),
            now=now,
            created_by=by,
            source="celebration",
        )
        return Taken(note, True)


def _what_to_do(session: Session, team_id: str, kind: str, item_id: int) -> tuple[int | None, str]:
    """The partner a nudge item is about, and the follow-up's note."""
    if kind == "w":
        prompt = get_prompt(session, team_id, item_id)
        if prompt is None or prompt.status is not PromptStatus.OPEN:
            return None, ""
        return prompt.partner_id, f"Post a thank-you: {prompt.headline}"
    try:
        partner = get_partner(session, team_id, item_id)
    except NotFound:
        return None, ""
    return partner.id, f"Thank {partner.name} in public (/celebrate {partner.name} …)"


# -- the Post spotlight form ---------------------------------------------------------------


@dataclass(frozen=True)
class FormCheck:
    """A submitted spotlight form: its prompt (None: gone); the names that may be a
    student's, with the names it may say (then nothing was closed); whether this submit
    closed the prompt (False otherwise: already posted or thanked); `not_yours` when the
    submitter may not post it (nothing closed)."""

    prompt: PromptView | None
    names: tuple[str, ...] = ()
    known: tuple[str, ...] = ()
    closed: bool = False
    not_yours: NotYours | None = None


def close_for_spotlight(
    sessions: SessionFactory,
    team_id: str,
    prompt_id: int,
    story: str,
    *,
    by: str,
    now: datetime,
    screen: Screen | None,
) -> FormCheck:
    """The form's save: the story is screened (unless `screen` is None: confirmed), then the
    prompt closed as posted, so two submits post once."""
    with sessions.begin() as session:
        prompt = get_prompt(session, team_id, prompt_id)
        if prompt is None:
            return FormCheck(None)
        refused = _not_yours(session, team_id, prompt, by)
        if refused is not None:
            return FormCheck(prompt, not_yours=refused)
        if screen is not None:
            known = known_names(session, team_id)
            names = screen(story, known)
            if names:
                return FormCheck(prompt, tuple(names), tuple(known))
        change = close_prompt(session, team_id, prompt.id, PromptStatus.POSTED, by=by, now=now)
        if change is None:
            return FormCheck(None)
        return FormCheck(change.prompt, closed=change.changed)


def spotlight_to_post(
    sessions: SessionFactory, team_id: str, prompt_id: int
) -> tuple[PromptView, PartnerView] | None:
    """The prompt the form closed and its partner (None: either is gone: nothing to post)."""
    with sessions() as session:
        prompt = get_prompt(session, team_id, prompt_id)
        if prompt is None:
            return None
        try:
            return prompt, get_partner(session, team_id, prompt.partner_id)
        except NotFound:
            return None


def spotlight_refused(sessions: SessionFactory, team_id: str, prompt_id: int) -> None:
    """Slack refused the form's spotlight: the prompt is open again."""
    with sessions.begin() as session:
        reopen_prompt(session, team_id, prompt_id)


def spotlight_posted(
    sessions: SessionFactory,
    team_id: str,
    prompt: PromptView,
    *,
    by: str,
    now: datetime,
    channel: str,
    ts: str | None,
) -> PromptView:
    """The form's spotlight was posted (or may have been): the thank-you is recorded; the
    prompt as it is now."""
    with sessions.begin() as session:
        record_thank_you(
            session,
            team_id,
            prompt.partner_id,
            by=by,
            how="spotlight",
            now=now,
            prompt_id=prompt.id,
            channel=channel,
            ts=ts,
        )
        return get_prompt(session, team_id, prompt.id) or prompt


# -- /celebrate ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Spotlight:
    """What `/celebrate TEXT` came to before posting: the partner named (`found`), the story
    and the words taken as the name, the celebration channel (None: where it was typed); the
    names that may be a student's and the names it may say (then nothing was claimed); the
    send's claims, or `repeat` when it was already posted."""

    found: Resolution
    story: str
    words: str
    channel: str | None
    names: tuple[str, ...] = ()
    known: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    repeat: bool = False


def claim_spotlight(
    sessions: SessionFactory,
    team_id: str,
    user_id: str,
    typed: str,
    *,
    trigger: str,
    now: datetime,
    screen: Screen | None,
) -> Spotlight:
    """`/celebrate TEXT`: the partner named, the story screened (unless `screen` is None:
    confirmed), and the send claimed before it is posted — unless it is a repeat (a Slack
    retry carries the same trigger; the same story within a minute is a double send)."""
    with sessions.begin() as session:
        found, story, words = resolve_partner_prefix(session, team_id, typed)
        wanted = Spotlight(found, story, words, celebration_channel(session, team_id))
        partner = found.single
        if partner is None or not story.strip():
            return wanted
        if screen is not None:
            known = known_names(session, team_id)
            names = screen(story, known)
            if names:
                return replace(wanted, names=tuple(names), known=tuple(known))
        same_story = f"{partner.id}:{' '.join(story.casefold().split())}"
        first = (
            claim_key(session, team_id, user_id, key_kind("cel:t", trigger), now=now)
            if trigger
            else None
        )
        again = claim_key(
            session, team_id, user_id, key_kind("cel:s", same_story), now=now, window=REPEAT
        )
        if (trigger and first is None) or again is None:
            return replace(wanted, repeat=True)
        return replace(wanted, claims=tuple(c for c in (first, again) if c is not None))


def spotlight_not_sent(sessions: SessionFactory, claims: Sequence[Claim]) -> None:
    """Slack refused `/celebrate`'s spotlight: nothing was posted, its claims are released."""
    with sessions.begin() as session:
        for claim in claims:
            release_claim(session, claim)


def spotlight_unknown(sessions: SessionFactory, claims: Sequence[Claim], *, now: datetime) -> None:
    """Slack did not answer: the spotlight may be there, never posted again blindly."""
    with sessions.begin() as session:
        for claim in claims:
            finish_send(session, claim, SendStatus.UNKNOWN, now=now, error="no answer")


def spotlight_sent(
    sessions: SessionFactory,
    team_id: str,
    partner_id: int,
    claims: Sequence[Claim],
    *,
    by: str,
    now: datetime,
    channel: str | None,
    ts: str | None,
) -> None:
    """`/celebrate`'s spotlight was posted: its claims are settled and the thank-you kept."""
    with sessions.begin() as session:
        for claim in claims:
            finish_send(session, claim, SendStatus.SENT, now=now, channel=channel, ts=ts)
        record_thank_you(
            session, team_id, partner_id, by=by, how="spotlight", now=now, channel=channel, ts=ts
        )


def choose_channel(
    sessions: SessionFactory, team_id: str, channel_id: str | None, *, now: datetime
) -> str | None:
    """`/celebrate channel`: where spotlights go (None: where `/celebrate` is typed)."""
    with sessions.begin() as session:
        return set_celebration_channel(session, team_id, channel_id, now=now)
