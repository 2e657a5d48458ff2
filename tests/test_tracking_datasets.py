"""Lineage in MLflow: a run's train, validation and test pairs are its dataset inputs, with the
project's content fingerprint as digest (a sqlite store, no training)."""
from __future__ import annotations

import json


def write_pairs(path, rows):
    path.write_text("".join(json.dumps({"case": case, "reflection": reflection}) + "\n" for case, reflection in rows))
    return str(path)


def test_a_run_has_its_three_pairs_files_as_dataset_inputs(tmp_path):
    from mlflow.tracking import MlflowClient

    from tasks.core.modeling.evaluate import pairs_fingerprint
    from tasks.core.registry_settings import RegistrySettings
    from tasks.tracking.registry import log_pairs_inputs, start_run

    pairs = {split: write_pairs(tmp_path / f"{split}.jsonl",
                                [(f"{split} case {i}", f"It sounds like {split} {i} weighs on you.") for i in range(n)])
             for split, n in (("train", 5), ("val", 2), ("test", 3))}
    settings = RegistrySettings(tracking_uri=f"sqlite:///{tmp_path / 'mlflow.db'}")
    run_id = start_run(settings, "lineage", {"data": "sample"}, {})
    fingerprints = log_pairs_inputs(settings, run_id, pairs)
    assert fingerprints == {split: pairs_fingerprint(path) for split, path in pairs.items()}

    client = MlflowClient(tracking_uri=settings.tracking_uri)
    inputs = client.get_run(run_id).inputs.dataset_inputs
    logged = {item.dataset.name: (item.dataset.digest, {tag.key: tag.value for tag in item.tags}, item.dataset)
              for item in inputs}
    assert set(logged) == {"pairs-train", "pairs-val", "pairs-test"} and len(inputs) == 3
    for split, context in (("train", "training"), ("val", "validation"), ("test", "test")):
        digest, tags, dataset = logged[f"pairs-{split}"]
        assert digest == fingerprints[split][:36]
        assert tags == {"mlflow.data.context": context, "pairs_sha256": fingerprints[split]}
        assert json.loads(dataset.profile)["num_rows"] == {"train": 5, "val": 2, "test": 3}[split]
        assert pairs[split] in dataset.source
    # Other pairs, another digest.
    write_pairs(tmp_path / "test.jsonl", [("another case", "another reflection")])
    assert pairs_fingerprint(pairs["test"])[:36] != logged["pairs-test"][0]
