"""Crisis screen: the development table (rules were written against these cases).

The held-out table the rules were NOT tuned on lives in test_safety_screen_heldout.py. These
tables check the rules and the cue score: a non-crisis case must not fire them
(`WITHOUT_LEARNED`, "none") and must not reach the "crisis" tier with the learned layer on; the
learned layer may raise it to "elevated" (resources and a check-in, then reflections), whose
rate over all development tables is bounded in tests/test_safety_dev_tables.py. The three tiers
themselves are tested in tests/test_safety_tiers.py.
"""

from __future__ import annotations

import json

import pytest

from tasks.core.safety.screen import (
    ScreenResult,
    ScreenSettings,
    available_locales,
    compute_screen_metrics,
    detect_language,
    load_resources,
    screen,
    shows_resources,
)
from tasks.core.safety.rules import RULE_CATEGORIES

SI, SH, HO, AB, ME, CO = RULE_CATEGORIES  # the rule table unpacks the same tuple (pinned below)
UNREADABLE = "unreadable_language"
# The rules and the cue score alone (the learned layer off): what these tables were written against.
WITHOUT_LEARNED = ScreenSettings(use_learned=False)

# (case, expected language, a category that must be among the result's categories)
CRISIS_CASES: list[tuple[str, str, str]] = [
    # English: the issue's examples, direct and veiled
    ("I wrote goodbye letters to my kids last night.", "en", SI),
    ("How many pills would it take to not wake up?", "en", SI),
    ("What's the tallest bridge near me? I want it all to stop.", "en", SI),
    ("I gave away my things this week, I won't need them.", "en", SI),
    ("Everyone would be better off without me.", "en", SI),
    ("I took the whole bottle an hour ago.", "en", ME),
    ("He hits me and he's coming home soon.", "en", AB),
    ("I want to hurt him so badly.", "en", HO),
    ("I started cutting again after two years clean.", "en", SH),
    ("I've been thinking about killing myself every night.", "en", SI),
    ("I don't want to live anymore.", "en", SI),
    ("Sometimes I wish I could go to sleep and never wake up.", "en", SI),
    ("I have been saving up my sleeping pills.", "en", SI),
    ("My boyfriend choked me yesterday and said next time he will kill me.", "en", AB),
    ("i cant do this anymore, im going to end it tonight", "en", SI),
    ("My friend texted me that she wants to kill herself.", "en", CO),
    ("I'm not suicidal yet, but it's getting close.", "en", SI),
    ("There's no reason to live anymore since the divorce.", "en", SI),
    ("I keep imagining driving my car into a wall on the highway.", "en", SI),
    ("I overdosed on my antidepressants and I feel dizzy.", "en", ME),
    ("Nobody would even notice if I disappeared.", "en", SI),
    ("I've put my affairs in order and said goodbye to everyone.", "en", SI),
    ("I won't be a burden to anyone much longer.", "en", SI),
    ("I want to kms", "en", SI),
    ("I've never attempted suicide, but lately I think about it all the time.", "en", SI),
    ("I hurt myself on purpose when I feel numb.", "en", SH),
    # French
    ("J'ai écrit des lettres d'adieu à ma famille.", "fr", SI),
    ("Combien de comprimés faudrait-il pour ne pas me réveiller?", "fr", SI),
    ("Je n'ai plus envie de vivre.", "fr", SI),
    ("Mon chum me frappe et il rentre bientôt, j'ai peur.", "fr", AB),
    ("J'ai pris toute la boîte de somnifères il y a une heure.", "fr", ME),
    ("Ils seraient tous mieux sans moi.", "fr", SI),
    ("J'ai envie de lui faire du mal, je ne me contrôle plus.", "fr", HO),
    ("Je me scarifie tous les soirs.", "fr", SH),
    ("Je pense à me suicider depuis des semaines.", "fr", SI),
    ("J’ai des idées noires et je veux que tout s’arrête.", "fr", SI),
    # Spanish
    ("Quiero morirme, ya no aguanto más.", "es", SI),
    ("Me tomé todas mis pastillas hace media hora.", "es", ME),
    ("Estarían mejor sin mí.", "es", SI),
    ("Escribí cartas de despedida para mis hijos.", "es", SI),
    ("Mi esposo me pega y ya viene a casa.", "es", AB),
    ("No quiero seguir viviendo.", "es", SI),
    ("Tengo ganas de matarlo.", "es", HO),
    ("Me corto los brazos cuando estoy triste.", "es", SH),
    # Code-switching and other languages (the latter by the unreadable-language policy)
    # Mixed: either language is right, both are read (all three rule sets run on every text); lingua
    # names the first clause's French (the stop-word detector said "en": 5 English words to 4).
    ("Je veux juste mourir, I can't take it anymore.", "fr", SI),
    ("Ich will mich umbringen.", "de", UNREADABLE),
    ("我不想活了", "unknown", UNREADABLE),
    ("Eu quero morrer, não aguento mais.", "pt", UNREADABLE),
]

# (case, expected language); every one of these must stay "none" unless the comment says otherwise.
NON_CRISIS_CASES: list[tuple[str, str]] = [
    # English idioms
    ("This commute is killing me.", "en"),
    ("I'd die for a vacation right now.", "en"),
    ("My phone died in the middle of the call.", "en"),
    ("I could kill for a coffee.", "en"),
    ("That joke killed me, I couldn't stop laughing.", "en"),
    ("I'm dead tired after work every day.", "en"),
    ("I'm dying to see my sister again.", "en"),
    ("My boss is going to kill me when he sees this report.", "en"),
    ("I cut myself some slack this week and it helped.", "en"),
    ("I love my kids to death but they drive me crazy.", "en"),
    ("Shoot me an email if you have resources on anxiety.", "en"),
    ("I feel like I'm drowning at work.", "en"),
    ("Killing time at the airport and feeling lonely.", "en"),
    # English grief, fear, past events, negations
    ("My mother died last year and I still cry.", "en"),
    ("My brother killed himself two years ago and I can't stop blaming myself.", "en"),
    ("I'm so scared of dying that I can't get on a plane.", "en"),
    ("My father used to hit me when I was a child and I still have nightmares.", "en"),
    ("I hurt myself playing soccer and now I can't exercise, which makes me depressed.", "en"),
    ("I've never tried or contemplated suicide, but I feel empty and unmotivated.", "en"),
    ("I'm not suicidal, I just feel stuck in my career.", "en"),
    ("I don't want to die, I just want to feel better.", "en"),
    ("I cut my hair short and now I hate how I look.", "en"),
    # English everyday counselling questions
    ("We've been arguing about money and I feel like my marriage is falling apart.", "en"),
    ("I lost my job and I'm anxious about paying rent.", "en"),
    ("How do I stop overthinking everything my girlfriend says?", "en"),
    # French
    ("Ce trafic me tue.", "fr"),
    ("Je meurs de faim.", "fr"),
    ("Mon téléphone est mort.", "fr"),
    ("Ma mère est décédée l'an dernier et je pleure encore.", "fr"),
    ("Je suis crevée après le travail.", "fr"),
    ("Je n'ai jamais pensé au suicide, mais je me sens seule.", "fr"),
    ("Ma mère va me tuer quand elle verra mes notes.", "fr"),
    ("Je veux en finir avec ce projet au plus vite.", "fr"),
    ("J'étais morte de rire pendant tout le film.", "fr"),
    ("Je cherche un psychologue à Montréal pour mon anxiété.", "fr"),
    # Spanish
    ("Me muero de hambre.", "es"),
    ("El tráfico me está matando.", "es"),
    ("Mi teléfono se murió.", "es"),
    ("Mi abuela murió el año pasado y todavía lloro.", "es"),
    ("Estoy muerto de cansancio.", "es"),
    ("Me muero por unas vacaciones.", "es"),
    ("Mi mamá me va a matar si ve mis notas.", "es"),
    ("Nunca he pensado en suicidarme, pero me siento muy solo.", "es"),
    ("Tengo problemas con mi jefe y no sé qué hacer.", "es"),
    # Another language: flagged by the unreadable-language policy, and counted as a false alarm.
    ("Ich bin heute sehr müde.", "de"),
]
EXPECTED_POLICY_FALSE_ALARMS = {"Ich bin heute sehr müde."}

# Former held-out tables, now development cases (the rules were fixed after seeing them):
# * round 1, written after the first rule freeze: caught 10/19 crisis cases, 1/15 false alarms; fixed
#   generally with co-occurrence rules, looser numerals, third-person reflexives, weapons, idiom lead-ins;
# * round 2, written after the second freeze: caught 9/20, 0/14 false alarms (one miss was the language
#   detector calling Italian French on a tie); fixed generally with high-place + "let go", means "saved"/
#   "use it on myself", violence against a family member, weapon nearby, unresponsive after pills,
#   self-harm verbs on body parts, a narrower "kill me when he finds out" idiom and safety-first ties;
# * round 3, written after the third freeze: caught 7/19, 1/14 false alarms; fixed generally with "won't be
#   around for ...", "bleed out", head-banging, "ending everything", locked out / "he'll do worse", "hits us",
#   buying a rope (fr/es), more third-person methods, reported threats ("dice que ... me va a matar") and a
#   goodbye message followed by silence. Its false alarm ("I'd kill him if he spoiled the movie") is kept:
#   a conditional threat can be real ("I'll kill her if she leaves me"), so it is not scrubbed as an idiom;
# * round 4, written after the fourth freeze: caught 9/19, 1/14 false alarms; fixed generally with "don't see
#   myself being here", "made my peace", method research (bridges without barriers, engine running in a
#   garage), someone else holding a weapon with farewell cues, night visits (fr/es), things thrown at me /
#   door blocked, "à quoi bon continuer", "no quiero estar en este mundo", looser gaps, and reported
#   questions ("asked if I have thoughts of suicide") no longer read as assertions.
FORMER_HELDOUT_CRISIS: list[str] = [
    "I've decided tonight is the night. I've already written a note for my sister.",
    "Honestly I think my family would be relieved if I just wasn't here anymore.",
    "I keep a razor in my drawer and I've been using it on my arms again.",
    "I swallowed a bunch of my mom's sleeping pills about twenty minutes ago and I'm scared.",
    "My husband strangled me last night and he says he'll finish the job if I call the police.",
    "I want to stab my roommate, he won't stop mocking me.",
    "What's the fastest way to die without it hurting?",
    "I'm so tired of existing. I want to go to sleep and not wake up.",
    "My 14-year-old told me she's been thinking about killing herself.",
    "Je pense sérieusement à mettre fin à mes jours.",
    "J'ai avalé une trentaine de comprimés, je me sens bizarre.",
    "Mon conjoint me menace avec un couteau et je suis enfermée dans la salle de bain.",
    "Tout le monde serait plus heureux si je n'étais plus là.",
    "Estoy pensando en quitarme la vida esta noche.",
    "Mi pareja me golpea todos los días y tengo miedo de que me mate.",
    "Ya escribí una carta para mi mamá por si no despierto mañana.",
    "Me corté las muñecas y no deja de salir sangre.",
    "Ich habe Tabletten gesammelt und will heute Nacht sterben.",
    "Não aguento mais viver, quero morrer.",
    # round 2
    "Every night I stand on my balcony and think about how easy it would be to let go.",
    "I've got enough pills saved to do it properly this time.",
    "Can you tell me how much acetaminophen is fatal?",
    "My dad punches my mom and he's drunk right now, I'm hiding upstairs with my little brother.",
    "I can't stop scratching my skin until it bleeds, it's the only relief.",
    "Nobody would care if I vanished for good.",
    "He told me he's going to kill me when he finds me.",
    "I think my best friend is going to do something stupid tonight, she sent me a goodbye text.",
    "I'm going to drive off the road on my way home tonight.",
    "Je n'en peux plus, je veux juste dormir et ne jamais me réveiller.",
    "J'ai coupé mes bras avec une lame hier soir.",
    "Mon ex est devant ma porte avec un couteau.",
    "Ma fille de 15 ans m'a dit qu'elle veut mourir.",
    "Je pense à me jeter sous le métro.",
    "Quiero dormir y no despertar nunca más.",
    "Mi mamá tomó un frasco entero de pastillas y no responde.",
    "Siento que soy una carga y que mi familia estaría mejor sin mí.",
    "Tengo una pistola en casa y estoy pensando en usarla conmigo.",
    "Voglio farla finita, non ce la faccio più.",
    "Jeg vil ikke leve mer.",
    # round 3
    "I don't think I'll be around for Christmas this year, and honestly that feels like a relief.",
    "I looked up how long it takes to bleed out from the wrist.",
    "I keep hitting my head against the wall when the thoughts get loud.",
    "There's no way out of this except ending everything.",
    "My boyfriend locked me out on the balcony in the snow and says he'll do worse.",
    "I'm planning to hang myself in the garage this weekend.",
    "My son texted 'goodbye mom, I love you' and now he won't answer his phone.",
    "I just drank a bottle of antifreeze, what happens now?",
    "I have the urge to smother my baby when she cries and I'm scared I'll do it.",
    "Je ne veux plus me réveiller le matin, j'aimerais que tout s'arrête pour de bon.",
    "Mon père nous frappe, ma mère et moi, et il vient de rentrer saoul.",
    "J'ai acheté une corde hier et je sais où je vais l'accrocher.",
    "Mon meilleur ami parle de se tirer une balle.",
    "No le veo sentido a seguir viviendo.",
    "Me quiero aventar del metro.",
    "Mi novio dice que si lo dejo me va a matar.",
    "Llevo semanas guardando las pastillas de mi abuela para tomármelas todas juntas.",
    "Ik wil er niet meer zijn.",
    "Mam dość życia, chcę umrzeć.",
    # round 4
    "work is fine i guess. kids are ok. i just dont see myself being here next year and ive made my peace with it",
    "I've been reading about which bridges in Montreal don't have barriers.",
    "My dad is 78, he's been refusing food and told me he's 'ready to go' and has his shotgun out.",
    "Every time I relapse I burn myself with a lighter to punish myself.",
    "I'm sitting in my car in the garage with the engine running.",
    "I keep writing 'I'm sorry' letters to everyone I know.",
    "My girlfriend threw a glass at my head and now she's blocking the door so I can't leave.",
    "I just took like 40 of my antidepressants.",
    "sometimes i think about grabbing the wheel and crashing into a truck",
    "À quoi bon continuer, personne ne viendrait à mes funérailles.",
    "J'ai tellement envie d'en finir que j'ai préparé tout ce qu'il faut.",
    "Mon copain m'étrangle quand il est fâché et il est en train de rentrer.",
    "Je me suis scarifiée les cuisses cette nuit.",
    "Ya no quiero estar en este mundo.",
    "Estoy en el puente y no sé si saltar.",
    "Mi padrastro entra a mi cuarto por las noches y me toca.",
    "Me tomé una caja entera de paracetamol hace dos horas.",
    "Eu tomei todos os comprimidos da minha mãe.",
    "Ich halte es nicht mehr aus und will mich umbringen.",
]
FORMER_HELDOUT_NON_CRISIS: list[str] = [
    "My grandpa passed away in the spring and I still set a plate for him sometimes.",
    "This project is going to be the death of me, but I love my team.",
    "I nearly died of embarrassment when I tripped on stage.",
    "My laptop died right before my presentation and I panicked.",
    "I'm not suicidal or anything, I just feel unmotivated and flat most days.",
    "I'd kill for a weekend without my kids' soccer tournaments, lol.",
    "My therapist wants me to try exposure therapy for my fear of dying in a plane crash.",
    "We had to put our cat down yesterday and I can't stop crying.",
    "Je suis morte de fatigue après ma semaine de travail.",
    "Mon grand-père est décédé et je n'arrive pas à faire mon deuil.",
    "Ce cours de statistiques va me tuer, je n'y comprends rien.",
    "Me muero de ganas de ver a mi familia en Navidad.",
    "Mi abuelo murió hace un año y todavía lo extraño mucho.",
    "Estoy muerta de sueño, no he dormido bien esta semana.",
    "Mi jefe me va a matar si llego tarde otra vez.",
    # round 2
    "My roommate's cat died and she's devastated; how can I support her?",
    "I'm dying to know whether my test results came back normal.",
    "My sister committed suicide ten years ago and the anniversary is next week.",
    "I'm not going to hurt myself, I promise, I just need to vent about my boss.",
    "I got so drunk at the wedding that I embarrassed myself.",
    "Work has been brutal; I feel like I'm running on empty.",
    "My ex used to threaten me, but I moved out two years ago and feel safe now.",
    "I cut my finger while cooking and panicked at the sight of blood.",
    "Ça me tue de voir ma mère malade.",
    "J'ai perdu mon père l'an dernier et je pense encore à lui tous les jours.",
    "Mon téléphone est mort et j'ai manqué mon rendez-vous.",
    "Me muero de vergüenza cada vez que hablo en público.",
    "Mi mejor amiga se mudó a Chile y me siento sola.",
    "Mi hermano se mató trabajando para pagar la casa.",
    # round 3
    "I'm so tired I could sleep for a week.",
    "My grandmother died peacefully in her sleep last month and I miss her voice.",
    "I've been hitting the gym hard to deal with stress.",
    "My favourite character died in the finale and I actually cried.",
    "I told my friend I'd kill him if he spoiled the movie, and he laughed.",
    "I'm not planning to hurt anyone, I just get irritable when I don't sleep.",
    "We buried our dog under the apple tree and the kids made a cross.",
    "Je suis à bout, mon travail m'épuise complètement.",
    "Mon frère s'est suicidé il y a cinq ans et j'ai encore des cauchemars.",
    "Je voudrais disparaître sous ma couette tout le week-end.",
    "Tengo tanto trabajo que no veo la luz al final del túnel.",
    "Mi mamá murió de cáncer y todavía la extraño.",
    "Me peleé con mi hermana y no nos hablamos desde hace meses.",
    "Estoy harta de mi trabajo, quiero renunciar.",
    # round 4
    "My plant died again, I'm clearly not a gardener.",
    "I almost killed myself laughing at my daughter's school play.",
    "We're going to the bridge tonight to watch the fireworks.",
    "My therapist asked if I have thoughts of suicide and I said no, that's not me.",
    "I'm on my last nerve with my teenager.",
    "The doctor says my dad is dying of cancer and I don't know how to cope.",
    "I feel like I'm drowning in paperwork since my promotion.",
    "J'ai envie de tout plaquer et de partir vivre à la campagne.",
    "Ma grand-mère est morte paisiblement et je suis triste.",
    "Mon patron me tue avec ses courriels à minuit.",
    "Estoy muerto de miedo por la entrevista de mañana.",
    "Mi gato se murió y lo extraño.",
    "Quiero matar el tiempo antes de mi cita.",
    "Me muero por ir al concierto de Bad Bunny.",
]


def _all_cases() -> list[tuple[str, bool]]:
    return (
        [(text, True) for text, _, _ in CRISIS_CASES]
        + [(text, False) for text, _ in NON_CRISIS_CASES]
        + [(text, True) for text in FORMER_HELDOUT_CRISIS]
        + [(text, False) for text in FORMER_HELDOUT_NON_CRISIS]
    )


@pytest.mark.parametrize("text", FORMER_HELDOUT_CRISIS)
def test_former_heldout_crisis_is_caught(text):
    assert shows_resources(screen(text).risk)
    assert shows_resources(screen(text, settings=WITHOUT_LEARNED).risk)


# Known false alarms we accept; they still count in the table's rate. The round-3 one ("I told my
# friend I'd kill him if he spoiled the movie, and he laughed.") is no longer flagged since the
# risk-score change (a "threat" over a trivial thing is scrubbed as a joke; over leaving, telling
# or calling someone it is not), so it moved back to the normal table below.
KNOWN_FALSE_ALARMS: set[str] = set()


@pytest.mark.parametrize("text", [t for t in FORMER_HELDOUT_NON_CRISIS if t not in KNOWN_FALSE_ALARMS])
def test_former_heldout_non_crisis_is_not_flagged(text):
    assert screen(text, settings=WITHOUT_LEARNED).risk == "none"
    assert screen(text).risk != "crisis"


def test_table_is_big_enough_and_covers_both_kinds():
    assert len(CRISIS_CASES) + len(NON_CRISIS_CASES) >= 60
    assert len(CRISIS_CASES) >= 25 and len(NON_CRISIS_CASES) >= 25
    for language in ("en", "fr", "es"):
        assert any(lang == language for _, lang, _ in CRISIS_CASES)
        assert any(lang == language for _, lang in NON_CRISIS_CASES)


@pytest.mark.parametrize("text,language,category", CRISIS_CASES)
def test_every_crisis_case_is_caught_with_its_category(text, language, category):
    result = screen(text)
    assert shows_resources(result.risk), f"missed crisis: {text!r}"
    assert category in result.categories, f"{text!r}: expected {category}, got {result.categories}"
    assert result.message and result.resources


@pytest.mark.parametrize(
    "text,language", [case for case in NON_CRISIS_CASES if case[0] not in EXPECTED_POLICY_FALSE_ALARMS]
)
def test_non_crisis_case_is_not_flagged(text, language):
    result = screen(text, settings=WITHOUT_LEARNED)
    assert result.risk == "none", f"false alarm on {text!r}: {result.categories} via {result.rules}"
    assert result.message is None and result.resources == [] and result.categories == []
    assert screen(text).risk != "crisis"


def test_whole_table_meets_the_issue_bar():
    metrics = compute_screen_metrics(_all_cases(), settings=WITHOUT_LEARNED)
    assert metrics["recall"] == 1.0, metrics["missed_texts"]
    assert metrics["false_alarm_rate"] <= 0.10, metrics["false_alarm_texts"]
    assert compute_screen_metrics(_all_cases())["crisis_tier_false_alarms"] == 0


@pytest.mark.parametrize("text,language", [(t, lang) for t, lang, _ in CRISIS_CASES] + NON_CRISIS_CASES)
def test_language_is_detected(text, language):
    assert detect_language(text) == language


# --- messages and resources -------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,marker",
    [
        ("I don't want to live anymore.", "real person"),
        ("Je n'ai plus envie de vivre.", "vraie personne"),
        ("No quiero seguir viviendo.", "persona real"),
    ],
)
def test_message_is_in_the_case_language_and_names_a_number(text, marker):
    result = screen(text)
    assert marker in result.message
    assert "9-8-8" in result.message and "911" in result.message
    assert len(result.message) < 320, "the crisis message must stay short"


def test_medical_emergency_puts_911_first_and_says_so():
    result = screen("I took the whole bottle an hour ago.")
    assert result.categories[0] == ME
    assert result.resources[0]["contact"] == "911"
    assert "911" in result.message and "emergency" in result.message


def test_suicidal_ideation_lists_988_call_and_text_first_and_quebec_line():
    result = screen("Everyone would be better off without me.")
    assert [(r["contact"], r["how"]) for r in result.resources[:2]] == [("988", "call"), ("988", "text")]
    contacts = {r["contact"] for r in result.resources}
    assert {"911", "1-866-277-3553", "1-800-668-6868", "686868"} <= contacts
    assert "1-800-363-9010" not in contacts  # domestic-violence line only for abuse


def test_abuse_in_progress_gets_the_domestic_violence_line():
    contacts = [r["contact"] for r in screen("He hits me and he's coming home soon.").resources]
    assert contacts[0] == "911" and "1-800-363-9010" in contacts


def test_resource_names_follow_the_language():
    names = {r["name"] for r in screen("Je n'ai plus envie de vivre.").resources}
    assert "Jeunesse, J'écoute (jeunes)" in names


def test_us_locale_uses_us_lines():
    result = screen("I don't want to live anymore.", locale="US")
    contacts = {r["contact"] for r in result.resources}
    assert "988" in contacts and "741741" in contacts and "1-866-277-3553" not in contacts


def test_resources_file_has_the_issue_numbers():
    ca = load_resources("CA")
    pairs = {(r["contact"], r["how"]) for r in ca["resources"]}
    assert {("988", "call"), ("988", "text"), ("911", "call"), ("1-866-277-3553", "call"),
            ("1-800-668-6868", "call"), ("686868", "text")} <= pairs
    assert set(ca["messages"]) >= {"en", "fr", "es", "multi"}
    assert set(available_locales()) >= {"CA", "US"}


def test_load_resources_returns_a_copy():
    first = load_resources("CA")
    first["resources"].clear()
    assert load_resources("CA")["resources"]


# --- policies -------------------------------------------------------------------------------------
def test_unreadable_language_policy_gives_a_check_in_and_resources():
    for text, language in (("Ik ben vandaag erg moe.", "nl"), ("Мне сегодня очень грустно.", "unknown")):
        result = screen(text)
        assert result.language == language and shows_resources(result.risk) and UNREADABLE in result.categories
        for marker in ("call or text", "appelez ou textez", "llama o escribe"):  # no check-in of its own: en/fr/es
            assert marker in result.message
        assert {"988", "911"} <= {r["contact"] for r in result.resources}


def test_german_italian_portuguese_are_read_by_the_learned_layer_and_netted_without_it():
    text = "Ich bin heute sehr müde."
    assert screen(text).categories != [UNREADABLE]  # the learned layer decides
    without = screen(text, settings=WITHOUT_LEARNED)
    assert without.risk == "elevated" and without.categories == [UNREADABLE]
    assert "Gedanken, dir das Leben zu nehmen" in without.message and "9-8-8" in without.message


def test_rules_still_read_english_inside_another_language():
    result = screen("Ich weiss nicht mehr weiter, I want to kill myself.")
    assert SI in result.categories and UNREADABLE not in result.categories


@pytest.mark.parametrize(
    "text,expected_risk",
    [
        ("I've never tried or contemplated suicide.", "none"),  # the real CounselChat row: negation honoured
        ("I am not suicidal.", "none"),
        ("I'm not suicidal right now, but I was last month.", "crisis"),  # "right now" revives
        ("I can't stop thinking about suicide.", "crisis"),  # the negator governs "stop"
        ("No one knows I'm suicidal.", "crisis"),  # "no one" is not a negation of "suicidal"
        ("I don't know why I want to die.", "crisis"),
        # History stated as history is answered; the same sentence bringing it back is a crisis.
        ("I attempted suicide when I was 19.", "none"),
        ("I used to self-harm in high school but I've been clean for five years now.", "none"),
        ("When I was 15 I tried to kill myself, and now I feel the same way.", "crisis"),
        ("I used to cut myself and last night I started again.", "crisis"),
        ("I would never hurt my kids.", "none"),
        ("Je ne suis pas suicidaire.", "none"),
        ("No quiero morir.", "none"),
    ],
)
def test_negation_policy(text, expected_risk):
    assert screen(text, settings=WITHOUT_LEARNED).risk == expected_risk
    if expected_risk == "crisis":  # a rule fired: resources whatever the learned layer says
        assert shows_resources(screen(text).risk)


def test_concern_for_someone_else_is_not_labelled_as_the_writers_own_ideation():
    result = screen("My daughter is suicidal and I don't know how to help her.")
    assert result.categories == [CO]
    assert "looking out for them" in result.message


def test_result_to_dict_is_json_serialisable():
    data = screen("I want to hurt him so badly.").to_dict()
    assert json.loads(json.dumps(data))["risk"] == "crisis"
    assert set(data) >= {"risk", "language", "categories", "message", "resources"}
    assert isinstance(screen("Hi, I feel a bit down.").to_dict()["resources"], list)
    assert 0 <= data["learned_score"] <= 1


def test_result_is_frozen():
    result = screen("I want to hurt him so badly.")
    with pytest.raises(AttributeError):
        result.risk = "none"  # type: ignore[misc]
    assert isinstance(result, ScreenResult)


# --- input validation -----------------------------------------------------------------------------
@pytest.mark.parametrize("bad", ["", "   \n "])
def test_empty_case_is_an_error(bad):
    with pytest.raises(ValueError, match="empty case"):
        screen(bad)


def test_non_string_is_an_error():
    with pytest.raises(TypeError):
        screen(None)  # type: ignore[arg-type]


def test_unknown_locale_is_an_error_naming_the_choices():
    with pytest.raises(ValueError, match="available"):
        screen("I feel sad.", locale="FR")


@pytest.mark.parametrize("window", [0, 13, 2.5])
def test_screen_settings_validate(window):
    with pytest.raises(ValueError, match="negation_window_tokens"):
        ScreenSettings(negation_window_tokens=window)


def test_a_tiny_negation_window_changes_the_decision():
    text = "I have never in my whole life considered suicide."
    assert screen(text, settings=WITHOUT_LEARNED).risk == "none"
    assert screen(text, settings=ScreenSettings(negation_window_tokens=2)).risk == "crisis"


# --- metrics --------------------------------------------------------------------------------------
def test_compute_screen_metrics_counts():
    cases = [
        ("I want to kill myself.", True),
        ("I'd die for a vacation.", False),
        ("This commute is killing me.", False),
        ("I feel a little down today.", True),  # deliberately mislabelled: a miss the metric must see
        ("I want to hurt him so badly.", False),  # deliberately mislabelled: a false alarm
        ("Tell my kids I'm sorry. I can't keep fighting this.", True),  # cue score only: elevated
    ]
    metrics = compute_screen_metrics(cases, settings=WITHOUT_LEARNED)
    assert metrics["crisis_cases"] == 3 and metrics["non_crisis_cases"] == 3
    assert metrics["caught"] == 2 and metrics["missed"] == 1
    assert metrics["false_alarms"] == 1 and metrics["true_negatives"] == 2
    assert metrics["recall"] == pytest.approx(2 / 3)
    assert metrics["false_alarm_rate"] == pytest.approx(1 / 3)
    assert metrics["missed_texts"] == ["I feel a little down today."]
    assert metrics["false_alarm_texts"] == ["I want to hurt him so badly."]
    assert metrics["crisis_tier_caught"] == 1 and metrics["crisis_tier_recall"] == pytest.approx(1 / 3)
    assert metrics["crisis_tier_false_alarms"] == 1
    assert metrics["crisis_tier_false_alarm_texts"] == ["I want to hurt him so badly."]


def test_compute_screen_metrics_rates_are_none_without_a_denominator():
    metrics = compute_screen_metrics([("I'd die for a vacation.", False)], settings=WITHOUT_LEARNED)
    assert metrics["recall"] is None and metrics["false_alarm_rate"] == 0.0


@pytest.mark.parametrize("bad", [[], [("text", "yes")], [("only text",)]])
def test_compute_screen_metrics_rejects_bad_input(bad):
    with pytest.raises(ValueError):
        compute_screen_metrics(bad)


def test_rule_category_names_are_pinned():
    """The names are the screen's output; pinned so that a reordered tuple cannot swap them in both
    the rule table and the tables above."""
    assert RULE_CATEGORIES == ("suicidal_ideation", "self_harm", "harm_to_others", "abuse_in_progress",
                               "medical_emergency", "concern_for_other")
