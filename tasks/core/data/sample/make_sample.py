"""Generate the embedded sample data set ``sample_counsel_chat.csv``.

The sample is ORIGINAL text written for this project in the shape of the CounselChat
export (one row per therapist answer, questions repeated per answer). It is the default
training data for ``make run`` and for the tests, so it is small, deterministic and
committed next to this script. No CounselChat text is copied.

Shape (checked by ``validate_rows`` before anything is written):
  * 72 questions, 1-6 answers each, 238 answer rows, 20 topics;
  * ``split`` by question position: position % 10 == 4 -> val, == 9 -> test, else train
    (58 / 7 / 7 questions, about 80 / 10 / 10 %);
  * most answers open with a case-specific reflection ("It sounds like ...") in the first
    or second sentence; the rest open with a plain empathetic sentence.

Deliberate messiness, so cleaning, extraction and the leakage guard have work to do:
run-together sentences ("out.That"), abbreviations ("e.g.", "Dr."), HTML (``<br>``,
``&amp;``), sign-offs with a signature, URLs and phone numbers after the third sentence,
``BOILERPLATE_ANSWER`` pasted under three questions (one of them in test) and two empty
answers. Three questions have an empty questionText; their title carries the case.

Run from the repository root (standard library only)::

    python tasks/core/data/sample/make_sample.py           # rewrite the CSV
    python tasks/core/data/sample/make_sample.py --check   # exit 1 if the CSV is stale
"""
from __future__ import annotations

import argparse
import csv
import io
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

OUTPUT_CSV = Path(__file__).with_name("sample_counsel_chat.csv")
COLUMNS = (
    "questionID", "questionTitle", "questionText", "questionLink", "topic",
    "therapistInfo", "therapistURL", "answerText", "upvotes", "views", "split",
)
# Only random.Random.random() is used: Python guarantees its sequence for a given seed
# across versions, unlike choice()/sample()/shuffle().
SEED = 20240611
LINK_BASE = "https://example.org"


class Therapist(NamedTuple):
    """A fictional answerer: display name and credential."""

    name: str
    credential: str


THERAPISTS: dict[str, Therapist] = {
    "jordan": Therapist("Jordan Mercer", "LMFT"),
    "priya": Therapist("Priya Raman", "LCSW"),
    "dana": Therapist("Dana Okafor", "PhD, Licensed Psychologist"),
    "samuel": Therapist("Dr. Samuel Lee", "PsyD"),
    "marisol": Therapist("Marisol Vega", "LPC"),
    "thomas": Therapist("Thomas Brandt", "LMHC"),
    "aisha": Therapist("Aisha Coleman", "LPCC"),
    "ruth": Therapist("Ruth Feldman", "LCSW-R"),
    "kenji": Therapist("Kenji Watanabe", "MA, LPC-Associate"),
    "bethany": Therapist("Bethany Marsh", "LMFT"),
    "oliver": Therapist("Oliver Grant", "LCPC"),
    "nadia": Therapist("Nadia Haddad", "PsyD"),
    "carmen": Therapist("Carmen Diaz-Rowe", "LMFT"),
    "william": Therapist("William Ashby", "MSW, LICSW"),
    "hannah": Therapist("Hannah Roth", "LPC, NCC"),
    "grace": Therapist("Grace Ndlovu", "LMHC"),
    "ellis": Therapist("Ellis Park", "LCSW"),
    "maya": Therapist("Maya Lindqvist", "PhD"),
    "robert": Therapist("Robert Quinn", "LADC, LPC"),
    "tessa": Therapist("Tessa Moreau", "LMFT"),
    "francis": Therapist("Francis Okoye", "LPC-S"),
    "june": Therapist("June Albright", "LCSW"),
}


class Pinned(NamedTuple):
    """An answer that must be credited to one therapist (it is signed by them)."""

    therapist: str
    text: str


Answer = str | Pinned


@dataclass(frozen=True)
class SampleQuestion:
    """One case and its answers, in the order they are written to the CSV."""

    topic: str
    title: str
    text: str
    answers: tuple[Answer, ...]


def q(topic: str, title: str, text: str, *answers: Answer) -> SampleQuestion:
    """Shorthand constructor that keeps the data table below readable."""
    return SampleQuestion(topic, title, text, answers)


EMPTY_ANSWER = ""
# Pasted verbatim under three questions (one in test) so the leakage guard has a
# duplicate reflection across splits to catch.
BOILERPLATE_ANSWER = (
    "Thank you for your question. It sounds like you are going through a difficult time, and it takes "
    "courage to reach out for support. Many people struggle with concerns like these, and you do not have "
    "to work through them alone. A licensed counselor can help you understand what you are feeling and find "
    "strategies that fit your life. Many therapists offer a free 15-minute phone consultation, so you can see "
    "whether it is a good fit before committing. Please consider reaching out to a professional in your area."
)

QUESTIONS: tuple[SampleQuestion, ...] = (
    # 0
    q("depression", "Why can't I enjoy anything anymore?",
      "I used to love painting and going on long bike rides. For the last few months nothing feels worth the "
      "effort, and I mostly sit on my phone until late at night. My friends say I seem flat. I'm not sad exactly, "
      "I just don't care about anything. Is this depression?",
      "It sounds like the things that used to light you up have gone quiet, and that flatness worries you more "
      "than sadness would. What you describe has a name: anhedonia, the loss of pleasure or interest. It is one "
      "of the core signs of depression, and many people are surprised that depression can feel like numbness "
      "rather than tears. Late nights on the phone can also be a way of filling hours when nothing else seems "
      "worth doing. An evaluation with a counselor or your doctor can help you sort out what is going on. In the "
      "meantime, try ten minutes of sketching without expecting to enjoy it. Interest often returns after "
      "action, not before.",
      "Losing interest in everything you care about is exhausting in a way that is hard to explain to other "
      "people. Your friends noticing that you seem flat tells me this is a real change, not a lazy phase. "
      "Depression doesn't always look like crying; often it looks like not caring. I would encourage you to talk "
      "with a therapist who can help you figure out when this started and what else changed around that time. "
      "Sometimes a loss, a move or a long stretch of stress sits underneath.",
      "Thank you for writing in. It seems like you have been running on empty for months and are starting to "
      "wonder whether this is more than a rough patch. I can't diagnose you from a short message, but the "
      "pattern you describe is worth taking seriously. Notice how you are sleeping, whether your appetite has "
      "changed, and whether you feel hopeless about the future. Bring those notes to a first appointment. You "
      "deserve support with this.",
      "It feels like you are on pause while the rest of your life keeps moving, and the phone has become the "
      "easiest place to wait it out.That makes sense, since scrolling asks nothing of us. Try setting one small "
      "plan each day that involves your body: a short walk, a shower with music on, a ride around the block. "
      "Then rate your mood before and after, even if the change is tiny.Over a few weeks you may see patterns "
      "you can build on. If nothing shifts, please reach out to a professional.",
      ),
    # 1
    q("depression", "How do I get out of bed when everything feels pointless?",
      "Every morning I lie there for an hour before I can make myself get up. I've been late to work three "
      "times this month and my manager noticed. I just don't see the point of any of it.",
      "It sounds like mornings have become a daily battle, and losing that battle is now costing you at work "
      "too. When everything feels pointless, the brain stops offering reasons to move, so we have to borrow "
      "reasons from outside. Put your alarm across the room, open the curtains the night before, and plan one "
      "thing you will do immediately, like making coffee. Keep the first task small enough that it feels almost "
      "silly. The point is not to feel motivated but to get your feet on the floor. If the pointlessness is "
      "spreading into other parts of your life, please talk with a counselor about it.",
      "Lying in bed for an hour each morning is usually a sign that your mind and body are depleted, not that "
      "you are lazy. Depression often makes mornings the hardest part of the day. Some people notice their mood "
      "lifts a little by afternoon, which is a clue worth sharing with a therapist or doctor. You might also let "
      "your manager know you are dealing with a health issue, without going into detail. A plan for support can "
      "keep one hard season from costing you your job.",
      "Heaviness in the morning often has less to do with sleep and more to do with not seeing "
      "the point of the day ahead. That sense of pointlessness deserves attention in its own right. What used "
      "to give your days meaning? Sometimes it is a person, a project or a routine that quietly disappeared. "
      "Rebuilding one small source of meaning can make the mornings a little lighter.",
      ),
    # 2
    q("depression", "Is it normal to feel depressed after moving to a new city?",
      "I moved across the country for a job six months ago. I thought it would be exciting, but I don't know "
      "anyone and weekends are the worst. I call my mom almost every day and then feel embarrassed about it.",
      "It sounds like the move gave you the job you wanted but took away the people who made weekends feel "
      "like home. Yes, this is very common. Relocation is one of the biggest life changes there is, and "
      "loneliness after a move can slide into depression if it goes on long enough. Calling your mom is nothing "
      "to be embarrassed about; it is a healthy way of staying connected while you put down new roots. Try to "
      "create one repeating weekly event, like a class, a running group or volunteering, so you see the same "
      "faces again and again. Friendship grows from repetition more than from one great conversation.",
      BOILERPLATE_ANSWER,
      "Moving far from everything familiar is a loss, even when it is a move you chose. Six months is still "
      "early for building a social life in a new place; most adults need a year or more. Weekends hurt because "
      "they are unstructured, so give them a little structure. Plan Saturday mornings in advance, even if the "
      "plan is a farmers market and a coffee shop. If the low mood stays with you during the week too, a "
      "therapist can help you tell loneliness and depression apart.",
      ),
    # 3
    q("depression", "I feel like a burden to everyone",
      "Whenever I talk about how I'm doing, I can see people getting tired of me. So I stopped talking about "
      "it. Now I just feel alone and like a burden anyway.",
      "It sounds like you pulled back to protect the people you love, and the silence has left you lonelier "
      "than before. Feeling like a burden is a very painful belief, and it is often stronger than the evidence. "
      "Sometimes people do get tired, but that is usually about their own limits rather than your worth. "
      "Spreading support across several people, including a therapist, means no single relationship has to "
      "carry everything. I also want to gently ask: if feeling like a burden ever turns into thoughts that "
      "people would be better off without you, please tell someone right away.",
      "It seems like you've concluded that your needs are simply too much for the people around you. I wonder "
      "where you first learned that. Many people who feel like a burden grew up in homes where their feelings "
      "were brushed aside or treated as an inconvenience. In therapy you could explore that old message and "
      "test whether it is still true today. You have as much right to take up space as anyone.",
      "Staying quiet so you won't bother anyone is a lonely place to live. The thought \"I am a burden\" can "
      "seem like a fact, but it is a thought, and thoughts can be questioned. Try asking one trusted person "
      "directly how they feel when you share with them. You may be surprised by the answer. If you're not, that "
      "is useful information about that relationship, not about you.",
      "Hi there. It feels like you are caught between two painful choices: talking and feeling like too much, "
      "or staying silent and feeling alone. There is a third option, which is to find a place where sharing is "
      "the whole point. That is one of the things therapy offers. A support group can also help, because "
      "everyone there is both giving and receiving.",
      "Feeling like a burden is one of the most painful experiences a person can have, and it is more common "
      "than you might think. Often it starts with a real moment, like a friend who seemed impatient, and then "
      "grows into a rule: \"Don't share, or people will leave.\" Rules like that protect us in the short term. "
      "Over time, though, they cut us off from the very support we need. I would invite you to look at the "
      "evidence on both sides. When did someone welcome hearing from you? When did you help a friend and feel "
      "glad to do it? Most people enjoy being trusted, as long as they are not the only person you lean on. A "
      "therapist can help you build a wider circle, so sharing is less risky. You deserve to be heard.",
      ),
    # 4 (val)
    q("depression", "Can depression come back after years of feeling fine?",
      "I was treated for depression in college and felt good for almost eight years. Lately the old heaviness "
      "is back and I'm scared it's going to be like before.",
      "It sounds like the return of these feelings is frightening because you remember how hard it was the "
      "first time. Depression can return, and it often comes back during periods of stress or change. The good "
      "news is that you are not starting from zero. You recognized the signs early, which many people can't do, "
      "and you already know that treatment helped. Reach out to a therapist or your doctor now rather than "
      "waiting to see if it passes. Early support often makes an episode shorter and milder.",
      "Eight good years is real evidence that you know how to recover. A recurrence does not erase that "
      "progress. Look at what has changed recently: work, relationships, health, sleep or even the season. "
      "Those details help a clinician decide what kind of support makes sense this time.",
      "Bracing for the worst makes sense when the last episode left such a deep mark. This time, "
      "though, you have more knowledge, more tools and an adult life you have "
      "built. Write down what helped in college and what didn't. Bring that list to a first appointment so you "
      "can get to effective care quickly. You don't have to white-knuckle this alone.",
      ),
    # 5
    q("depression", "My medication helps but I still feel empty",
      "I've been on an antidepressant for five months. The crying spells stopped, which is good, but I feel "
      "like I'm watching my life through glass.",
      "It sounds like the medication took the edge off the worst pain but left you feeling distant from your "
      "own life. That emotional blunting is something many people describe, and it is worth raising with your "
      "prescriber rather than just putting up with it. Sometimes a dose change or a different medication helps. "
      "Medication also works best alongside therapy, where you can work on reconnecting with what matters to "
      "you. Please don't stop the medication on your own, but do speak up about how it feels.",
      ),
    # 6
    q("depression", "How do I explain depression to my husband?",
      "He keeps saying I just need to get outside more and think positive. I know he means well but it makes "
      "me feel worse, like it's my fault.",
      "It sounds like your husband is trying to fix something he doesn't fully understand, and his advice is "
      "landing as blame. Many partners assume depression is a mood you can talk yourself out of. You might "
      "explain it as an illness that affects energy, sleep and thinking, the way the flu affects the body. Tell "
      "him specifically what helps, e.g. sitting with you, taking a walk together or handling dinner on a hard "
      "night. Some couples find one joint session useful, so a professional can explain what depression is and "
      "isn't.",
      "Being told to think positive when you are struggling can be very lonely. His suggestions may come from "
      "love and from his own helplessness at watching you hurt. Let him know that you don't need solutions "
      "right now; you need him to believe you. Share an article or a short video about depression with him. "
      "Sometimes hearing it from a neutral source lands differently.",
      "It feels like every suggestion he makes adds a little more shame, as if you were choosing to be unwell. "
      "You are not. Try telling him what it is like from the inside, using a concrete example from a recent "
      "day. People tend to respond better to a story than to a definition. And if he still doesn't get it, your "
      "own treatment doesn't have to wait for his understanding.",
      ),
    # 7
    q("anxiety", "Why does my heart race for no reason?",
      "Out of nowhere my heart starts pounding, my hands get tingly and I feel like I can't get enough air. "
      "The doctor said my heart is healthy. It happened in the grocery store last week and I left my cart and "
      "ran out.",
      "It sounds like you had a panic attack, and the fact that it came out of nowhere made it even more "
      "frightening. A pounding heart, tingling hands and shortness of breath are classic panic symptoms, "
      "caused by a rush of adrenaline. They feel dangerous but are not harmful, which your doctor confirmed. "
      "Leaving the store makes sense in the moment, but avoiding places can slowly shrink your world. Cognitive "
      "behavioral therapy has strong evidence for panic and often works within a few months.",
      "A racing heart with no clear cause is one of the scariest experiences a person can have. I'm glad you "
      "saw a doctor first, because ruling out medical causes matters. What you describe fits the pattern of "
      "panic. Next time, try slowing your breathing so the exhale is longer than the inhale, and name five "
      "things you can see. The wave usually peaks within ten minutes and then passes.",
      "It seems like your body sounded an alarm in a place that should be completely ordinary, and now you "
      "are wondering when it will happen again. That fear of the next attack is often what keeps panic going. "
      "Panic is like an oversensitive smoke detector; it goes off for toast, not just for fire. Therapy can "
      "help you recalibrate it. You can also ask your doctor whether a short-term medication makes sense while "
      "you learn new skills.",
      "Thank you for reaching out about this. It sounds like the grocery store episode shook you, especially "
      "after your doctor told you your heart is fine. Those two facts together, a healthy heart and terrifying "
      "symptoms, are exactly what panic disorder often looks like. Please know this is very treatable. A "
      "therapist can teach you to ride out the sensations instead of fighting them, which is what eventually "
      "turns the volume down.",
      "Panic attacks are far more common than most people realize. Roughly one in ten adults has one in any "
      "given year. The sensations come from the body's fight-or-flight response firing at the wrong time. You "
      "can read a plain-language guide at https://example.org/resources/understanding-panic before your first "
      "session. Keep going back to the grocery store, even for a few items, so your brain learns it is safe "
      "there. Small, repeated visits work better than one big push.",
      "It feels like your own body turned on you without warning, and that loss of trust can be harder than "
      "the symptoms themselves. Keep a short log of when these episodes happen, what you were doing and what "
      "you were thinking just before. Patterns often appear that aren't obvious in the moment, like caffeine, "
      "skipped meals or a stressful phone call. Share the log with a counselor. Together you can build a plan "
      "that makes the next one less scary.",
      ),
    # 8
    q("anxiety", "I overthink every text I send",
      "I reread messages ten times before sending them and then I keep checking if they've been read. If "
      "someone answers with just 'ok' I spend the whole evening wondering what I did wrong.",
      "It sounds like a single short reply can take over your whole evening, which is a lot of energy spent on "
      "guessing what someone else is thinking. Rereading and checking are reassurance behaviors; they calm "
      "anxiety for a moment and then make it stronger. Try an experiment: send a message after reading it "
      "once, then put the phone in another room for thirty minutes. Notice what your anxiety does. Usually it "
      "rises, peaks and falls on its own.",
      "Overthinking messages is very common, especially for people who care a lot about their relationships. "
      "An \"ok\" usually means the other person was busy, not upset. Your mind is filling the gap with the "
      "worst story. Ask yourself what else the reply could mean, and come up with at least three alternatives. "
      "Over time this loosens the grip of the first, scary interpretation.",
      "Constantly scanning for signs that someone is upset with you is tiring work. I'd be curious "
      "whether you learned early on that other people's moods were your responsibility. Many anxious adults "
      "grew up watching carefully for a parent's reaction. Therapy can help you notice that habit and practice "
      "letting other people own their feelings. You can also simply ask, \"Hey, are we okay?\" when it really "
      "matters.",
      ),
    # 9 (test)
    q("anxiety", "How do I stop worrying about my health all the time?",
      "Every headache is a brain tumor in my mind. I google symptoms for hours. My doctor has run tests and "
      "everything was normal but the relief only lasts a day or two.",
      "It sounds like each normal test result buys you only a short break before the fear comes roaring back. "
      "That cycle is the hallmark of health anxiety. Googling and asking for tests feel like they should help, "
      "but they teach your brain that the threat is real and needs constant checking. A therapist trained in "
      "CBT can help you gradually reduce checking and tolerate uncertainty. It is uncomfortable at first, and "
      "then it gets easier.",
      "Hours of symptom searching would wear anyone down. Health anxiety is real and treatable, and you are not "
      "wasting anyone's time by asking for help with it. Try setting a firm rule: no searching after 7pm, and "
      "only one ten-minute search a day before that. Write the worry down instead and come back to it "
      "tomorrow. Most worries look smaller in daylight.",
      "It feels like your body has become a source of constant threat, and every sensation has to be "
      "investigated. I wonder whether something started this, like an illness in the family or a scare of your "
      "own. Health anxiety often begins after a real loss. Talking about that event with a counselor can take "
      "some of the urgency out of the fear. Ask your doctor to agree on a schedule of checkups with you, so you "
      "don't have to decide every time.",
      "Hi, and thank you for your question.<br>It sounds like you are exhausted by a mind that won't let you "
      "rest, even after doctors tell you that you are healthy. That exhaustion is a good reason to seek "
      "therapy. Exposure and response prevention, a form of CBT, is very effective for this pattern. You would "
      "practice noticing a sensation without acting on it. Over weeks, the sensation stops feeling like an "
      "emergency.",
      ),
    # 10
    q("anxiety", "Social anxiety is ruining my college experience",
      "I'm a sophomore and I still eat lunch alone in my dorm. I want to join clubs but when I get to the door "
      "my stomach drops and I turn around. Everyone else seems to have found their people already.",
      "It sounds like you want connection very much, and fear steps in at the exact moment you reach for it. "
      "Turning around at the door is avoidance, and the relief it brings keeps social anxiety alive. Try a "
      "smaller step first, like arriving early to a club meeting while the room is quiet, or going with one "
      "classmate. Most campuses have a counseling center with free sessions and sometimes a social anxiety "
      "group. A group might sound terrifying, but it is one of the most effective treatments.",
      "You may be comparing your inside to everyone else's outside. Many of the students who look "
      "settled are quietly lonely too. Sophomore year is not too late to find your people. Pick one activity "
      "that matches a genuine interest, so there is something to talk about besides yourself. Go three times "
      "before deciding whether it's for you.",
      "Eating alone every day can make college very isolating. Social anxiety tells us that everyone is "
      "watching and judging, when most people are focused on themselves. Your campus counseling center is a "
      "great place to start. They see students with this concern every week. You don't have to face that door "
      "alone.",
      ),
    # 11
    q("anxiety", "Can anxiety make you feel like you're not real?",
      "",
      "It sounds like you may be experiencing depersonalization or derealization, where you seem to watch "
      "yourself from outside or the world looks like a movie set. These experiences are frightening, but they "
      "are a common response to high anxiety and stress. They are the mind's way of turning down overwhelming "
      "feelings. Grounding can help: hold something cold, name what you see around you, or press your feet "
      "into the floor. If it happens often, a therapist can help you understand the triggers.",
      "Yes, anxiety can absolutely create a sense of unreality. Many people fear it means they are losing their "
      "mind, and it does not. The more you fight the sensation, the more attention it gets and the longer it "
      "tends to stay. Learning to notice it calmly, without panicking, is often what makes it fade. A counselor "
      "familiar with anxiety can guide you through this.",
      ),
    # 12
    q("anxiety", "I'm scared to drive on the highway",
      "I've been driving for twelve years but after a near miss last spring I can't merge onto the highway "
      "without shaking. I take back roads that double my commute.",
      "It sounds like one frightening moment last spring has quietly taken over a lot of your daily life. "
      "Doubling your commute is a real cost, and it makes sense that you want your freedom back. This kind of "
      "fear responds well to gradual exposure. You might start by riding as a passenger on the highway, then "
      "driving one exit at a quiet time of day, then two. Each step should feel challenging but doable.",
      "After a near miss, the brain files the highway under danger, and shaking is your body following that "
      "instruction. Twelve years of safe driving tells me your skills are intact. What needs updating is the "
      "alarm. A therapist can help you build a step-by-step plan and may use approaches like EMDR if the near "
      "miss still replays in your mind.",
      "Your body remembers that near miss every time you see an on-ramp. Back roads protect you "
      "in the short term but teach your brain that the highway really is unsafe. Practice slow breathing in "
      "the parked car, then while driving on familiar roads. Once that is automatic, bring it with you on a "
      "short highway stretch. Celebrate every small win.",
      ),
    # 13
    q("anxiety", "Is it anxiety or am I just a worrier?",
      "My whole family calls me a worrier. I plan for every possible problem, I can't relax on vacation, and my "
      "shoulders are always tight. I don't have panic attacks, so I assumed it wasn't anxiety.",
      "It sounds like worry has been part of your identity for so long that it just seems like who you are. "
      "Anxiety doesn't have to include panic attacks. Chronic worry, muscle tension and trouble relaxing are the "
      "main features of generalized anxiety. Being a planner can be a strength, but not when it costs you your "
      "vacations and your shoulders. Therapy can help you keep the useful planning and let go of the rest.",
      EMPTY_ANSWER,
      "Labels matter less than whether the worry is getting in the way of your life. From what you describe, "
      "it is. Try scheduling a daily fifteen-minute worry period and postponing worries until then. It sounds "
      "odd, but it teaches your mind that worry can wait. Many people are surprised how much calmer the rest of "
      "the day becomes.",
      ),
    # 14 (val)
    q("relationships", "My boyfriend checks my phone",
      "We've been together two years. He says he only looks at my phone because he loves me and he was cheated "
      "on before. Lately he gets angry if I don't share my location. Is this normal?",
      "It sounds like his past hurt is being turned into rules for you, and the rules keep getting tighter. "
      "Checking your phone and demanding your location are forms of control, even when they are explained as "
      "love. Trust can't be built through monitoring. If his anger is growing, talk with a counselor on your "
      "own, and stay close to friends and family. If you ever feel unsafe, the National Domestic Violence "
      "Hotline is available at 1-800-799-7233.",
      "Being cheated on can leave someone very insecure. But healing that insecurity is his work, not something "
      "for you to manage by giving up your privacy. Healthy relationships have room for both closeness and "
      "independence. Ask yourself how you feel when he checks: safe, or watched? Your answer matters more than "
      "whether it is common.",
      "It seems like you are starting to question something you were told was normal, and that questioning "
      "deserves respect. Notice whether you have changed what you do, who you talk to or where you go to avoid "
      "his anger. Those changes are important signals. A therapist can help you sort out what you want from "
      "this relationship. You deserve a partner who trusts you without needing proof.",
      "Thank you for asking this. It feels like you are being asked to prove your loyalty again and again, and "
      "his anger makes it hard to say no. That is not a fair position to be in. Try naming one boundary "
      "calmly, such as not sharing your location, and notice how he responds. A partner who respects you may "
      "be disappointed, but he will not punish you.",
      ),
    # 15
    q("relationships", "How do I stop losing myself in relationships?",
      "Every time I date someone I start liking their music, their friends, their hobbies. When it ends I don't "
      "know what I actually like.",
      "It sounds like you are so good at tuning in to other people that you lose track of your own signal. "
      "That pattern often starts early, in families where keeping others happy felt important. Time between "
      "relationships is a great chance to rediscover yourself. Try things alone: see a movie you choose, cook a "
      "meal you love, take a class that interests only you. Write down what you notice.",
      "Merging with a partner is very common, especially early in a relationship. The work is to keep a few "
      "anchors that belong only to you, such as a friendship, a hobby or a routine. Protect those anchors even "
      "when you are in love. Therapy can help you understand why letting go of them comes so naturally.",
      "Many people lose their outline when they love someone, and then have to find it again from "
      "scratch. "
      "Practice small preferences in everyday life, like choosing the restaurant or saying which show you would "
      "rather watch. These tiny choices build the muscle of knowing what you want. Over time, you will bring "
      "more of yourself into the next relationship.",
      ),
    # 16
    q("relationships", "My best friend and I drifted apart",
      "We were inseparable since middle school. Since she got married she rarely answers my texts, and when we "
      "do meet it feels like a polite coffee with a stranger.",
      "It sounds like you are grieving a friendship that shaped a huge part of your life, even though no one "
      "has died. Friendships often shift when one person enters a new stage, like marriage or parenthood. "
      "Sometimes they find a new rhythm, and sometimes they don't. You could tell her honestly that you miss "
      "her and ask whether she misses the closeness too. Whatever she answers, your sadness makes sense.",
      ),
    # 17
    q("relationships", "Should I stay with someone who doesn't want kids?",
      "I'm 31 and I've always imagined being a mom. My partner of four years just told me he is sure he never "
      "wants children. I love him so much.",
      "It sounds like you are facing a choice between two things you love: your partner and the family you "
      "have imagined. There is no easy answer here, and anyone who gives you one isn't listening closely. Take "
      "time to explore how central motherhood is to your sense of a meaningful life. Also ask whether his "
      "answer is firm or whether something sits underneath it, like fear or his own childhood. A couples "
      "counselor can help you both have this conversation honestly.",
      "This is one of the few relationship differences that usually can't be solved by compromise. You can't "
      "have half a child. Many people in your position find it useful to imagine themselves at 50 on each path "
      "and notice what they feel. Grief is likely either way, so the question is which grief you can live "
      "with.",
      "It seems like his certainty has shaken something you thought was settled between you. Give yourself "
      "permission to feel hurt, even though he was honest as soon as he knew. I'd encourage individual "
      "counseling, so you have a space that is only about your needs. Decisions made in a rush of fear rarely "
      "sit well later.",
      "Hi there. It feels like the future you pictured has suddenly split into two paths, and both involve "
      "losing something precious. Please be gentle with yourself. You don't have to decide this week. Talk it "
      "through with people who love you and with a professional who can stay neutral.",
      "Few decisions are as big as this one, and I'm sorry you are facing it. Some couples in your situation "
      "part ways with love and respect, and some stay and build a full life without children. Neither path is "
      "wrong. What matters is that you choose with open eyes rather than hoping he will change his mind. It can "
      "help to separate the questions. Do I want to be a parent? Do I want to be a parent with him? Would I "
      "resent him in ten years if I stayed? Write your honest answers down, even the ones that scare you, and "
      "bring them to a counselor who can help you sit with them without rushing.",
      ),
    # 18
    q("relationships", "We fight about the same thing over and over",
      "It's always about chores. It starts with dishes and ends with both of us saying things we don't mean. "
      "Then we make up and two weeks later it happens again.",
      "It sounds like the dishes are only the doorway, and the real argument is about something bigger, like "
      "feeling unappreciated or unequal. Couples who fight about chores are often fighting about fairness and "
      "respect. Next time, try to name the feeling underneath, for example \"I feel alone in running this "
      "house.\" That opens a very different conversation than \"You never do the dishes.\" Dr. Gottman's "
      "research on recurring conflicts may also be worth reading together.",
      "Repeating fights are common; research suggests most conflicts between partners are never fully "
      "resolved, only managed. What matters is how you fight. Agree on a time-out signal you can both use when "
      "things heat up, and promise to come back within an hour. Then sit down when you are both calm and write "
      "a concrete chore plan together.",
      "It seems like the making up happens without the real issue ever getting solved, so it keeps coming "
      "back. Try a calm weekly check-in about the household before anyone is angry. Ten or fifteen minutes is "
      "enough. If the same cycle continues, couples therapy can help you see the pattern from the outside.",
      ),
    # 19 (test)
    q("family-conflict", "My parents still treat me like a child",
      "I'm 26, I have a job and pay my own rent, but my parents comment on everything I do, from my clothes to "
      "my budget. When I push back they say I'm being disrespectful.",
      "It sounds like you have grown into an independent adult but your parents haven't updated their picture "
      "of you yet. That gap is frustrating, especially when standing up for yourself gets called disrespect. "
      "Set boundaries calmly and consistently, like \"I know you care, and I'm going to make this decision "
      "myself.\" Then change the subject rather than debating. Boundaries are shown more by what we do than by "
      "what we say.",
      "Many parents struggle with the shift from managing a child to relating to an adult. Their comments may "
      "come from worry about their own place in your life as much as about you. That doesn't make it less "
      "annoying. Decide which topics you are willing to discuss with them and which are off limits, and hold "
      "that line kindly.",
      "It feels like every conversation with your parents turns into a test of whether you are allowed to be "
      "grown up. You don't need their permission to be an adult, even though their blessing would be nice. Try "
      "sharing news after decisions are made rather than before. A counselor can help with the guilt that often "
      "comes with this change.",
      ),
    # 20
    q("family-conflict", "Sibling rivalry as adults",
      "My older brother has always been the favorite. At family dinners my mom brags about him and barely asks "
      "about my life. I'm 34 and it still hurts every single time.",
      "It sounds like each family dinner reopens an old wound of not being seen by your mom. Feeling like the "
      "less favored child can shape how we see ourselves for decades. You may never get the attention you "
      "wanted from her, and grieving that is part of healing. At the same time, you can build relationships "
      "where you are truly seen. Therapy is a good place to work on both.",
      "Favoritism hurts at any age. It is natural to keep hoping things will be different at the next dinner. "
      "Consider telling your mom directly, in a calm moment, that you would like her to ask about your life. "
      "Some parents genuinely don't notice until someone names it.",
      "The hurt may be less about your brother and more about your mother's attention. Your brother "
      "may not have chosen his role either. Some siblings find it healing to talk about how each of them "
      "experienced the family. You might learn that his place on the pedestal came with its own pressure.",
      ),
    # 21
    q("family-conflict", "Do I have to go home for the holidays?",
      "My dad drinks too much and my uncle starts political fights every single year. I dread it for weeks. My "
      "mom says it would break her heart if I skipped Christmas.",
      "It sounds like you carry the holiday for weeks before it even begins, and your mom's words add guilt on "
      "top of the dread. You don't have to go. You also don't have to choose between all or nothing. Some "
      "people visit for a few hours instead of a few days, stay in a hotel, or drive themselves so they can "
      "leave when needed. Decide in advance what your exit signal is.",
      "Holidays with a parent who drinks can be very stressful, and it is okay to protect yourself. Your mom's "
      "heartbreak is real, but it isn't yours to prevent at any cost. You could offer to see her separately, "
      "maybe for a quiet breakfast before or after the holiday. That honors the relationship without putting "
      "you back in the chaos.",
      "Thank you for your question. It feels like the holidays have become something to survive rather than "
      "enjoy. If you do go, plan a few supports: a friend you can text, a walk outside when voices rise, and a "
      "set time to leave. Al-Anon meetings can also help family members of people who drink too much.",
      "It seems like you are more worried about hurting your mom than about your own wellbeing. Both matter. "
      "Write out what you would need for the visit to be tolerable. If you can't get those things, skipping "
      "this year is a legitimate choice.",
      ),
    # 22
    q("family-conflict", "My mother-in-law criticizes my cooking and parenting",
      "She comes over every Sunday and finds something wrong with everything. My husband says to ignore it "
      "because that's just how she is.",
      "It sounds like you absorb her criticism every week while your husband asks you to just let it go. That "
      "can seem like he is choosing her comfort over yours. Talk with him privately about how the comments "
      "affect you, and ask him to take the lead in setting limits with his mother. A boundary usually goes "
      "over better when it comes from her own child.",
      "Weekly criticism adds up. Ignoring it works for some people, but clearly it isn't working for you, and "
      "that is important information. Try a neutral reply like \"Thanks, we're happy with how we do it,\" and "
      "then move on. You could also suggest changing the Sunday routine so visits are shorter or happen "
      "somewhere else.",
      ),
    # 23
    q("parenting", "My toddler's tantrums make me lose my temper",
      "My three year old screams and throws himself on the floor several times a day. I've started yelling "
      "back, and afterward I feel like a terrible mother.",
      "It sounds like you are worn down by daily meltdowns and disappointed in yourself for losing your cool. "
      "Tantrums at three are normal and exhausting. Your son's brain can't yet manage big feelings, so he needs "
      "you to be the calm one, which is hard when you are tired. Before you respond, take one slow breath and "
      "lower your voice instead of raising it. When you do yell, repair afterward with a hug and \"I'm sorry I "
      "yelled.\" Repair teaches him something valuable too.",
      "It seems like you care deeply about how you parent, which is exactly why the yelling bothers you so "
      "much. Terrible mothers don't worry about being terrible mothers. Look at when tantrums happen most: "
      "before naps, when he is hungry, during transitions. Often a small change in the schedule cuts them in "
      "half.",
      "Toddler tantrums can push any parent past their limit. Yelling is a sign that your own tank is empty. "
      "Where could you get a break, even a short one, each day? A parenting class or group can also give you "
      "practical tools and the relief of hearing that other parents struggle too.",
      Pinned("jordan",
             "Hi. It feels like you and your son are both getting flooded at the same moments of the day. When he "
             "melts down, get down to his level, stay close, and name the feeling: \"You're so mad the tower "
             "fell.\" You don't have to fix it or give in. You just have to stay steady until it passes.\n\n"
             "Be well,\nJordan M., LMFT"),
      ),
    # 24 (val)
    q("parenting", "How do I talk to my teenager who won't talk to me?",
      "My 15 year old daughter spends all her time in her room. When I ask how her day was I get one word. I "
      "miss her.",
      "It sounds like you miss the closeness you once had with your daughter, and the silence hurts. Pulling "
      "away is a normal part of adolescence, as teens work out who they are apart from their parents. Direct "
      "questions often get one-word answers. Try side-by-side time instead, like driving somewhere together, "
      "cooking or watching her favorite show. Teens tend to talk more when they don't feel interviewed.",
      "Fifteen is a hard age for teens and parents alike. Keep offering connection without pressure, and let "
      "her know you are available when she wants to talk. Be curious about her world, including music, games "
      "and friends, even if it isn't your cup of tea. Listen more than you advise when she does open up.",
      "Worrying that her distance means something is wrong is natural. Usually it is normal "
      "development, but watch for changes in sleep, eating, grades or friends. If you see several of those, a "
      "check-in with a counselor would be wise. Otherwise, patience and small gestures go a long way.",
      "Thank you for reaching out. It feels like your daughter's bedroom door has become a wall between the two "
      "of you. Try opening it a crack by texting her; many teens share more in writing than face to face. A "
      "silly meme or a quick \"thinking of you\" keeps the line open without demanding anything.",
      "It sounds like the one-word answers leave you standing on the outside of her life. Try telling her about "
      "your own day first, including small mistakes or funny moments. Modeling openness can invite it. And "
      "resist reacting strongly when she shares something surprising, because she is testing whether it is "
      "safe to talk.",
      "Missing your child while she still lives under your roof is a quiet kind of grief. Many parents feel it "
      "and few say it. Take care of your own needs too, so your sense of connection doesn't rest entirely on "
      "her. When she comes back toward you, and most teens do, you will be ready.",
      ),
    # 25
    q("parenting", "Co-parenting with an ex who undermines me",
      "We share custody of our two kids. Whatever rule I set, their dad tells them it doesn't apply at his "
      "house and that I'm too strict.",
      "It sounds like you feel undercut every time you set a rule, and the kids are caught in the middle. "
      "Different rules in two homes are manageable for children; what hurts them is hearing one parent "
      "criticize the other. You can tell your kids, \"Dad's house has different rules, and these are the rules "
      "here.\" Stay calm and consistent. A co-parenting counselor or parenting coordinator can help if direct "
      "talks with your ex go nowhere.",
      "Co-parenting with someone who criticizes you to the kids is very hard. Focus on what you can control, "
      "which is your home and your relationship with your children. Avoid answering his comments through the "
      "kids. Keep communication with him brief, factual and in writing, e.g. through a co-parenting app.",
      "It seems like you are afraid the kids will start to see you as the bad guy. Children usually come to "
      "appreciate a parent who is warm and consistent, even if they complain in the moment. Keep your rules few "
      "and clear. Over time your steadiness will speak for itself.",
      ),
    # 26
    q("parenting", "My son was diagnosed with ADHD and I feel guilty",
      "I keep wondering if I caused it, if I let him have too much screen time or if I wasn't patient enough. "
      "The doctor says it isn't my fault but I can't shake it.",
      "It sounds like you are carrying guilt for something you didn't cause. ADHD is largely genetic and has to "
      "do with how the brain develops, not with screen time or parenting. Guilt is often love with nowhere to "
      "go. Put that energy into learning about ADHD and finding supports that help your son thrive. Parent "
      "training programs for ADHD are very effective and can make home life calmer.",
      "A diagnosis can bring up many feelings at once: relief, fear, grief and guilt. All of them are normal. "
      "Your doctor is right that you didn't cause this. Consider talking with other parents of kids with ADHD, "
      "who will understand this mix of feelings from the inside.",
      "Searching for what you did wrong is a way of hoping that, if you caused it, you could fix it. "
      "That is a very human way of trying to regain control. But your son doesn't need a perfect parent; he "
      "needs an informed and loving one, which you clearly are. A counselor can help you work through the "
      "guilt so it doesn't weigh on your relationship with him.",
      ),
    # 27
    q("parenting", "Is it okay to let my child see me cry?",
      "",
      "Yes, in most cases it is healthy for children to see a parent cry. It shows them that sadness is normal "
      "and survivable. What matters is what comes next: let your child know you are sad, that it is not their "
      "fault, and that you are going to be okay. Avoid leaning on them for comfort the way you would with an "
      "adult. That way they learn that feelings can be shared without being overwhelming.",
      ),
    # 28
    q("grief-and-loss", "My father died and I feel nothing",
      "He passed away two months ago after a long illness. At the funeral everyone was crying and I just stood "
      "there. I loved him. Why can't I cry?",
      "It sounds like you are worried that not crying means you didn't love him enough. It doesn't. Numbness "
      "is a very common response to loss, especially after a long illness. You may have been grieving for "
      "months or years as you watched him decline. Grief also keeps no schedule; tears may come later, "
      "unexpectedly, or in other forms like fatigue or irritability.",
      "Losing a parent changes the shape of every day. Some people cry right away, some months later and some "
      "rarely at all. Your love for your father is not measured in tears. Give yourself permission to grieve in "
      "your own way, whether that is writing to him, visiting places you shared, or simply sitting quietly "
      "with his memory.",
      "It seems like you are judging your grief against what you saw at the funeral. Shock and numbness "
      "protect us when a loss is too big to take in all at once. After a long illness there can also be "
      "relief, which then brings guilt. All of these feelings can sit side by side. A grief counselor or "
      "support group can help you make room for them.",
      "Hi, and I'm so sorry for your loss. It feels like your emotions have gone somewhere you can't reach "
      "right now. That happens. Be patient with yourself and keep routines that care for your body, like "
      "sleep, food and a bit of movement. When feelings do come, let them, without trying to understand them "
      "right away.",
      "It sounds like you may have spent his long illness bracing for this loss, and bracing can leave "
      "feelings frozen for a while.That is very common for people who were close to someone who was sick. "
      "Your mind may be waiting until it is safe to let go.Two months is still very early. Be gentle with "
      "yourself, and reach out to a grief counselor if the numbness starts to worry you.",
      "Not crying at a funeral is much more common than people admit. Funerals are public, busy and full of "
      "tasks, and many people go on autopilot. Grief often shows up later, in quiet moments at home. Notice if "
      "it comes out as tiredness, irritability or trouble concentrating. These are grief too.",
      ),
    # 29 (test)
    q("grief-and-loss", "How long does grief last?",
      "It has been a year and a half since my wife died. People seem to expect me to be over it. Some days are "
      "fine and then a song in a store flattens me.",
      "It sounds like the world has moved on according to its own timeline while your grief keeps a different "
      "one. There is no deadline for grieving a spouse. Many people find that grief doesn't end so much as "
      "change shape; the waves come further apart but can still be strong. A song in a store is one of those "
      "waves. It means your love for her is still very much alive.",
      "I'm so sorry about your wife. Eighteen months is not long after losing a life partner. People who expect "
      "you to be over it usually mean well but don't understand. Find at least a few people, perhaps in a "
      "spousal loss support group, who will let you talk about her freely.",
      "It seems like the unpredictability of grief is one of the hardest parts for you right now. You can't "
      "always avoid triggers, but you can plan for them. Have a small ritual ready for when a wave hits, like "
      "stepping outside, breathing, and saying her name. Letting the wave come tends to make it pass faster "
      "than fighting it.",
      "Thank you for sharing this with me. It feels like you are being asked to hurry through something that "
      "can't be hurried. Grief researchers describe moving back and forth between feeling the loss and "
      "rebuilding daily life. Fine days are not a betrayal of her, and hard days are not a setback. Both are "
      "part of the process.",
      "Grief after losing a spouse often lasts much longer than the people around you expect. In the first "
      "year, many people are in survival mode, handling paperwork, firsts and the shock of an empty house. The "
      "second year can be harder, because the numbness wears off and the casseroles and phone calls fade. "
      "What you describe, fine days interrupted by sudden waves, is a normal pattern. Over time, most people "
      "find that the waves come less often, even though they never fully stop. Some people keep a journal of "
      "those moments or write letters to the person they lost. Others honor them through something they cared "
      "about. If the hard days start to outnumber the fine ones, or you stop taking care of yourself, please "
      "reach out to a grief counselor. You loved deeply, and grief is the price of that love.",
      ),
    # 30
    q("grief-and-loss", "Grieving my dog more than I grieved my grandmother",
      "My dog of fourteen years died last week and I can't stop crying. When my grandmother died I was sad but "
      "nothing like this, and I feel so guilty about that.",
      "It sounds like your dog was your daily companion for fourteen years, and the loss is woven into every "
      "corner of your routine. Grief tends to follow closeness and daily contact, not categories like family or "
      "pet. You saw your dog every day; you may have seen your grandmother a few times a year. That is not a "
      "failing. It is simply how attachment works.",
      "Losing a pet is real grief, and it deserves as much compassion as any other loss. The guilt you feel "
      "about your grandmother is understandable but unfair to yourself. You loved her too, in a different way. "
      "Consider a small ritual for your dog, like planting something or making a photo book, to honor those "
      "fourteen years.",
      "You may be grieving twice right now: your dog, and the sense that you didn't grieve your "
      "grandmother enough. Sometimes a new loss opens the door to older ones. If memories of your grandmother "
      "are coming up, let them. You can honor both.",
      ),
    # 31
    q("grief-and-loss", "Miscarriage and nobody talks about it",
      "I lost a pregnancy at eleven weeks. Only a few people knew, so everyone just went back to normal. I feel "
      "like I'm mourning someone no one else met.",
      "It sounds like you are grieving in silence because the world never got the chance to know your baby. "
      "That kind of invisible grief is very lonely. Miscarriage is a real loss, the loss of a person you were "
      "already imagining and planning for. A pregnancy loss support group can offer people who truly "
      "understand. Naming the baby or marking the due date are ways some people make the loss visible.",
      "I'm so sorry for your loss. Early pregnancy loss is common and yet rarely talked about, which leaves "
      "many people feeling alone. Your grief is valid no matter how many weeks it was. Tell one or two trusted "
      "people what you need, even if it is just to say the baby's name out loud.",
      "It feels like you are holding the entire weight of this loss by yourself. Partners sometimes grieve "
      "differently or more quietly, which can add to the loneliness. If you have a partner, talk about how each "
      "of you is doing. A counselor who specializes in perinatal loss can also help.",
      ),
    # 32
    q("self-esteem", "I can't take a compliment",
      "When someone says I did a good job I immediately explain why it wasn't that good. It makes people "
      "awkward and I don't know how to stop.",
      "It sounds like compliments make you uncomfortable, maybe because they don't match the way you see "
      "yourself. Deflecting is a way of restoring that familiar picture. Try a simple practice: say \"Thank "
      "you\" and nothing else, even if it feels unnatural. Later, write the compliment down and ask yourself "
      "what evidence supports it.",
      "Struggling to accept praise is very common, especially for people who are hard on themselves. The "
      "explaining is a habit, and habits change with practice. Notice the urge to explain, pause, and say "
      "thanks. The awkwardness will fade with repetition.",
      ),
    # 33
    q("self-esteem", "I compare myself to everyone on social media",
      "I scroll through people my age who are buying houses, getting engaged, traveling. Then I look at my "
      "life and feel like a failure.",
      "It sounds like social media has become a measuring stick, and you come up short every time you hold it "
      "up. Remember that people post highlight reels, not their ordinary days. Try muting accounts that leave "
      "you feeling worse, and notice how you feel after a week. Then ask what you actually want for your life, "
      "rather than what others seem to have.",
      BOILERPLATE_ANSWER,
      "It seems like you are measuring your life by milestones that may or may not fit who you are. Houses and "
      "engagements happen on different timelines for everyone. Make a list of what you have done in the last "
      "year that you are proud of, however small. It can help balance the picture.",
      "Comparison is a normal human habit, and social media puts it into overdrive. Set a time limit for "
      "scrolling, and avoid it first thing in the morning and right before bed. Fill that time with something "
      "that builds your own life, like calling a friend or working toward a goal.",
      ),
    # 34 (val)
    q("self-esteem", "How do I stop hating how I look?",
      "I avoid mirrors and photos. I've canceled plans because nothing I own looks right on me.",
      "It sounds like the way you feel about your appearance is starting to shrink your life, keeping you from "
      "plans and people you care about. That is an important signal. Body image struggles are often about more "
      "than looks; they can carry old comments, comparisons and feelings of not being enough. A therapist can "
      "help you explore those roots. In the meantime, focus on what your body does for you rather than how it "
      "looks.",
      "Hating your reflection is painful and exhausting. Try experimenting with body neutrality, which means not "
      "forcing yourself to love your body but simply treating it with respect. Wear clothes that are "
      "comfortable rather than clothes you think you should fit into. Notice the harsh voice when it speaks, "
      "and ask whose voice it really is.",
      "It feels like the mirror has become an enemy rather than just a piece of glass. If the distress is "
      "intense, or you spend a lot of time checking or hiding parts of your body, ask a professional about body "
      "dysmorphic disorder. It is treatable. You don't have to keep canceling your life.",
      ),
    # 35
    q("self-esteem", "Do I need other people's approval to feel okay?",
      "If my boss or my friends seem even slightly annoyed with me I spiral for days. I say yes to everything "
      "so no one is disappointed.",
      "It sounds like your sense of being okay depends on everyone else being okay with you. That is a heavy "
      "burden to carry. Saying yes to everything protects you from disappointment in the moment, but it also "
      "leaves you exhausted and resentful. Practice small no's in low-stakes situations, and notice that the "
      "relationship usually survives.",
      "It seems like other people's moods land on you as a verdict on your worth. People-pleasing often grows "
      "in homes where love felt conditional. Therapy can help you build an inner sense of worth that doesn't "
      "swing with every reaction. That work takes time, but it changes a lot.",
      "Wanting approval is human; needing it to function is painful. Start noticing what you want before you "
      "answer a request. Give yourself a pause: \"Let me check and get back to you.\" That space makes it "
      "easier to choose instead of automatically agreeing.",
      ),
    # 36
    q("trauma", "Flashbacks years after a car accident",
      "The accident was five years ago and I wasn't badly hurt. But when I hear tires screech I'm right back "
      "there, and my body freezes.",
      "It sounds like your body still responds as if the accident were happening now, even though years have "
      "passed. That is how trauma memories work; they are stored differently and can be triggered by sounds or "
      "smells. Not being badly hurt doesn't mean the event wasn't traumatic. Treatments like EMDR and "
      "trauma-focused CBT help the brain file the memory as past. Many people find real relief.",
      "Freezing when you hear screeching tires is a common trauma response. Your nervous system learned that "
      "sound means danger. When it happens, practice grounding: feel your feet, name where you are, and remind "
      "yourself of today's date. A trauma-informed therapist can help you go further.",
      "You may be minimizing what happened because you weren't badly injured. Trauma isn't "
      "measured by the injury but by how overwhelming the experience was. Give yourself the same understanding "
      "you would give a friend. Your reaction makes sense.",
      "Hello, and thanks for writing. It feels like the accident keeps reaching into the present without "
      "asking permission. Flashbacks are exhausting, and five years is a long time to live with them. There are "
      "very effective treatments now, so please look for a therapist trained in PTSD.",
      ),
    # 37
    q("trauma", "Why do I still flinch when someone raises their voice?",
      "I grew up in a house where there was a lot of yelling. I'm 40 now and safe, but if my coworker raises "
      "her voice I feel like a scared kid.",
      "It sounds like the child who grew up in that loud house still reacts before the adult you are can step "
      "in. That is not weakness. It is a survival response that kept you safe back then. Therapy can help you "
      "build a bridge between the two, so the adult can comfort the younger one. Slow breathing and noticing "
      "your adult surroundings can help in the moment.",
      "Flinching at raised voices after a childhood of yelling is very understandable. Your body learned to be "
      "on guard. It can take time to unlearn, especially if no one ever helped you process those years. "
      "Consider a therapist who works with childhood trauma.",
      "It seems like your coworker's tone instantly carries you back to being small and powerless. If it feels "
      "safe, you might let her know that loud voices are hard for you. People are often more understanding than "
      "we expect. And remember that you have choices and power now that you didn't have as a child.",
      ),
    # 38
    q("trauma", "Can I heal from something I don't fully remember?",
      "There are parts of my childhood that are just blank. I have strong reactions to certain smells and "
      "places and I don't know why.",
      "It sounds like your body is reacting to something your memory hasn't filled in, and that uncertainty is "
      "unsettling. Yes, healing is possible without complete memories. Good trauma therapy focuses on how you "
      "feel and function now, not on digging up details. Be wary of anyone who pushes to uncover memories; a "
      "careful, paced approach is safer. Work on feeling safe in the present first.",
      ),
    # 39 (test)
    q("trauma", "I was assaulted and I blame myself",
      "It happened at a party last year. I had been drinking and I keep thinking that if I had stayed home it "
      "wouldn't have happened. I haven't told anyone except my sister.",
      "It sounds like you have been carrying this mostly alone, and the self-blame makes it even heavier. I "
      "want to say clearly: the assault was not your fault. Drinking does not cause assault; the person who "
      "chose to harm you did. Self-blame is a very common reaction because it gives an illusion of control. A "
      "trauma-informed therapist can help you work through it. RAINN offers confidential support at "
      "1-800-656-4673 at any time of day.",
      "Thank you for trusting us with something so painful. Telling your sister was a brave step. Many "
      "survivors replay the \"what ifs\" for a long time. Those thoughts are understandable, and they are not "
      "the truth about responsibility. You deserve support and care as you heal.",
      "It seems like your mind keeps going back to that night, searching for what you could have done "
      "differently. That search is a way of trying to feel safe again. But the only person who could have "
      "prevented it was the one who did it. Be gentle with yourself; healing doesn't follow a straight line.",
      "Hi, I'm so sorry this happened to you. It feels like part of you is still stuck at that party, asking "
      "questions that have no good answers. Consider reaching out to a local sexual assault center; many offer "
      "free counseling and advocacy. You don't have to decide anything about reporting to get help.",
      ),
    # 40
    q("stress", "Caregiving for my mom is wearing me down",
      "I take care of my mother who has dementia while working full time. I haven't had a day off in months "
      "and I snap at everyone.",
      "It sounds like you have been giving everything you have to your mom and your job, with nothing left for "
      "yourself. Snapping at people is a sign of caregiver burnout, not a character flaw. Look into respite "
      "care, adult day programs or family members who could take a shift. Even a few hours a week can make a "
      "real difference. You can't pour from an empty cup.",
      "Caring for a parent with dementia is one of the hardest jobs there is. Grief is mixed in too, as you "
      "watch her change. Caregiver support groups, often run through hospitals or Alzheimer's organizations, "
      "offer both practical tips and understanding. Please keep up with your own health appointments as well.",
      "It seems like you feel guilty even thinking about taking a break. But rest is what allows you to keep "
      "caring for her. Make a list of tasks and mark which ones only you can do. Everything else can "
      "potentially be shared, delegated or let go.",
      "It sounds like months without a break have worn you down until everyone gets the sharp edge of your "
      "tiredness. Ask your employer about flexible hours or family leave; many workplaces offer more support "
      "than people realize. Your local Area Agency on Aging can help with meals &amp; transportation. You "
      "deserve support too.",
      ),
    # 41
    q("stress", "How do I handle stress when I have too much on my plate?",
      "Between work, night classes and my kids I'm running on fumes. I get headaches every afternoon.",
      "It sounds like you are stretched across three full-time roles with no room to recover. Afternoon "
      "headaches can be your body's way of waving a flag. Start with the basics: water, a real lunch and a "
      "short walk outside. Then look hard at your commitments and see whether anything can be postponed or "
      "dropped for a season.",
      "Running on fumes is not sustainable, even for a short stretch. Try a weekly planning session where you "
      "block time for rest as seriously as you block time for class. Small breaks, like five minutes of "
      "breathing between tasks, add up. And check with a doctor about the headaches to rule out other causes.",
      "It feels like there is never a moment when someone doesn't need you. Ask for help where you can, from a "
      "partner, a friend or other parents. Trading childcare for a few hours can give you study time. Be proud "
      "of what you are managing; it is a lot.",
      ),
    # 42
    q("stress", "Money worries keep me up",
      "We're behind on rent after my hours were cut. I check my bank account ten times a day.",
      "It sounds like financial stress has moved into every corner of your day, and checking your account is a "
      "way of trying to feel in control. That is a very human response to uncertainty. Writing a simple plan, "
      "even a rough one, can calm some of the panic. Many communities have emergency rent assistance and free "
      "financial counseling, and calling 211 can connect you with local resources. You are not alone in this.",
      ),
    # 43
    q("workplace", "My boss humiliates me in meetings",
      "He points out my mistakes in front of the whole team and makes jokes about them. I've started dreading "
      "Monday on Friday afternoon.",
      "It sounds like your boss's public criticism has turned your whole weekend into a countdown to Monday. "
      "Being mocked in front of colleagues is humiliating and not an acceptable way to give feedback. Write "
      "down specific incidents with dates. Then consider asking him for a private conversation about how "
      "feedback is delivered, or talk with HR if that feels unsafe.",
      "Nobody does their best work while being ridiculed. What you describe may cross into workplace bullying. "
      "Talk with trusted coworkers to see whether others have noticed. Knowing you are not alone can ease the "
      "shame, and notes from several people carry more weight.",
      "It seems like the dread is leaking into your time off, which means this job is costing you more than "
      "forty hours a week. Protect your weekends by planning something enjoyable for Sunday evening. Meanwhile, "
      "think about your options, including whether this is a place you want to stay long term. Your wellbeing "
      "matters more than any single job.",
      "Thank you for your question. It feels like you are being made into the punchline at work, and that wears "
      "down anyone's confidence. A counselor can help you rebuild your sense of competence and plan how to "
      "respond. You deserve a workplace where mistakes are handled with respect.",
      ),
    # 44 (val)
    q("workplace", "I feel like a fraud at my new job",
      "I got promoted to team lead three months ago. Everyone seems to think I know what I'm doing, but I'm "
      "sure they'll figure out soon that I don't.",
      "It sounds like you are waiting to be found out, even though you were chosen for this role. That is "
      "impostor syndrome, and it is very common among capable people, especially after a promotion. Keep a "
      "record of positive feedback and problems you have solved. When the fraud feeling comes up, read it.",
      "Three months is still early in a new role. Nobody knows everything when they start leading a team. Good "
      "leaders ask questions and learn as they go. Consider finding a mentor who has been in your position.",
      "You are holding yourself to the standard of an experienced leader rather than a new one. "
      "Give yourself the learning curve you would give anyone else. Talk openly with your manager about your "
      "goals and where you want support. Confidence often follows experience, not the other way around.",
      ),
    # 45
    q("workplace", "Burned out and I can't quit",
      "I'm a nurse and I used to love my job. Now I feel numb on shift and I cry in my car before going in. I "
      "can't afford to leave.",
      "It sounds like you have given so much of yourself to caring for others that there is little left for "
      "you. Numbness and crying before shifts are signs of serious burnout. Your employer may have an employee "
      "assistance program with free counseling sessions. Use them. Burnout isn't a personal failing; it is a "
      "response to chronic overload.",
      "Healthcare workers carry an enormous emotional load, and the last few years have made it heavier.Crying "
      "in your car is your body asking for relief. Look for small changes within your job, like switching "
      "units, adjusting shifts or cutting overtime.Peer support groups for nurses can also help you feel less "
      "alone.",
      "It seems like you feel trapped between needing the income and needing a break. Both needs are real. A "
      "counselor can help you make a longer-term plan, whether that is a different role in nursing or a gradual "
      "transition. Meanwhile, protect your days off as recovery time.",
      "Hi there, and thank you for the work you do. It feels like the job you once loved has become something "
      "you have to brace yourself for. Please check whether depression is part of what you are experiencing, "
      "since burnout and depression often overlap. A doctor or therapist can help you sort that out.",
      "Burnout creeps up slowly and then suddenly becomes overwhelming. Your reaction is a reasonable response "
      "to an unreasonable workload. Nurses are at high risk, and you are far from alone. The worksheet at "
      "https://example.org/worksheets/burnout-check can help you track your energy across the week and spot "
      "what drains you most. Bring what you learn to a counselor or to your manager.",
      ),
    # 46
    q("workplace", "Coworker takes credit for my work",
      "",
      "It sounds like you are doing the work while someone else collects the recognition, which is both "
      "frustrating and demoralizing. Start making your contributions visible: send summary emails after "
      "meetings, and copy your manager on updates. If it continues, talk with your coworker directly and "
      "calmly. If nothing changes, bring specific examples to your manager.",
      "Having your work claimed by someone else is infuriating. It is worth checking whether it is deliberate "
      "or just a habit of saying \"I\" instead of \"we.\" Either way, you can speak up: \"I'd like to be named "
      "on the projects I lead.\" Clear, direct language is usually the best tool here.",
      ),
    # 47
    q("sleep-improvement", "My mind races as soon as I lie down",
      "I'm exhausted all day, but the moment my head hits the pillow my brain replays every conversation I "
      "had. It takes me two hours to fall asleep.",
      "It sounds like your mind waits for the quiet of bedtime to process the whole day. Try a wind-down "
      "routine an hour before bed, including writing down anything on your mind so your brain knows it has "
      "been captured. If you can't sleep after twenty minutes, get up and do something calm in dim light until "
      "you are sleepy. Cognitive behavioral therapy for insomnia, called CBT-I, is the most effective treatment "
      "and doesn't require medication.",
      EMPTY_ANSWER,
      "Racing thoughts at bedtime are one of the most common sleep complaints. Your brain has probably learned "
      "to associate bed with thinking. Keep the bed for sleep only, with no phone or work, to rebuild the link "
      "between bed and rest. It takes a couple of weeks to see results.",
      "It seems like there is no space in your day for thinking, so your brain saves it all for the night. "
      "Schedule a worry time in the early evening, where you sit for fifteen minutes and write down what is on "
      "your mind. When the thoughts come at bedtime, remind yourself that you will deal with them tomorrow.",
      ),
    # 48
    q("sleep-improvement", "I wake up at 3am every night",
      "I fall asleep fine but wake up around 3 and can't get back to sleep. I lie there worrying about the day.",
      "It sounds like 3am has become a lonely and anxious hour for you. Early waking can be linked to stress, "
      "alcohol or depression, so it is worth mentioning to your doctor. Don't check the clock, because it adds "
      "pressure. If you are awake more than twenty minutes, get up and read something calm until you feel "
      "drowsy.",
      "Waking in the middle of the night is frustrating, especially when worry fills the space. Try a simple "
      "breathing pattern: in for four, hold for four, out for six. Keep a notebook next to your bed to write "
      "worries down so you can set them aside. Keep your wake-up time the same every day, even on weekends.",
      "It feels like the night gives your worries a stage with no competition. At 3am, problems always look "
      "bigger than they do in the morning. Remind yourself of that when you wake. If this continues for more "
      "than a few weeks, a sleep specialist or a therapist trained in CBT-I can help.",
      ),
    # 49 (test)
    q("sleep-improvement", "Nightmares since my divorce",
      "I have vivid nightmares about my ex almost every night. I've started staying up late so I don't have to "
      "dream.",
      "It sounds like your nights have become one more place where the divorce follows you. Staying up late "
      "makes sense as a way to avoid nightmares, but sleep loss makes everything harder. Imagery rehearsal "
      "therapy is a proven technique for nightmares: you rewrite the dream with a new ending and rehearse it "
      "during the day. A therapist can guide you through it.",
      "Divorce is a major loss, and nightmares are often how the mind works through loss and stress. Make your "
      "evenings as calm as possible, limiting screens and alcohol. Talking about the divorce during the day, "
      "with a friend or therapist, can reduce what spills into your dreams.",
      "It seems like the divorce may have left feelings that haven't had anywhere else to go. If the marriage "
      "involved fear or conflict, the nightmares might be part of a trauma response. That is worth exploring "
      "with a professional. You deserve restful sleep.",
      ),
    # 50
    q("anger-management", "I lose my temper in traffic",
      "Someone cuts me off and I'm suddenly screaming and tailgating. My girlfriend refuses to ride with me "
      "now. I'm not like this anywhere else.",
      "It sounds like traffic flips a switch in you that doesn't get flipped anywhere else. That is worth "
      "getting curious about. Road rage is often stress from other parts of life finding an outlet where it "
      "feels anonymous. Notice the first signs, like a tight jaw or grip, and use them as cues to breathe and "
      "slow down. Leaving earlier also removes some of the time pressure.",
      "Your girlfriend refusing to ride with you is an important wake-up call. Tailgating in anger can be "
      "dangerous. Consider an anger management course; many are short and practical. You deserve to be in "
      "control behind the wheel.",
      "It seems like being cut off lands as something personal, as if the other driver did it to you on "
      "purpose. Try telling yourself a different story: maybe they are rushing to the hospital, or they just "
      "didn't see you. It sounds small, but changing the story changes the anger.",
      ),
    # 51
    q("anger-management", "My anger scares my partner",
      "I've never hit anyone but I have punched a wall and thrown my phone. My partner said she's scared of me "
      "when I'm angry. I don't want to be that guy.",
      "It sounds like you are taking your partner's fear seriously, which is an important first step. Punching "
      "walls and throwing things are frightening to be around, even when no one is hit. Anger itself is okay; "
      "it is the way it comes out that needs to change. Look for a therapist or program that focuses on anger "
      "and relationships. Learning to take a time-out before you reach that point is a key skill.",
      "Wanting to change is where change starts. Notice your early warning signs, such as heat in your face, "
      "clenched fists or racing thoughts. When you feel them, leave the room and tell your partner you will "
      "come back when you are calm. Then actually come back and talk.",
      "It seems like you are ashamed of how your anger comes out, and that shame can make you defensive when "
      "she brings it up. Try to listen to your partner without explaining yourself. Her fear is valid even if "
      "you would never hurt her. A counselor can help you understand where the anger comes from, which often "
      "goes back to how anger was handled in your family.",
      "Thank you for being honest about this. It feels like you don't recognize yourself in those moments. "
      "That is common with explosive anger, and it is very workable. Please start with a professional; you "
      "don't have to figure this out alone.",
      ),
    # 52
    q("anger-management", "How do I express anger without exploding?",
      "I keep everything in until I can't and then I blow up over something tiny.",
      "It sounds like you hold in a lot of small frustrations until the pressure builds and something tiny "
      "sets it off. The key is to express anger while it is still small. Try saying \"I'm annoyed about this\" "
      "in the moment, calmly, rather than waiting. It may be uncomfortable, especially if you learned that "
      "anger is dangerous or wrong.",
      "Anger that is bottled up tends to come out sideways or all at once. Physical outlets like exercise can "
      "release some of the tension. So can journaling about what bothered you each day. Over time, you will get "
      "better at recognizing and naming anger early.",
      "Many of us learn to treat anger as something to avoid until it can't be avoided anymore. Anger is a normal "
      "emotion that often tells us a boundary has been crossed. Learning to respect it as information can "
      "change how you express it. Assertiveness training could be useful.",
      ),
    # 53
    q("addiction", "How do I know if I'm drinking too much?",
      "I have two or three glasses of wine every night to unwind. I never miss work but I've noticed I get "
      "irritable if there isn't any in the house.",
      "It sounds like you have noticed that wine has become something you rely on, and you are wondering what "
      "that means. Drinking every night and getting irritable without it are signs worth paying attention to. "
      "Try a break of two to four weeks and notice what happens to your mood, sleep and cravings. That "
      "experiment can tell you a lot. If it is harder than you expect, talk to a doctor or counselor.",
      "Asking this question shows real self-awareness.Guidelines generally suggest no more than one drink a "
      "day for women and two for men, and drinking every night can build tolerance and dependence. Unwinding "
      "matters, so consider other ways to do it, like a walk, a bath or a call with a friend.A counselor can "
      "help you look at what you are unwinding from.",
      "It seems like wine has become your main way to switch off from the day. I'd be curious what stress you "
      "need to unwind from. Treating the root can reduce the pull of the glass. Meanwhile, keep a simple log of "
      "how much you drink and how you feel.",
      "It sounds like part of you is already uneasy about this habit, or you would not be asking. Trust that "
      "unease. Missing work is not the only sign of a problem. Look at the role drinking plays in your life, "
      "not just the amount.",
      "Only you can decide what too much means for your life, but a few questions can help. Do you drink more "
      "than you intend to? Have you tried to cut back and found it hard? Do you look forward to the first glass "
      "more than to the rest of the evening? Has anyone close to you mentioned it? A yes to one or two of these "
      "doesn't mean you have a serious problem, but it is a good reason to pay attention. Alcohol also affects "
      "sleep quality and mood, so cutting back often improves both within a few weeks. Your doctor can check "
      "your health and talk with you without judgment. If you want support, many counselors work with people "
      "who want to drink less rather than quit completely.",
      ),
    # 54 (val)
    q("addiction", "My brother relapsed again",
      "He was sober for ten months and now he's using again. I'm exhausted from hoping. Do I keep helping him?",
      "It sounds like you have been riding the roller coaster of your brother's addiction for a long time, and "
      "the hoping itself has become exhausting. Relapse is common in recovery, and ten months of sobriety is "
      "real progress. It is also okay to set limits on how you help. Supporting his treatment is different from "
      "rescuing him from consequences.",
      "Loving someone with an addiction is painful and draining. Nar-Anon and Al-Anon groups are specifically "
      "for family members and can help you sort out what help is healthy. You can love him and still protect "
      "your own wellbeing. Those aren't opposites.",
      "It seems like you are wondering whether your help makes any difference at all. Ask yourself what kind of "
      "help you have been giving, and whether it supports recovery or makes using easier. Driving him to "
      "treatment is different from giving him money. A family therapist who understands addiction can help you "
      "decide.",
      "Hi, I'm so sorry. It feels like the relapse knocked the wind out of you after months of cautious hope. "
      "Your exhaustion is real. Please take care of yourself while you figure out your next steps.",
      ),
    # 55
    q("addiction", "I can't stop gambling on my phone",
      "It started with sports bets for fun. Now I'm hiding losses from my wife and betting at 2am to win it "
      "back.",
      "It sounds like gambling has moved from fun to something that controls you, and the secrecy adds a heavy "
      "weight. Chasing losses is one of the clearest signs of a gambling problem. Delete the apps and use the "
      "self-exclusion tools that most betting sites are required to offer. The National Problem Gambling "
      "Helpline at 1-800-522-4700 offers free, confidential support.",
      "Hiding losses from your spouse is painful and isolating. Telling her will be hard, but secrets tend to "
      "grow. A counselor who specializes in gambling can help you plan that conversation and build a recovery "
      "plan. Gamblers Anonymous meetings are also available in many areas and online.",
      "It seems like you are caught in a cycle where every loss makes the next bet more urgent. Gambling acts "
      "on the brain's reward system in ways similar to substances. That is why willpower alone is often not "
      "enough. Reach out for help; recovery is very possible.",
      ),
    # 56
    q("lgbtq", "How do I come out to religious parents?",
      "I'm 19 and gay. My parents are very involved in our church and I've heard them say things that make me "
      "think they won't accept me. I still live at home.",
      "It sounds like you want to be honest with your parents but worry about what it could cost you, "
      "especially while you live at home. Your safety and stability come first. There is no rule about when you "
      "have to come out. Some people wait until they are financially independent. Meanwhile, find support from "
      "LGBTQ-affirming friends, groups or counselors.",
      "Coming out to religious parents can be scary, and every family responds differently. Some parents who "
      "say hurtful things in general react with more love when it is their own child. Others need time. "
      "Consider having a backup plan, like a friend you can stay with, before the conversation. The Trevor "
      "Project offers support for young LGBTQ people.",
      "It seems like you have been carrying this secret while hearing things that hurt. That is painful and "
      "lonely. Some faith communities are LGBTQ-affirming, and learning about them might help you and "
      "eventually your parents. An affirming therapist can help you decide when and how to come out.",
      "Thank you for trusting us with this. It feels like you are caught between your identity and your "
      "family's beliefs. You don't have to choose between being yourself and being loved, even if it seems that "
      "way right now. Take your time, and build a support network first.",
      ),
    # 57
    q("lgbtq", "Questioning my gender and feeling lost",
      "For the past year I've felt uncomfortable when people call me a girl. I don't know if I'm trans or just "
      "confused, and I'm scared to say it out loud.",
      "It sounds like you have been living with a quiet discomfort about your gender and don't yet have words "
      "for what it means. Questioning is a valid place to be; you don't need answers right away. A "
      "gender-affirming therapist can give you space to explore without pressure. You can also experiment "
      "privately, like trying a new name or different clothes, and notice how it feels.",
      "Saying something out loud for the first time can be huge. Consider starting by writing it down or "
      "telling one trusted person. Online communities for questioning people can show you that many paths "
      "exist. There is no wrong way to explore who you are.",
      "Fear of getting it wrong can make it hard to explore at all. Gender exploration isn't a "
      "test with a right answer. Whatever you discover, your feelings deserve respect. Take it one step at a "
      "time.",
      ),
    # 58
    q("lgbtq", "My partner isn't out and it hurts",
      "I've been with my girlfriend for two years and her family thinks I'm her roommate. I understand why "
      "she's scared but I feel invisible.",
      "It sounds like you are trying to honor your girlfriend's fear while quietly paying a price yourself. "
      "Feeling invisible in your own relationship is painful. Talk with her about what each of you needs, and "
      "whether there is a timeline or middle ground you can agree on. A couples counselor who works with LGBTQ "
      "clients can help with this conversation.",
      ),
    # 59 (test)
    q("intimacy", "We haven't been intimate in a year",
      "My wife and I love each other but we haven't had sex in over a year. Whenever I bring it up she goes "
      "quiet and I end up feeling rejected.",
      "It sounds like the topic of sex has become so loaded that neither of you knows how to talk about it "
      "anymore. That is very common in long relationships. Start with non-sexual affection and conversation, "
      "without any pressure for it to lead somewhere. A sex therapist or couples counselor can help you both "
      "talk about desire safely.",
      BOILERPLATE_ANSWER,
      "A year without intimacy can leave both partners lonely. Her silence may be shame, stress, a health issue "
      "or something she hasn't put into words. Ask her gently, at a time and place outside the bedroom, how she "
      "has been feeling about your physical relationship. Listen without defending yourself.",
      "It seems like every time you raise this, you walk away feeling more rejected than before. Try "
      "expressing what you miss rather than what is missing, such as \"I miss feeling close to you.\" That may "
      "land as less of a criticism. Consider seeing a counselor together.",
      ),
    # 60
    q("intimacy", "Low desire after having a baby",
      "Our baby is eight months old. I have no interest in sex and my husband is being patient, but I can tell "
      "he's hurt.",
      "It sounds like your body and mind are still absorbed in caring for your baby, and there isn't much room "
      "for desire right now. Low desire after childbirth is very common, shaped by hormones, sleep loss and "
      "being touched all day. It is also worth checking with your doctor about hormonal or physical factors. "
      "Talk with your husband about ways to be close that don't involve sex for now.",
      "New parenthood changes a relationship in many ways, and desire often takes time to return. Sleep is a "
      "big factor; if you can, trade nights with your husband to get more rest. Let him know his patience "
      "matters to you. Small moments of connection can rebuild intimacy over time.",
      "It seems like you are feeling guilty about your husband's hurt on top of everything else. Try to see "
      "this as a shared challenge rather than your problem to fix. A couples or sex therapist can offer "
      "practical guidance. Things often improve gradually as your baby gets older.",
      ),
    # 61
    q("intimacy", "I freeze up whenever things get physical",
      "I want to be close to my boyfriend but when we start to get physical I go numb and want to leave my "
      "body.",
      "It sounds like part of you wants closeness while another part shuts down to protect you. Going numb or "
      "wanting to leave your body can be a trauma response, even if you aren't sure why. A trauma-informed "
      "therapist can help you understand what is happening. In the meantime, it is okay to slow things down "
      "and tell your boyfriend what you need.",
      "Freezing during intimacy is more common than many people realize. You don't need to push through it. "
      "Let your boyfriend know that you want to go slowly and that stopping is always okay. Safety is what "
      "allows closeness to grow.",
      ),
    # 62
    q("school", "I'm failing my classes and haven't told my parents",
      "I'm a freshman in college and I've stopped going to two of my classes. My parents think I'm doing great. "
      "I don't know how to fix this.",
      "It sounds like you are stuck between your parents' expectations and the reality of how hard this "
      "semester has been. Skipping classes is often a sign that something bigger is going on, like depression, "
      "anxiety or feeling lost. Your campus counseling center and academic advisor can both help. Ask your "
      "advisor about withdrawal deadlines; you may have more options than you think.",
      "Many freshmen hit a wall, and it is fixable. The longer you avoid it, the harder it gets. Email your "
      "professors honestly and ask whether there is any way to catch up. Then make a plan for how to tell your "
      "parents.",
      "It seems like shame is keeping you from asking for the help you need. Your parents would likely want to "
      "know you are struggling so they can support you. It can help to practice what you will say with a "
      "counselor first. You are more than your grades.",
      Pinned("priya",
             "Hi there. It feels like the gap between what your parents believe and what is really happening "
             "grows wider every day. Start by telling one person the truth, whether it is an advisor or a "
             "counselor. Once it is shared, it is easier to make a plan. You've got this.\n\n"
             "Warmly,\nPriya R., LCSW"),
      ),
    # 63
    q("school", "Test anxiety makes me blank out",
      "I study for days and know the material, but when the exam starts my mind goes blank. I got a D on a test "
      "I could have aced.",
      "It sounds like your preparation is solid, but anxiety shuts the door on what you know at the worst "
      "possible moment. Under high stress, the brain has a harder time retrieving information. Practicing "
      "under test-like conditions, such as timed practice exams, can help. Slow breathing at the start of an "
      "exam can calm your body enough to let the material come back.",
      "Test anxiety is very common and very treatable. Talk with your school's accessibility office; some "
      "students qualify for extra time or a quieter room. Start each test with a question you are confident "
      "about to build momentum. And remind yourself that a blank moment often passes if you keep breathing.",
      "The pressure to perform can grow bigger than the test itself. Notice what you tell "
      "yourself before exams. Thoughts like \"I have to get an A\" raise anxiety. Try replacing them with "
      "\"I'm prepared, and I'll do my best.\"",
      ),
    # 64 (val)
    q("school", "Being bullied at school",
      "I'm 14. A group of girls in my class make fun of me in the group chat and post pictures of me. I don't "
      "want to tell my mom because she'll call the school and it will get worse.",
      "It sounds like you are being hurt at school and online, and you are worried that telling an adult will "
      "make things worse. That is a really hard spot. Cyberbullying is serious, and posting pictures of you "
      "without consent may break school rules. Consider telling your mom and asking her to make a plan with "
      "you before calling anyone. Take screenshots of the messages to keep a record.",
      "No one deserves to be treated that way. It is not your fault. Is there a school counselor you trust? "
      "They often know how to handle bullying quietly and carefully. You can also mute or leave the group chat "
      "to protect yourself.",
      "It seems like you are trying to protect yourself by handling this alone. That is brave, but you "
      "shouldn't have to carry it by yourself. Telling your mom how you want her to help can give you more "
      "control. Spend time with friends and activities that make you feel good about yourself.",
      ),
    # 65
    q("eating-disorders", "I binge at night and feel disgusted",
      "During the day I'm really strict with food, then at night I eat until I feel sick. The next day I "
      "promise myself I'll do better and it happens again.",
      "It sounds like you are caught in a cycle where restricting during the day sets you up for bingeing at "
      "night. This is very common: the body responds to deprivation by pushing hard for food later. Eating "
      "regular meals and snacks during the day, even though it is scary, is often the first step to breaking "
      "the cycle. A therapist who specializes in eating disorders can help.",
      "Shame after a binge is painful, and it often fuels the next round of restriction. Try to meet yourself "
      "with curiosity instead of disgust. What were you feeling before the binge? Bingeing often soothes "
      "emotions like loneliness, stress or boredom.",
      "It seems like each morning starts with a promise that makes the night harder. The promise to be "
      "stricter usually backfires. Binge eating disorder is a recognized condition, and it is treatable. Talk "
      "to a doctor or therapist about what you have described.",
      "Thank you for sharing something so personal. It feels like you are at war with food and with yourself. "
      "Please consider reaching out to an eating disorder specialist; this pattern responds well to treatment. "
      "National eating disorder organizations run helplines that can point you to local resources.",
      ),
    # 66
    q("eating-disorders", "Is it an eating disorder if I'm not underweight?",
      "I count every calorie and feel panicky if I can't exercise. My weight is normal so I don't think anyone "
      "would take me seriously.",
      "It sounds like food and exercise have taken a lot of control in your life, and you worry your struggle "
      "won't count. Eating disorders are not defined by weight. Many people with serious eating disorders are "
      "at a normal or higher weight. The panic and rigid rules you describe are important signs. Please talk "
      "with a professional who understands eating disorders.",
      "Yes, you can have an eating disorder at any weight. Your distress is real and deserves care. An "
      "assessment with a therapist or dietitian who specializes in eating disorders can help you understand "
      "what you are experiencing. Early help leads to better outcomes.",
      "Many people wait until they feel sick enough to deserve help. You don't need to reach a certain "
      "point to seek support. Counting and exercising that have become compulsive are reason enough. Reach "
      "out.",
      ),
    # 67
    q("self-harm", "I've been cutting to cope",
      "I started cutting again after two years clean. It's the only thing that makes the pressure stop. I don't "
      "want to die, I just want it to stop.",
      "It sounds like the pressure inside became so intense that cutting seemed like the only way to release "
      "it. Thank you for being honest about this. A relapse after two years doesn't erase your progress; it "
      "tells us you are under a lot of strain right now. Please reach out to a therapist, ideally one trained "
      "in DBT, which teaches other ways to handle overwhelming emotions. If you ever feel unsafe or think you "
      "might harm yourself more seriously, call or text 988 to reach the Suicide and Crisis Lifeline.",
      "Two years without cutting took real strength, and that strength is still in you. Self-harm is usually a "
      "way of coping with unbearable feelings, not an attempt to die. In the moment, try alternatives such as "
      "holding ice or intense exercise. Tell someone you trust what is happening so you don't carry it alone. "
      "Please care for any wounds and get medical help if needed.",
      "It seems like you are trying to get through something very heavy, and cutting is how you learned to "
      "survive it. What has been happening in your life recently? Understanding what is behind the pressure "
      "can help you find safer ways through. Please reach out to a counselor soon. You can also text HOME to "
      "741741 to reach the Crisis Text Line at any hour.",
      ),
    # 68
    q("marriage", "We've become roommates",
      "Married 12 years, two kids. We talk about schedules and bills and nothing else. I don't remember the "
      "last time we laughed together.",
      "It sounds like your marriage has become a well-run household that has lost its friendship and spark. "
      "That is very common while raising kids. Schedule time just for the two of you, even an hour a week, "
      "where logistics are off-limits. Ask each other questions you would have asked on an early date. Small, "
      "regular moments rebuild connection.",
      "Many couples go through a season of being business partners.It doesn't mean the love is gone. Think "
      "back to what you enjoyed together before kids and see if you can bring a piece of it back.Couples "
      "therapy can also help you reconnect.",
      "It seems like you miss the laughter more than anything else. Humor and play are often the first things "
      "to go under stress. Try something new together, like a class or a hike, because novelty can spark "
      "connection. And tell your spouse you miss them; it may open the door.",
      "Thank you for your question. It feels like the two of you have become very good at running a family and "
      "out of practice at being a couple. That can change. Research on long marriages keeps finding that "
      "friendship is the foundation, and friendship can be rebuilt with small, regular effort.",
      "Twelve years and two kids is a lot of shared history, and the drift you describe happens to many solid "
      "marriages. Children need so much attention that couples often stop attending to each other without "
      "noticing. The good news is that connection can be rebuilt in small steps. Share one real thing each day "
      "that isn't about schedules or bills, such as something that made you laugh or something that worries "
      "you. Turn toward each other when either of you reaches out, even in small ways. Put the phones away for "
      "twenty minutes after the kids are in bed. Plan a date once a month and take turns choosing it. If "
      "resentment has built up on either side, couples counseling can help you talk about it safely. Asking for "
      "help is a sign of care, not failure.",
      ),
    # 69 (test)
    q("marriage", "Can a marriage survive an affair?",
      "I found out my husband had an emotional affair with a coworker. He ended it and says he wants to work on "
      "things. Part of me wants to try and part of me wants to run.",
      "It sounds like you are torn between hope and hurt, and both feelings make sense. Yes, many marriages "
      "survive affairs, and some become stronger. It usually takes full honesty, accountability from the "
      "partner who strayed, and time. A couples therapist experienced with infidelity can guide you through "
      "that process.",
      "Discovering an affair, even an emotional one, is a deep betrayal. You don't have to decide right away "
      "whether to stay. Give yourself time to feel and to gather information. Individual therapy can help you "
      "sort out your own needs.",
      "It seems like part of you wants to protect yourself by leaving before you can be hurt again. That is a "
      "natural response. Rebuilding trust takes consistent action over time, not just promises. Watch what he "
      "does, not only what he says.",
      Pinned("nadia",
             "Hi. It feels like the ground shifted under your marriage and you don't yet know where you stand. "
             "Both staying and leaving are valid choices. Take care of yourself first, with sleep, support and "
             "someone to talk to. Whatever you decide, you deserve to heal.\n\nTake care,\nDr. Nadia Haddad"),
      ),
    # 70
    q("counseling-fundamentals", "How do I know if my therapist is a good fit?",
      "I've seen my therapist for six sessions. She's nice but I leave feeling like we just chatted. Is it okay "
      "to switch?",
      "It sounds like you want more direction and depth from therapy than you are getting right now. Yes, it "
      "is okay to switch, and good therapists expect that sometimes. Before you do, consider telling her what "
      "you told us. Many therapists welcome that feedback and can adjust their approach. If nothing changes, "
      "look for someone whose style fits you better.",
      "Fit with your therapist is one of the strongest predictors of good outcomes. Six sessions is a "
      "reasonable time to judge it. Ask yourself whether you feel understood, challenged and hopeful. If the "
      "answer is mostly no, switching is a healthy choice.",
      "It seems like the sessions are pleasant but not quite useful to you yet. It may help to set goals "
      "together, such as what you would like to be different in three months. That gives your sessions a "
      "focus. A good therapist will gladly work with you on that.",
      ),
    # 71
    q("counseling-fundamentals", "What should I expect in my first therapy session?",
      "I finally booked an appointment for next week and I'm nervous. I don't even know what to say.",
      "It sounds like you have taken a big step and now the nerves are catching up with you. That is completely "
      "normal. The first session is usually about getting to know you: what brings you in, your history and "
      "your goals. You don't need to prepare a speech; your therapist will guide the conversation. It is fine "
      "to say, \"I'm nervous and I don't know where to start.\"",
      "Congratulations on booking the appointment. First sessions often include some paperwork, questions "
      "about your background and a conversation about what you hope to get from therapy. You can ask your "
      "therapist questions too, like how they work and what to expect. There are no wrong answers.",
      "It seems like not knowing what to say is making the appointment loom larger than it needs to.<br><br>"
      "Jot down a few notes beforehand about what has been hard lately and what you would like to change. Bring "
      "them with you if it helps. Your therapist has heard many first sessions start with \"I don't know,\" and "
      "that is okay.",
      ),
)

REFLECTION_OPENER = re.compile(r"\b(?:sounds|seems|feels)\s+like\b", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]+>")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|(?<=[.!?])(?=[A-Z])")
REFLECTION_WORDS = (8, 30)
REFLECTION_SHARE = (0.55, 0.72)


def split_for_position(position: int) -> str:
    """Split of the question at `position`: offset 4 of every ten is val, offset 9 is test."""
    remainder = position % 10
    if remainder == 4:
        return "val"
    if remainder == 9:
        return "test"
    return "train"


def slugify(text: str) -> str:
    """Lower-case URL slug: runs of anything but letters and digits become one hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _draw_index(rng: random.Random, size: int) -> int:
    """Index in range(size) from rng.random() alone (its sequence is stable across Python versions)."""
    return min(int(rng.random() * size), size - 1)


def _draw_upvotes(rng: random.Random) -> int:
    """Upvotes skewed to zero like the real export (about 60 % zeros, rarely above 3)."""
    draw = rng.random()
    for upvotes, cumulative in ((0, 0.60), (1, 0.84), (2, 0.94), (3, 0.98)):
        if draw < cumulative:
            return upvotes
    return 4 + _draw_index(rng, 5)


def _therapists_for(question: SampleQuestion, rng: random.Random) -> list[str]:
    """One distinct therapist key per answer; signed (Pinned) answers keep their signer."""
    pinned = {answer.therapist for answer in question.answers if isinstance(answer, Pinned)}
    free = [key for key in THERAPISTS if key not in pinned]
    chosen = []
    for answer in question.answers:
        if isinstance(answer, Pinned):
            chosen.append(answer.therapist)
        else:
            chosen.append(free.pop(_draw_index(rng, len(free))))
    return chosen


def build_rows(questions: tuple[SampleQuestion, ...] = QUESTIONS, seed: int = SEED) -> list[dict[str, str]]:
    """CSV rows (column -> text) for `questions`, one per answer, deterministic for `seed`."""
    rng = random.Random(seed)
    rows = []
    for position, question in enumerate(questions):
        popularity = 30 + int(rng.random() ** 2 * 2400)  # views per answer cluster by question
        for answer, key in zip(question.answers, _therapists_for(question, rng)):
            therapist = THERAPISTS[key]
            rows.append({
                "questionID": str(position),
                "questionTitle": question.title,
                "questionText": question.text,
                "questionLink": f"{LINK_BASE}/questions/{slugify(question.title)}",
                "topic": question.topic,
                "therapistInfo": f"{therapist.name}, {therapist.credential}",
                "therapistURL": f"{LINK_BASE}/therapists/{slugify(therapist.name + ' ' + therapist.credential)}",
                "answerText": answer.text if isinstance(answer, Pinned) else answer,
                "upvotes": str(_draw_upvotes(rng)),
                "views": str(popularity + _draw_index(rng, popularity // 5 + 1)),
                "split": split_for_position(position),
            })
    return rows


def leading_reflection(answer: str) -> str | None:
    """The first of the first two sentences holding "sounds/seems/feels like", or None."""
    plain = _TAG.sub(" ", answer).replace("&amp;", "&")
    for sentence in _SENTENCE_BREAK.split(plain.strip())[:2]:
        if REFLECTION_OPENER.search(sentence):
            return sentence
    return None


def validate_rows(rows: list[dict[str, str]]) -> None:
    """Raise ValueError naming the broken property when `rows` miss the documented shape."""
    problems = []
    answers_per_question: dict[str, int] = {}
    split_of_question: dict[str, str] = {}
    for row in rows:
        answers_per_question[row["questionID"]] = answers_per_question.get(row["questionID"], 0) + 1
        split_of_question[row["questionID"]] = row["split"]
    if not 60 <= len(answers_per_question) <= 80:
        problems.append(f"{len(answers_per_question)} questions, want 60-80")
    if not 200 <= len(rows) <= 260:
        problems.append(f"{len(rows)} answer rows, want 200-260")
    bad_counts = {qid: n for qid, n in answers_per_question.items() if not 1 <= n <= 6}
    if bad_counts:
        problems.append(f"questions with other than 1-6 answers: {bad_counts}")
    for split in ("train", "val", "test"):
        if split not in split_of_question.values():
            problems.append(f"no question in split {split!r}")
    empty = [row["questionID"] for row in rows if not row["answerText"].strip()]
    if len(empty) != 2:
        problems.append(f"{len(empty)} empty answers, want exactly 2")
    boilerplate_splits = [row["split"] for row in rows if row["answerText"] == BOILERPLATE_ANSWER]
    if len(boilerplate_splits) != 3 or "test" not in boilerplate_splits or set(boilerplate_splits) == {"test"}:
        problems.append(f"boilerplate answer splits {boilerplate_splits}, want 3 rows incl. test and non-test")
    reflections = [leading_reflection(row["answerText"]) for row in rows if row["answerText"].strip()]
    found = [r for r in reflections if r is not None]
    share = len(found) / len(reflections)
    if not REFLECTION_SHARE[0] <= share <= REFLECTION_SHARE[1]:
        problems.append(f"{share:.0%} of answers open with a reflection, want {REFLECTION_SHARE}")
    low, high = REFLECTION_WORDS
    problems += [f"reflection of {len(r.split())} words: {r!r}" for r in found if not low <= len(r.split()) <= high]
    boilerplate_reflection = leading_reflection(BOILERPLATE_ANSWER)
    seen: set[str] = set()
    for reflection in found:
        if reflection in seen and reflection != boilerplate_reflection:
            problems.append(f"reflection pasted twice: {reflection!r}")
        seen.add(reflection)
    if problems:
        raise ValueError("sample data is off-spec:\n  " + "\n  ".join(problems))


def render_csv(rows: list[dict[str, str]]) -> str:
    """`rows` as CSV text: header first, minimal quoting, "\\n" line ends."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, compare) the sample CSV; returns the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT_CSV, help="CSV path (default: next to this script)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the CSV differs from what would be written")
    args = parser.parse_args(argv)
    rows = build_rows()
    validate_rows(rows)
    text = render_csv(rows)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
        if current != text:
            print(f"{args.output} is stale; regenerate it with: python {Path(__file__).as_posix()}", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date ({len(rows)} rows)")
        return 0
    args.output.write_text(text, encoding="utf-8", newline="")
    print(f"wrote {len(rows)} rows to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
