"""Every request Slack sends an app, built as Slack builds it, and signed as Slack signs it.

One namespace for the console, the tests and the benchmarks (`from bot.console import payloads`),
gathered from its parts: who sends (`workspace`), `signing`, slash `commands`, `interactions`,
`viewstate` values and `events`. The shapes follow Slack's documented examples. Pure functions
returning dicts and strings; nothing here talks to Slack or to the app.
"""

from bot.console.payloads.commands import slash_command_body
from bot.console.payloads.events import (
    app_home_opened,
    event_body,
    event_request,
    file_shared_in_dm,
    user_change,
)
from bot.console.payloads.interactions import (
    action,
    block_actions,
    block_suggestion,
    ephemeral_container,
    find_element,
    global_shortcut,
    interactive_body,
    message_action,
    message_container,
    posted_message,
    view_container,
    view_submission,
)
from bot.console.payloads.signing import bolt_request, response_url_of, signed_headers
from bot.console.payloads.viewstate import date_state, option, select_state, text_state, users_state
from bot.console.payloads.workspace import (
    API_APP_ID,
    BOT_USER_ID,
    FORM,
    JSON,
    TEAM_DOMAIN,
    VERIFICATION_TOKEN,
    Ids,
    Payload,
    Workspace,
)

__all__ = [
    "API_APP_ID",
    "BOT_USER_ID",
    "FORM",
    "JSON",
    "TEAM_DOMAIN",
    "VERIFICATION_TOKEN",
    "Ids",
    "Payload",
    "Workspace",
    "action",
    "app_home_opened",
    "block_actions",
    "block_suggestion",
    "bolt_request",
    "date_state",
    "ephemeral_container",
    "event_body",
    "event_request",
    "file_shared_in_dm",
    "find_element",
    "global_shortcut",
    "interactive_body",
    "message_action",
    "message_container",
    "option",
    "posted_message",
    "response_url_of",
    "select_state",
    "signed_headers",
    "slash_command_body",
    "text_state",
    "user_change",
    "users_state",
    "view_container",
    "view_submission",
]
