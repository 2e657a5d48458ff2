"""The embedded default data: CounselChat's train and val rows (MIT; see SOURCE.md and LICENSE)."""
from pathlib import Path

COUNSEL_CHAT_CSV = Path(__file__).with_name("counsel_chat_train_val.csv")
