"""A small CounselChat-format sample shipped with the package: a test fixture and a demo.

`sample_counsel_chat.csv` is ORIGINAL text written for this project in the shape of the
CounselChat export (one row per therapist answer, the question repeated on each row); no
CounselChat text is copied. The file is the source: edit it as data, and
`tests/test_data_sample.py` checks its shape with the data stage's own reader and extraction
code:
  * 72 questions with 1-6 answers each, 238 answer rows, 20 topics;
  * `split` by question position: position % 10 == 4 -> val, == 9 -> test, else train
    (58 / 7 / 7 questions);
  * most answers open with a case-specific reflection ("It sounds like ...") in their first
    or second sentence; the rest open with a plain empathetic sentence.

Deliberate messiness, so cleaning, extraction and the leakage guard have work to do:
run-together sentences ("out.That"), abbreviations ("e.g.", "Dr."), HTML (`<br>`, `&amp;`),
sign-offs with a signature, URLs and phone numbers after the third sentence, one boilerplate
answer pasted under three questions (one of them in test) and two empty answers. Three
questions have an empty questionText; their title carries the case.
"""
from __future__ import annotations

from pathlib import Path

SAMPLE_CSV: Path = Path(__file__).with_name("sample_counsel_chat.csv")
