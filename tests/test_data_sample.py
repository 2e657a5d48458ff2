"""The shipped sample (tasks/core/data/sample/) has the shape its docstring states, checked with the
data stage's own reader and extraction code."""
from __future__ import annotations

from collections import Counter

import pytest

from tasks.core.data.clean import find_contact_info
from tasks.core.data.extract import clean_answer, has_keyword, is_signature, leading_sentences
from tasks.core.data.ingest import read_rows
from tasks.core.data.prepare import prepare
from tasks.core.data.sample import SAMPLE_CSV
from tasks.core.data.settings import DataSettings


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return read_rows(SAMPLE_CSV).to_dict("records")


def opening_reflection(answer: str) -> str | None:
    """The first of an answer's first two sentences with the keyword ("sounds/seems/feels like")."""
    cleaned, _ = clean_answer(answer)
    return next((s for s in leading_sentences(cleaned, 2) if has_keyword(s)), None) if cleaned else None


def test_questions_answers_topics_and_splits(rows):
    per_question = Counter(row["questionID"] for row in rows)
    assert len(rows) == 238 and len(per_question) == 72 and len({row["topic"] for row in rows}) == 20
    assert set(per_question.values()) <= set(range(1, 7))
    split_of = {row["questionID"]: row["split"] for row in rows}
    expected = {"4": "val", "9": "test"}
    assert all(split == expected.get(qid[-1], "train") for qid, split in split_of.items())
    assert Counter(split_of.values()) == {"train": 58, "val": 7, "test": 7}
    assert sum(1 for qid in per_question if not next(r for r in rows if r["questionID"] == qid)["questionText"]) == 3


def test_most_answers_open_with_one_reflection_of_their_own(rows):
    answers = [row["answerText"] for row in rows if row["answerText"].strip()]
    assert len(rows) - len(answers) == 2  # the two empty answers
    reflections = [opening_reflection(answer) for answer in answers]
    found = [reflection for reflection in reflections if reflection is not None]
    assert len(found) == 144 and len(answers) == 236  # 61 %
    assert all(8 <= len(reflection.split()) <= 30 for reflection in found)
    pasted = {reflection for reflection, count in Counter(found).items() if count > 1}
    assert pasted == {"It sounds like you are going through a difficult time, and it takes courage to reach out "
                      "for support."}  # the boilerplate answer's, and no other


def test_the_boilerplate_answer_stands_in_test_and_elsewhere(rows):
    answer, count = Counter(row["answerText"] for row in rows if row["answerText"]).most_common(1)[0]
    splits = [row["split"] for row in rows if row["answerText"] == answer]
    assert count == 3 and "test" in splits and set(splits) != {"test"}
    report = prepare(str(SAMPLE_CSV), DataSettings(extraction="opening")).report
    assert report["cross_split_duplicates_removed"] >= 1


def test_the_messiness_is_there(rows):
    answers = [row["answerText"] for row in rows]
    assert any("<br>" in answer for answer in answers) and any("&amp;" in answer for answer in answers)
    assert {kind for answer in answers for kind in [find_contact_info(answer)] if kind} >= {"url", "phone"}
    cleaned = [clean_answer(answer)[0] for answer in answers]
    assert any(is_signature(sentence) for text in cleaned if text for sentence in leading_sentences(text))
