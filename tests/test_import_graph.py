"""The packages' import graph (tasks/ and flows/, imports inside functions included) has no cycle."""
from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def module_files() -> dict[str, Path]:
    """Dotted module name -> file, for every module under tasks/ and flows/."""
    files = {}
    for path in sorted([*REPO.glob("tasks/**/*.py"), *REPO.glob("flows/**/*.py")]):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        files[".".join(parts)] = path
    return files


def import_graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports anywhere in its file (a child importing its
    own parent package is left out: the packages' __init__ files import nothing of ours)."""
    files = module_files()
    graph = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: climb from this module's package
                    parent = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join(parent + ([base] if base else []))
                targets += [base, *(f"{base}.{alias.name}" for alias in node.names)]
        deps = set()
        for target in targets:
            while target and target not in files:  # `from pkg.mod import name` -> pkg.mod
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                deps.add(target)
        graph[name] = deps
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path [a, b, ..., a], or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                return path[path.index(dep):] + [dep]
            if dep not in state and (cycle := visit(dep)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_find_cycle_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_import_graph_has_no_cycle():
    graph = import_graph()
    assert "tasks.core.modeling.train" in graph and "tasks.core.modeling.perplexity" in graph["tasks.core.modeling.train"]
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def imported_names(path: Path) -> set[str]:
    """Absolute module names a file imports anywhere (top level or inside functions)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module)
    return names


def test_the_core_imports_neither_prefect_nor_mlflow_nor_the_layers_above_it():
    """tasks/core runs alone on a GPU machine: no Prefect, no MLflow, nothing of tasks/ outside
    the core (tracking, the Prefect tasks) and nothing of flows/."""
    def forbidden(name: str) -> bool:
        top = name.split(".")[0]
        return top in ("prefect", "mlflow", "flows") or (top == "tasks" and not name.startswith("tasks.core"))

    offenders = {str(path.relative_to(REPO)): sorted(filter(forbidden, imported_names(path)))
                 for path in sorted(REPO.glob("tasks/core/**/*.py"))}
    assert {path: names for path, names in offenders.items() if names} == {}
