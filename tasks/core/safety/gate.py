"""Cheap pre-check for regular expressions: literal substrings a match cannot do without.

Scanning ~100 context patterns over every case is what costs time in the crisis screen;
most cases contain none of the words a given pattern needs. `required_substrings` reads
a compiled pattern's syntax tree and returns literal strings of which *at least one*
must occur in any text the pattern can match (e.g. ("myself", "end it all") for
r"\\bkill(?:ing)? myself|end it all"). Checking `any(s in text for s in gate)` is a
C-speed substring test, so a pattern is only run on texts that could match it.

The derivation is conservative: it only uses elements every match must contain
(mandatory literals, branches where every alternative has a requirement, repeats with a
minimum of one). When it cannot prove a requirement it returns None: "always run".

The same idea in a second form serves patterns that are long alternations (the cue
families of the risk score, the rule gates): `literal_prefixes` returns literals one of
which every match *starts* with, and `LiteralScanner` finds, in one pass of a trie-shaped
regex, every position where any of many literals occurs. Python's regex engine tries
every alternative at every position; a trie tries a handful.

Library internals this depends on (CPython 3.11 and 3.12; no public API exposes the structure
of a regular expression): `re._parser.parse`, the parse tree as (opcode, argument) pairs, and
the opcodes of `re._constants` with their argument shapes: LITERAL code, AT, ASSERT and
ASSERT_NOT (zero width), SUBPATTERN (group, add_flags, del_flags, items), BRANCH (None,
[items, ...]), MAX_REPEAT / MIN_REPEAT / POSSESSIVE_REPEAT (min, max, items), IN [(LITERAL
code | RANGE (low, high) | ...), ...]. tests/test_safety_gate_internals.py fails when any of
them changes. Why keep it: `robo-therapist bench screen` must screen 1,000 inputs in under 5 s
on 2 cores, and without these prefilters the rules and cues alone take several times as long,
which puts the whole screen past that limit (the README's benchmark table has both figures).
"""

from __future__ import annotations

import re

__all__ = [
    "required_substrings",
    "passes_gate",
    "requirement_branches",
    "passes_requirements",
    "literal_prefixes",
    "trie_regex",
    "LiteralScanner",
]

# Private CPython modules (see the module docstring): an import error here means the Python in use
# has moved them; tests/test_safety_gate_internals.py names what changed.
import re._constants as _c  # type: ignore[import-not-found]
import re._parser as _p  # type: ignore[import-not-found]

_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | ({_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set())


def _best(candidates: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """Prefer the requirement whose shortest string is longest (the most selective one)."""
    if not candidates:
        return None
    return max(candidates, key=lambda options: (min(map(len, options)), -len(options)))


def _required(sequence) -> tuple[str, ...] | None:
    """The most selective requirement of `sequence`: one tuple of literals, one of which every match contains."""
    return _best(_all_requirements(sequence))


def _all_requirements(sequence) -> list[tuple[str, ...]]:
    """Every literal requirement of `sequence`, each necessary on its own: a tuple of literals one of
    which every match contains. Only elements every match must contain count (mandatory literals,
    branches where every alternative has a requirement, repeats with a minimum of one)."""
    candidates: list[tuple[str, ...]] = []
    run = ""
    for op, arg in sequence:
        if op is _c.LITERAL:
            run += chr(arg)
            continue
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the literal run stays contiguous in the text
        if run:
            candidates.append((run,))
            run = ""
        if op is _c.SUBPATTERN:
            candidates.extend(_all_requirements(arg[-1]))
        elif op is _c.BRANCH:
            alternatives = [_required(branch) for branch in arg[1]]
            if all(alternatives):
                candidates.append(tuple(dict.fromkeys(s for alt in alternatives for s in alt)))
        elif op in _REPEATS:
            minimum, _, inner_sequence = arg
            if minimum >= 1:
                candidates.extend(_all_requirements(inner_sequence))
        # any other op (character classes, \w, ., back-references) breaks the run
    if run:
        candidates.append((run,))
    return candidates


def requirement_branches(pattern: re.Pattern[str]) -> tuple[tuple[tuple[str, ...], ...], ...] | None:
    """Per top-level alternative of `pattern`, ALL its literal requirements; None if one has none.

    A text can only match when, for at least one branch, every requirement of that branch
    has one of its literals in the text: sharper than the single gate of `required_substrings`.
    """
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        tree = list(_p.parse(pattern.pattern, pattern.flags))
    except Exception:  # pragma: no cover - defensive
        return None
    body = [item for item in tree if item[0] not in _ZERO_WIDTH]
    branches = body[0][1][1] if len(body) == 1 and body[0][0] is _c.BRANCH else [tree]
    result = []
    for branch in branches:
        # Literals shorter than 3 characters occur almost everywhere: such a requirement selects
        # nothing and only slows the scan, so it is left out (leaving one out only loosens the check).
        requirements = [options for options in _all_requirements(list(branch)) if min(map(len, options)) >= 3]
        if not requirements:
            return None
        result.append(tuple(requirements))
    return tuple(result)


def passes_requirements(branches: tuple[tuple[tuple[str, ...], ...], ...] | None, present: set[str]) -> bool:
    """True when some branch has every requirement met by the literals `present` in a text."""
    if branches is None:
        return True
    for requirements in branches:
        for options in requirements:
            if present.isdisjoint(options):
                break
        else:
            return True
    return False


def required_substrings(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Literal strings, at least one of which occurs in every match of `pattern`; None if unknown."""
    if pattern.flags & re.IGNORECASE:
        return None  # the literals would need case folding; keep it simple and always run
    try:
        tree = _p.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - defensive: never let the optimisation break screening
        return None
    return _required(list(tree))


def passes_gate(gate: tuple[str, ...] | None, text: str) -> bool:
    """True when `text` could match the pattern the gate was derived from."""
    if gate is None:
        return True
    for literal in gate:  # a plain loop: measurably faster than any() over a generator here
        if literal in text:
            return True
    return False


_MAX_PREFIXES = 96  # per alternative: beyond this the expansion stops and keeps shorter prefixes


def _small_class(items) -> set[str] | None:
    """The characters of a character class made of literals and small ranges ([oa], [0-9]); None otherwise."""
    chars: set[str] = set()
    for kind, value in items:
        if kind is _c.LITERAL:
            chars.add(chr(value))
        elif kind is _c.RANGE and value[1] - value[0] < 16:
            chars.update(chr(code) for code in range(value[0], value[1] + 1))
        else:
            return None
    return chars or None


def _expand(sequence) -> tuple[set[str], bool] | None:
    """Expand the start of `sequence` into literal strings.

    Returns (strings, complete): every match of `sequence` starts with one of `strings`;
    `complete` says the strings are exactly everything the sequence matches (so a caller
    may keep concatenating what follows). None when no non-empty prefix can be shown.
    """
    results = {""}

    def stop() -> tuple[set[str], bool] | None:
        return None if "" in results else (results, False)

    for op, arg in sequence:
        if op is _c.LITERAL:
            results = {prefix + chr(arg) for prefix in results}
            continue
        if op is _c.AT:
            if results == {""}:
                continue  # \b at the start: the prefix begins after it
            return stop()
        if op is _c.IN and _small_class(arg) is not None:
            parts, complete = _small_class(arg), True  # type: ignore[assignment]
        elif op is _c.SUBPATTERN or op is _c.BRANCH:
            branches = [arg[-1]] if op is _c.SUBPATTERN else arg[1]
            expanded = [_expand(branch) for branch in branches]
            if any(item is None for item in expanded):
                return stop()
            parts = {text for strings, _ in expanded for text in strings}  # type: ignore[misc]
            complete = all(done for _, done in expanded)  # type: ignore[misc]
        elif op in _REPEATS:
            minimum, maximum, inner_sequence = arg
            inner = _expand(inner_sequence)
            if inner is None:
                return stop()
            if minimum == 0 and maximum == 1 and inner[1]:
                parts, complete = inner[0] | {""}, True  # optional literal part
            elif minimum >= 1:
                parts, complete = inner[0], False
            else:
                return stop()
        else:
            return stop()
        combined = {prefix + part for prefix in results for part in parts}
        if len(results) > 1 and len(combined) > _MAX_PREFIXES:
            return stop()  # a product grows fast; a plain union of alternatives is kept whole
        results = combined
        if not complete:
            return stop()
    return (results, True) if "" not in results else None


def _prefixes(sequence) -> set[str] | None:
    """Literal strings one of which every match of `sequence` starts with (None: unknown)."""
    expanded = _expand(sequence)
    if expanded is None:
        return None
    strings = expanded[0]
    return strings if strings and all(strings) else None


def literal_prefixes(pattern: re.Pattern[str] | str) -> tuple[str, ...] | None:
    """Literals one of which every match of `pattern` begins with; None when that cannot be shown.

    Leading zero-width assertions (\\b) are skipped; optional leading parts contribute both
    their own prefixes and those of what follows them.
    """
    source = pattern if isinstance(pattern, str) else pattern.pattern
    flags = 0 if isinstance(pattern, str) else pattern.flags
    if flags & re.IGNORECASE:
        return None
    try:
        tree = _p.parse(source, flags)
    except Exception:  # pragma: no cover - defensive: never let the optimisation break screening
        return None
    found = _prefixes(list(tree))
    return tuple(sorted(found)) if found else None


def trie_regex(literals) -> str:
    """Regex source matching any of `literals`, shaped as a trie (longest literal preferred)."""
    trie: dict = {}
    for literal in literals:
        if not literal:
            raise ValueError("trie_regex() got an empty literal; every literal needs at least one character")
        node = trie
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        children = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not children:
            return ""
        body = children[0] if len(children) == 1 else "(?:" + "|".join(children) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


class LiteralScanner:
    """Find where any of many literals occur, in one regex pass.

    `occurrences(text)` returns (position, literals starting there) for every position where
    at least one literal starts; `present(text)` the set of literals found anywhere. Exact:
    two literals starting at one position are prefixes of each other, and the trie match
    at a position is the longest, so the shorter ones are read off its path.
    """

    def __init__(self, literals, word_start: bool = False) -> None:
        unique = sorted(set(literals))
        if not unique:
            raise ValueError("LiteralScanner needs at least one literal")
        head = r"\b" if word_start else ""
        self.pattern = re.compile(f"{head}(?=({trie_regex(unique)}))")
        known = set(unique)
        # every literal -> the literals that are its prefixes (itself included)
        self._along = {
            literal: tuple(literal[:end] for end in range(1, len(literal) + 1) if literal[:end] in known)
            for literal in unique
        }

    def literals_along(self, literal: str) -> tuple[str, ...]:
        """The known literals that `literal` starts with (itself included)."""
        return self._along[literal]

    def occurrences(self, text: str) -> list[tuple[int, tuple[str, ...]]]:
        along = self._along
        return [(match.start(), along[match.group(1)]) for match in self.pattern.finditer(text)]

    def present(self, text: str) -> set[str]:
        found: set[str] = set()
        along = self._along
        for match in self.pattern.finditer(text):
            found.update(along[match.group(1)])
        return found
