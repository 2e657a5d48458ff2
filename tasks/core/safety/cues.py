"""Cue families for the graded crisis risk score (see `score.py`), English, French and Spanish.

The precise rules in `rules.py` catch the phrasings they were written for; five held-out
rounds showed that they miss most fresh wording. This module holds the *broad* evidence
instead: families of cues, each with many phrasings, and a weight per phrasing:

==========  ========================================================================
weight      meaning
==========  ========================================================================
4 (strong)  enough on its own ("blow my brains out", "me faire sauter la cervelle")
3           a method or a plan with its means ("in front of a train", "all my pills")
2 (medium)  a real warning sign that needs one more ("disappear", "rope", "burden")
1 (weak)    common in distress and in ordinary talk ("tonight", "pills", "hopeless")
==========  ========================================================================

Families (the category a family reports in parentheses): ending (suicidal ideation),
means, farewell, burden, hopeless, urgency (all suicidal ideation), self_harm, medical
(medical emergency), violence (harm to others), abuse and danger_now (abuse in progress),
unreachable (someone who said goodbye and no longer answers), ingest, quantity and symptom
(only next to means or medical cues: "took", "all my", "dizzy" say nothing alone), foreign
(explicit risk words of languages the rules do not read, reported as unreadable_language:
a safety net for text the language detector mistakes for English, French or Spanish).

Everything is written against *normalised* text (`normalize.py`: lower case, accents
folded, English contractions expanded: "can't" is "can not", "I'm" is "i am"). Each
family compiles to ONE regular expression with a named group per weight (w4 first, so the
stronger reading wins at a position); `score.py` runs one `finditer` per family.

The families are broad on purpose; figurative uses ("this commute is killing me", "je
meurs de faim") are blanked by `rules.IDIOM_SCRUBS` before any cue is read, and
`score.py` drops cues that are negated, history, reported questions, fiction or about
someone else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "CueFamily",
    "CUE_FAMILIES",
    "INTENT_TAIL",
    "FICTION_MARKERS",
    "DEPARTURE_MARKERS",
    "LEISURE_MARKERS",
    "GRIEF_MARKERS",
    "RESOLVED_MARKERS",
    "CLAUSE_START",
    "FIRST_PERSON",
    "THIRD_PERSON",
    "PERSON_NOUNS",
    "POSSESSIVES",
]

# ---------------------------------------------------------------------------------------
# Shared vocabulary
# ---------------------------------------------------------------------------------------
_MEDS_EN = (
    r"(?:pills?|tablets?|meds|medications?|medicines?|sleeping pills|painkillers|pain killers|tylenol|advil|"
    r"aspirin|ibuprofen|acetaminophen|paracetamol|xanax|ambien|valium|klonopin|clonazepam|ativan|lorazepam|"
    r"oxy\w*|percocet|vicodin|morphine|fentanyl|opioids?|insulin|lithium|antidepressants?|benzos|seroquel|"
    r"zoloft|prozac|lexapro|trazodone|melatonin|prescription|sleeping tablets|codeine|tramadol|gabapentin)"
)
_MEDS_FR = (
    r"(?:pilules?|comprimes?|cachets?|medicaments?|medocs?|somniferes?|anxiolytiques?|antidepresseurs?|"
    r"calmants?|tylenol|advil|ativan|xanax|insuline|morphine|codeine|ordonnance)"
)
_MEDS_ES = (
    r"(?:pastillas?|pildoras?|tabletas?|medicamentos?|medicinas?|somniferos?|ansioliticos?|antidepresivos?|"
    r"calmantes?|clonazepam|rivotril|xanax|tafil|paracetamol\w*|ibuprofeno|insulina|morfina|receta)"
)
_PLACES_HIGH = (
    r"(?:bridge|building|roof|rooftop|balcony|cliffs?|ledge|tower|overpass|parking garage|top floor|window|"
    r"pont|toit|balcon|falaise|rebord|edifice|immeuble|tour|viaduc|fenetre|puente|edificio|azotea|techo|"
    r"acantilado|cornisa|ventana)"
)
_VEHICLES = r"(?:train|bus|truck|subway|metro|car|traffic|tram|autobus|camion|voiture|tren|carro|coche|trailer)"


@dataclass(frozen=True)
class CueFamily:
    """One family of cues.

    Attributes:
        name: short id ("ending", "means", ...), reported in `ScreenResult.rules` as "cue:<name>".
        category: the crisis category this family is evidence for.
        pattern: compiled regex with named groups w4, w3, w2, w1 (the weight of the phrasing).
        negatable: True when a negator just before a cue cancels it ("I would never hurt myself").
        directed: "self" (about the writer: a third-person subject turns it into concern for
            someone else), "fixed" (the pattern already says who does what to whom: abuse,
            violence, danger).
        intent_bonus: added when an intent or rumination frame comes just before the cue
            ("I want to disappear", "je pense à sauter du pont").
        intent_min_weight: cues lighter than this get no intent bonus ("going to the bridge").
        phrasings: (weight, compiled phrasing) in the order of `pattern` (strongest first): the
            score tries only the phrasings whose literal prefix occurs at a position (speed);
            the first that matches there wins, exactly as `pattern` would decide.
    """

    name: str
    category: str
    pattern: re.Pattern[str]
    negatable: bool = True
    directed: str = "self"
    intent_bonus: int = 0
    intent_min_weight: int = 1
    phrasings: tuple[tuple[int, re.Pattern[str]], ...] = ()


def _family(
    name: str,
    category: str,
    weighted: dict[int, list[str]],
    *,
    negatable: bool = True,
    directed: str = "self",
    intent_bonus: int = 0,
    intent_min_weight: int = 1,
) -> CueFamily:
    groups = []
    phrasings = []
    for weight in (4, 3, 2, 1):
        phrases = weighted.get(weight)
        if phrases:
            groups.append(f"(?P<w{weight}>{'|'.join(phrases)})")
            phrasings.extend((weight, re.compile(r"\b(?:" + phrase + r")\b")) for phrase in phrases)
    pattern = re.compile(r"\b(?:" + "|".join(groups) + r")\b")
    return CueFamily(name, category, pattern, negatable, directed, intent_bonus, intent_min_weight, tuple(phrasings))


SI, SH, HO, AB, ME = "suicidal_ideation", "self_harm", "harm_to_others", "abuse_in_progress", "medical_emergency"

# ---------------------------------------------------------------------------------------
# Families
# ---------------------------------------------------------------------------------------
_ENDING = _family("ending", SI, {
    4: [
        r"blow(?:ing)? my brains out", r"end(?:ing)? it (?:all )?(?:tonight|today|now|this weekend|tomorrow)(?! with)", r"put (?:a|the) bullet (?:in|through) my (?:head|brain|skull)", r"eat a bullet",
        r"eat my gun", r"unalive(?: myself| me)?", r"kms", r"(?:me )?(?:faire )?sauter la cervelle", r"me supprimer",
        r"me laisser mourir", r"m'ecraser en voiture", r"(?:pegarme|darme|meterme) un (?:tiro|balazo)",
        r"volarme (?:la cabeza|los sesos)", r"dejarme morir", r"acabar con mi vida", r"terminar con mi vida",
        r"quitarme de en medio", r"su[iy]?(?:c|s|ss)[iy]?d(?:e|al|io|arme|aire|er)\w*",
        r"(?:not|never) (?:plan|planning|going|expect|expecting|intend|intending) (?:on |to )?(?:be|being) (?:alive|here|around) "
        r"(?:for|by|at|to see|when|until|next|in)", r"(?:ne compte|ne pense|ne prevois) pas (?:etre|d'etre) (?:encore )?"
        r"(?:la|en vie|vivante?) (?:pour|a|le jour)", r"no (?:pienso|planeo|creo) (?:estar|seguir) (?:viv[oa]|aqui|con vida) (?:para|en)",
    ],
    3: [
        r"permanent solution", r"(?:the )?easy way out", r"go through with it", r"passer a l'acte",
        r"(?:ce sera|c'est|ca va etre) (?:fini|termine|la fin) pour moi", r"(?:se acaba|se termina|termina) (?:todo )?para mi",
        r"(?:do not|never) (?:think|plan|expect|intend) (?:i will|i am going to|to|on) (?:come|coming|make it|be|get) (?:back|home)",
        r"(?:je )?(?:ne )?(?:pense|crois|compte|prevois) pas (?:de )?(?:revenir|rentrer|en revenir)", r"no (?:pienso|creo|planeo) (?:volver|regresar)",
        r"(?:when|once|after) i am (?:not around|no longer around|not here)(?: anymore| any more)?",
        r"quitter ce monde", r"quitter cette terre", r"mettre un terme a (?:tout|ma vie|mes souffrances)",
        r"irme de este mundo", r"dejar este mundo", r"leave this (?:world|earth|life)",
        r"by the time you read this", r"when you read this", r"if you are reading this",
        r"quand (?:vous lirez|tu liras) (?:ceci|ce message|cette lettre)", r"cuando (?:leas|lean) esto",
        r"be with (?:him|her|them) (?:again )?(?:in heaven|on the other side|in the afterlife)",
        r"see you on the other side", r"on the other side", r"check(?:ing)? out (?:for good|early|permanently)",
        r"(?:once|when|after) i am (?:out of (?:it|the picture|the way|here)|gone)",
        r"if i (?:just |simply |ever |finally )?(?:disappeared|died|was gone|were gone|did not exist|was not here|were not here|"
        r"was dead|were dead|vanished|was not around|were not around|killed myself|was never born|had never been born)",
        r"si je (?:disparaissais|mourais|n'existais (?:pas|plus)|n'etais plus la|partais pour de bon|me tuais|n'etais jamais nee?)",
        r"si (?:yo )?(?:desapareciera|me muriera|muriera|no existiera|ya no estuviera|me fuera para siempre|me matara|no hubiera nacido)",
        r"(?:s'|m'|t'|se |me )ouvrir les veines", r"(?:cortarse|cortarme) las venas", r"(?:cut|slit|slash)(?:ting)? (?:his|her|their) wrists",
    ],
    2: [
        r"end(?:ing)? (?:it|it all|everything|things)(?! (?:with|between|off|on a|there))", r"finish it",
        r"(?:it|it all|everything|this|all of (?:it|this)|all this|life|my life|the pain|this pain|things) "
        r"(?:to )?(?:be|being|is|was|will be) (?:all )?(?:over|finished|done)(?! with (?:my|the|this) (?:job|class|semester))",
        r"not (?:to )?wake up", r"never (?:to )?wake up", r"not waking up", r"never waking up", r"never woke up",
        r"(?:close|shut) my eyes (?:and|forever)(?: \w+){0,3}? (?:never|not) open", r"never open (?:them|my eyes) again",
        r"sleep (?:forever|for ever|for good|and never|and not)", r"eternal sleep", r"fall asleep forever",
        r"disappear\w*", r"dis+ap+ear\w*", r"vanish(?:ed|ing)?",
        r"(?:be|am|being|already) gone", r"gone (?:forever|for good)", r"go away (?:forever|for good)",
        r"(?:not|no longer|never) (?:be )?(?:here|around|alive)(?: anymore| any more| much longer| tomorrow| next)?",
        r"not (?:be )?coming back", r"never coming back", r"never come back", r"will not be coming back",
        r"(?:not|stop|cease to|cease|no longer) exist(?:ing)?", r"be dead", r"being dead", r"dead and gone",
        r"my (?:own )?(?:death|funeral|grave|obituary)", r"the end of me",
        r"(?:not|never) (?:make it|live) (?:to|until|till|past|through) (?:\w+ ){0,2}?(?:birthday|christmas|"
        r"new year|next year|the weekend|next week|summer|spring|monday|tomorrow)",
        r"(?:not|never) see (?:another|next|the next) (?:birthday|christmas|year|summer|spring|morning|sunrise)",
        r"my last (?:birthday|christmas|day|night|week|summer|weekend)",
        r"no longer (?:be )?(?:a )?(?:problem|burden) for", r"stop (?:trying|fighting) for good",
        r"(?:will not|never) (?:get|have) (?:the|another|a) chance (?:again|to)",
        r"(?:none of (?:this|it)|nothing) (?:will|is going to) matter(?! (?:in (?:a|ten|five|\w+) (?:year|years|month|months|week|weeks))| to)",
        r"(?:esta noche|hoy|manana|el viernes|el sabado) me voy(?! a (?:la|el|casa|trabajar|dormir|comer|ver|salir))", r"(?:j'en|je n'en|n'en) aurai (?:pus|plus) besoin",
        r"ya no (?:lo|la|los|las|le) (?:voy a necesitar|necesitare)", r"(?:todo|esto) (?:va a|se va a) (?:terminar|acabar)",
        r"(?:je serai|serai) (?:enfin )?(?:tranquille|en paix|libre|en repos) (?:bientot|pour toujours|enfin|pour de bon)",
        r"(?:pronto )?(?:estare|voy a estar) (?:en paz|tranquil[oa]|descansando) (?:pronto|para siempre|por fin)",
        r"(?:i will|i am going to) be at peace (?:soon|finally|at last|after)",
        r"morirse", r"matarse", r"suicidarse", r"quitarse la vida", r"check(?:ing)? out",
        r"(?:never|not) (?:to )?open my eyes again", r"how (?:quiet|easy|peaceful|simple|nice|good|calm|quick) it (?:would|will) be",
        r"after (?:that|this|it|the \w+|christmas|the wedding|graduation),? i am (?:done|gone|out|finished)",
        r"(?:not sure|do not know|unsure) (?:if|whether) i (?:will|am going to|would) (?:come back|come home|make it|survive|be back)",
        r"(?:ne sais|sais) pas si (?:je vais|je vais pouvoir) (?:rentrer|revenir|survivre|tenir|m'en sortir)",
        r"no se si (?:voy a )?(?:volver|regresar|aguantar|sobrevivir)",
        r"(?:will not|no longer|not) be able to (?:take care of|look after|care for) (?:\w+ ){0,2}?(?:after|anymore|much longer)", r"(?:ne )?(?:plus|jamais) (?:r?ouvrir|me reveiller et ouvrir) les yeux",
        r"no volver a abrir los ojos", r"no abrir (?:mas )?los ojos",
        # French
        r"crever", r"disparai\w*", r"m'effacer", r"(?:ne )?(?:plus|pas|jamais) me reveiller",
        r"ne jamais me reveiller", r"dormir (?:pour toujours|pour de bon|a jamais|sans me reveiller)",
        r"(?:partir|m'en aller|m'en aller) (?:pour de bon|pour toujours|a jamais|definitivement)",
        r"(?:ne )?plus etre (?:la|ici|sur terre|de ce monde|en vie)", r"(?:ne )?(?:plus|pas) exister",
        r"cesser d'exister", r"que (?:tout|ca|la douleur|cette douleur|la souffrance) (?:s'arrete|finisse|cesse|se termine)",
        r"tout arreter", r"que ce soit fini", r"en terminer", r"(?:ma mort|mes funerailles|mon enterrement|mes obseques)",
        r"le grand saut", r"(?:ne )?(?:serai|serais) plus (?:la|un probleme|un poids|un fardeau)",
        # Spanish
        r"morirme", r"acabar con (?:todo|esto)", r"terminar con (?:todo|esto)", r"desapare\w*", r"no despertar(?:me)?",
        r"no volver a despertar", r"dormir(?:me)? para siempre", r"(?:irme|partir|desaparecer) para siempre",
        r"(?:me )?fuera para siempre", r"ya no (?:estar|este|estuviera|estare)", r"dejar de (?:existir|estar)",
        r"no existir", r"que (?:todo|esto|el dolor|el sufrimiento) (?:termine|acabe|se acabe|pare|se termine)",
        r"(?:mi funeral|mi entierro|mi tumba|mi velorio)", r"ponerle (?:fin|punto final)", r"descansar para siempre",
        r"no (?:van|vas) a tener que preocupar(?:se|te) (?:mas )?por mi",
    ],
    1: [
        r"die", r"dying", r"dead", r"death", r"the end", r"way out", r"leave for good", r"for good",
        r"join (?:him|her|them)", r"rest in peace", r"peace",
        r"mourir", r"mort", r"morte", r"la mort", r"la fin", r"partir",
        r"morir", r"muerte", r"muerto", r"muerta", r"el final", r"descansar en paz", r"hacerlo",
    ],
}, intent_bonus=2)

_MEANS = _family("means", SI, {
    4: [
        r"(?:most effective|quickest|fastest|easiest|painless|best|surest|least painful|cleanest|most reliable) (?:way|method|ways|"
        r"methods) (?:to|of) (?:hang|kill|overdose|die|end|shoot|drown|od|suicide|do it)",
        r"(?:meilleure|plus rapide|plus facile|moins douloureuse|plus sure) (?:facon|maniere|methode) (?:de|pour) (?:se|me) "
        r"(?:tuer|pendre|suicider|noyer)", r"(?:mejor|mas rapida|mas facil|menos dolorosa|mas segura) (?:forma|manera) de "
        r"(?:matarse|matarme|colgarse|colgarme|suicidarse|suicidarme|morir)",
        r"(?:most painless|least painful|painless|peaceful|quickest painless) (?:way|method|ways) (?:to go|to do it|to end it|out)",
        r"enough to (?:stop (?:my|your|the|someone's|a person's) (?:breathing|heart)|not wake up|never wake up)",
        r"(?:suffisant|assez) pour (?:ne (?:plus|pas) me reveiller|arreter (?:mon|le) coeur)", r"suficiente(?:s)? para (?:no despertar|que se pare el corazon|morir)",
        r"(?:stockpil\w*|hoard\w*|stash\w*|squirrel\w* away|saving up|saved up|been saving|stocking up on|stocked up on|stock up on) "
        r"(?:all )?(?:[\w']+ ){0,3}?"
        + _MEDS_EN + r"|(?:accumul|stock|amass)\w* (?:[\w']+ ){0,3}?" + _MEDS_FR + r"|(?:guardando|juntando|acumulando|escondiendo) "
        r"(?:[\w']+ ){0,3}?" + _MEDS_ES,
        r"(?:noose|rope|cord|belt) (?:is )?(?:around|round) my neck", r"barrel (?:in|into) my mouth",
        r"(?:gun|pistol|revolver) (?:to|against) my (?:head|temple|chest|throat)", r"corde (?:autour|au) (?:de mon |du )?cou",
        r"(?:soga|cuerda) (?:al|en el|alrededor del) cuello", r"cortarme las venas",
    ],
    3: [
        r"(?:jump|jumping|jumped|leap|leaping|throw(?:ing)? myself|threw myself|step|stepping|stepped|walk|walking|"
        r"lie down|lying down|lay down) (?:off|from|in front of|under|onto|into|down from) (?:a |the |that |this |my |an )?"
        r"(?:\w+ )?(?:" + _PLACES_HIGH[3:-1] + r"|" + _VEHICLES[3:-1] + r"|tracks|river|highway|freeway|lake|sea|ocean)",
        r"(?:in front of|under) (?:a |the |an |oncoming )?(?:\w+ )?(?:train|bus|truck|subway|metro|car|tram)",
        r"(?:drive|driving|drove|crash|crashing|steer|steering|swerve|swerving) (?:my car |the car |it )?(?:into|off|in front of)",
        r"(?:slowing down|not brake|will not brake|not stop) (?:\w+ ){0,3}?(?:crossing|tracks|train)",
        r"train crossing", r"(?:tie|tied|tying) (?:a |the )?(?:rope|noose)", r"pull the trigger", r"a bullet",
        r"(?:carbon monoxide|charcoal grill|exhaust pipe|hose from the exhaust)",
        r"(?:walk|walking|swim|swimming) (?:out )?into the (?:sea|ocean|lake|river|water)",
        r"(?:drove|went|walked|came|biked|rode|took a cab|took the bus) (?:\w+ )?to the (?:cliffs?|bridge|tracks|lake|river|ocean|sea|roof|"
        r"rooftop|dam|falaise|pont|acantilado|puente|presa)",
        r"(?:rendue?|allee?|partie?|venue?|descendue?) (?:jusqu'|jusque )?(?:au bord du|au bord de la|au bord de l'|sur le|au|a la) "
        r"(?:fleuve|riviere|lac|pont|mer|falaise|quai|toit|eau)", r"(?:fui|vine|llegue|maneje) (?:hasta )?(?:al|a la) (?:puente|rio|lago|"
        r"mar|acantilado|azotea|vias)",
        r"(?:the water|l'eau|el agua) (?:looks|seems|is|se ve|semble|est|parece) (?:so )?(?:calm|peaceful|tranquil|inviting|tranquila|"
        r"calme|paisible|tranquille|tentadora|invitante)",
        r"(?:pillow|hand|blanket|towel|oreiller|coussin|almohada|cojin) (?:over|on|sur|en|sobre) (?:her|his|their|the baby's|my baby's|"
        r"its|son|sa|su) (?:face|mouth|nose|visage|bouche|cara|boca)", r"one bullet", r"une (?:seule )?balle", r"una (?:sola )?bala",
        r"(?:pense|pensais|penser|pienso|pensando|think|thinking|thought|dream|dreaming|reve|sueno) (?:a|au|en|about|of|de|del) "
        r"(?:the |le |el |la )?(?:\w+ )?(?:pont|puente|bridge|tracks|rails|vias|roof|toit|azotea|falaise|cliffs?|acantilado|metro|"
        r"subway|train|tren)",
        r"(?:painless|quick|quickest|easy|easiest|effective|surest|reliable|lethal|clean) (?:methods?|ways? (?:out|to go|to do it))",
        r"(?:googl|search|research|look|read)\w* (?:up |about )?(?:\w+ ){0,2}?(?:methods|ways to die|how to die|how to (?:hang|overdose|od))",
        r"(?:step|steps|stepping|stepped|inch|inching|lean|leaning) (?:\w+ )?(?:closer )?(?:to|toward|towards|over) the (?:edge|tracks|platform edge|railing)",
        r"rocks in my pockets", r"taking (?:\w+ )?(?:vials|pills|meds|drugs|morphine|fentanyl) home",
        r"(?:hair ?dryer|toaster|radio) (?:\w+ ){0,4}?(?:bath|bathtub|tub)|(?:bath|bathtub|tub) (?:\w+ ){0,6}?(?:hair ?dryer|toaster)",
        r"(?:take|taking|swallow|swallowing) (?:them all|all of them|every (?:single )?one)",
        r"(?:all|every) (?:of )?(?:my |the |these |those )?(?:\w+ )?" + _MEDS_EN + r"(?: in (?:the|this) house)?",
        r"every pill",
        r"(?:enough|a stash of|my stash of|stash of|stockpile of|a bottle of|bottles of|the whole bottle of|"
        r"a whole bottle of|an entire bottle of|a pile of|a handful of|handfuls of) (?:\w+ ){0,2}?" + _MEDS_EN,
        r"(?:i have|i) (?:a|an|my) (?:knife|gun|rifle|pistol|blade|razor) (?:\w+ )?(?:hidden|stashed|ready|saved|put away)",
        r"(?:how (?:much|many)|what amount of) (?:\w+ ){0,3}?" + _MEDS_EN + r"(?: \w+){0,6}? (?:fatal|lethal|stop my heart|kill|enough)",
        r"(?:fatal|lethal) (?:dose|amount|fall|height)",
        r"(?:label|dosage|dose|prescription|posologie|etiquette|dosis|etiqueta) (?:[\w',]+ ){0,5}?(?:i have|i have got|i got|j'en ai|j'ai|tengo) "
        r"(?:like |about |around |maybe |plus de |como |mas de )?(?:sixty|fifty|forty|thirty|a hundred|soixante|cinquante|quarante|trente|cent|"
        r"sesenta|cincuenta|cuarenta|treinta|cien|[0-9]{2,})",
        r"(?:which|what) (?:combinations?|mix|mixes|amount|amounts|dose|doses|pills|meds) (?:of )?(?:\w+ ){0,2}?(?:is|are|would be|will be) "
        r"(?:lethal|fatal|deadly)", r"(?:quel|quelle|quels|quelles) (?:\w+ ){0,3}?(?:est|sont|serait) (?:mortel|mortelle|mortels|mortelles|letal)",
        r"(?:que|cual|cuales|cuantas|cuantos) (?:\w+ ){0,3}?(?:es|son|seria) (?:letal|letales|mortal|mortales)",
        r"(?:i have|i have got|i got|i bought|bought|i already have) (?:the|a|my) (?:rope|noose|gun|pistol|rifle|razor blades?) "
        r"(?:already|ready|now|at home|in my \w+|in the \w+)", r"(?:j'ai|j'ai deja|achete) (?:la|une|ma|le|un|mon) (?:corde|arme|fusil|gun) "
        r"(?:deja|prete?|dans (?:le|la|mon|ma) \w+|chez nous)", r"(?:tengo|ya tengo|compre) (?:la|una|mi|el) (?:cuerda|soga|pistola|arma) "
        r"(?:lista|listo|ya|en el \w+|en la \w+|en mi \w+|guardada)",
        r"(?:jump|jumping|jumped|leap|leaping|fall|falling) (?:off|from) (?:the |a |my )?(?:\w+ )?(?:floor|storey|story)",
        r"(?:what|which|how high(?: a)?) (?:floor|storey|story|height|building|bridge) (?:\w+ ){0,5}?(?:jump|fall|fatal|survive)",
        r"(?:desde|de) (?:que|cual) (?:piso|altura|puente|edificio) (?:\w+ ){0,5}?(?:sobrevive|mata|muere|caida|caer|saltar)",
        r"(?:de|a partir de) quel (?:etage|hauteur) (?:\w+ ){0,5}?(?:survit|tue|meurt|sauter|chute)",
        r"(?:i have|je l'ai|j'ai|lo tengo|la tengo|los tengo|las tengo) (?:it |them |ca )?(?:right )?(?:here|aqui|aca|ici) (?:with me|conmigo|avec moi)",
        r"(?:sauter|tomber|me jeter) (?:du|de la|d'un|d'une) (?:\w+ )?(?:etage|edifice)", r"(?:saltar|tirarme|aventarme) (?:del|desde el) (?:\w+ )?piso", r"(?:high|tall) enough (?:\w+ ){0,3}?(?:fatal|to die|to kill)",
        r"fall (?:to be|would be|is) fatal", r"stop my heart",
        r"sharpen(?:ing|ed)? (?:a |the |my )?(?:knife|blade|razor)", r"(?:loaded|load|loading) (?:it|the gun|my gun|the rifle|a gun)",
        r"(?:gun|pistol|rifle|revolver|shotgun|handgun)s? (?:is |are )?loaded", r"(?:fusil|arme|pistolet) charge", r"(?:pistola|arma) cargada",
        r"find the right (?:tree|place|spot|bridge|beam)",
        # French
        r"(?:sauter|me jeter|me lancer|me laisser tomber) (?:du|d'un|d'une|de la|de l'|par la|sous le|sous un|devant le|"
        r"devant un|en bas du|en bas d'un) (?:\w+ )?(?:pont|toit|balcon|fenetre|falaise|train|metro|autobus|bus|camion|"
        r"voiture|immeuble|edifice|tour|viaduc|rebord|quai)",
        r"sous (?:le|un) (?:metro|train|camion|autobus)", r"devant (?:le|un) (?:metro|train|camion|autobus)",
        r"(?:faire|fait|prepare) un noeud coulant", r"me noyer", r"foncer dans (?:un mur|un arbre|un camion|le mur)",
        # "toute les pilules de ma mère": Québec phone spelling, a word before the pills, whose they are
        r"(?:tous|toutes?) (?:(?:les|mes) (?:\w+ )?)?" + _MEDS_FR + r"(?: de (?:ma|mon) \w+)?", r"(?:mis de cote|cache|garde)(?:e|es|r)? (?:\w+ ){0,3}?" + _MEDS_FR,
        r"(?:j'ai) (?:un|une|mon|ma) (?:couteau|arme|fusil|lame|rasoir) (?:cachee?|pret|prete|de cote)", r"(?:une boite|un flacon|une bouteille|une plaquette|une poignee) (?:entiere )?de " + _MEDS_FR,
        r"(?:achete|trouve|prepare) (?:ce qu'il faut|une corde|une arme|un fusil|des lames)",
        r"tout ce qu'il y avait dans (?:l'armoire|la pharmacie|le tiroir)",
        # Spanish
        r"(?:tirarme|aventarme|lanzarme|saltar|arrojarme|dejarme caer) (?:de|del|desde|por|a|al|bajo|frente a) "
        r"(?:la |el |un |una |los |las )?(?:\w+ )?(?:puente|edificio|azotea|techo|balcon|ventana|acantilado|metro|"
        r"tren|camion|autobus|vias|carro|coche|cornisa)",
        r"(?:bajo|debajo de|frente a|delante de) (?:el|un) (?:tren|metro|camion|autobus|carro)",
        r"colgarme", r"ahogarme", r"estrellar(?:me)? (?:el|mi) (?:carro|coche)",
        r"(?:todas|todos) (?:mis|las|los) " + _MEDS_ES, r"(?:guarde|junte|acumule|escondi|reuni) (?:\w+ ){0,3}?" + _MEDS_ES,
        r"(?:tengo) (?:un|una|mi) (?:cuchillo|pistola|arma|navaja|cuchilla) (?:guardad[oa]|escondid[oa]|list[oa])", r"(?:un|el) (?:frasco|bote|blister|paquete) (?:entero )?de " + _MEDS_ES,
        r"las pastillas en la mano", r"formas de hacerlo", r"maneras de hacerlo",
    ],
    2: [
        r"guns?", r"handguns?", r"rifles?", r"shotguns?", r"pistols?", r"firearms?", r"revolver", r"bullets?", r"ammo",
        r"ammunition", r"ropes?", r"noose", r"razors?(?: blades?)?", r"blades?", r"box ?cutter", r"scalpel",
        r"sleeping (?:pills|tablets)", r"charcoal", r"(?:dishwasher|laundry|detergent|tide) pods?", r"drain cleaner",
        r"weed killer", r"pesticide", r"button batter(?:y|ies)", r"vials?", r"fentanyl", r"morphine", r"opioids?", r"barbiturates?", r"poison", r"cyanide",
        r"bleach", r"antifreeze", r"rat poison", r"ledge", r"edge of (?:the |a |my )?(?:roof|bridge|building|cliff|balcony|platform)",
        r"train tracks", r"railway", r"railroad", r"the tracks", r"overdose", r"od",
        r"arme(?: a feu)?", r"fusil", r"carabine", r"pistolet", r"munitions", r"balles", r"corde", r"noeud coulant",
        r"lames?", r"rasoirs?", r"somniferes", r"exacto", r"x-acto", r"cutter", r"sacapuntas", r"machete", r"[0-9]+(?:th|st|nd|rd|e|eme|o|vo|mo) "
        r"(?:floor|etage|piso)", r"javel", r"antigel", r"rebord", r"voie ferree", r"rails", r"surdose",
        r"arma", r"pistola", r"escopeta", r"balas", r"cuerda", r"soga", r"navaja", r"cuchillas?", r"hoja de afeitar",
        r"veneno", r"cloro", r"raticida", r"somniferos", r"pastillas para dormir", r"vias del tren", r"sobredosis",
        r"(?:on|at) (?:the )?(?:pont|puente|bridge|roof|toit|azotea|cliffs?)(?: \w+){0,2}",
        r"(?:sur le|en el|en la) (?:pont|puente|toit|azotea|techo)",
    ],
    1: [
        _MEDS_EN, _MEDS_FR, _MEDS_ES, r"knife", r"knives", r"bridge", r"roof", r"rooftop", r"balcony", r"cliffs?", r"train",
        r"overpass", r"viaduc", r"viaduct", r"highway bridge", r"parking garage",
        r"tracks", r"lake", r"river", r"couteau", r"pont", r"toit", r"balcon", r"falaise", r"cuchillo", r"puente",
        r"azotea", r"techo", r"balcon", r"vias", r"tren", r"l'eau",
    ],
}, intent_bonus=1, intent_min_weight=2)

_FAREWELL = _family("farewell", SI, {
    3: [
        r"(?:goodbye|good-bye|farewell|suicide) (?:letters?|notes?|messages?|videos?|texts?)",
        r"(?:letters?|notes?|lettres?|cartas?|mots?|envelopes?|enveloppes?|sobres?|cartes?) (?:for|to|pour|a|para) (?:each|every|chacun|chacune|cada) (?:one )?(?:of |de )?"
        r"(?:my|mes|mis|uno de mis|una de mis)",
        r"(?:letters?|notes?|messages?) (?:\w+ ){0,3}?(?:to be sent|scheduled|for (?:everyone|after|when))",
        r"lettres? d'adieu", r"cartas? de despedida", r"mensajes? de despedida",
        r"make sure my (?:dog|cat|kids|children|pets?|plants) (?:goes|go|gets|get|is|are)",
    ],
    2: [
        r"goodbye", r"good-bye", r"farewell", r"(?:said|saying|say) (?:my )?goodbyes?", r"(?:wrote|written|writing|left|leave) "
        r"(?:a |the |my |some )?(?:last |final )?(?:letters?|notes?|messages?)", r"last (?:letter|message|words|note|post)",
        r"final (?:letter|message|words|note|post|goodbye)", r"(?:my|a) will", r"life insurance", r"beneficiar(?:y|ies)",
        r"(?:gave|give|given|giving|giving|donated) (?:away )?(?:\w+ ){0,2}?(?:my|all my) (?:\w+ )?(?:things|stuff|belongings|"
        r"possessions|cat|dog|pets?|guitar|games|books|clothes|plants|computer|laptop|bike|jewel+ery|car|phone|records|collection|"
        r"savings|money)(?: away)?(?! to (?:charity|goodwill))",
        r"(?:regale|regalando|regalo|done|di|doy|dando|he regalado) (?:\w+ ){0,2}?(?:mi|mis) (?:computadora|compu|ropa|bici|bicicleta|joyas|"
        r"juegos|libros|plantas|gato|perro|carro|coche|celular|dinero|ahorros|guitarra|cosas|pertenencias)",
        r"(?:donne|donner|donnes|distribue) (?:\w+ ){0,2}?(?:mon|ma|mes) (?:ordi|ordinateur|vetements|linge|velo|bijoux|jeux|livres|"
        r"plantes|auto|char|telephone|cellulaire|argent|guitare)",
        r"(?:texted|told|sent|messaged|wrote to|called) (?:\w+ ){0,3}?(?:that )?i lov(?:e|ed) (?:her|him|them|you)(?: so much| very much)?",
        r"(?:gave|give|given|giving) (?:away )?(?:my|all my) (?:\w+ ){0,2}?to (?:my|a) (?:\w+ )?(?:friend|cousin|sister|brother|neighbou?r|mom|"
        r"dad|niece|nephew|roommate)", r"(?:donne|donner|distribue) (?:\w+ ){0,2}?(?:mon|ma|mes) (?:\w+ ){1,3}?a (?:mon|ma|mes) "
        r"(?:\w+ )?(?:ami|amie|soeur|frere|cousin|cousine|voisin|voisine|mere|pere|coloc|chum|blonde|neveu|niece)",
        r"(?:regale|le regale|di|le di) (?:\w+ ){0,2}?(?:mi|mis) (?:\w+ ){1,3}?a (?:mi|mis) (?:\w+ )?(?:amig[oa]|herman[oa]|prim[oa]|vecin[oa]|"
        r"mama|papa|sobrin[oa])",
        r"(?:vide|emptied|vacie|cerre|closed) (?:mon|my|mi|mes|mis) (?:compte|account|cuenta|comptes|accounts|cuentas)(?: bancaires?| de banco)?",
        r"(?:diciendo|dije|le dije|mande|escribi) (?:\w+ ){0,3}?que (?:la|lo|los|las|te) quiero(?: mucho)?",
        r"(?:dit|ecrit|envoye|texte) (?:\w+ ){0,3}?que je (?:l'|les |t')aime(?: fort| beaucoup)?",
        r"(?:set|scheduled|programmed|timed) (?:\w+ ){0,4}?(?:to send|to post|a message|an email|a text|a post)",
        r"(?:programme|planifie) (?:un |le |des )?(?:message|courriel|texto)", r"(?:programe|agende) (?:un |el )?(?:mensaje|correo)",
        r"(?:giving|gave|give) (?:my|the) (?:cat|dog|pets?) to", r"(?:take|taking) care of my (?:cat|dog|kids|children|pets?|plants)",
        r"(?:tell|let) (?:my \w+|her|him|them|everyone|everybody|mom|dad) (?:that )?i (?:am sorry|love)",
        r"(?:i am )?sorry for everything", r"forgive me", r"remember me", r"i love you all", r"thank you for everything",
        r"(?:want|wanted|need) (?:someone|you|her|him|them|my \w+) to have (?:them|it|my \w+) (?:after|when|once)",
        r"(?:gave|giving|give|given) (?:away )?(?:my \w+ |her |him |them |\w+ )(?:my|all my) (?:\w+ )?(?:\w+)(?: and (?:all )?my \w+)?",
        r"(?:thanks|thank you) for (?:listening|being there|always being there|everything)(?: to me)?(?: all (?:these|this) (?:months|years|time))?",
        r"(?:just )?want(?:ed)? (?:to tell someone|someone to know|somebody to know|you to know|one person to know)(?: before)?",
        r"gracias por (?:escucharme|todo|estar ahi)(?: todo este tiempo)?", r"merci (?:de|pour) (?:m'avoir ecoutee?|tout|avoir ete la)",
        r"(?:queria|quiero) que alguien (?:lo )?supiera",
        r"(?:will not|do not|not going to|never) need (?:it|them|this|these|my \w+) (?:anymore|any more|where i am going)",
        r"deleted (?:all )?my (?:social media|accounts|instagram|facebook|profiles?)",
        r"(?:cleaning|cleaned|cleared) out my (?:apartment|room|house|place|desk)", r"so nobody has to deal with",
        r"(?:affairs|things) in order", r"passwords?", r"this is the last (?:thing|time|message|post)", r"(?:his|her|my|their) last (?:stream|video|post|live|message)",
        r"(?:wrote|written|writing|left|leaving|recorded|sent) (?:[\w']+ ){1,3}?(?:a |the |my )?(?:last |final )?(?:letters?|notes?|"
        r"messages?|videos?|voice ?notes?)", r"(?:it|this) (?:is|was) not (?:your|their|his|her|anyone's|anybody's) fault",
        r"cancel+ed (?:all )?(?:of )?my (?:appointments|subscriptions|plans|lease|phone plan|memberships?)",
        r"paid off (?:all )?(?:of )?my (?:debts|loans|bills|credit cards?)", r"made (?:all the |the )?arrangements",
        r"(?:ce n'est|c'est) pas (?:ta|votre|leur|sa) faute", r"no es (?:tu|su) culpa",
        r"annule (?:tous )?mes (?:rendez-vous|abonnements)", r"rembourse (?:toutes )?mes dettes",
        r"cancele (?:todas )?mis (?:citas|suscripciones)", r"pague (?:todas )?mis deudas",
        r"(?:despidiendose|se despidio|se esta despidiendo|despidiendome|me despedi de todos)",
        r"(?:dit|dire|fait|faire) (?:ses|mes) adieux", r"said (?:his|her|their) goodbyes",
        r"(?:prepare|ecrit|redige|laisse)e? (?:une |des |ma |mes |un |sa |ses )?(?:lettres?|mots?|messages?)(?! de motivation)",
        r"(?:dejo|deje|escribio|escribi|dejaron|escribe) (?:una |unas |la |su |sus |mis )?(?:cartas?|notas?)",
        r"(?:diciendo|dice|dijo|saying|says|said|disant|dit) (?:que |qu'|that )?(?:lo siente|she is sorry|he is sorry|they are sorry|"
        r"(?:il|elle) (?:est desolee?|s'excuse)|perdon)", r"(?:a quien|who) (?:le )?(?:dejo|gets|leave|laisse|will get) "
        r"(?:mis cosas|my (?:things|stuff)|mes affaires)", r"(?:remember me|souvenez-vous de moi|recuerdenme)",
        # French
        r"adieu", r"(?:dire|dit|dis) (?:au revoir|adieu) a (?:tout le monde|tous|ma famille|mes)", r"derniere? (?:lettre|message|mot)",
        r"testament", r"assurance[- ]vie", r"(?:donne|donner|donnes|distribue) (?:\w+ ){0,2}?(?:mes affaires|mes choses|mon chat|"
        r"mon chien|mes biens|mes vetements)", r"(?:prenez|prends|prendre) soin (?:de|des) (?:mon |ma |mes )?(?:\w+ )?(?:chats?|chiens?|enfants|plantes|affaires|filles?|fils)",
        r"(?:occupez|occupe)[- ](?:vous|toi) de (?:mon|ma|mes)", r"pardonne[zs]?[- ]moi", r"desolee? pour tout",
        r"(?:dites|dis) a (?:\w+ ){1,3}?que je (?:les|l'|t'|vous)?(?:aime|suis desolee?)", r"je vous aime tous",
        r"merci pour tout", r"souvenez-vous de moi", r"personne n'aura a s'en occuper", r"vide mon (?:appartement|appart|logement)",
        r"mis (?:de l'ordre|de l'ordre) dans mes affaires", r"mes affaires en ordre",
        # Spanish
        r"despedida", r"despedirme", r"me despedi", r"(?:ultima|ultimo) (?:carta|mensaje|nota)", r"testamento",
        r"seguro de vida", r"(?:regale|regalando|regalar|regalo|le regale|di|doy|dando) (?:\w+ ){0,2}?(?:mis cosas|mi perro|"
        r"mi gato|mis pertenencias|mi ropa|mis mascotas)", r"(?:cuiden|cuida|cuide|cuidar) (?:a|de) mi", r"perdonenme", r"perdoname",
        r"(?:lo siento|perdon) por todo", r"(?:diganle|dile|diles) a (?:\w+ ){1,3}?que (?:lo siento|los quiero|la quiero|lo quiero|te quiero)",
        r"los quiero a todos", r"gracias por todo", r"recuerdenme", r"(?:deje|dejando) todo en orden", r"todo en orden",
    ],
    1: [
        r"letters?", r"notes?", r"last time", r"one last", r"for the last time", r"i am sorry", r"(?:do not|please do not) "
        r"(?:be sad|worry about me|blame yourself|cry for me)", r"lettre", r"derniere fois", r"carta", r"ultima vez",
        r"no (?:esten|estes) triste", r"ne (?:soyez|sois) pas triste",
    ],
})

_BURDEN = _family("burden", SI, {
    4: [
        r"(?:kids|children|family|son|daughter|wife|husband|partner|parents|everyone) (?:would|will) be "
        r"(?:\w+ )?(?:safer|better off|happier|better) (?:if i (?:was|were) (?:not|no longer|gone|dead)|without me|once i am gone)",
    ],
    3: [
        r"(?:no quiero|ya no quiero) (?:ser|seguir siendo) (?:una )?(?:carga|estorbo|molestia)",
        r"(?:will not|won't|not going to|never) be (?:anyone's|anybody's|your|their|his|her) (?:problem|burden) (?:anymore|any more|after|much longer|for long|soon)",
        r"(?:better off|safer|happier) with (?:anyone|anybody|someone|somebody) (?:else|but me)", r"mieux avec (?:n'importe qui|quelqu'un d'autre)",
        r"mejor con (?:cualquiera|otra persona|alguien mas)",
        r"(?:do not|no longer) want to be (?:a )?(?:burden|bother|problem) (?:anymore|any more|to anyone|for anyone|to anybody)",
        r"(?:veux|voulais) (?:pus|plus|pas) (?:etre )?(?:un )?(?:fardeau|poids|boulet) pour",
        r"(?:ne )?merite (?:pas|plus) de (?:vivre|exister|etre en vie|etre la)", r"no merezco (?:vivir|existir|estar viv[oa]|estar aqui)",
        r"(?:will not|not going to|never) be (?:a )?(?:nuisance|bother|dead weight) (?:to|for) ",
        r"(?:world|everyone|everybody|they|family|kids) (?:would|will) be (?:better|happier|fine|lighter|relieved) "
        r"(?:off )?without me", r"(?:do not|not) deserve to (?:live|be alive|exist|be here)",
        r"(?:not|no longer|never) (?:going to |gonna )?be (?:a )?(?:problem|burden|bother) (?:for|to) (?:anyone|anybody|you|"
        r"them|everyone)(?: \w+){0,2}? (?:after|much longer|anymore|soon|for long|by)",
        r"nadie (?:me )?(?:va a extranar|extranaria|notaria|se daria cuenta)", r"personne ne (?:me )?(?:regretterait|remarquerait)",
        r"(?:ne )?(?:serai|serais) plus un (?:poids|fardeau|probleme)", r"ya no (?:sere|seria) (?:una )?(?:carga|estorbo|problema)",
        r"(?:will not|not going to|never) be (?:a )?(?:problem|burden|bother) (?:anymore|any more|much longer|for long)",
        r"(?:will not|won't|never|not) (?:have to|need to) worry about me (?:anymore|any more|again|much longer)",
        r"(?:n'aur\w+|n'aur\w+ plus) (?:plus )?a (?:vous|te|s') ?(?:inquieter|occuper) (?:pour|de) moi",
        r"ya no (?:van|vas|tendran|tendras) (?:a tener )?que preocupar(?:se|te) (?:mas )?por mi",
        r"(?:deserve|deserves) (?:someone|something) better than me",
        r"(?:world|place|everyone|everybody|family|they|things) (?:will|would) be (?:a )?better(?: place| off)? (?:once|when|if|without) "
        r"(?:i am|i|me)", r"better place (?:once|when|without|if) (?:i am|i|me)",
        r"(?:would|will) (?:all )?be (?:so )?(?:relieved|free|at peace|freer)", r"seraient (?:tous )?(?:soulages|liberes|mieux|en paix)",
        r"(?:estarian|estaran) (?:todos )?(?:mas |mucho mas )?(?:aliviados|tranquilos|en paz|mejor|libres|felices)",
        r"(?:would|will) (?:honestly |probably |actually |all )?(?:throw a party|celebrate|be glad|be happy|not (?:even )?care|not notice)"
        r" if i", r"sick of being (?:a disappointment|a burden|a failure|alive|me|myself)",
    ],
    2: [
        r"burden", r"nuisance", r"dead weight", r"(?:better|happier|easier) (?:off )?without me", r"un boulet", r"una molestia", r"waste of (?:space|air|oxygen|life)",
        r"(?:no one|nobody|noone) (?:would|will|is going to) (?:even )?(?:miss|notice|care|cry)",
        r"(?:should not|was not meant to) (?:be here|exist|be alive|have been born)", r"everyone hates me",
        r"fardeau", r"un poids (?:pour|a)", r"mieux sans moi", r"de trop", r"carga (?:para|a)", r"estorbo",
        r"mejor sin mi", r"nadie me (?:quiere|necesita|extrana)",
    ],
    1: [
        r"worthless", r"i hate myself", r"useless", r"failure", r"disappointment", r"je me deteste", r"je ne sers a rien",
        r"inutile", r"me odio", r"no sirvo para nada", r"un fracaso",
    ],
})

# Not negatable: its phrasings carry their own negation ("je n'ai plus aucune raison de me lever").
_HOPELESS = _family("hopeless", SI, {
    4: [
        r"(?:no|sin|ningun|aucune?|pas de|plus de|plus aucune?|ne vois (?:pas|plus)|no (?:le )?veo|no (?:le )?encuentro|do not see|"
        r"can not see|no longer see|lost) (?:[\w']+ ){0,2}?(?:sentido|reason|point|raison|sens|razon|motivo) (?:a|de|to|in|of|para|en) "
        r"(?:seguir viviendo|seguir vivo|seguir con vida|vivir|continuer a vivre|vivre|rester en vie|keep living|living|go on living|"
        r"stay alive|staying alive|being alive|be alive|life)",
    ],
    3: [
        r"nothing (?:left )?to live for", r"only way out", r"no (?:other )?way out (?:\w+ ){0,3}?(?:but|except|other than)",
        r"(?:rien|plus rien) (?:pour|a) (?:quoi )?vivre", r"nada por (?:que|lo que) vivir",
        r"(?:il y a )?(?:plus|pus) rien (?:qui me retient|pour me retenir)", r"nothing (?:is )?(?:holding|keeping) me (?:here|back|anymore)",
        r"nada (?:me )?(?:detiene|retiene|ata) (?:aqui|ya)",
        r"(?:ne vois|vois) (?:pas|aucune|plus) d'autre (?:solution|issue)", r"no veo otra salida",
    ],
    2: [
        r"no way out", r"can not go on", r"no more fighting(?: it)?", r"(?:je suis )?(?:plus|pus) capable(?! de (?:manger|dormir|travailler))", r"can not keep (?:going|fighting|doing this|living|trying|pretending)",
        r"can not do this anymore", r"nothing (?:left )?for me (?:here|anymore)", r"no reason to (?:get up|wake up|get out of bed)",
        r"(?:aucune |plus de |pas de |plus aucune )?raisons? de (?:me lever|continuer|me reveiller)",
        r"(?:ninguna |ya no tengo )?razon (?:para|de) (?:levantarme|seguir|despertar)", r"plus rien pour moi (?:ici)?",
        r"nada (?:me queda|para mi) aqui",
        r"no (?:reason|point) (?:to|in) (?:live|living|go on|going on|try|trying|anything|stay)", r"no point anymore",
        r"what is the point", r"(?:tired|sick|exhausted) of (?:living|being alive|existing|fighting|everything|trying|life)",
        r"done with (?:everything|life|it all|all of it|all this|all of this|living|trying)", r"give up on (?:life|everything|myself)", r"giving up on (?:life|everything)",
        r"no future", r"(?:will|is going to) never (?:get|be) better", r"nothing (?:is going to|will ever|will) change",
        r"out of options", r"can not live like this", r"can not (?:see|imagine) (?:a|any|my) future",
        r"(?:do not|can not) see (?:any|the) point", r"stop trying", r"given up", r"no hope", r"the only thing that gives me peace",
        r"sans issue", r"pas d'issue", r"aucune issue", r"plus la force", r"plus aucun espoir", r"sans espoir",
        r"(?:rien|ca) ne (?:va|changera|s'arrangera) (?:jamais|plus)", r"plus d'avenir", r"pas d'avenir", r"aucun avenir",
        r"a quoi bon", r"plus rien a perdre", r"(?:fatiguee?|tannee?|epuisee?) de (?:tout|me battre|lutter|vivre)",
        r"(?:marre|assez) de (?:vivre|tout|la vie)", r"ne (?:vois|trouve) plus (?:l'interet|le sens|de sens)",
        r"plus l'interet de rien", r"(?:je ne|ne) m'en sortirai jamais",
        r"sin salida", r"no hay salida", r"no tiene sentido (?:nada|seguir|vivir)", r"para que seguir",
        r"no hay futuro", r"sin futuro", r"nada va a cambiar", r"nunca va a mejorar", r"cansad[oa] de (?:vivir|todo|luchar|existir)",
        r"hart[oa] de (?:vivir|la vida)", r"ya me rendi", r"no vale la pena (?:vivir|seguir)", r"no quiero seguir",
        r"no le encuentro sentido", r"ya no (?:le )?(?:veo|encuentro) (?:el )?sentido",
    ],
    1: [
        r"hopeless", r"trapped", r"(?:meds|medication|therapy|treatment|pills) (?:are not|is not|are|is) (?:not )?(?:working|helping)",
        r"only thing that makes sense", r"seule chose qui a du sens", r"lo unico que tiene sentido", r"can not take (?:it|this) (?:anymore|any more)", r"i am done(?! with)", r"no light", r"end of my rope",
        r"everything is dark", r"empty", r"numb", r"desespere?e?", r"je n'en peux plus", r"a bout", r"a boutte",
        r"pu capable", r"no puedo mas", r"ya no aguanto mas", r"sin esperanza", r"tirar la toalla", r"vacia", r"vacio",
    ],
}, negatable=False)

_URGENCY = _family("urgency", SI, {
    2: [
        r"after (?:everyone|everybody|they|the kids|my \w+) (?:is |are |goes |go |falls? )?(?:asleep|to bed|to sleep)",
        r"(?:when|once) (?:everyone|everybody|they) (?:is|are) asleep", r"i have (?:made|taken) (?:my|the) decision",
        r"(?:i have|i) (?:made up my mind|decided)", r"my mind is made up", r"i have (?:it|everything) (?:ready|planned|prepared)",
        r"(?:everything|it|all) is (?:ready|set|planned|prepared)", r"i have a plan", r"(?:set|picked|chose) (?:a|the) date",
        r"counting (?:down )?the days", r"calm for the first time",
        r"(?:it is|its|it's|everything is|all is) (?:all )?(?:arranged|sorted out|taken care of|organi[sz]ed)", r"i have made sure of (?:that|it)",
        r"(?:pick|picked|choose|chose|chosen|found|scouted) (?:out )?(?:a|the|my) (?:day|date|spot|place|bridge|building|tree|beam)",
        r"(?:repere|choisi|trouve) (?:un|le|une|la|mon|ma) (?:pont|endroit|spot|place|poutre|arbre|edifice|journee)",
        r"(?:ya se|elegi|escogi|encontre) (?:de que|donde|cual|el lugar|el sitio|la viga|el puente|el arbol|el dia)",
        r"(?:viga|poutre|beam|rafter) (?:\w+ ){0,3}?(?:colgar\w*|pendre|hang\w*)|(?:colgar\w*|me pendre|hang\w*) (?:\w+ ){0,3}?(?:viga|poutre|beam|rafter)",
        r"tonight(?:'s| is) the night", r"(?:c'est|ce sera) a soir", r"es esta noche",
        r"i (?:have )?(?:finally )?(?:made (?:my|the|a) decision|decided)(?! to (?:quit|leave|move|go|take|try|get|start|stop drinking|break))",
        r"(?:ya )?(?:tome|he tomado) (?:la|mi|una) decision", r"(?:weirdly|strangely|oddly|surprisingly) (?:calm|peaceful|at peace)",
        r"for it to be (?:certain|sure|fatal|final|quick|over|enough)", r"pour que ce soit (?:sur|certain|rapide|fini)",
        r"para que sea (?:seguro|rapido|suficiente)",
        r"(?:they|someone|she|he|my \w+) (?:will|is going to|are going to) find (?:them|it|me|the letters?|the notes?) (?:in the morning|tomorrow|when)",
        r"(?:keep|kept) doing the math", r"(?:does not|do not|doesn't|don't|no one|nobody) (?:needs? to|has to) know why",
        r"(?:do not|can not|no longer|don't) trust myself(?: (?:with|around|not to) \w+)?", r"je (?:ne )?me fais (?:plus|pas) confiance",
        r"(?:ya )?no (?:confio|me tengo confianza) (?:en mi)?",
        r"(?:going to|will|gonna|am going to) do it again (?:tonight|today|later|tomorrow)", r"(?:je vais|vais) (?:le |la )?refaire (?:a soir|ce soir)", r"(?:je )?(?:fais|refais) (?:et refais )?le calcul", r"(?:haciendo|hago) (?:la cuenta|cuentas|el calculo)",
        r"j'ai (?:pris ma|pris la) decision", r"c'est decide", r"ma decision est prise", r"tout est (?:pret|prevu|organise)",
        r"j'ai tout (?:prepare|prevu|planifie)", r"compte les jours", r"quand tout le monde (?:dormira|dort|sera couche)",
        r"ya (?:lo )?decidi", r"lo tengo decidido", r"(?:tengo )?todo (?:listo|preparado|planeado)", r"cuento los dias",
        r"cuando todos (?:duerman|esten dormidos)", r"la fecha",
        # rehearsal and being in position
        r"(?:just |been |keep |kept )?(?:holding|staring at|looking at|touching|stroking) (?:it|them|the (?:gun|pills|rope|knife|"
        r"blade|razor|bottle|noose)|my (?:gun|pills|rope))", r"plugged in",
        r"(?:regarde|regarder|fixe) (?:l'eau|le vide|en bas)", r"(?:mirando|viendo) (?:el agua|hacia abajo|el vacio)",
        r"(?:looking|staring|looked|stared) (?:down )?(?:at|into) the (?:water|drop|traffic|tracks)",
        r"(?:do not|no|ne) (?:want to|quiero|veux pas) (?:come down|bajar|descendre)", r"no quiero bajar",
        r"(?:ne veux pas|veux pas) descendre",
        # secrecy
        r"so (?:that )?(?:nobody|no one|noone) (?:would|will|can|could) (?:be around|see|find|know|stop|notice|hear)",
        r"(?:when|while) (?:nobody|no one) is (?:around|home|looking)", r"before (?:anyone|anybody) (?:finds|notices|wakes)",
        r"(?:pour|afin) qu(?:e |')(?:personne|on) ne (?:me )?(?:voie|trouve|sache|m'arrete|remarque)",
        r"quand il n'y (?:a|aura) personne", r"para que nadie (?:me )?(?:vea|encuentre|sepa|detenga|note)",
        r"cuando no (?:haya|hay) nadie",
        # method questions, the when, attachment to the means, sealing a room
        r"how (?:much|many) (?:[\w']+ ){0,3}?(?:would|will|is|does it take|it takes) (?:be )?(?:enough|needed|take|kill|fatal|lethal)",
        r"(?:know|knows|figured out) (?:exactly )?how (?:much|many|to do it|i would do it|i will do it)",
        r"how (?:to|i would|i could|i will) do it", r"comment (?:le faire|faire pour (?:que ce soit|en finir|ne pas))",
        r"como hacerlo", r"(?:decide|decidir|decider|choose|choisir|elegir) (?:when|quand|cuando|the day|le jour|el dia)",
        r"(?:comfort\w*|reassur\w*|calms? me|soothing) (?:\w+ ){0,4}?(?:know|knowing|have|having) (?:it|they|them|the \w+) "
        r"(?:is |are )?(?:there|close|near|nearby|ready)", r"under my pillow",
        r"(?:taped|sealed|blocked|covered) (?:up )?(?:the )?(?:\w+ )?(?:vents?|doors?|windows?|gaps|cracks)",
        r"(?:afraid|scared|terrified|worried) (?:that )?i (?:will|might|could|would) (?:do worse|lose control|do it|snap|hurt (?:her|him|them))",
        r"(?:miedo|temo) (?:de )?(?:hacerlo|lastimarl[oa]|hacerle dano|perder el control)",
        r"peur (?:de )?(?:le faire|lui faire du mal|perdre le controle)",
        r"(?:feels like|looks like|is|have|got) (?:a|the|my) plan", r"the plan (?:is|makes|feels|seems)",
        r"(?:thinking|think|feel|feels like|know|decided) (?:that )?it is time", r"(?:c'est le moment|il est temps)(?! de (?:partir en|aller))",
        r"(?:ya es (?:hora|tiempo)|llego el momento)",
        r"(?:streaming|standing|sitting|live|filming) (?:from|on|at) (?:a|the|his|her|my) (?:rooftop|roof|bridge|ledge|balcony|cliff|tracks)", r"(?:that is|thats|c'est|es) (?:all|everything|tout ce dont|todo lo que) "
        r"(?:i need|j'ai besoin|necesito)", r"(?:choisi|fixe|elegi|escogi|chose|picked|set) (?:la|a|the|una) (?:date|fecha|day|jour|dia)",
        r"been (?:sitting|standing|parked|waiting) (?:\w+ ){0,4}?for (?:\w+ )?(?:hours|an hour|a while)",
        r"cuant[oa]s (?:\w+ )?(?:hacen falta|se necesitan|necesito|harian falta) para", r"combien (?:\w+ )?(?:faut-il|il faut|faudrait) pour",
        # courage to act
        r"(?:need|needs|get|getting|work up|gather|find|have) (?:\w+ ){0,2}?(?:the )?(?:courage|nerve|guts) (?:to do it|to go through)",
        r"(?:necesito|me falta|juntar) (?:\w+ ){0,4}?(?:valor|valentia|coraje)", r"(?:besoin|manque) (?:\w+ ){0,2}?(?:courage)",
    ],
    3: [
        r"(?:do not|please do not|no one can|nobody can|no one will|nobody will) (?:try to )?stop me",
        r"personne ne (?:peut|va) m'arreter", r"nadie me va a detener", r"nadie me (?:puede|podra) detener",
        r"(?:standing|sitting|lying|i am|am|stand|sit|stood|sat) (?:on|in|at|by) (?:the |a |my )?(?:edge of the |edge of a |\w+ )?"
        r"(?:edge|ledge|bridge|roof|rooftop|tracks|railing|bathtub|tub|cliff|cliffs|balcony railing|platform edge|overpass|window|"
        r"riverbank|water's edge|edge of the water)",
        r"(?:estoy|sentad[oa]|parad[oa]) (?:en|a) la orilla (?:del|de la) (?:rio|lago|mar|playa|presa)",
        r"(?:je suis|suis|assise?) au bord (?:du|de la|de l') (?:fleuve|riviere|lac|mer|eau|quai)",
        r"(?:je suis|suis|assise?|debout) (?:sur|su|au bord du|au bord de la) (?:le |la |un |une )?(?:pont|toit|rebord|rails|falaise|"
        r"parapet|garde-fou)", r"(?:estoy|sentad[oa]|parad[oa]) (?:en|sobre|al borde de) (?:el |la |un |una )?(?:puente|azotea|"
        r"techo|cornisa|vias|acantilado|barandal)",
    ],
    1: [
        r"(?:i am going|j'y vais|j'y vas|voy a ir|me voy|i will go) (?:\w+ ){0,2}?(?:friday|saturday|sunday|monday|tuesday|wednesday|"
        r"thursday|tonight|tomorrow|after work|after school|apres (?:ma|la) job|apres le travail|despues del trabajo|vendredi|samedi|"
        r"dimanche|viernes|sabado|domingo|a soir|ce soir|esta noche)",
        r"tonight", r"this weekend", r"tomorrow", r"today", r"soon", r"a soir", r"right now", r"this time", r"it is time",
        r"once and for all", r"before (?:morning|sunrise|dawn)", r"the date", r"every night", r"tous les soirs", r"toutes les nuits",
        r"todas las noches",
        r"looked up", r"googled", r"searched (?:for|up|how)", r"researching", r"research(?:ed)? (?:how|which|what)",
        r"ce soir", r"cette nuit", r"ce week-end", r"ce weekend", r"demain", r"aujourd'hui", r"d'ici la fin",
        r"(?:subway|train|metro|bus) (?:is )?(?:coming|arrives|comes)", r"pour de bon", r"une fois pour toutes",
        r"esta noche", r"este fin de semana", r"manana", r"hoy", r"de una vez", r"para siempre", r"ahora mismo",
    ],
}, negatable=False)

_SELF_HARM = _family("self_harm", SH, {
    3: [
        r"(?:cut|cutting|burn|burning|burned|burnt|slash|slashing|carve|carving|scratch|scratching|scratched|hit|hitting|punch|punching)"
        r"(?: \w+){0,2}? my (?:arms?|wrists?|legs?|thighs?|skin|stomach|hips?|forearms?|body)",
        r"(?:scratch|scratching|pick|picking|bite|biting|claw|clawing)(?: \w+){0,4}? (?:until|till) (?:it|they|i|my skin) (?:bleeds?|bled)",
        r"fresh (?:cuts|scars|wounds)", r"(?:me )?(?:brule|coupe|taillade|scarifie|griffe|gratte)(?:e|es|r)? "
        r"(?:les |mes |le |la )?(?:bras|poignets?|cuisses?|jambes?|peau|ventre)", r"me suis (?:brulee?|coupee?|scarifiee?) "
        r"(?:les |la |le )?(?:bras|poignets?|cuisses?|jambes?|peau|ventre)",
        r"(?:quemando|quemo|queme|corto|corte|cortando|rasguno|rasgunando|rasguñe|lastime)(?:me)? (?:los|las|mis|la|el) "
        r"(?:brazos|munecas|piernas|muslos|piel|panza|antebrazos)", r"hasta sangrar", r"jusqu'au sang",
        r"(?:me suis |m'|me )(?:\w+ )?(?:entaill|coup|taillad|scarifi|brul|griff|lacer|ouvert)\w* (?:les |mes |la |le |l')?"
        r"(?:avant-bras|bras|poignets?|cuisses?|jambes?|ventre|peau|hanches?)",
        r"(?:wrists?|arms?|legs?|thighs?|forearms?) (?:are |is |were |was )?(?:bleeding|cut up|slashed|covered in cuts)",
        r"me (?:estoy|sigo) (?:cortando|quemando|lastimando|golpeando|rasgunando|haciendo dano)",
        r"je me (?:coupe|brule|scarifie|mutile|fais mal|frappe) (?:\w+ )?(?:en ce moment|presentement|maintenant|right now|encore)",
        r"(?:je )?me suis (?:encore )?(?:coupee?|brulee?|scarifiee?|mutilee?|taillade\w*)(?: encore)?"
        r"(?! (?:en (?:cuisinant|coupant|bricolant|me rasant|faisant)|par accident|avec (?:le|un|une|la) (?:couteau|rape|papier|four|poele)))",
        r"i (?:am|just|have just) (?:cut|cutting|burned|burning) (?:myself|my \w+) (?:again|right now|just now|tonight)",
        r"(?:je )?me (?:brule|coupe|scarifie|mutile|taillade)(?:r)? (?:encore )?avec (?:des|une|un|mon|ma|le|la) (?:\w+ )?(?:cigarettes?|lames?|rasoir|"
        r"couteau|briquet|ciseaux|compas|verre)",
        r"(?:burning|cutting|hurting|hitting) myself (?:again |right now |now )?(?:with|on|since|for)",
        r"me (?:quemo|corto|lastimo) (?:otra vez )?con (?:un|una|el|la|los|las|mi) (?:\w+ )?(?:cigarros?|cigarrillos?|encendedor|navaja|cuchilla|"
        r"vidrio|tijeras)", r"me corto en (?:los|las|mis) (?:brazos|piernas|munecas|muslos)",
    ],
    2: [
        r"(?:cut|burn|hurt|punish|scratch|starve|bruise) myself", r"cutting again", r"relapsed?", r"self[- ]?harm\w*",
        r"(?:razor|blade|lighter|iron|cigarette) (?:on|to|against|into) my", r"so no one (?:would|will|can) see",
        r"hide the (?:cuts|scars|marks|burns)", r"long sleeves",
        r"(?:arms?|wrists?|legs?|thighs?|sleeves?) (?:are |is )?(?:covered|hidden) so (?:nobody|no one|noone)", r"para que no se (?:note|vea|den cuenta)",
        r"(?:can not|cannot|(?:je )?(?:suis )?pas capable d'|(?:je )?(?:suis )?pu capable d'|(?:je )?(?:ne )?peux pas|no puedo) ?(?:stop|arreter|parar)(?: it| this)?(?= *(?:[,.!;]|$| and | et | y | pis ))",
        r"(?:deeper|worse) (?:each|every) time", r"(?:cut|cutting|burned|burning) (?:\w+ )?deeper", r"deeper than (?:i )?(?:ever|before)",
        r"can not control it (?:anymore|any more)", r"(?:plus|de plus en plus) profond\w*", r"cada vez (?:mas )?(?:hondo|profundo)",
        r"(?:saigne|saignent) encore", r"(?:still|will not stop|won't stop) bleeding", r"sigue sangrando", r"no (?:para|deja) de sangrar",
        r"me (?:couper|bruler|frapper|faire mal|griffer)", r"briquet", r"cicatrices", r"rechute",
        r"(?:cortarme|quemarme|golpearme|lastimarme|castigarme)", r"encendedor", r"me corto", r"recai",
    ],
    1: [
        r"cutting", r"cuts", r"scars", r"blood", r"bleeding", r"bleed", r"sang", r"saigne", r"sangre", r"sangrando", r"cortes",
        r"ne plus rien sentir", r"to feel something", r"sentir algo", r"on purpose", r"expres", r"a proposito",
    ],
})

_MEDICAL = _family("medical", ME, {
    4: [
        r"(?:took|taken|swallowed|downed|popped|ate|drank) (?:\w+ ){0,3}?(?:whole|entire|all (?:of )?(?:my|the)) (?:\w+ ){0,2}?"
        r"(?:bottle|box|pack|packet|prescription|blister|supply|strip)",
        r"(?:took|taken|swallowed|downed|popped) (?:like |about |around |maybe )?(?:\d{2,}|a bunch|a handful|too many|twenty|"
        r"thirty|forty|fifty|dozens)", r"(?:throwing|throw|threw) up blood", r"vomiting blood", r"poison control",
        r"(?:pris|avale) (?:une |la )?(?:quarantaine|trentaine|vingtaine|cinquantaine|dizaine|douzaine|boite|poignee)",
        r"(?:avaler|prendre|pris|avale) (?:toute? |tous |toutes )?(?:ma|la|une|mon|le|mes|les) (?:boite|bouteille|flacon|plaquette|pot)",
        r"(?:tome|trague|me tome|me trague|me he tomado) (?:\w+ ){0,2}?(?:todo el|toda la|todas las|todos los|un punado|"
        r"\d{2,}|muchas|demasiadas)",
    ],
    3: [
        r"(?:after|from) (?:the |all the |all those )?" + _MEDS_EN + r" i (?:took|swallowed)", r"overdosed?",
        r"(?:can not|hard to|trouble|struggling to) breathe?(?:ing)?(?: properly)?", r"(?:lips|hands|fingers) (?:are )?(?:going|turning) (?:numb|blue)",
        r"(?:not|have not|did not) (?:eaten|drunk|had anything)(?: or drunk| or drank| anything)? (?:in|for) (?:\w+ )?(?:days|weeks)",
        r"stopped (?:eating|drinking)(?: and (?:eating|drinking))? (?:\w+ )?(?:days|weeks)", r"(?:a lot of|so much|lots of) blood",
        r"(?:will not|does not|can not|would not|did not) stop bleeding", r"(?:stopped|stop) taking my (?:insulin|heart|blood pressure)",
        r"(?:will not|can not|does not|is not) (?:wake|waking) up", r"unresponsive", r"ne se reveille (?:pas|plus)", r"inconsciente?",
        r"no (?:se )?despierta", r"no reacciona",
        r"(?:pris|avale) (?:tous|toutes) (?:les|mes)", r"du mal a respirer", r"(?:peux|arrive) (?:pas|plus) (?:a )?respirer",
        r"beaucoup de sang", r"pas mange depuis", r"surdose", r"(?:ca )?(?:n')?arrete pas de saigner", r"(?:ca|je|il|elle) saigne (?:beaucoup|trop|encore beaucoup)",
        r"bleeding (?:a lot|so much|heavily|badly)", r"sangra (?:mucho|demasiado)",
        r"no puedo respirar", r"mucha sangre", r"no he comido (?:en|desde)", r"sin comer (?:\w+ )?dias", r"sobredosis",
    ],
    2: [
        r"(?:have not|had not|not|did not) slept (?:in|for) (?:\w+ )?(?:days|nights)", r"(?:hearing|hear|heard) voices",
        r"(?:see|seeing|saw) (?:shadows|things|people) (?:talking|that are not|moving)", r"shadows talking",
        r"stopped taking my (?:lithium|meds|medication|medications|medicine|antipsychotics?|pills|seroquel|abilify)",
        r"heart (?:is )?(?:pounding|racing)", r"pounding out of my chest", r"throwing up", r"vomiting",
        r"(?:vois|voit) flou", r"vision (?:floue|borrosa|is blurry)", r"veo borroso", r"blurry",
        r"pass out", r"passing out", r"passed out",
        r"can not feel my (?:legs|arms|hands|feet|face|body)", r"(?:je )?ne sens plus (?:mes|ma|mon)", r"no siento (?:las|los|mis|la|el)",
        r"(?:me arde|me quema|me duele mucho) (?:el estomago|la garganta|el pecho)", r"(?:ca brule|ca me brule) (?:dans )?(?:l'estomac|la gorge)",
        r"burning (?:in )?(?:my )?(?:stomach|throat|chest)",
        r"(?:stopped|arrete de|deje de) (?:eating|manger|comer)(?: \w+)? (?:on purpose|volontairement|a proposito|expres)", r"faint(?:ed|ing)?", r"unconscious", r"seizure", r"chest (?:pain|hurts)",
        r"ambulance", r"emergency room", r"very dizzy", r"m'evanouir", r"perdre connaissance",
        r"desmayar(?:me)?", r"desmayo", r"muy maread[oa]", r"mal au ventre",
    ],
})

# Weak bodily signs: they count only next to ingestion, means or a medical cue ("dizzy" alone is not an emergency).
_SYMPTOM = _family("symptom", ME, {
    1: [r"dizzy", r"etourdie?", r"maread[oa]", r"vomit\w*", r"numb", r"nausee\w*", r"nauseous", r"nauseas?", r"nausea", r"je me sens bizarre", r"me siento rar[oa]", r"shaking",
        r"(?:ma|la) tete (?:me )?tourne", r"me da vueltas la cabeza", r"(?:the )?room is spinning", r"(?:avec|with|con) (?:du|de l'|de la)? ?"
        r"(?:vin|alcool|biere|vodka|wine|alcohol|beer|vino|whisky|tequila)"],
})

_VIOLENCE = _family("violence", HO, {
    4: [
        r"(?:bring|bringing|take|taking|brought|carry|carrying) (?:a|my|his|her|the|\w+'s|my \w+'s) (?:gun|rifle|pistol|knife|weapon|shotgun)s? "
        r"(?:to|into) (?:school|work|the office|class|the party|church|the mall|campus)",
        r"(?:amener|apporter|emmener) (?:le|mon|un|son) (?:fusil|gun|couteau|arme) (?:a|au) (?:l'ecole|la job|job|travail|bureau|cegep)",
        r"(?:llevar|llevo|voy a llevar) (?:la|mi|una|el) (?:pistola|arma|cuchillo) (?:a|al) (?:la escuela|el trabajo|trabajo|la oficina|colegio)",
        r"(?:voices?|they|he|she|god|something) (?:\w+ ){0,2}?(?:tell|telling|told|tells|commanding|command|order|ordering)"
        r" me (?:to |that )?(?:\w+ ){0,4}?(?:hurt|kill|stab|stop|attack|punish|harm|poison)\w*",
        r"les voix (?:\w+ ){0,2}?(?:me disent|me dit|m'ordonnent)", r"las voces (?:\w+ ){0,2}?(?:me dicen|me piden|me ordenan)",
        r"(?:kill|hit) list",
        r"(?:shook|shake|shaking|shaken) (?:the|my|our) (?:baby|infant|newborn|son|daughter)",
        r"(?:urge|urges|want|wanted|wanting|tempted|feel like|thoughts of|thinking of|ganas de|envie de|tentation de|tentad[oa] de) "
        r"(?:to )?(?:hit|hurt|shake|smother|slap|punch|strangle|drown|choke|golpear|pegarle|pegar|lastimar|sacudir|asfixiar|ahogar|"
        r"frapper|secouer|etouffer|gifler|faire mal a) (?:a )?(?:my|the|our|mi|mis|mon|ma|mes|le|la|al|a la) "
        r"(?:baby|infant|newborn|son|daughter|kid|kids|child|children|toddler|bebe|hijo|hija|hijos|nino|nina|enfant|enfants|fils|fille|"
        r"petit|petite)",
    ],
    3: [
        r"make (?:them|him|her|everyone|everybody|you|those \w+|my \w+) (?:all )?(?:pay|suffer|bleed|regret|sorry)",
        r"(?:hacer|les voy a hacer|los voy a hacer|le voy a hacer) pagar", r"(?:want|wants) (?:\w+ ){0,5}?to (?:pay|suffer)",
        r"(?:they|he|she) (?:will|are going to|is going to) (?:all )?(?:pay|be sorry|regret it)",
        r"(?:faire payer|faire souffrir)", r"(?:vont|va) (?:le )?payer", r"que (?:[\w']+ ){0,6}?(?:paguen|pague|sufran|sufra)\b",
        r"(?:veux|voudrais) qu(?:e |')(?:[\w']+ ){0,6}?(?:paie|paye|paient|souffre|souffrent)",
        r"(?:hacerlos|hacerle|hacerla) (?:pagar|sufrir)", r"(?:van|va) a pagar",
    ],
    2: [
        r"(?:i will|i would|gonna|going to|afraid i will|afraid i might) do (?:something )?worse",
        r"(?:they|you|he|she|everyone) (?:will|are going to|is going to) (?:all )?(?:see|regret it|be sorry|learn)",
        r"(?:ils|elles|tout le monde) (?:vont|va) (?:voir|le regretter)", r"(?:van|va) a ver", r"bull(?:ying|ied) me",
        r"revenge", r"get back at", r"payback", r"(?:a )?list of (?:names|people|targets)",
        r"(?:videos?|footage|clips|articles) (?:of|about) (?:school |mass )?(?:shootings|shooters|massacres)",
        r"(?:watching|obsessed with|researching|reading about) (?:\w+ ){0,2}?(?:shootings|shooters|massacres|columbine)", r"poisoning me", r"stop them", r"i know where (?:he|she|they|my \w+) "
        r"(?:lives|keeps|works)", r"(?:sais|connais) ou (?:il|elle) (?:habite|vit|travaille|garde)",
        r"(?:know|knows) (?:which door|when|what time|where) (?:he|she|they) (?:uses|leaves|parks|gets off|comes out|goes)",
        r"(?:he|she|they) (?:deserves?|deserve) (?:to (?:feel|suffer|pay|hurt|die)|what is coming)",
        r"(?:rifle|gun|knife|pistol|shotgun|carabine|fusil|pistola|escopeta) (?:is |est |esta )?(?:in|dans|en) (?:the|my|le|la|mon|ma|el|mi) "
        r"(?:trunk|car|bag|backpack|coffre|auto|char|sac|cajuela|carro|mochila)",
        r"se venger", r"me venger", r"vengeance", r"venganza", r"vengarme", r"se van a arrepentir", r"se en donde vive",
        r"je (?:vais |m'en vais )?(?:le|la|les) (?:tue|tuer|descendre|buter)", r"(?:lo|la|los) voy a matar", r"(?:lo|la) mato",
        r"(?:sorti|pris|prepare|aiguise|charge) (?:la|le|mon|ma|un|une) (?:hache|couteau|fusil|carabine|gun|arme|batte|machette)",
        r"(?:got out|grabbed|took out|sharpened|loaded|got) (?:the|my|a|dad's|his) (?:axe|knife|gun|rifle|bat|machete|hammer|shotgun)",
        r"(?:saque|agarre|tengo lista|tengo listo|afile) (?:la|el|mi) (?:hacha|cuchillo|pistola|machete|arma|escopeta)",
        r"(?:j'attends|i am waiting|estoy esperando) (?:qu'il|qu'elle|for (?:him|her) to|a que) (?:rentre|revienne|arrive|come|get|llegue|vuelva)",
        r"se donde vive",
    ],
}, directed="fixed")

_THIRD_SUBJECT = (
    r"(?:he|she|they|my (?:\w+ )?(?:husband|boyfriend|bf|partner|wife|girlfriend|gf|fiance|dad|father|stepdad|"
    r"stepfather|mom|mother|stepmom|stepmother|brother|sister|uncle|aunt|grandpa|grandfather|cousin|parents?|"
    r"roommate|ex|son|daughter|boss|coach|teacher|caregiver|guardian)(?:'s boyfriend|'s girlfriend| is boyfriend)?|"
    r"il|elle|ils|mon (?:mari|conjoint|chum|copain|pere|beau-pere|frere|oncle|ex|fils|patron|partenaire|amoureux|coloc)|"
    r"ma (?:femme|conjointe|blonde|copine|mere|belle-mere|soeur|tante|partenaire|coloc)|mes parents|"
    r"mi (?:esposo|marido|novio|novia|pareja|papa|padre|padrastro|mama|madre|madrastra|ex|exesposo|hermano|tio|jefe))"
)
_ABUSE = _family("abuse", AB, {
    4: [
        _THIRD_SUBJECT + r" (?:\w+ ){0,2}?(?:said|says|swore|threatened|threatens|told me)(?: that)? (?:he|she|they) (?:would|will|is going to|"
        r"are going to) (?:\w+ )?(?:kill|drown|shoot|stab|strangle|hurt|finish)(?! me (?:if|when) i (?:am|get|forget|fail|miss|break))",
        r"(?:he|she|they) (?:will|would|is going to) finish (?:it|the job|me)", r"next time (?:he|she|they) (?:will|would)",
        r"(?:agarrad[oa]|tomad[oa]) (?:del|por el) cuello", r"(?:por|from) (?:the )?neck",
        r"(?:hands?|arms?|rope|belt|cord) (?:around|round|on) my (?:neck|throat)", r"(?:until|till) i (?:blacked|passed) out",
        r"(?:mains?|bras) autour de mon cou", r"(?:manos?|brazo) (?:en|alrededor de) (?:el|mi) cuello",
        r"(?:touches|touched|molests|molested|abuses|abused|rapes|raped|is touching) (?:my|our) (?:little |younger |baby |\d+ year old )?"
        r"(?:sister|brother|daughter|son|kids?|children|niece|nephew)",
        r"(?:touche|agresse|viole|abuse de) (?:ma|mon|mes) (?:petite |petit )?(?:soeur|frere|fille|fils|enfants|niece|neveu)",
        r"(?:toca|tocaba|abusa|abusaba|viola|violo) a (?:mi|mis) (?:hermanita|hermanito|hermana|hermano|hija|hijo|hijos|sobrina|sobrino)",
        r"(?:esta|sigue|estaba) (?:tocando|abusando de|manoseando) a (?:mi|mis)", r"(?:est en train de|continue de|continue a) (?:toucher|abuser de) (?:ma|mon|mes)",
        r"(?:keeps|has been|is) (?:touching|molesting|abusing) (?:me|my)",
        r"(?:threaten\w*|menac\w*|amenaz\w*) (?:me |m'|moi )?(?:with|avec|con) (?:a |an |his |her |un |une |son |sa |una |su )?"
        r"(?:knife|gun|pistol|weapon|machete|bat|hammer|couteau|arme|fusil|machette|batte|marteau|cuchillo|pistola|arma|navaja|bate|martillo)",
        r"(?:pinned|pins|pinning|holding|held|choking|strangling|grabbed) (?:me|my (?:mom|mother|sister|brother)) (?:down |to the floor|against)",
        r"(?:is|are) (?:hurting|hitting|beating|choking) (?:my|our) (?:kid|kids|son|daughter|baby|child|children|mom|mother)",
        r"(?:bruises|marks) (?:again|on (?:him|her|my \w+))(?: \w+){0,6}? (?:alone with|right now|with (?:him|her))",
        _THIRD_SUBJECT + r" (?:\w+ ){0,2}?(?:me|m'|nous) ?(?:brule|brulent|pousse|poussee|enferme|enfermee|etrangle|attache|"
        r"menace)", _THIRD_SUBJECT + r" (?:\w+ ){0,2}?(?:me|nos) (?:quema|quemo|empuja|encierra|encerro|amarra|ahorca|amenaza)",
        r"(?:que )?si (?:grito|hablo|digo|llamo|me voy) me mata", r"si (?:je crie|je parle|j'appelle|je pars) (?:il|elle) me tue",
        r"(?:gritando|grita|dice|dijo|amenaza|jura|juro) que (?:\w+ ){0,3}?me va a (?:matar|pegar|golpear)",
        r"menace de (?:recommencer|me tuer|me frapper|me faire du mal)", r"(?:banging|pounding) on (?:my|the) door",
        r"(?:dice|dijo|amenaza|amenazo|jura|juro|grita) que (?:[\w',]+ ){0,12}?(?:me mata|me matara|me va a matar|me mataria)",
        r"(?:dit|a dit|menace|jure|crie) qu(?:e |')(?:[\w',]+ ){0,12}?(?:me tue|me tuera|va me tuer|me tuerait)",
        r"(?:says|said|swears|swore|texting me|texted me|threatens|threatened|told me) (?:that )?(?:[\w',]+ ){0,12}?"
        r"(?:he|she|they) (?:will|would|is going to|are going to) (?:kill|hurt|shoot|stab|get) me",
        r"i (?:will|would) pay for (?:leaving|this|what i did|it)", r"(?:pay|payer|pagar|pagaras) (?:for|pour|por) "
        r"(?:leaving|l'avoir quitte|dejarlo|dejarla|haberlo dejado)",
        r"(?:he|she|they) (?:would|will|is going to) (?:drown|kill|shoot|stab|hurt) (?:our|my|the) (?:kids|children|baby|son|daughter)",
    ],
    3: [
        _THIRD_SUBJECT + r" (?:\w+ ){0,2}?(?:hits|beats|chokes|strangles|burns|kicks|slaps|punches|pushes|shoves|drags|bites|"
        r"rapes|locks|pins|throws things at|spits on|threatens) (?:me|us|my \w+)",
        r"(?:hit|beat|choked|strangled|burned|kicked|slapped|punched|pushed|shoved|dragged|raped|pinned) me",
        r"(?:i am |je suis |estoy )?(?:hiding|cachee?|escondid[oa]) (?:under|in|sous|dans|debajo de|en) (?:my|the|mon|ma|le|la|mi|el) "
        r"(?:bed|closet|bathroom|lit|garde-robe|placard|salle de bain|cama|closet|bano|ropero)",
        r"(?:has been|is|keeps|kept|started|been|is still|are|have been) (?:hitting|beating|punching|kicking|choking|slapping|strangling|"
        r"hurting) (?:me|us|her|him|my \w+)",
        r"(?:getting|being) (?:hit|beaten|slapped|punched|kicked|choked)(?! (?:by|with) (?:a|the) (?:car|ball|bus|truck|wave|puck))",
        r"(?:le|me|nos|les|la|lo) (?:esta|estan|sigue|siguen) (?:pegando|golpeando|ahorcando|pateando|lastimando|madreando)",
        r"(?:pegandole|golpeandole|golpeandola|golpeandolo|pegandome|golpeandome) a",
        r"con (?:un|el|una|la|su) (?:cinturon|palo|cuchillo|bate|cable|chancla|martillo)",
        _THIRD_SUBJECT + r" (?:\w+ ){0,2}?(?:me|m'|nous|la|le|les) ?(?:frappe|frappent|bat|battent|cogne|fesse|etrangle)",
        r"(?:vient|viennent) de (?:me|m'|la|le|nous) ?(?:frapper|battre|pousser|etrangler)",
        r"(?:est en train de|est entrain de) (?:frapper|battre|etrangler)",
        r"(?:locked|locks|lock) (?:me|us) (?:in|out|up)", r"(?:with a (?:bat|knife|gun|hammer|belt))", r"yelling (?:that )?(?:he|she) is going to",
        r"going to get me", r"(?:m'a|m'ont) (?:poussee?|frappee?|battue?|etranglee?|brulee?)", r"me (?:encerro|empujo|golpeo|quemo)",
        r"(?:il|elle|ils) (?:va|vont) me tuer", r"(?:m'a|m'ont) (?:encore )?enfermee?",
        r"(?:burn|set fire to|torch) (?:down )?(?:the|our|my) (?:house|apartment|home|place) (?:down )?(?:with|while) (?:me|us|the kids|"
        r"my kids|everyone)", r"(?:bruler|mettre le feu a) (?:la|notre) (?:maison|appart) avec (?:moi|nous|les enfants)",
        r"quemar (?:la|nuestra) casa con (?:nosotros|los ninos|mis hijos|migo|conmigo)",
        r"(?:said|says|threatened|swore|told me) (?:that )?if i (?:call|leave|tell|go to|report)\w*",
        r"(?:dit|menace|a dit|jure) (?:que )?si (?:j'appelle|je pars|je le dis|je parle|je le quitte)",
        r"(?:dice|dijo|amenazo|jura) que si (?:llamo|lo dejo|me voy|digo|hablo|denuncio)",
        r"(?:next time|la prochaine fois|la proxima vez) (?:it will be|it is going to be|ce sera|sera|va a ser) (?:worse|pire|peor)",
    ],
    2: [r"bruises", r"ecchymoses", r"bleus", r"moretones", r"threaten\w*", r"menace\w*", r"amenaz\w*",
        r"miedo (?:de )?que (?:la|lo|me|nos|los) (?:mate|lastime)", r"peur qu(?:'il|'elle) (?:la|le|me|nous|les) tue",
        r"(?:afraid|scared|terrified) (?:that )?(?:he|she) (?:will|is going to|might) kill (?:her|him|me|us)",
        r"not to tell (?:anyone|anybody|mom|my mom|dad)", r"no (?:le )?(?:digas|dijera) (?:a|nada a) nadie", r"ne (?:le )?dis (?:rien )?a personne",
        r"de ne rien dire"],
}, negatable=False, directed="fixed")

_DANGER_NOW = _family("danger_now", AB, {
    2: [
        r"outside (?:my|the) (?:house|door|apartment|window|work|building)", r"at my door", r"parked (?:outside|across|in front)",
        r"(?:if|si) (?:i leave|i left|lo dejo|la dejo|je le quitte|je la quitte|je pars)",
        r"(?:comes|coming|gets|vuelve|regresa|rentre|revient|llega) (?:back |home |a casa )?(?:at|a las|a|vers) (?:\d+|six|seven|eight|nine|ten|"
        r"five|midnight|minuit|medianoche)", r"(?:hoy|ce soir|tonight|today|aujourd'hui) (?:vuelve|regresa|rentre|revient|comes back|llega)",
        r"vuelve del trabajo", r"(?:rentre|revient) du travail", r"(?:is|are) (?:here|home) (?:now|right now)",
        r"alone with (?:him|her|them)", r"(?:coming|comes|on (?:his|her) way) (?:home|back|here)", r"in the next room",
        r"afuera de mi (?:casa|puerta|trabajo)", r"(?:ya viene|esta aqui|viene para aca)", r"devant (?:chez moi|ma porte)",
        r"(?:il|elle) (?:rentre|arrive) (?:bientot|ce soir)",
        r"(?:somebody|someone|quelqu'un|alguien) (?:is )?(?:trying|essaie|essaye|esta tratando de|intenta) (?:the door|to open the door|"
        r"to get in|d'ouvrir la porte|d'entrer|de abrir la puerta|de entrar)", r"trying the (?:door ?handle|doorknob|door)",
        r"(?:banging|pounding|kicking) (?:on|at) (?:the|my) (?:door|window)",
    ],
    1: [r"right now", r"drunk", r"screaming", r"yelling", r"ahora mismo", r"gritando", r"borracho", r"en ce moment", r"saoul",
        r"ahorita", r"en este momento", r"(?:through|behind) the wall", r"grita", r"crie", r"sangrando", r"saigne", r"bleeding",
        r"(?:opened|opening|on) (?:his|her|their) (?:\w+ )?(?:bottle|beer|drink)", r"(?:drinking|boit|esta tomando|esta bebiendo) "
        r"(?:again|encore|otra vez)", r"(?:says|said|dit|dice) (?:that )?(?:i am|je suis|que soy|que yo soy) (?:next|le prochain|la prochaine|el siguiente|la siguiente)",
        r"i am next", r"tantot",
        r"(?:did not|never|has not) come (?:home|back) (?:since|last night|yesterday)", r"(?:est|n'est) pas (?:rentree?|revenue?) depuis",
        r"no ha (?:vuelto|regresado|llegado) desde"],
}, negatable=False, directed="fixed")

_UNREACHABLE = _family("unreachable", SI, {
    2: [
        r"locked (?:himself|herself|themselves|themself|myself) (?:in|inside)", r"(?:is|are) not (?:answering|picking up|responding)",
        r"(?:will not|does not|did not|do not) (?:answer|pick up|respond)", r"not answering", r"not picking up",
        r"(?:turned|switched) off (?:his|her|their|my) (?:phone|location)", r"(?:ne |n')?(?:repond|decroche) (?:plus|pas|pu)\b",
        r"s'est enfermee? (?:dans|a)", r"no (?:contesta|responde|me contesta)", r"apago (?:su|el) (?:telefono|celular)",
        r"se encerro en", r"(?:phone|cell|telefono|celular|portable|cellulaire) (?:is |esta |est )?(?:off|apagado|eteint|muerto)",
        r"(?:telefono|celular) apagado", r"no (?:one|body) can reach (?:him|her|them)",
        r"not (?:replying|responding|texting back|answering)", r"(?:do not|don't|no|ne) (?:\w+ )?(?:know|sait|sabemos|sabe|savons) (?:pas )?"
        r"(?:where|ou|donde) (?:she|he|they|il|elle|esta|est)", r"(?:is|went|has gone|has been) missing", r"a disparu", r"desaparecio",
        r"est introuvable",
    ],
})

_INGEST = _family("ingest", ME, {
    2: [r"swallowed", r"snorted", r"injected", r"shot up", r"avale", r"sniffe", r"injecte", r"trague", r"me trague", r"esnife",
        r"me inyecte", r"ingeri"],
    1: [r"took", r"taken", r"take", r"taking", r"downed", r"drank", r"popped", r"ate", r"pris", r"prendre", r"bu", r"tome",
        r"me tome", r"tomar", r"bebi", r"me bebi"],
})

_QUANTITY = _family("quantity", ME, {
    2: [r"(?:way |much )?more than (?:usual|prescribed|normal|i should)", r"(?:too|way too|so) (?:much|many)", r"the whole",
        r"an entire", r"(?:a|the) (?:whole |entire |full )?(?:pack|packet|bottle|box|blister|strip|jar)(?: of)?", r"a handful",
        r"a bunch", r"(?:toute|tout) (?:la|le) (?:boite|flacon|plaquette|bouteille|tube)", r"trop de", r"une poignee",
        r"(?:todo|toda) (?:el|la) (?:frasco|caja|blister|bote|botella)", r"demasiad[oa]s", r"un punado", r"mas de lo normal",
        r"no se cuant[oa]s", r"(?:je ne sais|sais) pas combien", r"(?:i do not know|not sure) how many",
        r"everything (?:i had|i have|i got|i could find)(?: left)?", r"(?:toute|tout) (?:son|sa|mon|ma|le|la) (?:pot|flacon|boite|plaquette|bouteille|tube)",
        r"todo lo que (?:tenia|tengo|encontre)",
        r"(?:been )?saving (?:them|these|those|it|pills|up)(?: up)?", r"(?:have|got) enough (?:saved|stored|stashed|put aside|hidden)(?: up)?",
        r"(?:mis|garde|gardees?) de cote", r"(?:he estado )?(?:guardando|juntando)(?:las|los)?",
        r"(?:deux|trois|quatre|cinq|two|three|four|five|dos|tres|cuatro|cinco|[0-9]+) (?:plaquettes|boites|flacons|bottles|packs|boxes|"
        r"blisters|cajas|frascos|tiras)", r"(?:high|tall|far|deep) enough", r"assez (?:haut|haute)", r"(?:suficientemente )?(?:alto|alta) para"],
    1: [r"all (?:my|of my|the|of the)", r"enough", r"cuant[oa]s", r"combien", r"how many", r"how much", r"todas",
        r"tous", r"toutes", r"[0-9][0-9]+", r"dozens", r"a lot of", r"muchas", r"beaucoup de"],
}, negatable=False)

_FOREIGN = _family("foreign", "unreadable_language", {
    4: [
        r"(?:voglio|vorrei) (?:\w+ )?(?:morire|sparire|farla finita|uccidermi|ammazzarmi)", r"farla finita", r"uccidermi",
        r"ammazzarmi", r"togliermi la vita", r"(?:quero|queria) (?:\w+ )?(?:morrer|sumir|me matar)", r"me matar", r"matar-me",
        r"tirar a minha vida", r"(?:nao|nunca) (?:\w+ )?(?:quero|queria) (?:\w+ )?(?:acordar|viver)", r"umbringen", r"sterben",
        r"nicht mehr leben", r"schlaftabletten", r"zelfmoord", r"dood (?:gaan|zijn)", r"umrzec", r"zabic sie",
        r"(?:mwen )?(?:vle|ta renmen) mouri", r"pa vle viv", r"touye tet mwen", r"vull morir", r"ölmek", r"olmek istiyorum",
        r"intihar", r"muon chet", r"tu tu", r"samoubij\w*", r"samobojstw\w*",
    ],
}, negatable=False)

CUE_FAMILIES: tuple[CueFamily, ...] = (
    _ENDING, _MEANS, _FAREWELL, _BURDEN, _HOPELESS, _URGENCY, _SELF_HARM, _MEDICAL, _VIOLENCE, _ABUSE, _DANGER_NOW,
    _UNREACHABLE, _INGEST, _QUANTITY, _SYMPTOM, _FOREIGN,
)

# ---------------------------------------------------------------------------------------
# Context
# ---------------------------------------------------------------------------------------
# An intent, wish or rumination frame that ends just before a cue ("i just want to | disappear").
INTENT_TAIL: re.Pattern[str] = re.compile(
    r"\b(?:want|wants|wanted|wanna|wish|wished|hope|hoping|ready|plan|plans|planning|planned|decided|going to|about to|"
    r"intend|intends|tempted|urge|urges|thinking about|think about|thought about|thoughts of|thinking of|dream about|"
    r"dreaming about|dreaming of|fantasi[sz]e|fantasi[sz]ing|imagine|imagining|considering|contemplating|should just|"
    r"could just|would rather|rather|need to|how to|how do i|how can i|how would i|way to|ways to|searched|looked up|"
    r"keep|kept|just|veux|veut|voulais|voudrais|vais|envie de|le gout de|gout de|pense a|pensais a|penser a|songe a|pret a|"
    r"prete a|decide de|besoin de|aimerais|reve de|l'idee de|comment|juste|quiero|quiere|queria|quisiera|voy a|ganas de|"
    r"pienso en|pensando en|hablando de|habla de|listo para|lista para|decidi|necesito|tentad[oa]|como|imagino|sueno con|"
    r"la idea de|podria|prefiero|solo)\b(?: [\w']+){0,3}? ?$"
)

# Fiction, news and teaching: cues in such a sentence are about a story, not the writer.
FICTION_MARKERS: re.Pattern[str] = re.compile(
    r"\b(?:movie|film|novel|book|episode|character|characters|documentary|podcast|lyrics|netflix|anime|manga|finale|"
    r"villain|plot|the news|news|article|headline|video game|tv show|the show|a show|series|story about|play about|"
    r"(?:this|the|that|a) game|elden ring|boss fight|respawn\w*|ranked|fortnite|minecraft|raid|teammates|headshot\w*|lobby|"
    r"patients?|my shift|on shift|the icu|the er|lyrics|letra de|la letra|paroles de|"
    r"analy[sz]\w*|analizando|analizar|en clase|in class|for class|en classe|pour le cours|"
    r"thriller|screenplay|script|short story|writing a (?:book|novel|story|script|play)|the detective|the protagonist|"
    r"roman|livre|personnage|heroine|documentaire|balado|serie|chanson|les nouvelles|jeu video|"
    r"pelicula|novela|libro|personaje|documental|noticia|noticias|articulo|videojuego|cancion|telenovela)\b"
)

# Moving, travelling, retiring: goodbyes and giving things away are ordinary there.
DEPARTURE_MARKERS: re.Pattern[str] = re.compile(
    r"\b(?:moving|move to|moved to|relocat\w*|new job|new city|retir\w*|vacation|holiday|trip|travel\w*|graduat\w*|"
    r"demenag\w*|vacances|voyage\w*|nouvel emploi|retraite|mudanza|me mudo|mudarme|nos mudamos|viaje|vacaciones|jubil\w*|"
    r"nuevo trabajo)\b"
)

# Leisure: a place or an outing in such a sentence is not a method ("we drove to the cliffs for sunset").
LEISURE_MARKERS: re.Pattern[str] = re.compile(
    r"\b(?:sunset|sunrise|fireworks|the view|picnic|hike|hiking|barbecue|bbq|fishing|take photos|taking photos|with (?:my )?friends|"
    r"hunting|hunt|deer|moose|la chasse|chasse|caceria|de caza|peche|la pesca|"
    r"rooftop (?:bar|terrace|patio|party|pool|garden|restaurant|lounge)|bungee|loved it|felt calm|"
    r"coucher de soleil|lever du soleil|feux d'artifice|pique-nique|randonnee|avec (?:mes |des )?amis|ca m'a fait du bien|"
    r"atardecer|amanecer|puesta de sol|fuegos artificiales|carne asada|parrillada|con (?:mis |unos )?amigos|me hizo bien)\b"
)

# Grief: a farewell in such a sentence is for someone who died ("a letter I read at the funeral").
GRIEF_MARKERS: re.Pattern[str] = re.compile(
    r"\b(?:passed away|died|funeral|memorial|eulogy|wake for|murio|fallecio|funeral|velorio|entierro|est morte?|decedee?|"
    r"funerailles|enterrement|obseques|s'est eteinte?)\b"
)

# "... and I'm doing well now": a mention in a sentence with one of these is resolved history.
RESOLVED_MARKERS: re.Pattern[str] = re.compile(
    r"\b(?:(?:i am|i have been|i feel) (?:doing )?(?:really |much |so )?(?:well|better|fine|okay|ok|safe|stable) now|"
    r"(?:clean|sober|free) for (?:\w+ )?(?:years|months)|(?:years|months) clean|in recovery|recovered|"
    r"(?:have not|did not|never) (?:\w+ )?(?:since|again)|have not (?:\w+ )?(?:in|for) (?:\w+ )?(?:years|months)|"
    r"as an exercise|genuinely happy|(?:i am|i'm) (?:now )?(?:really |very |genuinely )?happy now|in a (?:good|better) place|doing great|"
    r"je vais (?:beaucoup )?mieux maintenant|ahora estoy (?:mucho )?mejor|c'est gueri|it (?:has )?healed|ya (?:se )?(?:sano|curo)|(?:she|he|they) (?:is|are) safe(?: now)?|(?:admitted|hospitali[sz]ed) (?:to|in|at) (?:a |the )?(?:psychiatric|psych|mental health|hospital)\w*|"
    r"(?:est|sont) en securite|esta a salvo|(?:il|elle) est hospitalisee?)\b"
)

# Where the subject of a cue is searched for: back to the last clause start.
CLAUSE_START: re.Pattern[str] = re.compile(
    r"[.!?;:,\n]|\b(?:and|but|because|so|or|when|if|while|et|mais|car|parce que|donc|ou|quand|si|y|pero|porque|o|cuando)\b"
)
FIRST_PERSON = frozenset({"i", "je", "j", "yo", "moi", "myself", "we", "on"})
THIRD_PERSON = frozenset({
    "he", "she", "they", "who", "il", "elle", "ils", "elles", "qui", "ella", "ellos", "ellas", "quien",
    "quiere", "dice", "dijo", "piensa", "habla", "hablando", "esta", "intento", "amenaza", "amenazo", "veut", "dit",
})
POSSESSIVES = frozenset({"my", "his", "her", "their", "our", "mon", "ma", "mes", "son", "sa", "ses", "notre", "mi", "mis", "su", "sus"})
PERSON_NOUNS = frozenset(
    (
        "friend friends son daughter kid kids child children brother sister mom mother dad father husband wife partner "
        "boyfriend girlfriend bf gf roommate cousin uncle aunt grandma grandpa grandmother grandfather boss coworker "
        "colleague neighbour neighbor teacher student patient client ex teen teenager dog cat pet baby niece nephew "
        "ami amie fils fille frere soeur mere pere mari femme conjoint conjointe chum blonde copain copine coloc oncle "
        "tante grand-mere grand-pere patron voisin voisine chien chat enfant enfants ado bebe "
        "amigo amiga hijo hija hermano hermana mama madre papa padre esposo esposa marido novio novia pareja abuelo "
        "abuela tio tia primo prima jefe vecino vecina perro gato hijos companero companera bebe"
    ).split()
)
