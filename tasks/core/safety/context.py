"""Sentence context shared by the crisis rules (`screen.py`) and the risk score (`score.py`).

All functions take *normalised* text (see `normalize.py`) and a character position:

* `sentence_around`: the sentence a position sits in;
* `revived`: the rest of the sentence undoes a negation ("I've never tried, but lately ...");
* `past_only`: the sentence marks history ("I used to cut") and does not bring it back;
* `reported_question`: "they asked if I have thoughts of suicide" (unless answered yes);
* `has_intent`: an intent or rumination frame ends just before the position ("I want to | ...");
* `story_or_resolved`: the sentence is about a story or the news, or history the writer calls
  resolved ("... and I'm doing well now"), and no intent frame governs the phrase.

Pure Python, no third-party imports.
"""

from __future__ import annotations

import re

from tasks.core.safety.cues import FICTION_MARKERS, GRIEF_MARKERS, INTENT_TAIL, LEISURE_MARKERS, RESOLVED_MARKERS
import re

from tasks.core.safety.rules import ANSWERED_YES, NEGATION_REVIVERS, PAST_MARKERS, PAST_REVIVERS, REPORTED_QUESTION

__all__ = [
    "SENTENCE_END",
    "sentence_around",
    "revived",
    "past_only",
    "reported_question",
    "has_intent",
    "story_or_resolved",
    "leisure_or_grief",
]

SENTENCE_END = re.compile(r"[.!?\n]")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` that holds the span start..end (sentence marks: . ! ? newline)."""
    begin = max(text.rfind(mark, 0, start) for mark in ".!?\n") + 1
    stop = SENTENCE_END.search(text, end)
    return text[begin: stop.start() if stop else len(text)]


def revived(text: str, end: int) -> bool:
    """True when the rest of the sentence undoes a negation ("... but lately I think about it")."""
    stop = SENTENCE_END.search(text, end)
    rest = text[end: stop.start() if stop else len(text)]
    return any(pattern.search(rest) for pattern in NEGATION_REVIVERS)


def past_only(text: str, key_start: int) -> bool:
    """True for history ("I used to cut myself") that the same sentence does not bring back."""
    sentence = sentence_around(text, key_start, key_start)
    return PAST_MARKERS.search(sentence) is not None and PAST_REVIVERS.search(sentence) is None


def reported_question(text: str, key_start: int) -> bool:
    """True for "they asked if I have thoughts of suicide" (unless the sentence answers yes)."""
    sentence_start = max(text.rfind(mark, 0, key_start) for mark in ".!?\n") + 1
    if REPORTED_QUESTION.search(text[sentence_start:key_start]) is None:
        return False
    return ANSWERED_YES.search(sentence_around(text, key_start, key_start)) is None


def has_intent(text: str, start: int) -> bool:
    """True when an intent, wish or rumination frame ends just before `start` in its sentence."""
    sentence_start = max(text.rfind(mark, 0, start) for mark in ".!?\n") + 1
    return INTENT_TAIL.search(text[max(sentence_start, start - 60): start]) is not None


def _sentence_index_bounds(text: str, start: int) -> tuple[int, int, int]:
    begin = max(text.rfind(mark, 0, start) for mark in ".!?\n") + 1
    stop = SENTENCE_END.search(text, start)
    previous_begin = max(text.rfind(mark, 0, max(begin - 1, 0)) for mark in ".!?\n") + 1 if begin else 0
    return previous_begin, begin, stop.start() if stop else len(text)


# What undoes a resolution ("doing well now, but the urges are back"); narrower than PAST_REVIVERS,
# which also counts "now I" and "still" (words a resolution itself uses: "now I'm 45 and happy").
RESOLUTION_UNDONE = re.compile(
    r"\b(?:again|relapsed?|relapsing|urges?|started|starting|lately|recently|these days|tempted|still (?:think|want|have|feel)|"
    r"de nouveau|a nouveau|recommence\w*|otra vez|de nuevo|volvi)\b"
)


def story_or_resolved(text: str, start: int) -> bool:
    """True for a phrase in a sentence about fiction or the news, or resolved history.

    Resolved: a resolution marker ("I'm doing well now", "two years clean") in the phrase's
    sentence or the one before, and nothing in the phrase's sentence bringing it back. Neither
    applies when an intent frame governs the phrase ("the movie made me want to kill myself").
    """
    previous_begin, begin, end = _sentence_index_bounds(text, start)
    sentence = text[begin:end]
    resolved = RESOLVED_MARKERS.search(text[previous_begin:end]) is not None and RESOLUTION_UNDONE.search(sentence) is None
    if resolved and PAST_MARKERS.search(sentence) is not None:
        return True  # "I used to think about ending my life, ... now I'm happy": the intent is in the past
    story = FICTION_MARKERS.search(sentence) is not None
    if not (story or resolved):
        return False
    return not has_intent(text, start)


def leisure_or_grief(text: str, start: int, grief: bool) -> bool:
    """True when the phrase's sentence is an outing (`grief=False`) or about someone's death (`grief=True`).

    Used for places and methods (leisure: "we drove to the cliffs for sunset") and farewells
    (grief: "a goodbye letter I read at her funeral"); not when an intent frame governs the phrase.
    """
    _, begin, end = _sentence_index_bounds(text, start)
    markers = GRIEF_MARKERS if grief else LEISURE_MARKERS
    if markers.search(text[begin:end]) is None:
        return False
    return not has_intent(text, start)
