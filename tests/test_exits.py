"""brm's exit codes are defined once, in ``brm_build/exits.py``, and every part of the
command line returns those names."""

from __future__ import annotations

import ast

from brm_build.exits import EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE

from .conftest import ROOT


def _defined_exit_names(tree: ast.AST) -> set[str]:
    """The ``EXIT_*`` names a module assigns, one by one or several at once."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name) and name.id.startswith("EXIT_"):
                        names.add(name.id)
    return names


def test_the_codes_are_those_the_readme_gives() -> None:
    assert (EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED) == (0, 1, 2, 130)


def test_no_other_module_defines_an_exit_code() -> None:
    package = ROOT / "brm_build"
    defining = {
        path.relative_to(ROOT).as_posix()
        for path in package.rglob("*.py")
        if _defined_exit_names(ast.parse(path.read_text(encoding="utf-8")))
    }
    assert defining == {"brm_build/exits.py"}
