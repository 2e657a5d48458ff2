"""Crisis screen: the first thing every case goes through, before any model.

`screen(text)` returns a `ScreenResult` whose `risk` is one of three tiers:

* "crisis": a precise rule fires (about suicidal thoughts, self-harm or someone else at risk:
  only with the learned score at least at its low threshold; about immediate danger: always),
  or the learned score reaches the head's high threshold. The product must NOT answer with
  generated text; it shows `message` and `resources` (people to reach now).
* "elevated": the learned score reaches the head's low threshold, or the cue score fires, or a
  rule fires that the learned layer does not back, or the language is one the screen cannot
  read. Reflections are generated (through a stricter filter, `filters.elevated_flags`), but
  the answer leads with `message`, a short, warm check-in in the case's language that asks
  directly about thoughts of suicide or of harming someone, and the `resources`.
* "none": answered normally.

`screen_many(texts)` screens a list with one batched embedding pass (use it for many cases).

How it decides (rules, a graded risk score and a learned layer; see `rules.py`, `score.py`,
`cues.py`, `learned.py`):

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
   weighted 1-4 and added up over a few sentences with the same context checks. The score
   fires when it reaches `ScoreSettings.threshold` (4: two medium cues such as a means and an
   ending, or one strong cue). A case where only the cue score fires is "elevated", not
   "crisis" (`ScreenSettings.cue_tier`): on the blind tables most of the screen's false alarms
   came from the cue score (dosage questions, clinicians asking how to assess risk), and an
   elevated answer still leads with the check-in and the resources.
8. Learned layer (`learned.py`): a logistic-regression head over the multilingual sentence
   embedding of the whole text gives p(crisis); at or above the head's `high` threshold the
   case is a crisis (category "learned_risk" unless the cues name one), at or above `low` it
   is at least elevated. Both thresholds were chosen on the development tables only, out of
   fold (the figures are inside `crisis_head.json`). This is what generalises to wording
   nobody wrote a rule or a cue for, in any of the encoder's 16 languages.

Unreadable language (policy): when the text is in no language the screen reads, the result
is at least "elevated" with category "unreadable_language": the check-in (en/fr/es together)
and the general crisis resources, then a reflection from the English model passed through the
strict filter; the learned layer can still raise it to "crisis". Why: "none" would be a claim
we cannot back. The screen reads English, French and Spanish (rules, cues, learned layer) and,
with the learned layer on, German, Italian and Portuguese (`LEARNED_LANGUAGES`: the learned
layer alone, with the check-in in that language). Why those three leave the net: on the first
measurement of 1,435 fresh cases (rounds 13-15, tests/data/README.md) the first learned head put
all 82 of their crisis cases at least at "elevated" (en/fr/es: 593 of 601), while the net showed
resources on all 91 of their non-crisis cases (the learned layer: 41 of 91). Every other
language (Dutch, non-Latin scripts, text the detector cannot place) stays in the net.

Limits, measured honestly: every table written blind (by authors who never read this code) was
scored once before any fix. The rules alone caught 24-68 % of fresh crisis phrasings; with the
risk score, 60-88 % (blind rounds 8-9: 18/25 and 22/25, with 2/25 and 6/25 false alarms), and on
the 1,435 cases of rounds 13-15 only 353/717 with 198/718 false alarms. With the first learned
head, those 1,435 fresh cases got resources in 709/717 crisis cases, but also in 357/718 non-crisis
ones (the crisis tier: 66/718). On blind rounds 8-9 the frozen head shows resources in 50/50
crisis cases and 24/50 non-crisis ones (crisis tier: 45/50 and 3/50). The price of the recall is
the many "elevated" answers to people who are not at risk: a check-in question about suicide they
did not need. It is NOT a guarantee for unseen wording. Keep resources visible elsewhere (the
disclaimer in `filters.DISCLAIMERS`) and treat this screen as one layer, not the only one.

CPU, offline. The rules and cues are pure Python, about half a millisecond per case of a few hundred
characters; literal prefilters (`gate.py`) make one scan per text find which rules, idiom scrubs
and cue phrasings can match. The learned layer embeds every text (numpy, one thread): about 2-4 ms
per case, batched by `screen_many` (see `bench.py`). Language detection (`language.py`: lingua,
restricted to seven languages, behind the stop-word detector) adds about 0.2-0.3 ms per case, and
about 1 s and 250 MiB once per process when its models load.
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
    "CRISIS",
    "ELEVATED",
    "NONE",
    "RISK_TIERS",
    "LEARNED_RISK",
    "UNREADABLE_LANGUAGE",
    "CHECK_IN_LANGUAGES",
    "LEARNED_LANGUAGES",
    "ScreenResult",
    "ScreenSettings",
    "detect_language",
    "screen",
    "screen_many",
    "shows_resources",
    "check_in_message",
    "choose_tier",
    "previous_screen_settings",
    "load_resources",
    "available_locales",
    "compute_screen_metrics",
    "RESOURCES_PATH",
]

RESOURCES_PATH = Path(__file__).with_name("resources.json")
_URGENT_CATEGORIES = frozenset({"medical_emergency", "abuse_in_progress", "harm_to_others"})
_MESSAGE_KEYS = ("default", "medical_emergency", "abuse_in_progress", "harm_to_others", "concern_for_other")

# The three tiers of `ScreenResult.risk`, most severe first.
CRISIS, ELEVATED, NONE = "crisis", "elevated", "none"
RISK_TIERS: tuple[str, ...] = (CRISIS, ELEVATED, NONE)
LEARNED_RISK = "learned_risk"  # category when only the learned layer raised the tier
UNREADABLE_LANGUAGE = "unreadable_language"
# Languages with a check-in text in resources.json (messages[lang]["check_in"]); others get "multi".
CHECK_IN_LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "de", "it", "pt")
# Languages the rules do not read but the learned layer does, well enough to leave the
# unreadable-language net (figures in tests/data/README.md): with the learned layer on, their
# tier comes from it alone (plus any English rule or cue inside the text).
LEARNED_LANGUAGES: tuple[str, ...] = ("de", "it", "pt")


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
        cue_tier: the tier of a case where only the cue score fires: "elevated" (the
            default; see the module docstring and tests/data/README.md for the figures) or
            "crisis" (the screen before the learned layer).
        use_learned: False turns the learned layer off (for comparisons with the screen before
            it; the product always uses it).
        head_path: the learned head file; None is the shipped `learned.HEAD_PATH`.
        rule_needs_learned: True (the default): a precise rule about the writer's own
            suicidal thoughts or self-harm, or about concern for someone else, makes the case
            "crisis" only when the learned score of the whole text, or of the sentence where the
            rule fired when that sentence is at most half the text (a long case dilutes it), is at
            least the low threshold; below it the case is "elevated" (resources and the check-in
            still shown). Rules about immediate danger
            (medical emergency, abuse in progress, harm to others) always make it "crisis".
            Why: on the first measurement of 1,435 fresh cases (rounds 13-15, first head), such
            rules fired with a whole-text learned score under the low threshold on 43 non-crisis
            cases and on no crisis case; the sentence check brings 13 of the 43 back to "crisis"
            (tests/data/README.md). False: every rule makes the case "crisis".
    """

    negation_window_tokens: int = 6
    score: ScoreSettings = DEFAULT_SCORE_SETTINGS
    use_score: bool = True
    cue_tier: str = ELEVATED
    use_learned: bool = True
    head_path: str | None = None
    rule_needs_learned: bool = True

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
        if self.cue_tier not in (CRISIS, ELEVATED):
            raise ValueError(f"cue_tier must be {CRISIS!r} or {ELEVATED!r}, got {self.cue_tier!r}")
        if not isinstance(self.use_learned, bool):
            raise ValueError(f"use_learned must be True or False, got {self.use_learned!r}")
        if not isinstance(self.rule_needs_learned, bool):
            raise ValueError(f"rule_needs_learned must be True or False, got {self.rule_needs_learned!r}")


def previous_screen_settings() -> ScreenSettings:
    """The screen before the learned layer (rules + cue score, both crisis), for comparisons."""
    return ScreenSettings(cue_tier=CRISIS, use_learned=False, rule_needs_learned=False)


DEFAULT_SCREEN_SETTINGS = ScreenSettings()


@dataclass(frozen=True)
class ScreenResult:
    """What the crisis screen decided for one case.

    Attributes:
        risk: "crisis" (show message + resources, generate nothing), "elevated" (lead with
            the check-in `message` and the resources, then strictly filtered reflections) or
            "none".
        language: detected language code ("en", "fr", "es", "de", ...) or "unknown".
        categories: categories found, most urgent first (empty when risk is "none").
        message: on "crisis", a warm, short text in the case's language (en/fr/es;
            multilingual otherwise) urging the person to reach someone now; on "elevated",
            the check-in (en/fr/es/de/it/pt; multilingual otherwise); None when risk is "none".
        resources: [{"name", "contact", "how"}] from resources.json, most relevant first.
        rules: names of the rules that fired, "cue:<family>" for each cue family of the risk
            score when the score reached its threshold, "learned:high" / "learned:low" when the
            learned score reached a threshold, and "learned:rule_sentence" when only the
            sentence where a rule fired did (for audits and tests).
        score: the graded risk score (`score.py`; 0 = no surviving cue, 4 = default threshold).
        learned_score: p(crisis) from the learned layer, rounded to 4 decimals (None when it
            is turned off).
    """

    risk: str
    language: str
    categories: list[str]
    message: str | None
    resources: list[dict]
    rules: list[str] = field(default_factory=list)
    score: int = 0
    learned_score: float | None = None

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
    absent_check_ins = [lang for lang in (*CHECK_IN_LANGUAGES, "multi") if "check_in" not in messages.get(lang, {})]
    if absent_check_ins:
        raise ValueError(f"{where}: messages[...]['check_in'] is missing for {absent_check_ins}; add a warm check-in "
                         "that asks directly about thoughts of suicide or of harming someone, with 9-8-8 and 911")


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


def _check_in_for(language: str, locale_block: dict) -> str:
    messages = locale_block["messages"]
    return messages[language if language in CHECK_IN_LANGUAGES else "multi"]["check_in"]


def check_in_message(language: str, locale: str = "CA") -> str:
    """The elevated tier's check-in in `language` (en/fr/es/de/it/pt; multilingual otherwise)."""
    return _check_in_for(language, load_resources(locale))


def shows_resources(risk: str) -> bool:
    """True for the tiers whose answer shows the resources ("crisis" and "elevated")."""
    return risk in (CRISIS, ELEVATED)


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


@dataclass(frozen=True)
class _Findings:
    """What the rules and the cue score found in one text (before the tier is chosen)."""

    rule_categories: frozenset[str]
    rule_names: list[str]
    cue_categories: tuple[str, ...]  # empty unless the score reached its threshold
    cue_names: list[str]
    score: int
    rule_sentences: tuple[str, ...] = ()  # (normalised) sentences where a rule fired, if at most half the text


def _find(normalised: str, settings: ScreenSettings) -> _Findings:
    """Run the precise rules and the risk score on a normalised text."""
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
    cue_categories: tuple[str, ...] = ()
    cue_names: list[str] = []
    score = 0
    if settings.use_score:
        assessment = risk_score(text, settings.score)
        score = assessment.score
        if score >= settings.score.threshold:
            cue_categories = tuple(assessment.categories)
            cue_names = [f"cue:{family}" for family in assessment.families]
    # Sentences where a rule fired, when they are at most half the text: in a long case the rest of
    # the text can dilute the learned score of the whole (see `rule_needs_learned`).
    sentences = tuple(dict.fromkeys(
        sentence for sentence in (_sentence_around(text, *span).replace(" _ ", " ").strip() for _, span in kept)
        if len(sentence) <= len(text) / 2))
    return _Findings(rule_categories=frozenset(rule.category for rule, _ in kept),
                     rule_names=sorted({rule.name for rule, _ in kept}), rule_sentences=sentences,
                     cue_categories=cue_categories,
                     cue_names=cue_names, score=score)


def _ordered(categories) -> list[str]:
    found = set(categories)
    return [category for category in CATEGORY_PRIORITY if category in found]


def choose_tier(findings: _Findings, language: str, learned: float | None, high: float, low: float,
                settings: ScreenSettings, rule_support: float | None = None) -> tuple[str, list[str], list[str]]:
    """(tier, categories most urgent first, rule names) from what the layers found; the policy of
    the module docstring in one place. `learned` is p(crisis) of the whole text, or None when the
    layer is off; `rule_support` is the highest p(crisis) of the sentences where a rule fired
    (None: not computed), which can back a rule when the whole text scores under `low`."""
    cue_fired = bool(findings.cue_categories)
    learned_high = learned is not None and learned >= high
    learned_low = learned is not None and learned >= low
    names = list(findings.rule_names) + list(findings.cue_names)
    names += ["learned:high"] if learned_high else ["learned:low"] if learned_low else []
    # de/it/pt: the rules cannot read them, the learned layer can (when it is on).
    readable = language in SUPPORTED_LANGUAGES or (language in LEARNED_LANGUAGES and learned is not None)
    sentence_backed = not learned_low and rule_support is not None and rule_support >= low
    names += ["learned:rule_sentence"] if sentence_backed and findings.rule_categories else []
    rule_backed = learned_low or sentence_backed
    rule_crisis = bool(findings.rule_categories) and (
        learned is None or rule_backed or not settings.rule_needs_learned
        or bool(findings.rule_categories & _URGENT_CATEGORIES))
    if rule_crisis or learned_high or (cue_fired and settings.cue_tier == CRISIS):
        tier = CRISIS
    elif findings.rule_categories or cue_fired or learned_low or not readable:
        tier = ELEVATED
    else:
        return NONE, [], []
    # The rules' and cues' categories say what the risk is; the two below only say why the tier was raised.
    categories = set(findings.rule_categories) | set(findings.cue_categories)
    if not categories and learned_low:
        categories.add(LEARNED_RISK)
    if not categories - {LEARNED_RISK} and not readable:
        categories.add(UNREADABLE_LANGUAGE)
    return tier, _ordered(categories), names


def _check_texts(texts: Sequence[str]) -> None:
    for index, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"screen() needs the case text as str, got {type(text).__name__} (case {index})")
        if not text.strip():
            raise ValueError(f"screen() got an empty case (case {index}); drop empty rows before screening")


def screen_many(texts: Sequence[str], locale: str = "CA", *,
                settings: ScreenSettings = DEFAULT_SCREEN_SETTINGS) -> list[ScreenResult]:
    """Screen many cases; the learned layer embeds them in batches. Same results as `screen` on each.

    Raises TypeError for a non-string and ValueError for an empty case or an unknown locale.
    """
    if isinstance(texts, str):
        raise TypeError("screen_many() takes a sequence of texts, not one string; use screen(text)")
    texts = list(texts)
    _check_texts(texts)
    locales = _load_all_resources()
    if locale not in locales:
        load_resources(locale)  # raises the explanatory error
    locale_block = locales[locale]  # read-only use: no copy needed
    high = low = 1.0
    learned: list[float | None] = [None] * len(texts)
    if settings.use_learned and texts:
        from tasks.core.safety.learned import HEAD_PATH, learned_scores, load_head

        head = load_head(settings.head_path or HEAD_PATH)
        high, low = head.high, head.low
        learned = [float(p) for p in learned_scores(texts, head)]
    findings_of = [_find(normalize_text(text), settings) for text in texts]
    support: list[float | None] = [None] * len(texts)
    if settings.use_learned and settings.rule_needs_learned:
        # A rule that the whole text's score does not back is checked against its own sentence:
        # in a long case the risk may sit in one sentence that the rest of the text dilutes.
        asks = [(index, sentence) for index, (found, p) in enumerate(zip(findings_of, learned))
                if found.rule_categories and p is not None and p < low for sentence in found.rule_sentences]
        if asks:
            scores = learned_scores([sentence for _, sentence in asks], head)
            for (index, _), score in zip(asks, scores):
                support[index] = max(float(score), support[index] or 0.0)
    results = []
    for text, probability, findings, rule_support in zip(texts, learned, findings_of, support):
        language = detect_language(text)
        tier, categories, names = choose_tier(findings, language, probability, high, low, settings, rule_support)
        shown = None if probability is None else round(probability, 4)
        if tier == NONE:
            results.append(ScreenResult(risk=NONE, language=language, categories=[], message=None, resources=[],
                                        rules=[], score=findings.score, learned_score=shown))
            continue
        message = (_message_for(categories, language, locale_block) if tier == CRISIS
                   else _check_in_for(language, locale_block))
        results.append(ScreenResult(risk=tier, language=language, categories=categories, message=message,
                                    resources=_resources_for(categories, language, locale_block), rules=names,
                                    score=findings.score, learned_score=shown))
    return results


def screen(text: str, locale: str = "CA", *, settings: ScreenSettings = DEFAULT_SCREEN_SETTINGS) -> ScreenResult:
    """Screen one case; see the module docstring for the policy (`screen_many` for many cases).

    Raises TypeError for a non-string and ValueError for an empty case or an unknown locale.
    """
    if not isinstance(text, str):
        raise TypeError(f"screen() needs the case text as str, got {type(text).__name__}")
    return screen_many([text], locale, settings=settings)[0]


# ---------------------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------------------
def compute_screen_metrics(
    cases: list[tuple[str, bool]], locale: str = "CA", *, settings: ScreenSettings = DEFAULT_SCREEN_SETTINGS
) -> dict:
    """Screen labelled cases and report recall and false alarms, per tier.

    `cases` holds (text, is_crisis) pairs. A case counts as caught / a false alarm when the
    screen shows resources ("crisis" or "elevated"): `caught`, `missed`, `false_alarms`,
    `recall`, `false_alarm_rate`, and the texts that were missed or falsely flagged. The
    "crisis" tier alone (no generated text) is counted apart: `crisis_tier_caught`,
    `crisis_tier_recall`, `crisis_tier_false_alarms`, `crisis_tier_false_alarm_rate`,
    `crisis_tier_false_alarm_texts`. A rate with no case to divide by is None.
    """
    if not cases:
        raise ValueError("compute_screen_metrics() got no cases; pass a list of (text, is_crisis) pairs")
    for index, case in enumerate(cases):
        if not (isinstance(case, tuple) and len(case) == 2 and isinstance(case[0], str) and isinstance(case[1], bool)):
            raise ValueError(f"case {index} is {case!r}; each case must be a (text: str, is_crisis: bool) tuple")
    results = screen_many([text for text, _ in cases], locale, settings=settings)
    missed, false_alarms, crisis_false_alarms = [], [], []
    caught = true_negatives = crisis_caught = 0
    for (text, is_crisis), result in zip(cases, results):
        flagged = shows_resources(result.risk)
        if is_crisis:
            crisis_caught += result.risk == CRISIS
            if flagged:
                caught += 1
            else:
                missed.append(text)
        else:
            if result.risk == CRISIS:
                crisis_false_alarms.append(text)
            if flagged:
                false_alarms.append(text)
            else:
                true_negatives += 1
    crisis_cases = caught + len(missed)
    non_crisis_cases = true_negatives + len(false_alarms)

    def rate(count: int, total: int) -> float | None:
        return count / total if total else None

    return {
        "cases": len(cases),
        "crisis_cases": crisis_cases,
        "non_crisis_cases": non_crisis_cases,
        "caught": caught,
        "missed": len(missed),
        "false_alarms": len(false_alarms),
        "true_negatives": true_negatives,
        "recall": rate(caught, crisis_cases),
        "false_alarm_rate": rate(len(false_alarms), non_crisis_cases),
        "crisis_tier_caught": crisis_caught,
        "crisis_tier_recall": rate(crisis_caught, crisis_cases),
        "crisis_tier_false_alarms": len(crisis_false_alarms),
        "crisis_tier_false_alarm_rate": rate(len(crisis_false_alarms), non_crisis_cases),
        "missed_texts": missed,
        "false_alarm_texts": false_alarms,
        "crisis_tier_false_alarm_texts": crisis_false_alarms,
    }
