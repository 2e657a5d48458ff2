"""Preference tuning: pairs from judged candidates, settings, the DPO step on a tiny model, the
tuned checkpoint folder, clear errors and the `prefer` command."""
from __future__ import annotations

import json
import shutil

import pytest
import torch

from flows.cli import main
from tasks.core.modeling.generate import load_checkpoint
from tasks.core.modeling.preference import (
    HISTORY_FILE, JUDGED_PAIRS_FILE, PREFER_SETTINGS_FILE, PreferencePair, PreferenceSettings, dpo_loss,
    pairs_from_file, preference_pairs, reflection_ids, sequence_logprob, split_heldout, tune_on_preferences,
)
from tasks.core.modeling.prompt import PROMPT_SETTINGS_FILE, PromptSettings, encode_prompt
from tasks.core.modeling.train import TRAIN_SETTINGS_FILE, TrainSettings
from tasks.core.settings_io import SettingsError, load_settings, save_settings

TOPICS = ["my exam", "my sister", "my new job", "moving house", "my dog"]
TOY_PAIRS = [PreferencePair(f"I keep worrying about {t} and I cannot sleep.", f"It sounds like {t} weighs on you.",
                            "You should just stop worrying and go to bed.") for t in TOPICS]
FAST = dict(learning_rate=3e-3, warmup_steps=0, batch_size=2, epochs=2, nll_weight=0.0)


def rows(*items):
    return [{"case": c, "candidate": k, "label": y} for c, k, y in items]


# ---------------------------------------------------------------- pairs
def test_pairs_use_the_thresholds_and_average_duplicates():
    judged = rows(("c", "good", 1), ("c", "good", 0.5),  # mean 0.75: chosen
                  ("c", "bad", 0), ("c", "bad ", 0.5),  # mean 0.25 (the same text once stripped): rejected
                  ("c", "torn", 1), ("c", "torn", 0),  # judges disagree, mean 0.5: dropped
                  ("c", "middle", 0.5))
    assert preference_pairs(judged, 12, 0) == [PreferencePair("c", "good", "bad")]


def test_a_case_without_both_kinds_gives_no_pair():
    assert preference_pairs(rows(("a", "x", 1), ("a", "y", 1), ("b", "z", 0)), 12, 0) == []


def test_pairs_are_capped_per_case_and_deterministic_for_a_seed():
    judged = rows(*[("a", f"good {i}", 1) for i in range(4)], *[("a", f"bad {i}", 0) for i in range(4)],
                  ("b", "good", 1), ("b", "bad", 0))
    pairs = preference_pairs(judged, 5, seed=3)
    assert sum(p.case == "a" for p in pairs) == 5 and sum(p.case == "b" for p in pairs) == 1
    assert preference_pairs(list(reversed(judged)), 5, seed=3) == pairs  # row order does not matter
    assert {frozenset(preference_pairs(judged, 5, seed=s)) for s in range(6)} != {frozenset(pairs)}


def test_heldout_split_is_by_case():
    pairs = [PreferencePair(f"case {i}", "good", f"bad {j}") for i in range(10) for j in range(2)]
    train, held = split_heldout(pairs, 0.3, 0)
    assert len({p.case for p in held}) == 3 and not {p.case for p in held} & {p.case for p in train}
    assert split_heldout(pairs, 0.3, 0) == (train, held)
    with pytest.raises(SettingsError, match="leaves|leaving"):
        split_heldout(pairs[:2], 0.9, 0)


def test_the_vendored_pairs_file_is_rebuilt_from_the_judged_sheets(tmp_path):
    from tasks.core.quality.judged_pairs import judged_candidates
    from tasks.core.quality.judging import write_jsonl

    rebuilt = write_jsonl(judged_candidates(), tmp_path / "judged_pairs.jsonl")
    assert rebuilt.read_bytes() == JUDGED_PAIRS_FILE.read_bytes(), "run python -m tasks.core.quality.judged_pairs"
    assert len(pairs_from_file(PreferenceSettings())) > 500


def test_empty_or_one_sided_pairs_files_are_clear_errors(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    with pytest.raises(ValueError, match="no judged candidates"):
        pairs_from_file(PreferenceSettings(pairs_file=str(empty)))
    one_sided = tmp_path / "one_sided.jsonl"
    one_sided.write_text("".join(json.dumps(r) + "\n" for r in rows(("a", "x", 1), ("b", "y", 0))))
    with pytest.raises(ValueError, match="no case has both"):
        pairs_from_file(PreferenceSettings(pairs_file=str(one_sided)))
    with pytest.raises(FileNotFoundError, match="--pairs"):
        pairs_from_file(PreferenceSettings(pairs_file=str(tmp_path / "none.jsonl")))


# ---------------------------------------------------------------- settings
@pytest.mark.parametrize("field, value, message", [
    ("beta", 0, "beta=0 must be > 0"), ("nll_weight", -1, "nll_weight=-1 must be >= 0"),
    ("learning_rate", 2, "learning_rate=2 must be in"), ("warmup_steps", -1, "warmup_steps=-1"),
    ("max_grad_norm", 0, "max_grad_norm=0"), ("batch_size", 0, "batch_size=0 must be a whole number >= 1"),
    ("epochs", 0, "epochs=0"), ("pairs_per_case", 0, "pairs_per_case=0"),
    ("heldout_share", 1.0, "heldout_share=1.0 must be in \\[0, 1\\)")])
def test_bad_settings_say_what_to_fix(field, value, message):
    with pytest.raises(SettingsError, match=message):
        PreferenceSettings(**{field: value})


def test_the_defaults_are_the_judged_recipe():
    s = PreferenceSettings()
    assert (s.beta, s.nll_weight, s.learning_rate, s.warmup_steps, s.max_grad_norm, s.batch_size, s.epochs,
            s.pairs_per_case) == (0.1, 0.1, 5e-6, 5, 1.0, 8, 1, 12)


# ---------------------------------------------------------------- tuning
def test_dpo_loss_falls_as_the_chosen_margin_grows():
    chosen, rejected = torch.tensor(-10.0, requires_grad=True), torch.tensor(-10.0, requires_grad=True)
    loss, z = dpo_loss(chosen, rejected, -10.0, -10.0, beta=0.1)
    loss.backward()
    assert float(z.detach()) == 0 and abs(float(loss.detach()) - 0.6931) < 1e-3
    assert float(chosen.grad) < 0 < float(rejected.grad)  # descending raises chosen, lowers rejected


@pytest.fixture(scope="module")
def checkpoint(tiny_model_dir, tmp_path_factory):
    """The tiny model as a training run leaves it: with its prompt and train settings."""
    folder = tmp_path_factory.mktemp("source") / "fine_tune"
    shutil.copytree(tiny_model_dir, folder)
    save_settings(PromptSettings(max_length=200), folder / PROMPT_SETTINGS_FILE)
    save_settings(TrainSettings(learning_rate=1e-3), folder / TRAIN_SETTINGS_FILE)
    return folder


def margins(folder, pairs):
    loaded = load_checkpoint(folder)
    tok, ps = loaded.tokenizer, loaded.prompt
    with torch.no_grad():
        return [float(a - b) for a, b in (
            sequence_logprob(loaded.model, encode_prompt(tok, p.case, ps),
                             [reflection_ids(tok, p.chosen, ps), reflection_ids(tok, p.rejected, ps)]) for p in pairs)]


def test_sequence_logprob_matches_one_full_forward_pass(checkpoint):
    loaded = load_checkpoint(checkpoint)
    tok, ps = loaded.tokenizer, loaded.prompt
    prompt = encode_prompt(tok, TOY_PAIRS[0].case, ps)
    targets = [reflection_ids(tok, TOY_PAIRS[0].chosen, ps), reflection_ids(tok, TOY_PAIRS[0].rejected, ps)]
    with torch.no_grad():
        shared = sequence_logprob(loaded.model, prompt, targets)
        for got, target in zip(shared, targets):
            logits = loaded.model(input_ids=torch.tensor([prompt + target])).logits[0].log_softmax(-1)
            full = sum(float(logits[len(prompt) - 1 + i, t]) for i, t in enumerate(target))
            assert abs(float(got) - full) < 1e-3


@pytest.fixture(scope="module")
def tuned(checkpoint, tmp_path_factory):
    out = tmp_path_factory.mktemp("tuned") / "prefer"
    torch.set_num_threads(1)
    figures = tune_on_preferences(checkpoint, TOY_PAIRS, PreferenceSettings(**FAST), out, progress=False)
    return out, figures


def test_tuning_raises_the_chosen_margin_over_the_reference(checkpoint, tuned):
    out, figures = tuned
    before, after = margins(checkpoint, TOY_PAIRS), margins(out, TOY_PAIRS)
    assert figures["steps"] == 6 and figures["train_pairs"] == 5
    assert all(a > b for a, b in zip(after, before)), (before, after)
    assert sum(after) - sum(before) > 1.0


def test_the_tuned_folder_is_a_checkpoint_with_its_settings(checkpoint, tuned):
    out, _ = tuned
    assert (out / "model.safetensors").is_file() and (out / "tokenizer.json").is_file()
    assert load_settings(PreferenceSettings, out / PREFER_SETTINGS_FILE) == PreferenceSettings(**FAST)
    assert (out / TRAIN_SETTINGS_FILE).read_text() == (checkpoint / TRAIN_SETTINGS_FILE).read_text()
    assert load_checkpoint(out).prompt == PromptSettings(max_length=200)
    history = json.loads((out / HISTORY_FILE).read_text())
    assert [h["step"] for h in history["history"]] == list(range(1, 7))
    assert not out.with_name(out.name + ".partial").exists()


def test_no_pairs_an_existing_out_or_no_checkpoint_are_clear_errors(checkpoint, tuned, tmp_path):
    with pytest.raises(ValueError, match="No preference pairs"):
        tune_on_preferences(checkpoint, [], PreferenceSettings(), tmp_path / "out")
    with pytest.raises(FileExistsError, match="already exists"):
        tune_on_preferences(checkpoint, TOY_PAIRS, PreferenceSettings(), tuned[0])
    with pytest.raises(FileNotFoundError, match="No checkpoint folder"):
        tune_on_preferences(tmp_path / "nowhere", TOY_PAIRS, PreferenceSettings(), tmp_path / "out")
    with pytest.raises(FileNotFoundError, match="not a checkpoint folder"):
        tune_on_preferences(tmp_path, TOY_PAIRS, PreferenceSettings(), tmp_path / "out")
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- command line
def test_the_prefer_command_runs_end_to_end(checkpoint, tmp_path, capsys):
    pairs = tmp_path / "judged.jsonl"
    pairs.write_text("".join(json.dumps({"case": p.case, "candidate": k, "label": y}) + "\n"
                             for p in TOY_PAIRS for k, y in ((p.chosen, 1), (p.rejected, 0))))
    out = tmp_path / "tuned"
    code = main(["prefer", "--checkpoint", str(checkpoint), "--out", str(out), "--pairs", str(pairs),
                 "--set", "prefer.heldout_share=0.4", "--set", "prefer.batch_size=2", "--json"])
    assert code == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (result["pairs"], result["train_pairs"], result["heldout_pairs"], result["steps"]) == (5, 3, 2, 2)
    assert set(result["heldout_before"]) == {"preferred", "margin"} and result["heldout_after"]
    assert result["out"] == str(out) and (out / PREFER_SETTINGS_FILE).is_file()
    assert json.loads((out / PREFER_SETTINGS_FILE).read_text())["pairs_file"] == str(pairs)

    code = main(["prefer", "--checkpoint", str(checkpoint), "--out", str(out), "--pairs", str(pairs)])
    assert code == 2 and "already exists" in capsys.readouterr().err
    code = main(["prefer", "--checkpoint", str(checkpoint), "--out", str(tmp_path / "x"), "--set", "prefer.beta=0"])
    assert code == 2 and "beta=0 must be > 0" in capsys.readouterr().err
