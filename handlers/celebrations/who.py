"""Whether a thank-you seems to name a student, checked against the names it may say freely:
the workspace's partners and business contacts, then (only when something is left) the Slack
members' names. Used by the spotlight form and `/celebrate`: `screen` in their operation,
then `students_named` (asking Slack) only when it found something."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from slack_sdk import WebClient

from handlers.celebrations.privacy import student_names
from handlers.common.members import workspace_members

log = logging.getLogger(__name__)

MAX_MEMBER_PAGES = 5
"""users.list pages (200 members each) read for the names of the workspace's people."""


def slack_names(client: WebClient) -> list[str]:
    """The real and display names of the workspace's members (the first pages only)."""
    names: list[str] = []
    for member in workspace_members(client, pages=MAX_MEMBER_PAGES, why="names checked without"):
        profile = member.get("profile") or {}
        said = (member.get("real_name"), profile.get("real_name"), profile.get("display_name"))
        names.extend(n for n in said if isinstance(n, str) and n.strip())
    return names


def screen(story: str, known: Sequence[str]) -> list[str]:
    """The names in `story` that may be a student's, given the names it may say (`known`:
    partners and business contacts); pure, run inside the request's operation."""
    return student_names(story, partners=known, people=[])


def students_named(client: WebClient, story: str, known: Sequence[str]) -> list[str]:
    """The names `screen` left in `story`, checked against the Slack members' names too (none:
    fine to post)."""
    return student_names(story, partners=known, people=slack_names(client))
