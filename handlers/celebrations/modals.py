"""The Post spotlight form. The ack step validates: a thank-you and a channel, and no name that
may be a student's unless the poster confirms (the form comes back with a warning and a "post
anyway" box); then it closes the prompt, so two submits post once. The lazy step posts the
spotlight, records the thank-you and redraws the prompt where it was pressed."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.celebrations import ids
from handlers.celebrations.render import (
    posted_line,
    replace_prompt,
    spotlight,
    spotlight_form,
    state_blocks,
)
from handlers.celebrations.who import screen, students_named
from handlers.common.blocks import Blocks, text_blocks
from handlers.common.forms import form_values, metadata
from handlers.common.mrkdwn import escape, quote
from handlers.common.replies import notify
from handlers.deps import Deps
from storage.celebrations import PromptView
from storage.celebrations_requests import (
    FormCheck,
    close_for_spotlight,
    spotlight_posted,
    spotlight_refused,
    spotlight_to_post,
)

log = logging.getLogger(__name__)
POSTING = "spotlight_to_post"


def _confirmed(view: dict[str, Any]) -> bool:
    state = ((view.get("state") or {}).get("values") or {}).get(ids.CONFIRM) or {}
    return any(e.get("selected_options") for e in state.values())


def submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Validate the spotlight and claim its prompt; the lazy step posts it."""
    deps = Deps.of(context)
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    meta = metadata(view)
    values = form_values(view)
    story = (values.get(ids.TEXT) or "").strip()
    channel = values.get(ids.CHANNEL)
    errors: dict[str, str] = {}
    if not story:
        errors[ids.TEXT] = "Write a few words of thanks."
    if not channel:
        errors[ids.CHANNEL] = "Pick the channel to post in."
    if errors:
        ack(response_action="errors", errors=errors)
        return

    def close(screened: bool) -> FormCheck:
        return close_for_spotlight(
            deps.sessions,
            team_id,
            int(meta.get("p") or 0),
            story,
            by=user_id,
            now=deps.clock.now(),
            screen=screen if screened else None,
        )

    check = close(not _confirmed(view))
    if check.not_yours is not None:
        ack(
            response_action="errors",
            errors={
                ids.TEXT: "This celebration is another person's: only its owner or a program "
                "lead can post it. Nothing was posted."
            },
        )
        return
    if check.names:  # the known names left some: Slack's members' names may clear them
        names = students_named(client, story, check.known)
        if names and check.prompt is not None:
            _warn(ack, check.prompt, story, str(channel), meta, names)
            return
        check = close(False)
    if check.prompt is None:
        ack(response_action="errors", errors={ids.TEXT: "That celebration is no longer there."})
        return
    if not check.closed:
        ack(response_action="errors", errors={ids.TEXT: "This one was already posted or thanked."})
        return
    context[POSTING] = {"channel": channel, "story": story}
    ack()


def _warn(
    ack: Ack,
    prompt: PromptView,
    story: str,
    channel: str,
    meta: dict[str, Any],
    names: list[str],
) -> None:
    """The story may name a student: the form again with a warning (nothing was closed), or,
    once warned, an error on the story."""
    if meta.get("warned"):
        listed = ", ".join(names[:3])
        ack(
            response_action="errors",
            errors={
                ids.TEXT: f"This may name a student ({listed}). Remove the name, or tick "
                "“Post anyway” below."
            },
        )
        return
    again = spotlight_form(
        prompt, story=story, channel=channel, meta={**meta, "warned": 1}, warning=names
    )
    ack(response_action="update", view=again)


def post(body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Lazy: post the spotlight the ack step claimed, record the thank-you, redraw the prompt."""
    wanted = context.get(POSTING)
    if not wanted:
        return
    deps = Deps.of(context)
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    meta = metadata(body["view"])
    channel, story = str(wanted["channel"]), str(wanted["story"])
    now = deps.clock.now()
    found = spotlight_to_post(deps.sessions, team_id, int(meta.get("p") or 0))
    if found is None:
        return
    prompt, partner = found
    text, blocks = spotlight(partner, story, user_id)
    posted: dict[str, Any] = {}
    try:
        response = client.chat_postMessage(channel=channel, text=text, blocks=blocks)
        posted = {"channel": response.get("channel"), "ts": response.get("ts")}
    except SlackApiError as exc:
        spotlight_refused(deps.sessions, team_id, prompt.id)
        error = escape(str(exc.response.get("error") or "error"))
        _tell(
            client,
            user_id,
            f"I couldn't post the spotlight for *{quote(partner.name, 150)}* in <#{channel}> "
            f"({error}). Invite partnerbot there (`/invite @partnerbot`) and press *Post "
            "spotlight* again. Nothing was posted.",
        )
        return
    except Exception:  # sent, but no answer: it may be there; never post it blindly again
        log.warning("spotlight for %s/%s: outcome unknown", team_id, partner.id, exc_info=True)
        _tell(
            client,
            user_id,
            f"Slack did not confirm the spotlight for *{quote(partner.name, 150)}*. Look in "
            f"<#{channel}>: it is probably there. It is recorded as thanked.",
        )
    prompt = spotlight_posted(
        deps.sessions,
        team_id,
        prompt,
        by=user_id,
        now=now,
        channel=str(posted.get("channel") or channel)[:32],
        ts=str(posted.get("ts") or "")[:32] or None,
    )
    _redraw(deps, client, team_id, user_id, prompt, meta, posted_line(prompt, channel, user_id))


def _tell(client: WebClient, user_id: str, text: str) -> None:
    notify(client, user_id=user_id, channel_id=None, text=text, blocks=text_blocks(text))


def _redraw(
    deps: Deps,
    client: WebClient,
    team_id: str,
    user_id: str,
    prompt: PromptView,
    meta: dict[str, Any],
    line: str,
) -> None:
    """Show what became of the prompt where its Post spotlight was pressed."""
    where, channel, ts = meta.get("w"), meta.get("c"), meta.get("t")
    if where == ids.IN_HOME or not channel or not ts:
        deps.redraw_home(client, team_id, user_id)
        return
    new = state_blocks(prompt, line, str(where))
    blocks: Blocks | None = new if where == ids.IN_DM else _current_blocks(client, channel, ts)
    if blocks is None:
        return
    if where != ids.IN_DM:
        blocks = replace_prompt(blocks, prompt.id, new)
    try:
        client.chat_update(channel=channel, ts=ts, text="partnerbot", blocks=blocks)
    except SlackApiError as exc:
        log.warning("could not update the message: %s", exc.response.get("error"))


def _current_blocks(client: WebClient, channel: str, ts: str) -> Blocks | None:
    """The blocks of a message as it is now (a digest, whose other items may have changed)."""
    try:
        found = client.conversations_history(
            channel=channel, latest=ts, oldest=ts, inclusive=True, limit=1
        )
    except SlackApiError as exc:
        log.info("message %s not read back (%s)", ts, exc.response.get("error"))
        return None
    for message in found.get("messages") or []:
        if str(message.get("ts")) == ts and message.get("blocks"):
            return list(message["blocks"])
    return None
