"""``brm check`` end to end: exit codes, the three formats, and never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from brm_build.cli import main

from .conftest import CASES

TODAY = "2026-06-15"
CLEAN = CASES / "valid" / "minimal"
INVALID = CASES / "invalid"
BAD_CONFIG = CASES / "config" / "invalid-brm-yaml"
EVERY_CASE = sorted(p for group in CASES.iterdir() if group.is_dir() for p in group.iterdir())
FINDING_KEYS = ["code", "severity", "path", "line", "column", "field", "message", "related"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``brm`` in-process; return the exit code, stdout and stderr."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def check(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    return run(capsys, "check", "--root", str(root), "--today", TODAY, *args)


# Exit codes


def test_clean_records_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = check(capsys, CLEAN)
    assert (code, err) == (0, "")
    assert out == "3 record files checked: 0 errors, 0 warnings\n"


def test_errors_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = check(capsys, INVALID / "schema-enum")
    assert code == 1
    assert out.endswith("4 record files checked: 3 errors, 0 warnings\n")


def test_warnings_alone_pass_unless_strict(capsys: pytest.CaptureFixture[str]) -> None:
    case = INVALID / "agreement-expiring"
    code, out, _ = check(capsys, case)
    assert code == 0
    assert "warning[agreement-expiring]" in out
    assert check(capsys, case, "--strict")[0] == 1


def test_strict_changes_nothing_when_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert check(capsys, CLEAN, "--strict")[0] == 0


def test_missing_records_folder_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = check(capsys, tmp_path)
    assert (code, out) == (2, "")
    assert err.startswith("brm: no records/ folder in ")
    assert "Traceback" not in err


def test_root_that_does_not_exist_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert check(capsys, tmp_path / "nowhere")[0] == 2


@pytest.mark.parametrize("today", ["2026-13-01", "15.06.2026", "tomorrow", ""])
def test_bad_today_exit_2(capsys: pytest.CaptureFixture[str], today: str) -> None:
    code, out, err = run(capsys, "check", "--root", str(CLEAN), "--today", today)
    assert (code, out) == (2, "")
    assert f"'{today}' is not a date: use YYYY-MM-DD" in err


def test_unknown_option_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "--root", str(CLEAN), "--colour")
    assert code == 2
    assert "unrecognized arguments: --colour" in err


def test_invalid_brm_yaml_is_a_configuration_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = check(capsys, BAD_CONFIG)
    assert code == 2
    assert err == "brm: brm.yaml is invalid: correct it, then run brm again\n"
    findings = [line for line in out.splitlines() if line.startswith("brm.yaml:")]
    assert [line.split(": ", 2)[:2] for line in findings] == [
        ["brm.yaml:3:3", "error[schema-unknown-field]"],
        ["brm.yaml:4:23", "error[schema-value]"],
        ["brm.yaml:6:19", "error[schema-value]"],
        ["brm.yaml:7:10", "error[schema-type]"],
    ]
    assert "did you mean 'meeting_interval_days'?" in findings[0]
    assert "no record" not in out and "records/" not in out  # the records are not checked


def test_invalid_brm_yaml_is_reported_in_the_chosen_format(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = check(capsys, BAD_CONFIG, "--format", "json")
    assert code == 2
    assert {f["path"] for f in json.loads(out)} == {"brm.yaml"}
    code, out, _ = check(capsys, BAD_CONFIG, "--format", "github")
    assert code == 2
    assert out.startswith("::error file=brm.yaml,line=3,col=3,title=brm schema-unknown-field::")


def test_brm_yaml_with_a_syntax_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = check(capsys, CASES / "config" / "brm-yaml-syntax")
    assert code == 2
    assert out.startswith(
        "brm.yaml:4:2: error[yaml-syntax]: this line is indented 1 space, in line with no "
        "field or item above it: indent it 2 spaces like 'meeting_interval_days' (line 3) "
        "or 0 spaces like 'thresholds' (line 2)\n     feedback_open_days: 30\n     ^\n"
    )


def test_brm_yaml_that_is_a_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "records").mkdir()
    (tmp_path / "brm.yaml").mkdir()
    code, out, _ = check(capsys, tmp_path)
    assert code == 2
    assert "brm.yaml:1:1: error[file-unreadable]" in out


def test_brm_yaml_thresholds_are_used(capsys: pytest.CaptureFixture[str]) -> None:
    out = check(capsys, INVALID / "agreement-expiring-notice-days")[1]
    assert "within the 120-day notice window" in out


# Formats


def test_json_is_a_stable_list_of_findings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = check(capsys, INVALID / "hierarchy-cycle", "--format", "json")
    assert code == 1
    findings = json.loads(out)
    assert findings == [
        {
            "code": "hierarchy-cycle",
            "severity": "error",
            "path": "records/customers/accounts-payable.yaml",
            "line": 3,
            "column": 9,
            "field": "parent",
            "message": "the chain of parents loops: accounts-payable → controlling → treasury → "
            "accounts-payable; break it so that it ends at a customer",
            "related": [
                "records/customers/accounts-payable.yaml",
                "records/customers/controlling.yaml",
                "records/customers/treasury.yaml",
            ],
        }
    ]
    assert check(capsys, INVALID / "hierarchy-cycle", "--format", "json")[1] == out


def test_json_keys_and_order_for_every_finding(capsys: pytest.CaptureFixture[str]) -> None:
    out = check(capsys, INVALID / "ref-unknown", "--format", "json")[1]
    findings = json.loads(out)
    assert len(findings) == 17  # invited.finanse among them
    for finding in findings:
        assert list(finding) == FINDING_KEYS
    positions = [(f["path"], f["line"], f["column"]) for f in findings]
    assert positions == sorted(positions)


def test_json_of_clean_records_is_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = check(capsys, CLEAN, "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_json_keeps_warnings_with_their_severity(capsys: pytest.CaptureFixture[str]) -> None:
    out = check(capsys, INVALID / "customer-no-recent-meeting", "--format", "json")[1]
    assert {(f["code"], f["severity"]) for f in json.loads(out)} == {
        ("customer-no-recent-meeting", "warning")
    }


def test_github_annotations_and_job_summary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = check(capsys, INVALID / "schema-enum", "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        "::error file=records/meetings/2026/2026-06-02-erp-service-review.md,line=6,col=7,"
        "title=brm schema-enum::'review' is not allowed: use one of 'relationship-review', "
        "'service-review', 'planning', 'escalation', 'satisfaction' or 'other' (at type)"
    )
    assert [line.split(" ", 1)[0] for line in lines[:3]] == ["::error"] * 3
    assert lines[-1] == "4 record files checked: 3 errors, 0 warnings"
    text = summary.read_text()
    assert text.startswith("# Earlier step\n## brm check\n")
    assert "| Severity | File | Line | Code | Field | Message |" in text
    assert "| error | `records/services/erp.yaml` | 5 | `schema-enum` | status |" in text


def test_github_warnings_are_warning_annotations(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    out = check(capsys, INVALID / "agreement-past-end", "--format", "github")[1]
    assert out.startswith(
        "::warning file=records/agreements/finance-erp-2023.yaml,line=7,col=14,"
        "title=brm agreement-past-end::"
    )


def test_github_escapes_what_workflow_commands_reserve(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    out = check(capsys, INVALID / "id-invalid", "--format", "github")[1]
    line = next(line for line in out.splitlines() if "finance%2Cold" in line)
    assert line.startswith(
        "::error file=records/customers/finance%2Cold.yaml,line=1,col=1,title=brm id-invalid::"
        "'finance,old' is not a valid id"
    )


def test_text_shows_the_line_and_a_caret_under_the_column(
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = check(capsys, INVALID / "schema-enum")[1].splitlines()
    at = lines.index(
        "records/services/erp.yaml:5:9: error[schema-enum]: 'active' is not allowed: "
        "use one of 'pipeline', 'live' or 'retired' (at status)"
    )
    assert lines[at + 1] == "    status: active"
    assert lines[at + 2] == "    " + " " * 8 + "^"


def test_text_lists_related_files(capsys: pytest.CaptureFixture[str]) -> None:
    out = check(capsys, INVALID / "agreement-party-role")[1]
    assert "    see records/customers/treasury.yaml\n" in out


def test_text_never_quotes_a_restricted_line(capsys: pytest.CaptureFixture[str]) -> None:
    out = check(capsys, INVALID / "schema-value")[1]
    assert "(value hidden: restricted field) (at funding.amount)" in out
    assert "-1200" not in out


def test_text_never_quotes_a_file_rejected_as_too_large(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The limit of brm.yaml (1,024 bytes) rejects the file; the report quotes nothing of
    it, though it is far below the default limit."""
    case = INVALID / "file-too-large"
    code, out, _ = check(capsys, case)
    assert code == 1 and "error[file-too-large]" in out
    assert "Group Finance" not in out and "name:" not in out
    for command in ("build", "stats"):
        args = ["--root", str(case), "--today", TODAY]
        extra = ["--out", str(tmp_path / "site")] if command == "build" else []
        code, out, err = run(capsys, command, *args, *extra)
        assert code == 1 and "Group Finance" not in out + err, command


def test_text_of_a_folder_finding_has_no_source_line(capsys: pytest.CaptureFixture[str]) -> None:
    lines = check(capsys, INVALID / "file-unknown")[1].splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("records/contracts/:1:1:"))
    assert lines[at + 1] == ""


# Robustness

FORMATS = ["text", "json", "github", "gitlab"]


def test_every_format_is_tried(capsys: pytest.CaptureFixture[str]) -> None:
    usage = run(capsys, "check", "--help")[1]
    assert "--format {" + ",".join(FORMATS) + "}" in usage.replace("\n", " ")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", EVERY_CASE, ids=[f"{p.parent.name}/{p.name}" for p in EVERY_CASE])
def test_no_case_raises(
    case: Path,
    fmt: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    code, out, err = check(capsys, case, "--format", fmt)
    assert code in (0, 1, 2)
    assert "Traceback" not in out + err
    assert out
    if fmt in ("json", "gitlab"):
        assert isinstance(json.loads(out), list)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("brm ")


def test_installed_script(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / ("brm.exe" if os.name == "nt" else "brm")
    assert script.exists(), "install the package: pip install -e ."
    case = INVALID / "report-duplicate-period"
    done = subprocess.run(
        [str(script), "check", "--root", str(case), "--today", TODAY, "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 1, done.stderr
    assert [f["code"] for f in json.loads(done.stdout)] == ["report-duplicate-period"]
    done = subprocess.run(
        [str(script), "check", "--today", TODAY], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 2
    assert done.stderr.startswith("brm: no records/ folder in .")


def _clean_with_customer_lines(tmp_path: Path, lines: str) -> None:
    """The clean records copied to ``tmp_path / "repo"``, ``lines`` added to a customer."""
    shutil.copytree(CLEAN, tmp_path / "repo")
    record = next((tmp_path / "repo" / "records" / "customers").glob("*.yaml"))
    record.write_text(record.read_text(encoding="utf-8") + lines, encoding="utf-8")


def test_control_characters_from_records_reach_the_terminal_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _clean_with_customer_lines(tmp_path, '"ab\\e[2J\\u202ecd": 1\n')
    code, out, _ = check(capsys, tmp_path / "repo", "--no-cache")
    assert code == 1
    assert "\x1b" not in out and "\u202e" not in out
    assert "ab\\x1b[2J\\u202ecd" in out


def test_check_reports_a_publish_name_that_is_no_restricted_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copytree(CLEAN, tmp_path / "repo")
    config = tmp_path / "repo" / "brm.yaml"
    before = config.read_text(encoding="utf-8") if config.exists() else ""
    config.write_text(before + "publish:\n  - customer.budget\n", encoding="utf-8")
    code, out, _ = check(capsys, tmp_path / "repo")
    line = before.count("\n") + 2
    assert code == 1
    assert f"brm.yaml:{line}:" in out and "error[publish-unknown-field]" in out
    assert "did you mean 'customer.it_budget'?" in out


def test_the_caret_points_at_the_column_after_escaped_characters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _clean_with_customer_lines(tmp_path, "tags: [\u202e\u202e, {bad: 1}]\n")
    code, out, _ = check(capsys, tmp_path / "repo", "--no-cache")
    lines = out.splitlines()
    quoted = next(i for i, line in enumerate(lines) if line.startswith("    tags: ["))
    assert code == 1 and "\u202e" not in out
    caret = lines[quoted + 1].index("^")
    assert lines[quoted][caret:].startswith("{bad"), out


def test_report_shows_the_errors_that_stop_it(capsys: pytest.CaptureFixture[str]) -> None:
    case = INVALID / "file-too-large"
    code, out, err = run(
        capsys, "report", "finance", "--period", "2026-Q1", "--root", str(case), "--today", TODAY
    )
    assert (code, out) == (1, "")
    assert "error[file-too-large]" in err and "Group Finance" not in err


_MODULES = """
import json, sys
from brm_build.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""
OTHER_COMMANDS = {
    "brm_build.cli.attention",
    "brm_build.cli.init",
    "brm_build.cli.issues",
    "brm_build.cli.report",
    "brm_build.cli.workflow",
    "brm_build.attention.items",
    "brm_build.demo",
    "brm_build.exchange.importer",
    "brm_build.scaffold",
    "brm_build.starter",
}
"""Modules of other commands than check: a check imports none of them."""


def _check_modules(cache: Path, *options: str) -> set[str]:
    """The modules a check of the clean repository imported, run in a fresh interpreter."""
    args = ["check", "--root", str(CLEAN), "--today", TODAY, *options]
    done = subprocess.run(
        [sys.executable, "-c", _MODULES, *args],
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    probe = json.loads(done.stdout.splitlines()[-1])
    assert probe["code"] == 0, done.stdout
    return set(probe["modules"])


def test_check_imports_no_module_of_another_command(tmp_path: Path) -> None:
    modules = _check_modules(tmp_path, "--no-cache")
    assert "brm_build.check.run" in modules
    assert sorted(OTHER_COMMANDS & modules) == []


def test_a_cached_check_imports_no_figures(tmp_path: Path) -> None:
    _check_modules(tmp_path)  # fills the cache
    modules = _check_modules(tmp_path)
    assert "brm_build.check.run" in modules
    assert "brm_build.analytics.stats" not in modules
