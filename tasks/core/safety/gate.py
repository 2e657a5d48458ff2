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
It relies on Python's regex parser (`re._parser`, `sre_parse` before 3.11); if that is
unavailable the gate is simply None.
"""

from __future__ import annotations

import re

__all__ = ["required_substrings", "passes_gate"]

try:  # Python >= 3.11
    import re._constants as _c  # type: ignore[import-not-found]
    import re._parser as _p  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | ({_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set())


def _best(candidates: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """Prefer the requirement whose shortest string is longest (the most selective one)."""
    if not candidates:
        return None
    return max(candidates, key=lambda options: (min(map(len, options)), -len(options)))


def _required(sequence) -> tuple[str, ...] | None:
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
            inner = _required(arg[-1])
            if inner:
                candidates.append(inner)
        elif op is _c.BRANCH:
            alternatives = [_required(branch) for branch in arg[1]]
            if all(alternatives):
                candidates.append(tuple(dict.fromkeys(s for alt in alternatives for s in alt)))
        elif op in _REPEATS:
            minimum, _, inner_sequence = arg
            if minimum >= 1:
                inner = _required(inner_sequence)
                if inner:
                    candidates.append(inner)
        # any other op (character classes, \w, ., back-references) breaks the run
    if run:
        candidates.append((run,))
    return _best(candidates)


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
