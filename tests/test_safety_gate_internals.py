"""The CPython internals the crisis screen's prefilters (tasks/core/safety/gate.py) read.

gate.py walks the private regex parse tree (`re._parser.parse`, opcodes of `re._constants`)
because `bench screen` stays under 5 s per 1,000 inputs only with the prefilters it derives.
A Python whose parser changes must fail here, by name, rather than derive wrong literals: a wrong
literal would skip a crisis rule silently. Each test names the internal it checks.
"""
from __future__ import annotations

import re

import pytest

from tasks.core.safety.gate import literal_prefixes, required_substrings, requirement_branches

_OPCODES = ("LITERAL", "AT", "ASSERT", "ASSERT_NOT", "SUBPATTERN", "BRANCH", "MAX_REPEAT", "MIN_REPEAT", "IN", "RANGE")


def test_private_modules_and_opcodes_exist():
    import re._constants as constants
    import re._parser as parser

    assert callable(parser.parse), "re._parser.parse is gone: gate.py cannot read regex structure"
    missing = [name for name in _OPCODES if not hasattr(constants, name)]
    assert not missing, f"re._constants lacks {missing}: gate.py's tree walk needs updating"


def test_parse_tree_shapes():
    """(opcode, argument) pairs with the argument layouts gate.py unpacks."""
    import re._constants as c
    import re._parser as parser

    tree = list(parser.parse(r"\bab(?:c|de)+?x{2,}[0-9e](?=y)(?!q)(?P<k>z)", 0))
    ops = [op for op, _ in tree]
    assert ops == [c.AT, c.LITERAL, c.LITERAL, c.MIN_REPEAT, c.MAX_REPEAT, c.IN, c.ASSERT, c.ASSERT_NOT,
                   c.SUBPATTERN], f"re._parser.parse gives another tree: {tree}"
    assert tree[1][1] == ord("a"), "LITERAL's argument is no longer a code point"
    minimum, maximum, items = tree[3][1]  # MIN_REPEAT: (min, max, items)
    assert (minimum, maximum) == (1, c.MAXREPEAT)
    (branch_op, (_, branches)), = list(items)  # BRANCH: (None, [items, ...])
    assert branch_op is c.BRANCH and [list(b) for b in branches] == [[(c.LITERAL, 99)], [(c.LITERAL, 100), (c.LITERAL, 101)]]
    assert tree[4][1][:2] == (2, c.MAXREPEAT) and list(tree[4][1][2]) == [(c.LITERAL, ord("x"))]
    assert list(tree[5][1]) == [(c.RANGE, (48, 57)), (c.LITERAL, ord("e"))]  # IN: [(RANGE, (lo, hi)) | (LITERAL, code)]
    group, add_flags, del_flags, inner = tree[8][1]  # SUBPATTERN: (group, add_flags, del_flags, items)
    assert (group, add_flags, del_flags) == (1, 0, 0) and list(inner) == [(c.LITERAL, ord("z"))]


@pytest.mark.parametrize(
    "pattern, required, branches, prefixes",
    [
        (r"\bkill(?:ing)? myself|end it all", (" myself", "end it all"),
         ((("kill",), (" myself",)), (("end it all",),)), ("end it all", "kill myself", "killing myself")),
        (r"\b(?:dire|dit|dis) adieu", (" adieu",), (((" adieu",),),), ("dire adieu", "dis adieu", "dit adieu")),
        (r"(?:a|bc)+dd(?=x)", ("dd",), None, ("a", "bc")),  # requirements under 3 characters are left out
        (r"x?y?", None, None, None),
    ],
)
def test_derived_literals_are_unchanged(pattern, required, branches, prefixes):
    """What gate.py derives from the tree, for patterns whose answer is known by hand."""
    compiled = re.compile(pattern)
    assert required_substrings(compiled) == required
    assert requirement_branches(compiled) == branches
    assert literal_prefixes(compiled) == prefixes
