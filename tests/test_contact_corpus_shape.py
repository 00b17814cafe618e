"""The `/contact` phrase corpus is well formed: known partners, valid kinds and days, enough
phrases in every category, no phrase twice."""

from __future__ import annotations

from collections import Counter

from tests.corpus.contact_phrases import (
    ASK,
    KINDS,
    NOW,
    PARTNERS,
    PHRASES,
    REFUSE,
    corpus_problems,
)


def test_the_corpus_has_no_shape_problems() -> None:
    assert corpus_problems() == []


def test_every_partner_is_known_ask_or_none() -> None:
    names = {p.name for p in PARTNERS}
    assert {ph.partner for ph in PHRASES} - names <= {ASK, None}


def test_kinds_are_the_seven_kinds() -> None:
    assert {ph.kind for ph in PHRASES} == set(KINDS)


def test_there_are_enough_phrases_in_every_category() -> None:
    assert len(PHRASES) >= 230
    per_category = Counter(ph.category for ph in PHRASES)
    assert min(per_category.values()) >= 10, per_category


def test_no_text_appears_twice() -> None:
    texts = [ph.text.casefold() for ph in PHRASES]
    assert len(texts) == len(set(texts))


def test_the_partners_cover_the_traps_the_matcher_must_handle() -> None:
    names = [p.name for p in PARTNERS]
    assert 25 <= len(names) == len(set(names))
    assert sum("Hospital" in n for n in names) == 1
    assert any("Credit Union" in n for n in names)
    assert any("Community College" in n for n in names)
    assert any(n.endswith("Manufacturing Co") for n in names)
    assert any("&" in n for n in names)
    assert any(any(c.isdigit() or c == "/" for c in n) for n in names)
    assert "The Daily Grind" in names


def test_asks_and_refusals_are_present_and_dates_are_relative_to_now() -> None:
    assert any(ph.partner == ASK for ph in PHRASES)
    assert any(ph.partner is None for ph in PHRASES)
    assert any(ph.day == ASK for ph in PHRASES)
    assert any(ph.follow_up == REFUSE for ph in PHRASES)
    assert NOW.weekday() == 2  # the weekday words in the corpus are computed from a Wednesday
