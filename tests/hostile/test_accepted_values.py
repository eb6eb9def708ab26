"""Values the check accepts are values every command handles: an id with a trailing
newline, numbers at the edge of a float, periods far from today, a long chain of
purchasers and a named pipe are findings or are built, in bounded time and memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from brm_build.cli import main

from ..casebuilder import build
from ..conftest import ROOT
from .test_yaml_attacks import _limit_memory

TIMEOUT = 60.0
"""Seconds for one command, start-up included; the slowest takes a few."""
TODAY = "2026-06-15"


def brm(root: Path, *args: str, today: str = TODAY) -> subprocess.CompletedProcess[str]:
    """``brm ARGS`` on ``root`` in a subprocess bounded in time and memory (without the
    check cache, whose reads are bounded elsewhere)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "brm_build",
            *args,
            "--root",
            str(root),
            "--today",
            today,
            "--no-cache",
        ],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
        check=False,
    )


def test_an_id_with_a_trailing_newline_is_no_id(tmp_path: Path) -> None:
    root = build(tmp_path / "repo", {})
    finance = root / "records/customers/finance.yaml"
    (root / "records/customers/sales\n.yaml").write_bytes(finance.read_bytes())
    (root / "records/meetings/2026/2026-05-21-late\n.md").write_bytes(b"---\n")
    done = brm(root, "check", "--format", "json")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stdout.count('"id-invalid"') == 2
    built = brm(root, "build", "--out", str(tmp_path / "site"))
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert not (tmp_path / "site").exists()


def test_brm_new_refuses_an_id_with_a_trailing_newline(tmp_path: Path) -> None:
    root = build(tmp_path / "repo", {})
    argv = ["new", "customer", "sales\n", "--root", str(root), "--name", "Sales"]
    argv += ["--role", "purchaser", "--parent", "finance"]
    argv += ["--manager-name", "Mia Berg", "--manager-email", "mia.berg@meridian.example"]
    assert main(argv) != 0
    assert sorted(p.name for p in (root / "records/customers").iterdir()) == ["finance.yaml"]


AGREEMENT = """title: ERP
customer: finance
services: [erp]
status: active
valid_from: {valid_from}
service_levels:
  - {{id: availability, metric: Availability, target: {target}, unit: {unit},
     direction: at_least}}
  - {{id: response, metric: Response, target: {low}, unit: hours, direction: at_most,
     period: quarter}}
"""
LEVELS = ("availability", "availability", "response", "response")
"""The service level measured by each of the four measurements."""


def _agreement(
    root: Path,
    target: str,
    periods: tuple[str, ...],
    value: str,
    unit: str = "percent",
    valid_from: str = "2025-01-01",
) -> Path:
    """The base records and an agreement with a monthly and a quarterly service level,
    each measured in two periods (the first in ``unit``, from ``valid_from``)."""
    text = "agreement: finance-erp\nmeasurements:\n" + "".join(
        f'  - {{period: "{period}", results: {{{level}: {value}}}}}\n'
        for period, level in zip(periods, LEVELS, strict=True)
    )
    return build(
        root,
        {
            "records/agreements/finance-erp.yaml": AGREEMENT.format(
                target=target, low=target, unit=unit, valid_from=valid_from
            ),
            "records/reports/finance-erp.yaml": text,
        },
    )


def _errors(done: subprocess.CompletedProcess[str]) -> list[tuple[str, str, str]]:
    """(code, path, field) of every error of ``brm check --format json``."""
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    found = json.loads(done.stdout)
    return sorted((f["code"], f["path"], f["field"]) for f in found if f["severity"] == "error")


MONTHS = ("2026-01", "2026-03", "2026-Q1", "2026-Q2")


def test_numbers_at_the_edge_of_a_float_are_findings(tmp_path: Path) -> None:
    root = _agreement(tmp_path / "repo", "1e308", MONTHS, "-1.0e+308")
    errors = _errors(brm(root, "check", "--format", "json"))
    assert [(path[8:], field) for _, path, field in errors] == [
        ("agreements/finance-erp.yaml", "service_levels[0].target"),
        ("agreements/finance-erp.yaml", "service_levels[1].target"),
        *[
            ("reports/finance-erp.yaml", f"measurements[{n}].results.{level}")
            for n, level in (
                (0, "availability"),
                (1, "availability"),
                (2, "response"),
                (3, "response"),
            )
        ],
    ]
    assert {code for code, _, _ in errors} == {"schema-value"}


def test_the_largest_numbers_accepted_are_built(tmp_path: Path) -> None:
    # no percent: a percent target lies within 0..100 (target-percent-range)
    root = _agreement(tmp_path / "repo", "-1e15", MONTHS, "1e15", unit="requests")
    assert _errors(brm(root, "check", "--format", "json")) == []
    assert brm(root, "stats").returncode == 0
    done = brm(root, "build", "--out", str(tmp_path / "site"))
    assert done.returncode == 0, done.stderr[-3000:]


def test_periods_outside_the_years_of_records_are_findings(tmp_path: Path) -> None:
    periods = ("0500-01", "9999-12", "1000-Q1", "9998-Q4")
    root = _agreement(tmp_path / "repo", "99", periods, "98")
    errors = _errors(brm(root, "check", "--format", "json"))
    fields = [field for _, _, field in errors]
    assert fields == [f"measurements[{n}].period" for n in range(4)]


def test_periods_centuries_apart_are_built_in_seconds(tmp_path: Path) -> None:
    periods = ("1900-01", "2199-12", "1900-Q1", "2199-Q4")
    # counted only within the agreement's life up to today (report-period-*): both span them
    root = _agreement(tmp_path / "repo", "99", periods, "98", valid_from="1900-01-01")
    today = "2199-12-31"
    assert _errors(brm(root, "check", "--format", "json", today=today)) == []
    assert brm(root, "stats", today=today).returncode == 0
    start = time.monotonic()
    done = brm(root, "build", "--out", str(tmp_path / "site"), today=today)
    assert done.returncode == 0, done.stderr[-3000:]
    assert time.monotonic() - start < 20, "the gaps of three centuries were filled"
    for name in ("service-levels.html", "customers/finance.html"):
        page = (tmp_path / "site" / name).read_text(encoding="utf-8")
        assert "2199-Q4" in page and "1950-Q2" not in page, name


def _chain(root: Path, length: int) -> Path:
    """The base records and ``length`` purchasers, each under the one before, the first
    under finance."""
    units = {
        f"records/customers/unit-{i}.yaml": (
            f"name: Unit {i}\nrole: purchaser\nparent: {f'unit-{i - 1}' if i else 'finance'}\n"
            "manager:\n  name: Lena Vogt\n  email: lena.vogt@meridian.example\n"
        )
        for i in range(length)
    }
    return build(root, units)


def test_a_chain_of_a_thousand_purchasers_is_a_finding(tmp_path: Path) -> None:
    root = _chain(tmp_path / "repo", 1_100)
    errors = _errors(brm(root, "check", "--format", "json"))
    assert errors == [("hierarchy-too-deep", "records/customers/unit-30.yaml", "parent")]
    for args in (("stats",), ("build", "--out", str(tmp_path / "site"))):
        done = brm(root, *args)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-3000:]


def test_the_deepest_structure_accepted_is_built(tmp_path: Path) -> None:
    root = _chain(tmp_path / "repo", 30)
    assert _errors(brm(root, "check", "--format", "json")) == []
    assert brm(root, "stats").returncode == 0
    done = brm(root, "build", "--out", str(tmp_path / "site"))
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Unit 29" in (tmp_path / "site/customers/unit-29.html").read_text(encoding="utf-8")


def test_named_pipes_are_findings_and_never_opened_for_reading(tmp_path: Path) -> None:
    root = build(tmp_path / "repo", {})
    pipes = ["records/services/pipe.yaml", "records/meetings/2026/2026-05-21-pipe.md"]
    for rel in pipes:
        os.mkfifo(root / rel)
    for fmt in ("text", "json", "github"):
        done = brm(root, "check", "--format", fmt)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-3000:]
        assert all(rel in done.stdout for rel in pipes) and "named pipe" in done.stdout
    assert _errors(brm(root, "check", "--format", "json")) == sorted(
        ("file-unreadable", rel, "") for rel in pipes
    )


def test_a_named_pipe_for_brm_yaml_is_a_finding(tmp_path: Path) -> None:
    root = build(tmp_path / "repo", {})
    os.mkfifo(root / "brm.yaml")
    done = brm(root, "check")
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr[-3000:]
    assert "brm.yaml" in done.stdout + done.stderr and "named pipe" in done.stdout + done.stderr


def _survey(root: Path, invited: str) -> Path:
    survey = (
        f'title: Pulse\nperiod: "2026-Q1"\ninvited:\n  finance: {invited}\n'
        "responses:\n  - {customer: finance, csat: 4, nps: 9}\n"
    )
    return build(root, {"records/surveys/pulse.yaml": survey})


def test_a_count_too_large_for_a_rate_is_a_finding(tmp_path: Path) -> None:
    root = _survey(tmp_path / "repo", "9" * 400)
    errors = _errors(brm(root, "check", "--format", "json"))
    assert errors == [("schema-value", "records/surveys/pulse.yaml", "invited.finance")]
    largest = _survey(tmp_path / "largest", "10000000")
    done = brm(largest, "stats", "--format", "json")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
