"""Synthetic CounselChat-format rows and a timing of prepare() on them.

The rows carry the messiness of the real export so the timing is honest: run-together
sentences ("help.Seriously"), greetings, HTML tags and entities, non-breaking and
zero-width spaces, hard line wraps, signatures, URLs / e-mails / phone numbers,
boilerplate answers pasted under many questions, and a few empty answers.
"""
from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

import pandas as pd

from tasks.core.data.prepare import prepare
from tasks.core.data.settings import DataSettings

_TOPICS = ("depression", "anxiety", "relationships", "parenting", "self-esteem", "trauma", "family-conflict", "grief")
_FEELINGS = ("overwhelmed", "lonely", "anxious", "hurt", "stuck", "angry", "exhausted", "confused", "ashamed")
_THINGS = (
    "your relationship", "your job", "your family", "the move", "your sleep", "school", "your partner's distance",
    "the divorce", "your friendships", "your health", "the way your parents treat you", "money",
)
_GREETINGS = ("Hi there.", "Hello,", "Thank you for your question.", "Thanks for reaching out!", "Dear friend,",
              "Good morning.", "Hey,")
_KEYWORD_SENTENCES = (
    "It sounds like you have been feeling {feeling} about {thing} for {weeks} weeks.",
    "It seems like {thing} has been weighing on you for about {weeks} days.",
    "That feels like a lot to carry on your own, especially with {thing} for {weeks} weeks.",
    "Sounds like {thing} has left you feeling {feeling} on {weeks} days.",
)
_BODY_SENTENCES = (
    "Many people struggle with {thing} at some point, sometimes for {weeks} weeks.",
    "Dr. Smith, a colleague of mine, often says that change takes time and patience.",
    "Therapy can help, e.g. by giving you a safe space to sort through {thing}.",
    "You might start by noticing when you feel {feeling} and what happens right before.",
    "Writing down your thoughts each evening for {weeks} days can make patterns easier to see.",
    "A counselor can help you untangle the feelings around {thing}, i.e. what they tell you about your needs.",
    "Be gentle with yourself while you work on this.",
    "It is normal to feel {feeling} when {thing} changes so quickly.",
    "Consider talking with someone you trust about {thing}; it has been {weeks} days.",
    "Small steps, like a ten minute walk, add up over {weeks} days.",
    "Mrs. Jones in my practice found that a daily routine helped a great deal.",
    "Ask yourself what you would say to a friend who felt {feeling} about {thing} for {weeks} days.",
)
_CONTACT_SENTENCES = (
    "You can call me at 555-123-4567 to set up a time.",
    "Visit www.example-counseling.org for a list of local groups.",
    "Feel free to e-mail me at helper@example.com with questions.",
    "If you are in crisis, call 1-800-273-8255 right away.",
)
_SIGNATURES = ("Be well...Robin L., LPCC", "Warmly,Denise", "Sarah Jones, LMFT", "Best wishes,Karen Keys, LMHC",
               "Take care!")
_BOILERPLATE = (
    "Thank you for your question. It sounds like you are going through a difficult time. Please reach out to a "
    "licensed counselor in your area who can help you explore these feelings in more depth.",
    "This is a great question. Finding the right therapist is a personal process.Many therapists offer a free "
    "consultation call so you can see whether you are a good fit.",
)
_JOINERS = (" ", " ", " ", " ", "", "\n", "\u00a0 ", "<br>", " \u200b")
_QUESTIONS = (
    "I feel {feeling} all the time because of {thing}. What can I do?",
    "How do I stop feeling {feeling} about {thing}?",
    "My therapist says I'm doing fine, but I still feel {feeling} &amp; I don't know why. Is that normal?",
    "<p>Lately {thing} makes me feel {feeling}.</p><p>How can I cope?</p>",
)


def _fill(template: str, rng: random.Random) -> str:
    # The week count keeps most generated sentences distinct, as real answers are.
    return template.format(feeling=rng.choice(_FEELINGS), thing=rng.choice(_THINGS), weeks=rng.randint(2, 9999))


def _answer(rng: random.Random) -> str:
    """One messy therapist answer of roughly 6 to 14 sentences (about 1 KB, like the real data)."""
    roll = rng.random()
    if roll < 0.01:
        return ""
    if roll < 0.04:
        return rng.choice(_BOILERPLATE)
    sentences: list[str] = []
    if rng.random() < 0.35:
        sentences.append(rng.choice(_GREETINGS))
    if rng.random() < 0.15:
        sentences.append(rng.choice(_CONTACT_SENTENCES))
    for _ in range(rng.randint(1, 3)):
        sentences.append(_fill(rng.choice(_BODY_SENTENCES), rng))
    if rng.random() < 0.25:
        sentences.append(_fill(rng.choice(_KEYWORD_SENTENCES), rng))
    for _ in range(rng.randint(6, 12)):
        sentences.append(_fill(rng.choice(_BODY_SENTENCES), rng))
    if rng.random() < 0.2:
        sentences.append(rng.choice(_SIGNATURES))
    text = sentences[0]
    for sentence in sentences[1:]:
        text += rng.choice(_JOINERS) + sentence
    if rng.random() < 0.1:
        text = "<p>" + text.replace(" & ", " &amp; ") + "</p>"
    return text


def generate_rows(n: int, seed: int = 0) -> pd.DataFrame:
    """`n` synthetic rows in the CounselChat export's columns (train/val split column, no test rows).

    Questions get 1 to 8 answers each; about 10% of questions are val. Deterministic per seed.
    """
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    rng = random.Random(seed)
    records: list[dict] = []
    question_id = 0
    while len(records) < n:
        question = _fill(rng.choice(_QUESTIONS), rng) + f" (case {question_id})"
        title = f"Question {question_id} about {rng.choice(_THINGS)}"
        topic = rng.choice(_TOPICS)
        split = "val" if rng.random() < 0.1 else "train"
        for _ in range(min(rng.randint(1, 8), n - len(records))):
            therapist = f"Therapist {rng.randrange(500)}"
            records.append({
                "Unnamed: 0": len(records),
                "questionID": question_id,
                "questionTitle": title,
                "questionText": question,
                "questionLink": f"https://counselchat.com/questions/q-{question_id}",
                "topic": topic,
                "therapistInfo": therapist,
                "therapistURL": "https://counselchat.com/therapists/" + therapist.lower().replace(" ", "-"),
                "answerText": _answer(rng),
                "upvotes": rng.randrange(20),
                "views": rng.randrange(5000),
                "split": split,
            })
        question_id += 1
    return pd.DataFrame.from_records(records)


def run_prepare_benchmark(rows: int = 100_000, seed: int = 0, settings: DataSettings | None = None) -> dict:
    """Write `rows` generated rows as CSV in a temp dir and time prepare() on the file (read included).

    The default settings use the opening rule (the pipeline's own speed); pass
    DataSettings(extraction="reflection") to time extraction by reflection (it encodes every
    candidate sentence, so it is far slower per row).
    """
    settings = settings or DataSettings(extraction="opening")
    with tempfile.TemporaryDirectory(prefix="prepare-bench-") as tmp:
        path = Path(tmp) / "generated_counsel_chat.csv"
        generate_rows(rows, seed).to_csv(path, index=False)
        started = time.perf_counter()
        prepared = prepare(str(path), settings)
        seconds = time.perf_counter() - started
    return {
        "rows": rows,
        "seconds": round(seconds, 3),
        "rows_per_s": round(rows / seconds, 1),
        "pairs": prepared.report["pairs"],
        "extraction": settings.extraction,
    }
