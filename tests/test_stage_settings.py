"""Stage settings: one override merge (`--set stage.field=value` and the shortcuts), every stage
checked up front, one default for each setting."""
from __future__ import annotations

import pytest

from tasks.core.data.settings import DataSettings
from tasks.core.modeling.base_model import DEFAULT_BASE_MODEL
from tasks.core.settings_io import SettingsError, parse_overrides, settings_from_overrides
from tasks.core.stage_settings import TRAINING_STAGES, build_settings, training_overrides


def test_set_values_are_json_when_they_can_be():
    assert parse_overrides(["train.learning_rate=1e-4", "train.max_steps=null", "data.extraction=opening",
                            "train.packing=true"]) == {"train.learning_rate": 1e-4, "train.max_steps": None,
                                                        "data.extraction": "opening", "train.packing": True}
    with pytest.raises(SettingsError, match="stage.field=value"):
        parse_overrides(["train.learning_rate"])


def test_every_stage_is_built_with_its_defaults():
    stage = build_settings()
    assert list(stage) == list(TRAINING_STAGES) == ["data", "prompt", "train", "eval", "registry", "ops"]
    assert stage["train"].base_model == DEFAULT_BASE_MODEL


def test_a_given_shortcut_wins_and_none_keeps_the_setting():
    overrides = training_overrides({"train.max_steps": 9, "train.device": "cpu"}, base_model="distilgpt2", max_steps=4)
    assert overrides == {"train.max_steps": 4, "train.device": "cpu", "train.base_model": "distilgpt2"}
    train = build_settings(overrides)["train"]
    assert (train.base_model, train.max_steps, train.device) == ("distilgpt2", 4, "cpu")
    assert build_settings(training_overrides({"train.base_model": "x/y"}))["train"].base_model == "x/y"


@pytest.mark.parametrize("key", ["trian.max_steps", "train.max_stpes", "reflect.n"])
def test_an_unknown_setting_is_refused_by_name(key):
    with pytest.raises(SettingsError, match=key.replace(".", r"\.")):
        build_settings({key: 1})


def test_a_bad_value_is_refused_before_anything_runs():
    with pytest.raises(SettingsError, match="base_model"):
        build_settings({"train.base_model": " "})


def test_one_stage_alone_refuses_other_stages_and_others_ignore_them():
    assert settings_from_overrides("data", DataSettings, {"data.seed": 7}, only=True) == DataSettings(seed=7)
    with pytest.raises(SettingsError, match=r"train\.epochs.*data\.FIELD"):
        settings_from_overrides("data", DataSettings, {"data.seed": 7, "train.epochs": 2}, only=True)
    assert settings_from_overrides("data", DataSettings, {"data.seed": 7, "train.epochs": 2}) == DataSettings(seed=7)


def test_reflect_settings_take_their_sampling_fields_from_generation_settings():
    from dataclasses import fields

    from tasks.core.modeling.generate import GenerationSettings
    from tasks.core.reflect import ReflectSettings

    assert ReflectSettings().generation() == GenerationSettings()
    assert {f.name for f in fields(GenerationSettings)} <= {f.name for f in fields(ReflectSettings)}
    settings = settings_from_overrides("reflect", ReflectSettings, {"reflect.temperature": 0.5, "reflect.n": 2}, only=True)
    assert (settings.n, settings.generation()) == (2, GenerationSettings(temperature=0.5))
    with pytest.raises(SettingsError, match="temperature"):
        ReflectSettings(temperature=0)


def test_every_stage_is_saved_beside_a_checkpoint_and_reads_back(tmp_path):
    from tasks.core.modeling.prompt import PROMPT_SETTINGS_FILE
    from tasks.core.modeling.train import TRAIN_SETTINGS_FILE
    from tasks.core.settings_io import load_settings, save_stage_settings, settings_file_name

    stage = build_settings({"data.seed": 7, "eval.quality_cases": 2, "train.base_model": "distilgpt2"})
    paths = save_stage_settings(tmp_path, stage)
    assert sorted(path.name for path in paths) == sorted(f"{name}_settings.json" for name in TRAINING_STAGES)
    assert {TRAIN_SETTINGS_FILE, PROMPT_SETTINGS_FILE} <= {path.name for path in paths}
    for name, cls in TRAINING_STAGES.items():
        assert load_settings(cls, tmp_path / settings_file_name(name)) == stage[name]
