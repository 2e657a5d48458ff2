"""Graded crisis risk score: broad cue families combined with context (no model, CPU, offline).

Why: the precise rules (`rules.py`) catch the phrasings they were written for and, on five
fresh held-out tables, only 15-50 % of new ones. This layer reads the *kind* of evidence
instead ("a means", "a farewell", "a burden", "an ending"), each kind with many phrasings
(`cues.py`), and adds it up. The screen flags a case when a precise rule fires OR this
score reaches `ScoreSettings.threshold`.

How a text is scored (normalised, idioms already blanked by `rules.IDIOM_SCRUBS`):

1. Every cue family's pattern is run once; each match is a cue with the weight of its
   phrasing (1 weak, 2 medium, 3 method/plan, 4 strong).
2. A cue is dropped when it is negated ("I would never hurt myself"), history ("when I
   was 15", "years ago"; unless the sentence brings it back), a reported question
   ("asked if I ..."), in a sentence about fiction or the news, or resolved ("I'm doing
   well now", "two years clean") in its sentence or the next.
3. An intent or rumination frame right before an ending or means cue adds to it ("I just
   want to | disappear" is 2 + 2; "I keep thinking about | stepping in front of a bus"
   is 3 + 1).
4. A cue whose clause starts with someone else ("my sister ...", "il ...", "quiere ...")
   is about another person: it still counts (a person writing about it needs resources)
   but the category becomes concern for someone else.
5. Per family, the score is its strongest cue, or the sum of its distinct cues capped at
   `family_cap` (3): one family alone never reaches the threshold with weak cues. Families
   add up over a window of `window_sentences` consecutive sentences; the text's score is
   the best window. Two co-occurring medium cues (means + ending, farewell + burden) reach
   the default threshold of 4; "danger now" cues ("outside my house", "drunk") count only
   next to abuse or violence.

Pure Python; one regex pass per family (a dozen per text).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from tasks.core.safety.context import SENTENCE_END, has_intent, past_only, reported_question, revived
from tasks.core.safety.cues import (
    CLAUSE_START,
    CueFamily,
    CUE_FAMILIES,
    DEPARTURE_MARKERS,
    FICTION_MARKERS,
    GRIEF_MARKERS,
    LEISURE_MARKERS,
    FIRST_PERSON,
    PERSON_NOUNS,
    POSSESSIVES,
    RESOLVED_MARKERS,
    THIRD_PERSON,
)
from tasks.core.safety.gate import LiteralScanner, literal_prefixes
from tasks.core.safety.normalize import is_negated, tokenize
from tasks.core.safety.rules import CATEGORY_PRIORITY

__all__ = ["ScoreSettings", "Cue", "RiskScore", "find_cues", "risk_score", "DEFAULT_SCORE_SETTINGS"]

# Families that only sharpen others: they never name the category on their own.
_MODIFIERS = frozenset({"urgency", "danger_now", "ingest", "quantity", "symptom"})
# Families that count only next to one of the families named: "drunk" or "outside my house" says
# nothing alone, "took" or "all my" neither.
_NEEDS = {
    "danger_now": frozenset({"abuse", "violence"}),
    "ingest": frozenset({"medical", "quantity", "means"}),  # "I take sleeping pills" alone stays under the threshold
    "quantity": frozenset({"means", "medical", "ingest"}),
    "symptom": frozenset({"means", "medical", "ingest", "quantity"}),
}
_CONCERN = "concern_for_other"
_PLACE_FAMILIES = frozenset({"means", "urgency"})  # a place or being there: ordinary on an outing
# What someone else's death is told with ("died of an overdose", "s'est pendu"): dropped in a grief sentence.
_GRIEF_DROPS = frozenset({"ending", "means", "medical", "ingest", "quantity", "symptom"})
_NO_PAIRING = frozenset({"means", "urgency", "danger_now", "ingest", "quantity", "symptom"})


def _build_scanner() -> tuple[LiteralScanner, dict[str, tuple[tuple[int, int], ...]], tuple[int, ...]]:
    """One scanner for the literal prefixes of every phrasing of every family (see `gate.LiteralScanner`).

    Returns the scanner; for each literal it can report, the (family, phrasing) pairs whose
    prefix is that literal or one it starts with (the scanner reports the longest literal at a
    position), in family and phrasing order; and the families that cannot be prefiltered
    (a phrasing without a literal prefix), which run their whole pattern instead.
    """
    owners: dict[str, set[tuple[int, int]]] = {}
    always: list[int] = []
    for family_index, family in enumerate(CUE_FAMILIES):
        prefixes_per_phrasing = [literal_prefixes(phrasing) for _, phrasing in family.phrasings]
        if not family.phrasings or any(prefixes is None for prefixes in prefixes_per_phrasing):
            always.append(family_index)
            continue
        for phrasing_index, prefixes in enumerate(prefixes_per_phrasing):
            for prefix in prefixes or ():
                owners.setdefault(prefix, set()).add((family_index, phrasing_index))
    scanner = LiteralScanner(owners, word_start=True)
    along = {
        literal: tuple(sorted({owner for prefix in scanner.literals_along(literal) for owner in owners[prefix]}))
        for literal in owners
    }
    return scanner, along, tuple(always)


_SCANNER, _OWNERS_ALONG, _ALWAYS_RUN = _build_scanner()


def _family_matches(text: str) -> list[tuple[CueFamily, int, re.Match[str]]]:
    """(family, weight, match) for every family match, as `family.pattern.finditer` would give them."""
    candidates: dict[int, list[tuple[int, int]]] = {index: [] for index in _ALWAYS_RUN}
    owners_along = _OWNERS_ALONG
    for found in _SCANNER.pattern.finditer(text):
        start = found.start()
        for family_index, phrasing_index in owners_along[found.group(1)]:
            candidates.setdefault(family_index, []).append((start, phrasing_index))
    matches = []
    for index in sorted(candidates):
        family = CUE_FAMILIES[index]
        if index in _ALWAYS_RUN:
            for match in family.pattern.finditer(text):
                matches.append((family, int(match.lastgroup[1:]), match))  # type: ignore[index]
            continue
        last_end = -1
        phrasings = family.phrasings
        # by position, then phrasing order: the first phrasing that matches at the leftmost position wins
        for position, phrasing_index in sorted(candidates[index]):
            if position < last_end:
                continue
            weight, phrasing = phrasings[phrasing_index]
            match = phrasing.match(text, position)
            if match:
                last_end = match.end()
                matches.append((family, weight, match))
    return matches


@dataclass(frozen=True)
class ScoreSettings:
    """Settings of the risk score.

    Attributes:
        threshold: score at which a case is a crisis (4 = two medium cues, or one strong
            one). Lower catches more and flags more ordinary distress; chosen on the
            development tables (see tests/test_safety_score.py for the sweep).
        window_sentences: how many consecutive sentences may pool their cues. Long cases
            (CounselChat questions run to 10+ sentences) should not add up cues that are
            paragraphs apart.
        family_cap: the most one family can add from several weaker cues (a strong cue
            still counts in full). Keeps "hopeless, worthless, useless" from being a crisis alone.
        negation_window_tokens: tokens before a cue searched for a negator.
    """

    threshold: int = 4
    window_sentences: int = 3
    family_cap: int = 3
    negation_window_tokens: int = 6

    def __post_init__(self) -> None:
        if not isinstance(self.threshold, int) or not 1 <= self.threshold <= 12:
            raise ValueError(f"threshold must be an int from 1 to 12, got {self.threshold!r}; 4 is two medium cues")
        if not isinstance(self.window_sentences, int) or not 1 <= self.window_sentences <= 10:
            raise ValueError(
                f"window_sentences must be an int from 1 to 10, got {self.window_sentences!r}; "
                "cues further apart than that rarely belong together"
            )
        if not isinstance(self.family_cap, int) or not 1 <= self.family_cap <= 4:
            raise ValueError(f"family_cap must be an int from 1 to 4, got {self.family_cap!r}")
        if not isinstance(self.negation_window_tokens, int) or not 1 <= self.negation_window_tokens <= 12:
            raise ValueError(
                f"negation_window_tokens must be an int from 1 to 12, got {self.negation_window_tokens!r}"
            )


DEFAULT_SCORE_SETTINGS = ScoreSettings()


@dataclass(frozen=True)
class Cue:
    """One piece of evidence: a family's phrase found in the text, after context checks."""

    family: str
    category: str
    weight: int
    text: str
    start: int
    sentence: int
    about_other: bool


@dataclass(frozen=True)
class RiskScore:
    """The score of a text and where it came from.

    Attributes:
        score: best window's sum (0 when no cue survived).
        categories: crisis categories of the best window, most urgent first.
        cues: the cues of the best window (for audits and tests).
        all_cues: every cue that survived the context checks.
    """

    score: int
    categories: tuple[str, ...]
    cues: tuple[Cue, ...] = field(default_factory=tuple)
    all_cues: tuple[Cue, ...] = field(default_factory=tuple)

    @property
    def families(self) -> tuple[str, ...]:
        """Names of the families in the best window (sorted)."""
        return tuple(sorted({cue.family for cue in self.cues}))


def _sentence_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in SENTENCE_END.finditer(text)]


def _about_other(text: str, start: int) -> bool:
    """True when the clause of the cue starts with someone else as its subject."""
    prefix = text[max(0, start - 120): start]
    begin = 0
    for match in CLAUSE_START.finditer(prefix):
        begin = match.end()
    tokens = tokenize(prefix[begin:])
    for index, token in enumerate(tokens):
        if token in FIRST_PERSON:
            return False
        if token in THIRD_PERSON:
            return True
        if token in POSSESSIVES and any(t in PERSON_NOUNS for t in tokens[index + 1: index + 3]):
            return True
    return False


def _dropped_by_context(text: str, start: int, end: int, negatable: bool, settings: ScoreSettings) -> bool:
    if negatable and is_negated(text, start, settings.negation_window_tokens) and not revived(text, end):
        return True
    if past_only(text, start) or reported_question(text, start):
        return True
    return False


def find_cues(text: str, settings: ScoreSettings = DEFAULT_SCORE_SETTINGS) -> list[Cue]:
    """Every cue in normalised, idiom-scrubbed `text` that survives the context checks."""
    starts = _sentence_starts(text)
    fiction = {bisect_right(starts, match.start()) - 1 for match in FICTION_MARKERS.finditer(text)}
    resolved = {bisect_right(starts, match.start()) - 1 for match in RESOLVED_MARKERS.finditer(text)}
    departure = {bisect_right(starts, match.start()) - 1 for match in DEPARTURE_MARKERS.finditer(text)}
    leisure = {bisect_right(starts, match.start()) - 1 for match in LEISURE_MARKERS.finditer(text)}
    grief = {bisect_right(starts, match.start()) - 1 for match in GRIEF_MARKERS.finditer(text)}
    cues: list[Cue] = []
    for family, weight, match in _family_matches(text):
        start, end = match.span()
        sentence = bisect_right(starts, start) - 1
        if family.directed == "self" and (sentence in fiction or sentence in resolved or sentence - 1 in resolved):
            if not has_intent(text, start):  # "the movie made me want to ..." is about the writer
                continue
        if family.name == "farewell" and sentence in departure:
            continue
        if (family.name in _PLACE_FAMILIES and sentence in leisure) or (family.name == "farewell" and sentence in grief):
            if not has_intent(text, start):
                continue
        if _dropped_by_context(text, start, end, family.negatable, settings):
            continue
        about_other = family.directed == "self" and _about_other(text, start)
        if about_other and sentence in grief and family.name in _GRIEF_DROPS:
            continue  # "my best friend died of an overdose last year": grief, not an emergency now
        if family.intent_bonus and weight >= family.intent_min_weight and weight < 4 and has_intent(text, start):
            weight = min(4, weight + family.intent_bonus)
        cues.append(Cue(family.name, family.category, weight, match.group(), start, sentence, about_other))
    return cues


def _window_score(cues: list[Cue], settings: ScoreSettings) -> int:
    by_family: dict[str, dict[str, int]] = {}
    for cue in cues:
        distinct = by_family.setdefault(cue.family, {})
        distinct[cue.text] = max(cue.weight, distinct.get(cue.text, 0))
    total = 0
    present = by_family.keys()
    for family, weights in by_family.items():
        needs = _NEEDS.get(family)
        if needs is not None and needs.isdisjoint(present):
            continue
        # Two distinct medium cues of one family (two medical signs, a burn and a lighter) reach the
        # threshold; weak ones stacked stay under the cap. Not for means: "a gun and bullets" is hunting talk.
        medium = sum(1 for weight in weights.values() if weight >= 2)
        cap = 4 if medium >= 2 and family not in _NO_PAIRING else settings.family_cap
        total += max(max(weights.values()), min(cap, sum(weights.values())))
    return total


def _categories(cues: list[Cue]) -> tuple[str, ...]:
    strongest: dict[str, int] = {}
    for cue in cues:
        strongest[cue.family] = max(cue.weight, strongest.get(cue.family, 0))
    found: set[str] = set()
    for cue in cues:
        if cue.family in _MODIFIERS or strongest[cue.family] < 2:
            continue
        if cue.about_other:
            found.add(_CONCERN)
            if cue.category == "medical_emergency":
                found.add(cue.category)
        else:
            found.add(cue.category)
    if not found:
        found.add("suicidal_ideation")
    return tuple(category for category in CATEGORY_PRIORITY if category in found)


def risk_score(text: str, settings: ScoreSettings = DEFAULT_SCORE_SETTINGS) -> RiskScore:
    """Score normalised, idiom-scrubbed `text` (see the module docstring)."""
    cues = find_cues(text, settings)
    if not cues:
        return RiskScore(0, ())
    last_sentence = max(cue.sentence for cue in cues)
    best_score, best_cues = 0, []
    for first in sorted({cue.sentence for cue in cues}):
        window = [cue for cue in cues if first <= cue.sentence < first + settings.window_sentences]
        score = _window_score(window, settings)
        if score > best_score:
            best_score, best_cues = score, window
        if first + settings.window_sentences > last_sentence:
            break
    return RiskScore(best_score, _categories(best_cues), tuple(best_cues), tuple(cues))
