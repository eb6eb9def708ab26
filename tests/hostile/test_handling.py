"""Proof that hostile files are read as meant, beyond their findings: YAML 1.1 surprises
keep YAML 1.2 values, a byte-order mark and CRLF line ends change no value, no tag runs
code, and a half-megabyte line is not repeated in full by the reporter."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from brm_build.cli import main
from brm_build.model.settings import Settings
from brm_build.repository import load_repository
from brm_build.yamlsource import parse_mapping

from ..conftest import ROOT
from .test_yaml_attacks import BASE, HERE, TIMEOUT, _limit_memory, prepare, run_check

CASES = HERE / "cases"
TODAY = dt.date(2026, 6, 15)


def _messages(case: str, tmp_path: Path) -> dict[str, str]:
    findings, _ = run_check(prepare(CASES / case, tmp_path / "repo"), tmp_path)
    return {f["line"].rsplit(" ", 1)[-1]: f["message"] for f in findings}


def test_yaml_11_words_stay_text_and_numbers_are_yaml_12() -> None:
    text = (CASES / "yaml11-typing/records/services/typing.yaml").read_text()
    document, findings = parse_mapping(text, "typing.yaml")
    assert document is not None and findings == []
    data = document.data
    assert data["name"] == "no" and data["description"] == "on"
    assert data["support_hours"] == "12:30"
    owner = data["owner"]
    assert isinstance(owner, dict) and owner["name"] == "NO" and owner["title"] == 12


def test_yaml_11_surprises_get_a_finding_that_says_how_to_write_them(tmp_path: Path) -> None:
    messages = _messages("yaml11-typing", tmp_path)
    assert 'quote it as "012"' in messages["owner.title"]
    assert 'quote it as "1.10"' in messages["name"]
    assert 'quote it as "0x1F"' in messages["milestones[2].name"]
    assert "'yes' is text in YAML 1.2: write true or false" in messages["milestones[0].done"]
    assert "not a date of the calendar" in messages["milestones[2].due"]
    assert "found nothing" in messages["milestones[1].name"]
    assert "0123456789" not in messages["sponsor.phone"]
    assert "value hidden: restricted field" in messages["sponsor.phone"]


def test_no_tag_runs_code_or_builds_an_object(tmp_path: Path) -> None:
    messages = _messages("language-tags", tmp_path)
    assert "python/object/apply:os.system" in messages["name"]
    assert not list(tmp_path.rglob("pwned-*"))


def _loaded(root: Path) -> dict[str, tuple[object, str | None]]:
    repository, findings = load_repository(Settings(str(root), TODAY))
    assert findings == []
    return {
        f"{kind}/{rid}": (entry.record, (entry.body or "").replace("\r\n", "\n"))
        for kind in ("customers", "services", "meetings")
        for rid, entry in getattr(repository, kind).items()
    }


def test_a_byte_order_mark_and_crlf_change_no_value(tmp_path: Path) -> None:
    expected = _loaded(BASE)
    customer = "records/customers/finance.yaml"
    bom = prepare(CASES / "byte-order-mark", tmp_path / "bom")
    assert (bom / customer).read_bytes().startswith(b"\xef\xbb\xbf")
    (bom / "records/services/double.yaml").unlink()  # the one file meant to fail
    assert _loaded(bom) == expected

    crlf = prepare(CASES / "crlf", tmp_path / "crlf")
    assert b"\r\n" in (crlf / customer).read_bytes()
    loaded = _loaded(crlf)
    old_mac = loaded.pop("services/old-mac")[0]
    assert loaded == expected
    assert getattr(old_mac, "name", None) == "Carriage returns"


def test_a_very_long_line_is_cut_short_in_the_report(tmp_path: Path) -> None:
    root = prepare(CASES / "long-line", tmp_path / "repo")
    done = subprocess.run(
        [sys.executable, "-m", "brm_build", "check", "--root", str(root), "--today", "2026-06-15"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert done.returncode == 1 and "yaml-syntax" in done.stdout
    assert len(done.stdout) < 5_000, "the report repeats the long line"


SECRETS = ("Sup3rS3cret!", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "b3BlbnNzaC1rZXkt")


@pytest.mark.parametrize("fmt", ["text", "json", "github", "gitlab"])
def test_secrets_in_records_that_do_not_load_are_found_and_never_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    root = prepare(CASES / "secret-in-invalid-record", tmp_path / "repo")
    code = main(["check", "--root", str(root), "--today", "2026-06-15", "--format", fmt])
    out, err = capsys.readouterr()
    assert code == 1 and out.count("secret-value") == 5
    assert [s for s in SECRETS if s in out + err] == []
