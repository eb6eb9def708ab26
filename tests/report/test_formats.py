"""The HTML pack is one self-contained page (charts inline, nothing from another host) and
the same records give the same bytes; the PDF is A4 with page numbers, every section, and
"Internal" on every page of the internal pack (read back with poppler's pdftotext)."""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from brm_build.check import check
from brm_build.cli import main
from brm_build.model.settings import Settings
from brm_build.report import build_pack, parse_period
from brm_build.report.html import render_html
from brm_build.report.pdf import pdf_problem

from ..conftest import ROOT
from .sections import SECTIONS

TODAY = "2026-11-26"


class _Links(HTMLParser):
    """Every address an element of the page loads or links to, and its tags."""

    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.addresses.extend(v or "" for k, v in attrs if k in ("src", "href", "srcset"))


def _html(settings: Settings, unit: str = "finance") -> str:
    span = parse_period("2026-Q3")
    assert span is not None
    return render_html(build_pack(check(settings).repository, settings, unit, span))


def test_the_html_pack_is_self_contained(example_settings: Settings) -> None:
    page = _html(example_settings)
    links = _Links()
    links.feed(page)
    assert links.addresses, "the charts are images"
    assert all(a.startswith("data:image/svg+xml;base64,") for a in links.addresses)
    assert not links.tags & {"link", "script", "iframe", "object"}
    assert "http://" not in page and "https://" not in page
    for title in SECTIONS:
        assert f"<h2>{title}</h2>" in page


def test_the_html_pack_is_the_same_bytes_every_time(example_settings: Settings) -> None:
    assert _html(example_settings, "payroll") == _html(example_settings, "payroll")


def test_html_and_pdf_need_an_out_file(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["report", "finance", "--period", "2026-Q3", "--format", "html", "--root", str(ROOT)]
    assert main(argv) == 2
    assert "--format html needs --out FILE" in capsys.readouterr().err


def _pdf_tools() -> None:
    """Skip without WeasyPrint or pdftotext, except in CI, where .ci/run installs both."""
    missing = pdf_problem() or (
        None if shutil.which("pdftotext") else "pdftotext is missing: apt-get install poppler-utils"
    )
    if missing and os.environ.get("CI") != "true":
        pytest.skip(missing)
    assert missing is None, missing


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


@pytest.mark.parametrize("internal", [False, True])
def test_the_pdf_pack(internal: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _pdf_tools()
    out = tmp_path / "pack.pdf"
    argv = ["report", "finance", "--period", "2026-Q3", "--format", "pdf", "--out", str(out)]
    code = main([*argv, "--root", str(ROOT), "--today", TODAY, *(["--internal"] * internal)])
    assert code == 0, capsys.readouterr().err
    assert out.read_bytes().startswith(b"%PDF-")
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert "(A4)" in info.stdout
    pages = _pages(out)
    assert len(pages) > 2
    text = "\n".join(pages)
    assert "Group Finance: review pack 2026-Q3" in text
    for title in SECTIONS:
        assert title in text
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert ("Internal" in page) is internal


@pytest.mark.parametrize("unit", ["finance", "payroll"])
def test_the_agenda_stays_whole_and_the_closing_note_with_it(
    unit: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The proposed agenda is not split across pages, and the pack's last words are not
    left alone on a page of their own."""
    _pdf_tools()
    out = tmp_path / "pack.pdf"
    argv = ["report", unit, "--period", "2026-Q3", "--format", "pdf", "--out", str(out)]
    code = main([*argv, "--root", str(ROOT), "--today", TODAY, "--internal"])
    assert code == 0, capsys.readouterr().err
    last = _pages(out)[-1]
    assert "Proposed agenda" in last and "1. Welcome" in last
    assert "Decisions, actions and the date of the next review" in last
    assert last.count("Internal: for IT") == 1
