"""Tokenize pairs files into `datasets` folders, cached by the content of their inputs.

The cache key hashes the pairs file, the tokenizer files, the prompt settings and this
module's source, so a changed input or a changed rule re-tokenizes and nothing stale is
reused. Each example keeps `n_words` (whitespace words of its reflection) for word perplexity.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd

from tasks.core.data.prepare import read_pairs
from tasks.core.modeling.prompt import PromptSettings, encode_pair

TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "vocab.json", "merges.txt", "chat_template.jinja",
                   "special_tokens_map.json", "tokenizer.model")


def load_tokenizer(model_dir: str | Path) -> Any:
    """The tokenizer of a local checkpoint folder, with a pad token (the end token when none)."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def content_key(pairs_path: Path, tokenizer_dir: Path, settings: PromptSettings) -> str:
    """Hash of everything that decides the tokenized output."""
    digest = hashlib.sha256()
    digest.update(pairs_path.read_bytes())
    for name in TOKENIZER_FILES:
        file = tokenizer_dir / name
        if file.is_file():
            digest.update(name.encode() + file.read_bytes())
    digest.update(json.dumps(asdict(settings), sort_keys=True).encode())
    digest.update(Path(__file__).read_bytes())
    digest.update(Path(__file__).with_name("prompt.py").read_bytes())
    return digest.hexdigest()[:20]


def tokenize_frame(frame: pd.DataFrame, tokenizer: Any, settings: PromptSettings) -> tuple[Any, int]:
    """A `datasets.Dataset` of input_ids / labels / n_words, and how many pairs did not fit."""
    from datasets import Dataset

    rows: dict[str, list] = {"input_ids": [], "labels": [], "n_words": []}
    skipped = 0
    for case, reflection in zip(frame["case"], frame["reflection"]):
        encoded = encode_pair(tokenizer, str(case), str(reflection), settings)
        if encoded is None:
            skipped += 1
            continue
        rows["input_ids"].append(encoded["input_ids"])
        rows["labels"].append(encoded["labels"])
        rows["n_words"].append(len(str(reflection).split()))
    return Dataset.from_dict(rows), skipped


def tokenize_pairs_file(
    pairs_path: str | Path, tokenizer_dir: str | Path, settings: PromptSettings, cache_root: str | Path
) -> dict[str, Any]:
    """Tokenize one pairs file into `cache_root/<content key>/` (reused when it exists).

    Returns {"path", "examples", "skipped", "tokens", "cached"}.
    """
    pairs_path, tokenizer_dir, cache_root = Path(pairs_path), Path(tokenizer_dir), Path(cache_root)
    out_dir = cache_root / content_key(pairs_path, tokenizer_dir, settings)
    summary_file = out_dir / "summary.json"
    if summary_file.is_file():
        return {**json.loads(summary_file.read_text()), "path": str(out_dir), "cached": True}

    frame = read_pairs(pairs_path)
    dataset, skipped = tokenize_frame(frame, load_tokenizer(tokenizer_dir), settings)
    tmp_dir = out_dir.with_name(out_dir.name + ".partial")
    shutil.rmtree(tmp_dir, ignore_errors=True)
    dataset.save_to_disk(str(tmp_dir))
    summary = {"examples": len(dataset), "skipped": skipped, "tokens": int(sum(len(x) for x in dataset["input_ids"]))}
    (tmp_dir / "summary.json").write_text(json.dumps(summary))
    os.replace(tmp_dir, out_dir)  # a crash mid-write never leaves a folder that looks complete
    return {**summary, "path": str(out_dir), "cached": False}


def load_tokenized(path: str | Path) -> Any:
    """A tokenized split written by `tokenize_pairs_file`."""
    from datasets import load_from_disk

    return load_from_disk(str(path))
