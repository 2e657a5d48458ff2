"""Crisis rules: context patterns for English, French and Spanish.

The rules are regular expressions over *normalised* text (see `normalize.py`: lower
case, accents folded, apostrophes unified, English contractions expanded). They are
patterns over phrases rather than a word list:

* first person + intent/plan/means ("i want to die", "how many pills would it take",
  "j'ai envie de mourir", "quiero matarme");
* veiled risk (goodbye letters, giving possessions away, "better off without me",
  "le pont le plus haut près de chez moi");
* a negation window for phrases a negator can cancel ("I've never contemplated
  suicide", "je ne veux pas mourir"), but not for phrases whose negation *is* the risk
  ("I don't want to live", "no quiero vivir");
* idiom and grief scrubs that run first and blank out figurative or third-person uses
  ("this commute is killing me", "je meurs de faim", "my brother killed himself").

Each rule names a category. A rule with a `context` only counts when that second
pattern also occurs somewhere in the text ("he's coming home soon" + fear or violence).
Pure Python; the patterns compile once at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tasks.core.safety.gate import requirement_branches, required_substrings

__all__ = [
    "Rule",
    "RULES",
    "IDIOM_SCRUBS",
    "NEGATION_REVIVERS",
    "REPORTED_QUESTION",
    "ANSWERED_YES",
    "PAST_MARKERS",
    "PAST_REVIVERS",
    "CATEGORY_PRIORITY",
    "RULE_CATEGORIES",
    "SELF_CATEGORIES",
]

# Most urgent first: the message shown is the one for the first category found here.
CATEGORY_PRIORITY: tuple[str, ...] = (
    "medical_emergency",
    "abuse_in_progress",
    "harm_to_others",
    "suicidal_ideation",
    "self_harm",
    "concern_for_other",
    "learned_risk",  # only the learned layer (learned.py) raised the tier
    "unreadable_language",
)

# The categories a rule can carry (the others of CATEGORY_PRIORITY come from the learned layer and
# the language check), in the order the rule table's short names unpack them.
RULE_CATEGORIES: tuple[str, ...] = (
    "suicidal_ideation",
    "self_harm",
    "harm_to_others",
    "abuse_in_progress",
    "medical_emergency",
    "concern_for_other",
)

# Categories about the writer's own risk (used to drop an explicit "suicidal" that only
# sits inside a sentence about someone else: "my friend is suicidal").
SELF_CATEGORIES = frozenset({"suicidal_ideation", "self_harm"})


@dataclass(frozen=True)
class Rule:
    """One crisis pattern.

    Attributes:
        name: short id, reported in `ScreenResult` debugging and tests.
        category: one of RULE_CATEGORIES.
        pattern: compiled regex over normalised text; an optional named group `key`
            marks where the negation window ends (default: the match start).
        negatable: True when a negator just before the phrase cancels it.
        context: optional compiled regex that must also occur anywhere in the text.
        sentence_context: optional compiled regex that must occur in the same sentence.
        explicit: True for bare explicit terms ("suicidal") that are dropped when they
            only occur inside a concern-for-someone-else match.
        gate: literal strings one of which every match contains (derived from `pattern`
            by `gate.required_substrings`; None = always run). Only a speed-up.
        requirements: per top-level alternative of `pattern`, every literal requirement
            (`gate.requirement_branches`; None = always run). A sharper speed-up.
    """

    name: str
    category: str
    pattern: re.Pattern[str]
    negatable: bool = True
    context: re.Pattern[str] | None = None
    explicit: bool = False
    gate: tuple[str, ...] | None = None
    sentence_context: re.Pattern[str] | None = None
    requirements: tuple[tuple[tuple[str, ...], ...], ...] | None = None


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# ---------------------------------------------------------------------------------------
# Shared vocabulary
# ---------------------------------------------------------------------------------------
_PILLS = (
    r"(?:pills?|tablets?|meds|medications?|medicine|sleeping pills|painkillers|tylenol|advil|aspirin|"
    r"ibuprofen|acetaminophen|paracetamol|xanax|ambien|valium|klonopin|ativan|oxy\w*|percocet|vicodin|"
    r"insulin|lithium|antidepressants|benzos|seroquel|zoloft|prozac|lexapro|trazodone|melatonin)"
)
_INTENT_EN = (
    r"(?:want|wanted|wanting|wanna|plan|planning|planned|think|thinking|thought|urge|urges|tempted|"
    r"considering|considered|ready|imagine|imagining|fantasi[sz]e|fantasi[sz]ing|going|decided|need|"
    r"feel like|intend|intending)"
)
_VICTIM_EN = (
    r"(?:him|her|them|someone|somebody|people|everyone|everybody|anyone|anybody|you|"
    r"my (?:\w+ )?(?:wife|husband|partner|boyfriend|girlfriend|ex|boss|coworkers?|co-workers?|colleagues?|"
    r"neighbou?rs?|roommate|dad|father|mom|mother|brother|sister|son|daughter|baby|child|kids?|children|"
    r"teacher|stepdad|stepmom|stepfather|stepmother|family|parents|friends?|classmates?|manager|landlord)|"
    r"(?:the|that|this|those|these) (?:guy|guys|man|woman|girl|boy|kid|kids|bitch|bastard|person|people|"
    r"teacher|boss|neighbou?r|baby|child|students|classmates|coworkers))"
)
_SUBJECT_EN = (
    r"(?:he|she|they|my (?:\w+ )?(?:husband|boyfriend|bf|partner|wife|girlfriend|gf|fiance|fiancee|dad|"
    r"father|stepdad|stepfather|mom|mother|stepmom|stepmother|brother|sister|uncle|aunt|grandpa|"
    r"grandfather|cousin|parents?|roommate|ex|son|daughter|boss|coach|teacher|caregiver|guardian))"
)
_OTHER_EN = (
    r"(?:he|she|they|my (?:\w+ )?(?:friend|son|daughter|kid|child|brother|sister|mom|mother|dad|father|"
    r"husband|wife|partner|boyfriend|girlfriend|roommate|student|cousin|classmate|coworker|colleague|"
    r"patient|client|bf|gf|teen|teenager|niece|nephew))"
)
_SUBJECT_FR = (
    r"(?:il|elle|ils|elles|mon (?:mari|conjoint|chum|copain|pere|beau-pere|frere|oncle|ex|fils|patron|"
    r"partenaire|amoureux|coloc)|ma (?:femme|conjointe|blonde|copine|mere|belle-mere|soeur|tante|"
    r"partenaire|coloc)|mes parents)"
)
_VIOLENCE_CONTEXT = _rx(
    r"\b(?:scared|afraid|terrified|frightened|hide|hiding|hits?|hitting|beats?|beat me|hurts? me|"
    r"angry|drunk|kill|violent|peur|frappe|bat|cache|saoul|soul|fache|violent|miedo|pega|golpea|"
    r"borracho|enojado|escond\w*|knife|gun|weapon|threat\w*|couteau|arme|menace\w*|cuchillo|pistola|arma|"
    r"amenaz\w*)\b"
)

# The same without hiding words, for the rule whose own phrase is about hiding.
_VIOLENCE_CONTEXT_NO_HIDING = _rx(
    r"\b(?:hits?|hitting|beats?|beat me|hurts? me|drunk|kill|violent|frappe|bat|saoul|soul|violent|pega|golpea|"
    r"borracho|knife|gun|weapon|threat\w*|couteau|arme|menace\w*|cuchillo|pistola|arma|amenaz\w*|"
    r"screaming|yelling|crie|grita|gritando)\b"
)

# ---------------------------------------------------------------------------------------
# Idiom and grief scrubs (run first; matches are blanked out)
# ---------------------------------------------------------------------------------------
_IDIOM_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    _rx(p)
    for p in (
        # English figurative death/killing
        r"\bkill(?:s|ing) me\b",
        # "one more spreadsheet and I'm jumping out the window": a joke about the day, not a plan
        r"\bone more (?:\w+ ){1,3}?and i am (?:jumping|going to jump|throwing myself) out (?:the|a|of the) window\b",
        # sports: "we got killed in the second half", "coach made us run suicides until I wanted to die"
        r"\b(?:run|ran|running|do|did|doing) suicides\b", r"\b(?:got|get|getting) (?:absolutely |totally |completely )?(?:killed|murdered|destroyed) (?:in|by|at|on)\b",
        r"\buntil (?:i|we) (?:wanted to|could) (?:die|puke|throw up|pass out)\b",
        # "i swear im going to murder him. (im not, but UGH)": retracted at once
        r"\b(?:going to|will|would) (?:murder|kill|strangle) (?:him|her|them|you|my \w+)\W{1,4}(?:\(?(?:i am not|not really|jk|just kidding|kidding)\b)",
        r"\b(?:would|could|will|i would) (?:literally |honestly |seriously |just )?(?:die|kill|murder) for\b",
        r"\bto die for\b",
        r"\bdying (?:to|for)\b",
        r"\b(?:die|died|dying|dead|death) (?:of|from|with) (?:embarrassment|shame|laughter|laughing|boredom|"
        r"curiosity|envy|jealousy|cringe|excitement|heat|cold|thirst|hunger)\b",
        r"\b(?:died|dying|dead|die) laughing\b",
        r"\blaugh(?:ed|ing)? (?:myself |so hard )?to death\b",
        r"\b(?:bored|scared|worried|sick|tired|frozen|starved|stressed|annoyed|freaked) (?:half )?to death\b",
        r"\b(?:phone|cell|cellphone|battery|laptop|computer|pc|car|plant|plants|tv|engine|wifi|internet|"
        r"conversation|party|mood|vibe|flowers|goldfish|printer|headphones|charger|mouse|keyboard|console|"
        r"xbox|playstation|ipad|tablet|watch|game|server|router) (?:\w+ )?(?:died|is dead|was dead|dies|"
        r"just died|is dying|went dead)\b",
        r"\bdead (?:tired|serious|set|end|ends|last|wrong|on|center|centre|beat|weight|silent|quiet|asleep)\b",
        r"\b(?:kill|killing|killed) (?:time|the mood|the vibe|the lights|the engine|it|my buzz|two birds|"
        r"the conversation|the game)\b",
        r"\b(?:joke|jokes|movie|show|comedian|video|meme|episode|that|this|it|you|he|she|they|line) "
        r"(?:\w+ )?(?:killed|kills|slayed) me\b",
        r"\b(?:just )?kill me now\b",
        r"\bshoot me (?:an?|the|your) (?:email|e-mail|message|text|note|line|dm|call)\b",
        r"\bover my dead body\b",
        r"\b(?:nearly|almost) died (?:laughing|of|when|from embarrassment)\b",
        r"\b(?:would|i would|i) (?:rather|sooner) die than\b",
        r"\b(?:is|are|was|will be|would be|going to be|gonna be) the death of me\b",
        r"\b(?:mom|mother|dad|father|parents|boss|wife|husband|teacher|coach|girlfriend|boyfriend|sister|"
        r"brother|grandma|grandmother|he|she|they) (?:is |are |will |would |was )?(?:going to |"
        r"gonna )?(?:kill|murder) me (?:when|if) (?:he|she|they) (?:sees?|finds? out|hears?|learns?|notices?|"
        r"realizes?|reads?|gets? the bill)\b",
        r"\b(?:(?:afraid|scared|terrified) of (?:falling|heights)|fear of heights|peur du vide|peur de tomber|miedo a las alturas|"
        r"miedo de caer(?:me)?)\b",
        r"\boverdos(?:e|ed|ing) on (?:chocolate|coffee|caffeine|sugar|netflix|tv|candy|pizza|cake|sweets|"
        r"junk food|social media|anime|games|work)\b",
        r"\bcut(?:ting)? (?:myself|me) (?:some )?slack\b",
        r"\bcut(?:ting)? myself off\b",
        r"\bkill(?:ing)? myself (?:at work|at the gym|working|studying|over|to (?:finish|get|make|meet|keep|"
        r"pay|please|study))\b",
        r"\bwork(?:ed|ing)? myself to death\b",
        # Added with the risk score (general figurative uses of its cue words)
        r"\b(?:disappear|disappearing|vanish|disparaitre|desaparecer)\b(?: [\w']+){0,2}? (?:for (?:a|the|one|two|\w+) "
        r"(?:while|bit|week|weekend|day|days|month|months|few)|under (?:the|my|a) (?:covers|blankets?|duvet)|into (?:a|my|the) "
        r"(?:book|books|room|work|garden|crowd|woods|background)|from (?:social media|instagram|facebook|tiktok|the internet|"
        r"online|the group|the chat)|off (?:the grid|social media)|on (?:a |an )?(?:vacation|holiday|trip|island|beach)|"
        r"to (?:a|an|the) (?:island|beach|cabin|cottage|mountains)|sous (?:la|ma|les|une) (?:couette|couverture|couvertures|drap)|"
        r"dans (?:un|une|mon|ma|les) (?:chalet|ile|livre|livres|bois|foule|chambre|cabane)|pour (?:une|un|quelques|la) "
        r"(?:semaine|semaines|jour|jours|mois|temps|fin de semaine|week-end)|des reseaux|de (?:facebook|instagram|tiktok|"
        r"las redes|la red|internet|los grupos)|por (?:un|unos|unas|una) (?:tiempo|rato|dias|semana|semanas|mes)|un rato|"
        r"bajo (?:las|la|mis) (?:cobijas|sabanas|mantas)|en (?:una|un) (?:isla|playa|cabana))\b",
        r"\bcrawl(?:ed|ing)? (?:in|into|under) (?:a )?(?:hole|rock)(?: and (?:die|disappear|hide))?\b",
        r"\b(?:could|would|i) (?:have )?(?:just )?(?:die|died)(?= (?:when|of|from|right there|on the spot|laughing|inside a little|"
        r"a little))\b|\b(?:bored|tired|hungry|embarrassed|cold|hot|mortified) i could (?:just )?die\b",
        r"\b(?:is|are|was) (?:dead|mort|morte|muerto|muerta) (?:to me|pour moi|para mi)\b",
        r"\b(?:panic|anxiety|heart) attacks?\b[^.!?]{0,80}?(?:felt|feel|feeling|thought|think|sure|convinced) (?:like )?i "
        r"(?:was|am|were) (?:going to die|dying|about to die)\b|\b(?:felt|feel|feeling|thought|think) (?:like )?i (?:was|am|were) "
        r"(?:going to die|dying|about to die)\b(?=[^.!?]{0,80}?\b(?:panic|anxiety|heart attack|chest|doctor|hospital))",
        r"\b(?:going to |gonna |will |would )?(?:kill|murder) me if i (?:get|got|am|come home|forget|forgot|fail|failed|miss|"
        r"break|broke|spill|lose|eat|wear|dye|quit|drop|do not (?:call|clean|come|finish)|tell (?:her|him) about the tattoo)\b",
        r"\b(?:goodbye|farewell) (?:letter|note) to (?:my|the) (?:old|former|younger|past|eating disorder|addiction|ed|anxiety|"
        r"depression)\b|\b(?:lettre|carte) d'adieu a (?:mon|ma|mes) (?:ancien|ancienne|anciens|emploi|travail|jeunesse|passe)\b|"
        r"\bcarta de despedida a (?:mi|mis) (?:antiguo|antigua|viejo|vieja|trabajo|empleo|pasado|adiccion)\b",
        r"\b(?:career|social|political|professional|financial|commercial|fashion) suicide\b|\bsuicide (?:mission|squad|run|runs|"
        r"drills|sprints|doors|knot|lane|king|hotline number)\b",
        r"\bburn(?:ed|t|ing)? (?:my |the |all |those |our )?bridges\b|\b(?:bite|biting|bit|dodge|dodged) (?:the |a )?bullet\b|"
        r"\bbullet (?:points?|journal|list|train|proof)\b|\bshoot(?:ing)? (?:my|your|his|her) shot\b",
        r"\b(?:have|had|has|having|going) to (?:be )?put (?:him|her|it|them|our \w+|my \w+|the \w+)? ?(?:down|to sleep)\b|"
        r"\b(?:put|putting) (?:him|her|it|them|our \w+|my \w+|the \w+) (?:down|to sleep)\b|\b(?:was|were|be|got) put "
        r"(?:down|to sleep)\b",
        r"\bahogarme en un vaso de agua\b|\bme ahogo en un vaso de agua\b",
        # food and drink in quantity ("a whole box of cookies") and relapses that are about food or habits
        r"\b(?:a |the |one |two |an )?(?:whole |entire |full )?(?:box|bag|pack|packet|bottle|tub|jar|carton|pint|sleeve|plate|bowl|"
        r"boite|sac|paquet|pot|bouteille|caja|bolsa|paquete|bote|botella) (?:of |de |d')(?:cookies|chips|candy|chocolates?|pizza|cereal|"
        r"donuts|doughnuts|ice cream|crackers|popcorn|cake|cupcakes|oreos|snacks|cheese|bread|wine|beer|soda|juice|water|milk|biscuits|"
        r"bonbons|chocolat|gateaux|vin|biere|galletas|papas|dulces|helado|pastel|vino|cerveza|refresco)\b",
        r"\brelaps(?:e|ed|ing) (?:on|with|into) (?:sugar|food|junk food|chocolate|smoking|cigarettes|candy|sweets|vaping|nail biting|"
        r"procrastinat\w*|video games|social media)\b",
        r"\b(?:rooftop|roof) (?:bar|terrace|patio|party|pool|garden|restaurant|lounge)\b|\bbridge (?:club|game|tournament|loan)\b",
        r"\b(?:bungee|cliff|base|ski) jump\w*\b(?: [\w']+){0,4}?(?: (?:off|from) (?:a |the )?\w+)?|\b(?:saut a l'elastique|puenting)\b",
        # a "threat" over a trivial thing is a joke; over leaving, telling or calling someone it is not
        r"\b(?:kill|murder|strangle) (?:him|her|them|you|my \w+) if (?:he|she|they|you) (?:\w+ ){0,2}?(?:uses?|eats?|ate|takes?|took|"
        r"touch(?:es)?|borrows?|spoils?|spoiled|breaks?|broke|reads?|finish(?:es)?|drinks?|wears?|steals? my (?:food|fries|snacks|"
        r"charger|seat)|forgets?|is late|beats? me at)\b",
        r"\b(?:desaparecer|disparaitre|disappear)\b(?: [\w']+){0,2}? (?:un|une|a|el|le|the|this|ce|este) (?:fin de semana|finde|"
        r"week-end|weekend|semana|semaine|week|dia|jour|day|mes|mois|month)\b",
        r"\b(?:disappear|disparaitre|desaparecer)\b(?=[^.!?]{0,60}\b(?:le trac|stage fright|presentation|parler en public|public "
        r"speaking|en publico|embarrass\w*|honte|verguenza|ashamed|mortified|awkward|gene)\b)",
        r"\b(?:died|passed away|murio|fallecio|est morte?|decedee?|se murio) (?:\w+ ){0,2}?(?:of|from|by|de|por) (?:an |a |une |una )?"
        r"(?:overdose|od|surdose|sobredosis|suicide|suicidio)\b",
        # English grief / third person completed suicide
        r"\b(?:committed|commited|comitted|died by|died of|died from|lost (?:his|her|their) (?:life|battle) "
        r"to) suicide\b",
        r"(?<!almost )(?<!nearly )\b(?:killed|hanged|hung|shot) (?:himself|herself|themselves|themself)\b",
        r"\btook (?:his|her|their) (?:own )?life\b",
        r"\blost (?:\w+ ){0,4}?to suicide\b",
        r"\b(?:his|her|their|\w+'s|\w+s') suicide\b",
        r"\bsuicide of (?:my|his|her|their|a|our)\b",
        r"\bsuicide (?:prevention|awareness|loss|bereavement|survivors?)\b",
        # Fear of death (health anxiety, panic), not a wish to die
        r"\b(?:afraid|scared|terrified|frightened|fear|fearful|anxious|worried|worry|worrying|phobia|panic|"
        r"paranoid) (?:\w+ ){0,2}?(?:of|about|that i (?:will|am going to|might|could)) (?:dying|death|die|"
        r"being dead)\b",
        # French
        r"\b(?:je )?(?:meurs|meure|mourais|mourir|mort|morte|morts|mortes|crever|creve|crevais|crevee) "
        r"(?:de |d')(?:faim|soif|froid|chaud|rire|envie|fatigue|honte|peur|ennui|impatience|chaleur|"
        r"sommeil)\b",
        r"\b(?:telephone|cell|cellulaire|portable|ordi|ordinateur|batterie|auto|char|voiture|plante|tele) "
        r"(?:est |etait )?(?:mort|morte|creve|crevee|a creve)\b",
        r"\btuer le temps\b",
        r"\bse tuer (?:au travail|a la tache|a l'ouvrage)\b",
        r"\b(?:ma mere|mon pere|mes parents|mon patron|ma blonde|mon chum|il|elle) (?:va|vont) me tuer "
        r"(?:quand|si|parce)\b",
        r"\b(?:s'est suicidee?|s'est (?:enleve|ote) la vie|a mis fin a ses jours|se sont suicides)\b",
        r"\b(?:perdu|perte) (?:\w+ ){0,4}?(?:au|par|a cause du|du) suicide\b",
        r"\bsuicide de (?:mon|ma|mes|son|sa|notre)\b",
        r"\bprevention du suicide\b",
        r"\b(?:peur|angoisse|crainte|phobie) (?:de |d')(?:mourir|la mort)\b",
        # Spanish
        r"\b(?:me )?(?:muero|muera|moria|morir|morirme|muerto|muerta|muertos|muertas) (?:de|por) (?:la )?"
        r"(?:risa|hambre|sed|frio|calor|sueno|ganas|aburrimiento|miedo|verguenza|pena|envidia|cansancio|"
        r"celos|amor|curiosidad|ver|conocer|ir|tener|saber|verte|probar)\b",
        r"\b(?:telefono|celular|movil|bateria|computadora|compu|laptop|carro|coche|planta|tele) (?:se )?"
        r"(?:murio|esta muert[oa]|se muere)\b",
        r"\bmatar el tiempo\b",
        r"\b(?:me )?va(?:n)? a matar (?:cuando|si|porque)\b",
        r"\bse (?:suicido|quito la vida|ahorco)\b",
        r"\b(?:perdi|perdimos) (?:\w+ ){0,4}?(?:por|al) suicidio\b",
        r"\bsuicidio de (?:mi|su|nuestro|nuestra)\b",
        r"\bprevencion del suicidio\b",
        r"\b(?:miedo|panico|terror|fobia|ansiedad) (?:a|de) (?:morir|la muerte|morirme)\b",
    )
)

# (pattern, gate) pairs: the gate skips a scrub on texts that cannot contain it.
IDIOM_SCRUBS: tuple[tuple[re.Pattern[str], tuple[str, ...] | None], ...] = tuple(
    (pattern, required_substrings(pattern)) for pattern in _IDIOM_PATTERNS
)

# After a negated explicit mention, these in the rest of the sentence mean "don't trust
# the negation": "I've never attempted suicide, but lately I think about it", "not suicidal yet".
# "My therapist asked if I have thoughts of suicide (and I said no)": a reported question is not an
# assertion, unless the sentence answers yes.
REPORTED_QUESTION: re.Pattern[str] = _rx(
    r"\b(?:asked|asks|asking|ask) (?:me |us )?(?:if|whether|about)\b|\bm'a demande si\b|\bme (?:pregunto|pregunta) si\b"
)
ANSWERED_YES: re.Pattern[str] = _rx(r"\b(?:said yes|i said yes|answered yes|told (?:her|him|them) yes|j'ai dit oui|dije que si)\b")

NEGATION_REVIVERS: tuple[re.Pattern[str], ...] = (
    _rx(
        r"\b(?:but|mais|pero|though|although|yet|except|sauf|aunque|sin embargo)\b(?: [\w']+){0,6}? "
        r"(?:lately|recently|sometimes|these days|more and more|more often|again|crossed my mind|"
        r"cross(?:es)? my mind|on my mind|tempted|urges?|(?:think|thinking|thought|considering|considered) "
        r"about it|dernierement|recemment|parfois|de plus en plus|j'y pense|y penser|ultimamente|a veces|"
        r"lo pienso|lo he pensado)\b"
    ),
    _rx(r"^\W*(?:yet|right now|at the moment|for now|encore|todavia|aun|pour l'instant|pour le moment|por ahora)\b"),
)


# History, not current risk: "I used to self-harm, clean for five years", "I attempted
# suicide when I was 19". A phrase in the same sentence as one of these markers is history
# unless that sentence brings it back ("... and last night I started again", "I still do").
PAST_MARKERS: re.Pattern[str] = _rx(
    # "at 6" is also a clock time ("he leaves at 6"): a bare number counts as an age only from 13 up
    r"\b(?:at (?:the age of |age )(?:[5-9]|1[0-9]|[2-6][0-9])\b|at (?:1[3-9]|[2-6][0-9])(?= *(?:[.,;!]|$| and| but| after| before| i | when| during))|"
    r"as a (?:teen|teenager|kid|child)|a long time ago|long ago|in my (?:teens|twenties|early twenties)|"
    r"(?:years|months) clean|clean for (?:\w+ ){1,2}(?:years|months)|sober for (?:\w+ ){1,2}(?:years|months)|"
    r"il y a longtemps|a l'adolescence|hace mucho|de adolescente|a los (?:\d+|quince|dieciseis|diecisiete) anos|"
    r"in (?:19|20)\d\d|en (?:19|20)\d\d|"
    r"back in (?:college|high school|school|university|uni|the day|my teens|my twenties)|in (?:high school|college)|"
    r"last (?:spring|summer|fall|autumn|winter|year)|l'(?:an|ete|hiver|automne) dernier|l'annee derniere|le printemps dernier|"
    r"au (?:cegep|secondaire)|el (?:ano|verano|invierno|otono) pasado|la primavera pasada|en la (?:prepa|secundaria|universidad)|"
    r"used to|use to|years ago|back then|when i was (?:\d+|younger|a teen|a teenager|a kid|a child|little|"
    r"in high school|in college|in school)|solia|hace (?:\w+ )?anos|cuando era (?:nin[oa]|joven|adolescente)|"
    r"autrefois|par le passe|il y a (?:\w+ )?ans|quand j'etais (?:petite?|jeune|ado|adolescente?|enfant))\b"
)
PAST_REVIVERS: re.Pattern[str] = _rx(
    r"\b(?:again|relapsed?|relapsing|urges?|started|starting|lately|recently|these days|tempted|still|"
    r"the same|now i|de nouveau|a nouveau|recommence\w*|encore|toujours|otra vez|de nuevo|volvi|todavia)\b"
)


# ---------------------------------------------------------------------------------------
# Rule table
# ---------------------------------------------------------------------------------------
def _rules() -> tuple[Rule, ...]:
    si, sh, ho, ab, me, co = RULE_CATEGORIES
    table: list[tuple] = [
        # ---- explicit terms (all languages) ---------------------------------------------
        ("explicit_suicide", si, r"\b(?P<key>suicid\w*)", True, None, True),
        # ---- English: suicidal ideation ------------------------------------------------------
        ("en_kill_myself", si,
         r"\b(?P<key>kill(?:ing)? myself|kms|unalive (?:myself|me)|off myself|end(?:ing)? everything|"
         r"no way out (?:\w+ ){0,3}?(?:except|but|other than) (?:dying|death|suicide|ending|to die|to end)|"
         r"(?:end|ending) my (?:own )?life|(?:take|taking) my (?:own )?life(?! back)|end(?:ing)? it all|"
         r"(?:hang|hanging|shoot|shooting|drown|drowning|poison|poisoning|suffocate|suffocating|gas) myself|"
         r"slit(?:ting)? my (?:wrists?|throat))\b", True, None, False),
        ("en_end_it", si,
         r"\b(?:want|going|ready|plan|planning|decided|need|about) to (?P<key>end it)\b(?! with| all)", True, None, False),
        ("en_want_die", si,
         r"\b(?:i|me)\b(?: \w+){0,4}? (?P<key>(?:want|wanted|wanting|wish|need|am ready|ready|plan|planning|intend|"
         r"decided|deserve|would like|just want|long|longing|pray) to (?:die|be dead|not exist|stop existing|"
         r"not be alive|cease to exist))\b", True, None, False),
        ("en_want_die_nosubject", si,
         r"(?:^|[.!?] )(?:just |really |honestly |sometimes |i )*(?P<key>(?:want|wanna|wish) to die)\b", True, None, False),
        ("en_wish_dead", si,
         r"\bi (?:\w+ ){0,2}?(?P<key>wish) (?:that )?i (?:was|were|had|would|could)(?: just)? (?:be )?"
         r"(?:dead|die|died|gone|never been born|not born|not exist|never existed|never wake up|not wake up|"
         r"disappear forever)\b", True, None, False),
        ("en_better_dead", si,
         r"\b(?:better off|be better|rather be) dead\b|\bbetter off without me\b|"
         r"\b(?:happier|easier|better|fine) without me\b|"
         r"\b(?:better|happier|easier|fine|lighter|simpler) (?:off )?(?:if|when|once) i (?:did not exist|died|die|"
         r"had never been born|disappeared|disappear|(?:was|were|am) (?:not here|not around|gone|dead|no longer here|"
         r"not alive|never born))\b", False, None, False),
        ("en_no_reason_live", si,
         r"\bno (?:reason|point|purpose|will) (?:to|in|for) (?:live|living|go on|going on|be alive|being alive|"
         r"stay alive|staying alive|exist|existing|keep living)\b|"
         r"\b(?:life|living) (?:is not|is no longer|no longer|is not really) worth (?:it|living)\b|"
         r"\bnot worth living\b|\bwhat is the point (?:of|in) (?:living|life|going on|being alive|staying alive)\b|"
         r"\b(?:tired|sick|done) (?:of|with) (?:living|being alive|existing)\b|"
         r"\b(?:tired|sick|done) (?:of|with) (?:life|my life)(?= *(?:[.!?,;]|$))|"
         r"\b(?:should not|do not deserve to|was not meant to) (?:be here|exist|be alive|live|have been born)\b",
         False, None, False),
        ("en_dont_want_live", si,
         r"\b(?:not|no longer|never) (?:\w+ )?(?:want|wish|feel like|care) to (?:live|be alive|exist|wake up|"
         r"keep living|continue living|stay alive)\b(?! (?:with|in|at|like|there|here|near|alone|without))|"
         r"\b(?:not|no longer) (?:\w+ )?(?:want|wish) to (?:be here|be around|keep going|go on)"
         r" (?:anymore|any more|any longer|much longer|on this earth|in this world)\b|"
         r"\b(?:not|no longer) (?:\w+ )?(?:want|wish) to be (?:in|on) this (?:world|earth|planet)\b|"
         r"\b(?:ne|n') ?(?:\w+ )?(?:plus|pas) (?:etre|rester) (?:dans ce monde|sur cette terre|en vie)\b|"
         r"\bno (?:quiero|deseo) (?:\w+ )?(?:estar|seguir) (?:en este mundo|en esta tierra|aqui)\b(?! con)|"
         r"\bcan not (?:go on|keep going|do this|live like this) (?:anymore|any more|any longer)\b", False, None, False),
        ("en_not_sure_live", si,
         r"\b(?:not sure|do not know|unsure) (?:if|whether) i (?:want to|can) (?:live|go on|keep going|stay alive|"
         r"keep living|be alive)\b", False, None, False),
        ("en_never_wake", si,
         r"\b(?:want|wish|hope|hoping|pray|praying|would|rather|just|take|taking|to)\b(?: \w+){0,4}? "
         r"(?:never|not|to never|to not) (?:to )?wake up\b|\bsleep (?:forever|and never wake up|and not wake up)\b|"
         r"\b(?:fall asleep|go to sleep) and (?:never|not) wake\b", False, None, False),
        ("en_disappear", si,
         r"\b(?P<key>(?:disappear|vanish|cease to exist|stop existing|not exist|not be alive|be gone) "
         r"(?:forever|for good|permanently))\b", True, None, False),
        ("en_goodbye_notes", si,
         r"\b(?P<key>(?:goodbye|good-bye|farewell|suicide) (?:letters?|notes?|messages?|texts?|videos?|posts?))\b|"
         r"\b(?P<key2>wr(?:ote|itten|iting|ite) (?:[\w']+ ){0,4}?(?:letters?|notes?) (?:to|for) (?:everyone|everybody|"
         r"my family|my kids|my children|my parents|my friends|each of))\b|"
         r"\b(?:said|saying|say) (?:my )?goodbyes? to (?:everyone|everybody|all my|my family|the world)\b|"
         r"\bthis is (?:my )?(?:goodbye|last message|final message|last post|final post)\b|"
         r"\b(?:final|last) goodbye\b|\bput (?:all )?my (?:affairs|things) in order\b", True, None, False),
        ("en_gave_away", si,
         r"\b(?P<key>(?:gave|give|given|giving) away (?:all |most |some )?(?:of )?my (?:\w+ )?(?:things|stuff|"
         r"belongings|possessions|pets?|cat|dog|guitar|games|books|jewel+ery))\b(?! to (?:charity|goodwill))|"
         r"\b(?:gave|give|given|giving) (?:all |most )?(?:of )?my (?:things|stuff|belongings|possessions) away\b",
         True, None, False),
        ("en_means_pills", si,
         r"\bhow (?:many|much) (?:\w+ ){0,3}?" + _PILLS + r"\b(?: \w+){0,8}? (?:kill|die|dead|lethal|fatal|"
         r"overdose|od|not wake|never wake|end it|would it take|does it take|will it take|it takes|to stop)\b|"
         r"\b(?:lethal|fatal|deadly) (?:dose|amount|quantity)\b|"
         r"\b(?:painless|easiest|quickest|fastest|best|surest|quietest|peaceful) (?:way|ways|method|methods) "
         r"(?:to|of) (?:die|dying|kill myself|end it|end my life|suicide|commit)\b|"
         r"\bhow long (?:does it|would it|will it|until|to|it) (?:take |takes )?(?:to )?(?:bleed out|die|suffocate|"
         r"drown|lose consciousness)\b|\bbleed(?:ing)? out\b", False, None, False),
        ("en_high_place", si,
         r"\b(?:tallest|highest) (?:bridge|building|cliff|roof|rooftop|tower|parking (?:garage|lot)|overpass)"
         r"\b(?: \w+){0,4}? (?:near me|nearby|around here|close to me|close by|in town|i can (?:get|reach|walk)|"
         r"to jump)\b", False, None, False),
        ("en_jump", si,
         r"\b" + _INTENT_EN + r"\b(?: \w+){0,3}? (?P<key>(?:jump|jumping|throw myself|throwing myself|step|stepping|"
         r"walk|walking|lie|lying) (?:off|from|in front of|under|onto|into|down on) (?:a |the |this |that |my )?"
         r"(?:\w+ )?(?:bridge|building|roof|rooftop|balcony|cliff|train|bus|truck|car|subway|metro|window|"
         r"overpass|tracks|traffic|river))\b|"
         r"\b" + _INTENT_EN + r"\b(?: \w+){0,6}? (?P<key2>(?:drive|driving|crash|crashing|steer|steering|swerve|"
         r"swerving) (?:my car |the car |it )?(?:into|off|in front of) (?:a |an |the |oncoming )?(?:\w+ )?(?:wall|"
         r"tree|bridge|cliff|traffic|river|lake|truck|pole|road|highway|guardrail|overpass|ditch|train))\b",
         True, None, False),
        ("en_means_stockpile", si,
         r"\b(?:saving|saved|stockpiling|stockpiled|hoarding|hoarded|collecting|collected|stashing|stashed) "
         r"(?:up )?(?:my |some |all my |all of my )?" + _PILLS + r"\b(?! for (?:travel|a trip|vacation))|"
         r"\bi (?:have|bought|got|found|have got) (?:a |the |some )?(?:rope|noose|gun|pistol|rifle|razor blades?|"
         r"blades?|pills)\b(?: \w+){0,4}? (?:ready|for (?:tonight|later|when|it)|to (?:do it|end|use on myself|"
         r"kill))\b|\b(?:noose|rope) (?:is )?(?:ready|tied|around my neck)\b|"
         r"\b(?:gun|pistol|knife|blade) (?:to|against) my (?:head|throat|wrists?|chest|temple)\b|"
         r"\bi (?:have|made|got) a plan (?:to|for) (?:die|dying|end|ending|kill|killing|do it|suicide)\b|"
         r"\bknow (?:how|when) i (?:would|will|am going to) do it\b", False, None, False),
        ("en_veiled_more", si,
         r"\bi (?:should|ought to) (?:just )?(?:die|disappear forever|not be here|not exist|be dead|not be alive)\b|"
         r"\b(?:gun|pistol|pills|rope|knife|razor|blades?)\b(?: [\w']+){0,8}? (?:keep|kept|been|can not stop|am|"
         r"i am|i keep|i have been) (?:looking at|staring at|holding|touching|thinking about|considering|tempted by) "
         r"(?:it|them|taking them|using it|doing it)\b|"
         r"\b(?:bought|buying|got|purchased|ordered) (?:a |the |some )?(?:rope|noose|gun|pistol|handgun|rifle)\b"
         r"(?! (?:for (?:climbing|camping|hunting|work|the range|sailing|my (?:dog|boat|tent))|to (?:climb|hunt)))|"
         r"\b(?:keep|kept|been|can not stop) (?:looking at|staring at|holding|thinking about) (?:the |my |a )?"
         r"(?:gun|pistol|pills|rope|razor|blades?|noose)\b|"
         r"\b(?:ways|how) to die\b(?! (?:well|with dignity|of old age))|\bdie painlessly\b|"
         r"\b(?:going to|want to|plan to|planning to|about to|ready to|will|tonight i will) (?:take|swallow|down) "
         r"(?:all|every one|every single one) (?:of )?(?:my |the |these |those )?(?:\w+ )?" + _PILLS + r"\b|"
         r"\b(?:fantasi[sz]\w*|dream\w*|imagin\w*|plan\w*) (?:about |of )?my (?:own )?funeral\b|"
         r"\b(?:if|when|once) i am (?:gone|not here|no longer here|not around|dead)(?:,? [\w']+){0,3}?,? "
         r"(?:tell|please|take care|give|look after)\b|"
         r"\b(?:do not|can not|no longer) see (?:the|any) point (?:in (?:living|life|going on|being alive|anything)|"
         r"of (?:living|life|going on))\b|\b(?:do not|can not|no longer) see (?:the|any) point"
         r" (?:anymore|any more)(?= *(?:[.!?,;]|$))", False, None, False),
        ("en_will", si,
         r"\b(?:wrote|written|writing|made|finished|updated) (?:out )?my will\b", False,
         _rx(r"\b(?:ready|goodbye|soon|not be around|not be here|tonight|end it|need it)\b"), False),
        ("en_not_around", si,
         r"\b(?:do not|can not|no longer) see myself (?:being |still )?(?:here|alive|around|living|in this world)"
         r"(?: (?:next|in|by|much|for|anymore|a year|long))?\b|\bmade (?:my )?peace with (?:it|dying|death|"
         r"leaving|everything|the idea|going)\b|"
         r"\bi (?:will not|am not going to|do not think i will|do not think i am going to|probably will not|"
         r"might not|may not) (?:be|still be) (?:around|here|alive) (?:for|by|to see|at|next|much|anymore|"
         r"tomorrow|long|this)\b|"
         r"\b(?:not|no longer) be (?:a )?(?:burden|problem|around|here|bothering anyone)(?: to (?:anyone|you|them))?"
         r" (?:for |much )?(?:much |very )?(?:longer|anymore|for long|soon|tomorrow)\b|"
         r"\b(?:no one|nobody|noone) (?:would|will|is going to) (?:even )?(?:miss|notice|care|cry|mourn)"
         r"(?: \w+){0,2}? (?:if i|when i|me|that i)\b", False, None, False),
        ("en_think_dying", si,
         r"\b(?:think|thinking|thought|thoughts|dream|dreaming|fantasi[sz]e|fantasi[sz]ing|obsess\w*|"
         r"preoccupied) (?:a lot |often |constantly |all the time |every day |lately |more and more |sometimes )?"
         r"(?:about|of) (?P<key>dying|killing myself|ending (?:it|my life|things)|not being (?:here|alive|around)|"
         r"not existing|my (?:own )?death|being dead|ending it all)\b|"
         r"\b(?:dying|death|being dead) (?:sounds|seems|feels|would be) (?:peaceful|like a relief|good|nice|"
         r"better|easier|like the only way)\b|\b(?:relief|peace|comfort) (?:of|in) (?:dying|death)\b",
         True, None, False),
        ("en_want_stop", si,
         r"\b(?P<key>(?:want|need|wish|wanted|pray|praying|ready) (?:for )?(?:it all|everything|all of (?:it|this)|"
         r"all this|life|my life|the pain|this pain|the suffering) to (?:stop|end|be over|go away forever|"
         r"finally end))\b|\bmake (?:it all|everything) stop\b|"
         r"\bend the pain (?:for good|forever|permanently)\b", True, None, False),
        ("en_overdose_intent", si,
         r"\b(?:want|going|plan|planning|thinking about|think about|thought about|ready|tempted|decided) "
         r"(?:to )?(?P<key>overdos(?:e|ing)|od)\b", True, None, False),
        # ---- French: suicidal ideation --------------------------------------------------------
        ("fr_me_tuer", si,
         r"\b(?P<key>me suicider|me pendre|me flinguer|me foutre en l'air|"
         r"me tirer une balle|mettre fin a (?:mes jours|ma vie|mon existence)|m'enlever la vie|"
         r"m'ouvrir les veines)\b|"
         # "me tuer" is also an idiom ("ce cours va me tuer"): only with a first-person or intent lead-in
         r"\b(?:je|j'|moi|envie|besoin|pense|penser|pensee|idee|essaye|essayer|tente|tenter|vais|veux|voudrais|"
         r"pourrais|peur|pret|prete|decide)\b(?: [\w']+){0,3}? (?P<key2>me tuer)\b", True, None, False),
        ("fr_en_finir", si,
         r"\b(?P<key>en finir)\b(?! avec (?!(?:la vie|ma vie|tout|moi|cette vie|l'existence|mes jours)\b))",
         True, None, False),
        ("fr_want_die", si,
         r"\b(?P<key>(?:veux|voudrais|voulais|souhaite|souhaiterais|aimerais|prefererais|envie de|pense a|"
         r"reve de|revais de|besoin de) (?:juste |seulement |tellement |vraiment |simplement )?(?:mourir|crever|"
         r"etre morte?|disparaitre pour toujours|ne plus exister|ne plus etre la|ne jamais me reveiller|"
         r"ne plus me reveiller))\b", True, None, False),
        ("fr_dont_want_live", si,
         r"\bplus (?:\w+ ){0,2}?(?:envie de vivre|raison de vivre|le gout de vivre|la force de vivre|"
         r"vivre|exister)\b(?! (?:comme|ainsi|avec|sans|ici|chez|en|dans|a|au|la-bas|la|pres|pour))|"
         r"\b(?:aucune|pas de|plus de) raisons? de vivre\b|"
         r"\b(?:ca|la vie) ne vaut (?:plus|pas) la peine (?:de vivre|d'etre vecue|de continuer)\b|"
         r"\b(?:fatiguee?|tannee?|epuisee?|ecoeuree?) de (?:vivre|la vie|exister)\b(?! (?:comme|ainsi|avec|dans|ici|la|en|sans|a))|"
         r"\bje (?:devrais|ferais mieux de) (?:juste |simplement )?(?:disparaitre|mourir|ne pas etre la|ne plus etre la|"
         r"ne pas exister)\b", False, None, False),
        ("fr_idees_noires", si,
         r"\b(?P<key>idees? (?:noires|suicidaires|de mort|de suicide)|pensees? (?:suicidaires|de mort))\b",
         True, None, False),
        ("fr_pense_mourir", si,
         r"\bpense(?:s|r)? (?:souvent |beaucoup |tout le temps |parfois |de plus en plus )?a (?P<key>mourir|"
         r"la mort(?! d[e'])|ma mort|me tuer|en finir|disparaitre|"
         r"mettre fin(?! a (?!(?:mes jours|ma vie|tout|mon existence|mes souffrances)\b)))\b", True, None, False),
        ("fr_mieux_sans_moi", si,
         r"\b(?:mieux|plus heureux|plus heureuse|plus heureuses) sans moi\b|"
         r"\bpersonne ne (?:\w+ )?(?:remarquerait|verrait|regretterait|s'apercevrait|manquerait|pleurerait|"
         r"s'en rendrait compte|viendrait a mes (?:funerailles|obseques)|viendrait a mon enterrement)\b|"
         r"\ba quoi bon (?:continuer|vivre|me lever|rester en vie|tout ca|essayer encore)\b|"
         r"\bje ne serai plus (?:la|ici) (?:demain|bientot|longtemps)\b", False, None, False),
        ("fr_adieu", si,
         r"\b(?P<key>(?:lettres?|mots?|messages?|notes?) d'adieu|fait mes adieux|dire adieu a (?:tout le monde|tous|ma famille|"
         r"mes proches)|c'est (?:un|mon) adieu|mis de l'ordre dans mes affaires)\b", True, None, False),
        ("fr_donne_affaires", si,
         r"\b(?P<key>(?:donne|donner|donnes|distribue|distribuer) (?:toutes |tous |la plupart de )?mes "
         r"(?:affaires|choses|biens|objets|animaux|chat|chien|possessions))\b", True, None, False),
        ("fr_means", si,
         r"\bcombien de (?:\w+ )?(?:pilules|comprimes|cachets|medicaments|somniferes|tylenol|advil)\b"
         r"(?: [\w'-]+){0,8}? (?:mourir|tuer|mortel|mortelle|me reveiller|en finir|faudrait|faut-il|"
         r"faut il|overdose|surdose)\b|\bdose (?:mortelle|letale|fatale)\b|"
         r"\b(?:pont|immeuble|batiment|edifice|toit|tour) le plus (?:haut|eleve)\b(?: [\w']+){0,5}? "
         r"(?:pres|proche|autour|dans le coin|pour sauter|en ville|du coin)\b|"
         r"\b(?:veux|vais|envie de|pense a|penser a|voudrais|pret a|prete a) (?:\w+ )?(?:sauter|me jeter) "
         r"(?:du|d'un|d'une|de|par|sous|devant) (?:la |le |un |une )?(?:pont|toit|immeuble|balcon|fenetre|"
         r"falaise|viaduc|train|metro|camion|voiture)\b|"
         r"\bme jeter (?:sous|devant) (?:un |le |la )?(?:train|metro|camion|voiture|autobus|bus)\b|"
         r"\b(?:accumule|stocke|garde|cache|accumuler|stocker) (?:mes |des )?(?:pilules|comprimes|cachets|"
         r"medicaments|somniferes)\b|\b(?:une corde|un fusil|une arme|des lames)\b(?: [\w']+){0,4}? "
         r"(?:prete?|pour (?:ce soir|demain|en finir|me|le faire))\b|"
         r"\bun plan pour (?:mourir|en finir|me tuer|me suicider)\b|"
         r"\b(?:achete|achetee|trouve|trouvee|commande|procure) (?:une |un |la |le )?(?:corde|fusil|arme|pistolet)\b",
         False, None, False),
        ("fr_passive", si,
         r"\b(?:ne (?:\w+ )?(?:plus|jamais|pas) me reveiller|dormir pour (?:toujours|l'eternite)|m'endormir pour "
         r"(?:toujours|de bon)|disparaitre (?:pour toujours|a jamais|pour de bon|definitivement)|"
         r"ne plus exister)\b", False, None, False),
        ("fr_que_tout_arrete", si,
         r"\bque (?P<key>(?:tout|tout ca|tout cela|la douleur|cette douleur|la souffrance|cette souffrance|"
         r"ma vie) (?:s'arrete|finisse|cesse|prenne fin|se termine))\b"
         r"(?! (?:bien|mal|avec|entre|pour (?!de bon|toujours)|a temps|vite|de (?:la|le)))", True, None, False),
        # ---- Spanish: suicidal ideation --------------------------------------------------------
        ("es_matarme", si,
         r"\b(?P<key>matarme|quitarme la vida|acabar con mi vida|terminar con mi vida|ahorcarme|colgarme|"
         r"tirarme (?:de|del|por|a|al|bajo|desde)|aventarme|envenenarme|cortarme las venas|pegarme un tiro|"
         r"darme un tiro|me (?:quiero|voy a|gustaria|dan ganas de) (?:matar|suicidar|quitar la vida|ahorcar|"
         r"colgar|tirar|aventar|lanzar)|me (?:quiero|gustaria|dan ganas de) morir)\b", True, None, False),
        ("es_want_die", si,
         r"\b(?P<key>(?:quiero|quisiera|deseo|necesito|prefiero|preferiria|me gustaria|tengo ganas de|ganas de|"
         r"pienso en|pensando en|sueno con) (?:solo |solamente |nada mas |simplemente )?(?:morir|morirme|"
         r"estar muert[oa]|desaparecer para siempre|dejar de existir|no existir|no despertar|no despertarme|"
         r"dormir para siempre|acabar con todo|matarme|suicidarme))\b", True, None, False),
        ("es_dont_want_live", si,
         r"\bno (?:quiero|deseo|tengo ganas de) (?:\w+ )?(?:vivir|seguir viviendo|seguir con vida|despertar|"
         r"existir|estar viv[oa])\b(?! (?:con|asi|en|aqui|alla|sin|de esta|de este|cerca|lejos|solo|sola))|"
         r"\bno (?:tengo|hay|encuentro|veo) (?:\w+ )?(?:razon|razones|motivo|motivos|sentido) (?:para|de|en) "
         r"(?:vivir|seguir)\b|\bno vale la pena (?:vivir|seguir viviendo|seguir)\b|"
         r"\bla vida no vale la pena\b|"
         r"\bya no (?:quiero|puedo) (?:\w+ )?(?:vivir|seguir viviendo)\b(?! (?:asi|con|en|aqui|sin))|"
         r"\bcansad[oa] de (?:vivir|la vida|existir)\b(?! (?:asi|con|en|aqui|sin))|"
         r"\b(?:mejor|quisiera|ojala|prefiero|preferiria) no (?:volver a )?despertar(?:me)?\b|"
         r"\bojala (?:estuviera|estar|me muriera|no existiera|no hubiera nacido)\b|"
         r"\bseria mejor (?:morir(?:me)?|no existir|no estar aqui|desaparecer|estar muert[oa])\b", False, None, False),
        ("es_mejor_sin_mi", si,
         r"\b(?:para que|de que sirve) seguir (?:viviendo|vivo|viva|aqui|adelante)?\b|\bmejor sin mi\b|\b(?:mas felices|mas feliz) sin mi\b|"
         r"\bnadie (?:me )?(?:extranaria|notaria|echaria de menos|lloraria|se daria cuenta)\b|"
         r"\bya no estare (?:aqui|mucho tiempo|manana)\b", False, None, False),
        ("es_despedida", si,
         r"\b(?P<key>(?:cartas?|notas?|mensajes?) de despedida|despedirme de (?:todos|todo el mundo|mi familia)|"
         r"esto es (?:un|mi) adios|mi ultimo adios)\b", True, None, False),
        ("es_regale_cosas", si,
         r"\b(?P<key>(?:regale|regalado|regalando|regalo|di|doy|repartido|reparti|repartiendo|deshice de) "
         r"(?:todas |la mayoria de )?mis (?:cosas|pertenencias|posesiones|objetos|mascotas))\b", True, None, False),
        ("es_means", si,
         r"\bcuant[ao]s (?:\w+ )?(?:pastillas|pildoras|tabletas|comprimidos|medicamentos)\b(?: \w+){0,8}? "
         r"(?:morir|matar|despertar|mortal|letal|sobredosis|necesitaria|haria falta|hacen falta|se necesitan|"
         r"acabar)\b|\bdosis (?:letal|mortal)\b|"
         r"\b(?:puente|edificio|techo|azotea) mas alt[oa]\b(?: \w+){0,5}? (?:cerca|por aqui|de la ciudad|"
         r"para saltar|del barrio)\b|"
         r"\b(?:quiero|voy a|pienso en|ganas de|pensando en|quisiera) (?:\w+ )?saltar (?:de|del|desde) "
         r"(?:un |el |la |una )?(?:puente|edificio|techo|balcon|azotea|ventana)\b|"
         r"\b(?:junto|juntando|guardo|guardando|acumulo|acumulando) (?:mis |las |unas )?(?:pastillas|pildoras|"
         r"medicamentos)\b|\btengo un plan para (?:morir|matarme|suicidarme|acabar)\b|"
         # "compré una cuerda para colgar la ropa": a stated ordinary purpose is not a means
         r"\b(?:compre|consegui|encontre) (?:una |un |la |el )?(?:cuerda|soga|pistola|arma)\b"
         r"(?! para (?!colgarme|matarme|ahorcarme|suicidarme|acabar|morir))", False, None, False),
        ("es_pensamientos", si,
         r"\b(?P<key>pensamientos (?:suicidas|de muerte|de morir)|pienso (?:mucho |a menudo |todo el tiempo |"
         r"siempre )?en (?:morir|la muerte|matarme|suicidarme|desaparecer|acabar con todo))\b", True, None, False),
        ("es_que_todo_termine", si,
         r"\bque (?P<key>todo (?:termine|pare|se acabe|acabe|se termine))\b"
         r"(?! (?:bien|mal|con|entre|en|para|a tiempo|pronto|de (?:la|el|este|esta)))|"
         r"\b(?:dormir|dormirme) y no despertar\b", True, None, False),
        # ---- self-harm -------------------------------------------------------------------------
        ("en_self_harm_terms", sh, r"\b(?P<key>self[- ]?(?:harm\w*|injur\w*|mutilat\w*))\b", True, None, False),
        ("en_cut_myself", sh,
         r"\b(?P<key>(?:cut|cutting|cuts|burn|burning|burned|burnt|hit|hitting|punch|punching|scratch|scratching|"
         r"bite|biting|carve|carving) myself)\b(?! (?:while|when|on (?:the|a)|by accident|accidentally|cooking|"
         r"shaving|in the kitchen|up))", True, None, False),
        ("en_cut_body", sh,
         r"\b(?P<key>(?:cut|cutting|slice|slicing|sliced|slit|carve|carving|carved|burn|burning|burned|scratch|"
         r"scratching|scratched|pick|picking|claw|clawing|punch|punching|hit|hitting|bang|banging|slam|slamming) "
         r"(?:up |into |at )?my (?:wrists?|arms?|legs?|thighs?|skin|stomach|hips?|forearms?|face|head))\b(?! (?:on|while|by accident|"
         r"accidentally))|\b(?:scratch|scratching|scratched|pick|picking|picked|bite|biting|hit|hitting|punch|"
         r"punching|cut|cutting|claw|clawing)\b(?: [\w']+){0,4}? (?:until|till) (?:it|they|i|my skin) (?:bleeds?|"
         r"bled|bleeding|draws? blood)\b",
         True, None, False),
        ("en_cutting_again", sh,
         r"\b(?:started|start|starting|been|keep|kept|back to|go back to|going back to|relapsed? (?:on|into)|"
         r"urge to|urges to|want to|wanting to|need to|tempted to|stop|stopped|quit|quitting|addicted to) "
         r"(?P<key>cutting)\b(?! (?:back|down|ties|corners|class|classes|out|off|costs|carbs|sugar|calories|my|"
         r"hair|the|people|them|him|her|it|me|in|wood|paper))", True, None, False),
        ("en_hurt_myself", sh,
         r"\b(?P<key>(?:hurt|hurting|harm|harming|injure|injuring|punish|punishing) myself)\b(?! (?:while|when|"
         r"playing|at|during|in|on|lifting|running|falling|by accident|accidentally|exercising|skiing|"
         r"working out|laughing))", True, None, False),
        ("en_blades", sh,
         r"\bbleed(?:ing)? on purpose\b|\b(?:hurt|hurting|harm|harming|cut|cutting|burn|burning|injure|injuring|"
         r"hit|hitting) myself (?:on purpose|deliberately|intentionally)\b|\b(?:razor|razors|blade|blades|lighter) (?:to|on|into|against) my "
         r"(?:skin|arms?|wrists?|legs?|thighs?)\b", True, None, False),
        ("fr_self_harm", sh,
         r"\b(?P<key>auto-?mutilation|automutil\w*|scarifi\w*|auto-?agression|me faire du mal|"
         r"je me (?:fais|suis fait|suis faite) du mal|(?:coupee?|brulee?|blessee?|scarifiee?) (?:expres|volontairement)|me blesser (?:expres|volontairement)|"
         r"me couper (?:les |le )?(?:bras|poignets|veines|cuisses|jambes|peau)|"
         r"me bruler (?:avec|expres|volontairement)|me mutiler|me taillader|"
         r"je me coupe (?:encore|souvent|les bras|les poignets|pour|quand|a nouveau)|"
         r"(?:envie de|besoin de|recommence a|recommencer a|arreter de) me (?:couper|scarifier|bruler|mutiler|"
         r"frapper)|(?:coupe|taillade|brule|scarifie|griffe|lacere|gratte) (?:mes|mon|ma) (?:bras|poignets?|"
         r"cuisses?|jambes?|peau|ventre)(?: jusqu'au sang)?)\b", True, None, False),
        ("es_self_harm", sh,
         r"\b(?P<key>autolesion\w*|auto-?lesion\w*|autoagresion|hacerme dano|me hago dano|"
         r"me hice dano a proposito|lastimarme|me lastimo a proposito|quemarme|"
         r"me (?:corto|corte) (?:los brazos|las munecas|las piernas|los muslos|la piel|otra vez|de nuevo|para|"
         r"cuando|todos los dias|seguido)|(?:corte|corto|rasgue|rasguno|queme|quemo) (?:mis|mi) (?:brazos?|"
         r"munecas?|piernas?|muslos?|piel)|cortarme)\b(?! (?:el|la|los|las|un|una) (?:pelo|cabello|flequillo|"
         r"unas|barba|dedo|fleco))", True, None, False),
        # ---- harm to others ----------------------------------------------------------------------
        ("en_harm_others", ho,
         r"\b(?:" + _INTENT_EN + r"|about|could|might|will|would|would like|going) (?:to )?(?:really |just )?"
         r"(?P<key>(?:kill|killing|murder|murdering|hurt|hurting|stab|stabbing|shoot|shooting|strangle|"
         r"strangling|choke|choking|poison|poisoning|beat|beating|attack|attacking|harm|harming|smother|"
         r"smothering|drown|drowning|run over) " + _VICTIM_EN + r")\b"
         # "hurt her feelings", "hurt my girlfriend's feelings" are not violence
         r"(?!'s|s'| (?:feelings|ego|pride|chances|reputation|career|business|relationship|grades|image))",
         True, None, False),
        ("en_violence_plan", ho,
         r"\b(?:shoot|shooting|shot) up (?:the|my|a) (?:school|office|class|workplace|church|mall)\b|"
         r"\bbring (?:a|my) (?:gun|knife|weapon) to (?:school|work|class|the office)\b|\bhomicidal\b|"
         r"\bmake (?:him|her|them) (?:suffer|bleed)\b", True, None, False),
        ("fr_harm_others", ho,
         r"\b(?:veux|voudrais|vais|envie de|pense a|penser a|pret a|prete a|capable de|besoin de) "
         r"(?P<key>(?:le |la |les |l')?(?:tuer|frapper|blesser|etrangler|poignarder|buter)(?: (?:mon|ma|mes|"
         r"quelqu'un|tout le monde|des gens|cet|cette|ce|lui|elle|eux))?|(?:lui|leur|la|le|les) faire "
         r"(?:du mal|souffrir))\b", True, None, False),
        ("es_harm_others", ho,
         r"\b(?:quiero|voy a|tengo ganas de|ganas de|pienso en|estoy pensando en|podria|quisiera) "
         r"(?:\w+ )?(?P<key>matarlo|matarla|matarlos|matarlas|matar a|hacerle dano|hacerles dano|lastimarlo|"
         r"lastimarla|golpearlo|golpearla|apunalarlo|apunalarla|herirlo|herirla|dispararle)\b", True, None, False),
        # ---- abuse in progress -------------------------------------------------------------------
        ("en_abuse_present", ab,
         r"\b" + _SUBJECT_EN + r" (?:\w+ ){0,2}?(?P<key>(?:hits|beats|chokes|strangles|punches|kicks|slaps|rapes|"
         r"molests|abuses|burns|shoves|bites|strikes|assaults|locks) (?:me|us)|(?:touches|keeps touching|is touching) "
         r"me(?! (?:gently|softly|lovingly))|hurts me physically)\b", True, None, False),
        ("en_abuse_progressive", ab,
         r"\b" + _SUBJECT_EN + r" (?:is|are|keeps|kept|has been|have been|started|starts|was|were) "
         r"(?:\w+ )?(?P<key>(?:hitting|beating|choking|strangling|punching|kicking|slapping|raping|molesting|"
         r"abusing|hurting|threatening|stalking) me)\b", True, None, False),
        ("en_abuse_recent", ab,
         r"\b" + _SUBJECT_EN + r" (?:\w+ ){0,2}?(?P<key>(?:hit|beat|choked|strangled|punched|kicked|slapped|raped|"
         r"assaulted|attacked|burned|pushed|shoved) me) (?:\w+ ){0,4}?(?:last night|yesterday|today|tonight|"
         r"this morning|this afternoon|this evening|again|an hour ago|hours ago|earlier|just now|this week|"
         r"last week|a few days ago|every day|every night|all the time|when (?:he|she) (?:gets|is) "
         r"(?:drunk|angry|mad|home))\b", True, None, False),
        ("en_threat_kill_me", ab,
         r"\b(?:threaten(?:s|ed|ing)?|said|says|swore|promised|told me) (?:\w+ ){0,2}?(?:to|(?:he|she|they) "
         r"(?:will|would|is going to|was going to)) (?P<key>(?:kill|hurt|beat|shoot|stab|strangle) me)\b|"
         r"\b(?:he|she|they) (?:is|are|will|would|is going to|are going to) (?:\w+ )?(?P<key2>(?:kill|hurt|beat) "
         r"me)\b|\b(?:afraid|scared|terrified|frightened) (?:of|that) (?:\w+ ){0,3}?(?:will|would|is going to|"
         r"might|could) (?:kill|hurt|beat|hit|rape) me\b|"
         r"\b(?:forces|forced|makes|made) me (?:to )?(?:have sex|do sexual|touch (?:him|her))\b", True, None, False),
        ("en_abuse_night", ab,
         r"\b" + _SUBJECT_EN + r" (?:\w+ )?(?:comes|keeps coming|sneaks|gets|climbs|came) into my (?:room|bed)"
         r"(?: \w+){0,3}? (?:at night|when|while|and touches)\b", True, None, False),
        ("en_not_safe", ab,
         r"\bnot (?:feel )?safe (?:at home|in my (?:own )?(?:home|house)|in this house|with (?:him|her|them|my "
         r"\w+))\b|\b(?:scared|afraid|terrified|frightened) (?:to go|of going|to be|of being) (?:back )?home\b|"
         r"\b(?:locked me (?:in|out)|will not let me leave|keeps me locked|blocking the door|blocks the door|"
         r"took my (?:keys|phone) so i can not (?:leave|call))\b|"
         r"\b(?:threw|throws|throwing|hurled|smashed) (?:a |an |the |his |her |[\w']+ ){0,2}?(?:at|on|over) "
         r"(?:me|my head|my face)\b|"
         r"\b(?:he|she|they) (?:says|said|swears|swore|threatens|threatened) (?:that )?(?:he|she|they) will do "
         r"(?:worse|it again)\b|"
         r"\bhiding from (?:him|her|them|my \w+)\b", False, None, False),
        ("en_coming_home", ab,
         r"\b(?:coming|comes|gets|get|be|will be) (?:back )?home (?:soon|tonight|any minute|in an hour|"
         r"in \w+ minutes|any time now)\b", False, _VIOLENCE_CONTEXT, False),
        ("fr_abuse", ab,
         r"\b" + _SUBJECT_FR + r" (?:\w+ )?(?P<key>(?:me|m'|nous) ?(?:frappe|frappent|bat|battent|cogne|cognent|"
         r"etrangle|viole|violente|brutalise|gifle|giflent|maltraite|maltraitent|agresse|enferme|"
         r"menace de me tuer))\b|\b(?P<key2>menace de me (?:tuer|frapper|faire du mal))\b|"
         r"\b(?:il|elle|ils) (?:va|vont) me (?:tuer|frapper|battre)\b|"
         r"\b(?:m'a|m'ont) (?:encore )?(?:frappee?|battue?|etranglee?|violee?|poussee?|giflee?|agressee?)"
         r"(?: [\w']+){0,3}? (?:hier|ce matin|ce soir|aujourd'hui|cette nuit|encore|tout a l'heure)\b|"
         r"\bj'ai peur (?:qu'il|qu'elle|de lui|d'elle|de rentrer)\b|"
         r"\b(?:pas|plus) en securite (?:a la maison|chez moi|avec lui|avec elle|ici)\b", True, None, False),
        ("fr_rentre", ab,
         r"\b(?:rentre|revient|arrive|sera la) (?:bientot|ce soir|dans (?:une|\w+) (?:heure|minutes))\b",
         False, _VIOLENCE_CONTEXT, False),
        ("es_abuse", ab,
         r"(?<!se )\b(?:me|nos) (?P<key>pega|pegan|golpea|golpean|ahorca|estrangula|viola|maltrata|maltratan|patea|"
         r"empuja|abofetea|agrede|encierra)\b|"
         r"\bme (?:pego|golpeo|ahorco|violo|empujo|abofeteo|pegaron) (?:otra vez|de nuevo|anoche|ayer|hoy|"
         r"esta manana|esta noche)\b|"
         r"\b(?:amenaza|amenazo|amenazando) con (?:matarme|hacerme dano|pegarme|golpearme|lastimarme)\b|"
         r"\b(?:el|ella|mi (?:esposo|marido|novio|novia|pareja|padre|papa|padrastro|madre|mama|ex|hermano)) "
         r"(?:\w+ )?(?:va|iba) a (?:matarme|pegarme|golpearme|hacerme dano)\b|"
         r"\b(?:tengo miedo|me da miedo) (?:de )?(?:volver|regresar|ir) a (?:casa|mi casa)\b|"
         r"\btengo miedo de (?:el|ella|mi esposo|mi marido|mi novio|mi pareja)\b|"
         r"\bno (?:estoy|me siento) (?:a salvo|segur[oa]) (?:en (?:casa|mi casa)|con el|con ella|aqui)\b",
         True, None, False),
        ("es_threat_reported", ab,
         r"\b(?:dice|dijo|amenaza|amenazo|jura|juro) que (?:[\w']+ ){0,5}?(?:me va a|va a) (?:matar|matarme|pegar|"
         r"pegarme|golpear|golpearme|hacer dano|hacerme dano)\b|\b(?:dit|a dit|menace|jure|a jure) qu'(?:il|elle) "
         r"(?:[\w']+ ){0,5}?(?:va|allait) me (?:tuer|frapper|battre)\b", True, None, False),
        ("es_va_a_matarme", ab,
         r"\b(?:me va a (?:matar|pegar|golpear)|va a (?:matarme|pegarme|golpearme|hacerme dano))\b",
         True, _VIOLENCE_CONTEXT, False),
        ("es_llega", ab,
         r"\b(?:ya viene|llega pronto|va a llegar|viene en camino|regresa pronto|vuelve pronto|llega esta noche)\b",
         False, _VIOLENCE_CONTEXT, False),
        # ---- medical emergency -------------------------------------------------------------------
        ("en_took_bottle", me,
         r"\b(?P<key>(?:took|taken|swallowed|downed|ate|eaten|popped|chugged|drank) (?:\w+ ){0,2}?(?:whole|entire|"
         r"full|all of) (?:the |my |a )?(?:bottle|box|pack|packet|container|jar|blister|prescription|supply))"
         r"\b(?! of (?:wine|beer|champagne|water|soda|coke|juice|milk|cereal|cookies|chips|vodka|whisky|whiskey|"
         r"rum|gin|tequila|liquor|alcohol|cider|sake|soju))", True, None, False),
        ("en_took_many", me,
         r"\b(?P<key>(?:took|taken|swallowed|downed|popped|ate|overdosed on) (?:\w+ ){0,2}?(?:a bunch|a handful|"
         r"handfuls|too many|way too many|dozens|a dozen|a fistful|\d{2,}|ten|twelve|fifteen|twenty|thirty|forty|"
         r"fifty|sixty|a hundred|all of (?:my|the)|a whole bunch|a lot|lots|a ton|a pile|several|so many|a box) "
         r"(?:of )?(?:[\w']+ ){0,3}?" + _PILLS + r")\b", True, None, False),
        ("en_took_at_once", me,
         r"\b(?P<key>(?:took|swallowed|downed|popped) all (?:my|the|of my|of the) (?:\w+ )?" + _PILLS + r")"
         r" (?:at once|together|an hour ago|tonight|just now)\b", True, None, False),
        ("en_overdosed", me,
         r"\bi (?:\w+ ){0,2}?(?P<key>overdosed|od'?d|od-ed|took an overdose|took an od)\b", True, None, False),
        ("en_other_overdose", me,
         r"\b(?:he|she|they|my \w+) (?:\w+ ){0,2}?(?P<key>overdosed|took an overdose|od'?d|took (?:a bunch|a handful|"
         r"too many|all|the whole bottle) (?:of )?(?:his|her|their|the) (?:\w+ )?" + _PILLS + r")\b|"
         r"\b(?:he|she|they) (?:will not|is not|are not|does not|can not) (?:wake up|waking up|breathing|"
         r"responding)\b", True, None, False),
        ("en_poison", me,
         r"\b(?P<key>(?:drank|swallowed|ingested|took|drunk) (?:some |a bottle of |a cup of )?(?:bleach|poison|"
         r"antifreeze|drain cleaner|rat poison|pesticide|weed killer|cleaning products?))\b", True, None, False),
        ("en_bleeding", me,
         r"\b(?:cut|went) too deep\b|\b(?:bleeding|blood) (?:will not|does not|is not going to) stop\b|"
         r"\bcan not stop (?:the )?bleeding\b|\b(?:losing|lost) (?:a lot of|so much) blood\b", True, None, False),
        ("en_mixed", me,
         r"\b(?P<key>(?:mixed|mixing|combined|took) (?:my |some |the |all my )?(?:\w+ )?" + _PILLS + r" "
         r"(?:with|and) (?:alcohol|vodka|whisky|whiskey|wine|beer|booze|liquor|drinks))\b", True, None, False),
        ("fr_medical", me,
         r"\b(?P<key>(?:pris|avale|bu) (?:\w+ ){0,2}?(?:toute la (?:boite|bouteille|plaquette)|tout le "
         r"(?:flacon|pot|tube)|toutes mes (?:pilules|somniferes)|tous mes (?:comprimes|cachets|medicaments|"
         r"somniferes)|trop de (?:pilules|comprimes|cachets|medicaments|somniferes)|une poignee de|plein de "
         r"(?:pilules|comprimes|cachets|medicaments)|\d{2,} (?:pilules|comprimes|cachets)|(?:une|des) (?:dizaine|"
         r"douzaine|quinzaine|vingtaine|trentaine|quarantaine|cinquantaine|centaine|tas|paquet|poignee|boite) de "
         r"(?:[\w']+ ){0,2}?(?:pilules|comprimes|cachets|medicaments|somniferes|tylenol|advil)))\b"
         r"(?! de (?:vin|biere|jus|lait|eau))|"
         r"\b(?P<key2>fait une (?:surdose|overdose))\b|"
         r"\b(?:bu|avale) (?:de l'eau de javel|du poison|de la javel|de l'antigel)\b|"
         r"\b(?:je saigne beaucoup|ca ne s'arrete pas de saigner|arrive pas a arreter le saignement|"
         r"coupee? trop profond)\b", True, None, False),
        ("es_medical", me,
         r"\b(?P<key>(?:me )?(?:tome|trague|bebi|he tomado|tomado) (?:\w+ ){0,2}?(?:todo el (?:frasco|bote|blister|"
         r"paquete)|toda la (?:caja|botella|tableta)|todas (?:las|mis) (?:pastillas|pildoras|tabletas|medicinas)|"
         r"muchas pastillas|demasiadas pastillas|un punado de|\d{2,} (?:pastillas|pildoras|tabletas)|"
         r"(?:una |un )?(?:decena|docena|veintena|treintena|monton|punado|bote|caja) de (?:\w+ ){0,2}?"
         r"(?:pastillas|pildoras|tabletas|medicamentos|pastillas para dormir)|(?:un|el) (?:frasco|bote|blister|"
         r"paquete) enter[oa]|(?:una|la) caja entera|(?:varias|muchas|todas las|"
         r"demasiadas) (?:\w+ ){0,2}?(?:pastillas|pildoras|tabletas)))\b|"
         r"\b(?P<key2>(?:tuve|me di|tome|me provoque) una sobredosis)\b|"
         r"\b(?:tome|bebi|trague) (?:cloro|lejia|veneno|raticida|anticongelante)\b|"
         r"\bno (?:para|deja) de sangrar\b|\bme corte demasiado (?:profundo|hondo)\b", True, None, False),
        # ---- general co-occurrence rules (added after held-out round 1 showed phrase rules
        #      generalise poorly): cues that must meet in one sentence or one text -------------
        ("self_absence_relief", si,
         # first-person absence / death + relief, desire, decision or "in case" in the same sentence
         r"\bi (?:just |simply |finally |really )?(?:was not|were not|am not|was no longer|were no longer|"
         r"am no longer) (?:here|around|alive|in the picture|in their lives|in this world|on this earth)\b|"
         r"\bi (?:just |simply )?(?:was|were|am) (?:gone|dead|out of the picture)\b|"
         r"\bi (?:died|disappeared|vanished|was to die|were to die|ceased to exist|stopped existing)\b|"
         r"\bi (?:did not|do not|will not|never|would not) wake up\b|\b(?:after|when|once) i am gone\b|"
         r"\bje (?:n'etais|n'etait|ne serais|ne serai|ne suis) plus (?:la|ici|en vie)\b|"
         r"\bje (?:mourais|disparaissais|n'existais plus|ne me reveillais pas|ne me reveille pas)\b|"
         r"\b(?:apres ma mort|quand je serai partie?|quand je ne serai plus la)\b|"
         r"\b(?:ya no estuviera|ya no este|yo no estuviera|me muriera|desapareciera|no despierto|no despertara|"
         r"no me despierto|ya no existiera|cuando me muera|cuando ya no este|despues de mi muerte)\b",
         False, None, False,
         _rx(r"\b(?:better|happier|relieved|relief|easier|lighter|fine|freer|peace|peaceful|want|wish|hope|"
             r"would like|ready|decided|plan|planning|tonight|in case|notice|miss me|even care|mieux|"
             r"plus heureux|plus heureuse|plus heureuses|soulages?|soulagees?|plus facile|en paix|veux|voudrais|"
             r"souhaite|aimerais|prete?|decide|ce soir|au cas ou|remarquerait|mejor|mas felices|mas feliz|"
             r"aliviad[oa]s?|mas facil|en paz|quiero|quisiera|ojala|deseo|list[oa]|decidi|esta noche|por si|"
             r"notaria|extranaria)\b")),
        ("without_me_relief", si,
         r"\b(?:without me|sans moi|sin mi)\b", False, None, False,
         _rx(r"\b(?:better|happier|relieved|easier|lighter|fine|freer|mieux|plus heureux|plus heureuse|"
             r"soulages?|soulagees?|mejor|mas felices|mas feliz|aliviad[oa]s?)\b")),
        ("note_with_timing", si,
         r"\b(?:wrote|written|writing|left|leaving|leave|prepared|finished) (?:a |the |my |some )?(?:last |final )?"
         r"(?:note|notes|letter|letters|message|messages|video)\b|"
         r"\b(?:ecrit|laisse|prepare|ecrire) (?:une |des |ma |mes |un )?(?:derniere |dernier )?(?:lettre|lettres|"
         r"note|mot|message)\b|"
         r"\b(?:escribi|deje|prepare|escrito|escribiendo) (?:una |unas |la |mis |un )?(?:ultima |ultimo )?(?:carta|"
         r"cartas|nota|notas|mensaje)\b", False,
         _rx(r"\b(?:tonight is the night|today is the day|in case|if i (?:do not|never) wake|when i am gone|"
             r"after i am gone|if i am gone|goodbye|pills|rope|noose|gun|au cas ou|adieu|ce soir c'est|por si|"
             r"despedida|adios|pastillas|pilules|comprimes)\b"), False),
        ("timing_with_means", si,
         r"\b(?:tonight|today) is the (?:night|day)\b|\bc'est (?:ce soir|aujourd'hui) (?:que|le soir|le jour)\b|"
         r"\besta (?:noche|es la noche)\b(?: \w+){0,3}? (?:lo hago|lo voy a hacer)\b", False,
         _rx(r"\b(?:note|letter|goodbye|pills|rope|noose|gun|end it|ready|lettre|adieu|pilules|corde|carta|"
             r"despedida|pastillas|cuerda)\b"), False),
        ("self_harm_on_body", sh,
         r"\b(?:on|into|across|along|against) my (?:arms?|wrists?|legs?|thighs?|skin|stomach|hips?|forearms?|"
         r"body|chest)\b|\bsur (?:mes|mon|ma) (?:bras|poignets?|cuisses?|jambes?|peau|ventre|corps)\b|"
         r"\ben (?:mis|mi) (?:brazos?|munecas?|piernas?|muslos?|piel|estomago|cuerpo)\b", False, None, False,
         _rx(r"\b(?:razor|razors|blade|blades|knife|scissors|lighter|glass|using it|use it|used it|using them|"
             r"cut|cutting|cuts|scratch\w*|burn|burning|burned|burnt|carv\w*|rasoir|lames?|couteau|ciseaux|"
             r"coupe\w*|scarifi\w*|brule\w*|navaja|cuchillas?|cuchillo|tijeras|corto|corte|cortes|cortando|"
             r"quemo|queme)\b")),
        ("threat_with_weapon", ab,
         r"\b(?:threaten\w*|menace\w*|amenaz\w*) (?:me |m'|moi |a moi |me )?(?:with|avec|con) (?:a |an |his |her |"
         r"un |une |son |sa |una |su )?(?:knife|gun|pistol|weapon|couteau|arme|fusil|pistolet|cuchillo|pistola|"
         r"arma|navaja)\b|\b(?:holding|held|has|grabbed|pulled|pointed) (?:a |his |her )?(?:knife|gun|pistol) "
         r"(?:on|to|at|against) me\b", True, None, False),
        ("hiding_from_violence", ab,
         r"\b(?:locked|hiding|hid|barricaded|enfermee?|cachee?|barricadee?|encerrad[oa]|escondid[oa]) "
         r"(?:myself )?(?:in|dans|en) (?:the |my |la |le |ma |mon |el |mi )?(?:bathroom|closet|room|bedroom|car|"
         r"salle de bain|toilettes|chambre|garde-robe|auto|bano|cuarto|habitacion|armario|carro|coche)\b",
         False, _VIOLENCE_CONTEXT_NO_HIDING, False),
        ("high_place_let_go", si,
         r"\b(?:balcony|bridge|roof|rooftop|ledge|edge|cliff|window|overpass|tracks|platform|balcon|pont|toit|"
         r"rebord|falaise|fenetre|quai|puente|azotea|techo|cornisa|acantilado|ventana|vias)\b", False, None, False,
         _rx(r"\b(?:let go(?! of)|jump|jumping|step off|stepping off|lean over|throw myself|end it|how easy it would be|"
             r"sauter|me jeter|lacher prise|me laisser tomber|saltar|tirarme|soltarme|dejarme caer)\b")),
        ("means_enough_to_use", si,
         r"\benough (?:\w+ )?" + _PILLS + r" (?:to|saved|stored|for|stashed)\b|"
         r"\b" + _PILLS + r" (?:saved|stashed|stockpiled|hoarded|collected|put aside|set aside)\b|"
         r"\b(?:do it|try again|finish it) (?:properly|right|for real|for good) (?:this time|tonight)\b|"
         r"\b(?:use|using|usarla|usarlo|usarlas|usarlos|l'utiliser|les utiliser|utiliser) (?:it |them )?"
         r"(?:on myself|against myself|conmigo|contra mi|contre moi|sur moi)\b", True, None, False),
        ("violence_at_home_other", ab,
         r"\b" + _SUBJECT_EN + r" (?:\w+ )?(?:punches|hits|beats|chokes|strangles|kicks|slaps|is hitting|is beating|"
         r"is choking|is punching|keeps hitting|is hurting|hurts) (?:my|our) (?:mom|mother|dad|father|sister|"
         r"brother|little brother|little sister|kids?|children|baby|siblings?|wife|husband|grandma|grandmother)\b|"
         r"\b(?:il|elle|mon pere|ma mere|mon beau-pere) (?:frappe|bat|cogne|etrangle) (?:ma|mon|mes) (?:mere|pere|"
         r"soeur|frere|enfants|bebe)\b|\b(?:el|ella|mi (?:papa|padre|padrastro|mama|madre)) (?:le )?"
         r"(?:pega|golpea|ahorca) a (?:mi|mis) (?:mama|madre|papa|padre|hermana|hermano|hermanos|hijos|bebe)\b",
         True, None, False),
        ("weapon_nearby", ab,
         r"\b(?:with|avec|con) (?:a |an |his |her |un |une |son |sa |una |su )?(?:knife|gun|pistol|weapon|machete|"
         r"couteau|arme|fusil|pistolet|cuchillo|pistola|arma|navaja|machete)\b", False,
         _rx(r"\b(?:outside my|at my door|my door|my house|my window|my ex|he is here|she is here|devant ma porte|"
             r"devant chez moi|a ma porte|mon ex|chez moi|frente a mi|afuera de mi|en mi puerta|mi ex|mi casa)\b"),
         False),
        ("unresponsive_after_ingestion", me,
         r"\b(?:unconscious|not breathing|is unresponsive|will not wake up|can not wake (?:him|her|them) up|"
         r"no responde|no despierta|no reacciona|no respira|inconsciente|ne repond (?:pas|plus)|"
         r"ne se reveille pas|ne respire (?:pas|plus))\b", False,
         _rx(r"\b(?:pills|pill|bottle of|overdose|overdosed|swallowed|pastillas|frasco|sobredosis|pilules|"
             r"comprimes|flacon|surdose|a avale)\b"), False),
        ("goodbye_then_unreachable", co,
         r"\b(?:goodbye|good-bye|farewell|adieu|au revoir|adios|despedida|se despidio|s'est dit adieu)\b", False,
         _rx(r"\b(?:will not answer|does not answer|is not answering|not answering|no answer|can not reach|"
             r"could not reach|not picking up|will not pick up|phone is off|ne repond (?:pas|plus)|injoignable|"
             r"no contesta|no responde|no me contesta|apago (?:su|el) telefono)\b"), False),
        ("method_research", si,
         r"\b(?:bridges?|buildings?|cliffs?|roofs?|rooftops?|overpass(?:es)?|ponts?|puentes?)\b(?: [\w']+){0,6}? "
         r"(?:without|do not have|with no|have no|no|sans|sin) (?:any )?(?:barriers?|railings?|fences?|nets?|"
         r"barrieres?|filets?|barreras?|barandales?|redes?)\b|"
         r"\b(?:engine|motor|moteur) (?:running|on|allume|en marche|encendido|prendido)\b(?: [\w']+){0,8}? "
         r"(?:garage|garaje|cochera)\b|\b(?:garage|garaje|cochera)\b(?: [\w']+){0,8}? (?:engine|motor|moteur) "
         r"(?:running|on|allume|en marche|encendido|prendido)\b", False, None, False),
        ("other_has_means", co,
         r"\b(?:he|she|they|my \w+)\b(?: [\w',]+){0,12}? (?:has|have|got|took|is holding|keeps|bought) "
         r"(?:\w+ ){0,2}?(?:his|her|"
         r"their|a|the) (?:gun|shotgun|rifle|pistol|rope|pills)(?: out)?\b", False,
         _rx(r"\b(?:ready to go|goodbye|refusing (?:food|to eat)|giving (?:away|his|her)|end it|die|dying|"
             r"suicid\w*|not be around|better off)\b"), False),
        ("night_visits_abuse", ab,
         r"\b(?:entra|se mete|viene) (?:a|en) mi (?:cuarto|cama|habitacion)\b|\b(?:entre|vient|rentre) dans ma "
         r"(?:chambre|lit)\b", False, None, False,
         _rx(r"\b(?:noche|noches|me toca|me tocaba|me obliga|la nuit|me touche|me force)\b")),
        ("third_person_reflexive", co,
         r"\b(?P<key>(?:kill|killing|end|ending|hurt|hurting|cut|cutting|harm|harming|hang|hanging|shoot|"
         r"shooting|overdose|overdosing|starve|starving) (?:\w+ )?(?:himself|herself|themselves|themself))\b"
         r"(?! (?:while|when|playing|at|during|in|on|by accident|accidentally|skiing|shaving|cooking|"
         r"working out|lifting))|"
         r"\b(?P<key2>(?:end|ending|take|taking) (?:his|her|their) (?:own )?life)\b|"
         r"\b(?:se suicider|s'enlever la vie|mettre fin a ses jours|se faire du mal|se scarifier|se pendre|"
         r"se tirer une balle|se flinguer|se jeter (?:du|d'un|sous|par)|se foutre en l'air|pegarse un tiro|"
         r"aventarse|tirarse (?:de|del|por|a|al|bajo)|"
         r"suicidarse|matarse|quitarse la vida|hacerse dano|ahorcarse)\b", True, None, False),
        # ---- concern for someone else --------------------------------------------------------
        ("en_concern", co,
         r"\b" + _OTHER_EN + r" (?:\w+ ){0,3}?(?:wants|wanted|is going|was going|plans|planning|is planning|"
         r"threatens|threatened|is threatening|tried|has tried|is trying|keeps trying|attempted|talks about|"
         r"talked about|is talking about|keeps talking about|thinks about|is thinking about|"
         r"(?:said|says|told me|texted me|wrote) (?:that )?(?:he|she|they) (?:wants|wanted|would|will|is going|"
         r"was going|is)) (?:to )?(?P<key>kill (?:himself|herself|themselves|themself)|end (?:his|her|their) "
         r"(?:own )?life|take (?:his|her|their) (?:own )?life|commit suicide|suicide|die|overdose|"
         r"hurt (?:himself|herself|themselves)|cut (?:himself|herself|themselves)|jump)\b|"
         r"\b" + _OTHER_EN + r" (?:is|are|seems|seem|has been|was|might be|could be|sounds|became|has become|"
         r"feels) (?:\w+ )?(?P<key2>suicidal)\b|"
         r"\b" + _OTHER_EN + r" (?:\w+ )?(?:cuts|is cutting|has been cutting|burns|hurts|is hurting|harms|"
         r"is harming|has been hurting) (?:himself|herself|themselves)\b|"
         r"\b" + _OTHER_EN + r" (?:[\w']+ ){0,6}?(?:gives|gave|is giving|has been giving|started giving) (?:away )?"
         r"(?:all )?(?:of )?(?:his|her|their) (?:\w+ )?(?:things|stuff|belongings|possessions)\b", True, None, False),
        ("fr_concern", co,
         r"\b(?:il|elle|ils|elles|mon \w+|ma \w+|mes \w+) (?:\w+ ){0,2}?(?:veut|voulait|veulent|va|pense a|"
         r"parle de|menace de|a menace de|a essaye de|a tente de|essaie de|essaye de) (?P<key>se suicider|"
         r"se tuer|mourir|en finir|mettre fin a ses jours|se faire du mal|se jeter|se pendre)\b|"
         r"\b(?:il|elle|mon \w+|ma \w+) (?:\w+ )?est (?P<key2>suicidaire)\b|"
         r"\b(?:il|elle) se (?:scarifie|mutile|coupe|fait du mal)\b", True, None, False),
        ("es_concern", co,
         r"\b(?:quiere|queria|quieren|va a|piensa en|habla de|amenaza con|amenazo con|intento|ha intentado|"
         r"trato de|trata de) (?P<key>suicidarse|matarse|quitarse la vida|morir|hacerse dano|cortarse|tirarse|"
         r"ahorcarse)\b|\b(?:es|esta|parece) (?P<key2>suicida)\b|\bse (?:corta|lastima|hace dano)\b",
         True, None, False),
    ]
    rules = []
    for row in table:
        name, category, pattern, negatable, context, explicit, *rest = row
        compiled = _rx(pattern)
        sentence_context = rest[0] if rest else None
        rules.append(
            Rule(name, category, compiled, negatable, context, explicit, required_substrings(compiled), sentence_context,
                 requirement_branches(compiled))
        )
    return tuple(rules)


RULES: tuple[Rule, ...] = _rules()
