"""The school calendar's date phrases, pure: variants a teacher types, where the phrase sits,
and bounded work on long text."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest

from handlers.common.dates import DateReader
from handlers.school_year.sections import NotOnCalendar, find_school_date
from storage.models import CalendarKind
from storage.school_year import CalendarItem, SchoolCalendar

NOW = datetime(2026, 11, 23, 8, 0)  # a Monday
B, H, T = CalendarKind.BREAK, CalendarKind.HOLIDAY, CalendarKind.TERM
CALENDAR = SchoolCalendar(
    tuple(
        CalendarItem(n, kind, name, first, last, "ics")
        for n, (kind, name, first, last) in enumerate(
            [
                (T, "Fall Semester", date(2026, 8, 17), date(2026, 12, 18)),
                (B, "Thanksgiving Break - No School", date(2026, 11, 25), date(2026, 11, 27)),
                (H, "Thanksgiving Day", date(2026, 11, 26), date(2026, 11, 26)),
                (B, "Winter Break (No School)", date(2026, 12, 21), date(2027, 1, 1)),
                (T, "Spring Semester", date(2027, 1, 4), date(2027, 5, 28)),
            ],
            start=1,
        )
    )
)


@pytest.fixture(scope="module")
def reader() -> DateReader:
    return DateReader()


@pytest.mark.parametrize(
    ("typed", "due", "phrase"),
    [
        ("after winter break send it", date(2027, 1, 4), "after winter break"),
        ("back from the winter break, send it", date(2027, 1, 4), "back from the winter break,"),
        ("after Thanksgiving send it", date(2026, 11, 30), "after Thanksgiving"),
        ("after thanksgiving break send it", date(2026, 11, 30), "after thanksgiving break"),
        ("when we're back from break send it", date(2026, 11, 30), "when we're back from break"),
        ("on the first day back send it", date(2026, 11, 30), "on the first day back"),
        ("after the holidays send it", date(2026, 11, 30), "after the holidays"),
        ("before winter break send it", date(2026, 12, 18), "before winter break"),
        ("next term send it", date(2027, 1, 4), "next term"),
        (
            "at the start of next semester send it",
            date(2027, 1, 4),
            "at the start of next semester",
        ),
        ("send it by the end of the term", date(2026, 12, 18), "by the end of the term"),
        ("send it at semester end", date(2026, 12, 18), "at semester end"),
        ("send it after school tomorrow", date(2026, 11, 24), "tomorrow"),
    ],
)
def test_phrases_resolve_from_the_calendar(
    reader: DateReader, typed: str, due: date, phrase: str
) -> None:
    words = typed.split()
    found = find_school_date(words, now=NOW, reader=reader, calendar=CALENDAR)
    assert found is not None
    assert found.value.day == due
    assert " ".join(words[found.start : found.end]) == phrase


def test_no_entry_says_how_to_add_it(reader: DateReader) -> None:
    with pytest.raises(NotOnCalendar) as caught:
        find_school_date(["after", "spring", "break"], now=NOW, reader=reader, calendar=CALENDAR)
    assert caught.value.message == (
        "There is no “spring break” on the school calendar — add it with "
        "`/partnerbot calendar add Spring break Mar 15-19`, or write a date."
    )


def test_words_that_are_no_break_are_left_to_the_date_reader(reader: DateReader) -> None:
    words = ["after", "the", "meeting", "with", "Jane"]
    assert find_school_date(words, now=NOW, reader=reader, calendar=CALENDAR) is None


def test_long_text_is_bounded(reader: DateReader) -> None:
    words = ("after the break of day before winter " * 400).split()
    started = time.monotonic()
    reads = reader.reads
    found = find_school_date(words, now=NOW, reader=reader, calendar=CALENDAR)
    assert found is not None
    assert found.value.day == date(2026, 11, 30)
    assert reader.reads - reads == 0
    assert time.monotonic() - started < 1.0


HOLIDAYS = SchoolCalendar(
    (
        *CALENDAR.entries,
        CalendarItem(
            10, H, "Martin Luther King Jr. Day", date(2027, 1, 18), date(2027, 1, 18), "ics"
        ),
        CalendarItem(11, H, "Presidents' Day", date(2027, 2, 15), date(2027, 2, 15), "ics"),
    )
)


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        ("after MLK day send it", date(2027, 1, 19)),
        ("after mlk send it", date(2027, 1, 19)),
        ("after Martin Luther King day send it", date(2027, 1, 19)),
        ("after Dr. King day send it", date(2027, 1, 19)),
        ("before pres day send it", date(2027, 2, 12)),
        ("after prez day send it", date(2027, 2, 16)),
        ("after turkey break send it", date(2026, 11, 30)),
    ],
)
def test_holidays_by_common_names_and_abbreviations(
    reader: DateReader, typed: str, due: date
) -> None:
    found = find_school_date(typed.split(), now=NOW, reader=reader, calendar=HOLIDAYS)
    assert found is not None
    assert found.value.day == due


def test_a_break_is_never_read_as_the_term_of_the_same_name(reader: DateReader) -> None:
    with pytest.raises(NotOnCalendar, match="There is no “spring break”"):
        find_school_date(
            ["before", "spring", "break", "send", "it"], now=NOW, reader=reader, calendar=CALENDAR
        )
