"""Words of partner names and of typed messages, compared the same way on both sides.

A word is lower-cased and stripped of dots, apostrophes and a possessive 's ("St." → "st",
"the hospital's" → "hospital", "Mary's" → "mary"), and short forms are written out ("CU" →
"credit union", "Mfg" → "manufacturing", "Ctr" → "center"). Fillers ("and", "&", "the", "of",
"Inc", "Co", "LLC" …) may sit inside a name but never name anything. Common words ("center",
"services", "school", verbs, days …) never name a partner on their own: they only count next
to a word that does, or as a whole name."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from storage.partners.names import LEGAL_SUFFIXES

TYPO_CUTOFF = 85.0  # the same cutoff as whole-name typos in storage/partners/lookup.py
TYPO_FLOOR = 80.0
MIN_TYPO_WORD = 5  # shorter words ("beam", "acme") must be typed exactly
CACHED_NAMES = 50_000  # names whose words are remembered, so rebuilding an index is cheap
MIN_PREFIX = 4  # a typed word this long may be the start of a longer word of a name

_WORD = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*|&")
_POSSESSIVE = re.compile(r"(?<=\w) s\b")
_POSSESSIVE_END = re.compile(r"(?<=[^\W_])['’][sS]$")


def possessive(typed: str) -> bool:
    """A typed word ends in 's or ’s ("Acme's")."""
    return _POSSESSIVE_END.search(typed) is not None


_ESCAPED = re.compile(r"&(?:amp|lt|gt);")
_UNESCAPED = {"&amp;": "&", "&lt;": " ", "&gt;": " "}
_SLACK_MARKUP = re.compile(r"<[^<>\n]*>|https?://\S+|www\.\S+|:[a-z0-9_+-]+:|`[^`\n]*`")

SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "cu": ("credit", "union"),
    "cc": ("community", "college"),
    "hs": ("high", "school"),
    "mfg": ("manufacturing",),
    "mfr": ("manufacturing",),
    "manuf": ("manufacturing",),
    "st": ("st",),
    "saint": ("st",),
    "mt": ("mt",),
    "mount": ("mt",),
    "ft": ("ft",),
    "fort": ("ft",),
    "ctr": ("center",),
    "centre": ("center",),
    "cntr": ("center",),
    "hosp": ("hospital",),
    "med": ("medical",),
    "univ": ("university",),
    "intl": ("international",),
    "natl": ("national",),
    "assn": ("association",),
    "assoc": ("association",),
    "dept": ("department",),
    "svc": ("services",),
    "svcs": ("services",),
    "service": ("services",),
    "bros": ("brothers",),
    "dist": ("district",),
    "elem": ("elementary",),
    "sch": ("school",),
    "ave": ("avenue",),
    "mkt": ("market",),
    "tech": ("technology",),
    "technologies": ("technology",),
    "labs": ("lab",),
    "laboratory": ("lab",),
    "laboratories": ("lab",),
    "industries": ("industry",),
    "industrial": ("industry",),
}

FILLERS = frozenset({"and", "&", "the", "of", "a", "an", "for", "at", "s", *LEGAL_SUFFIXES})


def _listed(text: str) -> frozenset[str]:
    return frozenset(text.split())


GENERAL = _listed(
    """
    i im ive ill id me my we us our you your he him his she her they them their it its this that
    these those
    there here who what when where why how which all any some no not yes ok okay hi hello hey
    thanks thank help please just also about after again before by from in into on onto to
    with w within without up down out over under re per via or but so if then than as is are
    was were be been being am do does did done have has had get got go going went come came
    will would can could should may might must shall let lets new old good great nice quick
    big small best more most very really still next last first second third one two three
    four five six seven eight nine ten half day days week weeks wk wks month months mo year
    years today yesterday tomorrow tmrw tmw tonight morning afternoon evening night noon now
    later soon ago eod eow eom asap fyi tbd cte hr pm am
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat sun january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec
    call called calls calling phone phoned phoning ring rang email emailed emails emailing
    mail mailed text texted texting message messaged messages dm dmed ping pinged meet met
    meeting meetings visit visited visiting tour toured touring talk talked talking spoke
    speak speaking chat chatted note notes sent send sending left leave reached reach asked
    ask discussed discuss hosted host stopped stop dropped drop invited invite confirmed
    confirm agreed agree signed sign wrote write attended attend presented present scheduled
    schedule follow followed following fu check checked touch base circle back try tried
    need needs needed want wants wanted said says told tell sure know update updates
    mr mrs ms dr ceo cfo cto coo vp gm cna rn lpn pa
    event events fair career job shadow shadows internship internships interview interviews
    tours student students class classes teacher teachers program programs resume resumes
    lunch breakfast coffee zoom teams linkedin facetime facetimed voicemail vm
    daily weekly monthly yearly senior seniors junior juniors freshman freshmen sophomore
    sophomores kids parent parents staff team crew owner manager boss director donation
    presentation conference workshop session training demo panel
    """
)
"""Words that are never part of a name: function words, days and months, contact verbs."""

BUSINESS = _listed(
    """
    center services school schools district company group solutions systems system health
    healthcare medical hospital hospitals clinic clinics college colleges community
    university credit union bank banks national international american first united general
    city county state regional north south east west central high middle elementary
    academy institute foundation association club church home care auto automotive repair
    shop store market family law firm office partners associates consulting construction
    manufacturing industry products technology electric plumbing heating insurance
    financial realty real estate restaurant cafe grill bakery farm farms hotel inn library
    museum park police fire public works global digital media design creative green energy
    power transport logistics supply equipment tools hardware pharmacy dental vision fitness
    salon studio marketing staffing nursing plant lab sciences science st mt ft department
    brothers avenue street road main plaza local area valley river lake hill
    welding culinary diesel machining carpentry cosmetology agriculture ag horticulture
    veterinary software freight trucking landscaping roofing concrete engineering
    architecture robotics aviation electrical hvac contractors cooperative agency living
    senior physical therapy tourism hospitality media graphic apprenticeship
    """
)
"""Words many business names share ("center", "services", "school"): part of a name, never
one on their own."""

COMMON = GENERAL | BUSINESS

VERBS = _listed(
    """
    called calls phoned rang emailed e-mailed mailed texted messaged dmed pinged met visited
    toured talked spoke chatted sent left reached asked discussed hosted stopped dropped
    invited confirmed agreed signed wrote attended presented scheduled followed checked
    touched circled tried got had heard replied responded answered wants needs said says
    called back call email meeting visit note facetimed skyped zoomed lunch coffee breakfast
    dinner zoom chat ping text saw thanked interviewed
    """
)

ACTS = VERBS | _listed(
    """
    came took brought gave did does was is will can has had made ran went set showed offered
    wants needs said says asked told thinks hopes loved liked agreed donated
    """
)
"""Words after a person's name that say what they did ("Gus hosted", "Dana wants")."""


@dataclass(frozen=True)
class Word:
    """A word of a typed text: its compared form, where it sits, and how it was typed."""

    text: str
    start: int
    end: int
    typed: str


@lru_cache(maxsize=8192)
def fold(word: str) -> str:
    """The compared form of one typed word, before short forms are written out."""
    word = unicodedata.normalize("NFKC", word).casefold().replace("’", "'").replace(".", "")
    return word.replace("'", "")


def mask_markup(text: str) -> str:
    """`text` with Slack mentions, links, emoji and code blanked out, and Slack's escapes
    ("&amp;" for "&") read as the character, all at the same length and places."""
    blanked = _SLACK_MARKUP.sub(lambda m: " " * len(m.group()), text)
    return _ESCAPED.sub(lambda m: _UNESCAPED[m.group()].ljust(len(m.group())), blanked)


def words(text: str) -> list[Word]:
    """The words of `text` in order, short forms written out (each part keeps the span)."""
    found: list[Word] = []
    for match in _WORD.finditer(text):
        folded = fold(_POSSESSIVE_END.sub("", match.group()))
        if not folded:
            continue
        for part in SHORT_FORMS.get(folded, (folded,)):
            found.append(Word(part, match.start(), match.end(), match.group()))
    return found


@lru_cache(maxsize=CACHED_NAMES)
def name_words(key: str) -> tuple[str, ...]:
    """The words that can name a partner, from its name key (fillers dropped; the key's
    "mary s" is the "marys" of "Mary's": a name's own 's, unlike a possessive typed after a
    name, is part of it)."""
    return tuple(w.text for w in words(_POSSESSIVE.sub("s", key)) if w.text not in FILLERS)


@lru_cache(maxsize=CACHED_NAMES)
def industry_words(industry: str) -> tuple[str, ...]:
    """The words of an industry, plurals also singular ("Hospitals" → "hospital")."""
    found = [w.text for w in words(industry)]
    return tuple(found + [w[:-1] for w in found if len(w) > 4 and w.endswith("s")])


@lru_cache(maxsize=CACHED_NAMES)
def acronym(key: str) -> str | None:
    """ "Riverside Regional Hospital" → "rrh", "Prairie Valley CU" → "pvcu"; None when short."""
    letters = ""
    for raw in key.split():
        if raw in FILLERS:
            continue
        letters += raw if raw in SHORT_FORMS and len(raw) <= 3 else raw[0]
    return letters if len(letters) >= 3 and letters not in COMMON else None


def typo_score(typed: str, known: str, *, score_cutoff: float | None = None) -> float:
    """How close a typed word is to a known one (0..100): rapidfuzz's ratio at `TYPO_CUTOFF`
    or more, as whole-name typos in lookup.py; else one swapped, missing or wrong letter in a
    word of `MIN_TYPO_WORD` letters or more ("rdige", "acers") scores `TYPO_FLOOR`; else 0."""
    if min(len(typed), len(known)) < MIN_TYPO_WORD or abs(len(typed) - len(known)) > 2:
        return 0.0
    ratio = fuzz.ratio(typed, known)
    if ratio >= TYPO_CUTOFF:
        return ratio
    return TYPO_FLOOR if OSA.distance(typed, known, score_cutoff=1) <= 1 else 0.0
