"""The records: typed SQLAlchemy 2 models, one module per feature over a shared base. Every row
carries the Slack workspace's team_id. Importing this package registers every table on
`Base.metadata` (Alembic and the tests rely on that)."""

from __future__ import annotations

from storage.models.base import Base, UTCDateTime
from storage.models.boards import AdvisoryBoard, BoardMeeting, BoardMember, BoardRule
from storage.models.celebrations import (
    CelebrationPrompt,
    NudgeSettings,
    PromptStatus,
    ThankYou,
)
from storage.models.compliance import (
    ComplianceDocument,
    ComplianceSettings,
    DocumentKind,
    DocumentReminder,
)
from storage.models.contact_log import Interaction, InteractionKind
from storage.models.engagements import DebriefOutcome, Engagement, EngagementKind
from storage.models.follow_ups import FollowUp, FollowUpEvent, FollowUpStatus
from storage.models.imports import ImportBatch, ImportStatus
from storage.models.inbox import InboxEntry
from storage.models.installations import SlackBot, SlackInstallation, SlackOAuthState
from storage.models.partners import BusinessContact, OwnershipChange, Partner, Stage
from storage.models.people import HandledEvent, Handoff, PartnerChange, ProgramLead
from storage.models.school_year import BusySeason, CalendarEntry, CalendarKind
from storage.models.send_log import SendLog, SendStatus
from storage.models.workspaces import Staff, Workspace

__all__ = [
    "AdvisoryBoard",
    "Base",
    "BoardMeeting",
    "BoardMember",
    "BoardRule",
    "BusinessContact",
    "BusySeason",
    "CalendarEntry",
    "CalendarKind",
    "CelebrationPrompt",
    "ComplianceDocument",
    "ComplianceSettings",
    "DebriefOutcome",
    "DocumentKind",
    "DocumentReminder",
    "Engagement",
    "EngagementKind",
    "FollowUp",
    "FollowUpEvent",
    "FollowUpStatus",
    "HandledEvent",
    "Handoff",
    "ImportBatch",
    "ImportStatus",
    "InboxEntry",
    "Interaction",
    "InteractionKind",
    "NudgeSettings",
    "OwnershipChange",
    "Partner",
    "PartnerChange",
    "ProgramLead",
    "PromptStatus",
    "SendLog",
    "SendStatus",
    "SlackBot",
    "SlackInstallation",
    "SlackOAuthState",
    "Staff",
    "Stage",
    "ThankYou",
    "UTCDateTime",
    "Workspace",
]
