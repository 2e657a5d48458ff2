"""Model-side core: base models, prompt format, tokenization, training, perplexity, generation.

Imports torch, transformers and datasets only: no Prefect, no MLflow, so it runs alone on a
GPU machine.
"""
