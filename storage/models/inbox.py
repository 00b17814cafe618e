"""The inbox: each request a person sent, kept from before Slack hears back until its work is
done, so a stop or a crash loses nothing that was acknowledged."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime


class InboxEntry(Base):
    """One acknowledged request. `body` is the payload as Slack sent it (gone once done);
    `owner` is the process working on it until `lease_until`; a done entry keeps only its key,
    for a day, so a retry of the same request is recognised."""

    __tablename__ = "inbox"
    __table_args__ = (Index("ix_inbox_done_at_lease_until", "done_at", "lease_until"),)

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str | None] = mapped_column(String(32))
    body: Mapped[str | None] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200))
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    lease_until: Mapped[datetime] = mapped_column(UTCDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
