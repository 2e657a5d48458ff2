"""Crisis screen: the first thing every case goes through, before any model.

`screen(text)` returns a `ScreenResult`. When `risk == "crisis"` the product must NOT
answer with generated text; it shows `message` and `resources` (people to reach now).

How it decides (rules, no model; see `rules.py` for the patterns):

1. Normalise (lower case, accents folded, apostrophes unified, English contractions
   expanded), then blank out idioms and grief about someone else's death ("this commute
   is killing me", "je meurs de faim", "my brother killed himself last year").
2. Match first-person intent / plan / means / veiled-risk patterns in English, French and
   Spanish. All three rule sets run on every text, because people switch languages
   mid-message (common in Montréal).
3. Negation: a negator just before an explicit phrase cancels it ("I've never tried or
   contemplated suicide", "je ne veux pas mourir") unless the same sentence goes on to
   revive it ("... but lately I think about it", "not suicidal yet"). Decision: a person
   who says they are not at risk is answered normally; everything else explicit errs
   toward resources (past attempts, "I used to cut", "I could kill myself for forgetting").
   Phrases whose negation *is* the risk ("I don't want to live", "no quiero vivir") are
   never cancelled. A reported question ("my therapist asked if I have thoughts of
   suicide") is not an assertion either, unless the sentence answers yes.
4. History: a phrase in a sentence that marks it as the past ("I used to self-harm",
   "I attempted suicide when I was 19", "years ago") is history, not current risk, unless
   that sentence brings it back ("... and last night I started again", "I still think
   about it"). History is answered normally, and `referral.referral_for` suggests a
   therapist experienced with suicidal thoughts and self-harm.
5. Someone else at risk ("my friend says she wants to kill herself") is a crisis with
   category "concern_for_other": the writer needs a person to call, not a reflection.
   Grief about someone else's death, including by suicide, is not a crisis.

Unreadable language (policy): when the text is not English, French or Spanish (or no
language can be told) and no rule fired, the result is risk "crisis" with category
"unreadable_language", a short en/fr/es message and the general crisis resources. Why:
the rules cannot read the text, so "none" would be a claim we cannot back; the model
downstream was fine-tuned on English only and would answer a person it does not
understand, who may be in danger, with fluent guesswork. Showing a phone number to
someone who was fine costs little; missing a crisis does not. The price is that every
non-en/fr/es case gets resources instead of a reflection.

Limits, measured honestly: on five held-out tables written after successive rule freezes
(tests/test_safety_screen_heldout.py and the FORMER_HELDOUT_* tables), the rules caught only
about 15-50 % of fresh crisis phrasings before being fixed, with 0-7 % false alarms. They catch
what they were written for (every development case) and reliably give resources for languages
they cannot read; they are NOT a guarantee for unseen wording. Keep resources visible elsewhere
(the disclaimer in `filters.DISCLAIMERS`) and treat this screen as one layer, not the only one.

Pure Python, CPU, offline; under a millisecond per case of a few hundred characters (see `bench.py`).
"""

from __future__ import annotations

import copy
import functools
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Sequence

from tasks.core.safety.gate import passes_gate
from tasks.core.safety.language import SUPPORTED_LANGUAGES, detect_language
from tasks.core.safety.normalize import is_negated, normalize_text
from tasks.core.safety.rules import (
    CATEGORY_PRIORITY,
    IDIOM_SCRUBS,
    ANSWERED_YES,
    NEGATION_REVIVERS,
    PAST_MARKERS,
    PAST_REVIVERS,
    REPORTED_QUESTION,
    RULES,
    SELF_CATEGORIES,
    Rule,
)

__all__ = [
    "ScreenResult",
    "ScreenSettings",
    "detect_language",
    "screen",
    "load_resources",
    "available_locales",
    "compute_screen_metrics",
    "RESOURCES_PATH",
]

RESOURCES_PATH = Path(__file__).with_name("resources.json")
_URGENT_CATEGORIES = frozenset({"medical_emergency", "abuse_in_progress", "harm_to_others"})
_MESSAGE_KEYS = ("default", "medical_emergency", "abuse_in_progress", "harm_to_others", "concern_for_other")
_SENTENCE_END = re.compile(r"[.!?\n]")


@dataclass(frozen=True)
class ScreenSettings:
    """Settings of the crisis screen.

    Attributes:
        negation_window_tokens: how many tokens before an explicit phrase are searched
            for a negator ("I have never in my life tried suicide" needs 5). Larger
            windows cancel more real risk; keep it small.
    """

    negation_window_tokens: int = 6

    def __post_init__(self) -> None:
        if not isinstance(self.negation_window_tokens, int) or not 1 <= self.negation_window_tokens <= 12:
            raise ValueError(
                f"negation_window_tokens must be an int from 1 to 12, got {self.negation_window_tokens!r}; "
                "a negator further away than that rarely governs the risk phrase"
            )


DEFAULT_SCREEN_SETTINGS = ScreenSettings()


@dataclass(frozen=True)
class ScreenResult:
    """What the crisis screen decided for one case.

    Attributes:
        risk: "crisis" (show message + resources, generate nothing) or "none".
        language: detected language code ("en", "fr", "es", "de", ...) or "unknown".
        categories: crisis categories found, most urgent first (empty when risk is "none").
        message: warm, short text in the case's language (en/fr/es; multilingual
            otherwise) urging the person to reach someone now; None when risk is "none".
        resources: [{"name", "contact", "how"}] from resources.json, most relevant first.
        rules: names of the rules that fired (for audits and tests).
    """

    risk: str
    language: str
    categories: list[str]
    message: str | None
    resources: list[dict]
    rules: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Plain-dict form (JSON-serialisable)."""
        return asdict(self)


# ---------------------------------------------------------------------------------------
# Resources
# ---------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _load_all_resources() -> dict:
    with RESOURCES_PATH.open(encoding="utf-8") as handle:
        data = json.load(handle)
    locales = data.get("locales")
    if not isinstance(locales, dict) or not locales:
        raise ValueError(f"{RESOURCES_PATH} has no 'locales' object; restore it from git")
    for locale, block in locales.items():
        _validate_locale_block(locale, block)
    return locales


def _validate_locale_block(locale: str, block: dict) -> None:
    where = f"{RESOURCES_PATH.name} locale {locale!r}"
    resources = block.get("resources")
    if not isinstance(resources, list) or not resources:
        raise ValueError(f"{where}: 'resources' must be a non-empty list")
    for entry in resources:
        missing = {"id", "name", "contact", "how", "for"} - set(entry)
        if missing:
            raise ValueError(f"{where}: resource {entry.get('id', entry)!r} lacks {sorted(missing)}")
        absent_names = [lang for lang in SUPPORTED_LANGUAGES if lang not in entry["name"]]
        if absent_names:
            raise ValueError(f"{where}: resource {entry['id']!r} has no name in {absent_names}")
    messages = block.get("messages", {})
    for lang in SUPPORTED_LANGUAGES:
        absent = [key for key in _MESSAGE_KEYS if key not in messages.get(lang, {})]
        if absent:
            raise ValueError(f"{where}: messages[{lang!r}] lacks {absent}; add them (warm, short, 'reach a person now')")
    if "default" not in messages.get("multi", {}):
        raise ValueError(f"{where}: messages['multi']['default'] (multilingual message) is missing")


def available_locales() -> list[str]:
    """Locales that resources.json covers (e.g. ["CA", "US"])."""
    return sorted(_load_all_resources())


def load_resources(locale: str = "CA") -> dict:
    """Return the resources and messages of `locale` (a copy: safe to modify).

    Shape: {"locale": "CA", "resources": [...], "messages": {"en": {...}, ..., "multi": {...}}}.
    Raises ValueError for a locale resources.json does not cover.
    """
    locales = _load_all_resources()
    if locale not in locales:
        raise ValueError(
            f"no crisis resources for locale {locale!r}; available: {sorted(locales)}. "
            f"Add the locale to {RESOURCES_PATH} (verified numbers only) or pass one of those."
        )
    return {"locale": locale, **copy.deepcopy(locales[locale])}


def _resources_for(categories: Sequence[str], language: str, locale_block: dict) -> list[dict]:
    name_language = language if language in SUPPORTED_LANGUAGES else "en"
    wanted = set(categories)
    chosen = [
        entry
        for entry in locale_block["resources"]
        if "all" in entry["for"] or wanted.intersection(entry["for"])
    ]
    if wanted & _URGENT_CATEGORIES:
        # Immediate danger: the emergency number goes first (stable sort keeps the rest in order).
        chosen.sort(key=lambda entry: not entry.get("urgent", False))
    return [{"name": e["name"][name_language], "contact": e["contact"], "how": e["how"]} for e in chosen]


def _message_for(categories: Sequence[str], language: str, locale_block: dict) -> str:
    messages = locale_block["messages"]
    if language not in SUPPORTED_LANGUAGES:
        return messages["multi"]["default"]
    top = categories[0]
    return messages[language].get(top, messages[language]["default"])


# ---------------------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------------------
def _scrub(normalised: str) -> str:
    """Blank out idioms and third-person grief so the risk rules cannot see them."""
    for pattern, gate in IDIOM_SCRUBS:
        if passes_gate(gate, normalised):
            normalised = pattern.sub(" _ ", normalised)
    return normalised


def _key_start(match: re.Match[str]) -> int:
    for group in ("key", "key2"):
        if group in match.re.groupindex and match.group(group) is not None:
            return match.start(group)
    return match.start()


def _revived(text: str, end: int) -> bool:
    """True when the rest of the sentence undoes a negation ("... but lately I think about it")."""
    stop = _SENTENCE_END.search(text, end)
    rest = text[end: stop.start() if stop else len(text)]
    return any(pattern.search(rest) for pattern in NEGATION_REVIVERS)


def _sentence_around(text: str, start: int, end: int) -> str:
    begin = max(text.rfind(mark, 0, start) for mark in ".!?\n") + 1
    stop = _SENTENCE_END.search(text, end)
    return text[begin: stop.start() if stop else len(text)]


def _past_only(text: str, key_start: int) -> bool:
    """True for history ("I used to cut myself") that the same sentence does not bring back."""
    sentence = _sentence_around(text, key_start, key_start)
    return PAST_MARKERS.search(sentence) is not None and PAST_REVIVERS.search(sentence) is None


def _reported_question(text: str, key_start: int) -> bool:
    """True for "they asked if I have thoughts of suicide" (unless the sentence answers yes)."""
    sentence_start = max(text.rfind(mark, 0, key_start) for mark in ".!?\n") + 1
    if REPORTED_QUESTION.search(text[sentence_start:key_start]) is None:
        return False
    return ANSWERED_YES.search(_sentence_around(text, key_start, key_start)) is None


def _rule_hits(rule: Rule, text: str, settings: ScreenSettings) -> list[tuple[int, int]]:
    if not passes_gate(rule.gate, text):
        return []
    if rule.context is not None and rule.context.search(text) is None:
        return []
    spans = []
    for match in rule.pattern.finditer(text):
        if rule.sentence_context is not None and not rule.sentence_context.search(
            _sentence_around(text, match.start(), match.end())
        ):
            continue
        key_start = _key_start(match)
        if rule.negatable and is_negated(text, key_start, settings.negation_window_tokens):
            if not _revived(text, match.end()):
                continue
        if rule.negatable and _past_only(text, key_start):
            continue
        if rule.negatable and _reported_question(text, key_start):
            continue
        spans.append(match.span())
    return spans


def _find_categories(normalised: str, settings: ScreenSettings) -> tuple[list[str], list[str]]:
    """Return (categories most urgent first, names of rules that fired)."""
    text = _scrub(normalised)
    hits: list[tuple[Rule, tuple[int, int]]] = []
    for rule in RULES:
        hits.extend((rule, span) for span in _rule_hits(rule, text, settings))
    concern_spans = [span for rule, span in hits if rule.category == "concern_for_other"]
    kept = [
        (rule, span)
        for rule, span in hits
        # "my friend is suicidal": the bare explicit word belongs to the concern, not the writer.
        if not (rule.explicit and rule.category in SELF_CATEGORIES
                and any(start <= span[0] and span[1] <= end for start, end in concern_spans))
    ]
    found = {rule.category for rule, _ in kept}
    categories = [category for category in CATEGORY_PRIORITY if category in found]
    rule_names = sorted({rule.name for rule, _ in kept})
    return categories, rule_names


def screen(text: str, locale: str = "CA", *, settings: ScreenSettings = DEFAULT_SCREEN_SETTINGS) -> ScreenResult:
    """Screen one case for crisis; see the module docstring for the policy.

    Raises TypeError for a non-string and ValueError for an empty case or an unknown locale.
    """
    if not isinstance(text, str):
        raise TypeError(f"screen() needs the case text as str, got {type(text).__name__}")
    if not text.strip():
        raise ValueError("screen() got an empty case; drop empty rows before screening")
    locales = _load_all_resources()
    if locale not in locales:
        load_resources(locale)  # raises the explanatory error
    locale_block = locales[locale]  # read-only use: no copy needed
    language = detect_language(text)
    categories, rule_names = _find_categories(normalize_text(text), settings)
    if not categories and language not in SUPPORTED_LANGUAGES:
        categories = ["unreadable_language"]
    if not categories:
        return ScreenResult(risk="none", language=language, categories=[], message=None, resources=[], rules=[])
    return ScreenResult(
        risk="crisis",
        language=language,
        categories=categories,
        message=_message_for(categories, language, locale_block),
        resources=_resources_for(categories, language, locale_block),
        rules=rule_names,
    )


# ---------------------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------------------
def compute_screen_metrics(cases: list[tuple[str, bool]], locale: str = "CA") -> dict:
    """Screen labelled cases and report recall and false-alarm rate.

    `cases` holds (text, is_crisis) pairs. Returns counts, `recall` (crisis cases caught /
    crisis cases), `false_alarm_rate` (non-crisis cases flagged / non-crisis cases), and
    the texts that were missed or falsely flagged. A rate with no case to divide by is None.
    """
    if not cases:
        raise ValueError("compute_screen_metrics() got no cases; pass a list of (text, is_crisis) pairs")
    for index, case in enumerate(cases):
        if not (isinstance(case, tuple) and len(case) == 2 and isinstance(case[0], str) and isinstance(case[1], bool)):
            raise ValueError(f"case {index} is {case!r}; each case must be a (text: str, is_crisis: bool) tuple")
    missed, false_alarms = [], []
    caught = true_negatives = 0
    for text, is_crisis in cases:
        flagged = screen(text, locale).risk == "crisis"
        if is_crisis and flagged:
            caught += 1
        elif is_crisis:
            missed.append(text)
        elif flagged:
            false_alarms.append(text)
        else:
            true_negatives += 1
    crisis_cases = caught + len(missed)
    non_crisis_cases = true_negatives + len(false_alarms)
    return {
        "cases": len(cases),
        "crisis_cases": crisis_cases,
        "non_crisis_cases": non_crisis_cases,
        "caught": caught,
        "missed": len(missed),
        "false_alarms": len(false_alarms),
        "true_negatives": true_negatives,
        "recall": caught / crisis_cases if crisis_cases else None,
        "false_alarm_rate": len(false_alarms) / non_crisis_cases if non_crisis_cases else None,
        "missed_texts": missed,
        "false_alarm_texts": false_alarms,
    }
