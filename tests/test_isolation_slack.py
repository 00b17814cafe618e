"""Workspace isolation through the listeners: a second workspace sending buttons and modal
submissions that carry the first workspace's ids changes nothing and reveals nothing."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select

from storage.models import FollowUp, Interaction, Partner
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot, select_value, text_value

OTHER = "T0OTHER"


def snapshot(bot: Bot) -> list[tuple[object, ...]]:
    """Every partner, contact and follow-up row, as plain tuples."""
    with bot.deps.sessions() as session:
        partners = [
            (p.id, p.team_id, p.name, p.stage, p.owner_user_id, p.archived_at, p.industry)
            for p in session.scalars(select(Partner).order_by(Partner.id))
        ]
        contacts = [
            (i.id, i.team_id, i.summary, i.kind, i.deleted_at)
            for i in session.scalars(select(Interaction).order_by(Interaction.id))
        ]
        follow_ups = [
            (f.id, f.team_id, f.status, f.due_date, f.owner_user_id)
            for f in session.scalars(select(FollowUp).order_by(FollowUp.id))
        ]
    return [*partners, *contacts, *follow_ups]


def buttons(action_id: str, value: str) -> list[dict[str, Any]]:
    """One actions block with one button, as a crafted request would carry it."""
    button = {
        "type": "button",
        "action_id": action_id,
        "value": value,
        "text": {"type": "plain_text", "text": "Go"},
    }
    return [{"type": "actions", "block_id": "crafted", "elements": [button]}]


def test_another_workspace_cannot_use_our_ids(bot: Bot) -> None:
    zephyr = records.partner(bot.deps.sessions, TEAM_ID, "Zephyr Dairy", owner=MARIA)
    fid = records.follow_up(
        bot.deps.sessions, TEAM_ID, zephyr, MARIA, date(2026, 11, 20), "send the quince order"
    )
    logged = bot.command("/contact", "Zephyr called Jane about the apiary grant")
    card = bot.command("/partner", "zephyr")
    listing = bot.command("/followup", "")
    bot.press(card.body["blocks"], "partner_edit")
    bot.press(card.body["blocks"], "partner_assign")
    edit_view, assign_view = bot.opened_views()
    bot.press(logged.body["blocks"], "contact_edit")
    contact_view = bot.opened_views()[-1]
    before = snapshot(bot)
    bot.slack.clear()

    other = bot.other_team(OTHER)
    answers = [
        other.press(card.body["blocks"], "partner_edit", user_id=JUAN),
        other.press(card.body["blocks"], "partner_assign", user_id=JUAN),
        other.press(card.body["blocks"], "contact_open", user_id=JUAN),
        other.press(buttons(f"partner_show:{zephyr}", str(zephyr)), "partner_show", user_id=JUAN),
        other.press(buttons("partner_unarchive", str(zephyr)), "partner_unarchive", user_id=JUAN),
        other.press(
            buttons("contact_history_page:older", f"{zephyr}:0"), "contact_history", user_id=JUAN
        ),
        other.press(logged.body["blocks"], "contact_undo", user_id=JUAN),
        other.press(logged.body["blocks"], "contact_edit", user_id=JUAN),
        other.press(listing.body["blocks"], "fu_done", value=str(fid), user_id=JUAN),
        other.press(
            listing.body["blocks"],
            "fu_snooze",
            selected_option={"value": f"7d:{fid}"},
            user_id=JUAN,
        ),
        other.press(listing.body["blocks"], "fu_reassign", selected_user=JUAN, user_id=JUAN),
        other.submit(
            edit_view,
            {"name": text_value("Hijacked"), "stage": select_value("paused")},
            user_id=JUAN,
        ),
        other.submit(
            assign_view,
            {"owner": {"value": {"type": "users_select", "selected_user": JUAN}}},
            user_id=JUAN,
        ),
        other.submit(
            contact_view,
            {
                "partner": {
                    "contact_partner_pick": {
                        "type": "external_select",
                        "selected_option": {"value": str(zephyr)},
                    }
                },
                "kind": select_value("call"),
                "summary": text_value("overwritten"),
            },
            user_id=JUAN,
        ),
        other.command("/contact", "Zephyr called Jane", user_id=JUAN),
        other.command("/followup", "all", user_id=JUAN),
        other.command("/partner", "list", user_id=JUAN),
    ]

    assert snapshot(bot) == before
    seen = json.dumps([a.body for a in answers], ensure_ascii=False) + json.dumps(
        [c.body for c in bot.slack.calls], ensure_ascii=False
    )
    for i, a in enumerate(answers):
        assert "Zephyr Dairy" not in json.dumps(a.body), (i, a.body)
    for c in bot.slack.calls:
        assert "Zephyr Dairy" not in json.dumps(c.body), (c.method, c.body)
    assert "send the quince order" not in seen
    assert "apiary" not in seen
