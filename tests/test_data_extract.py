"""Sentence splitting and the reflection rule (keyword first, then the first non-greeting sentence)."""
from __future__ import annotations

import pytest

from tasks.core.data.extract import (
    case_text,
    clean_answer,
    is_greeting,
    is_signature,
    reflection_from_clean,
    split_sentences,
)
from tasks.core.data.settings import DataSettings


def extract_reflection(answer: object, settings: DataSettings = DataSettings()) -> tuple[str | None, str]:
    """One raw answer through the calls `prepare` makes for the opening rule."""
    cleaned, reason = clean_answer(answer)
    return (None, reason) if cleaned is None else reflection_from_clean(cleaned, settings)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One two. Three four.", ["One two.", "Three four."]),
        # run-together sentences split directly before a capital letter
        ("You need new people.Seriously, it matters.", ["You need new people.", "Seriously, it matters."]),
        ("Really?Yes!No.", ["Really?", "Yes!", "No."]),
        # a space splits even before a lower-case word (the rule says "followed by a space")
        ("Done. then more", ["Done.", "then more"]),
        # no split after a dot followed directly by a lower-case letter or a digit
        ("Version 3.5 is here.ok", ["Version 3.5 is here.ok"]),
        # abbreviations do not end a sentence
        ("Ask Dr. Smith and Mrs. Lee. Then rest.", ["Ask Dr. Smith and Mrs. Lee.", "Then rest."]),
        ("Mr. Brown and Ms. Gray came. Fine.", ["Mr. Brown and Ms. Gray came.", "Fine."]),
        ("Try journaling, e.g. at night. Also walk.", ["Try journaling, e.g. at night.", "Also walk."]),
        ("Rest, i.e. Sleep well. Then eat.", ["Rest, i.e. Sleep well.", "Then eat."]),
        ("Bring food, water, etc. Then go.", ["Bring food, water, etc. Then go."]),
        ("See Jane Doe, Ph.D. about it. Ok.", ["See Jane Doe, Ph.D. about it.", "Ok."]),
        ("The U.S. Army helps. Yes.", ["The U.S. Army helps.", "Yes."]),
        # ellipses and closing quotes stay with their sentence
        ("Be well...Robin L., LPCC", ["Be well...", "Robin L., LPCC"]),
        ('She said "stop." Then left.', ['She said "stop."', "Then left."]),
        # whitespace of any kind is normalized first
        ("One.\n\n  Two\u00a0words.", ["One.", "Two words."]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


KEYWORD = "It sounds like you feel alone."


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        # keyword sentence wins over an earlier plain sentence
        ("Many people feel this way at times. " + KEYWORD, (KEYWORD, "keyword")),
        # keyword match is case-insensitive and covers seems/feels like
        ("This is hard for anyone. SEEMS LIKE you are tired.", ("SEEMS LIKE you are tired.", "keyword")),
        ("Okay then. It feels like a weight on you.", ("It feels like a weight on you.", "keyword")),
        # "sounds like" must be the phrase, not the words apart
        ("It sounds as if you like him a lot.", ("It sounds as if you like him a lot.", "fallback")),
        # keyword found in run-together text
        ("Hi there.It sounds like work is hard.", ("It sounds like work is hard.", "keyword")),
        # greetings and thanks are skipped by the fallback
        ("Hi there, nice to meet you. Thank you for writing in today. Anxiety is common in teens.",
         ("Anxiety is common in teens.", "fallback")),
        ("Hello friend and welcome here! Good morning to you all here. Grief takes its own time.",
         ("Grief takes its own time.", "fallback")),
        ("Thanks so much for asking this. Dear reader, this matters. Sleep affects mood a lot.",
         ("Sleep affects mood a lot.", "fallback")),
        ("HelloYes, many couples survive this. Therapy can help you both.",
         ("Therapy can help you both.", "fallback")),
        # too short for the fallback (3 words) -> next sentence
        ("Good question there. Depression often hides as tiredness.",
         ("Depression often hides as tiredness.", "fallback")),
        # keyword sentence too short (2 words) -> falls back
        ("Sounds like. Your parents may worry about you.", ("Your parents may worry about you.", "fallback")),
        # nothing usable -> dropped
        ("Hi. Yes. Okay. Sure thing.", (None, "no_reflection")),
        ("", (None, "empty_answer")),
        ("   <p> </p> ", (None, "empty_answer")),
        (None, (None, "empty_answer")),
        (12345, (None, "non_text_answer")),
    ],
)
def test_extract_reflection_rule(answer: object, expected: tuple[str | None, str]) -> None:
    assert extract_reflection(answer) == expected  # type: ignore[arg-type]


def test_keyword_window_is_six_sentences() -> None:
    filler = "This is filler sentence number {}."
    five = " ".join(filler.format(i) for i in range(5))
    six = " ".join(filler.format(i) for i in range(6))
    assert extract_reflection(f"{five} {KEYWORD}") == (KEYWORD, "keyword")  # 6th sentence: inside
    assert extract_reflection(f"{six} {KEYWORD}") == ("This is filler sentence number 0.", "fallback")  # 7th: outside


def test_fallback_window_is_three_sentences() -> None:
    answer = "Hi there. Thanks a lot. Hello again. This fourth sentence has enough words."
    assert extract_reflection(answer) == (None, "no_reflection")
    wider = DataSettings(fallback_max_sentences=4)
    assert extract_reflection(answer, wider) == ("This fourth sentence has enough words.", "fallback")


@pytest.mark.parametrize(
    ("words", "minimum", "maximum", "kept"),
    [(3, 3, 50, True), (50, 3, 50, True), (51, 3, 50, False), (2, 3, 50, False)],
)
def test_keyword_word_limits(words: int, minimum: int, maximum: int, kept: bool) -> None:
    sentence = " ".join(["Sounds", "like", *["word"] * (words - 2)]) + "."
    reflection, reason = extract_reflection(sentence, DataSettings(keyword_min_words=minimum, keyword_max_words=maximum))
    assert (reason == "keyword") is kept
    if kept:
        assert reflection == sentence


@pytest.mark.parametrize(("words", "kept"), [(4, True), (50, True), (3, False), (51, False)])
def test_fallback_word_limits(words: int, kept: bool) -> None:
    sentence = " ".join(["Word", *["more"] * (words - 1)]) + "."
    assert extract_reflection(sentence) == ((sentence, "fallback") if kept else (None, "no_reflection"))


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        # a signature is never a reflection, even when it is long enough
        ("Be well. Robin Landwehr, DBH, LPCC, NCC", (None, "no_reflection")),
        ("Take care. Warmly, Dr. Jane Doe Smith", (None, "no_reflection")),
        ("Okay. Best wishes to you, Karen Keys. Depression is treatable with help.",
         ("Depression is treatable with help.", "fallback")),
        ("Thank you. Sarah Jones, LMFT wrote this for you. Counseling can help a lot.",
         ("Counseling can help a lot.", "fallback")),
        # "Best" that opens a real sentence is not a sign-off
        ("Best question is what you are angry about.", ("Best question is what you are angry about.", "fallback")),
    ],
)
def test_signatures_never_become_reflections(answer: str, expected: tuple[str | None, str]) -> None:
    assert extract_reflection(answer) == expected


@pytest.mark.parametrize(
    ("sentence", "greeting"),
    [("Hi there.", True), ("hello, friend", True), ("Hey!", True), ("Dear one,", True), ("Thank you.", True),
     ("Thanks.", True), ("Good evening all.", True), ("Hiking helps.", False), ("Thankfully it passed.", False),
     ("Heyday of life.", False), ("Good news first.", False)],
)
def test_is_greeting(sentence: str, greeting: bool) -> None:
    assert is_greeting(sentence) is greeting


@pytest.mark.parametrize(
    ("sentence", "signature"),
    [("Tamara Powell, LMHC", True), ("Be well,Robin J. Landwehr, DBH, LPCC", True), ("Warmly,Denise", True),
     ("Take care!", True), ("Take care of yourself and reach out to a counselor in your area soon.", False),
     ("I went home, and it was fine.", False), ("Best question ever asked here.", False)],
)
def test_is_signature(sentence: str, signature: bool) -> None:
    assert is_signature(sentence) is signature


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("It sounds like you could visit www.example.org today.", "contains_url"),
        ("It sounds like https://help.example.com/x could help.", "contains_url"),
        ("Please look at goodtherapy.org for someone near you.", "contains_url"),
        ("It sounds like you should write to me at jane.doe@example.com soon.", "contains_email"),
        ("Kayla Schwartz wrote [email protected] for you here.", "contains_email"),
        ("If you want to die, please call 800-273-8255 right now.", "contains_phone"),
        ("Please call (555) 123-4567 to talk with someone.", "contains_phone"),
    ],
)
def test_reflection_with_contact_info_is_dropped(answer: str, reason: str) -> None:
    assert extract_reflection(answer) == (None, reason)


def test_html_is_cleaned_before_splitting() -> None:
    answer = "<p>Hi&nbsp;there.</p><p>It sounds like you&#39;re <b>exhausted</b> &amp; alone.</p>"
    assert extract_reflection(answer) == ("It sounds like you're exhausted & alone.", "keyword")


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("  I feel   sad,\n all day!  ", "Title?", "I feel sad, all day!"),
        ("", "Why am I sad?", "Why am I sad?"),
        ("   ", "Why am I sad?", "Why am I sad?"),
        (None, "Why\u00a0me?", "Why me?"),
        (float("nan"), "Title only.", "Title only."),
        ("<p>Help &amp; advice?</p>", None, "Help & advice?"),
        (None, None, ""),
    ],
)
def test_case_text(text: object, title: object, expected: str) -> None:
    assert case_text(text, title) == expected  # type: ignore[arg-type]
