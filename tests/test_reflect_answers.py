"""The reflect flow's answers in the Prefect UI: the rows and full texts (pure), then one run of
the flow under Prefect with a tiny model: its table artifact, the full-text artifact it links
to, and its persisted result read back from storage."""
from __future__ import annotations

import json

import pytest

from tasks.core.reflect_report import ANSWER_COLUMNS, answer_rows, answers_markdown, candidates_summary

LONG_CASE = ("I moved to a new city for work six months ago and I still have no friends here; "
             "the evenings are the hardest part and I keep scrolling through old photos.")
NORMAL = {"risk": "none", "candidates": [
    {"text": "It sounds like the evenings alone in this new city have become really heavy for you.",
     "score": 0.931, "rank": 0.7, "flags": []},
    {"text": "You miss the people you left behind.", "score": 0.85, "rank": 0.5, "flags": []}],
    "referral": {"kinds": ["substance"], "specialists": ["addiction counsellor"],
                 "message": "Part of what you describe is best explored with a specialist."},
    "message": None, "resources": []}
CRISIS = {"risk": "crisis", "candidates": [], "referral": None,
          "message": "Thank you for telling me. Please call or text 9-8-8.",
          "resources": [{"name": "9-8-8 Suicide Crisis Helpline", "contact": "988", "how": "call"}]}
NOTHING = {"risk": "elevated", "candidates": [], "referral": None, "message": "Are you thinking about suicide?",
           "resources": [{"name": "9-8-8 Suicide Crisis Helpline", "contact": "988", "how": "text"}]}


def test_candidates_summary_says_how_many_the_top_score_and_text():
    assert candidates_summary(NORMAL) == "2 · 0.931 " + NORMAL["candidates"][0]["text"]
    assert candidates_summary(CRISIS) == "none: people to reach now"
    assert candidates_summary(NOTHING) == "none passed the scorer"


def test_answer_rows_cut_long_texts_to_fit_the_artifact_column():
    rows = answer_rows([LONG_CASE, "I want to die tonight.", "Je suis fatigué."], [NORMAL, CRISIS, NOTHING])
    assert [list(row) for row in rows] == [list(ANSWER_COLUMNS)] * 3
    assert rows[0]["case"].endswith("…") and len(rows[0]["case"]) <= 32
    assert rows[0]["candidates"].startswith("2 · 0.931 It sounds like") and rows[0]["candidates"].endswith("…")
    assert rows[0]["referral"] == "addiction counsellor" and rows[0]["tier"] == "none"
    assert rows[1] == {"case": "I want to die tonight.", "tier": "crisis", "candidates": "none: people to reach now",
                       "referral": "—"}
    assert all(sum(len(value) for value in row.values()) <= 110 for row in rows)
    with pytest.raises(ValueError, match="2 cases for 1 results"):
        answer_rows(["a", "b"], [NORMAL])


def test_answers_markdown_has_every_text_in_full():
    markdown = answers_markdown([LONG_CASE, "I want to die tonight."], [NORMAL, CRISIS])
    assert "## 1. none" in markdown and f"- **case:** {LONG_CASE}" in markdown
    assert "    1. (0.931) " + NORMAL["candidates"][0]["text"] in markdown
    assert "    2. (0.85) You miss the people you left behind." in markdown
    assert "- **referral:** Part of what you describe is best explored with a specialist." in markdown
    crisis = markdown[markdown.index("## 2. crisis"):]
    assert "- **check-in:** Thank you for telling me." in crisis
    assert "- **people to reach now:** 9-8-8 Suicide Crisis Helpline: call 988" in crisis
    assert "candidates" not in crisis  # a crisis case never reaches the model


@pytest.mark.e2e
def test_reflect_flow_publishes_its_answers_and_persists_its_result(tiny_model_dir, tmp_path):
    from prefect import get_client
    from prefect.settings import PREFECT_LOCAL_STORAGE_PATH, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    from flows.reflect import reflect_flow
    from tasks.reflect_tasks import ANSWERS_FULL_KEY, ANSWERS_KEY

    cases = ["I moved to a new city and I have no friends here.",
             "I wrote goodbye letters and I have the pills ready tonight."]
    storage = tmp_path / "results"
    with temporary_settings({PREFECT_LOCAL_STORAGE_PATH: storage}), prefect_test_harness(server_startup_timeout=180):
        state = reflect_flow(cases, n=2, model=str(tiny_model_dir), seed=0, return_state=True)
        results = state.result()
        assert [result["risk"] for result in results][1] == "crisis" and len(results) == 2
        flow_run_id = state.state_details.flow_run_id
        with get_client(sync_client=True) as client:
            artifacts = {a.key: a for a in client.read_artifacts() if a.flow_run_id == flow_run_id}
            assert {ANSWERS_KEY, ANSWERS_FULL_KEY} <= set(artifacts)
            table = artifacts[ANSWERS_KEY]
            assert table.type == "table"
            rows = json.loads(table.data)
            assert [row["tier"] for row in rows] == [result["risk"] for result in results]
            assert rows[1]["candidates"] == "none: people to reach now"
            assert f"/artifacts/artifact/{artifacts[ANSWERS_FULL_KEY].id}" in table.description
            assert f"- **case:** {cases[1]}" in artifacts[ANSWERS_FULL_KEY].data
            # The result is persisted: the API's copy of the final state reads it back from storage.
            stored = client.read_flow_run(flow_run_id).state
            assert stored.result() == results
    files = [path.read_text(errors="ignore") for path in storage.rglob("*") if path.is_file()]
    assert any('"9-8-8 Suicide Crisis Helpline"' in text for text in files)  # readable JSON
