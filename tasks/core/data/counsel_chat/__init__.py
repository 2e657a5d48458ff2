"""The embedded default data: CounselChat's train and val rows (MIT; see SOURCE.md and LICENSE)."""
from pathlib import Path

COUNSEL_CHAT_CSV = Path(__file__).with_name("counsel_chat_train_val.csv")
# 600 reflections written for the project (4 per case, rubric-acceptable) by three labellers on 150
# CounselChat train-split questions; joined to the train split by `DataSettings.written_reflections`.
WRITTEN_REFLECTIONS = Path(__file__).with_name("written_reflections.jsonl")
