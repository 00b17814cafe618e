"""`/contact`, the "Log partner contact" shortcuts, the contact modal and its buttons.
Thin listeners: ack → parse → storage → render."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import ActionsBlock, ButtonElement, SectionBlock

from handlers import actions
from handlers.contact_grammar import (
    ContactParseError,
    FollowUpInPast,
    ParsedContact,
    parse_contact,
)
from handlers.deps import Deps
from handlers.forms import form_values, metadata
from handlers.mrkdwn import clip, day, escape, quote, user
from handlers.render_contacts import (
    KIND_LABELS,
    contact_form,
    partner_options,
    render_history,
)
from handlers.render_partners import Blocks, text_blocks
from handlers.replies import notify
from storage.contact_lookup import resolve_partner_prefix
from storage.errors import InvalidInput, NotFound
from storage.interactions import (
    LoggedContact,
    NewContact,
    NewFollowUp,
    contact_history,
    log_contact,
    recent_contacts_by_others,
    undo_contact,
    update_contact,
)
from storage.models import InteractionKind
from storage.partners import (
    DuplicatePartner,
    PartnerFields,
    add_partner,
    find_partners,
    get_partner,
    list_partners,
)
from storage.views import InteractionView, PartnerView

HISTORY_PAGE = 10
BUTTON_VALUE_LIMIT = 2000

USAGE = """*Log a contact* — one line, in plain words:
• `/contact Acme called Jane about summer internships, follow up next tue`
• `/contact acme helth met with HR at the career fair yesterday; f/u in 2 weeks`
• `/contact "Riverside Auto" emailed the shop manager the MOU draft, remind me Dec 3`
• `/contact history Acme` — everything logged with a partner
The kind (call, email, meeting, visit, event, note) comes from your words; `follow up …`,
`f/u …` or `remind me …` adds a follow-up for you (or for the @person you mention).
Or use the message shortcut *Log partner contact* on any Slack message."""


def _ephemeral(text: str, blocks: Blocks | None = None) -> dict[str, Any]:
    return {"response_type": "ephemeral", "text": text, "blocks": blocks or text_blocks(text)}


def _typed_back(text: str) -> str:
    """The command as typed, ready to copy, fix and send again."""
    return f"```/contact {escape(clip(text, 2800))}```"


def register(app: App, deps: Deps) -> None:
    """Register every contact-log listener."""

    def local_now(client: WebClient, team_id: str, user_id: str) -> tuple[datetime, ZoneInfo]:
        tz = deps.timezone_of(client, team_id, user_id)
        return deps.clock.now().astimezone(tz), tz

    def save(
        client: WebClient,
        team_id: str,
        user_id: str,
        partner: PartnerView,
        parsed: ParsedContact,
        tz: ZoneInfo,
        *,
        key: str | None,
        drop_follow_up: bool = False,
        follow_up_on: date | None = None,
        permalink: str | None = None,
        message_author: str | None = None,
    ) -> LoggedContact:
        follow_up = None
        wanted = parsed.follow_up
        if wanted is not None and not drop_follow_up:
            owner = wanted.owner_user_id or user_id
            follow_up = NewFollowUp(
                owner_user_id=owner,
                due_date=follow_up_on or wanted.due_date,
                due_time=wanted.due_time,
                note=wanted.note,
                tz=deps.timezone_of(client, team_id, owner),
            )
        occurred = parsed.occurred_at
        occurred_utc = occurred.replace(tzinfo=tz) if occurred.tzinfo is None else occurred
        with deps.sessions.begin() as session:
            return log_contact(
                session,
                team_id,
                NewContact(
                    partner_id=partner.id,
                    user_id=user_id,
                    kind=parsed.kind,
                    summary=parsed.summary,
                    occurred_at=occurred_utc.astimezone(UTC),
                    permalink=permalink,
                    message_author=message_author,
                    follow_up=follow_up,
                ),
                now=deps.clock.now(),
                idempotency_key=key,
            )

    def confirmation(
        client: WebClient, team_id: str, user_id: str, logged: LoggedContact
    ) -> tuple[str, Blocks]:
        entry = logged.interaction
        kind = entry.kind.value
        article = "an" if kind[0] in "aeiou" else "a"
        text = f"✅ Logged {article} {kind} with *{quote(entry.partner_name, 120)}*"
        if logged.follow_up is not None:
            f = logged.follow_up
            whom = "you" if f.owner_user_id == user_id else user(f.owner_user_id)
            text += f" · follow-up {day(f.due_date)} for {whom}"
        if not logged.created:
            text += "\n_(already logged — this was a repeat, nothing new was saved)_"
        others = []
        if deps.recent_contact_days > 0:
            since = deps.clock.now() - timedelta(days=deps.recent_contact_days)
            with deps.sessions() as session:
                others = recent_contacts_by_others(
                    session, team_id, entry.partner_id, user_id, since=since
                )
        for other in others[:3]:
            ago = _ago(deps.clock.now(), other.occurred_at)
            text += (
                f"\n👀 Heads-up: {user(other.user_id)} {_verb(other.kind)} "
                f"{quote(entry.partner_name, 120)} {ago}."
            )
        buttons = [
            ButtonElement(text="Undo", action_id=actions.CONTACT_UNDO, value=str(entry.id)),
            ButtonElement(text="Edit", action_id=actions.CONTACT_EDIT, value=str(entry.id)),
        ]
        blocks = [SectionBlock(text=clip(text, 3000)), ActionsBlock(elements=buttons)]
        plain = f"Logged {article} {kind} with {escape(entry.partner_name)}"
        return plain, [b.to_dict() for b in blocks]

    def log_text(
        client: WebClient,
        team_id: str,
        user_id: str,
        partner: PartnerView,
        rest: str,
        typed: str,
        *,
        key: str | None,
        drop_follow_up: bool = False,
        follow_up_on: date | None = None,
    ) -> dict[str, Any]:
        now_local, tz = local_now(client, team_id, user_id)
        try:
            parsed = parse_contact(
                rest, now_local=now_local.replace(tzinfo=None), parser=deps.dates
            )
        except FollowUpInPast as exc:
            if drop_follow_up or follow_up_on is not None:
                parsed = exc.parsed
            else:
                return _past_follow_up_question(partner, typed, exc)
        except ContactParseError as exc:
            return _ephemeral(
                f"{escape(str(exc))} Nothing was saved — fix it and send again:\n"
                f"{_typed_back(typed)}"
            )
        if not parsed.summary.strip():
            return _ephemeral(f"What happened with *{quote(partner.name, 120)}*?\n\n{USAGE}")
        try:
            logged = save(
                client,
                team_id,
                user_id,
                partner,
                parsed,
                tz,
                key=key,
                drop_follow_up=drop_follow_up,
                follow_up_on=follow_up_on,
            )
        except InvalidInput as exc:
            return _ephemeral(f"{escape(exc.message)} Nothing was saved.\n{_typed_back(typed)}")
        text, blocks = confirmation(client, team_id, user_id, logged)
        return _ephemeral(text, blocks)

    @app.command("/contact")
    def contact_command(ack: Ack, command: dict[str, Any], client: WebClient) -> None:
        team_id, user_id = command["team_id"], command["user_id"]
        typed = " ".join((command.get("text") or "").split())
        if not typed or typed.casefold() in ("help", "?", "-h", "--help"):
            ack(**_ephemeral(USAGE))
            return
        verb, _, rest = typed.partition(" ")
        if verb.casefold() == "history":
            ack(**history(client, team_id, user_id, rest, 0))
            return
        with deps.sessions() as session:
            found, rest, words = resolve_partner_prefix(session, team_id, typed)
        if found.single is not None:
            key = f"cmd:{command.get('trigger_id') or ''}" if command.get("trigger_id") else None
            ack(**log_text(client, team_id, user_id, found.single, rest, typed, key=key))
            return
        if found.candidates:
            question = f"Which partner is “{quote(words, 100)}”?"
            picks = [(p, _carry({"p": p.id, "t": typed})) for p in found.candidates[:5]]
            buttons = [
                ButtonElement(
                    text=clip(p.name, 75),
                    action_id=f"{actions.CONTACT_PICK}:{p.id}",
                    value=carried,
                )
                for p, carried in picks
                if len(carried) <= BUTTON_VALUE_LIMIT
            ]
            asked = [SectionBlock(text=question).to_dict()]
            if buttons:
                asked.append(ActionsBlock(elements=buttons).to_dict())
            else:  # too long to carry in a button: ask for the full name instead
                names = ", ".join(f"*{quote(p.name, 80)}*" for p, _ in picks)
                asked += text_blocks(
                    f"It could be {names}. Send it again starting with the full name:\n"
                    f"{_typed_back(typed)}"
                )
            ack(**_ephemeral(question, asked))
            return
        name = words or typed.split(" ", 1)[0]
        text = f"I don't know a partner called “{quote(name, 100)}”."
        blocks = [SectionBlock(text=text).to_dict()]
        carried = _carry({"n": name, "t": typed})
        if len(carried) <= BUTTON_VALUE_LIMIT:
            blocks.append(
                ActionsBlock(
                    elements=[
                        ButtonElement(
                            text=clip(f"Add “{name}” as a new partner and log this", 75),
                            action_id=actions.CONTACT_ADD_AND_LOG,
                            value=carried,
                            style="primary",
                        )
                    ]
                ).to_dict()
            )
        blocks += text_blocks(
            f"Or check the name with `/partner find {quote(name, 100)}`.\n{_typed_back(typed)}"
        )
        ack(**_ephemeral(text, blocks))

    @app.action(re.compile(rf"^{actions.CONTACT_PICK}:\d+$"))
    def picked(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        carried = json.loads(body["actions"][0]["value"])
        typed = str(carried["t"])
        with deps.sessions() as session:
            partner = get_partner(session, team_id, int(carried["p"]))
            _, rest, _ = resolve_partner_prefix(session, team_id, typed)
        reply = log_text(
            client,
            team_id,
            user_id,
            partner,
            rest,
            typed,
            key=f"pick:{body['actions'][0].get('action_ts')}",
        )
        respond(replace_original=True, text=reply["text"], blocks=reply["blocks"])

    @app.action(actions.CONTACT_ADD_AND_LOG)
    def add_and_log(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        carried = json.loads(body["actions"][0]["value"])
        name, typed = str(carried["n"]), str(carried["t"])
        try:
            with deps.sessions.begin() as session:
                partner = add_partner(
                    session,
                    team_id,
                    PartnerFields(name=name),
                    now=deps.clock.now(),
                    created_by=user_id,
                    owner_user_id=user_id,
                )
        except DuplicatePartner as exc:
            partner = exc.existing
        except InvalidInput as exc:
            respond(
                replace_original=True, text=exc.message, blocks=text_blocks(escape(exc.message))
            )
            return
        rest = _after_name(typed, name)
        reply = log_text(
            client,
            team_id,
            user_id,
            partner,
            rest,
            typed,
            key=f"add:{body['actions'][0].get('action_ts')}",
        )
        respond(
            replace_original=True,
            text=reply["text"],
            blocks=text_blocks(f"➕ Added *{quote(partner.name, 120)}* as a partner.")
            + reply["blocks"],
        )

    @app.action(re.compile(rf"^{actions.CONTACT_PAST_FOLLOW_UP}:(drop|tomorrow)$"))
    def past_follow_up(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        action = body["actions"][0]
        carried = json.loads(action["value"])
        typed = str(carried["t"])
        with deps.sessions() as session:
            partner = get_partner(session, team_id, int(carried["p"]))
            _, rest, _ = resolve_partner_prefix(session, team_id, typed)
        now_local, _ = local_now(client, team_id, user_id)
        choice = action["action_id"].rsplit(":", 1)[1]
        reply = log_text(
            client,
            team_id,
            user_id,
            partner,
            rest,
            typed,
            key=f"past:{action.get('action_ts')}",
            drop_follow_up=choice == "drop",
            follow_up_on=now_local.date() + timedelta(days=1) if choice == "tomorrow" else None,
        )
        respond(replace_original=True, text=reply["text"], blocks=reply["blocks"])

    @app.action(actions.CONTACT_UNDO)
    def undo(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        ack()
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        try:
            with deps.sessions.begin() as session:
                entry = undo_contact(
                    session,
                    team_id,
                    int(body["actions"][0]["value"]),
                    by=user_id,
                    now=deps.clock.now(),
                )
        except (NotFound, ValueError):
            respond(replace_original=True, text="That entry no longer exists.")
            return
        text = (
            f"↩️ Undone — the {entry.kind.value} with *{quote(entry.partner_name, 120)}* "
            "and its follow-up were removed."
        )
        respond(replace_original=True, text="Undone.", blocks=text_blocks(text))

    @app.action(actions.CONTACT_EDIT)
    def edit(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        entry_id = int(body["actions"][0]["value"])
        with deps.sessions() as session:
            entries, _ = _find_entry(session, team_id, entry_id)
        if entries is None:
            respond(replace_original=False, text="That entry no longer exists.")
            return
        partner, entry = entries
        _, tz = local_now(client, team_id, user_id)
        client.views_open(
            trigger_id=body["trigger_id"],
            view=contact_form(
                partner=partner,
                text=entry.summary,
                kind=entry.kind,
                happened_on=entry.occurred_at.astimezone(tz).date(),
                meta={"edit": entry.id, "channel_id": (body.get("channel") or {}).get("id")},
                title="Edit contact",
            ),
        )

    def open_form(
        client: WebClient,
        body: dict[str, Any],
        partner: PartnerView | None,
        text: str = "",
        meta: dict[str, Any] | None = None,
    ) -> None:
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        now_local, _ = local_now(client, team_id, user_id)
        client.views_open(
            trigger_id=body["trigger_id"],
            view=contact_form(
                partner=partner, text=text, happened_on=now_local.date(), meta=meta or {}
            ),
        )

    @app.action(re.compile(rf"^{actions.CONTACT_OPEN}(:.*)?$"))
    def open_from_button(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        value = body["actions"][0].get("value")
        partner = None
        if value:
            try:
                with deps.sessions() as session:
                    partner = get_partner(session, body["team"]["id"], int(value))
            except (NotFound, ValueError):
                partner = None
        open_form(client, body, partner, meta={"channel_id": (body.get("channel") or {}).get("id")})

    @app.shortcut(actions.SHORTCUT_GLOBAL)
    def global_shortcut(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        open_form(client, body, None)

    @app.shortcut(actions.SHORTCUT_MESSAGE)
    def message_shortcut(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        message = body.get("message") or {}
        channel = (body.get("channel") or {}).get("id")
        ts = message.get("ts") or body.get("message_ts")
        permalink = None
        if channel and ts:
            try:
                permalink = client.chat_getPermalink(channel=channel, message_ts=ts).get(
                    "permalink"
                )
            except SlackApiError:
                permalink = None
        author = message.get("user")
        with deps.sessions() as session:
            found, _, _ = resolve_partner_prefix(
                session, body["team"]["id"], str(message.get("text") or "")
            )
        open_form(
            client,
            body,
            found.exact,
            text=str(message.get("text") or ""),
            meta={
                "permalink": permalink,
                "author": author,
                "channel_id": channel,
                "source": f"msg:{channel}:{ts}",
            },
        )

    @app.options(actions.CONTACT_PARTNER_PICK)
    def partner_typeahead(ack: Ack, body: dict[str, Any]) -> None:
        team_id = body["team"]["id"]
        typed = str(body.get("value") or "").strip()
        with deps.sessions() as session:
            found = (
                find_partners(session, team_id, typed, limit=25)
                if typed
                else list_partners(session, team_id)[:25]
            )
        ack(options=partner_options(found))

    @app.view(actions.VIEW_CONTACT)
    def submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        values = form_values(view)
        meta = metadata(view)
        errors: dict[str, str] = {}
        now_local, tz = local_now(client, team_id, user_id)
        try:
            partner_id = int(values.get("partner") or "")
        except ValueError:
            errors["partner"] = "Pick the partner (start typing its name)."
            partner_id = 0
        summary = (values.get("summary") or "").strip()
        if not summary:
            errors["summary"] = "Say what happened, e.g. “Called Jane about internships”."
        happened = _date(values.get("happened_on")) or now_local.date()
        if happened > now_local.date():
            errors["happened_on"] = "A contact can't be in the future; pick today or earlier."
        follow_up_on = _date(values.get("follow_up_on"))
        if follow_up_on is not None and follow_up_on < now_local.date():
            errors["follow_up_on"] = "That date is in the past; pick today or later."
        if errors:
            ack(response_action="errors", errors=errors)
            return
        kind = InteractionKind(values.get("kind") or "note")
        occurred = (
            now_local
            if happened == now_local.date()
            else datetime.combine(happened, time(12, 0), tzinfo=tz)
        )
        try:
            with deps.sessions.begin() as session:
                partner = get_partner(session, team_id, partner_id)
                if meta.get("edit"):
                    entry = update_contact(
                        session,
                        team_id,
                        int(meta["edit"]),
                        kind=kind,
                        summary=summary,
                        occurred_at=occurred.astimezone(UTC),
                        by=user_id,
                        now=deps.clock.now(),
                    )
                    logged = LoggedContact(interaction=entry, follow_up=None, created=True)
                else:
                    note = (values.get("follow_up_note") or "").strip()
                    follow_up = (
                        NewFollowUp(
                            owner_user_id=user_id,
                            due_date=follow_up_on,
                            due_time=None,
                            note=note or f"Follow up: {clip(summary, 150)}",
                            tz=tz,
                        )
                        if follow_up_on is not None
                        else None
                    )
                    logged = log_contact(
                        session,
                        team_id,
                        NewContact(
                            partner_id=partner.id,
                            user_id=user_id,
                            kind=kind,
                            summary=summary,
                            occurred_at=occurred.astimezone(UTC),
                            permalink=meta.get("permalink"),
                            message_author=meta.get("author"),
                            follow_up=follow_up,
                        ),
                        now=deps.clock.now(),
                        idempotency_key=f"view:{view.get('id')}",
                    )
        except NotFound:
            ack(response_action="errors", errors={"partner": "That partner no longer exists."})
            return
        except InvalidInput as exc:
            field = {"summary": "summary", "note": "follow_up_note"}.get(exc.field, "summary")
            ack(response_action="errors", errors={field: exc.message})
            return
        ack()
        text, blocks = confirmation(client, team_id, user_id, logged)
        if meta.get("edit"):
            text, blocks = (
                "Saved.",
                text_blocks(f"✏️ Saved the {kind.value} with *{quote(partner.name, 120)}*."),
            )
        notify(client, user_id=user_id, channel_id=meta.get("channel_id"), text=text, blocks=blocks)

    def history(
        client: WebClient, team_id: str, user_id: str, query: str, offset: int
    ) -> dict[str, Any]:
        if not query.strip():
            return _ephemeral("Which partner? Write `/contact history Acme Health`.")
        with deps.sessions() as session:
            found, _, _ = resolve_partner_prefix(session, team_id, query)
            partner = found.single
            if partner is None:
                return _ephemeral(
                    f"No single partner matches “{quote(query, 100)}”. See `/partner list`."
                )
            entries, total = contact_history(
                session, team_id, partner.id, offset=offset, limit=HISTORY_PAGE
            )
        _, tz = local_now(client, team_id, user_id)
        blocks = render_history(
            partner, entries, offset=offset, total=total, page_size=HISTORY_PAGE, tz=tz
        )
        return _ephemeral(f"Contact history of {escape(partner.name)}", blocks)

    @app.action(re.compile(rf"^{actions.CONTACT_HISTORY_PAGE}:(older|newer)$"))
    def history_page(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        partner_id, _, offset = str(body["actions"][0]["value"]).partition(":")
        with deps.sessions() as session:
            partner = get_partner(session, team_id, int(partner_id))
            entries, total = contact_history(
                session, team_id, partner.id, offset=int(offset), limit=HISTORY_PAGE
            )
        _, tz = local_now(client, team_id, user_id)
        respond(
            replace_original=True,
            text=f"Contact history of {escape(partner.name)}",
            blocks=render_history(
                partner, entries, offset=int(offset), total=total, page_size=HISTORY_PAGE, tz=tz
            ),
        )


def _find_entry(
    session: Any, team_id: str, entry_id: int
) -> tuple[tuple[PartnerView, InteractionView] | None, int]:
    from storage.interactions import get_contact

    try:
        entry = get_contact(session, team_id, entry_id)
    except NotFound:
        return None, 0
    return (get_partner(session, team_id, entry.partner_id), entry), 1


def _past_follow_up_question(
    partner: PartnerView, typed: str, exc: FollowUpInPast
) -> dict[str, Any]:
    text = (
        f"The follow-up date, {day(exc.due_date)}, is in the past. Nothing was saved yet — "
        "what should I do?"
    )
    carried = _carry({"p": partner.id, "t": typed})
    buttons = [
        ButtonElement(
            text="Log it without a follow-up",
            action_id=f"{actions.CONTACT_PAST_FOLLOW_UP}:drop",
            value=carried,
        ),
        ButtonElement(
            text="Follow up tomorrow instead",
            action_id=f"{actions.CONTACT_PAST_FOLLOW_UP}:tomorrow",
            value=carried,
        ),
    ]
    blocks = [SectionBlock(text=text).to_dict()]
    if len(carried) <= BUTTON_VALUE_LIMIT:
        blocks.append(ActionsBlock(elements=buttons).to_dict())
    blocks.append(
        SectionBlock(text=f"Or fix the date and send again:\n{_typed_back(typed)}").to_dict()
    )
    return _ephemeral(text, blocks)


def _carry(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _after_name(typed: str, name: str) -> str:
    stripped = typed.strip()
    for candidate in (f'"{name}"', f"“{name}”", name):
        if stripped.casefold().startswith(candidate.casefold()):
            return stripped[len(candidate) :].strip()
    return stripped


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _verb(kind: InteractionKind) -> str:
    return {
        InteractionKind.CALL: "called",
        InteractionKind.EMAIL: "emailed",
        InteractionKind.MEETING: "met with",
        InteractionKind.VISIT: "visited",
        InteractionKind.EVENT: "saw",
        InteractionKind.NOTE: "logged a note about",
    }[kind]


def _ago(now: datetime, then: datetime) -> str:
    days = (now - then).days
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


__all__ = ["KIND_LABELS", "register"]
