"""`tour`: a small, realistic school typed into the console for you — a dozen partners across
pathways, a calendar with a break and a PD day, a few people — and one school week lived with
it, so an evaluator sees every feature without typing. Lines starting with `#` are narration."""

from __future__ import annotations

from datetime import date, timedelta

PARTNERS = (
    ("Acme Health", "Healthcare", "Nursing stage: active"),
    ("Riverside Auto Group", "Automotive", "Automotive Technology stage: active"),
    ("Precision Machining", "Manufacturing", "Advanced Manufacturing stage: engaged"),
    ("First National Bank", "Finance", "Business and Finance stage: contacted"),
    ("Summit Dental", "Healthcare", "Health Science stage: active"),
    ("Bright Byte Software", "Technology", "Computer Science"),
    ("Valley Electric Co-op", "Utilities", "Construction Trades"),
    ("Lakeside Bistro", "Hospitality", "Culinary Arts"),
    ("Hometown Builders", "Construction", "Construction Trades"),
    ("County Fire District", "Public Safety", "Law and Public Safety"),
    ("Green Acres Farm Supply", "Agriculture", "Agriculture"),
    ("Metro Credit Union", "Finance", "Business and Finance"),
)


def school_year_start(day: date) -> int:
    """The year the school year around `day` started in (August)."""
    return day.year if day.month >= 7 else day.year - 1


def tour_week(today: date) -> date:
    """The Monday the tour lives: the next one in a term and out of the breaks it sets up."""
    monday = today + timedelta(days=(7 - today.weekday()) % 7 or 7)
    while True:
        year = school_year_start(monday)
        terms = (
            (date(year, 8, 17), date(year, 12, 11)),
            (date(year + 1, 1, 11), date(year + 1, 5, 21)),
        )
        if any(first <= monday and monday + timedelta(days=7) <= last for first, last in terms):
            return monday
        monday += timedelta(days=7)


def _d(day: date) -> str:
    return f"{day:%b} {day.day}"


def tour_lines(today: date) -> list[str]:
    """What the tour types, as of the console's `today`."""
    mon = tour_week(today)
    year = school_year_start(mon)
    wed, fri = mon + timedelta(days=2), mon + timedelta(days=4)
    fall = f"{_d(date(year, 8, 17))} - {_d(date(year, 12, 18))}"
    spring = f"{_d(date(year + 1, 1, 4))} - {_d(date(year + 1, 5, 28))}"
    winter = f"{_d(date(year, 12, 21))} - {_d(date(year + 1, 1, 1))}"
    lines = [
        "# Casey, the CTE coordinator, installed partnerbot (a workspace admin) and names leads.",
        "/as casey admin",
        f"clock {mon:%Y-%m-%d} 07:00",
        "/partnerbot leads @casey @dana",
        "# The school calendar: two terms, winter break, and a PD day this Wednesday.",
        f"/partnerbot calendar term Fall {fall}",
        f"/partnerbot calendar term Spring {spring}",
        f"/partnerbot calendar add Winter break {winter}",
        f"/partnerbot calendar add PD day {_d(wed)}",
        "/celebrate channel #partner-wins",
        "# A dozen partners across the pathways.",
    ]
    lines += [f"/partner add {n} industry: {i} pathway: {p}" for n, i, p in PARTNERS]
    lines += [
        "/partner assign riverside @maria backup @juan",
        "/partner assign precision @maria",
        "/partner contact add Acme Jane Ortiz, HR director, jane@acme.org, 555-0100, primary",
        f"/partner doc add Acme background check expires {mon + timedelta(days=25):%Y-%m-%d} "
        "for Jane Ortiz",
        "# Monday: contacts logged three ways, an engagement, a follow-up for a colleague.",
        "/contact Acme called Jane about summer internships, follow up tomorrow",
        f"/engage Riverside Auto job shadow {_d(mon)}, 8 students",
        "/followup Summit Dental tomorrow send the advisory board invite",
        "/as maria",
        "dm met Bob at Precision Machining about mock interviews, f/u thu",
        "shortcut Lakeside Bistro hosted 6 culinary students for a kitchen tour today",
        *[""] * 6,  # the form's fields, as prefilled from the message
        "# Tuesday morning: digests and the job shadow's debrief arrive as DMs.",
        "clock next school day",
        "/as casey",
        "home",
        "# Wednesday is the PD day: no digests. Thursday: Maria leaves the district.",
        "clock +2d",
        "leave @maria",
        "/as dana",
        "/partner handoff @maria @juan because Maria left the district",
        "press Confirm",
        "# Friday: a spotlight in #partner-wins, and the weekly nudge at 13:00.",
        f"clock {fri:%Y-%m-%d} 09:00",
        "/as juan",
        "/celebrate Lakeside Bistro hosted 6 culinary students for a kitchen tour",
        "clock +5h",
        "# The year so far, with its CSV written to a file.",
        "/as casey",
        "/celebrate year",
        "/partner list",
    ]
    return lines
