"""Filters for generated reflections: trim, reject unsafe or unhelpful candidates, rank.

Used after the crisis screen said "none" and the model produced candidates:

* `trim_to_sentences(text, 2)` cuts a generation at the end of its 1st/2nd complete
  sentence ("" when there is none: a fragment is never shown);
* `candidate_flags(text, case, accepted)` lists the reasons to REJECT a candidate
  (empty list = acceptable);
* `reflective_score(text)` ranks the acceptable ones (0..1, higher = more reflective);
* `DISCLAIMERS[language]` (from resources.json) is shown under every generated answer;
* `elevated_flags(text)` lists the extra reasons to reject a candidate for a case the screen
  rated "elevated" (mentions of death or means, minimising, the wrong sentiment, questions).

Flags (in this order):

==================  =========================================================================
empty               no letters at all
greeting_only       only greetings / pleasantries ("Hi there.", "Thank you for reaching out.")
too_long            more than `FilterSettings.max_words` words
echo                mostly copies the case (share of its word trigrams found in the case)
duplicate           same as, or a near-duplicate of, an already accepted candidate
dismissive          turns the person away or minimises ("too many issues to address in
                    counseling", "just get over it", "others have it worse")
hopeless            asserts there is no hope ("nothing will ever change") - unless it is a
                    reflection of the person's feeling ("it sounds like you feel nothing will change")
harmful_advice      stop/skip/double medication (without a doctor), self-harm, substance use,
                    revenge or violence, skipping meals
contact_info        URLs, e-mail addresses or phone numbers that are not the vetted crisis
                    resources in resources.json (a model can invent numbers; people would call them)
not_a_reflection    does not address the person at all (no "you"/"tu"/"vous"/"usted"... in any of
                    en/fr/es): e.g. the model continuing in the patient's voice, or a general fact
==================  =========================================================================

Pure Python, no third-party imports.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Sequence

from tasks.core.safety.normalize import is_negated, normalize_text, tokenize
from tasks.core.safety.screen import RESOURCES_PATH

__all__ = [
    "DISCLAIMERS",
    "FLAG_ORDER",
    "FilterSettings",
    "trim_to_sentences",
    "candidate_flags",
    "reflective_score",
    "elevated_flags",
    "ELEVATED_FLAG_ORDER",
]


def _read_resources() -> dict:
    with RESOURCES_PATH.open(encoding="utf-8") as handle:
        return json.load(handle)


def _disclaimers(resources: dict) -> dict[str, str]:
    """The disclaimer per language, from resources.json (where the numbers it names are kept)."""
    disclaimers = resources.get("disclaimers")
    if not isinstance(disclaimers, dict) or not isinstance(disclaimers.get("en"), str):
        raise ValueError(f"{RESOURCES_PATH} has no 'disclaimers' object with an 'en' text; restore it from git")
    return dict(disclaimers)


_RESOURCES = _read_resources()
DISCLAIMERS: dict[str, str] = _disclaimers(_RESOURCES)

FLAG_ORDER: tuple[str, ...] = (
    "empty",
    "greeting_only",
    "too_long",
    "echo",
    "duplicate",
    "dismissive",
    "hopeless",
    "harmful_advice",
    "contact_info",
    "not_a_reflection",
)


@dataclass(frozen=True)
class FilterSettings:
    """Thresholds of the candidate filters.

    Attributes:
        max_words: a candidate longer than this is "too_long" (a reflection is one or two sentences).
        echo_threshold: share (0..1] of the candidate's word trigrams that also occur in the
            case above which it is an "echo".
        duplicate_threshold: word-sequence similarity (0..1] to an accepted candidate above
            which it is a "duplicate".
    """

    max_words: int = 60
    echo_threshold: float = 0.6
    duplicate_threshold: float = 0.8

    def __post_init__(self) -> None:
        if not isinstance(self.max_words, int) or self.max_words < 5:
            raise ValueError(f"max_words must be an int >= 5, got {self.max_words!r}; a reflection needs room")
        for name in ("echo_threshold", "duplicate_threshold"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or not 0 < value <= 1:
                raise ValueError(f"{name} must be in (0, 1], got {value!r}")


DEFAULT_FILTER_SETTINGS = FilterSettings()


# ---------------------------------------------------------------------------------------
# Sentence trimming
# ---------------------------------------------------------------------------------------
_ABBREVIATIONS = frozenset(
    "dr mr mrs ms mme mlle st sr sra srta dra prof e.g i.e etc vs approx p.ej no ex cf ca".split()
)
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*")


def _is_sentence_end(text: str, match: re.Match[str]) -> bool:
    after = text[match.end():]
    if after and not after[0].isspace():
        return False  # "3.5", "e.g.,", "out.That" (run-together) is not a clean end
    next_char = after.lstrip()[:1]
    punctuation = match.group(0)
    if "." in punctuation and punctuation.strip(".\"'\u201d\u2019\u00bb)]") == "":
        word = re.findall(r"[\w.]+$", text[: match.start()])
        if word and word[0].lower().rstrip(".") in _ABBREVIATIONS:
            return False
        if next_char and next_char.islower():
            return False  # "about 3 p.m. yesterday", "... so" : not a sentence boundary
    return True


def trim_to_sentences(text: str, max_sentences: int = 2) -> str:
    """Cut `text` after its `max_sentences`-th complete sentence; "" when none is complete.

    A sentence is complete when it ends with ".", "!", "?" or "…" (closing quotes allowed)
    followed by white space or the end of the text; abbreviations ("Dr.", "e.g.") and
    decimals do not end a sentence. A trailing fragment is dropped.
    """
    if not isinstance(text, str):
        raise TypeError(f"trim_to_sentences() needs str, got {type(text).__name__}")
    if not isinstance(max_sentences, int) or max_sentences < 1:
        raise ValueError(f"max_sentences must be an int >= 1, got {max_sentences!r}")
    text = text.strip()
    count, cut = 0, 0
    for match in _SENTENCE_END.finditer(text):
        if _is_sentence_end(text, match):
            count, cut = count + 1, match.end()
            if count == max_sentences:
                break
    return text[:cut].strip()


# ---------------------------------------------------------------------------------------
# Candidate flags
# ---------------------------------------------------------------------------------------
def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_GREETING_WORDS = frozenset(
    "hi hello hey dear there hiya greetings thanks thank you for reaching out writing sharing asking your "
    "question message the good morning afternoon evening friend bonjour salut allo merci de votre ton message "
    "d'avoir ecrit cher chere hola buenos buenas dias tardes noches gracias por tu su mensaje escribir querido "
    "querida and so much very again welcome bienvenue bienvenido".split()
)

_SECOND_PERSON = frozenset(
    # en
    "you your yours yourself yourselves youre youve youll youd u ur "
    # fr
    "tu te t toi ton ta tes vous votre vos "
    # es (pronouns and the most common 2nd-person verb forms: Spanish often drops the pronoun)
    "ti tus usted ustedes contigo tuyo tuya sientes estas eres tienes puedes quieres necesitas has vives "
    "sabes piensas mereces hiciste sentiste has estado".split()
)

# A statement inside one of these frames reflects the person's view instead of asserting it:
# "it sounds like you feel nothing will ever change" is a reflection, not hopelessness.
_FEELING_FRAME = _rx(
    r"\b(?:feel|feels|feeling|felt|sounds? like|seems? like|seem to|might think|may think|believe|believing|"
    r"tell yourself|telling yourself|worry|worried|afraid|as if|as though|told you|people say|someone said|"
    r"others say|you hear|you may have heard|thinking that|think that|vous sentez|te sens|on dirait|"
    r"vous avez l'impression|tu as l'impression|sientes|parece que|crees que|te dijeron)\b"
)

_DISMISSIVE = tuple(
    _rx(p)
    for p in (
        r"\btoo many (?:issues|problems|things)\b(?: [\w']+){0,6}? (?:to (?:address|handle|help|deal with|fix|"
        r"work on|treat)|for (?:counseling|counselling|therapy|me|us|one person))",
        r"\bunfortunately,? (?:what you have|your (?:case|situation|problems?|issues?)) (?:is|are)\b",
        r"\b(?:can not|will not|unable to|not able to) (?:help you|be helped|address (?:this|that|all|your))\b",
        r"\bnothing (?:i|we|anyone|anybody|counseling|counselling|therapy) can (?:do|offer)\b",
        r"\b(?:not|beyond) (?:something|what) (?:counseling|counselling|therapy) can\b",
        r"\bbeyond (?:help|hope|the scope of (?:counseling|counselling|therapy))\b",
        r"\b(?:get over it|snap out of it|toughen up|man up|stop complaining|stop whining|deal with it|"
        r"suck it up|grow up)\b",
        r"\b(?:others|other people|many people|lots of people|some people) have it (?:much |way |far )?worse\b",
        r"\b(?:it is|that is|this is) (?:not|no) (?:a )?big deal\b",
        r"\byou are (?:just |simply )?(?:overreacting|being dramatic|too sensitive|exaggerating|attention "
        r"seeking|lazy|weak|the problem)\b",
        r"\b(?:that is|it is) (?:your (?:own )?(?:problem|fault))\b",
        r"\byou (?:should|need to) (?:just )?(?:relax|calm down|cheer up|be grateful|think positive|smile more)\b",
        # fr
        r"\btrop de problemes\b",
        r"\bje ne (?:peux|pourrai) (?:pas|rien) (?:pour )?(?:vous|t'|te|toi) ?aider\b",
        r"\b(?:passez|passe) a autre chose\b|\barretez de vous plaindre\b|\barrete de te plaindre\b",
        r"\bce n'est pas (?:si )?grave\b|\bvous exagerez\b|\btu exageres\b|\bd'autres ont (?:bien )?pire\b",
        r"\bc'est (?:votre|ton) (?:probleme|faute)\b",
        # es
        r"\bdemasiados problemas\b|\bno (?:puedo|podemos) ayudarte\b|\bno hay nada que (?:hacer|pueda hacer)\b",
        r"\bdeja de quejarte\b|\bno es para tanto\b|\bexageras\b|\botros (?:lo )?tienen peor\b|"
        r"\bes tu (?:problema|culpa)\b|\bsuperalo\b",
    )
)

_HOPELESS = tuple(
    _rx(p)
    for p in (
        r"\bthere is no (?:hope|point|way out|solution|cure)\b",
        r"\b(?:it|things|this|your situation|life|that) (?:will|is going to) never (?:get better|change|improve|"
        r"be okay|be ok|work out)\b",
        r"\bnothing (?:will|can|is going to) (?:ever )?(?:help|change|work|get better|fix this)\b",
        r"\byou (?:will|are going to) never (?:get better|recover|be happy|change|heal|find)\b",
        r"\b(?:it is|your situation is|this is|you are) (?:hopeless|pointless|a lost cause|doomed)\b",
        r"\bno one (?:can|will) (?:ever )?help you\b|\btoo late for you\b|\bbeyond repair\b",
        r"\bil n'y a (?:plus )?(?:aucun )?espoir\b|\bca ne (?:s'arrangera|changera) jamais\b|"
        r"\brien ne (?:changera|vous aidera|t'aidera|marchera)\b|\bc'est sans espoir\b",
        r"\bno hay esperanza\b|\bnunca (?:vas a|va a) (?:mejorar|cambiar)\b|\bnada (?:va a|te va a) "
        r"(?:ayudar|ayudarte|cambiar)\b|\bno tiene remedio\b",
    )
)
_GIVE_UP = _rx(r"\b(?:just |might as well |may as well )?(?:give up|abandonnez|laissez tomber|rindete)\b")

_MEDS = (
    r"(?:medication|medications|meds|pills|antidepressants?|prescriptions?|medicine|lithium|doses?|treatment|"
    r"medicaments?|antidepresseurs|medicamentos|medicacion|pastillas|antidepresivos)"
)
_DOCTOR = _rx(r"\b(?:doctor|psychiatrist|prescriber|pharmacist|physician|gp|nurse practitioner|medecin|psychiatre|"
              r"pharmacien|medico|psiquiatra|farmaceutico)\b")
_HARMFUL_MEDICATION = (
    _rx(r"\b(?:stop|quit|skip|skipping|stopping|quitting|ditch|throw away|flush|cut out|get off|come off|go off) "
        r"(?:taking )?(?:your |the |all |those |these |of )?(?:\w+ )?" + _MEDS + r"\b"),
    _rx(r"\b(?:double|increase|up|raise|take extra|take more of) (?:your |the )?(?:dose|dosage|meds|medication|"
        r"pills)\b"),
    _rx(r"\b(?:arret(?:ez|e|er)|cessez|cesse) (?:de prendre )?(?:vos|tes|les) " + _MEDS + r"\b"),
    _rx(r"\bdeja(?:r)? (?:de tomar )?(?:tus|la|las|los|su|sus) " + _MEDS + r"\b"),
)
_HARMFUL_OTHER = tuple(
    _rx(p)
    for p in (
        r"\byou (?:do not|don't) need (?:your |the |any )?(?:meds|medication|medicine|therapy|a therapist|"
        r"treatment|help)\b",
        r"\b(?:hurt|cut|harm|punish|kill|starve|burn) yourself\b",
        r"\b(?:cutting|self-harm|self harm|hurting yourself) (?:can|might|will|could) (?:help|relieve|make you)\b",
        r"\b(?:end it all|end your life|take your (?:own )?life)\b",
        r"\b(?:have|grab|pour|get|take|need) (?:yourself )?(?:a|some|another|a few|a couple of) (?:stiff )?"
        r"(?:drinks?|beers?|shots?|glass(?:es)? of wine|joints?|hits?|xanax)\b(?! of (?:water|tea|juice|milk))",
        r"\bdrink (?:it|your (?:problems|worries|pain|feelings|sorrows)) away\b",
        r"\b(?:smoke|smoking) (?:some )?(?:weed|pot|a joint)\b",
        r"\bget (?:high|drunk|wasted|stoned)\b",
        r"\b(?:alcohol|weed|drinking|a drink|drugs|a joint) (?:will|can|might|could|would) (?:help|calm|relax)\b",
        r"\b(?:get|take|seek) revenge\b|\bget back at (?:him|her|them)\b|\bget even\b",
        r"\bmake (?:him|her|them) (?:pay|suffer)\b|\bteach (?:him|her|them) a lesson\b",
        r"\b(?:hit|punch|slap|hurt|beat|kill|shoot|stab) (?:him|her|them) (?:back|first)\b",
        r"\bconfront (?:him|her|them|your abuser|the abuser) alone\b",
        r"\b(?:skip|skipping|stop eating|cut out) (?:meals|eating|food|breakfast|lunch|dinner)\b",
        r"\b(?:fast|fasting|starving) for (?:days|a week|several days)\b",
        # fr
        r"\b(?:prenez|prends|buvez|bois) un (?:verre|coup)\b|\bvengez-vous\b|\bvenge-toi\b|\bfaites-lui payer\b|"
        r"\bfais-lui payer\b|\bsautez (?:des|les) repas\b|\bfaites-vous du mal\b",
        # es
        r"\btomate (?:una|unas|un) (?:copa|copas|cerveza|trago)\b|\bvengate\b|\bhazle pagar\b|"
        r"\bsaltate (?:las )?comidas\b|\bhazte dano\b",
    )
)

_URL = _rx(r"\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|ca|io|info|us|uk|fr|es|edu|gov|co|me|"
           r"ly)\b(?:/\S*)?")
_EMAIL = _rx(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = _rx(r"(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b|\+\d{1,3}[\s.-]?\d[\d\s.-]{6,}\d|"
             r"\b1[\s.-]?8\d\d[\s.-]?[a-z]{3,}[a-z\d-]*")


def _vetted_contacts(resources: dict) -> tuple[set[str], set[str]]:
    """Digits and literal contacts (and their aliases) of every resource in resources.json (all locales)."""
    digits, literals = set(), set()
    for block in resources["locales"].values():
        for entry in block["resources"]:
            number = re.sub(r"\D", "", entry["contact"])
            digits.update({number, number[1:] if number.startswith("1") else number})
            literals.update(contact.lower() for contact in (entry["contact"], *entry.get("aliases", ())))
    return digits, literals


_VETTED_DIGITS, _VETTED_LITERALS = _vetted_contacts(_RESOURCES)


def _has_unvetted_contact(text: str) -> bool:
    lowered = text.lower()
    if _URL.search(lowered) or _EMAIL.search(lowered):
        return True
    for match in _PHONE.finditer(lowered):
        found = match.group(0).strip()
        if found in _VETTED_LITERALS or re.sub(r"\s+", " ", found) in _VETTED_LITERALS:
            continue
        if re.sub(r"\D", "", found) in _VETTED_DIGITS:
            continue
        return True
    return False


def _clause_before(text: str, start: int) -> str:
    boundary = max(text.rfind(mark, 0, start) for mark in ".!?;")
    return text[boundary + 1: start]


def _asserted(patterns: Sequence[re.Pattern[str]], text: str) -> bool:
    """True when a pattern matches outside a feeling frame ("you feel that ...")."""
    for pattern in patterns:
        for match in pattern.finditer(text):
            if not _FEELING_FRAME.search(_clause_before(text, match.start())):
                return True
    return False


def _is_greeting_only(tokens: list[str]) -> bool:
    return all(token in _GREETING_WORDS for token in tokens)


def _echoes(candidate_tokens: list[str], case_tokens: list[str], threshold: float) -> bool:
    if len(candidate_tokens) < 3:
        return " ".join(candidate_tokens) in " ".join(case_tokens)
    case_trigrams = set(zip(case_tokens, case_tokens[1:], case_tokens[2:]))
    trigrams = list(zip(candidate_tokens, candidate_tokens[1:], candidate_tokens[2:]))
    shared = sum(1 for trigram in trigrams if trigram in case_trigrams)
    return shared / len(trigrams) >= threshold


def _duplicates(candidate_tokens: list[str], accepted: Sequence[str], threshold: float) -> bool:
    for other in accepted:
        other_tokens = tokenize(normalize_text(other))
        if other_tokens == candidate_tokens:
            return True
        if SequenceMatcher(None, candidate_tokens, other_tokens, autojunk=False).ratio() >= threshold:
            return True
    return False


_MEDICATION_GUARD = _rx(r"\b(?:before|until|unless|without)\b")
_WARNING = _rx(r"\b(?:dangerous|risky|unsafe|harmful|not safe|not a good idea|withdrawal|dangereux|risque|"
               r"peligroso|riesgoso)\b")


def _sentence_of(text: str, start: int, end: int) -> str:
    begin = max(text.rfind(mark, 0, start) for mark in ".!?;") + 1
    stop = re.search(r"[.!?;]", text[end:])
    return text[begin: end + stop.start() if stop else len(text)]


def _harmful(text: str) -> bool:
    for pattern in _HARMFUL_MEDICATION:
        for match in pattern.finditer(text):
            sentence = _sentence_of(text, match.start(), match.end())
            # "don't stop your meds", "talk to your doctor before you stop ...", "stopping suddenly is dangerous"
            if (
                is_negated(text, match.start())
                or _MEDICATION_GUARD.search(text[max(0, match.start() - 40): match.start()])
                or _DOCTOR.search(sentence)
                or _WARNING.search(sentence)
            ):
                continue
            return True
    for pattern in _HARMFUL_OTHER:
        for match in pattern.finditer(text):
            if not is_negated(text, match.start()):
                return True
    return False


def candidate_flags(
    text: str,
    case: str,
    accepted: Sequence[str] = (),
    *,
    settings: FilterSettings = DEFAULT_FILTER_SETTINGS,
) -> list[str]:
    """Reasons to reject `text` as a reflection for `case` (empty list = acceptable).

    `accepted` holds candidates already kept for this case (for "duplicate"). Flags come
    in FLAG_ORDER; "empty" is returned alone.
    """
    for name, value in (("text", text), ("case", case)):
        if not isinstance(value, str):
            raise TypeError(f"candidate_flags() needs {name} as str, got {type(value).__name__}")
    if isinstance(accepted, str):
        raise TypeError("accepted must be a sequence of candidate strings, not one string")
    normalised = normalize_text(text)
    tokens = tokenize(normalised)
    if not any(ch.isalpha() for ch in text):
        return ["empty"]
    flags: list[str] = []
    if _is_greeting_only(tokens):
        flags.append("greeting_only")
    if len(text.split()) > settings.max_words:
        flags.append("too_long")
    if case.strip() and _echoes(tokens, tokenize(normalize_text(case)), settings.echo_threshold):
        flags.append("echo")
    if _duplicates(tokens, accepted, settings.duplicate_threshold):
        flags.append("duplicate")
    if _asserted(_DISMISSIVE, normalised):
        flags.append("dismissive")
    if _asserted(_HOPELESS, normalised) or any(
        not is_negated(normalised, m.start()) for m in _GIVE_UP.finditer(normalised)
    ):
        flags.append("hopeless")
    if _harmful(normalised):
        flags.append("harmful_advice")
    if _has_unvetted_contact(text):
        flags.append("contact_info")
    if "greeting_only" not in flags and not any(token in _SECOND_PERSON for token in tokens):
        flags.append("not_a_reflection")
    return flags


# ---------------------------------------------------------------------------------------
# Reflective score
# ---------------------------------------------------------------------------------------
_REFLECTIVE_STEM = _rx(
    r"\b(?:it sounds (?:like|as if|as though)|sounds like|it seems (?:like|that|as if)?|it must (?:be|feel)|"
    r"i hear (?:that )?you|what i hear|i can hear|you seem|you feel|you are feeling|you have been feeling|"
    r"you might (?:be )?feel(?:ing)?|you may (?:be )?feel(?:ing)?|it makes sense that you|that sounds|"
    r"it is understandable|no wonder you|you are carrying|you have been carrying|"
    r"on dirait que|il semble que|j'entends que|vous semblez|tu sembles|vous vous sentez|tu te sens|"
    r"(?:ca|cela) doit etre|c'est comprehensible|parece que|suena (?:a que|como)|te sientes|debe ser|"
    r"escucho que|entiendo que|es comprensible)\b"
)
_FEELING_WORDS = frozenset(
    # en
    "sad sadness anxious anxiety worried worry overwhelmed hurt hurting lonely alone isolated angry anger "
    "afraid scared fear frightened frustrated frustration exhausted tired drained ashamed shame guilty guilt "
    "hopeless helpless stuck confused lost torn betrayed rejected numb empty grief grieving heartbroken "
    "disappointed insecure unappreciated unheard invisible pressure stressed stress tense trapped "
    "powerless discouraged embarrassed jealous resentful uncertain unsafe vulnerable pain painful heavy "
    "burdened worn down "
    # fr
    "triste tristesse anxieux anxieuse anxiete inquiet inquiete inquietude depasse depassee blesse blessee "
    "seul seule isole isolee colere peur effraye frustre frustree epuise epuisee honte coupable culpabilite "
    "perdu perdue dechire dechiree trahi trahie rejete vide deuil decu decue stresse stressee coince coincee "
    "impuissant impuissante lourd lourde souffrance douleur "
    # es
    "tristeza ansioso ansiosa ansiedad preocupado preocupada abrumado abrumada herido herida solo sola "
    "aislado aislada enojo enojado enojada miedo asustado asustada frustrado frustrada agotado agotada "
    "verguenza culpable culpa perdido perdida traicionado traicionada rechazado rechazada vacio vacia duelo "
    "decepcionado decepcionada estresado estresada atrapado atrapada impotente dolor pesado pesada".split()
)
_ADVICE_START = _rx(
    r"^(?:you should|you need to|you must|you have to|try|just|have you|why do not you|why don't you|"
    r"vous devez|tu dois|essayez|essaie|deberias|tienes que|intenta)\b"
)


def reflective_score(text: str) -> float:
    """0..1: how much `text` reads like a reflection ("It sounds like you feel ...").

    Parts: a reflective stem (0.35 at the start, 0.25 elsewhere), addressing the person
    (0.2), naming a feeling (0.25), one-to-two-sentence length of 6-40 words (0.1), and not
    advice or a question (0.1).
    """
    if not isinstance(text, str):
        raise TypeError(f"reflective_score() needs str, got {type(text).__name__}")
    normalised = normalize_text(text)
    tokens = tokenize(normalised)
    if not tokens:
        return 0.0
    score = 0.0
    stem = _REFLECTIVE_STEM.search(normalised)
    if stem:
        score += 0.35 if stem.start() <= 3 else 0.25
    if any(token in _SECOND_PERSON for token in tokens):
        score += 0.2
    if any(token in _FEELING_WORDS for token in tokens):
        score += 0.25
    if 6 <= len(tokens) <= 40:
        score += 0.1
    if not _ADVICE_START.search(normalised) and not text.rstrip().endswith("?"):
        score += 0.1
    return round(min(score, 1.0), 4)


# ---------------------------------------------------------------------------------------
# Strict filter for "elevated" cases
# ---------------------------------------------------------------------------------------
# A person at elevated risk reads the reflection right under a check-in about suicide. On top of
# `candidate_flags`, a candidate is rejected when it could be read as touching the risk itself or
# as brushing it aside. The lists are deliberately broad (normalised text, en/fr/es): losing a
# good reflection costs little, showing "rest is near" to someone thinking of dying does not.
ELEVATED_FLAG_ORDER: tuple[str, ...] = ("mentions_death", "mentions_means", "minimises", "wrong_sentiment", "question")

_ELEVATED_PATTERNS: dict[str, re.Pattern[str]] = {
    # death, dying, ending, leaving for good, and the soft words people use for them
    "mentions_death": _rx(
        r"\b(?:die|dies|died|dying|death|dead|deadly|kill\w*|suicid\w*|end(?:s|ed|ing)?\b(?! up)|over with|"
        r"gone|goodbye|farewell|rest(?:ing)? in peace|at peace|peaceful|final\w*|last time|never wake|sleep forever|"
        r"let (?:it )?go|escape|relief|disappear\w*|no longer (?:be|here|exist)|not (?:be )?here anymore|burden|"
        r"better off|mour\w*|mort\w*|tuer|fin\b|finir|en finir|disparaitre|adieu|soulagement|"
        r"morir\w*|muert\w*|matar\w*|acabar\w*|terminar|final|desaparecer|despedi\w*|alivio|carga)\b"
    ),
    # means and methods, and dosing
    "mentions_means": _rx(
        r"\b(?:pills?|tablets?|dose\w*|overdos\w*|medication|meds|rope|noose|hang\w*|guns?|firearm|weapon|"
        r"knife|knives|blade|razor|cut(?:s|ting)?|bridge|jump\w*|ledge|roof|cliff|poison\w*|bottle|"
        r"pilules?|comprimes?|cachets?|corde|pendre|arme|couteau|lame|pont|sauter|"
        r"pastillas?|cuerda|ahorcar\w*|pistola|arma|cuchillo|navaja|puente|saltar)\b"
    ),
    # minimising, rushing, comparing
    "minimises": _rx(
        r"\b(?:not (?:that|so) bad|no big deal|not a big deal|everyone (?:feels|goes through|has)|"
        r"everybody (?:feels|goes through|has)|(?:it is|it's|that is) (?:just|only|normal)|just a phase|"
        r"(?:will|it'll|this will) pass|get over|calm down|cheer up|look on the bright side|bright side|"
        r"silver lining|at least|could be worse|others have it worse|overreact\w*|dramatic|don't worry|"
        r"do not worry|you will be fine|you'll be fine|no worries|"
        r"pas si grave|pas grave|ce n'est rien|ca va passer|tout le monde|au moins|calme-?toi|"
        r"no es para tanto|no pasa nada|ya pasara|todo el mundo|al menos|tranquil\w*|no te preocupes)\b"
    ),
    # the wrong feeling for a person in pain ("I'm glad you're enjoying the flavors")
    "wrong_sentiment": _rx(
        r"\b(?:glad|enjoy\w*|great|congrat\w*|exciting|excited|fun|happy (?:to|for)|awesome|wonderful|"
        r"content(?:e)? (?:pour|de)|ravi\w*|felicit\w*|me alegra|genial|divert\w*)\b"
    ),
}
# A question is left to the check-in: a generated one can probe the plan ("How do you feel about
# taking them tonight?").
_QUESTION = re.compile(r"[?\u00bf]")


def elevated_flags(text: str) -> list[str]:
    """Reasons to reject `text` as a reflection for an "elevated" case, on top of `candidate_flags`
    (empty list = acceptable), in ELEVATED_FLAG_ORDER."""
    if not isinstance(text, str):
        raise TypeError(f"elevated_flags() needs text as str, got {type(text).__name__}")
    normalised = normalize_text(text)
    flags = [name for name, pattern in _ELEVATED_PATTERNS.items() if pattern.search(normalised)]
    if _QUESTION.search(text):
        flags.append("question")
    return flags
