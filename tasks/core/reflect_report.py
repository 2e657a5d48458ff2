"""The reflect flow's answers for the Prefect UI (pure: no Prefect).

`answer_rows` is a table artifact's rows (case, tier, candidates, referral), each text cut so
the table fits the UI's artifact column (its table cells never wrap, see
`report_render.TEXT_CHARS`; with a 1280 px window, measured in Chromium, the table is 724 px in
a 726 px column); `answers_markdown` gives every answer in full: the case, the check-in and the
people to reach for a case at risk, each candidate with its score, and the referral. Both take the cases and `reflect.reflect_case`'s results in the same order.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from tasks.core.report_render import format_number, md_cell
from tasks.core.safety.screen import CRISIS

ANSWER_COLUMNS = ("case", "tier", "candidates", "referral")
CASE_CHARS = 32           # the case, in this table artifact (not markdown: its own cell padding)
CANDIDATES_CHARS = 38     # "3 · 0.93 It sounds like …": how many, the top score, the top text
REFERRAL_CHARS = 20


def candidates_summary(result: Mapping[str, Any]) -> str:
    """How many candidates were shown, then the top one's score and text; for a crisis, that the
    person got people to reach instead of any generated text."""
    if result["risk"] == CRISIS:
        return "none: people to reach now"
    candidates = result["candidates"]
    if not candidates:
        return "none passed the scorer"
    top = candidates[0]
    return f"{len(candidates)} · {format_number(float(top['score']))} {top['text']}"


def referral_summary(result: Mapping[str, Any]) -> str:
    """The specialists the referral names, or "—"."""
    referral = result.get("referral")
    return ", ".join(referral["specialists"]) if referral else "—"


def _check(cases: Sequence[str], results: Sequence[Mapping[str, Any]]) -> None:
    if len(cases) != len(results):
        raise ValueError(f"{len(cases)} cases for {len(results)} results; give both in the same order")


def answer_rows(cases: Sequence[str], results: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """One row per case (columns ANSWER_COLUMNS), long texts cut with … to fit the UI's column."""
    _check(cases, results)
    return [{"case": md_cell(case, CASE_CHARS), "tier": md_cell(result["risk"], None),
             "candidates": md_cell(candidates_summary(result), CANDIDATES_CHARS),
             "referral": md_cell(referral_summary(result), REFERRAL_CHARS)}
            for case, result in zip(cases, results)]


def answers_markdown(cases: Sequence[str], results: Sequence[Mapping[str, Any]]) -> str:
    """Every answer in full, numbered as the table's rows: case, tier, check-in and people to
    reach (when the screen gave them), candidates with their scores, referral."""
    _check(cases, results)
    parts = ["# Reflect answers in full", "",
             f"{len(cases)} case(s), numbered as the rows of the `reflect-answers` table.", ""]
    for number, (case, result) in enumerate(zip(cases, results), 1):
        parts += [f"## {number}. {result['risk']}", "", f"- **case:** {md_cell(case, None)}"]
        if result.get("message"):
            parts.append(f"- **check-in:** {md_cell(result['message'], None)}")
        if result.get("resources"):
            reach = "; ".join(f"{r['name']}: {r['how']} {r['contact']}" for r in result["resources"])
            parts.append(f"- **people to reach now:** {md_cell(reach, None)}")
        if result["risk"] != CRISIS:
            candidates = result["candidates"]
            parts.append("- **candidates:**" + ("" if candidates else " none passed the scorer"))
            parts += [f"    {i}. ({format_number(float(c['score']))}) {md_cell(c['text'], None)}"
                      for i, c in enumerate(candidates, 1)]
        referral = result.get("referral")
        parts.append(f"- **referral:** {md_cell(referral['message'], None) if referral else '—'}")
        parts.append("")
    return "\n".join(parts)
