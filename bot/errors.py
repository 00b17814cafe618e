"""When something fails, the person hears it in plain words, never an empty HTTP 500.

One classification of what went wrong (the database, Slack, the request itself) and whether
this request had already saved something, used by Bolt's global error handler (the ack path)
and by the lazy-listener runner (the work done after the ack, whose exceptions Bolt would only
log). What was saved is noticed through the session factory's events, per thread."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Executor
from logging import Logger
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.lazy_listener.thread_runner import ThreadLazyListenerRunner
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from bot.lazywork import LaneExecutor, lane_of
from bot.observe import describe, mark_failed
from handlers.common.blocks import text_blocks
from handlers.common.metrics import WORK_FAILURES
from handlers.common.mrkdwn import escape
from storage.db import SessionFactory

log = logging.getLogger(__name__)

DATABASE_DOWN = "The database is not answering; nothing was saved — try again in a minute."
DATABASE_DOWN_AFTER_SAVE = (
    "The database stopped answering part-way: what was saved before that is kept, the rest "
    "was not saved — check, then try again in a minute."
)
DATABASE_REFUSED = "The database refused something in that request; nothing was saved."
BROKEN = (
    "Something went wrong on my side and nothing was saved. Try again; if it keeps "
    "happening, tell whoever runs partnerbot."
)
BROKEN_AFTER_SAVE = (
    "Saved, but something went wrong after that, so I could not show you the result."
)
_BOOKKEEPING_TABLES = frozenset({"workspaces", "staff"})
_WROTE = "partnerbot_wrote"

_SLACK_DOING = {
    "views.open": "open the form",
    "views.push": "open the form",
    "views.update": "update the form",
    "views.publish": "update your Home tab",
    "chat.update": "update that message",
    "chat.delete": "remove that message",
    "chat.postMessage": "post the message",
    "chat.postEphemeral": "answer you there",
    "users.info": "look up that person",
    "conversations.open": "open a direct message",
}


class _Work(threading.local):
    saved = False


_work = _Work()


def begin_work() -> None:
    """A new request (or lazy listener) starts on this thread: nothing saved yet."""
    _work.saved = False


def saved_so_far() -> bool:
    """Whether this thread's request has committed a change of the person's (not bookkeeping
    such as remembering a time zone)."""
    return _work.saved


def track_saves(sessions: SessionFactory) -> None:
    """Note, per thread, when a session of `sessions` commits a change to a record."""
    if event.contains(sessions, "after_commit", _after_commit):
        return
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "do_orm_execute", _after_execute)
    event.listen(sessions, "after_commit", _after_commit)
    event.listen(sessions, "after_rollback", _after_rollback)


def _after_flush(session: Session, _flush: UOWTransaction) -> None:
    for row in (*session.new, *session.dirty, *session.deleted):
        table = getattr(getattr(row, "__table__", None), "name", "")
        if table not in _BOOKKEEPING_TABLES:
            session.info[_WROTE] = True
            return


def _after_execute(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(getattr(state.statement, "table", None), "name", "")
        if table not in _BOOKKEEPING_TABLES:
            state.session.info[_WROTE] = True


def _after_commit(session: Session) -> None:
    if session.info.pop(_WROTE, False):
        _work.saved = True


def _after_rollback(session: Session) -> None:
    session.info.pop(_WROTE, None)


def _slack_method(error: SlackApiError) -> str:
    url = str(getattr(error.response, "api_url", "") or "")
    return url.rstrip("/").rsplit("/", 1)[-1]


def explain(error: BaseException, *, saved: bool) -> str:
    """What to tell the person about `error`, in plain words (safe mrkdwn)."""
    if isinstance(error, sa_exc.OperationalError | sa_exc.InterfaceError | sa_exc.TimeoutError):
        return f"⚠️ {DATABASE_DOWN_AFTER_SAVE if saved else DATABASE_DOWN}"
    if isinstance(error, sa_exc.DBAPIError | sa_exc.StatementError):
        return f"⚠️ {DATABASE_REFUSED}"
    if isinstance(error, SlackApiError):
        code = str(error.response.get("error") or error.response.status_code)
        doing = _SLACK_DOING.get(_slack_method(error), "finish")
        if saved:
            return f"⚠️ Saved, but Slack would not let me {doing} ({escape(code)})."
        return f"⚠️ Slack would not let me {doing} ({escape(code)}); nothing was changed."
    if isinstance(error, SlackClientError | OSError):
        if saved:
            return "⚠️ Saved, but Slack did not answer in time, so I could not show you the result."
        return "⚠️ Slack did not answer in time; nothing was changed — try again in a minute."
    return f"⚠️ {BROKEN_AFTER_SAVE if saved else BROKEN}"


def polite_body(body: dict[str, Any], text: str) -> dict[str, Any] | None:
    """The HTTP answer that shows `text` for this kind of request, or None when Slack shows
    nothing of an answer's body (buttons, shortcuts, events: use `tell` instead)."""
    kind = body.get("type")
    if "command" in body:
        return {"response_type": "ephemeral", "text": text, "blocks": text_blocks(text)}
    if kind == "view_submission":
        return {
            "response_action": "push",
            "view": {
                "type": "modal",
                "title": {"type": "plain_text", "text": "partnerbot"},
                "close": {"type": "plain_text", "text": "Back"},
                "blocks": text_blocks(text),
            },
        }
    if kind == "block_suggestion":
        return {"options": []}
    return None


def polite_response(body: dict[str, Any], text: str) -> BoltResponse:
    """A 200 answer carrying `text` where Slack shows it."""
    answer = polite_body(body, text)
    if answer is None:
        return BoltResponse(status=200, body="")
    return BoltResponse(
        status=200,
        body=json.dumps(answer, ensure_ascii=False),
        headers={"content-type": "application/json;charset=utf-8"},
    )


def tell(request: BoltRequest, text: str) -> None:
    """Tell the person behind `request` `text`: beside what they used (response_url), else
    ephemeral in the channel, else by DM. Failing to tell is logged, never raised."""
    context = request.context
    try:
        if context.respond is not None and context.response_url:
            context.respond(
                text=text,
                blocks=text_blocks(text),
                response_type="ephemeral",
                replace_original=False,
            )
            return
        client, user_id = context.client, context.user_id
        if client is None or not user_id:
            return
        channel = context.channel_id
        if channel and not channel.startswith("D"):
            try:
                client.chat_postEphemeral(
                    channel=channel, user=user_id, text=text, blocks=text_blocks(text)
                )
                return
            except SlackApiError:
                pass
        client.chat_postMessage(channel=user_id, text=text, blocks=text_blocks(text))
    except Exception as error:  # Slack itself may be what failed
        log.warning("could not tell %s what went wrong: %s", context.user_id, error)


def install_error_handling(
    app: App,
    executor: Executor,
    prepare: Callable[[BoltRequest], None] = lambda _r: None,
    done: Callable[[BoltRequest], None] = lambda _r: None,
) -> None:
    """Bolt's global error handler (the ack path) and a lazy-listener runner that tells the
    person when work after the ack fails. `executor` runs the telling for requests whose HTTP
    answer Slack does not show (buttons, shortcuts). `prepare` is applied to each lazy
    listener's request first (Bolt re-reads the raw body for them, so what the global
    middleware cleaned must be cleaned again); `done` is called when a lazy listener has run,
    whether it succeeded or the person was told it failed."""

    def on_error(error: Exception, request: BoltRequest, body: dict[str, Any]) -> BoltResponse:
        log.error("request failed: %s", error, exc_info=(type(error), error, error.__traceback__))
        mark_failed()
        text = explain(error, saved=saved_so_far())
        answer = polite_response(body if isinstance(body, dict) else {}, text)
        if not answer.body and isinstance(body, dict) and body.get("type") != "event_callback":
            executor.submit(tell, request, text)
        return answer

    app.error(on_error)
    runner = app._listener_runner  # Bolt has no public hook for lazy failures
    runner.lazy_listener_runner = TellingLazyRunner(runner.logger, executor, prepare, done)


class TellingLazyRunner(ThreadLazyListenerRunner):
    """Bolt's thread runner for lazy listeners, but a listener that raises tells the person
    what happened (Bolt would only log it)."""

    def __init__(
        self,
        logger: Logger,
        executor: Executor,
        prepare: Callable[[BoltRequest], None],
        done: Callable[[BoltRequest], None] = lambda _r: None,
    ) -> None:
        super().__init__(logger=logger, executor=executor)
        self.prepare = prepare
        self.done = done

    def start(self, function: Callable[..., None], request: BoltRequest) -> None:
        work = self._guarded(function, request)
        if isinstance(self.executor, LaneExecutor):
            self.executor.submit_in_lane(lane_of(request), work)
        else:
            self.executor.submit(work)

    def run(self, function: Callable[..., None], request: BoltRequest) -> None:
        self._guarded(function, request)()

    def _guarded(self, function: Callable[..., None], request: BoltRequest) -> Callable[[], None]:
        from slack_bolt.kwargs_injection import build_required_kwargs
        from slack_bolt.util.utils import get_arg_names_of_callable

        names = get_arg_names_of_callable(function)
        logger: Logger = self.logger

        def guarded() -> None:
            begin_work()
            try:
                self.prepare(request)
                function(
                    **build_required_kwargs(
                        logger=logger,
                        required_arg_names=names,
                        request=request,
                        response=None,
                        this_func=function,
                    )
                )
            except Exception as error:
                # Bolt's own words for a failed lazy listener, with the traceback.
                logger.exception(f"Failed to run an internal function ({error})")
                body = request.body if isinstance(request.body, dict) else {}
                WORK_FAILURES.labels(describe(body).type).inc()
                if body.get("type") != "event_callback":
                    tell(request, explain(error, saved=saved_so_far()))
            self.done(request)

        return guarded
