"""`robo-therapist`: the command line.

Commands that train run the Prefect flow; the others call the pure core directly. Bad input
ends with one line on stderr that names the problem and the fix, and exit status 2.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from tasks.core.data.cases_file import read_cases
from tasks.core.modeling.base_model import DEFAULT_BASE_MODEL
from tasks.core.registry_settings import DEFAULT_CHAMPION_URI

EXIT_BAD_INPUT = 2
EXIT_RUN_FAILED = 1  # the run started and failed (a time limit, for example)


def _prefect_environment() -> None:
    """Prefect settings the command line needs, unless the caller set them. Prefect reads them
    when it is first imported, so this runs before any command (each imports Prefect lazily)."""
    # Without PREFECT_API_URL each process starts a temporary Prefect server; on 2 busy cores its
    # first start (database migrations) can pass Prefect's 20 s default.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    # Offline machines: Prefect's telemetry would only log connection errors.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


def _user_errors() -> tuple[type[BaseException], ...]:
    from tasks.core.data.errors import DataError
    from tasks.core.modeling.base_model import ModelLoadError
    from tasks.core.settings_io import SettingsError

    return (DataError, ModelLoadError, SettingsError, FileNotFoundError, FileExistsError, ValueError,
            UnicodeDecodeError)


def _emit(result: Any, as_json: bool, human: Callable[[Any], str] | None = None) -> None:
    """JSON: one object on the last stdout line. Otherwise a readable rendering."""
    if as_json:
        print(json.dumps(result, default=str))
    else:
        print(human(result) if human else json.dumps(result, indent=2, default=str))


# ---------------------------------------------------------------- train
def cmd_train(args: argparse.Namespace) -> int:
    from tasks.core.data.stages import prepare_cached
    from tasks.core.modeling.base_model import resolve_base_model
    from tasks.core.paths import artifacts_dir
    from tasks.core.settings_io import parse_overrides
    from tasks.core.stage_settings import build_settings, default_data, training_overrides

    overrides = training_overrides(parse_overrides(args.set), base_model=args.base_model, max_steps=args.max_steps,
                                   epochs=args.epochs, device=args.device, num_processes=args.num_processes)
    stage = build_settings(overrides)  # checks every setting before anything runs
    data = args.data or default_data()
    # Preflight with the same pure functions the flow's tasks run (their outputs are cached by
    # content, so the flow reuses them): bad data or an unknown model fails here, in one line.
    prepare_cached(data, stage["data"], artifacts_dir() / "prepared")
    resolve_base_model(stage["train"].base_model)
    # Prefect is imported only now: its logging binds to the streams of the moment.
    from flows.training import train_reflection_model

    try:
        result = train_reflection_model(data=data, settings=overrides)
    except TimeoutError as error:  # a task or the flow ran past its limit (Prefect's *RunTimeoutError)
        print(f"robo-therapist train: {' '.join(str(error).split()) or type(error).__name__}; the MLflow run is "
              "marked FAILED and nothing was registered. Raise the limit with --set ops.train_timeout_s=SECONDS "
              "(training) or --set ops.step_timeout_s=SECONDS (other steps).", file=sys.stderr)
        return EXIT_RUN_FAILED
    _emit(result, args.json)
    return 0


# ---------------------------------------------------------------- evaluate
def cmd_evaluate(args: argparse.Namespace) -> int:
    from tasks.core.data.prepare import read_pairs
    from tasks.core.metrics import TEST, of_part
    from tasks.core.modeling.evaluate import score_pairs
    from tasks.core.modeling.generate import load_checkpoint
    from tasks.core.modeling.train import resolve_device

    frame = read_pairs(args.pairs)
    checkpoint = _model_checkpoint(args.model)
    loaded = load_checkpoint(checkpoint, device=str(resolve_device(args.device)))
    scores = score_pairs(loaded, frame, args.batch_size, progress=not args.json)
    # the pair metrics of the contract (tasks/core/metrics.py) under score_pairs' keys, for any pairs file
    result = {"model": args.model, **{m.key: scores[m.key] for m in of_part(TEST) if m.key in scores}}
    _emit(result, args.json)
    return 0


def _model_checkpoint(model: str) -> str:
    """A checkpoint folder for a path or an MLflow model URI."""
    if os.path.isdir(model):
        return model
    from tasks.tracking.registry import resolve_model_checkpoint

    return str(resolve_model_checkpoint(model))


# ---------------------------------------------------------------- prepare
def cmd_prepare(args: argparse.Namespace) -> int:
    from tasks.core.data.prepare import prepare, write_prepared
    from tasks.core.data.settings import DataSettings
    from tasks.core.settings_io import parse_overrides, settings_from_overrides

    prepared = prepare(args.data, settings_from_overrides("data", DataSettings, parse_overrides(args.set), only=True))
    paths = write_prepared(prepared, args.out, fmt=args.format)
    report = {key: value for key, value in prepared.report.items() if key != "examples"}
    report["files"] = {name: str(path) for name, path in paths.items()}
    _emit(report, args.json)
    return 0


# ---------------------------------------------------------------- prefer
def cmd_prefer(args: argparse.Namespace) -> int:
    from tasks.core.modeling.preference import PreferenceSettings, pairs_from_file, tune_on_preferences
    from tasks.core.settings_io import parse_overrides, settings_from_overrides

    overrides = parse_overrides(args.set)
    if args.pairs:
        overrides["prefer.pairs_file"] = args.pairs  # --pairs wins over --set prefer.pairs_file
    settings = settings_from_overrides("prefer", PreferenceSettings, overrides, only=True)
    checkpoint = _model_checkpoint(args.checkpoint) if args.checkpoint.startswith(("models:/", "runs:/")) else args.checkpoint
    pairs = pairs_from_file(settings)
    result = tune_on_preferences(checkpoint, pairs, settings, args.out, progress=None if args.json else True)
    _emit(result, args.json)
    return 0


# ---------------------------------------------------------------- screen
def cmd_screen(args: argparse.Namespace) -> int:
    from tasks.core.safety.screen import screen_many

    texts = read_cases(args.input)
    for text, screened in zip(texts, screen_many(texts)):  # one batched embedding pass
        result = screened.to_dict()
        if args.json:
            print(json.dumps(result, ensure_ascii=False))
        else:
            print(f"{result['risk']:8} {result['language']:7} {result['learned_score']:6.3f} "
                  f"{','.join(result['categories']) or '-':30} {text[:60]}")
    return 0


# ---------------------------------------------------------------- reflect
def _render_reflection(result: dict) -> str:
    lines = [f"risk: {result['risk']}  language: {result['language']}"]
    if result.get("message"):
        lines.append(result["message"])
        lines += [f"  - {r.get('name')}: {r.get('contact')}" for r in result.get("resources", [])]
    for index, candidate in enumerate(result.get("candidates", []), start=1):
        lines.append(f"{index}. {candidate['text']}  (score {candidate['score']:.3f})")
    if result.get("shortfall"):
        lines.append(f"({result['shortfall']} fewer candidate(s) than asked: no other sample reached the "
                     f"reflection scorer's threshold)")
    if result.get("referral"):
        lines.append(f"referral: {result['referral'].get('message', result['referral'])}")
    lines.append(result.get("disclaimer", ""))
    return "\n".join(lines)


def cmd_reflect(args: argparse.Namespace) -> int:
    from functools import cache

    from tasks.core.modeling.generate import load_checkpoint
    from tasks.core.reflect import ReflectSettings, reflect_case

    if bool(args.case) == bool(args.input):
        raise ValueError("give either a CASE argument or --input FILE.jsonl (one {\"text\": ...} per line), not both or neither.")
    cases = [args.case] if args.case else read_cases(args.input)
    settings = ReflectSettings(n=args.n)

    @cache
    def load():  # only called for a case that passed the crisis screen
        return load_checkpoint(_model_checkpoint(args.model))

    for index, case in enumerate(cases):
        result = reflect_case(case, load, settings, seed=None if args.seed is None else args.seed + index)
        if args.attention and index == 0 and result.get("candidates"):
            from tasks.core.attention import attention_heatmap

            attention_heatmap(load(), case, result["candidates"][0]["text"], args.attention,
                              layers=tuple(args.attention_layers) if args.attention_layers else None)
            result["attention_png"] = args.attention
        _emit(result, args.json, _render_reflection)
    return 0


# ---------------------------------------------------------------- bench
def cmd_bench(args: argparse.Namespace) -> int:
    if args.what == "train":
        from tasks.core.bench_train import main as bench_train_main

        return bench_train_main(args.rest)
    bench = argparse.ArgumentParser(prog=f"robo-therapist bench {args.what}")
    bench.add_argument("--json", action="store_true")
    if args.what == "prepare":
        bench.add_argument("--rows", type=int, default=100_000)
        bench.add_argument("--extraction", choices=["opening", "reflection"], default="opening")
        options = bench.parse_args(args.rest)
        from tasks.core.data.bench import run_prepare_benchmark
        from tasks.core.data.settings import DataSettings

        result = run_prepare_benchmark(rows=options.rows, settings=DataSettings(extraction=options.extraction))
    elif args.what == "screen":
        bench.add_argument("--inputs", type=int, default=1000)
        options = bench.parse_args(args.rest)
        from tasks.core.safety.bench import run_screen_benchmark

        result = run_screen_benchmark(n=options.inputs)
    elif args.what == "quality":
        result, options = _bench_quality(bench, args.rest)
    else:  # reflect
        bench.add_argument("--model", default=DEFAULT_CHAMPION_URI)
        bench.add_argument("--cases", type=int, default=20)
        bench.add_argument("-n", type=int, default=3)
        bench.add_argument("--max-new-tokens", type=int, default=40)
        options = bench.parse_args(args.rest)
        from tasks.core.bench_reflect import run_reflect_benchmark

        result = run_reflect_benchmark(_model_checkpoint(options.model), cases=options.cases, n=options.n,
                                       max_new_tokens=options.max_new_tokens)
    _emit(result, options.json)
    return 0


def _bench_quality(bench: argparse.ArgumentParser, rest: list[str]) -> tuple[dict, argparse.Namespace]:
    """Form 1: --model A [--model B ...] --cases FILE.jsonl; form 2: --judged SHEET --key KEY."""
    bench.add_argument("--model", action="append", default=[],
                       help=f"checkpoint folder, base model ({DEFAULT_BASE_MODEL}) or MLflow URI; repeatable")
    bench.add_argument("--cases", default="", help="JSON Lines of {\"case\": ...}")
    bench.add_argument("-n", type=int, default=3, help="candidates per case")
    bench.add_argument("--seed", type=int, default=0)
    bench.add_argument("--out", default="", help="folder for sheet.jsonl, key.json, results.json")
    bench.add_argument("--judged", default="", help="a judged sheet.jsonl (form 2)")
    bench.add_argument("--key", default="", help="the key.json written with that sheet (form 2)")
    bench.add_argument("--set", action="append", default=[], metavar="reflect.FIELD=VALUE",
                       help="a generation setting for every model, e.g. reflect.temperature=0.5; repeatable")
    options = bench.parse_args(rest)
    if options.judged or options.key:
        if not (options.judged and options.key):
            raise ValueError("form 2 needs both --judged SHEET.jsonl and --key KEY.json")
        from tasks.core.bench_quality import read_judged

        return read_judged(options.judged, options.key), options
    if not options.model or not options.cases:
        raise ValueError("give --model (one or more) and --cases FILE.jsonl, or --judged SHEET --key KEY")
    import datetime as dt

    from tasks.core.bench_quality import run_quality_benchmark
    from tasks.core.paths import artifacts_dir
    from tasks.core.reflect import ReflectSettings
    from tasks.core.settings_io import parse_overrides, settings_from_overrides

    overrides = {"reflect.n": options.n, **parse_overrides(options.set)}  # a --set reflect.n wins over -n
    settings = settings_from_overrides("reflect", ReflectSettings, overrides, only=True)
    models = {ref: (_model_checkpoint(ref) if ref.startswith(("models:/", "runs:/")) else ref) for ref in options.model}
    out = options.out or str(artifacts_dir() / f"quality-{dt.datetime.now():%Y%m%d-%H%M%S}")
    return run_quality_benchmark(models, options.cases, out, n=settings.n, seed=options.seed, settings=settings), options


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="robo-therapist", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    train = sub.add_parser("train", help="run the training flow (ingest → … → register)")
    train.add_argument("--data", default="", help="CSV/JSONL/Parquet path or hf:<id>; default: the embedded CounselChat data")
    train.add_argument("--base-model", default=None,
                       help=f"train.base_model: {DEFAULT_BASE_MODEL} (default, offline), a hub id such as distilgpt2, "
                            "or a checkpoint folder")
    train.add_argument("--max-steps", type=int, default=None, help="optimizer steps (default: epochs; 8 on CPU)")
    train.add_argument("--epochs", type=int, default=None)
    train.add_argument("--device", choices=["auto", "cpu", "cuda"], default=None)
    train.add_argument("--num-processes", type=int, default=None,
                       help="data-parallel training processes through torchrun (gloo on CPU, nccl on CUDA)")
    train.add_argument("--set", action="append", default=[], metavar="STAGE.FIELD=VALUE",
                       help="any stage setting, e.g. train.learning_rate=1e-4 (repeatable)")
    train.add_argument("--json", action="store_true", help="print one JSON object as the last stdout line")
    train.set_defaults(func=cmd_train)

    evaluate = sub.add_parser("evaluate", help="perplexity of a model on a pairs file")
    evaluate.add_argument("--model", required=True, help="checkpoint folder or models:/name@alias")
    evaluate.add_argument("--pairs", required=True, help="JSON Lines of {\"case\", \"reflection\"}")
    evaluate.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto")
    evaluate.add_argument("--batch-size", type=int, default=16)
    evaluate.add_argument("--json", action="store_true")
    evaluate.set_defaults(func=cmd_evaluate)

    prep = sub.add_parser("prepare", help="ingest + extract only: write the prepared splits and a data report")
    prep.add_argument("--data", required=True, help="CSV/JSONL/Parquet path or hf:<id>")
    prep.add_argument("--out", required=True, help="output folder")
    prep.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    prep.add_argument("--set", action="append", default=[], metavar="data.FIELD=VALUE",
                      help="a data setting, e.g. data.extraction=opening (the original work's rule); repeatable")
    prep.add_argument("--json", action="store_true")
    prep.set_defaults(func=cmd_prepare)

    pref = sub.add_parser("prefer", help="preference-tune a checkpoint (DPO) on judged candidates; writes a new "
                                         "checkpoint folder (not a stage of the training flow)")
    pref.add_argument("--checkpoint", required=True, help="checkpoint folder (a run's fine_tune) or MLflow model URI")
    pref.add_argument("--out", required=True, help="new folder for the tuned checkpoint (must not exist)")
    pref.add_argument("--pairs", default="", help="JSON Lines of judged candidates {case, candidate, label}; "
                                                  "default: tasks/core/quality/preferences/judged_pairs.jsonl")
    pref.add_argument("--set", action="append", default=[], metavar="prefer.FIELD=VALUE",
                      help="a preference setting, e.g. prefer.heldout_share=0.2; repeatable")
    pref.add_argument("--json", action="store_true", help="one JSON line, no progress bar")
    pref.set_defaults(func=cmd_prefer)

    scr = sub.add_parser("screen", help="crisis screen of JSON Lines {\"text\": ...}: crisis, elevated or none "
                                        "(no reflection model is loaded)")
    scr.add_argument("--input", required=True, help="JSON Lines file, one {\"text\": ...} per line")
    scr.add_argument("--json", action="store_true", help="one JSON object per input line")
    scr.set_defaults(func=cmd_screen)

    ref = sub.add_parser("reflect", help="screened, ranked candidate reflections for a case")
    ref.add_argument("case", nargs="?", default="", help="what the person wrote")
    ref.add_argument("--input", default="", help="JSON Lines file of {\"text\": ...}, one result line per case")
    ref.add_argument("-n", type=int, default=3, help="candidates per case (at most)")
    ref.add_argument("--model", default=DEFAULT_CHAMPION_URI, help="checkpoint folder or MLflow URI")
    ref.add_argument("--seed", type=int, default=None)
    ref.add_argument("--attention", default="", metavar="FILE.png", help="write the first candidate's attention heatmap")
    ref.add_argument("--attention-layers", type=int, nargs=2, default=None, metavar=("FIRST", "LAST"))
    ref.add_argument("--json", action="store_true")
    ref.set_defaults(func=cmd_reflect)

    ben = sub.add_parser("bench", help="benchmarks that print figures: train | prepare | reflect | screen | quality")
    ben.add_argument("what", choices=["train", "prepare", "reflect", "screen", "quality"])
    ben.add_argument("rest", nargs=argparse.REMAINDER, help="options of that benchmark (see --help after it)")
    ben.set_defaults(func=cmd_bench)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _prefect_environment()
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except _user_errors() as error:
        message = " ".join(str(error).split()) or type(error).__name__
        print(f"robo-therapist {args.command}: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
