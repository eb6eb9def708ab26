"""``brm new`` on a terminal asks again for the answers the check refuses and keeps the
others: driven through a pseudo-terminal, as a person at a keyboard would."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from brm_build.findings import Finding, Severity
from brm_build.scaffold import Problem, ask_again, option_for

from .conftest import EXAMPLE_TODAY, ROOT

AGREEMENT = "records/agreements/finance-reporting-2027.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the example organisation."""
    shutil.copytree(ROOT / "records", tmp_path / "records")
    shutil.copy(ROOT / "brm.yaml", tmp_path / "brm.yaml")
    return tmp_path


def _at_keyboard(repo: Path, *args: str, answers: list[str]) -> tuple[int, str, str]:
    """Run brm with a terminal as its input, typing ``answers`` a line each, then the end
    of input (as Ctrl-D does)."""
    leader, follower = pty.openpty()
    command = [sys.executable, "-m", "brm_build", *args, "--root", str(repo)]
    command += ["--today", EXAMPLE_TODAY.isoformat()]
    with subprocess.Popen(
        command, stdin=follower, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        os.close(follower)
        os.write(leader, "".join(f"{answer}\n" for answer in answers).encode() + b"\x04")
        out, err = process.communicate(timeout=120)
    os.close(leader)
    return process.returncode, out, err


def test_a_refused_answer_is_asked_again_and_the_others_are_kept(repo: Path) -> None:
    answers = ["finance-reporting-2027", "Reporting 2027", "controlling", "nope", "2027-01-01"]
    answers += ["finance", "reporting, erp"]  # asked again: the customer and the services
    code, out, err = _at_keyboard(repo, "new", "agreement", answers=answers)
    assert code == 0, err
    customer = "customer (id of a unit with role customer): "
    services = "services covered (ids) (separate several with commas): "
    assert out == (
        "id (file name: lower-case letters, digits, hyphens): title: "
        f"{customer}{services}valid from (YYYY-MM-DD): "
        f"{customer}{services}wrote {AGREEMENT}\n"
    )
    heads = [line.split(": ")[1] for line in err.splitlines() if line.startswith("records/")]
    assert heads == ["error[agreement-party-role]", "error[ref-unknown]"], err
    assert err.endswith("answer again (the other answers are kept):\n")
    text = (repo / AGREEMENT).read_text()
    assert "title: Reporting 2027\ncustomer: finance\n" in text
    assert "  - reporting\n  - erp\n" in text and "valid_from: 2027-01-01\n" in text


def test_a_value_that_makes_no_record_is_asked_again(repo: Path) -> None:
    answers = ["25.11.2026", "Close review", "finance", "other", "2026-11-25"]
    code, out, err = _at_keyboard(repo, "new", "meeting", answers=answers)
    assert code == 0, err
    assert "brm: --date '25.11.2026': write the date as YYYY-MM-DD" in err
    assert out.endswith(": wrote records/meetings/2026/2026-11-25-close-review.md\n")


def test_the_end_of_input_refuses_as_before(repo: Path) -> None:
    answers = ["finance-reporting-2027", "Reporting 2027", "controlling", "erp", "2027-01-01"]
    code, _, err = _at_keyboard(repo, "new", "agreement", answers=answers)
    assert code == 1
    assert "error[agreement-party-role]" in err and not (repo / AGREEMENT).exists()
    assert err.endswith("brm: the input ended: nothing written\n")


def test_the_option_that_made_a_field() -> None:
    names = {
        ("customer", "manager.email"): "manager_email",
        ("customer", "services[1]"): "service",
        ("customer", "owners[0]"): "owner",
        ("agreement", "valid_until"): "valid_until",
        ("report", "measurements[0].results.availability"): "result",
        ("project", "sponsor.email"): "sponsor_email",
    }
    assert {key: getattr(option_for(*key), "name", None) for key in names} == names
    assert option_for("customer", "contacts[0].email") is None
    assert option_for("customer", "") is None


def _error(path: str, field: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding("x", severity, path, 1, 1, field, "m")


def test_an_error_that_no_answer_made_asks_nothing_again() -> None:
    new = "records/customers/x.yaml"
    again = ask_again("customer", [], [_error(new, "parent"), _error(new, "role")], new)
    assert [option.name for option in again] == ["role", "parent"]
    warning = _error(new, "name", Severity.WARNING)
    assert [o.name for o in ask_again("customer", [], [warning, _error(new, "role")], new)] == [
        "role"
    ]
    assert ask_again("customer", [], [_error("records/customers/y.yaml", "parent")], new) == []
    assert ask_again("customer", [], [_error(new, "")], new) == []
    assert [o.name for o in ask_again("meeting", [Problem("bad", "date")], [], "")] == ["date"]
