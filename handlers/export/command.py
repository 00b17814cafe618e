"""`/partnerbot export [since DATE]` and `/partner export PARTNER` (verbs run after the ack, on
the asker's lane): who may is checked and the answer ("Preparing…") goes out first; then the
files are written to a private temporary folder and uploaded to the asker's DM with
files_upload_v2. A failed export or upload is told to the asker."""

from __future__ import annotations

import logging
import tempfile
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from slack_sdk.errors import SlackApiError

from handlers.common.blocks import text_blocks
from handlers.common.grammar import GrammarError
from handlers.common.mrkdwn import escape, quote, user
from handlers.common.replies import ephemeral, notify
from handlers.deps import Person
from handlers.export.files import ExportFiles, file_base, write_export
from handlers.export.grammar import parse_since
from handlers.partners.sections import not_one_partner
from handlers.people.sections import leads_sentence, slack_admin
from storage.engagements_requests import NoSinglePartner
from storage.export import ExportScope
from storage.export_requests import ExportRefused, export_check

log = logging.getLogger(__name__)
Answer = dict[str, Any]


def workspace_export_verb(who: Person, rest: str, command: dict[str, Any]) -> Answer:
    """`/partnerbot export` · `/partnerbot export since 2026-08-01` (program leads)."""
    try:
        since = parse_since(rest)
    except GrammarError as exc:
        return ephemeral(f"{escape(str(exc))} Nothing was exported.")
    return _export(who, command, since=since, partner=None)


def partner_export_verb(who: Person, rest: str, command: dict[str, Any]) -> Answer:
    """`/partner export Acme` (the partner's owner, or a program lead)."""
    if not rest.strip():
        return ephemeral("Which partner? Write `/partner export Acme Health`.")
    return _export(who, command, since=None, partner=rest.strip())


def _export(
    who: Person, command: dict[str, Any], *, since: date | None, partner: str | None
) -> Answer:
    admin = slack_admin(who.client, who.user_id)
    check = export_check(
        who.deps.sessions,
        who.team_id,
        who.user_id,
        partner=partner,
        slack_admin=admin,
        now=who.deps.clock.now(),
    )
    if isinstance(check, NoSinglePartner):
        unknown = f"No partner matches “{quote(check.words, 100)}”. See `/partner list`."
        return ephemeral(not_one_partner(check.words, check.candidates, unknown))
    if isinstance(check, ExportRefused):
        return ephemeral(_refusal(check))
    local, tz = who.local_now()
    one = check.partner
    scope = ExportScope(who.team_id, tz, local.date(), since, one.id if one else None)
    base = file_base(who.team_id, local.date(), since=since, partner=one.name if one else None)
    who.later.append(partial(_send, who, scope, base, command.get("channel_id")))
    if one is not None:
        what = f"*{quote(one.name, 100)}*'s records"
    elif since is not None:
        what = f"everything recorded since {since.isoformat()}"
    else:
        what = "everything this workspace holds"
    return ephemeral(
        f"⏳ Preparing {what}… A spreadsheet (`{base}.xlsx`) and a zip of CSVs will be in "
        "your DM with partnerbot in a moment."
    )


def _refusal(refused: ExportRefused) -> str:
    if refused.partner is None:
        return (
            f"Only {leads_sentence(refused.leads)} can export the whole workspace. "
            "Nothing was exported. (A partner's owner can export it: `/partner export Acme`.)"
        )
    owner = refused.partner.owner_user_id
    whose = f"its owner ({user(owner)}) or " if owner else ""
    return (
        f"Only {whose}{leads_sentence(refused.leads)} can export "
        f"*{quote(refused.partner.name, 100)}*. Nothing was exported."
    )


def _send(who: Person, scope: ExportScope, base: str, channel_id: str | None) -> None:
    """Write the files into a private temporary folder and upload them to the asker's DM."""
    try:
        with tempfile.TemporaryDirectory(prefix="partnerbot-export-") as folder:
            files = write_export(who.deps.sessions, scope, Path(folder), base)
            _upload(who, files)
    except SlackApiError as exc:
        log.warning("export not uploaded: %s", exc.response.get("error"))
        _tell(who, channel_id, "Slack refused the upload")
    except Exception:
        log.exception("export of %s failed", scope.team_id)
        _tell(who, channel_id, "it could not be written")


def _upload(who: Person, files: ExportFiles) -> None:
    counts = ", ".join(f"{name.lower()} {n}" for name, n in files.exported.counts)
    channel = str(who.client.conversations_open(users=who.user_id)["channel"]["id"])
    who.client.files_upload_v2(
        channel=channel,
        file_uploads=[
            {"file": str(files.workbook), "filename": files.workbook.name, "title": "Export"},
            {"file": str(files.csvs), "filename": files.csvs.name, "title": "Export (CSVs)"},
        ],
        initial_comment=f"📦 Your partnerbot export — rows: {counts}.",
    )


def _tell(who: Person, channel_id: str | None, why: str) -> None:
    text = f"⚠️ Your export was not sent: {why}. Nothing was changed; try again in a few minutes."
    notify(
        who.client, user_id=who.user_id, channel_id=channel_id, text=text, blocks=text_blocks(text)
    )
