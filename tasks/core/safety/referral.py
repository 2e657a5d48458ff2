"""Specialist referrals (not crisis): topics a reflection alone should not carry.

`referral_for(text, language)` returns which specialist kinds the case calls for and a
short message in the case's language suggesting a licensed specialist, or None:

==========================  =====================================================
kind                        specialist suggested
==========================  =====================================================
abuse_past                  trauma-informed therapist
eating_disorder             eating-disorder specialist
substance                   addiction counsellor
psychosis                   psychiatrist
trauma                      trauma-informed therapist
medication                  psychiatrist or the prescribing doctor
suicide_self_harm_history   therapist experienced with suicidal thoughts and self-harm
==========================  =====================================================

The last kind covers what the crisis screen deliberately answers as *history* ("I
attempted suicide when I was 19", "I used to self-harm"): not an emergency, but the
person deserves a specialist. Referrals are independent of the crisis screen; call
`screen()` first and never show a referral *instead of* crisis resources.

Patterns run on normalised text (see `normalize.py`); a negator just before a mention
cancels it ("I'm not on any medication", "je ne bois pas d'alcool"). Languages without
messages (anything but en/fr/es) get the English message, and the result says so in
its "language" field.
"""

from __future__ import annotations

import re

from tasks.core.safety.normalize import is_negated, normalize_text
from tasks.core.safety.rules import IDIOM_SCRUBS

__all__ = ["REFERRAL_KINDS", "referral_for"]

REFERRAL_KINDS: tuple[str, ...] = (
    "abuse_past",
    "eating_disorder",
    "substance",
    "psychosis",
    "trauma",
    "medication",
    "suicide_self_harm_history",
)

_MEDICATION_NAMES = (
    r"zoloft|sertraline|prozac|fluoxetine|lexapro|cipralex|escitalopram|celexa|citalopram|paxil|paroxetine|"
    r"wellbutrin|bupropion|effexor|venlafaxine|cymbalta|duloxetine|xanax|alprazolam|ativan|lorazepam|klonopin|"
    r"rivotril|clonazepam|valium|diazepam|adderall|ritalin|concerta|vyvanse|seroquel|quetiapine|abilify|"
    r"aripiprazole|lithium|lamictal|lamotrigine|trazodone|mirtazapine|remeron|buspirone|buspar|hydroxyzine|"
    r"propranolol|ssris?|snris?|benzodiazepines?|benzos|antipsychotics?"
)

_PATTERNS: dict[str, re.Pattern[str]] = {
    kind: re.compile(pattern)
    for kind, pattern in {
        "abuse_past": (
            r"\b(?:was|been|were|got|being) (?:\w+ )?(?:sexually |physically |emotionally |verbally )?(?:abused|"
            r"molested|raped|assaulted|beaten)\b|\b(?:sexual|childhood|child|physical|emotional|domestic|verbal|"
            r"past) abuse\b|\babusive (?:relationship|marriage|ex|father|mother|parents?|dad|mom|partner|husband|"
            r"wife|boyfriend|girlfriend|childhood|home|family)\b|\b(?:abused|molested|raped|hit|beat|hurt) me "
            r"(?:when|as) (?:i was|a child|a kid)\b|\bused to (?:hit|beat|abuse|hurt|molest) (?:me|us)\b|"
            r"\bhistory of (?:\w+ )?abuse\b|\bdomestic violence\b|\bsurvivor of (?:\w+ )?(?:abuse|assault|rape|"
            r"incest)\b|\bincest\b|"
            r"\b(?:abusee?|agressee?|violee?|battue?|maltraitee?) (?:sexuellement|quand|par|pendant|enfant)\b|"
            r"\babus sexuels?\b|\bagression sexuelle\b|\bviolence conjugale\b|\binceste\b|\bmaltraitance\b|"
            r"\bme (?:battait|frappait|violait|maltraitait|touchait)\b|"
            r"\babuso sexual\b|\babusaron de mi\b|\babuso de mi\b|\bme violaron\b|\bviolencia (?:domestica|"
            r"intrafamiliar)\b|\bmaltrato infantil\b|\bme (?:pegaba|golpeaba|maltrataba)n?\b|\bincesto\b|"
            r"\brelacion abusiva\b"
        ),
        "eating_disorder": (
            r"\banorexi\w*|\bbulimi\w*|\bbinge(?:-| )?eat\w*|\beating disorders?\b|\bpurg(?:e|ing)\b|"
            r"\bmake myself (?:throw up|vomit|sick)\b|\bthrow(?:ing)? up after (?:eating|meals|i eat)\b|"
            r"\bstarv(?:e|ing) myself\b|\brestrict(?:ing)? (?:my )?(?:food|eating|calories)\b|"
            r"\bcount(?:ing)? every calorie\b|\blaxatives\b|\b(?:afraid|scared|terrified) of (?:eating|gaining "
            r"weight)\b|\borthorexi\w*|\barfid\b|"
            r"\bhyperphagi\w*|\btroubles? (?:alimentaires?|du comportement alimentaire)\b|\btca\b|"
            r"\b(?:je me fais|me faire|je me suis fait) vomir\b|\bje ne mange plus\b|\blaxatifs\b|"
            r"\batracon\w*|\btrastornos? (?:alimentarios?|de la conducta alimentaria|de (?:la )?alimentacion)\b|"
            r"\bme (?:provoco|hago) (?:el )?vomit\w*|\bvomitar despues de comer\b|\blaxantes\b|\bdeje de comer\b"
        ),
        "substance": (
            r"\b(?:alcoholic|alcoholism|addict(?:ed|ion)?|substance (?:abuse|use)|sobriety|withdrawals?|detox|"
            r"rehab|aa meetings?|na meetings?)\b|\b(?:drinking|drink|drank) (?:too much|more|heavily|a lot|"
            r"every (?:day|night)|alone|to cope|to forget|to sleep|in the morning)\b|\b(?:can not|could not) stop "
            r"(?:drinking|using|smoking)\b|\b(?:cocaine|heroin|meth|crack|opioids?|opiates|fentanyl|ketamine|"
            r"mdma|weed|marijuana|cannabis)\b|\b(?:getting|get|got) (?:high|drunk|wasted) (?:every|to|all)\b|"
            r"\bblack(?:ed|ing)? out (?:from|after|when) (?:drinking|i drink)\b|"
            r"\balcooli(?:que|sme)\b|\bje bois (?:trop|de plus en plus|beaucoup|tous les (?:soirs|jours)|seule?|"
            r"pour oublier|pour dormir)\b|\bdependance\b|\bdependante? (?:a|au|aux)\b|\baccro (?:a|au|aux)\b|"
            r"\bsevrage\b|\bcocaine\b|\bheroine\b|\bdrogues?\b|\bdesintox\w*|"
            r"\balcoholic[oa]\b|\balcoholismo\b|\bbebo (?:demasiado|mucho|mas|todos los dias|todas las noches|"
            r"sol[oa]|para olvidar|para dormir)\b|\badiccion\w*|\badict[oa]s?\b|\bdrogas?\b|\bcocaina\b|"
            r"\bheroina\b|\bmarihuana\b|\babstinencia\b|\bno puedo dejar de (?:beber|tomar|fumar|consumir)\b"
        ),
        "psychosis": (
            r"\b(?:hear|hearing|heard) voices\b|\bvoices (?:in my head|telling me|tell me|talk to me)\b|"
            r"\bhallucinat\w*|\bpsychosis\b|\bpsychotic\b|\bschizo(?:phreni\w*|affective)\b|\bdelusion\w*|"
            r"\bsee(?:ing)? (?:things|people|shadows) (?:that|who) (?:are not|is not|nobody else|no one else|"
            r"others can not)\b|\b(?:they|people|the government|someone) (?:are|is) (?:watching|following|"
            r"tracking|spying on|controlling) me\b|\breading my (?:mind|thoughts)\b|"
            r"\bj'entends des voix\b|\bentendre des voix\b|\bdes voix (?:dans ma tete|me disent)\b|\bpsychose\b|"
            r"\bpsychotique\b|\bschizophren\w*|\bje vois des (?:choses|gens) qui n'existent pas\b|"
            r"\b(?:on me surveille|ils me surveillent)\b|"
            r"\b(?:escucho|oigo) voces\b|\bvoces en mi cabeza\b|\balucin\w*|\bpsicosis\b|\bpsicotic[oa]\b|"
            r"\besquizofreni\w*|\bveo cosas que no (?:existen|estan)\b|\bme (?:vigilan|persiguen|espian)\b"
        ),
        "trauma": (
            r"\bc?-?ptsd\b|\bpost-?traumatic\b|\btrauma\w*|\bflashbacks?\b|\bnightmares? (?:about|of) "
            r"(?:the|my|what|that|when|being)\b|\b(?:survived|survivor of) (?:a |an )?(?:shooting|accident|attack|"
            r"war|fire|assault|disaster|crash)\b|\bwitnessed (?:a |an |my )?(?:\w+ )?(?:death|shooting|murder|"
            r"accident|suicide|violence|attack)\b|"
            r"\btraumatis\w*|\bstress post-?traumatique\b|\btspt\b|\bcauchemars? (?:de|sur|a propos)\b|"
            r"\breviviscences?\b|"
            r"\btraumatic[oa]s?\b|\bestres postraumatico\b|\btept\b|\bpesadillas? (?:con|sobre|de)\b|"
            r"\brecuerdos (?:intrusivos|traumaticos)\b"
        ),
        "medication": (
            r"\b(?:medications?|meds|antidepressants?|anti-depressants?|antianxiety|anti-anxiety|"
            r"mood stabili[sz]ers?|prescriptions?|prescribed|dosage|doses?|side effects?|"
            + _MEDICATION_NAMES
            + r")\b|\bmedicaments?\b|\bantidepresseurs?\b|\banxiolytiques?\b|\bordonnance\b|\bposologie\b|"
            r"\beffets? secondaires?\b|\bmedicamentos?\b|\bmedicacion\b|\bantidepresivos?\b|\bansioliticos?\b|"
            r"\breceta medica\b|\bdosis\b|\befectos? secundarios?\b"
        ),
        "suicide_self_harm_history": (
            r"\bsuicid\w*|\bself[- ]?harm\w*|\bkill(?:ing)? myself\b|\bcut(?:ting)? myself\b|\bscarifi\w*|"
            r"\bautomutil\w*|\bautolesion\w*|\bme suicider\b|\bsuicidarme\b|\bidees noires\b"
        ),
    }.items()
}

_SPECIALISTS: dict[str, dict[str, str]] = {
    "en": {
        "abuse_past": "trauma-informed therapist",
        "eating_disorder": "eating-disorder specialist",
        "substance": "addiction counsellor",
        "psychosis": "psychiatrist",
        "trauma": "trauma-informed therapist",
        "medication": "psychiatrist or your prescribing doctor",
        "suicide_self_harm_history": "therapist experienced with suicidal thoughts and self-harm",
    },
    "fr": {
        "abuse_past": "thérapeute formé en trauma",
        "eating_disorder": "spécialiste des troubles alimentaires",
        "substance": "intervenant en dépendances",
        "psychosis": "psychiatre",
        "trauma": "thérapeute formé en trauma",
        "medication": "psychiatre ou votre médecin prescripteur",
        "suicide_self_harm_history": "thérapeute qui connaît bien les idées suicidaires et l'automutilation",
    },
    "es": {
        "abuse_past": "terapeuta especializado en trauma",
        "eating_disorder": "especialista en trastornos de la conducta alimentaria",
        "substance": "consejero en adicciones",
        "psychosis": "psiquiatra",
        "trauma": "terapeuta especializado en trauma",
        "medication": "psiquiatra o tu médico tratante",
        "suicide_self_harm_history": "terapeuta con experiencia en pensamientos suicidas y autolesiones",
    },
}
_MESSAGES = {
    "en": "Part of what you describe is best explored with a specialist: please consider reaching out to a licensed {who}.",
    "fr": "Une partie de ce que vous décrivez gagnerait à être abordée avec un spécialiste agréé : pensez à consulter un {who}.",
    "es": "Parte de lo que describes se trabaja mejor con un especialista con licencia: considera buscar a un {who}.",
}
_AND = {"en": " and a licensed ", "fr": ", ainsi qu'un ", "es": " y a un "}


def _found(kind: str, normalised: str) -> bool:
    """True when a non-negated mention of `kind` occurs in the normalised text."""
    return any(not is_negated(normalised, match.start()) for match in _PATTERNS[kind].finditer(normalised))


def referral_for(text: str, language: str = "en") -> dict | None:
    """Return {"kinds", "specialists", "message", "language"} when the case needs a specialist, else None.

    `language` picks the message language (en, fr, es); any other value gets English and
    the returned "language" is "en". Raises TypeError/ValueError for a non-string or empty case.
    """
    if not isinstance(text, str):
        raise TypeError(f"referral_for() needs the case text as str, got {type(text).__name__}")
    if not text.strip():
        raise ValueError("referral_for() got an empty case; drop empty rows first")
    normalised = normalize_text(text)
    # Grief about someone else's suicide is not the writer's history: use the screen's scrubs.
    scrubbed = normalised
    for pattern, _gate in IDIOM_SCRUBS:
        scrubbed = pattern.sub(" _ ", scrubbed)
    kinds = [
        kind
        for kind in REFERRAL_KINDS
        if _found(kind, scrubbed if kind == "suicide_self_harm_history" else normalised)
    ]
    if not kinds:
        return None
    message_language = language if language in _MESSAGES else "en"
    specialists = list(dict.fromkeys(_SPECIALISTS[message_language][kind] for kind in kinds))
    message = _MESSAGES[message_language].format(who=_AND[message_language].join(specialists))
    return {"kinds": kinds, "specialists": specialists, "message": message, "language": message_language}
