"""Offline language identification for the crisis screen.

It only has to choose the language of a crisis message and notice text the rules cannot read:

* "en", "fr", "es": the languages the crisis rules and messages cover;
* "de", "it", "pt", "nl": recognised so that they are *reported*; the rules do not read them
  (the learned layer reads de/it/pt, Dutch stays in the unreadable-language net);
* "unknown": no letters, mostly non-Latin script, or Latin-script text in none of the seven.

`detect_language` is a hybrid of two detectors:

1. lingua-language-detector (pinned by hash in requirements-lingua.lock, installed by
   `make setup`), restricted to the seven languages above, in its default high-accuracy
   mode with its models preloaded, built once per process on first use (about 1 s and
   200-250 MiB resident; then 0.2-0.3 ms per text). Why: on the 2,711 labelled rows of
   tests/data the screen's own stop-word detector read only 32.6 % of Portuguese, 81.8 % of
   Italian and 88.5 % of German texts right (96.5 % overall), lingua 99.9 %
   (docs/experiments/2026-12-03-language-detection). Never its low-accuracy mode: it called
   "I want to die tonight." German.
2. The stop-word detector kept in front as the "unknown" guard (`stopword_language`: function
   words, everyday words and letters, pure Python). Restricted to seven languages, lingua
   never answers "unknown" for Latin-script text: Vietnamese or Tagalog come back as fr or
   en, which would let the rules claim to have read them. So when lingua names en/fr/es and
   the stop-word detector says "unknown" (other script, letters French and Spanish do not
   use with too few known words, no known word), the answer stays "unknown" and the text
   stays in the unreadable-language net. The same holds when lingua names de/it/pt/nl for a
   text with letters that language does not use (Polish "Mam dość życia, chcę umrzeć." is
   pt to lingua): an addition to the measured hybrid that changes none of the 2,711 rows. On
   those rows the hybrid is right on all but a Tagalog text that lingua and the stop-word
   detector both misread.

No silent fallback: without lingua, `detect_language` raises an ImportError that says how to
install it, rather than quietly answering with the weaker detector.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from tasks.core.safety.normalize import normalize_text, tokenize

__all__ = ["SUPPORTED_LANGUAGES", "DETECTED_LANGUAGES", "detect_language", "stopword_language", "load_detector"]

SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "fr", "es")
# Every answer of detect_language but "unknown" (ISO 639-1), the languages lingua is restricted to.
DETECTED_LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "de", "it", "pt", "nl")
LINGUA_DISTRIBUTION = "lingua-language-detector"
_INSTALL_HINT = (
    f"{LINGUA_DISTRIBUTION} is not installed in this environment; the crisis screen's language detection needs it. "
    "Fix: run `make setup` (it installs requirements-lingua.lock), or "
    "`python -m pip install --no-deps --require-hashes -r requirements-lingua.lock`."
)

# Function words that are frequent in one language and rare in the others (after accent
# folding). Words shared by several languages ("me", "a", "la", "que", "no", "de") are left
# out on purpose: they add no evidence.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "i my the and is it of you that was for with have this am are be but what just feel he she they we "
        "do did does not can will would about because really been when how so if an at or his her him them "
        "there their from has had myself anything something everything anyone someone to want know think "
        "like get all your anymore who why don im dont cant its".split()
    ),
    "fr": frozenset(
        "je j tu il elle nous vous les des du et est suis pas ne n mon ma mes ce c ca qui pour avec mais dans "
        "au aux une plus tres fait ai etre avoir moi toi lui sont ete cette sa ses leur rien tout "
        "jamais veux peux sais depuis quand parce comme alors aussi".split()
    ),
    "es": frozenset(
        "yo el los las y es estoy mi mis pero por para con muy tengo quiero siento porque cuando nada todo "
        "ya soy hay del al eso esto esta este tambien nunca estaba fue ser estar puedo nadie algo mucho "
        "ella ellos usted hace donde mejor voy vas vamos van veo hoy ahora aqui sin hasta desde mas les lo unos unas "
        "ustedes nosotros sus".split()
    ),
    "pt": frozenset(
        "eu nao voce muito estou tenho quero com uma os em meu minha sao isso ele ela sinto "
        "tambem tudo ja sou foi posso ninguem hoje noite vou alguem ontem agora depois obrigado obrigada pra "
        "morrendo saudade cachorro dois mim pular ponte morrer voce".split()
    ),
    "it": frozenset(
        "io sono che di per mio mia ho molto sempre perche questo anche della nel voglio sento "
        "tutto niente gli sei siamo lei non piu faccio cosa sto fare gia ancora posso devo".split()
    ),
    "de": frozenset(
        "ich nicht und der die das ist mein meine bin ein eine mit zu auf habe sich aber wie mich mir "
        "fuhle immer nichts niemand kann sein wenn oder auch noch".split()
    ),
    "nl": frozenset(
        "ik niet het een mijn ben zijn op voor maar wil mij heb geen nooit iets niemand wat "
        "ook nog".split()
    ),
}
# Everyday and feeling words for the three languages we answer in, so that very short
# cases ("dead tired", "me muero de hambre", "trop fatiguée") are still recognised.
_CONTENT_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "sad tired anxious anxiety depressed depression feeling help lonely alone stress stressed angry scared "
        "afraid hurt pain life work job wife husband boyfriend girlfriend mom dad friend friends family sleep "
        "dead die dying kill love hate cry crying need always today yesterday night day home school hungry "
        "hello hi hey thanks ok okay yes please sorry bad good worse better nobody everyone people happy "
        "again still never".split()
    ),
    "fr": frozenset(
        "triste fatigue fatiguee anxieux anxieuse deprime deprimee seul seule aide peur vie travail emploi "
        "blonde chum mere pere ami amie famille dormir mourir tuer aime pleure pleurer besoin envie toujours "
        "aujourd hier nuit jour maison ecole faim bonjour salut merci oui personne heureux heureuse pire "
        "mieux encore trop crevee tanne tannee".split()
    ),
    "es": frozenset(
        "triste cansado cansada ansioso ansiosa ansiedad deprimido deprimida ayuda miedo dolor vida trabajo "
        "esposa esposo novio novia mama papa amigo amiga familia muerto muerta morir matar odio llorar lloro "
        "necesito siempre hoy ayer noche casa escuela hambre muero hola gracias feliz peor todos "
        "otra vez sentido seguir viviendo verguenza bailar jefe trabajar llorando solo sola".split()
    ),
}
# Letters that point to one language (counted on the text before accent folding).
_MARKERS: dict[str, str] = {
    "es": "ñ¿¡áíóú",
    "fr": "èêàçâîôûùëïœ",
    "pt": "ãõ",
    "de": "äöß",  # not "ü": Spanish writes "vergüenza", "pingüino"
}
_ORDER: tuple[str, ...] = ("en", "fr", "es", "pt", "it", "de", "nl")

# token -> languages it is evidence for (stop words and content words together)
_TOKEN_LANGUAGES: dict[str, tuple[str, ...]] = {}
for _lang in _ORDER:
    for _word in _STOPWORDS[_lang] | _CONTENT_WORDS.get(_lang, frozenset()):
        _TOKEN_LANGUAGES.setdefault(_word, ())
        _TOKEN_LANGUAGES[_word] += (_lang,) * ((_word in _STOPWORDS[_lang]) + (_word in _CONTENT_WORDS.get(_lang, ())))


_LETTER = re.compile(r"[^\W\d_]")
# Latin letters: ASCII, Latin-1, Latin Extended-A/B, IPA, Latin Extended Additional (Vietnamese).
_NON_LATIN_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0250-\u02af\u1e00-\u1eff]")
_FR_ES_LETTERS = frozenset("àâäçéèêëîïôöùûüÿœæñáíóú")
# Letters that are neither ASCII nor French/Spanish (Vietnamese, Polish, ... accents).
_FOREIGN_LETTER = re.compile(
    "[^\\W\\d_A-Za-z" + "".join(sorted(_FR_ES_LETTERS | {c.upper() for c in _FR_ES_LETTERS})) + "]"
)


# Letters, beyond ASCII and French/Spanish accents, that de/it/pt/nl texts use ("º"/"ª": ordinals,
# "12º andar", which Unicode counts as letters).
_OWN_LETTERS: dict[str, frozenset[str]] = {
    language: frozenset(letters + "ºª")
    for language, letters in {"de": "ß", "it": "ìò", "pt": "ãõ", "nl": "ĳ"}.items()
}


def _letters_foreign_to(text: str, language: str) -> bool:
    """True when `text` has a letter that is neither ASCII, French/Spanish, nor `language`'s own
    (de/it/pt/nl): Polish "ę", "ł", "ż", Czech "ř", Vietnamese "ư", Turkish "ğ"..."""
    own = _OWN_LETTERS.get(language, frozenset())
    return any(letter.lower() not in own for letter in _FOREIGN_LETTER.findall(text))


def _mostly_non_latin(text: str) -> bool:
    """True when most letters are outside the Latin script (Arabic, CJK, Cyrillic, ...)."""
    letters = len(_LETTER.findall(text))
    if not letters:
        return False
    return len(_NON_LATIN_LETTER.findall(text)) > letters / 2


def _supported_letters_dominate(text: str) -> bool:
    """True unless the text uses accents that French and Spanish do not (Vietnamese, Polish, ...)."""
    return _FOREIGN_LETTER.search(text) is None


def stopword_language(text: str) -> str:
    """The stop-word detector alone (the screen's detector until lingua): "en", "fr", "es", "pt",
    "it", "de", "nl" or "unknown". `detect_language` uses it as its "unknown" guard.

    Scores are function words + everyday feeling words (en/fr/es) + language-specific
    letters ("ñ", "ç", "ß"...). A tie between a supported language (en, fr, es) and another
    one goes to the other one (safety first: the rules cannot read it); ties among the
    supported ones go in the order en, fr, es. No evidence at all, or thin evidence (fewer
    than 2 known words and under 40 % of a 3+ word text), is "unknown".
    """
    if not isinstance(text, str):
        raise TypeError(f"expected text as str, got {type(text).__name__}")
    ascii_only = text.isascii()
    if not ascii_only and _mostly_non_latin(text):
        return "unknown"
    scores = dict.fromkeys(_ORDER, 0)
    tokens = tokenize(normalize_text(text, expand_contractions=False))
    for token in tokens:
        for lang in _TOKEN_LANGUAGES.get(token, ()):
            scores[lang] += 1
    word_scores = dict(scores)
    if not ascii_only:
        lowered = text.lower()
        for lang, letters in _MARKERS.items():
            scores[lang] += sum(lowered.count(letter) for letter in letters)
    best = max(_ORDER, key=lambda lang: (scores[lang], -_ORDER.index(lang)))
    if scores[best] == 0:
        return "unknown"
    if len(tokens) >= 3 and word_scores[best] < max(2, 0.4 * len(tokens)) and not _supported_letters_dominate(text):
        # Thin evidence (one look-alike word such as "toi" in "Tôi muốn chết"): do not claim we can read it.
        return "unknown"
    if best in SUPPORTED_LANGUAGES:
        # Safety first: a supported language must strictly beat every other one, otherwise the
        # text is treated as the other language (unreadable for the rules, so it gets resources).
        rivals = [lang for lang in _ORDER if lang not in SUPPORTED_LANGUAGES and scores[lang] == scores[best]]
        if rivals:
            return rivals[0]
    return best


_DETECTOR = None
_DETECTOR_LOCK = threading.Lock()


def load_detector() -> Any:
    """The lingua detector of this process, built on first use: restricted to DETECTED_LANGUAGES,
    default (high-accuracy) mode, models preloaded so no later call pays for loading them.
    Raises ImportError saying how to install lingua when it is missing."""
    global _DETECTOR
    if _DETECTOR is None:
        with _DETECTOR_LOCK:
            if _DETECTOR is None:
                try:
                    from lingua import IsoCode639_1, LanguageDetectorBuilder
                except ImportError as error:
                    raise ImportError(_INSTALL_HINT) from error
                codes = [getattr(IsoCode639_1, code.upper()) for code in DETECTED_LANGUAGES]
                # Not .with_low_accuracy_mode(): it misreads short English crisis texts as German or Dutch.
                builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_preloaded_language_models()
                _DETECTOR = builder.build()
    return _DETECTOR


def detect_language(text: str) -> str:
    """Return "en", "fr", "es", "de", "it", "pt", "nl" or "unknown" for `text`.

    lingua's answer (restricted to those seven languages, high-accuracy mode), except that the
    stop-word detector's "unknown" wins when lingua names a language the rules read (en, fr, es)
    or names de/it/pt/nl for a text with letters that language does not use; mostly non-Latin
    text is "unknown" without asking lingua (see the module docstring).
    The first call builds the detector (about 1 s); raises ImportError naming the fix when
    lingua-language-detector is not installed.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected text as str, got {type(text).__name__}")
    detector = load_detector()
    if not text.isascii() and _mostly_non_latin(text):
        return "unknown"
    found = detector.detect_language_of(text)
    if found is None:  # no letters at all
        return "unknown"
    language = found.iso_code_639_1.name.lower()
    guarded = language in SUPPORTED_LANGUAGES or _letters_foreign_to(text, language)
    if guarded and stopword_language(text) == "unknown":
        # Safety first: lingua has to pick one of seven languages, so Vietnamese or Tagalog come back
        # as fr/en, Polish as pt or de; the stop-word detector found nothing it reads, so the rules
        # (en/fr/es) and the learned layer (de/it/pt, when the text has letters that language does
        # not use) must not claim to read it.
        return "unknown"
    return language
