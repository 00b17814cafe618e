"""Export: a program lead takes out everything the workspace holds (`/partnerbot export
[since DATE]`), a partner's owner that partner (`/partner export Acme`), as one .xlsx with a
sheet per kind and a .zip of CSVs uploaded to their DM; `write_export` writes the same files
for the CLI (`partnerbot export`)."""

from __future__ import annotations

from slack_bolt import App

from handlers.common.feature import Feature, Verb
from handlers.deps import Deps
from handlers.export.command import partner_export_verb, workspace_export_verb
from handlers.export.files import ExportFiles, file_base, write_export
from handlers.export.grammar import PARTNER_USAGE, WORKSPACE_USAGE

__all__ = ["FEATURE", "ExportFiles", "file_base", "write_export"]


def register(app: App, deps: Deps) -> None:
    """Nothing of its own: its verbs run inside `/partnerbot` and `/partner`."""


FEATURE = Feature(
    name="export",
    register=register,
    verbs=(
        Verb("/partnerbot", "export", workspace_export_verb, WORKSPACE_USAGE),
        Verb("/partner", "export", partner_export_verb, PARTNER_USAGE),
    ),
)
