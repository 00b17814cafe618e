"""User text in mrkdwn: escaped in one place, then cut to the limit without breaking an entity."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from handlers.common.mrkdwn import escape, link, quote


def test_escape_defuses_mentions_and_links() -> None:
    assert escape("<!channel> & <@U1|x>") == "&lt;!channel&gt; &amp; &lt;@U1|x&gt;"


def test_quote_cuts_after_escaping_and_never_inside_an_entity() -> None:
    assert quote("a" * 8 + "<b", 12) == "aaaaaaaa…"  # "&lt;" would have been cut to "&l"
    assert quote("<<<<", 9) == "&lt;&lt;…"
    assert quote("  spaced\n out  ", 300) == "spaced out"


@given(st.text(max_size=200), st.integers(min_value=2, max_value=120))
def test_quote_is_within_the_limit_and_safe(text: str, limit: int) -> None:
    shown = quote(text, limit)
    assert len(shown) <= limit
    assert "<" not in shown
    assert ">" not in shown
    for at in [i for i, c in enumerate(shown) if c == "&"]:
        assert shown[at:].startswith(("&amp;", "&lt;", "&gt;"))


def test_a_link_is_only_ever_a_plain_web_address() -> None:
    assert link("https://slack.com/archives/C1/p1", "message") == (
        "<https://slack.com/archives/C1/p1|message>"
    )
    forged = "https://evil.example|click> <!channel"
    assert link(forged, "message") == "message"  # shown as its label, never as markup
    assert link("javascript:alert(1)", "a <b>") == "a &lt;b&gt;"
    assert link(None, "message") == ""


@given(st.text(max_size=200), st.text(max_size=50))
def test_a_link_never_lets_markup_through(url: str, label: str) -> None:
    shown = link(url, label)
    inner = shown[1:-1] if shown.startswith("<") and shown.endswith(">") else shown
    assert "<" not in inner
    assert ">" not in inner
    assert "<!" not in shown
