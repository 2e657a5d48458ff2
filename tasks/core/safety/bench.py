"""Speed benchmark of the crisis screen (the issue asks for 1,000 inputs in under 5 s on 2 cores).

Inputs are synthetic but shaped like CounselChat cases: 1 to 8 sentences drawn from a
pool of everyday counselling sentences, idioms and crisis sentences in English, French
and Spanish, so that most texts are a few hundred characters and about one in five
contains a crisis sentence. The same seed gives the same inputs.
"""

from __future__ import annotations

import random
import time
from collections import Counter

from tasks.core.safety.screen import CRISIS, ELEVATED, NONE, screen_many

__all__ = ["make_benchmark_inputs", "run_screen_benchmark"]

_EVERYDAY = (
    "I lost my job last month and I don't know how to tell my wife.",
    "My husband and I fight about money almost every night.",
    "I've been drinking more than usual and I can't sleep.",
    "I'm anxious about my kids and whether I'm a good parent.",
    "My mother died last year and I still cry when I hear her favourite song.",
    "How do I stop overthinking everything my girlfriend says?",
    "This commute is killing me and I have no energy left for my family.",
    "I could kill for a full night of sleep.",
    "My therapist says I should set boundaries with my parents.",
    "I feel stuck in my career and I'm not sure what I want anymore.",
    "Depuis que j'ai perdu mon emploi, je me sens inutile.",
    "Mon chum et moi, on se dispute tout le temps pour des niaiseries.",
    "Je meurs de fatigue, mais je n'arrive pas à dormir.",
    "Ma mère est décédée l'an dernier et je pleure encore.",
    "Me siento sola desde que me mudé a Montreal.",
    "Tengo problemas con mi jefe y no sé qué hacer.",
    "Me muero de hambre pero no tengo ganas de cocinar.",
    "Every winter I get very sad and I don't want to see anyone.",
    "I have a history of abuse and I'm starting to have panic attacks.",
    "My teenage son spends all night on video games and barely talks to us.",
)
_CRISIS = (
    "I wrote goodbye letters to my kids last night.",
    "How many pills would it take to not wake up?",
    "Everyone would be better off without me.",
    "I took the whole bottle an hour ago.",
    "He hits me and he's coming home soon.",
    "Je n'ai plus envie de vivre.",
    "Quiero morirme, ya no aguanto más.",
    "I started cutting again.",
)


def make_benchmark_inputs(n: int = 1000, seed: int = 0) -> list[str]:
    """Return `n` synthetic cases (deterministic for a given seed)."""
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a positive int, got {n!r}")
    rng = random.Random(seed)
    inputs = []
    for _ in range(n):
        sentences = rng.choices(_EVERYDAY, k=rng.randint(1, 8))
        if rng.random() < 0.2:
            sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(_CRISIS))
        inputs.append(" ".join(sentences))
    return inputs


def run_screen_benchmark(n: int = 1000, seed: int = 0) -> dict:
    """Screen `n` synthetic cases with `screen_many` (one batched embedding pass) and time it.

    Returns {"inputs", "seconds", "per_input_ms", "flagged", "elevated", "none", "load_seconds",
    "mean_chars"}: "flagged" counts the "crisis" tier, "elevated" and "none" the other two.
    Loading the encoder and the head (once per process) is timed apart, in "load_seconds";
    input generation is not timed.
    """
    inputs = make_benchmark_inputs(n, seed)
    start = time.perf_counter()
    screen_many(inputs[:1])  # loads the sentence encoder and the learned head
    load_seconds = time.perf_counter() - start
    start = time.perf_counter()
    results = screen_many(inputs)
    seconds = time.perf_counter() - start
    tiers = Counter(result.risk for result in results)
    return {
        "inputs": n,
        "seconds": round(seconds, 4),
        "per_input_ms": round(1000 * seconds / n, 4),
        "flagged": tiers[CRISIS],
        "elevated": tiers[ELEVATED],
        "none": tiers[NONE],
        "load_seconds": round(load_seconds, 4),
        "mean_chars": round(sum(map(len, inputs)) / n, 1),
    }
