"""The partner named anywhere in a typed sentence: full names, telling words, short forms,
initials, typos, "the hospital"; close ones are asked about; a name-like phrase that names no
partner is offered, a verb never; Slack markup is never a name; and the name index stays
fresh across processes without reading every partner's full record."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from storage.db import make_engine, make_session_factory
from storage.partners.mentions import Mentions, find_mentions
from storage.partners.records import PartnerFields, add_partner, set_archived, update_partner

NOW = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)
T1 = "T0001"
PARTNERS = [
    ("Riverside Regional Hospital", "Healthcare"),
    ("Midwest Manufacturing", "Manufacturing"),
    ("Hammer & Beam Co.", "Construction"),
    ("Prairie Valley CU", "Finance"),
    ("Acme Health", "Healthcare"),
    ("Acme Auto Body", "Automotive"),
    ("Lakeland Community College", "Education"),
    ("10/10 Cafe", "Food service"),
    ("St. Mary's Clinic", "Healthcare"),
    ("Career Center", "Education"),
]


@pytest.fixture
def statements(migrated_db_url: str) -> Iterator[tuple[Session, list[str]]]:
    """A session on a database with the partners above, and the SQL it runs from then on."""
    engine = make_engine(migrated_db_url)
    seen: list[str] = []
    with make_session_factory(engine)() as session:
        for name, industry in PARTNERS:
            add_partner(session, T1, PartnerFields(name=name, industry=industry), now=NOW)
        session.commit()

        @event.listens_for(engine, "before_cursor_execute")
        def record(conn: Any, cursor: Any, sql: str, *args: Any) -> None:
            seen.append(" ".join(sql.split()))

        yield session, seen
    engine.dispose()


@pytest.fixture
def session(statements: tuple[Session, list[str]]) -> Session:
    return statements[0]


def best(found: Mentions, text: str) -> tuple[str, str] | None:
    """The partner meant and the words that named it."""
    if found.best is None:
        return None
    return found.best.partner.name, text[found.best.start : found.best.end]


@pytest.mark.parametrize(
    ("text", "partner", "words"),
    [
        (
            "Midwest Manufacturing called about the tour",
            "Midwest Manufacturing",
            "Midwest Manufacturing",
        ),
        (
            "left a voicemail for Midwest Manufacturing re: the tour",
            "Midwest Manufacturing",
            "Midwest Manufacturing",
        ),
        (
            "sent the tour dates to midwest manufacturing",
            "Midwest Manufacturing",
            "midwest manufacturing",
        ),
        ("emailed Kim at Riverside about badges", "Riverside Regional Hospital", "Riverside"),
        ("riverside hospital met w/ Bob", "Riverside Regional Hospital", "riverside hospital"),
        ("hammer beam emailed the quote", "Hammer & Beam Co.", "hammer beam"),
        ("Hammer and Beam confirmed the crew", "Hammer & Beam Co.", "Hammer and Beam"),
        (
            "Prairie Valley Credit Union called Lisa",
            "Prairie Valley CU",
            "Prairie Valley Credit Union",
        ),
        ("prairie valley cu called Lisa", "Prairie Valley CU", "prairie valley cu"),
        ("Lakeland CC toured the shop", "Lakeland Community College", "Lakeland CC"),
        ("met Sam from Midwest Mfg", "Midwest Manufacturing", "Midwest Mfg"),
        ("called st marys clinic", "St. Mary's Clinic", "st marys clinic"),
        ("Saint Mary's Clinic sent forms", "St. Mary's Clinic", "Saint Mary's Clinic"),
        ("lunch at the 10/10 Cafe with the owner", "10/10 Cafe", "the 10/10 Cafe"),
        ("career center visit went well", "Career Center", "career center"),
        ("RRH called back", "Riverside Regional Hospital", "RRH"),
        ("acme health's HR called", "Acme Health", "acme health's"),
    ],
)
def test_a_partner_is_found_at_the_start_middle_or_end_and_by_its_short_forms(
    session: Session, text: str, partner: str, words: str
) -> None:
    assert best(find_mentions(session, T1, text), text) == (partner, words)


@pytest.mark.parametrize(
    ("text", "partner"),
    [
        ("Midwst Manufacturing phoned", "Midwest Manufacturing"),
        ("called riversde about the fair", "Riverside Regional Hospital"),
        ("met with Lakland Community College", "Lakeland Community College"),
        ("emailed acme helth", "Acme Health"),
    ],
)
def test_typos_of_longer_words_still_find_the_partner(
    session: Session, text: str, partner: str
) -> None:
    found = best(find_mentions(session, T1, text), text)
    assert found is not None
    assert found[0] == partner


@pytest.mark.parametrize(
    ("text", "partner", "words"),
    [
        ("talked to the hospital about badges", "Riverside Regional Hospital", "the hospital"),
        ("the credit union wants a speaker", "Prairie Valley CU", "the credit union"),
        ("emailed the college about dual credit", "Lakeland Community College", "the college"),
    ],
)
def test_the_hospital_means_the_one_partner_it_fits(
    session: Session, text: str, partner: str, words: str
) -> None:
    assert best(find_mentions(session, T1, text), text) == (partner, words)


def test_the_clinic_that_two_partners_fit_is_asked_about(session: Session) -> None:
    add_partner(session, T1, PartnerFields(name="Sunrise Clinic"), now=NOW)
    session.commit()
    found = find_mentions(session, T1, "called the clinic")
    assert found.best is None
    assert sorted(m.partner.name for m in found.close) == ["St. Mary's Clinic", "Sunrise Clinic"]


def test_a_word_two_partners_share_is_asked_about_with_both(session: Session) -> None:
    found = find_mentions(session, T1, "acme called back")
    assert found.best is None
    assert sorted(m.partner.name for m in found.close) == ["Acme Auto Body", "Acme Health"]
    assert all("acme called back"[m.start : m.end] == "acme" for m in found.close)


def test_the_longer_name_wins_over_the_word_it_shares(session: Session) -> None:
    text = "Acme Auto Body called"
    assert best(find_mentions(session, T1, text), text) == ("Acme Auto Body", "Acme Auto Body")


def test_two_partners_named_in_full_are_asked_about(session: Session) -> None:
    found = find_mentions(session, T1, "Midwest Manufacturing and Hammer & Beam toured")
    assert found.best is None
    assert {m.partner.name for m in found.close} == {"Midwest Manufacturing", "Hammer & Beam Co."}


@pytest.mark.parametrize(
    ("text", "name_like"),
    [
        ("called Jane at Blue Sky Dental yesterday", "Blue Sky Dental"),
        ("Northwind phoned Karen in HR", "Northwind"),
        ('emailed "the shop on 5th" about a tour', "the shop on 5th"),
        ("blue sky met w/ Bob", "blue sky"),
        ("Zoom w/ Initech HR about the spring fair", "Initech"),
    ],
)
def test_a_name_like_phrase_that_names_no_partner_is_offered(
    session: Session, text: str, name_like: str
) -> None:
    found = find_mentions(session, T1, text)
    assert (found.best, found.close) == (None, ())
    assert found.name_like is not None
    assert text[found.name_like[0] : found.name_like[1]] == name_like


@pytest.mark.parametrize(
    "text",
    [
        "called about the fair",
        "Called Jane yesterday",
        "met with Bob, talked about the spring tour",
        "Emailed Dr. Patel the forms",
        "called Mr. Midwest about his son",
        "lunch w/ Tom",
        "FaceTimed Bob, then Met w/ the CEO",
        "EMAILED THE FORMS TO JANE",
        "hi",
        "help",
        "Met. Great call.",
        "services were discussed at the school center",
        "Called Gus. F/U 12/1.",
        "Talked w/ Dana. F/U Monday",
    ],
)
def test_verbs_people_and_common_words_are_never_a_name(session: Session, text: str) -> None:
    assert find_mentions(session, T1, text) == Mentions(None, (), None)


def test_slack_markup_is_never_a_name(session: Session) -> None:
    text = (
        "<@U0MIDWEST> said <https://riverside.example|Riverside> :acme: `Acme` https://acme.example"
    )
    assert find_mentions(session, T1, text) == Mentions(None, (), None)
    text = "<@U01> Hammer & Beam confirmed https://midwest.example"
    assert best(find_mentions(session, T1, text), text) == ("Hammer & Beam Co.", "Hammer & Beam")
    text = "Hammer &amp; Beam confirmed &lt;3 interns&gt;"  # as Slack sends "&", "<" and ">"
    found = best(find_mentions(session, T1, text), text)
    assert found == ("Hammer & Beam Co.", "Hammer &amp; Beam")


def test_archived_partners_are_found_and_marked(session: Session) -> None:
    midwest = find_mentions(session, T1, "Midwest Manufacturing").best
    assert midwest is not None
    set_archived(session, T1, midwest.partner.id, True, now=NOW)
    session.commit()
    again = find_mentions(session, T1, "toured Midwest today").best
    assert again is not None
    assert (again.partner.name, again.partner.archived) == ("Midwest Manufacturing", True)


def test_the_index_sees_partners_added_renamed_and_archived_by_another_process(
    migrated_db_url: str, session: Session
) -> None:
    other_engine = make_engine(migrated_db_url)
    try:
        assert find_mentions(session, T1, "Northwind called").best is None
        with make_session_factory(other_engine)() as other:
            added = add_partner(other, T1, PartnerFields(name="Northwind Tools"), now=NOW)
            other.commit()
        found = find_mentions(session, T1, "Northwind called").best
        assert found is not None
        assert found.partner.name == "Northwind Tools"

        with make_session_factory(other_engine)() as other:  # the same clock: same updated_at
            update_partner(other, T1, added.id, PartnerFields(name="Southwind Tools"), now=NOW)
            other.commit()
        assert find_mentions(session, T1, "Northwind called").best is None
        found = find_mentions(session, T1, "Southwind called").best
        assert found is not None
        assert not found.partner.archived

        with make_session_factory(other_engine)() as other:
            set_archived(other, T1, added.id, True, now=NOW + timedelta(hours=1))
            other.commit()
        found = find_mentions(session, T1, "Southwind called").best
        assert found is not None
        assert found.partner.archived
    finally:
        other_engine.dispose()


def test_a_one_word_name_written_as_an_everyday_word_is_doubted(session: Session) -> None:
    add_partner(session, T1, PartnerFields(name="Focus"), now=NOW)
    session.commit()
    assert find_mentions(session, T1, "Talked to Jane about focus at work").best is None
    text = "met with Focus about interns"
    assert best(find_mentions(session, T1, text), text) == ("Focus", "Focus")
    text = "focus called about interns"  # no capitals anywhere: nothing to doubt
    assert best(find_mentions(session, T1, text), text) == ("Focus", "focus")


def _add(session: Session, *names: str) -> None:
    for name in names:
        add_partner(session, T1, PartnerFields(name=name), now=NOW)
    session.commit()


@pytest.mark.parametrize(
    "text",
    [
        "Gearhart Gus hosted 4 students for job shadow today",
        "Gearhart: Gus hosted 4 students",
        "Gearhart - Dana wants 3 interns",
        "Called Gearhart. Dana wants 3 interns. F/U 12/1.",
        "emailed Gearhart, Dana said yes",
    ],
)
def test_a_person_or_punctuation_beside_a_partner_s_word_does_not_make_it_another_name(
    session: Session, text: str
) -> None:
    _add(session, "Gearhart Robotics")
    assert best(find_mentions(session, T1, text), text) == ("Gearhart Robotics", "Gearhart")


@pytest.mark.parametrize(
    "text",
    [
        "emailed Harbor Freight about a tool donation",
        "Harbor Freight called back",
        "Gearhart Machining called",
        "Gearhart Bank called about a speaker",
        "Gearhart Chiropractic called",
    ],
)
def test_a_partner_s_word_inside_another_business_name_is_doubted(
    session: Session, text: str
) -> None:
    _add(session, "7/11 Freight Lines", "Gearhart Robotics")
    assert find_mentions(session, T1, text).best is None


@pytest.mark.parametrize(
    ("text", "partner", "words"),
    [
        (
            "took students to the hospital's sim lab",
            "Riverside Regional Hospital",
            "the hospital's",
        ),
        ("Midwest Mfg's plant manager called", "Midwest Manufacturing", "Midwest Mfg's"),
        ("Northside Vet's front desk called", "Northside Veterinary Clinic", "Northside Vet's"),
        (
            "Keystone Electric’s foreman called",
            "Keystone Electrical Contractors",
            "Keystone Electric’s",
        ),
        ("met Midwest’s plant manager", "Midwest Manufacturing", "Midwest’s"),
        ("St. Mary's front desk called", "St. Mary's Clinic", "St. Mary's"),
    ],
)
def test_a_possessive_still_names_the_partner(
    session: Session, text: str, partner: str, words: str
) -> None:
    _add(session, "Northside Veterinary Clinic", "Keystone Electrical Contractors")
    assert best(find_mentions(session, T1, text), text) == (partner, words)


@pytest.mark.parametrize(
    ("text", "partner", "words"),
    [
        ("Summit PT called about athletic training", "Summit Physical Therapy", "Summit PT"),
        ("emailed Summit PT's front desk", "Summit Physical Therapy", "Summit PT's"),
        ("Northside Vet emailed the schedule", "Northside Veterinary Clinic", "Northside Vet"),
        ("Heartland Ag left a voicemail", "Heartland Agricultural Cooperative", "Heartland Ag"),
        ("toured Maple Falls PW today", "Maple Falls Public Works", "Maple Falls PW"),
    ],
)
def test_a_short_form_of_a_partner_s_next_words_is_part_of_the_name(
    session: Session, text: str, partner: str, words: str
) -> None:
    _add(
        session,
        "Summit Physical Therapy",
        "Northside Veterinary Clinic",
        "Heartland Agricultural Cooperative",
        "Maple Falls Public Works",
    )
    assert best(find_mentions(session, T1, text), text) == (partner, words)


@pytest.mark.parametrize(
    "text", ["acme called Jane", "acme: Jane wants interns", "Acme called Jane"]
)
def test_a_shared_first_word_leading_the_line_in_any_case_asks_about_both(
    session: Session, text: str
) -> None:
    found = find_mentions(session, T1, text)
    assert found.best is None
    assert sorted(m.partner.name for m in found.close) == ["Acme Auto Body", "Acme Health"]


def test_workspaces_do_not_see_each_other_s_partners(session: Session) -> None:
    assert find_mentions(session, "T0002", "Midwest Manufacturing called").best is None


def test_a_message_never_reads_every_partner_s_full_record(
    statements: tuple[Session, list[str]],
) -> None:
    session, seen = statements
    find_mentions(session, T1, "warm up the index")
    seen.clear()
    for text in ["riverside hospital met w/ Bob", "acme called", "Blue Sky called", "hi"]:
        find_mentions(session, T1, text)
    full_reads = [sql for sql in seen if "partners.notes" in sql]
    assert full_reads, "the partners found are read in full"
    assert all("partners.id IN" in sql for sql in full_reads), full_reads
    rebuilds = [sql for sql in seen if "partners.name_key" in sql and "updated_at >=" not in sql]
    assert rebuilds == full_reads, "the name index is not rebuilt per message"


def test_a_long_message_is_read_only_so_far(session: Session) -> None:
    text = "met " + "about the tour " * 500 + "Midwest Manufacturing"
    assert find_mentions(session, T1, text).best is None


def test_a_one_word_name_leading_a_line_in_lower_case_is_doubted_unless_its_subject(
    session: Session,
) -> None:
    _add(session, "Focus")
    assert find_mentions(session, T1, "focus on the FAFSA night with Jane").best is None
    text = "focus called Jane about interns"
    assert best(find_mentions(session, T1, text), text) == ("Focus", "focus")


def test_a_name_s_own_s_is_not_a_first_name(session: Session) -> None:
    _add(session, "Joe's Garage")
    assert find_mentions(session, T1, "called Joe about the MOU").best is None
    text = "Joe's Garage: Joe wants 2 interns"
    assert best(find_mentions(session, T1, text), text) == ("Joe's Garage", "Joe's Garage")


def test_a_telling_word_of_a_longer_name_leading_a_line_in_lower_case_is_not_doubted(
    session: Session,
) -> None:
    _add(session, "Brightwater Dental Group")
    text = "brightwater career night last Thurs"
    assert best(find_mentions(session, T1, text), text) == (
        "Brightwater Dental Group",
        "brightwater",
    )
