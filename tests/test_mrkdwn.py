"""User text in mrkdwn: escaped in one place, then cut to the limit without breaking an entity."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from handlers.common.mrkdwn import escape, quote


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
