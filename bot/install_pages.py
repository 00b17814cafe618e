"""`GET /slack/install` and `GET /slack/oauth_redirect` on `partnerbot serve`, when workspaces
install partnerbot themselves (OAuth): Bolt's OAuth flow answers them (bot/oauth.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from slack_bolt import App, BoltRequest, BoltResponse

from bot.wsgi import bolt_answer

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
OAUTH_PATHS = (INSTALL_PATH, REDIRECT_PATH)


def _request(environ: WSGIEnvironment) -> BoltRequest:
    headers: dict[str, str | Sequence[str]] = {}
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            headers[key[5:].lower().replace("_", "-")] = str(value)
    return BoltRequest(body="", query=str(environ.get("QUERY_STRING") or ""), headers=headers)


def _answer(start_response: StartResponse, response: BoltResponse) -> list[bytes]:
    return bolt_answer(start_response, response, [("Cache-Control", "no-store")])


def oauth_pages(app: App) -> WSGIApplication | None:
    """The install and redirect pages of `app`'s OAuth flow (None: no OAuth configured)."""
    flow = app.oauth_flow
    if flow is None:
        return None

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return _answer(start_response, BoltResponse(status=405, body="GET only\n"))
        request = _request(environ)
        if environ.get("PATH_INFO") == INSTALL_PATH:
            return _answer(start_response, flow.handle_installation(request))
        return _answer(start_response, flow.handle_callback(request))

    return application
