"""Cleaning: HTML to text, whitespace (incl. non-breaking / zero-width), contact-info detection."""
from __future__ import annotations

import pytest

from tasks.core.data.clean import clean_text, find_contact_info, normalize_whitespace, strip_html


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("plain text stays", "plain text stays"),
        ("<p>One.</p><p>Two.</p>", "\nOne.\n\nTwo.\n"),
        ("help.<br>Seriously", "help.\nSeriously"),
        ("a<br/>b<BR />c", "a\nb\nc"),
        ("<b>bold</b> and <a href='x'>link</a>", "bold and link"),
        ("Tom &amp; Jerry &lt;3 &quot;hi&quot; &#39;yo&#39; caf&eacute;", "Tom & Jerry <3 \"hi\" 'yo' café"),
        ("I <3 you and 2 < 3", "I <3 you and 2 < 3"),  # not tags: no letter after <
        ("x<!-- hidden -->y", "x y"),
        ("<script>alert(1)</script>ok", " ok"),
        ("&lt;b&gt;double&lt;/b&gt;", "double"),  # double-encoded markup leaves no tag
    ],
)
def test_strip_html(raw: str, expected: str) -> None:
    assert strip_html(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  a   b \n\t c  ", "a b c"),
        ("non\u00a0breaking\u202fspaces", "non breaking spaces"),
        ("zero\u200bwidth\u2060joiner\ufeffbom", "zero width joiner bom"),
        ("emoji\u200djoined", "emojijoined"),
        ("\u00a0\u200b ", ""),
    ],
)
def test_normalize_whitespace(raw: str, expected: str) -> None:
    assert normalize_whitespace(raw) == expected


def test_clean_text_combines_html_and_whitespace() -> None:
    assert clean_text("<p>Hi&nbsp;&nbsp;there,</p>\n<p>friend.</p>") == "Hi there, friend."


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Visit https://example.com/path now", "url"),
        ("see http://x.org", "url"),
        ("go to www.psychologytoday.com today", "url"),
        ("WWW.EXAMPLE.ORG", "url"),
        ("on goodtherapy.org or elsewhere", "url"),
        ("psychologytoday.com/us/therapists", "url"),
        ("write to jane.doe+x@example.co.uk", "email"),
        ("contact [email protected] please", "email"),
        ("call 555-123-4567", "phone"),
        ("call (555) 123-4567", "phone"),
        ("call 555.123.4567 or +1 555 123 4567", "phone"),
        ("call 1-800-273-8255", "phone"),
        ("call 1-800-273-TALK", "phone"),
        ("It sounds like you are hurting.", None),
        ("In 1990 and 2010 things changed, e.g. at 3.5 percent.", None),
        ("We met 12 times over 365 days.", None),
        ("Dr. Smith, etc. and i.e. are not links.", None),
    ],
)
def test_find_contact_info(text: str, kind: str | None) -> None:
    assert find_contact_info(text) == kind
