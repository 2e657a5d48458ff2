"""Text normalisation and negation helpers shared by the safety modules.

Every safety rule is written against the *normalised* form of a text, so that
"J’ai pensé au SUICIDE" and "j'ai pense au suicide" look the same to the rules:

* lower case;
* accents folded ("é" -> "e", "ñ" -> "n", "œ" -> "oe") because people type
  without accents on phones and the rules should not depend on it;
* every apostrophe-like character unified to "'" (typographic quotes are common
  in French and in text pasted from word processors);
* English contractions expanded ("don't" -> "do not", "I'm" -> "i am",
  "gonna" -> "going to") so that one pattern covers both spellings, including the
  apostrophe-less forms people type in a hurry ("dont", "im", "cant"), and the split
  reflexive people type by mistake ("kill my self" -> "kill myself");
* runs of white space collapsed to one space.

Pure Python, no third-party imports.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "fold_accents",
    "normalize_text",
    "tokenize",
    "is_negated",
    "CLAUSE_BOUNDARY",
]

_APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018\u201b\u02bc\u2032\u00b4`\uff07"})
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})

# One pass over the text: irregular forms, "n't", pronoun contractions, slang, and the
# apostrophe-less forms people type in a hurry ("im", "didnt"; bare "dont" only before a
# verb because it is also a common French word).
_IRREGULAR = {
    "cant": "can not", "can't": "can not", "cannot": "can not", "wont": "will not", "won't": "will not",
    "aint": "is not", "ain't": "is not", "shan't": "shall not", "im": "i am", "i'm": "i am", "ive": "i have",
    "i've": "i have", "i'd": "i would", "i'll": "i will", "gonna": "going to", "wanna": "want to",
    "gotta": "got to", "kinda": "kind of", "dont": "do not", "my self": "myself", "your self": "yourself",
}
_CONTRACTION = re.compile(
    r"\b(?:"
    r"(?P<irregular>can'?t|cannot|won'?t|ain'?t|shan't|i'?m|i'?ve|i'd|i'll|gonna|wanna|gotta|kinda|my self|your self|"
    r"dont(?= (?:want|wanna|know|care|think|feel|have|like|need|see|understand|even|really|get|deserve|belong|"
    r"matter)\b))"
    r"|(?P<aux>do|does|did|is|are|was|were|have|has|had|would|should|could|must|need)n't"
    r"|(?P<aux_bare>does|did|is|are|was|were|have|has|had|would|should|could)nt"
    r"|(?P<pronoun>you|we|they|he|she|it|that|there|what|everything|nothing|life)'(?P<suffix>re|ve|ll|d|s)"
    r")\b"
)
_SUFFIXES = {"re": "are", "ve": "have", "ll": "will", "d": "would", "s": "is"}
# Which pronouns take which suffix ("it'd" and "what're" are left alone: rare, and ambiguous).
_PRONOUN_SUFFIXES = {
    "re": {"you", "we", "they"},
    "ve": {"you", "we", "they"},
    "ll": {"you", "we", "they", "he", "she", "it"},
    "d": {"you", "we", "they", "he", "she"},
    "s": {"it", "that", "he", "she", "there", "what", "everything", "nothing", "life"},
}


def _expand(match: re.Match[str]) -> str:
    if match.group("irregular"):
        return _IRREGULAR[match.group("irregular")]
    auxiliary = match.group("aux") or match.group("aux_bare")
    if auxiliary:
        return f"{auxiliary} not"
    pronoun, suffix = match.group("pronoun"), match.group("suffix")
    if pronoun in _PRONOUN_SUFFIXES[suffix]:
        return f"{pronoun} {_SUFFIXES[suffix]}"
    return match.group(0)


# Québec French as typed on a phone ("chu pus capable", "y dit quy va venir"): spelled out so the
# French cues read it. Only words with no other meaning in en/fr/es ("pus" in English is harmless as "plus").
_QUEBEC_SPELLINGS = {"chu": "je suis", "chus": "je suis", "chuis": "je suis", "jsuis": "je suis", "pus": "plus",
                     "quy": "qu'il", "quil": "qu'il", "icitte": "ici", "jvais": "je vais", "jveux": "je veux",
                     "jai": "j'ai", "jen": "j'en", "jme": "je me", "jpense": "je pense", "jsais": "je sais",
                     "jpeux": "je peux", "su'l": "sur le", "sul": "sur le", "jtai": "je t'ai", "ya pus": "il y a plus"}
_QUEBEC = re.compile(r"\b(?:" + "|".join(sorted(_QUEBEC_SPELLINGS, key=len, reverse=True)) + r")\b")
_WHITESPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"[a-z0-9]+")

# Where a negation stops applying: sentence/clause punctuation and contrast words
# ("I'm not depressed, I'm suicidal"; "not suicidal but I think about dying").
CLAUSE_BOUNDARY = re.compile(
    r"[.!?;:,\n]|\b(?:but|though|although|however|except|mais|cependant|pourtant|sauf|pero|aunque|sino|excepto)\b"
)

NEGATORS = frozenset(
    {
        # English (contractions are already expanded to "not")
        "not", "never", "no", "nor", "neither", "without",
        # French ("n'" becomes the token "n")
        "ne", "n", "pas", "jamais", "aucun", "aucune", "ni", "sans",
        # Spanish
        "nunca", "jamas", "tampoco", "sin",
    }
)

# A negator that governs something else does not negate the risk phrase:
# "I can't stop thinking about suicide", "I'm not sure I want to live",
# "no one knows I self-harm", "je n'arrête pas de penser au suicide".
_NEGATION_CANCELLERS = re.compile(
    r"\b(?:no one|no-one|nobody|not only|no matter|no se si|ne sais pas si|not sure|pas sure?|no estoy segur[oa])\b"
    r"|\b(?:stop|stopping|help|helping|arreter|arrete|empecher|dejar de|parar de|know|sais|sabe|sure|seguro|segura)\b"
)


_COMBINING_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold_accents(text: str) -> str:
    """Return `text` without combining accents ("é" -> "e"), ligatures spelled out."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return _COMBINING_MARKS.sub("", decomposed)


def normalize_text(text: str, expand_contractions: bool = True) -> str:
    """Lower-case, fold accents, unify apostrophes, spell out Québec phone spellings ("chu", "pus"),
    expand English contractions, collapse spaces."""
    if not isinstance(text, str):
        raise TypeError(f"expected text as str, got {type(text).__name__}; convert it with str() first")
    normalised = fold_accents(text.translate(_APOSTROPHES)).lower()
    normalised = _QUEBEC.sub(lambda match: _QUEBEC_SPELLINGS[match.group(0)], normalised)
    if expand_contractions:
        normalised = _CONTRACTION.sub(_expand, normalised)
    return _WHITESPACE.sub(" ", normalised).strip()


def tokenize(normalised: str) -> list[str]:
    """Split normalised text into ASCII word tokens ("j'ai" -> ["j", "ai"])."""
    return _TOKEN.findall(normalised)


def is_negated(normalised: str, start: int, window_tokens: int = 5) -> bool:
    """True when a negator governs the phrase that begins at character `start`.

    Looks back at most `window_tokens` tokens, never across a clause boundary, and
    ignores negators that govern another verb ("can't stop thinking about ...").
    """
    before = normalised[:start]
    boundaries = list(CLAUSE_BOUNDARY.finditer(before))
    if boundaries:
        before = before[boundaries[-1].end():]
    tokens = tokenize(before)[-window_tokens:]
    if not any(token in NEGATORS for token in tokens):
        return False
    window = " ".join(tokens)
    return _NEGATION_CANCELLERS.search(window) is None
