"""The review pack of the hostile organisation: no restricted value in the pack a
customer sees, every one of the unit's restricted values in the internal pack, which says
so; hostile text is shown as text."""

from __future__ import annotations

from pathlib import Path

import pytest

from brm_build.cli import main

from .test_restricted_outputs import leaks

TODAY = "2026-11-26"


def _pack(organisation: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    argv = ["report", "index", "--period", "2026", "--root", str(organisation), "--today", TODAY]
    code = main([*argv, *extra])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out + err


def test_the_customer_pack_holds_no_restricted_value(
    organisation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _pack(organisation, capsys)
    assert "Covers the customer" in text
    assert leaks(text) == []
    assert "Internal" not in text


def test_the_internal_pack_holds_them_and_says_so(
    organisation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _pack(organisation, capsys, "--internal")
    found = " ".join(leaks(text))
    for sentinel in (
        "7,319,428,658",
        "4,826,153,908",
        "PHONE-SENTINEL",
        "5E7D",
        "COMMENT-SENTINEL",
    ):
        assert sentinel in found, sentinel
    assert text.count("Internal: for IT") == 2


def test_hostile_text_stays_text(organisation: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _pack(organisation, capsys)
    assert "<script>" not in text
    assert "\n# heading from a value" not in text


def test_the_html_pack_holds_no_restricted_value_nor_markup_from_a_value(
    organisation: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "pack.html"
    _pack(organisation, capsys, "--format", "html", "--out", str(out))
    page = out.read_text(encoding="utf-8")
    assert leaks(page) == []
    assert "<script" not in page and "onerror=" not in page.replace("onerror=&#34;", "")
