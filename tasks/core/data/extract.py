"""Sentence splitting and the two extraction rules.

Extraction by reflection (the default, `DataSettings.extraction="reflection"`): every candidate
span of an answer (one sentence, or two adjacent ones, among its first
`reflection_sentences_searched` sentences, none a greeting, signature or contact line, each of
`fallback_min_words`..`fallback_max_words` words) is scored against the case by the reflection
scorer (`tasks.core.quality`); the best span whose score reaches the threshold is the target
(`candidate_spans`, then `best_span`). Scoring runs batched in `prepare`.

The opening rule (the original work's, kept exactly so results compare with it;
`extraction="opening"`):
  1. keyword: the first of the first `keyword_max_sentences` sentences that contains
     "sounds like", "seems like" or "feels like" (any case) and has
     `keyword_min_words`..`keyword_max_words` words;
  2. fallback: else the first of the first `fallback_max_sentences` sentences that is not
     a greeting/thanks and has `fallback_min_words`..`fallback_max_words` words;
  3. else no pair ("no_reflection").
Signature lines ("Robin L., LPCC", "Warmly, Dr. Jane Doe") are never candidates. A chosen
sentence that holds a URL, e-mail address or phone number drops the pair
("contains_url" / "contains_email" / "contains_phone"); the rule does not move on to
another sentence, so the count shows how often that happens.
"""
from __future__ import annotations

import math
import re

from tasks.core.data.clean import clean_text, find_contact_info, normalize_whitespace
from tasks.core.data.settings import DataSettings

# A sentence ends at a run of . ! ? (plus closing quotes/brackets) followed by whitespace,
# or directly by a capital letter (answers run sentences together: "help.Seriously").
# A single "." does not end a sentence after an abbreviation (Dr. Mr. Mrs. Ms. Mx. Prof.
# Sr. Jr. St. vs. etc. and the Ph. of Ph.D.), dotted letters (e.g. i.e. U.S. a.m.) or an initial ("J.").
# Fixed-width lookbehinds keep that check inside the regex engine (it runs per answer).
ABBREVIATIONS: tuple[str, ...] = ("dr", "mr", "mrs", "ms", "mx", "prof", "sr", "jr", "st", "vs", "etc", "ph", "psy")
# Each lookbehind includes the dot and runs only after the engine has matched a ".".
_NOT_AFTER_ABBREVIATION = (
    "".join(rf"(?<!\b(?i:{re.escape(word)})\.)" for word in ABBREVIATIONS)
    + r"(?<!\b[A-Z]\.)(?<!\b[A-Za-z]\.[A-Za-z]\.)"
)
# One punctuation char first (the engine skips fast to it), then: a lone "." not after an
# abbreviation, a lone "!"/"?", or a longer run ("...", "?!").
_TERMINATOR = re.compile(
    r"[.!?](?:(?<=\.)(?![.!?])" + _NOT_AFTER_ABBREVIATION + r"|(?<=[!?])(?![.!?])|[.!?]+)"
    r"[\"'”’)\]]*(?:\s+|(?=[\"“‘(]?[A-Z]))"
)

# Searched on lower-cased text after a cheap `"like" in` check (IGNORECASE scans are slow).
_KEYWORD_LOWER = re.compile(r"\b(?:sounds|seems|feels)\s+like\b")
_GREETING = re.compile(
    # "\b or a capital" so run-together openings ("HelloYes, many couples...") count too.
    r"^[\W_]*(?:hi|hello|hey|dear|thank\s+you|thanks|good\s+(?:morning|afternoon|evening))(?:\b|(?=(?-i:[A-Z])))",
    re.IGNORECASE,
)

# Signatures: a capitalised name followed by ", <credential>" anywhere in the sentence,
# or a short sentence that opens with a sign-off.
_CREDENTIALS = (
    r"LPCC|LPC-S|LPCA|LPC|LCPC|LCMHC|LCSW|LICSW|LISW|LMSW|LSW|LMFT|MFTI|MFT|LMHCA|LMHC|NCC|"
    r"Ph\.?D\.?|Psy\.?D\.?|Ed\.?D\.?|M\.?Ed\.?|M\.?D\.?|MSW|MA|MS|LCADC|CADC|CAP|ACS|RPT|LADC|LAC|"
    r"LPA|LP|BCC|CCMHC|DBH|RN|CSAT|LCAT|ATR|CMHC|LPCMH|LMHP|CPC|CRC|CCTP"
)
# Anchored on the comma so the engine jumps between commas; the name is checked backwards.
_COMMA_CREDENTIAL = re.compile(r",\s*(?:" + _CREDENTIALS + r")(?![\w])")
_NAME_BEFORE = re.compile(r"\b[A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?){0,3}$")
_SIGN_OFF = re.compile(
    r"^[\W_]*(?:be\s+well|best\s+(?:wishes|regards|of\s+luck|luck|to\s+you|to\s+all)|best(?=\s*[,.!~]|\s*$)|sincerely|warmly|warm\s+regards|kind\s+regards|"
    r"regards|take\s+care|cheers|blessings|all\s+the\s+best|good\s+luck|with\s+warmth|respectfully)\b",
    re.IGNORECASE,
)
_SIGN_OFF_MAX_WORDS = 8


def leading_sentences(text: str, limit: int | None = None) -> list[str]:
    """Sentences of whitespace-normalized `text`, stopping after `limit` (all when None)."""
    sentences: list[str] = []
    start = 0
    for match in _TERMINATOR.finditer(text):
        sentence = text[start : match.end()].strip()
        start = match.end()
        if sentence:
            sentences.append(sentence)
            if limit is not None and len(sentences) >= limit:
                return sentences
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def split_sentences(text: str) -> list[str]:
    """All sentences of `text` (whitespace normalized first)."""
    return leading_sentences(normalize_whitespace(text))


def has_keyword(sentence: str) -> bool:
    """Contains "sounds like", "seems like" or "feels like" (any case)."""
    lowered = sentence.lower()
    return "like" in lowered and _KEYWORD_LOWER.search(lowered) is not None


def is_greeting(sentence: str) -> bool:
    """Starts with Hi, Hello, Hey, Dear, Thank you, Thanks or Good morning/afternoon/evening."""
    return _GREETING.match(sentence) is not None


def is_signature(sentence: str) -> bool:
    """A signature line: 'Name, CREDENTIAL' anywhere, or a short sentence opening with a sign-off."""
    if "," in sentence:
        for match in _COMMA_CREDENTIAL.finditer(sentence):
            if _NAME_BEFORE.search(sentence, 0, match.start()):
                return True
    return _SIGN_OFF.match(sentence) is not None and len(sentence.split()) <= _SIGN_OFF_MAX_WORDS


# A pair of sentences is a candidate only when each half alone scores at least this share of
# the threshold: a reflection followed by advice must not ride on its first half.
PAIR_PART_SHARE = 0.5


def candidate_spans(cleaned: str, settings: DataSettings) -> tuple[list[str], list[tuple[int, ...]]]:
    """(sentences, spans) of a cleaned answer: its first `reflection_sentences_searched`
    sentences, and the candidate spans as tuples of indexes into them: every usable sentence
    (i,), and every pair (i, i + 1) of adjacent usable ones."""
    sentences = leading_sentences(cleaned, settings.reflection_sentences_searched)
    usable = [
        not is_greeting(sentence) and not is_signature(sentence) and find_contact_info(sentence) is None
        and settings.fallback_min_words <= len(sentence.split()) <= settings.fallback_max_words
        for sentence in sentences
    ]
    singles = [(index,) for index, ok in enumerate(usable) if ok]
    pairs = [(index, index + 1) for index in range(len(usable) - 1) if usable[index] and usable[index + 1]]
    return sentences, singles + pairs


def best_span(spans: list[tuple[int, ...]], scores: list[float], threshold: float) -> int | None:
    """Index into `spans` of the highest-scoring acceptable span, or None.

    A single sentence is acceptable at `threshold`; a pair also needs each of its sentences to
    score at least PAIR_PART_SHARE * threshold alone. Ties keep the earlier span.
    """
    single_score = {span[0]: score for span, score in zip(spans, scores) if len(span) == 1}
    best: int | None = None
    for index, (span, score) in enumerate(zip(spans, scores)):
        if score < threshold:
            continue
        if len(span) == 2 and min(single_score[span[0]], single_score[span[1]]) < PAIR_PART_SHARE * threshold:
            continue
        if best is None or score > scores[best]:
            best = index
    return best


def reflection_from_clean(cleaned: str, settings: DataSettings) -> tuple[str | None, str]:
    """(reflection, reason) by the opening rule for an answer cleaned by `clean_answer`; reason is
    "keyword", "fallback" or a drop reason: "empty_answer", "no_reflection", "contains_url",
    "contains_email", "contains_phone". See the module docstring."""
    window = max(settings.keyword_max_sentences, settings.fallback_max_sentences)
    sentences = leading_sentences(cleaned, window)
    if not sentences:
        return None, "empty_answer"
    chosen: tuple[str, str] | None = None
    for sentence in sentences[: settings.keyword_max_sentences]:
        if has_keyword(sentence) and not is_signature(sentence):
            if settings.keyword_min_words <= len(sentence.split()) <= settings.keyword_max_words:
                chosen = (sentence, "keyword")
                break
    if chosen is None:
        for sentence in sentences[: settings.fallback_max_sentences]:
            if is_greeting(sentence) or is_signature(sentence):
                continue
            if settings.fallback_min_words <= len(sentence.split()) <= settings.fallback_max_words:
                chosen = (sentence, "fallback")
                break
    if chosen is None:
        return None, "no_reflection"
    contact = find_contact_info(chosen[0])
    if contact is not None:
        return None, f"contains_{contact}"
    return chosen


def clean_answer(answer: object) -> tuple[str | None, str]:
    """(cleaned answer, "") of one raw answer (HTML and whitespace cleaned), or (None, drop reason):
    "empty_answer" (missing, blank or markup only) or "non_text_answer" (not a string).
    Both extraction rules start from it."""
    if answer is None or (isinstance(answer, float) and math.isnan(answer)):
        return None, "empty_answer"
    if not isinstance(answer, str):
        return None, "non_text_answer"
    cleaned = clean_text(answer)
    if not cleaned:
        return None, "empty_answer"
    return cleaned, ""


def case_text(question_text: str | None, question_title: str | None) -> str:
    """The case: cleaned questionText, or cleaned questionTitle when the text is empty; "" when both are."""
    for value in (question_text, question_title):
        if isinstance(value, str):
            cleaned = clean_text(value)
            if cleaned:
                return cleaned
    return ""
