"""Reflect: what a person meets after writing a case. Safety first, then fluency.

`reflect_case(case, load_model, settings, seed)`:

1. Crisis screen (`safety.screen.screen`), three tiers. On "crisis" the answer is the
   screen's warm message and resources, no candidates, and `load_model` is never called: a
   person in crisis is never answered with generated text. On "elevated" (the learned score
   or the cue score fired, a rule the learned layer does not back, or a language the screen
   cannot read) the answer leads with the
   screen's check-in (`message`, asking directly about thoughts of suicide or of harming
   someone) and its resources; candidates are generated as below and then also pass the strict
   filter `safety.filters.elevated_flags` (no death, means, minimising, wrong sentiment or
   question), so fewer than n may come back. On "none", steps 2-5 only.
2. Otherwise the model is loaded (once per process; the caller caches) and the prompt is
   prefilled once. Each round samples `need + oversample` rows (need = n minus the
   candidates kept so far); a row stops at the end token, at `max_new_tokens`, or as soon
   as it holds `max_sentences` complete sentences.
3. Each sample, as soon as it ends, is cut after its `max_sentences`-th complete sentence
   (a fragment is never shown) and dropped when `safety.filters.candidate_flags` rejects it
   (empty, greeting only, echo of the case, duplicate of a kept one, dismissive, hopeless,
   harmful advice, unvetted URL/phone, not addressing the person), when it repeats the
   system prompt, or when the reflection scorer (`tasks.core.quality`) rates it below
   `quality_threshold` ("below_quality_threshold"): a candidate that is not a reflection of
   this case is never shown. Once n survive, the rows still running are cancelled (the n
   fastest acceptable samples win; the slowest row no longer sets the pace).
   Rounds repeat, at most `max_rounds`, until n survive; fewer than n (even none) may come
   back, never a rejected one, and `shortfall` says how many are missing.
4. Ranking. A kept candidate's `score` is the scorer's Q in [0, 1]. With its mean token
   log-probability `lp` (its kept tokens, under the model's own untempered distribution):

       likelihood = exp(lp)            # geometric-mean token probability, in (0, 1]
       rank = (quality_weight * Q + likelihood_weight * likelihood)
              / (quality_weight + likelihood_weight)

   candidates come back highest rank first.
5. `referral` (`safety.referral.referral_for`) suggests a licensed specialist when the case
   mentions trauma, an eating disorder, substance dependence, past abuse, psychosis or
   medication; `disclaimer` says this is not a substitute for a professional.

Pure core: no Prefect or MLflow imports.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, fields
from typing import Any, Callable

from tasks.core.modeling.cpu_threads import choose_threads
from tasks.core.modeling.generate import (
    GenerationSettings,
    LoadedModel,
    make_generator,
    model_device,
    optimize_for_cpu,
    prefill_prompt,
    sample_from_prefill,
)
from tasks.core.quality.scorer import default_scorer
from tasks.core.safety.filters import DISCLAIMERS, candidate_flags, elevated_flags, trim_to_sentences
from tasks.core.safety.referral import referral_for
from tasks.core.safety.screen import CRISIS, ELEVATED, screen
from tasks.core.settings_io import SettingsError

# Rejection reason for a sample without one complete sentence (nothing to show).
NO_COMPLETE_SENTENCE = "no_complete_sentence"
# Rejection reason for a candidate that repeats the system prompt (the model's instructions).
PROMPT_ECHO = "prompt_echo"
# Rejection reason for a candidate the reflection scorer rates below the threshold.
BELOW_QUALITY = "below_quality_threshold"
# Note on a KEPT candidate (informative, not a reason to drop it).
LOW_LIKELIHOOD = "low_likelihood"
DEFAULT_DISCLAIMER_LANGUAGE = "en"


@dataclass(frozen=True)
class ReflectSettings(GenerationSettings):
    """Settings of the reflect stage (generation, filtering, ranking, speed, attention view).

    The sampling fields (max_new_tokens, temperature, top_p, max_prompt_tokens) are
    GenerationSettings' own, inherited; `reflect.temperature=...` sets them as any other. The
    defaults of temperature (GenerationSettings'), pool and the two ranking weights were chosen on the 53 development
    cases of judged round 2 by blind judges (README, Reflection quality): temperature 0.4 with a
    pool of 6 ranked mostly by likelihood gave top-1 acceptable 26/53 and 23/53 (two pairs of
    judges) against 19/53 for temperature 0.7, the 3 fastest, ranked mostly by the scorer.

    Attributes:
        n: candidates wanted per case (at most this many come back).
        max_rounds: sampling rounds at most; a new round runs only while fewer than n survive.
        oversample: extra rows sampled per round beyond those still needed. Rows share one
            prefill and one batched decode, so a spare row costs far less than another round,
            and with rows cancelled once n survive, more rows also means the n acceptable ones
            arrive sooner. 10 gave a fine-tuned checkpoint the lowest median latency of those
            measured (README, Benchmarks).
        pool: acceptable candidates collected in a round before the rows still running are
            cancelled and the best n are ranked (None, or anything below n, = n: the n fastest
            acceptable samples win).
            A larger pool lets the ranking choose among more, at some latency.
        max_sentences: a candidate is cut after this many complete sentences (1 or 2).
        quality_threshold: reflection-scorer score a candidate needs to be shown; None takes
            the scorer head's own threshold (tasks/core/quality/head.json).
        quality_weight: weight of the scorer's score in the ranking.
        likelihood_weight: weight of exp(mean token log-probability) in the ranking.
        low_likelihood_threshold: a kept candidate whose exp(mean log-probability) is below
            this is noted "low_likelihood".
        quantize_int8: smoothed dynamic int8 Linear layers (modeling/cpu_int8.py): None = on
            when the model is Llama-style and on CPU, float32 otherwise; True = on (an error
            when it cannot be); False = float32. Measured costs and gains: README, Benchmarks.
        int8_smoothing_alpha: SmoothQuant alpha (how much activation range moves into weights).
        int8_keep_float: Linear layer names (last name part) kept float32 under int8.
        threads: torch threads for generation; None = automatic per case: all cores when the
            machine is otherwise idle, one when other processes keep the CPUs busy (2 threads
            on 2 busy cores ran many times slower; see modeling/cpu_threads.py).
        attention_layers: default layer range [start, end) of the attention view (negative
            counts from the end); None means the upper half of the model's layers (attention.py).
        locale: crisis resources locale for the screen.
    """

    n: int = 3
    max_rounds: int = 3
    oversample: int = 10
    pool: int | None = 6
    max_sentences: int = 2
    quality_threshold: float | None = None
    quality_weight: float = 0.2
    likelihood_weight: float = 0.8
    low_likelihood_threshold: float = 0.25
    quantize_int8: bool | None = None
    int8_smoothing_alpha: float = 0.8
    int8_keep_float: tuple[str, ...] = ("down_proj",)
    threads: int | None = None
    attention_layers: tuple[int, int] | None = None
    locale: str = "CA"

    def __post_init__(self) -> None:
        checks = (
            (self.n >= 1, f"n={self.n} must be >= 1 (candidates wanted per case)."),
            (self.max_rounds >= 1, f"max_rounds={self.max_rounds} must be >= 1 (3 is the default)."),
            (self.pool is None or self.pool >= 1,
             f"pool={self.pool} must be None or >= 1 (acceptable candidates collected before ranking; below n it counts as n)."),
            (self.oversample >= 0, f"oversample={self.oversample} must be >= 0 (extra rows per round)."),
            (self.max_sentences in (1, 2), f"max_sentences={self.max_sentences} must be 1 or 2 (a reflection is one or two sentences)."),
            (self.likelihood_weight >= 0 and self.quality_weight >= 0,
             "likelihood_weight and quality_weight must be >= 0."),
            (self.likelihood_weight + self.quality_weight > 0,
             "likelihood_weight + quality_weight must be > 0 (set at least one weight)."),
            (self.quality_threshold is None or 0 <= self.quality_threshold <= 1,
             f"quality_threshold={self.quality_threshold} must be None (the scorer's own) or in [0, 1]."),
            (0 <= self.low_likelihood_threshold <= 1, "low_likelihood_threshold must be in [0, 1]."),
            (0 < self.int8_smoothing_alpha < 1, f"int8_smoothing_alpha={self.int8_smoothing_alpha} must be in (0, 1)."),
            (self.threads is None or self.threads >= 1, f"threads={self.threads} must be >= 1 or None (automatic)."),
            (self.attention_layers is None or (len(self.attention_layers) == 2
                                               and all(isinstance(v, int) for v in self.attention_layers)),
             f"attention_layers={self.attention_layers} must be None or two ints (start, end); "
             "the model's layer count checks the range (attention.resolve_layers)."),
        )
        for ok, message in checks:
            if not ok:
                raise SettingsError(message)
        super().__post_init__()  # checks max_new_tokens, temperature, top_p

    def generation(self) -> GenerationSettings:
        """The sampling part of these settings, as plain GenerationSettings."""
        return GenerationSettings(**{f.name: getattr(self, f.name) for f in fields(GenerationSettings)})


def has_enough_sentences(text: str, max_sentences: int) -> bool:
    """True once `text` holds `max_sentences` complete sentences AND something follows the last
    one: the following character proves the end ("3." in "3.5" or "Dr." is not an end)."""
    kept = trim_to_sentences(text, max_sentences)
    if not kept or len(kept) >= len(text.strip()):
        return False
    return max_sentences == 1 or kept != trim_to_sentences(text, max_sentences - 1)


def candidate_text(sample: dict[str, Any], max_sentences: int) -> str:
    """The shown text of a sample: cut after its `max_sentences`-th complete sentence.

    A sample the model ended itself (end token) with no final punctuation counts as one
    complete sentence ending there; a sample cut by the token limit never does.
    """
    text = sample["text"].strip()
    if sample.get("finish") == "end_token" and text and text[-1].isalnum():
        text += "."
    return trim_to_sentences(text, max_sentences)


def kept_mean_logprob(tokenizer: Any, sample: dict[str, Any], kept: str) -> float:
    """Mean log-probability of the sample's tokens up to the end of `kept` (its shown part).

    The whole sample (end token included) when nothing was cut away.
    """
    ids, logprobs = sample["token_ids"], sample["token_logprobs"]
    if not ids or len(ids) != len(logprobs):
        raise ValueError("a sample needs equally long non-empty token_ids and token_logprobs; "
                         "use tasks.core.modeling.generate.sample_from_prefill to make samples.")
    count = len(ids)
    # `kept` is a prefix of the sample's text, or the whole text plus a "." added after an end token.
    kept_chars = min(len(kept), len(sample["text"].strip()))
    for prefix in range(1, len(ids) + 1):
        if len(tokenizer.decode(ids[:prefix], skip_special_tokens=True).strip()) >= kept_chars:
            count = prefix
            break
    if count == len(ids) - 1 and sample.get("finish") == "end_token":
        count = len(ids)  # the model ended right there: its end token belongs to the candidate
    return float(sum(logprobs[:count]) / count)


def rank_score(mean_logprob: float, quality: float, settings: ReflectSettings) -> float:
    """Rank in [0, 1]: weighted mean of the scorer's quality and exp(mean_logprob)."""
    likelihood = math.exp(min(mean_logprob, 0.0))
    total = settings.likelihood_weight + settings.quality_weight
    return (settings.likelihood_weight * likelihood + settings.quality_weight * quality) / total


@dataclass(frozen=True)
class CaseScorer:
    """The reflection scorer bound to one case (its embedding computed once) and a threshold."""

    scorer: Any  # ReflectionScorer, or any object with .score(case, sentences, case_vector) and .case_vector(case)
    case: str
    case_vector: Any
    threshold: float

    @classmethod
    def bind(cls, scorer: Any, case: str, settings: ReflectSettings) -> "CaseScorer":
        threshold = scorer.threshold if settings.quality_threshold is None else settings.quality_threshold
        return cls(scorer, case, scorer.case_vector(case), float(threshold))

    def __call__(self, text: str) -> float:
        return float(self.scorer.score(self.case, [text], self.case_vector)[0])


def prompt_echo(text: str, system_prompt: str) -> bool:
    """True when the candidate mostly repeats the model's own instructions (a lightly trained
    checkpoint answered "You are a warm, careful therapist.")."""
    return bool(system_prompt.strip()) and "echo" in candidate_flags(text, system_prompt)


def judge_sample(sample: dict[str, Any], quality: CaseScorer, tokenizer: Any, settings: ReflectSettings,
                 kept: list[dict[str, Any]], rejected: Counter, system_prompt: str = "") -> None:
    """Cut, filter and score one finished sample: a survivor is appended to `kept`, a rejected
    one adds its reasons to `rejected` (both in place). Besides `candidate_flags`, a candidate
    that repeats the system prompt is rejected ("prompt_echo"), and one the scorer rates below
    the threshold ("below_quality_threshold"). Duplicates are judged against the candidates
    kept so far, so of two near-duplicates the one that finished first stays."""
    case = quality.case
    text = candidate_text(sample, settings.max_sentences)
    if not text:
        rejected[NO_COMPLETE_SENTENCE] += 1
        return
    flags = candidate_flags(text, case, accepted=[candidate["text"] for candidate in kept])
    if prompt_echo(text, system_prompt):
        flags.append(PROMPT_ECHO)
    if flags:
        rejected.update(flags)
        return
    score = quality(text)
    if score < quality.threshold:
        rejected[BELOW_QUALITY] += 1
        return
    mean_logprob = kept_mean_logprob(tokenizer, sample, text)
    likely = math.exp(min(mean_logprob, 0.0)) >= settings.low_likelihood_threshold
    kept.append({"text": text, "score": round(score, 4), "rank": round(rank_score(mean_logprob, score, settings), 4),
                 "flags": [] if likely else [LOW_LIKELIHOOD]})


def generate_candidates(loaded: LoadedModel, case: str, settings: ReflectSettings, seed: int | None = None,
                        scorer: Any = None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Ranked candidates (at most n) for a case that passed the screen, and a summary of how
    they were found: {"rounds", "sampled", "cancelled", "rejected": {reason: count}, "int8",
    "threads"}.

    Samples are judged as they finish; once `pool` (at least n) survive, the rows still running
    are cancelled (not judged, counted in "cancelled") and the best n of those kept are ranked.
    `scorer` is the reflection scorer (default: the packaged head).
    """
    quality = CaseScorer.bind(default_scorer() if scorer is None else scorer, case, settings)
    on_cpu = model_device(loaded).type == "cpu"
    threads = choose_threads(settings.threads) if on_cpu else settings.threads
    optimize_for_cpu(loaded, quantize_int8=settings.quantize_int8, threads=threads,
                     smoothing_alpha=settings.int8_smoothing_alpha, keep_float=settings.int8_keep_float)
    generation = settings.generation()
    prefill = prefill_prompt(loaded, case, generation)
    generator = make_generator(seed, model_device(loaded))
    kept: list[dict[str, Any]] = []
    rejected: Counter = Counter()

    def stop(text: str) -> bool:
        return has_enough_sentences(text, settings.max_sentences)

    pool = settings.n if settings.pool is None else max(settings.pool, settings.n)

    def on_finish(sample: dict[str, Any]) -> bool:
        judge_sample(sample, quality, loaded.tokenizer, settings, kept, rejected, loaded.prompt.system_prompt)
        return len(kept) >= pool

    rounds = sampled = cancelled = 0
    while len(kept) < settings.n and rounds < settings.max_rounds:
        rows = pool - len(kept) + settings.oversample
        samples = sample_from_prefill(loaded, prefill, rows, generation, generator, stop, on_finish)
        rounds, sampled = rounds + 1, sampled + len(samples)
        cancelled += sum(sample["finish"] == "cancelled" for sample in samples)
    ranked = sorted(kept, key=lambda candidate: candidate["rank"], reverse=True)[: settings.n]
    summary = {"rounds": rounds, "sampled": sampled, "cancelled": cancelled,
               "rejected": dict(sorted(rejected.items())), "int8": loaded.quantized, "threads": threads,
               "quality_threshold": quality.threshold}
    return ranked, summary


def reflect_case(case: str, load_model: Callable[[], LoadedModel], settings: ReflectSettings,
                 seed: int | None = None, scorer: Any = None) -> dict[str, Any]:
    """Screen a case, then (only when it is not a crisis) return ranked candidate reflections.

    Returns {"risk", "language", "categories", "candidates": [{"text", "score", "rank", "flags"}],
    "shortfall", "referral", "disclaimer", "message", "resources", "generation"}; `score` is the
    reflection scorer's, `shortfall` how many of the n asked for did not pass (0 when all did).
    On a crisis: candidates [], shortfall None, the screen's message and resources, referral and
    generation None, and `load_model` is not called. On "elevated": the screen's check-in as
    `message` and its resources, then the candidates that also pass `elevated_flags` (the
    rejected ones are counted in generation["rejected_elevated"] and in the shortfall).
    Raises ValueError for an empty case (from the screen).
    """
    screened = screen(case, settings.locale)
    language = screened.language
    disclaimer = DISCLAIMERS.get(language, DISCLAIMERS[DEFAULT_DISCLAIMER_LANGUAGE])
    result: dict[str, Any] = {
        "risk": screened.risk, "language": language, "categories": list(screened.categories),
        "candidates": [], "referral": None, "disclaimer": disclaimer,
        "message": screened.message, "resources": list(screened.resources), "generation": None,
        "shortfall": None,
    }
    if screened.risk == CRISIS:
        return result
    candidates, summary = generate_candidates(load_model(), case, settings, seed, scorer)
    if screened.risk == ELEVATED:
        candidates, summary = _strictly_filtered(candidates, summary)
    result.update(candidates=candidates, shortfall=settings.n - len(candidates),
                  referral=referral_for(case, language), generation=summary)
    return result


def _strictly_filtered(candidates: list[dict[str, Any]], summary: dict[str, Any]) -> tuple[list, dict]:
    """The candidates of an "elevated" case that also pass `elevated_flags`; the summary gains
    "rejected_elevated": {flag: count}."""
    kept, rejected = [], Counter()
    for candidate in candidates:
        flags = elevated_flags(candidate["text"])
        rejected.update(flags)
        if not flags:
            kept.append(candidate)
    return kept, {**summary, "rejected_elevated": dict(sorted(rejected.items()))}
