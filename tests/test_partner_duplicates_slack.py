"""Near-duplicate partners (issue 20): `/partner add` asks before adding a name close to an
existing partner's, `/partner merge A into B` moves everything in one transaction after a
preview, and `/partner delete A` removes only a partner nothing is attached to. Through the
real Bolt app with signed requests, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from storage.models import (
    BusinessContact,
    BusySeason,
    ComplianceDocument,
    Engagement,
    FollowUp,
    Interaction,
    Partner,
    PartnerChange,
)
from tests.support.slackapp import JUAN, MARIA, Bot, Reply, select_value, text_value


def partners(bot: Bot) -> list[tuple[str, bool]]:
    """Each partner's name and whether it is archived."""
    with bot.deps.sessions() as session:
        rows = session.scalars(select(Partner).order_by(Partner.id))
        return [(p.name, p.archived_at is not None) for p in rows]


def partner_id(bot: Bot, name: str) -> int:
    with bot.deps.sessions() as session:
        found = session.scalar(select(Partner.id).where(Partner.name == name))
        assert found is not None
        return found


def on_partner(bot: Bot, table: Any, pid: int) -> int:
    with bot.deps.sessions() as session:
        return session.scalar(select(func.count()).where(table.partner_id == pid)) or 0


def buttons(reply: Reply) -> list[str]:
    return [
        e["text"]["text"]
        for b in reply.body["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    ]


# -- adding a name close to an existing partner's -------------------------------------------


def test_adding_a_close_name_asks_first_and_add_anyway_adds_it(bot: Bot) -> None:
    bot.command("/partner", "add Riverside Auto Group")
    asked = bot.command("/partner", "add Riverside Auto industry: Automotive")
    assert "looks like *Riverside Auto Group*, already a partner" in asked.text
    assert "Nothing was added" in asked.text
    assert buttons(asked) == ["Open Riverside Auto Group", "Add anyway"]
    assert partners(bot) == [("Riverside Auto Group", False)]

    opened = bot.press(asked.body["blocks"], "partner_show")
    assert opened.body["blocks"][0]["text"]["text"] == "Riverside Auto Group"
    assert partners(bot) == [("Riverside Auto Group", False)]

    added = bot.press(asked.body["blocks"], "partner_add_anyway")
    assert added.body["replace_original"] is True
    assert "Added *Riverside Auto*" in added.text
    assert partners(bot) == [("Riverside Auto Group", False), ("Riverside Auto", False)]
    with bot.deps.sessions() as session:
        industry = session.scalar(select(Partner.industry).where(Partner.name == "Riverside Auto"))
    assert industry == "Automotive"  # what was typed, not only the name


def test_an_archived_partner_with_a_close_name_is_shown_too(bot: Bot) -> None:
    bot.command("/partner", "add Riverside Auto Group")
    bot.command("/partner", "archive Riverside Auto Group")
    asked = bot.command("/partner", "add Riverside Auto")
    assert "*Riverside Auto Group* (archived)" in asked.text
    assert partners(bot) == [("Riverside Auto Group", True)]
    assert "Open Riverside Auto Group" in buttons(asked)


def test_a_longer_name_starting_with_a_partners_whole_name_is_asked_about(bot: Bot) -> None:
    bot.command("/partner", "add Riverside Auto")
    asked = bot.command("/partner", "add Riverside Auto Group")
    assert "looks like *Riverside Auto*, already a partner" in asked.text
    assert partners(bot) == [("Riverside Auto", False)]
    other = bot.command("/partner", "add Riverside Regional Hospital")
    assert "Added *Riverside Regional Hospital*" in other.text  # a different business


def test_the_add_form_names_the_close_partner_until_add_anyway_is_ticked(bot: Bot) -> None:
    bot.command("/partner", "add Riverside Auto Group")
    bot.command("/partner", "add")
    [view] = bot.opened_views()
    values = {"name": text_value("Riverside Auto"), "stage": select_value("prospect")}
    refused = bot.submit(view, values)
    assert refused.body["response_action"] == "errors"
    assert "Riverside Auto Group" in refused.body["errors"]["name"]
    assert "Add anyway" in refused.body["errors"]["name"]
    assert partners(bot) == [("Riverside Auto Group", False)]

    ticked = {"type": "checkboxes", "selected_options": [{"value": "yes"}]}
    saved = bot.submit(view, {**values, "anyway": {"value": ticked}})
    assert saved.body == {}
    assert partners(bot) == [("Riverside Auto Group", False), ("Riverside Auto", False)]


# -- merging -----------------------------------------------------------------------------------


def duplicate_with_records(bot: Bot) -> tuple[int, int]:
    """Riverside Auto Group, and its duplicate Riverside Auto with one of everything."""
    bot.command("/partner", "add Riverside Auto Group")
    bot.press(bot.command("/partner", "add Riverside Auto").body["blocks"], "partner_add_anyway")
    for command, text in [
        ("/contact", "Riverside Auto called Jane about shadows, follow up fri"),
        ("/partner", "contact add Riverside Auto Jane Ortiz, HR director, jane@ra.com, primary"),
        ("/partner", "doc add Riverside Auto MOU no expiry"),
        ("/partner", "busy Riverside Auto Nov 15 - Dec 31 holiday rush"),
        ("/engage", "Riverside Auto job shadow Dec 9, 12 students"),
    ]:
        assert bot.command(command, text).status == 200
    return partner_id(bot, "Riverside Auto"), partner_id(bot, "Riverside Auto Group")


TABLES = (Interaction, FollowUp, Engagement, ComplianceDocument, BusinessContact, BusySeason)


def test_merge_previews_then_moves_everything_and_deletes_the_duplicate(bot: Bot) -> None:
    dup, kept = duplicate_with_records(bot)
    preview = bot.command("/partner", "merge riverside auto into Riverside Auto Group")
    for said in ("1 logged contact", "1 follow-up", "1 engagement", "1 compliance document"):
        assert said in preview.text
    assert "1 business contact" in preview.text
    assert "1 busy season" in preview.text
    assert buttons(preview) == ["Confirm", "Cancel"]
    assert [on_partner(bot, t, dup) for t in TABLES] == [1] * 6  # nothing moved yet

    done = bot.press(preview.body["blocks"], "partner_merge:confirm")
    assert done.body["replace_original"] is True
    assert "Merged *Riverside Auto* into *Riverside Auto Group*" in done.text
    assert partners(bot) == [("Riverside Auto Group", False)]
    assert [on_partner(bot, t, kept) for t in TABLES] == [1] * 6

    with bot.deps.sessions() as session:
        notes = session.scalar(select(Partner.notes).where(Partner.id == kept))
        merge = session.scalars(select(PartnerChange).where(PartnerChange.kind == "merge")).one()
    assert notes is not None
    assert "Also known as: Riverside Auto" in notes
    assert (merge.partner_id, merge.by_user_id) == (kept, MARIA)
    history = bot.command("/partner", "history Riverside Auto Group")
    assert "merged Riverside Auto into Riverside Auto Group" in history.text
    assert "added Jane Ortiz" in history.text  # the duplicate's history came along
    card = bot.command("/partner", "riverside auto")  # the old name finds the partner kept
    assert card.body["blocks"][0]["text"]["text"] == "Riverside Auto Group"

    again = bot.press(preview.body["blocks"], "partner_merge:confirm")
    assert "no longer exists" in again.text
    assert partners(bot) == [("Riverside Auto Group", False)]


def test_a_merge_after_an_edit_since_its_preview_moves_nothing(bot: Bot) -> None:
    dup, kept = duplicate_with_records(bot)
    preview = bot.command("/partner", "merge Riverside Auto into Riverside Auto Group")
    assert "1 logged contact" in preview.text
    bot.command("/contact", "Riverside Auto emailed the MOU draft", user_id=JUAN)  # meanwhile

    stale = bot.press(preview.body["blocks"], "partner_merge:confirm")
    assert "changed since that preview, so nothing moved" in stale.text
    assert "2 logged contacts" in stale.text
    assert partners(bot) == [("Riverside Auto Group", False), ("Riverside Auto", False)]
    assert on_partner(bot, Interaction, dup) == 2
    assert on_partner(bot, Interaction, kept) == 0

    fresh = bot.command("/partner", "merge Riverside Auto into Riverside Auto Group")
    assert "2 logged contacts" in fresh.text
    bot.press(fresh.body["blocks"], "partner_merge:confirm")
    assert on_partner(bot, Interaction, kept) == 2
    assert partners(bot) == [("Riverside Auto Group", False)]


def test_only_the_owner_of_both_or_a_lead_merges(bot: Bot) -> None:
    bot.command("/partner", "add Riverside Auto Group")
    bot.press(
        bot.command("/partner", "add Riverside Auto", user_id=JUAN).body["blocks"],
        "partner_add_anyway",
        user_id=JUAN,
    )
    refused = bot.command("/partner", "merge Riverside Auto into Riverside Auto Group")
    assert "Only the owner of both partners or a program lead" in refused.text
    assert "Nothing changed" in refused.text
    assert len(partners(bot)) == 2


def test_merge_bad_input_changes_nothing(bot: Bot) -> None:
    bot.command("/partner", "add Riverside Auto Group")
    for text, said in [
        ("merge Riverside Auto Group", "/partner merge Acme Hlth into Acme Health"),
        ("merge Nowhere into Riverside Auto Group", "No partner matches “Nowhere”"),
        ("merge riverside into Riverside Auto Group", "same partner"),
    ]:
        assert said in bot.command("/partner", text).text
    assert partners(bot) == [("Riverside Auto Group", False)]
    cancelled = bot.press(
        bot.command("/partner", "add Riverside Auto").body["blocks"], "partner_add_anyway"
    )
    assert "Added" in cancelled.text
    preview = bot.command("/partner", "merge Riverside Auto into Riverside Auto Group")
    cancel = bot.press(preview.body["blocks"], "partner_merge:cancel")
    assert "Nothing merged" in cancel.text
    assert len(partners(bot)) == 2


# -- deleting ----------------------------------------------------------------------------------


def test_delete_removes_only_a_partner_with_nothing_attached(bot: Bot) -> None:
    bot.command("/partner", "add Oldco")
    asked = bot.command("/partner", "delete Oldco")
    assert "Delete *Oldco*?" in asked.text
    assert buttons(asked) == ["Delete", "Cancel"]
    assert partners(bot) == [("Oldco", False)]
    assert "Nothing deleted" in bot.press(asked.body["blocks"], "partner_delete:cancel").text
    assert partners(bot) == [("Oldco", False)]

    done = bot.press(asked.body["blocks"], "partner_delete:confirm")
    assert done.body["replace_original"] is True
    assert "Deleted *Oldco*" in done.text
    assert partners(bot) == []


def test_a_partner_with_history_can_only_be_archived_or_merged(bot: Bot) -> None:
    bot.command("/partner", "add Acme Health")
    bot.command("/contact", "Acme Health called Jane about internships")
    refused = bot.command("/partner", "delete Acme Health")
    assert "can't be deleted — it can only be archived" in refused.text
    assert "/partner merge Acme Health into" in refused.text
    assert partners(bot) == [("Acme Health", False)]


def test_a_contact_logged_after_the_delete_question_keeps_the_partner(bot: Bot) -> None:
    bot.command("/partner", "add Oldco")
    asked = bot.command("/partner", "delete Oldco")
    bot.command("/contact", "Oldco called about a guest speaker", user_id=JUAN)
    refused = bot.press(asked.body["blocks"], "partner_delete:confirm")
    assert "1 logged contact" in refused.text
    assert "can only be archived" in refused.text
    assert partners(bot) == [("Oldco", False)]
