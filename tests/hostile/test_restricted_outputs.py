"""Restricted data (records.md: customer ``it_budget``, agreement ``funding``, survey
``comment``, feedback ``raised_by`` and every person's ``phone``) reaches no output of any
command: site files, search index, sitemap, charts, exports, stats, diff, codeowners and
every error message. Each restricted value is a distinctive sentinel, and every byte of
every output is searched for it."""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from icalendar import Calendar

from brm_build.cli import main
from brm_build.model import KIND_BY_NAME
from brm_build.publication import EVERY_PHONE, restricted_names
from brm_build.repository import load_repository

from ..conftest import settings_for
from .organisation import SENTINELS, write_organisation

TODAY = "2026-11-26"


def leaks(text: str) -> list[str]:
    """Every sentinel found in ``text``."""
    return [match.group(0) for pattern in SENTINELS for match in pattern.finditer(text)]


def _output_texts(folder: Path) -> Iterator[tuple[str, str]]:
    """Every file under ``folder`` as text, compressed ones unpacked."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            raw = path.read_bytes()
            if path.suffix == ".gz":
                raw = gzip.decompress(raw)
            yield path.relative_to(folder).as_posix(), raw.decode("utf-8", errors="replace")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def _values(value: object, path: list[str]) -> Iterator[object]:
    """Every value at dotted ``path`` inside ``value``, through lists."""
    if isinstance(value, list):
        for item in value:
            yield from _values(item, path)
    elif not path:
        yield value
    elif isinstance(value, dict) and path[0] in value:
        yield from _values(value[path[0]], path[1:])


def test_the_organisation_fills_every_restricted_field(organisation: Path) -> None:
    """A restricted field added to the model without a sentinel here fails this test."""
    repository, findings = load_repository(settings_for(organisation))
    assert not [f for f in findings if f.severity == "error"]
    for name in restricted_names():
        if name == EVERY_PHONE:
            continue
        kind, *path = name.split(".")
        records = repository.table(KIND_BY_NAME[kind]).values()
        found = [v for e in records for v in _values(e.record.model_dump(), path) if v is not None]
        assert found, f"no sentinel in {name}"
        assert all(leaks(str(v)) for v in found), name


def test_the_sentinels_are_found_where_they_are(organisation: Path) -> None:
    """The search has teeth: every sentinel pattern finds its value in the records."""
    text = "".join(t for _, t in _output_texts(organisation / "records"))
    assert all(pattern.search(text) for pattern in SENTINELS)


def test_no_site_file_holds_restricted_data(hostile_site: Path) -> None:
    files = dict(_output_texts(hostile_site))
    assert {"search/search_index.json", "sitemap.xml", "sitemap.xml.gz"} <= set(files)
    assert any(name.startswith("charts/") and name.endswith(".svg") for name in files)
    assert "customers/index.html" in files
    found = {name: leaks(text) for name, text in files.items() if leaks(text)}
    assert found == {}


def _calendar_texts(raw: bytes) -> str:
    """Every property value of a calendar as its text, unfolded and unescaped by icalendar:
    a value folded over two lines or with escaped commas is searched whole."""
    cal = Calendar.from_ical(raw)
    values = [str(v) for c in cal.walk() for _, v in c.property_items(recursive=False)]
    return "\n".join(values)


def test_no_calendar_holds_restricted_data(
    hostile_site: Path, organisation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The site's calendars (and ``brm attention --format ics``) are searched value by
    value: the raw files' folding and escaping could split a sentinel."""
    calendars = sorted(hostile_site.rglob("*.ics"))
    customers = sorted((organisation / "records" / "customers").glob("*.yaml"))
    assert hostile_site / "attention.ics" in calendars
    assert len(calendars) == 1 + len(customers) > 2
    texts = {p.name: _calendar_texts(p.read_bytes()) for p in calendars}
    assert texts["attention.ics"].count("attention.brm") > 3  # it has events to search
    assert {name: leaks(t) for name, t in texts.items() if leaks(t)} == {}
    code, printed = _run(
        capsys, "attention", "--root", str(organisation), "--today", TODAY, "--format", "ics"
    )
    assert code == 0 and leaks(_calendar_texts(printed.encode("utf-8"))) == []


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_exports_hold_no_restricted_data(
    organisation: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = tmp_path / "export"
    code, printed = _run(
        capsys, "export", "--root", str(organisation), "--format", fmt, "--out", str(out)
    )
    assert code == 0 and leaks(printed) == []
    files = dict(_output_texts(out))
    assert files and {name: leaks(t) for name, t in files.items() if leaks(t)} == {}
    code, printed = _run(capsys, "export", "--root", str(organisation))
    assert code == 0 and "customer.name" in printed and leaks(printed) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["stats"],
        ["stats", "--format", "json"],
        ["check"],
        ["check", "--format", "json"],
        ["check", "--format", "github"],
        ["check", "--format", "gitlab"],
        ["diff", "HEAD~1", "HEAD"],
        ["diff", "HEAD~1", "HEAD", "--format", "markdown"],
        ["diff", "HEAD~1"],
        ["attention", "--days", "99999"],
        ["attention", "--format", "json"],
        ["attention", "--format", "markdown", "--days", "99999"],
    ],
    ids=" ".join,
)
def test_reports_hold_no_restricted_data(
    organisation: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, printed = _run(capsys, *argv, "--root", str(organisation), "--today", TODAY)
    assert code == 0, printed[-2000:]
    assert printed.strip()
    assert leaks(printed) == []


def test_the_diff_reports_that_restricted_values_changed(
    organisation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The diff sees the changes (so the test above has teeth) without showing them."""
    code, printed = _run(capsys, "diff", "HEAD~1", "HEAD", "--root", str(organisation))
    assert code == 0 and "customer.name changed" in printed
    assert "phone" in printed and "it_budget" in printed


def test_codeowners_holds_no_restricted_data(
    organisation: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(organisation, root)
    code, printed = _run(capsys, "codeowners", "--root", str(root))
    assert code == 0 and leaks(printed) == []
    assert leaks((root / "CODEOWNERS").read_text()) == []


BROKEN = {
    "records/customers/index.yaml": [
        (
            '  phone: "PHONE-SENTINEL-1"',
            '  phone: "PHONE-SENTINEL-1"\n  phone: "PHONE-SENTINEL-1b"',
        ),
        ('  phone: "PHONE-SENTINEL-2"', "  phone: [PHONE-SENTINEL-2]"),
        ('  phone: "PHONE-SENTINEL-3"', "  phone: !!binary PHONE-SENTINEL-3"),
        ("  amount: 7319428657", "  amount: -7319428657"),
    ],
    "records/agreements/index-readme.yaml": [
        ("  period: year", "  period: 4826153907"),
        ("  cost_center: FUNDCC-SENTINEL-4F2A", "  cost_center: {FUNDCC-SENTINEL-4F2A: 1}"),
    ],
    "records/surveys/survey-2026-q3.yaml": [
        ('comment: "COMMENT-SENTINEL-9B3C 0"', "comment: 7319428657"),
        ('comment: "COMMENT-SENTINEL-9B3C 1"', 'comment: ["COMMENT-SENTINEL-9B3C 1"]'),
        (
            'comment: "COMMENT-SENTINEL-9B3C 2"',
            'comment: "COMMENT-SENTINEL-9B3C 2"\n    comment: x',
        ),
    ],
    "records/feedback/2026/2026-10-05-complaint.yaml": [
        ("  email: raiser.sentinel-5e7d@hostile.example", "  email: Raiser Sentinel-5E7D"),
        ("  name: Raiser Sentinel-5E7D", "  name: &a Raiser Sentinel-5E7D"),
    ],
}
"""Restricted values made invalid in every way a finding can describe: wrong type,
duplicate key, tag, out of range, bad pattern, anchor."""


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_organisation(tmp_path_factory.mktemp("broken") / "repo")
    for rel, replacements in BROKEN.items():
        path = root / rel
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, old
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["check", "--format", "json"],
        ["check", "--format", "github"],
        ["check", "--format", "gitlab"],
        ["stats"],
        ["export"],
        ["build", "--out", "{site}"],
    ],
    ids=" ".join,
)
def test_error_messages_hold_no_restricted_data(
    broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    argv = [a.replace("{site}", str(tmp_path / "site")) for a in argv]
    code, printed = _run(capsys, *argv, "--root", str(broken), "--today", TODAY)
    assert code == 1, printed[-2000:]
    if argv[0] == "check":
        assert printed.count("phone") >= 3 and "comment" in printed and "anchor" in printed
    assert leaks(printed) == []
    assert not (tmp_path / "site").exists()
