"""Text cleaning: HTML to text, whitespace, and contact-info detection.

All patterns are compiled once at import; every function is pure and fast on
text that needs no work (the common case), because prepare() calls them per row.
"""
from __future__ import annotations

import html
import re

# Block-level tags and <br> end a line; everything else is dropped without a gap.
_BLOCK_TAG = re.compile(r"<\s*(?:br|/?p|/?div|/?li|/?ul|/?ol|/?h[1-6]|/?tr|/?blockquote)\b[^<>]*>", re.IGNORECASE)
_SCRIPT_OR_STYLE = re.compile(r"<\s*(script|style)\b[^<>]*>.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# A tag starts with a letter (or /letter), so "I <3 you" and "a < b" survive.
_ANY_TAG = re.compile(r"</?[A-Za-z][^<>]*>")

# str.split() already treats non-breaking and other Unicode spaces as whitespace; the
# zero-width *spaces* (U+200B, U+2060 word joiner, U+FEFF BOM) are made spaces first.
# Joiners U+200C/U+200D sit inside words or emoji, so they are removed, not made a gap.
_ZERO_WIDTH_SPACES = ("\u200b", "\u2060", "\ufeff")
_ZERO_WIDTH_JOINERS = ("\u200c", "\u200d")

# "[email protected]" is how scraped pages (CounselChat included) show an obfuscated address.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email\s*protected\]", re.IGNORECASE)
# Detection only (find_contact_info returns the kind), so a URL is any scheme, "www." or a
# word character followed by a common top-level domain; a substring pre-check skips the
# regex for the many sentences that cannot match.
_URL_TLDS = ("com", "org", "net", "edu", "gov", "info", "io", "us", "co", "ca", "uk", "au", "biz", "me")
_URL = re.compile(r"://|\bwww\.|[\w-]\.(?:" + "|".join(_URL_TLDS) + r")\b", re.IGNORECASE)
_URL_HINTS = ("://", "www.", *(f".{tld}" for tld in _URL_TLDS))
# North-American style numbers, optionally +1 / 1-, with ( ) . - or space separators,
# and vanity numbers such as 1-800-273-TALK.
_PHONE = re.compile(
    r"(?<![\w-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}(?![\w-])"
    r"|(?<![\w-])(?:1[\s.-]?)?8\d\d[\s.-]\d{3}[\s.-][A-Z]{4}\b"
)


_THREE_DIGITS = re.compile(r"\d\d\d")


def strip_html(text: str) -> str:
    """HTML to plain text: drop tags/comments/scripts, `<br>`/block tags -> newline, decode entities.

    Runs the tag pass again after decoding, so double-encoded markup (`&lt;b&gt;`) cannot
    leave a tag behind.
    """
    if "<" not in text and "&" not in text:
        return text
    text = _COMMENT.sub(" ", text)
    text = _SCRIPT_OR_STYLE.sub(" ", text)
    text = _BLOCK_TAG.sub("\n", text)
    text = _ANY_TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
        if "<" in text:
            text = _BLOCK_TAG.sub("\n", text)
            text = _ANY_TAG.sub("", text)
    return text


def normalize_whitespace(text: str) -> str:
    """Collapse every run of whitespace (incl. non-breaking and zero-width spaces) to one space; trim."""
    if not text.isascii():  # `in` checks are far cheaper than str.translate on long answers
        for char in _ZERO_WIDTH_SPACES:
            if char in text:
                text = text.replace(char, " ")
        for char in _ZERO_WIDTH_JOINERS:
            if char in text:
                text = text.replace(char, "")
    return " ".join(text.split())


def clean_text(text: str) -> str:
    """strip_html then normalize_whitespace: the cleaning every answer and case gets."""
    return normalize_whitespace(strip_html(text))


def find_contact_info(text: str) -> str | None:
    """The first kind of contact detail in text: "email", "url", "phone", or None.

    E-mail is checked before URL because every address contains a domain.
    """
    if ("@" in text or "[" in text) and _EMAIL.search(text):
        return "email"
    lowered = text.lower()
    if any(hint in lowered for hint in _URL_HINTS) and _URL.search(text):
        return "url"
    if _THREE_DIGITS.search(text) and _PHONE.search(text):
        return "phone"
    return None
