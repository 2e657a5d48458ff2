"""Tiny offline language identification for the crisis screen.

Counts frequent function words (accents folded) per language and picks the language
with the most hits. It only has to be good enough to choose the language of a crisis
message and to notice text the rules cannot read:

* "en", "fr", "es": the languages the crisis rules and messages cover;
* "de", "it", "pt", "nl": recognised so that they are *reported*, but the rules do
  not read them (the screen treats them as unreadable);
* "unknown": no evidence (empty of known words) or mostly non-Latin script.

Pure Python, no third-party imports.
"""

from __future__ import annotations

import re

from tasks.core.safety.normalize import normalize_text, tokenize

__all__ = ["SUPPORTED_LANGUAGES", "detect_language"]

SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "fr", "es")

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


def _mostly_non_latin(text: str) -> bool:
    """True when most letters are outside the Latin script (Arabic, CJK, Cyrillic, ...)."""
    letters = len(_LETTER.findall(text))
    if not letters:
        return False
    return len(_NON_LATIN_LETTER.findall(text)) > letters / 2


def _supported_letters_dominate(text: str) -> bool:
    """True unless the text uses accents that French and Spanish do not (Vietnamese, Polish, ...)."""
    return _FOREIGN_LETTER.search(text) is None


def detect_language(text: str) -> str:
    """Return "en", "fr", "es", "pt", "it", "de", "nl" or "unknown" for `text`.

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
