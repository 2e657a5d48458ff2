"""Specialist referrals (not crisis)."""

from __future__ import annotations

import pytest

from tasks.core.safety.referral import REFERRAL_KINDS, referral_for

# (case, language, expected kinds exactly, a word the message must contain)
REFERRAL_CASES = [
    ("My father used to hit me when I was a child.", "en", ["abuse_past"], "trauma-informed therapist"),
    ("I was sexually abused by my uncle and never told anyone.", "en", ["abuse_past"], "trauma-informed"),
    ("I binge eat at night and then make myself throw up.", "en", ["eating_disorder"], "eating-disorder specialist"),
    ("I've been starving myself to lose weight before the wedding.", "en", ["eating_disorder"], "eating-disorder"),
    ("I lost my job and I've been drinking every night.", "en", ["substance"], "addiction counsellor"),
    ("I can't stop using cocaine on weekends.", "en", ["substance"], "addiction counsellor"),
    ("I hear voices telling me I'm worthless.", "en", ["psychosis"], "psychiatrist"),
    ("I keep seeing people that aren't there.", "en", ["psychosis"], "psychiatrist"),
    ("Since the accident I have flashbacks every day.", "en", ["trauma"], "trauma-informed therapist"),
    ("I was diagnosed with PTSD after my deployment.", "en", ["trauma"], "trauma-informed"),
    ("Should I stop taking my Zoloft? It makes me feel numb.", "en", ["medication"], "psychiatrist"),
    ("My psychiatrist doubled my dose and the side effects are awful.", "en", ["medication"], "prescribing doctor"),
    ("I attempted suicide when I was 19 and I still think about that year.", "en",
     ["suicide_self_harm_history"], "self-harm"),
    ("Mon père me battait quand j'étais petite.", "fr", ["abuse_past"], "thérapeute formé en trauma"),
    ("Je me fais vomir après chaque repas.", "fr", ["eating_disorder"], "troubles alimentaires"),
    ("Je bois de plus en plus depuis mon divorce.", "fr", ["substance"], "dépendances"),
    ("J'entends des voix la nuit.", "fr", ["psychosis"], "psychiatre"),
    ("Mon médecin veut augmenter mes antidépresseurs.", "fr", ["medication"], "psychiatre"),
    ("Tengo pesadillas sobre el accidente desde hace meses.", "es", ["trauma"], "trauma"),
    ("Bebo demasiado y no puedo dejar de beber.", "es", ["substance"], "adicciones"),
    ("Tengo bulimia desde los quince años.", "es", ["eating_disorder"], "alimentaria"),
]

NO_REFERRAL_CASES = [
    ("I feel sad about my breakup.", "en"),
    ("I'm not on any medication and I don't drink.", "en"),
    ("My brother committed suicide last year and I miss him.", "en"),  # grief, not the writer's history
    ("I've never tried or contemplated suicide.", "en"),
    ("We argue about chores and I feel unappreciated.", "en"),
    ("Je me sens seule depuis que j'ai déménagé.", "fr"),
    ("Tengo problemas con mi jefe.", "es"),
]


@pytest.mark.parametrize("text,language,kinds,marker", REFERRAL_CASES)
def test_referral_kinds_and_message(text, language, kinds, marker):
    result = referral_for(text, language)
    assert result is not None, f"no referral for {text!r}"
    assert result["kinds"] == kinds
    assert marker in result["message"]
    assert result["language"] == language


@pytest.mark.parametrize("text,language", NO_REFERRAL_CASES)
def test_no_referral(text, language):
    assert referral_for(text, language) is None


def test_every_kind_is_covered_by_the_table():
    covered = {kind for _, _, kinds, _ in REFERRAL_CASES for kind in kinds}
    assert covered == set(REFERRAL_KINDS)


def test_multi_issue_case_lists_each_specialist_once():
    text = ("I was abused as a kid, I have PTSD nightmares, I drink too much to sleep "
            "and my doctor put me on Lexapro.")
    result = referral_for(text, "en")
    assert result["kinds"] == ["abuse_past", "substance", "trauma", "medication"]
    # abuse_past and trauma share a specialist: named once
    assert result["specialists"].count("trauma-informed therapist") == 1
    assert result["message"].count("trauma-informed therapist") == 1
    assert "addiction counsellor" in result["message"]


def test_unsupported_language_falls_back_to_english_and_says_so():
    result = referral_for("J'ai un trouble alimentaire.", "de")
    assert result["language"] == "en" and "eating-disorder specialist" in result["message"]


@pytest.mark.parametrize("bad,error", [("", ValueError), ("  ", ValueError), (None, TypeError)])
def test_bad_input(bad, error):
    with pytest.raises(error):
        referral_for(bad)  # type: ignore[arg-type]
