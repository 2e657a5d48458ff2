"""Cheap, explainable text features of a (case, sentence) pair, beside the encoder's embeddings.

Each feature targets one way a candidate fails the rubric: not second person (1), generic or
off the case (2), inventing a person, loss or event (3), advice, questions, verdicts or talk
about the therapist (4), broken or over-long (5). All are English-centred, like the training
data; the encoder features carry other languages.
"""
from __future__ import annotations

import re

import numpy as np

from tasks.core.safety.filters import reflective_score

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_SECOND_PERSON = frozenset("you your yours yourself you're you've you'd you'll".split())
_STOP_WORDS = frozenset(
    "a an the and or but if so of to in on at by for with from about as into like through over after before "
    "is are was were be been being am do does did have has had having i me my mine myself we us our you your "
    "yours yourself he him his she her hers it its they them their this that these those what which who whom "
    "when where why how all any both each few more most other some such no nor not only own same than too very "
    "can will just should would could might must may also really still even much many get got feel feeling "
    "feels felt it's that's don't i'm i've you're you've there here then now because while up down out off "
    "again one thing things way lot sounds sound seems seem like know want make time".split()
)
# People, losses and events a reflection must not invent. Words of one group count as the
# same referent (mom/mother), so "your mother" answers a case that says "my mom".
_REFERENT_GROUPS: tuple[frozenset[str], ...] = tuple(frozenset(group.split()) for group in (
    "son sons", "daughter daughters", "child children kid kids baby babies toddler", "husband", "wife",
    "boyfriend bf", "girlfriend gf", "partner spouse fiance fiancee", "mother mom mum mommy mama",
    "father dad daddy papa", "brother brothers", "sister sisters", "parent parents", "friend friends",
    "boss manager coworker coworkers colleague colleagues", "grandmother grandma grandfather grandpa",
    "loss lost", "died death dead passed funeral grieving grief", "divorce divorced", "pregnant pregnancy",
    "cancer illness sick", "job work fired", "school college university class teacher",
    "marriage married wedding", "affair cheated cheating", "move moved moving", "ex",
))
_REFERENT_OF = {word: index for index, group in enumerate(_REFERENT_GROUPS) for word in group}
_ADVICE = re.compile(
    r"\b(?:you should|you need to|you must|you have to|you could try|you might try|you may want|you might want|"
    r"try to|try and|i recommend|i suggest|i encourage|i would encourage|i'd encourage|consider|make sure|"
    r"it would help|it may help|it might help|seek|reach out to|talk to a|see a|find a)\b"
)
_IMPERATIVE_START = re.compile(r"^(?:try|take|talk|ask|tell|find|go|let|start|stop|remember|think|consider|seek|make|keep|be|don't|do)\b")
_THERAPIST = re.compile(
    r"\b(?:as a (?:therapist|counselor|counsellor|clinician)|in my (?:experience|practice|office)|my clients|"
    r"thank you for|thanks for|great question|good question|i'm sorry to hear|i am sorry to hear|i'm so sorry|"
    r"i'm sorry|i am sorry|welcome|hi|hello|dear)\b"
)
_WRONG_SENTIMENT = re.compile(r"\b(?:glad|congratulations|congrats|wonderful|great news|happy to hear|good for you|exciting)\b")
_VERDICT = re.compile(
    r"\b(?:disorder|diagnos\w*|depression|narcissis\w*|bipolar|adhd|ptsd|ocd|clearly|obviously|definitely|"
    r"is being|is wrong|are wrong|is right|are right|toxic|abusive|manipulat\w*|normal)\b"
)

FEATURE_NAMES: tuple[str, ...] = (
    "second_person", "starts_second_person", "reflective_score", "content_overlap", "content_words",
    "invented_referents", "question", "advice", "imperative_start", "therapist_or_greeting",
    "wrong_sentiment", "verdict_words", "first_person_i", "words", "sentences", "ends_cleanly",
)


def words(text: str) -> list[str]:
    """Lower-case words, apostrophes unified and kept inside words."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def content_words(text: str) -> set[str]:
    """Words that carry meaning (no stop words, three letters or more), cut to five letters so
    'worried' and 'worries' meet."""
    return {word[:5] for word in words(text) if word not in _STOP_WORDS and len(word) >= 3}


def invented_referents(case: str, sentence: str) -> int:
    """How many referent groups (a son, a death, a divorce, ...) the sentence names and the case never does."""
    in_case = {_REFERENT_OF[word] for word in words(case) if word in _REFERENT_OF}
    in_sentence = {_REFERENT_OF[word] for word in words(sentence) if word in _REFERENT_OF}
    return len(in_sentence - in_case)


def pair_features(case: str, sentence: str, case_content: set[str] | None = None) -> np.ndarray:
    """The FEATURE_NAMES values of one pair (float32); `case_content` may be precomputed."""
    tokens = words(sentence)
    lowered = sentence.lower().replace("\u2019", "'").strip()
    content = content_words(sentence)
    case_content = content_words(case) if case_content is None else case_content
    overlap = len(content & case_content) / len(content) if content else 0.0
    sentence_count = max(1, len(re.findall(r"[.!?]+(?:\s|$)", sentence.strip())))
    values = (
        float(any(token in _SECOND_PERSON for token in tokens)),
        float(bool(tokens) and tokens[0] in _SECOND_PERSON),
        reflective_score(sentence),
        overlap,
        min(len(content), 20) / 20.0,
        float(min(invented_referents(case, sentence), 3)),
        float("?" in sentence),
        float(_ADVICE.search(lowered) is not None),
        float(_IMPERATIVE_START.search(lowered) is not None),
        float(_THERAPIST.search(lowered) is not None),
        float(_WRONG_SENTIMENT.search(lowered) is not None),
        float(_VERDICT.search(lowered) is not None),
        float("i" in tokens or "i'm" in tokens or "i've" in tokens),
        min(len(tokens), 80) / 40.0,
        float(min(sentence_count, 4)),
        float(lowered[-1:] in ".!" if lowered else 0.0),
    )
    return np.asarray(values, dtype=np.float32)


# Openings of a sentence that reflects the person back (an optional "And"/"So" first): "It
# sounds/seems...", "You <verb>..." (not "You should/can/may..." or "You are not..."), "Part of
# you...". "You said/mentioned/wrote..." counts only when the person is the subject of what follows.
_REFLECTIVE_OPENING = re.compile(
    r"^(?:(?:and|so|also),? )?(?:"
    r"it (?:also )?(?:sounds|seems|feels|looks)\b|(?:it )?sounds like|part of you|on (?:the )?one hand|"
    r"you(?!(?:'re| are) not\b| aren't\b| (?:should|could|can|can't|cannot|may|might|must|need|will|won't|"
    r"would|wouldn't|don't have|do not have|don't need|do not need|know)\b)(?:'re|'ve|\b)"
    r")"
)
# Words that turn a reflection into a verdict or a reassurance ("and that's okay", "which is good").
_JUDGING = re.compile(
    r"\b(?:okay|ok|good|great|fine|important|understandable|natural|healthy|unhealthy|must|need to|needs to|"
    r"experiencing|by the way|of course|would not want|wouldn't want|would want|you're right|you are right|"
    r"nothing wrong|certainly|get to|may have|might have)\b"
)


_REPORTED_SPEECH = re.compile(r"^you (?:mentioned|mention|said|say|wrote|write|described|describe)(?: that)? ([a-z']+)")
PLAIN_MIN_WORDS = 8  # shorter "You're under 18, too." style fragments say too little to reflect a case


def plainly_reflective(sentence: str) -> bool:
    """True when a sentence opens as a reflection ("It sounds like you...", "You feel...", "Part
    of you...") and none of the rubric's failure signs fire: a question, advice, an imperative,
    talk about the therapist, wrong sentiment, verdict or reassurance words, or the therapist's
    "I". Used to keep only unmistakable reflections when extracting from real answers, where the
    scorer alone keeps too many advice and verdict sentences that merely say "you"."""
    lowered = sentence.lower().replace("\u2019", "'").strip()
    tokens = words(lowered)
    reported = _REPORTED_SPEECH.match(lowered)
    return bool(
        len(tokens) >= PLAIN_MIN_WORDS
        and (reported is None or reported.group(1) in _SECOND_PERSON)
        and _REFLECTIVE_OPENING.search(lowered) is not None
        and bool(_SECOND_PERSON & set(tokens))
        and not any(mark in lowered for mark in "?!(")
        and not (_ADVICE.search(lowered) or _IMPERATIVE_START.search(lowered) or _THERAPIST.search(lowered)
                 or _WRONG_SENTIMENT.search(lowered) or _VERDICT.search(lowered) or _JUDGING.search(lowered))
        and not ({"i", "i'm", "i've", "i'd", "me", "my"} & set(tokens))
    )
