"""Every finding code that brm can emit is shown by a case folder.

The codes are read from the source of every module of the package, wherever it makes
findings (the check, brm.yaml's publish names, the diff): the first text argument of
each call that makes a finding, and the code of each ``code, message`` pair. A new code
without a case under ``tests/cases/`` fails here.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from pathlib import Path

from .conftest import CASES, ROOT

_CODE = re.compile(r"^[a-z]+(-[a-z]+)+$")
_MAKERS = {"error", "warning", "at", "Finding", "_finding", "_file_finding", "_mark_finding"}
# Codes that a case folder cannot hold portably, with the test that covers each instead.
COVERED_ELSEWHERE = {
    "file-symlink": "tests/test_checks_files.py (symbolic links are made at test time)",
    "file-unreadable": "tests/test_checks_files.py and tests/test_cli.py",
    "target-changed-after-reports": "tests/test_checks_history.py (git history made at test time)",
    "health-declined": "tests/test_checks_health.py (git history made at test time)",
    # brm import survey: findings about a mapping against the export it reads
    "mapping-value": "tests/imports/test_survey_gforms.py (an answer of the export)",
    # brm import service-levels: findings about an OpenSLO file, not about records
    **{
        f"openslo-{name}": "tests/imports/test_service_levels.py"
        for name in ("document", "kind", "name", "metric", "target", "window", "agreement")
    },
    "openslo-conflict": "tests/imports/test_service_levels.py",
}


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _is_code_pair(node: ast.AST) -> bool:
    """``return "code", message`` or ``code, message = "code", message``."""
    if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple):
        return len(node.value.elts) == 2
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple):
        return any(isinstance(t, ast.Tuple) and len(t.elts) == 2 for t in node.targets)
    return False


def _codes_in(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        texts: Sequence[ast.expr] = []
        if isinstance(node, ast.Call) and _name(node) in _MAKERS:
            texts = [arg for arg in node.args if isinstance(arg, ast.Constant)][:1]
        elif _is_code_pair(node):
            assert isinstance(node, ast.Return | ast.Assign) and isinstance(node.value, ast.Tuple)
            texts = node.value.elts[:1]
        for text in texts:
            value = text.value if isinstance(text, ast.Constant) else None
            if isinstance(value, str) and _CODE.match(value):
                found.add(value)
    return found


def package_modules() -> list[Path]:
    """Every module of the package."""
    return sorted((ROOT / "brm_build").rglob("*.py"))


def emitted_codes() -> set[str]:
    """Every finding code in the source of the package."""
    codes: set[str] = set()
    for path in package_modules():
        codes |= _codes_in(ast.parse(path.read_text(encoding="utf-8")))
    return codes


def case_codes() -> set[str]:
    """Every code in an expected.txt under tests/cases/."""
    found: set[str] = set()
    for expected in CASES.rglob("expected.txt"):
        found |= set(re.findall(r"\[([a-z-]+)\]", expected.read_text(encoding="utf-8")))
    return found


def test_the_scan_reads_the_whole_package() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in package_modules()}
    assert {
        "brm_build/checks/rules.py",
        "brm_build/publication.py",
        "brm_build/cli/main.py",
    } <= names


def test_the_scan_finds_the_codes() -> None:
    codes = emitted_codes()
    assert {"schema-required", "yaml-tag", "ref-unknown", "file-location", "action-overdue"} <= (
        codes
    )
    assert "publish-unknown-field" in codes  # made outside what brm_build.check imports
    assert "relationship-review" not in codes  # an allowed value, not a code


def test_every_code_has_a_case() -> None:
    missing = emitted_codes() - case_codes() - set(COVERED_ELSEWHERE)
    assert not missing, f"add a case under tests/cases/invalid/ for: {sorted(missing)}"


def test_every_code_in_a_case_exists() -> None:
    assert case_codes() <= emitted_codes()


def test_codes_covered_elsewhere_are_still_emitted() -> None:
    assert set(COVERED_ELSEWHERE) <= emitted_codes()
    assert not set(COVERED_ELSEWHERE) & case_codes()
