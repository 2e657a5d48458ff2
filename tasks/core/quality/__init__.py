"""Reflection quality: how well a sentence reflects a case, by the project's five-point rubric.

- `features.py`: cheap text features (second person, reflective stems, overlap with the case,
  people or events the case never mentions, questions, advice, talk about the therapist).
- `scorer.py`: `ReflectionScorer`, (case, sentence) -> score in [0, 1], from the shared sentence
  encoder plus those features and a small logistic head stored in `head.json`.
- `train_head.py`: rebuilds `head.json` from the labelled rows in `labels/` (one command).
- `judging.py`: blind judging sheets and Wilson intervals for `bench quality`.

Pure core: no Prefect or MLflow imports.
"""
