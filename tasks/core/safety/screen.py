"""Crisis screen: the first thing every case goes through, before any model.

`screen(text)` returns a `ScreenResult`. When `risk == "crisis"` the product must NOT
answer with generated text; it shows `message` and `resources` (people to reach now).

How it decides (rules and a graded risk score, no model; see `rules.py`, `score.py`, `cues.py`):

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
6. Fiction and news ("in the movie ..."), resolved history ("... two years clean and doing
   well now"), outings ("we drove to the cliffs for sunset") and farewells for someone who
   died do not count, unless an intent frame governs the phrase ("the movie made me want to
   ...").
7. Risk score (`score.py`): broad cue families (ending, means, farewell, burden, hopeless,
   urgency, self-harm, medical, violence, abuse, ...; many phrasings each, en/fr/es) are
   weighted 1-4 and added up over a few sentences with the same context checks. The case is a
   crisis when a precise rule fires OR the score reaches `ScoreSettings.threshold` (4: two
   medium cues such as a means and an ending, or one strong cue). The rules are precise; the
   score is what generalises to wording nobody wrote a rule for.

Unreadable language (policy): when the text is not English, French or Spanish (or no
language can be told) and no rule fired, the result is risk "crisis" with category
"unreadable_language", a short en/fr/es message and the general crisis resources. Why:
the rules cannot read the text, so "none" would be a claim we cannot back; the model
downstream was fine-tuned on English only and would answer a person it does not
understand, who may be in danger, with fluent guesswork. Showing a phone number to
someone who was fine costs little; missing a crisis does not. The price is that every
non-en/fr/es case gets resources instead of a reflection.

Limits, measured honestly: every table written blind (by authors who never read this code) was
scored once before any fix. The rules alone caught 24-68 % of fresh crisis phrasings; with the
risk score, 60-88 % (the latest rounds, tests/test_safety_screen_blind.py: 18/25 and 22/25, with
2/25 and 6/25 false alarms). Each table was then tuned on and became development data
(tests/data/README.md has every round). It catches every development case and reliably gives
resources for languages it cannot read; it is NOT a guarantee for unseen wording. Keep resources
visible elsewhere (the disclaimer in `filters.DISCLAIMERS`) and treat this screen as one layer,
not the only one.

Pure Python, CPU, offline; about a millisecond per case of a few hundred characters (see `bench.py`).
Speed comes from literal prefilters (`gate.py`): one scan per text finds which rules, idiom scrubs
and cue phrasings can match, and only those run.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Sequence

from tasks.core.safety.gate import LiteralScanner, passes_requirements, requirement_branches
from tasks.core.safety.language import SUPPORTED_LANGUAGES, detect_language
from tasks.core.safety.normalize import is_negated, normalize_text
from tasks.core.safety.context import past_only as _past_only
from tasks.core.safety.context import reported_question as _reported_question
from tasks.core.safety.context import revived as _revived
from tasks.core.safety.context import sentence_around as _sentence_around
from tasks.core.safety.context import leisure_or_grief, story_or_resolved
from tasks.core.safety.rules import CATEGORY_PRIORITY, IDIOM_SCRUBS, RULES, SELF_CATEGORIES, Rule
from tasks.core.safety.score import DEFAULT_SCORE_SETTINGS, ScoreSettings, risk_score

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


@dataclass(frozen=True)
class ScreenSettings:
    """Settings of the crisis screen.

    Attributes:
        negation_window_tokens: how many tokens before an explicit phrase are searched
            for a negator ("I have never in my life tried suicide" needs 5). Larger
            windows cancel more real risk; keep it small.
        score: settings of the graded risk score (`score.py`); a case is a crisis when a
            precise rule fires OR the score reaches `score.threshold`.
        use_score: False screens with the precise rules only (for comparisons; the
            product always uses the score).
    """

    negation_window_tokens: int = 6
    score: ScoreSettings = DEFAULT_SCORE_SETTINGS
    use_score: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.negation_window_tokens, int) or not 1 <= self.negation_window_tokens <= 12:
            raise ValueError(
                f"negation_window_tokens must be an int from 1 to 12, got {self.negation_window_tokens!r}; "
                "a negator further away than that rarely governs the risk phrase"
            )
        if not isinstance(self.score, ScoreSettings):
            raise ValueError(f"score must be a ScoreSettings, got {type(self.score).__name__}; build one with ScoreSettings(...)")
        if not isinstance(self.use_score, bool):
            raise ValueError(f"use_score must be True or False, got {self.use_score!r}")


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
        rules: names of the rules that fired, and "cue:<family>" for each cue family of
            the risk score when the score reached its threshold (for audits and tests).
        score: the graded risk score (`score.py`; 0 = no surviving cue, 4 = default threshold).
    """

    risk: str
    language: str
    categories: list[str]
    message: str | None
    resources: list[dict]
    rules: list[str] = field(default_factory=list)
    score: int = 0

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
class _Prefilter:
    """Which of many patterns can match a text, from one scan for their required literals.

    Each pattern's `requirement_branches` (gate.py) say which literals a match needs; one
    `LiteralScanner` pass finds the literals present, an index maps them to the patterns
    that mention them, and only those patterns are checked in full. Sound: a pattern is
    skipped only when the literals it needs are absent.
    """

    def __init__(self, requirement_lists) -> None:
        self.requirements = list(requirement_lists)
        self.literals = {
            literal for branches in self.requirements for reqs in branches or () for options in reqs for literal in options
        }
        self.always = [index for index, branches in enumerate(self.requirements) if branches is None]
        index_of: dict[str, set[int]] = {}
        for index, branches in enumerate(self.requirements):
            for requirements in branches or ():
                for literal in requirements[0]:  # a branch cannot match without its first requirement
                    index_of.setdefault(literal, set()).add(index)
        self.index_of = index_of

    def candidates(self, present: set[str]) -> list[int]:
        """Indexes (ascending) of the patterns that may match a text holding the literals `present`."""
        maybe: set[int] = set(self.always)
        index_of = self.index_of
        for literal in present:
            owners = index_of.get(literal)
            if owners:
                maybe |= owners
        requirements = self.requirements
        return sorted(i for i in maybe if passes_requirements(requirements[i], present))


# Scrubs only remove text, so literals found before scrubbing are a superset of those after.
# One scan of the normalised text serves both filters (the rules then run on the scrubbed text,
# whose literals are a subset: sound).
_SCRUB_FILTER = _Prefilter(requirement_branches(pattern) for pattern, _ in IDIOM_SCRUBS)
_RULE_FILTER = _Prefilter(rule.requirements for rule in RULES)
_LITERALS = LiteralScanner(_SCRUB_FILTER.literals | _RULE_FILTER.literals)


def _scrub(normalised: str, present: set[str] | None = None) -> str:
    """Blank out idioms and third-person grief so the risk rules cannot see them.

    `present`: the literals `_LITERALS` found in `normalised` (computed when not given).
    """
    if present is None:
        present = _LITERALS.present(normalised)
    for index in _SCRUB_FILTER.candidates(present):
        normalised = IDIOM_SCRUBS[index][0].sub(" _ ", normalised)
    return normalised


def _key_start(match: re.Match[str]) -> int:
    for group in ("key", "key2"):
        if group in match.re.groupindex and match.group(group) is not None:
            return match.start(group)
    return match.start()


# Rules about farewells (a farewell for someone who died is grief) and about places or jumping
# (an outing is not a method): the same context the risk score applies to those cue families.
_FAREWELL_RULES = frozenset(
    {"en_goodbye_notes", "fr_adieu", "es_despedida", "note_with_timing", "en_gave_away", "fr_donne_affaires",
     "es_regale_cosas", "en_will"}
)
_PLACE_RULES = frozenset({"en_high_place", "en_jump", "high_place_let_go", "method_research"})


def _rule_hits(rule: Rule, text: str, settings: ScreenSettings) -> list[tuple[int, int]]:
    """Spans where `rule` fires in scrubbed `text` (the caller has checked the rule's gate)."""
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
        if rule.negatable and story_or_resolved(text, key_start):
            continue
        if rule.name in _FAREWELL_RULES and leisure_or_grief(text, key_start, grief=True):
            continue
        if rule.name in _PLACE_RULES and leisure_or_grief(text, key_start, grief=False):
            continue
        spans.append(match.span())
    return spans


def _find_categories(normalised: str, settings: ScreenSettings) -> tuple[list[str], list[str], int]:
    """Return (categories most urgent first, names of rules and cue families that fired, risk score)."""
    present = _LITERALS.present(normalised)
    text = _scrub(normalised, present)
    hits: list[tuple[Rule, tuple[int, int]]] = []
    for index in _RULE_FILTER.candidates(present):
        rule = RULES[index]
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
    rule_names = sorted({rule.name for rule, _ in kept})
    score = 0
    if settings.use_score:
        assessment = risk_score(text, settings.score)
        score = assessment.score
        if score >= settings.score.threshold:
            found.update(assessment.categories)
            rule_names += [f"cue:{family}" for family in assessment.families]
    categories = [category for category in CATEGORY_PRIORITY if category in found]
    return categories, rule_names, score


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
    categories, rule_names, score = _find_categories(normalize_text(text), settings)
    if not categories and language not in SUPPORTED_LANGUAGES:
        categories = ["unreadable_language"]
    if not categories:
        return ScreenResult(risk="none", language=language, categories=[], message=None, resources=[], rules=[],
                            score=score)
    return ScreenResult(
        risk="crisis",
        language=language,
        categories=categories,
        message=_message_for(categories, language, locale_block),
        resources=_resources_for(categories, language, locale_block),
        rules=rule_names,
        score=score,
    )


# ---------------------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------------------
def compute_screen_metrics(
    cases: list[tuple[str, bool]], locale: str = "CA", *, settings: ScreenSettings = DEFAULT_SCREEN_SETTINGS
) -> dict:
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
        flagged = screen(text, locale, settings=settings).risk == "crisis"
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
