"""`/partner` through the real Bolt app with signed requests, against SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from storage.models import FollowUpStatus, OwnershipChange, Partner, Stage
from tests.support import records
from tests.support.slackapp import JUAN, MARIA, TEAM_ID, Bot, Reply, select_value, text_value


def partners(bot: Bot) -> list[Partner]:
    with bot.deps.sessions() as session:
        return list(session.scalars(select(Partner).order_by(Partner.id)))


def test_add_then_show_the_card(bot: Bot) -> None:
    added = bot.command(
        "/partner", "add Acme Health industry: Healthcare pathway: Nursing, Health Science"
    )
    assert added.status == 200
    assert added.body["response_type"] == "ephemeral"
    assert "Added *Acme Health*" in added.text

    [stored] = partners(bot)
    assert (stored.team_id, stored.name, stored.stage) == (TEAM_ID, "Acme Health", Stage.PROSPECT)
    assert stored.industry == "Healthcare"
    assert stored.pathways == ["Nursing", "Health Science"]
    assert stored.owner_user_id == MARIA

    card = bot.command("/partner", "acme", user_id=JUAN)
    assert card.body["response_type"] == "ephemeral"
    blocks = card.body["blocks"]
    assert blocks[0] == {"type": "header", "text": {"type": "plain_text", "text": "Acme Health"}}
    assert f"<@{MARIA}>" in card.text
    assert "No business contacts yet" in card.text
    assert "No contacts logged yet" in card.text
    assert "No open follow-ups" in card.text
    labels = [e["text"]["text"] for e in blocks[-1]["elements"]]
    assert labels == ["Log contact", "Edit", "Assign", "Contact history"]


def test_typos_find_the_partner(bot: Bot) -> None:
    bot.command("/partner", "add Acme Health")
    bot.command("/partner", "add Riverside Auto")
    card = bot.command("/partner", "acme helth")
    assert card.body["blocks"][0]["text"]["text"] == "Acme Health"
    found = bot.command("/partner", "find acme helth")
    assert "Acme Health" in found.text
    assert "Riverside" not in found.text


def test_duplicate_names_point_at_the_existing_partner(bot: Bot) -> None:
    bot.command("/partner", "add Acme Health")
    again = bot.command("/partner", "add ACME health, Inc.")
    assert "*Acme Health* is already a partner" in again.text
    assert len(partners(bot)) == 1


def test_ambiguous_name_asks_which_one(bot: Bot) -> None:
    bot.command("/partner", "add Acme Health")
    bot.command("/partner", "add Acme Auto")
    reply = bot.command("/partner", "acme")
    assert "Which partner did you mean" in reply.text
    buttons = [e["text"]["text"] for e in reply.body["blocks"][1]["elements"]]
    assert buttons == ["Acme Auto", "Acme Health"]
    card = bot.press(reply.body["blocks"], "partner_show", value=str(partners(bot)[1].id))
    assert card.status == 200
    assert card.body["blocks"][0]["text"]["text"] == "Acme Auto"


def test_unknown_partner_offers_to_add_it_and_shows_usage(bot: Bot) -> None:
    reply = bot.command("/partner", "Nowhere Inc")
    assert "No partner matches “Nowhere Inc”" in reply.text
    assert "/partner add" in reply.text
    bot.press(reply.body["blocks"], "partner_add_named")
    [view] = bot.opened_views()
    name = next(b for b in view["blocks"] if b["block_id"] == "name")
    assert name["element"]["initial_value"] == "Nowhere Inc"
    assert partners(bot) == []


def test_list_filters(bot: Bot) -> None:
    bot.command("/partner", "add Acme Health stage: active pathway: Nursing")
    bot.command("/partner", "add Riverside Auto pathway: Automotive", user_id=JUAN)
    assert "Acme Health" in bot.command("/partner", "list").text
    mine = bot.command("/partner", "list mine", user_id=JUAN).text
    assert "Riverside Auto" in mine
    assert "Acme Health" not in mine
    active = bot.command("/partner", "list active").text
    assert "Acme Health" in active
    assert "Riverside" not in active
    nursing = bot.command("/partner", "list nursing").text
    assert "Acme Health" in nursing
    assert "Riverside" not in nursing
    assert "None yet" in bot.command("/partner", "list paused").text


def test_archive_and_undo(bot: Bot) -> None:
    bot.command("/partner", "add Acme Health")
    archived = bot.command("/partner", "archive acme")
    assert "Archived *Acme Health*" in archived.text
    assert partners(bot)[0].archived_at is not None
    assert "None yet" in bot.command("/partner", "list").text
    undo = bot.press(archived.body["blocks"], "partner_unarchive")
    assert partners(bot)[0].archived_at is None
    assert undo.body["replace_original"] is True
    assert "Restored *Acme Health*" in undo.text


def test_assign_keeps_history(bot: Bot) -> None:
    bot.command("/partner", "add Acme Health")
    reply = bot.command("/partner", f"assign acme health <@{JUAN}|juan>")
    assert f"<@{JUAN}> now owns *Acme Health*" in reply.text
    assert partners(bot)[0].owner_user_id == JUAN
    with bot.deps.sessions() as session:
        history = [(c.from_user_id, c.to_user_id) for c in session.scalars(select(OwnershipChange))]
    assert history == [(None, MARIA), (MARIA, JUAN)]


def test_add_form_and_its_validation(bot: Bot) -> None:
    assert bot.command("/partner", "add").body == {}
    [view] = bot.opened_views()
    assert view["callback_id"] == "partner_add_view"
    empty = bot.submit(view, {"name": text_value("   "), "stage": select_value("prospect")})
    assert empty.body["response_action"] == "errors"
    assert "name" in empty.body["errors"]
    assert partners(bot) == []

    ok = bot.submit(
        view,
        {
            "name": text_value("Valley Credit Union"),
            "stage": select_value("engaged"),
            "industry": text_value("Finance"),
            "pathways": text_value("Business, Finance"),
            "source": text_value("Chamber of commerce"),
            "notes": text_value(None),
        },
    )
    assert ok.body == {}
    [stored] = partners(bot)
    assert (stored.name, stored.stage, stored.source) == (
        "Valley Credit Union", Stage.ENGAGED, "Chamber of commerce",
    )  # fmt: skip
    [confirmation] = bot.slack.calls_to("chat.postEphemeral")
    assert confirmation.body["user"] == MARIA
    assert "Added *Valley Credit Union*" in json.dumps(confirmation.body)


def test_edit_from_the_card(bot: Bot) -> None:
    bot.command("/partner", "add Acme Health")
    card = bot.command("/partner", "acme")
    bot.press(card.body["blocks"], "partner_edit")
    [view] = bot.opened_views()
    assert view["callback_id"] == "partner_edit_view"
    bot.command("/partner", "add Riverside Auto")
    clash = bot.submit(
        view, {"name": text_value("riverside auto"), "stage": select_value("active")}
    )
    assert "already a partner" in clash.body["errors"]["name"]
    bot.submit(view, {"name": text_value("Acme Health System"), "stage": select_value("active")})
    assert [(p.name, p.stage) for p in partners(bot)] == [
        ("Acme Health System", Stage.ACTIVE), ("Riverside Auto", Stage.PROSPECT),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("frobnicate", "No partner matches “frobnicate”"),
        ("add industry: Health", "Put the partner's name first"),
        ("add ", None),
        ("add " + "x" * 10_000, "at most 200 characters (that one has 10,000)"),
        ("archive", "Which partner?"),
        ("add Acme stage: hot", "is not a stage"),
    ],
)
def test_bad_input_is_answered_and_changes_nothing(
    bot: Bot, text: str, expected: str | None
) -> None:
    reply = bot.command("/partner", text)
    assert reply.status == 200
    if expected is not None:
        assert reply.body["response_type"] == "ephemeral"
        assert expected in reply.text
    assert partners(bot) == []


def test_mrkdwn_in_names_is_stored_as_typed_and_echoed_escaped(bot: Bot) -> None:
    reply = bot.command("/partner", "add <!channel> & <@U999> Tools")
    [stored] = partners(bot)
    assert stored.name == "<!channel> & <@U999> Tools"
    assert "&lt;!channel&gt; &amp; &lt;@U999&gt; Tools" in reply.text
    header = reply.body["blocks"][1]
    assert header == {"type": "header", "text": {"type": "plain_text", "text": stored.name}}
    assert "<!channel>" not in json.dumps(reply.body["blocks"][2:]) + reply.body["text"]
    card = bot.command("/partner", "list")
    assert "<!channel>" not in card.text
    assert "<@U999>" not in card.text


def test_partner_edit_command_opens_the_prefilled_form_and_saves(bot: Bot) -> None:
    bot.command("/partner", "add Acme Health industry: Healthcare pathway: Nursing")
    assert bot.command("/partner", "edit acme").body == {}
    [view] = bot.opened_views()
    assert view["callback_id"] == "partner_edit_view"
    prefilled = {b["block_id"]: b["element"].get("initial_value") for b in view["blocks"]}
    assert (prefilled["name"], prefilled["industry"], prefilled["pathways"]) == (
        "Acme Health", "Healthcare", "Nursing",
    )  # fmt: skip
    saved = bot.submit(
        view,
        {
            "name": text_value("Acme Health"),
            "stage": select_value("engaged"),
            "industry": text_value("Health care"),
            "pathways": text_value("Nursing, Pharmacy"),
        },
    )
    assert saved.body == {}
    [stored] = partners(bot)
    assert (stored.stage, stored.industry, stored.pathways) == (
        Stage.ENGAGED, "Health care", ["Nursing", "Pharmacy"],
    )  # fmt: skip
    [told] = bot.slack.calls_to("chat.postEphemeral")
    assert "Saved *Acme Health*" in json.dumps(told.body)


def test_partner_edit_of_an_unknown_or_ambiguous_name_opens_nothing(bot: Bot) -> None:
    bot.command("/partner", "add Acme Health")
    bot.command("/partner", "add Acme Auto")
    assert "No partner matches “Globex”" in bot.command("/partner", "edit Globex").text
    assert "could be" in bot.command("/partner", "edit acme").text
    assert bot.opened_views() == []


def test_assign_modal_from_the_card(bot: Bot) -> None:
    bot.command("/partner", "add Acme Health")
    card = bot.command("/partner", "acme")
    bot.press(card.body["blocks"], "partner_assign")
    [view] = bot.opened_views()
    assert view["callback_id"] == "partner_assign_view"
    owner = next(b for b in view["blocks"] if b.get("block_id") == "owner")
    assert owner["element"]["initial_user"] == MARIA

    empty = bot.submit(view, {"owner": {"value": {"type": "users_select", "selected_user": None}}})
    assert empty.body["response_action"] == "errors"
    assert partners(bot)[0].owner_user_id == MARIA

    chosen = {"owner": {"value": {"type": "users_select", "selected_user": JUAN}}}
    assert bot.submit(view, chosen).body == {}
    assert partners(bot)[0].owner_user_id == JUAN
    [told] = bot.slack.calls_to("chat.postMessage")
    assert told.body["channel"] == MARIA
    assert f"<@{JUAN}> now owns *Acme Health*" in json.dumps(told.body)
    with bot.deps.sessions() as session:
        history = [(c.from_user_id, c.to_user_id) for c in session.scalars(select(OwnershipChange))]
    assert history == [(None, MARIA), (MARIA, JUAN)]


def archive_with_follow_ups(bot: Bot) -> tuple[Reply, list[int]]:
    acme = records.partner(bot.deps.sessions, TEAM_ID, "Acme Health", owner=MARIA)
    today = bot.clock.now().date()
    fids = [
        records.follow_up(bot.deps.sessions, TEAM_ID, acme, MARIA, today, note)
        for note in ("send the MOU draft", "thank Jane for the tour")
    ]
    asked = bot.command("/partner", "archive acme")
    assert "still has 2 open follow-ups" in asked.text
    assert partners(bot)[0].archived_at is None  # nothing changed yet
    return asked, fids


def test_archiving_with_open_follow_ups_can_close_them(bot: Bot) -> None:
    asked, fids = archive_with_follow_ups(bot)
    done = bot.press(asked.body["blocks"], "partner_archive:close")
    assert partners(bot)[0].archived_at is not None
    rows = [records.follow_up_row(bot.deps.sessions, f) for f in fids]
    assert [(r.status, r.closed_by) for r in rows] == [(FollowUpStatus.CANCELLED, MARIA)] * 2
    assert done.body["replace_original"] is True
    assert "Closed its 2 open follow-ups" in done.text


def test_archiving_with_open_follow_ups_can_keep_them(bot: Bot) -> None:
    asked, fids = archive_with_follow_ups(bot)
    kept = bot.press(asked.body["blocks"], "partner_archive:keep")
    assert partners(bot)[0].archived_at is not None
    assert "stay on their owners' lists" in kept.text
    assert all(
        records.follow_up_row(bot.deps.sessions, f).status is FollowUpStatus.OPEN for f in fids
    )
    mine = bot.command("/followup", "").text
    assert "send the MOU draft" in mine
    assert "thank Jane for the tour" in mine


def test_archiving_with_open_follow_ups_can_be_called_off(bot: Bot) -> None:
    asked, _ = archive_with_follow_ups(bot)
    off = bot.press(asked.body["blocks"], "partner_archive:cancel")
    assert off.body["text"] == "Nothing changed."
    assert partners(bot)[0].archived_at is None


def test_find_matches_names_industries_and_pathways_by_prefix_and_typo(bot: Bot) -> None:
    bot.command(
        "/partner",
        "add Riverside Regional Hospital industry: Healthcare pathway: Nursing, Health Science",
    )
    bot.command("/partner", "add Brightwater Dental industry: Healthcare")
    bot.command(
        "/partner", "add Midland Precision Manufacturing industry: Manufacturing pathway: Machining"
    )
    bot.command("/partner", "add Nurse Staffing Partners industry: Staffing")
    nurs = bot.command("/partner", "find nurs").text
    assert "Nurse Staffing Partners" in nurs  # a word of its name
    assert "Riverside Regional Hospital" in nurs  # its pathway
    assert "Midland" not in nurs
    health = bot.command("/partner", "find health").text
    assert "Brightwater Dental" in health  # its industry, Healthcare
    assert "Riverside Regional Hospital" in health
    assert "Midland" not in health
    for typed in ("nursing", "nursng", "health science"):
        found = bot.command("/partner", f"find {typed}").text
        assert "Riverside Regional Hospital" in found, typed
        assert "Midland" not in found, typed
    assert "Midland" in bot.command("/partner", "find manufactur").text
    assert "Nothing close" in bot.command("/partner", "find zzz").text


def test_find_shows_archived_partners_only_when_asked_and_restores_one_in_place(bot: Bot) -> None:
    bot.command("/partner", "add Riverside Regional Hospital pathway: Nursing")
    bot.command("/partner", "add Acme Nursing Home")
    bot.command("/partner", "archive riverside")
    plain = bot.command("/partner", "find nurs")
    assert "Acme Nursing Home" in plain.text
    assert "Riverside" not in plain.text
    assert "archived" in plain.text  # the hint how to search archived partners

    for typed in ("find nurs archived", "find --archived nurs"):
        both = bot.command("/partner", typed)
        assert "Acme Nursing Home" in both.text
        assert "Riverside Regional Hospital" in both.text
        rows = {b["block_id"]: b for b in both.body["blocks"] if b.get("block_id")}
        [riverside] = [b for b in rows.values() if "Riverside" in b["text"]["text"]]
        [acme] = [b for b in rows.values() if "Acme" in b["text"]["text"]]
        assert "archived" in riverside["text"]["text"]
        assert riverside["accessory"]["text"]["text"] == "Restore"
        assert acme["accessory"]["text"]["text"] == "Open"

    restored = bot.press(both.body["blocks"], "partner_restore")
    assert restored.body["replace_original"] is True
    assert all(p.archived_at is None for p in partners(bot))
    rows_after = [b for b in restored.body["blocks"] if b.get("block_id")]
    assert len(rows_after) == 2
    assert all(b["accessory"]["text"]["text"] == "Open" for b in rows_after)
    assert "archived" not in json.dumps(rows_after)
    assert "Riverside Regional Hospital" in bot.command("/partner", "find nurs").text


def test_find_without_words_says_how_to_write_it(bot: Bot) -> None:
    for typed in ("find", "find archived"):
        reply = bot.command("/partner", typed)
        assert "/partner find nurs" in reply.text


def test_a_pathway_list_reads_the_pathway_like_search_does(bot: Bot) -> None:
    bot.command("/partner", "add Riverside Regional Hospital pathway: Nursing, Health Science")
    bot.command("/partner", "add Nurse Staffing Partners industry: Staffing")
    bot.command("/partner", "add Midland Machining pathway: Advanced Manufacturing")
    for typed in ("Nursing", "nurs", "nursng", "health science"):
        listed = bot.command("/partner", f"list {typed}").text
        assert "Riverside Regional Hospital" in listed, typed
        assert "Nurse Staffing" not in listed, typed  # its name, not a pathway
        assert "Midland" not in listed, typed


def test_a_long_list_shows_the_first_rows_and_how_many_in_all(bot: Bot) -> None:
    for i in range(45):
        records.partner(bot.deps.sessions, TEAM_ID, f"Partner {i:02d}")
    listed = bot.command("/partner", "list")
    assert "All partners* (45)" in listed.text
    assert "and 5 more" in listed.text
    assert "Partner 00" in listed.text
    assert "Partner 44" not in listed.text
