"""Settings of the data stage: one frozen dataclass, checked when built."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Annotated, Literal, get_args

from annotated_types import Ge, Gt, Lt

from tasks.core.settings_io import SettingsError


# "reflection": scored reflective sentences (default); "opening": the original work's rule.
Extraction = Literal["reflection", "opening"]
EXTRACTIONS: tuple[str, ...] = get_args(Extraction)


@dataclass(frozen=True)
class DataSettings:
    """How raw CounselChat-style rows become (case, reflection) pairs and splits.

    Fields:
        extraction: which sentence of an answer becomes the training target.
            "reflection" (default): the sentence, or two adjacent sentences, that the reflection
            scorer (tasks/core/quality) rates highest for the case, when that score reaches
            `reflection_threshold`; an answer with none is dropped as "no_reflective_sentence".
            "opening": the original work's rule (an early "sounds/seems/feels like" sentence,
            else the first non-greeting sentence), kept to reproduce it; it mostly picks openers.
        reflection_threshold: scorer threshold of the "reflection" extraction (the data report
            records it); None takes the scorer head's own threshold (head.json). 0.7 sits below
            the head's: real therapist sentences that reach it are mostly reflective in form, and
            the head's threshold keeps too few of CounselChat's answers to train on (README).
        reflection_sentences_searched: leading sentences of an answer searched for a reflection.
        reflection_plain_only: the "reflection" extraction keeps only spans that also open as a
            reflection and show none of the rubric's failure signs (quality.features.
            plainly_reflective): the scorer alone keeps advice and verdicts that merely say "you"
            (of 20 kept targets drawn at random, judges accepted 5).
        written_reflections: add the project's written reflections (counsel_chat/
            written_reflections.jsonl, three or four per question on CounselChat questions) to
            their questions of this data, which they follow into their split. Real CounselChat
            answers hold few rubric-acceptable reflections (README, Data), so these give the
            model most of its examples; other data sets match none.
        seed: seed of the question shuffle that carves val/test out of train questions.
        val_fraction: share of ALL questions carved from train questions into `val`
            when the input has no val rows (0 < x < 0.5).
        test_fraction: the same for `test` (0 < x < 0.5). With no split column at all
            the result is 90/5/5 by question with the defaults.
        keyword_max_sentences: how many leading sentences are searched for
            "sounds like" / "seems like" / "feels like".
        fallback_max_sentences: how many leading sentences the fallback (first
            non-greeting sentence) may look at.
        keyword_min_words, keyword_max_words: word-count range of a keyword reflection.
        fallback_min_words, fallback_max_words: word-count range of a fallback reflection.
        batch_rows: rows read and processed per batch, so large files stream.
    """

    # The Annotated bounds are the ones validate() checks, stated where a schema can read them
    # (the training deployment's parameter form; tasks/core/settings_model.py).
    extraction: Extraction = "reflection"
    reflection_threshold: Annotated[float, Gt(0), Lt(1)] | None = 0.7
    reflection_sentences_searched: Annotated[int, Ge(1)] = 12
    reflection_plain_only: bool = True
    written_reflections: bool = True
    seed: int = 42
    val_fraction: Annotated[float, Gt(0), Lt(0.5)] = 0.05
    test_fraction: Annotated[float, Gt(0), Lt(0.5)] = 0.05
    keyword_max_sentences: Annotated[int, Ge(1)] = 6
    fallback_max_sentences: Annotated[int, Ge(1)] = 3
    keyword_min_words: Annotated[int, Ge(1)] = 3
    keyword_max_words: Annotated[int, Ge(1)] = 50
    fallback_min_words: Annotated[int, Ge(1)] = 4
    fallback_max_words: Annotated[int, Ge(1)] = 50
    batch_rows: Annotated[int, Ge(1)] = 20_000

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Raise SettingsError naming the bad field and a value that works."""
        if self.extraction not in EXTRACTIONS:
            raise SettingsError(
                f"DataSettings.extraction={self.extraction!r} is unknown; use one of {list(EXTRACTIONS)} "
                f"('reflection' picks scored reflective sentences, 'opening' is the original work's rule)"
            )
        if self.reflection_threshold is not None and (
            not isinstance(self.reflection_threshold, (int, float)) or not 0.0 < self.reflection_threshold < 1.0
        ):
            raise SettingsError(
                f"DataSettings.reflection_threshold={self.reflection_threshold!r} must be None (the scorer's own "
                f"threshold) or a score between 0 and 1 (exclusive), e.g. 0.8"
            )
        if not isinstance(self.written_reflections, bool):
            raise SettingsError(f"DataSettings.written_reflections must be true or false, got {self.written_reflections!r}")
        if not isinstance(self.seed, int) or isinstance(self.seed, bool):
            raise SettingsError(f"DataSettings.seed must be an int, got {self.seed!r}; use e.g. seed=42")
        for name in ("val_fraction", "test_fraction"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or not 0.0 < value < 0.5:
                raise SettingsError(
                    f"DataSettings.{name}={value!r} is out of range; use a fraction between 0 and 0.5 "
                    f"(exclusive), e.g. 0.05"
                )
        if self.val_fraction + self.test_fraction >= 0.9:
            raise SettingsError(
                f"DataSettings.val_fraction + test_fraction = {self.val_fraction + self.test_fraction} "
                f"leaves almost nothing to train on; keep the sum below 0.9"
            )
        for name in ("keyword_max_sentences", "fallback_max_sentences", "batch_rows", "reflection_sentences_searched"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise SettingsError(f"DataSettings.{name}={value!r} must be a positive int")
        for low_name, high_name in (
            ("keyword_min_words", "keyword_max_words"),
            ("fallback_min_words", "fallback_max_words"),
        ):
            low, high = getattr(self, low_name), getattr(self, high_name)
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in (low, high)):
                raise SettingsError(f"DataSettings.{low_name}/{high_name} must be ints, got {low!r}/{high!r}")
            if not 1 <= low <= high:
                raise SettingsError(
                    f"DataSettings.{low_name}={low} and {high_name}={high} must satisfy 1 <= min <= max"
                )

    def to_dict(self) -> dict:
        """A JSON-ready dict of every field."""
        return dataclasses.asdict(self)
