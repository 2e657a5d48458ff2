"""Data stage: raw CounselChat-style rows -> cleaned (case, reflection) pairs split by question.

Pure Python (pandas, re, html; `datasets` only for `hf:` sources). Modules:
settings (DataSettings), errors (DataError), ingest (read_rows, normalize_columns),
clean (HTML/whitespace/contact info), extract (sentences, reflection rule), prepare
(splits, leakage guard, report, read/write), bench (synthetic rows, timing).
"""
