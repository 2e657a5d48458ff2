"""Safety helpers: normalisation, negation window, language detection, regex gates, benchmark."""

from __future__ import annotations

import re

import pytest

from tasks.core.safety import screen as screen_module
from tasks.core.safety.bench import make_benchmark_inputs, run_screen_benchmark
from tasks.core.safety.gate import passes_gate, required_substrings
from tasks.core.safety import language as language_module
from tasks.core.safety.language import detect_language, stopword_language
from tasks.core.safety.normalize import fold_accents, is_negated, normalize_text, tokenize
from tasks.core.safety.rules import IDIOM_SCRUBS, RULES

from tests.test_safety_screen import CRISIS_CASES, NON_CRISIS_CASES


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("I don’t want to LIVE", "i do not want to live"),
        ("im gonna end it", "i am going to end it"),
        ("I cant, I won't, I didnt", "i can not, i will not, i did not"),
        ("dont want this", "do not want this"),
        ("la personne dont je parle", "la personne dont je parle"),  # French "dont" untouched
        ("J’ai   pensé\tau SUICIDE", "j'ai pense au suicide"),
        ("Œuvre, naïve, Mañana", "oeuvre, naive, manana"),
        ("It's fine, they're here", "it is fine, they are here"),
    ],
)
def test_normalize_text(raw, expected):
    assert normalize_text(raw) == expected


def test_fold_accents_and_tokenize():
    assert fold_accents("é è ê ñ ü ç") == "e e e n u c"
    assert tokenize("j'ai 2 chats") == ["j", "ai", "2", "chats"]


@pytest.mark.parametrize(
    "text,phrase,expected",
    [
        ("i have never tried or contemplated suicide", "suicide", True),
        ("i can not stop thinking about suicide", "suicide", False),
        ("no one knows i am suicidal", "suicidal", False),
        ("i am not depressed, i am suicidal", "suicidal", False),  # the comma ends the negation's reach
        ("je ne suis pas suicidaire", "suicidaire", True),
        ("nunca he pensado en suicidarme", "suicidarme", True),
        ("i do not know why i want to die", "want to die", False),
    ],
)
def test_is_negated(text, phrase, expected):
    assert is_negated(text, text.index(phrase)) is expected


@pytest.mark.parametrize(
    "text,language",
    [
        ("I feel so alone lately", "en"),
        ("Je me sens tellement seule", "fr"),
        ("Me siento muy sola", "es"),
        ("Ich fühle mich so allein", "de"),
        ("Eu me sinto muito sozinha", "pt"),
        ("Mi sento molto sola, non so cosa fare", "it"),
        ("Ik voel me zo alleen", "nl"),
        ("أشعر بالوحدة", "unknown"),
        ("12345 !!!", "unknown"),
        ("Tôi muốn chết.", "unknown"),  # one look-alike word ("toi") is not evidence of French
        ("Mam dość życia, chcę umrzeć.", "unknown"),
        ("Voglio farla finita, non ce la faccio più.", "it"),  # a tie with French goes to the unreadable side
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language


# Rows of the case tables the stop-word detector misread (docs/experiments/2026-12-03-language-detection:
# 93 of 290 de/it/pt rows wrong), one per kind of error: (text, right language, the stop-word answer).
STOPWORD_MISREADS = [
    ("kkkkkkk morri com esse meme, não aguento", "pt", "unknown"),
    ("essa prova de anatomia tá me matando, 2 dias sem dormir 💀", "pt", "fr"),
    ("porra, o benfica perdeu outra vez. nunca mais vejo um jogo na vida", "pt", "es"),
    ("Meu chefe é um babaca, tô de saco cheio desse trampo. Só precisava desabafar.", "pt", "en"),
    ("Questa canzone mi uccide ogni volta, la ascolto in loop da stamattina 😭", "it", "es"),
    ("sto morendo dal caldo, 40 gradi a palermo e il condizionatore è rotto 🥵", "it", "fr"),
    ("Egregi signori, con la presente vi informo che questa notte porrò fine alla mia esistenza. "
     "Ho lasciato le chiavi e il testamento al portiere.", "it", "unknown"),
    ("Kohlegrill steht im Bad, Fenster abgeklebt. Wollte nur jemandem Bescheid sagen.", "de", "en"),
    ("Ich sitze am Geländer der Talbrücke und schaue runter. Wollte nur, dass jemand weiß, wo ich bin.", "de",
     "unknown"),
]


@pytest.mark.parametrize("text,language,stopword", STOPWORD_MISREADS)
def test_the_hybrid_reads_what_the_stop_words_misread(text, language, stopword):
    assert stopword_language(text) == stopword  # the old detector's answer, kept as the "unknown" guard
    assert detect_language(text) == language


@pytest.mark.parametrize("text", [
    "Tôi muốn chết",  # Vietnamese: lingua, restricted to seven languages, says fr
    "Gusto ko nang mamatay",  # Tagalog: lingua says en
    "Chcę umrzeć, nie mam już siły",  # Polish: lingua says de
])
def test_latin_script_text_in_no_known_language_stays_unknown(text):
    assert detect_language(text) == "unknown"


def test_the_detector_is_built_once_in_high_accuracy_mode():
    detector = language_module.load_detector()
    assert language_module.load_detector() is detector
    # Low-accuracy mode calls this German; the default (high-accuracy) mode does not.
    assert detect_language("I want to die tonight.") == "en"


def test_without_lingua_detection_fails_saying_how_to_install_it(monkeypatch):
    import sys

    monkeypatch.setattr(language_module, "_DETECTOR", None)
    monkeypatch.setitem(sys.modules, "lingua", None)  # import lingua -> ImportError
    with pytest.raises(ImportError, match="make setup"):
        detect_language("I feel so alone lately")


# --- gates: a speed-up that must never change a decision ------------------------------------------
@pytest.mark.parametrize(
    "pattern,text,should_match",
    [
        (r"\bkill(?:ing)? myself|end it all", "i want to end it all", True),
        (r"\bkill(?:ing)? myself|end it all", "killing time", False),
        (r"(?:a|b)+cd", "xbbcd", True),
        (r"x?y?", "", True),  # can match the empty string: no requirement possible
    ],
)
def test_gate_is_sound_on_small_patterns(pattern, text, should_match):
    compiled = re.compile(pattern)
    gate = required_substrings(compiled)
    assert bool(compiled.search(text)) is should_match
    if should_match:
        assert passes_gate(gate, text)


def test_gate_none_for_patterns_without_a_requirement():
    assert required_substrings(re.compile(r"x?y?")) is None
    assert required_substrings(re.compile(r"abc", re.IGNORECASE)) is None
    assert passes_gate(None, "anything")


def _texts_for_gate_check() -> list[str]:
    texts = [t for t, _, _ in CRISIS_CASES] + [t for t, _ in NON_CRISIS_CASES]
    return [screen_module._scrub(normalize_text(t)) for t in texts + make_benchmark_inputs(200, seed=3)]


def test_every_rule_gate_admits_every_text_its_pattern_matches():
    for text in _texts_for_gate_check():
        for rule in RULES:
            if rule.pattern.search(text):
                assert passes_gate(rule.gate, text), (rule.name, rule.gate, text)


def test_every_scrub_gate_admits_every_text_its_pattern_matches():
    texts = [normalize_text(t) for t, _ in NON_CRISIS_CASES] + [normalize_text(t) for t, _, _ in CRISIS_CASES]
    for text in texts:
        for pattern, gate in IDIOM_SCRUBS:
            if pattern.search(text):
                assert passes_gate(gate, text), (pattern.pattern, gate, text)


def test_rules_are_named_uniquely_and_categorised():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert {rule.category for rule in RULES} <= set(screen_module.CATEGORY_PRIORITY)


# --- benchmark ------------------------------------------------------------------------------------
def test_benchmark_inputs_are_deterministic_and_varied():
    first, again, other = make_benchmark_inputs(50, 7), make_benchmark_inputs(50, 7), make_benchmark_inputs(50, 8)
    assert first == again and first != other
    assert len(set(first)) > 40


def test_benchmark_reports_its_figures():
    # Timings are printed by `robo-therapist bench screen`, not asserted: a shared machine makes them flaky.
    result = run_screen_benchmark(n=300, seed=0)
    assert result["inputs"] == 300
    assert 0 < result["flagged"] < 300  # the synthetic mix holds both kinds
    assert result["per_input_ms"] > 0 and result["seconds"] > 0, result


@pytest.mark.parametrize("bad", [0, -3, 2.5])
def test_benchmark_rejects_bad_n(bad):
    with pytest.raises(ValueError):
        make_benchmark_inputs(bad)
