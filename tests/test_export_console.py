"""The export in the console: whoever starts it is the workspace's admin, so `/partnerbot
export` goes through (its files uploaded to the console's local Slack with files_upload_v2);
someone met with `/as` is refused. SQLite, as the console runs."""

from __future__ import annotations

import io

import pytest

from bot.config import Settings
from bot.console.repl import Console
from storage.clock import FrozenClock

pytestmark = pytest.mark.databases("sqlite")


def test_the_console_user_exports_and_a_colleague_is_refused(
    migrated_db_url: str, clock: FrozenClock
) -> None:
    settings = Settings(
        DATABASE_URL=migrated_db_url, PARTNERBOT_TIMEZONE="America/Chicago", _env_file=None
    )
    script = "/partner add Acme Health\n/partnerbot export\n/as maria\n/partnerbot export\n"
    out = io.StringIO()
    console = Console(
        settings, user="casey", out=out, inp=io.StringIO(script), interactive=False, clock=clock
    )
    assert console.run() == 0
    shown = out.getvalue()
    assert "Preparing everything this workspace holds" in shown
    assert "Only the workspace's admins and owners" in shown
    uploads = console.slack.calls_to("files.getUploadURLExternal")
    assert sorted(call.body["filename"] for call in uploads) == [
        "partnerbot-export-T0LOCAL-2026-11-23.xlsx",
        "partnerbot-export-T0LOCAL-2026-11-23.zip",
    ]
    [done] = console.slack.calls_to("files.completeUploadExternal")
    assert done.body["channel_id"] == f"D{console.local_user('casey').id}"  # her DM
