"""A pack shows its unit's own data: no other unit is named, with or without --internal.
Every unit outside the pack's is renamed to a sentinel in a copy of the example records,
so that a sentinel in the pack is a name the pack took from another unit's record (the
unit's own meeting notes may still speak of others in their own words). A purchaser's
pack may name the customer above it only in the titles of the agreements it buys under."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from brm_build.analytics.tree import units_upwards
from brm_build.check import check
from brm_build.report import build_pack, parse_period, render_markdown

from ..conftest import ROOT, settings_for

SENTINEL = "OTHER-UNIT-SENTINEL"


def _renamed(tmp_path: Path, unit: str) -> Path:
    """The example records with every unit outside ``unit``'s own renamed."""
    root = tmp_path / "records-copy"
    shutil.copytree(ROOT / "records", root / "records")
    shutil.copy(ROOT / "brm.yaml", root / "brm.yaml")
    repo = check(settings_for(ROOT)).repository
    customers = {cid: e.record for cid, e in repo.customers.items()}
    for cid in customers:
        if unit not in units_upwards(cid, customers):
            path = root / "records" / "customers" / f"{cid}.yaml"
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"(?m)^name: .*$", f"name: {SENTINEL} {cid}", text, count=1))
    return root


@pytest.mark.parametrize("internal", [False, True])
@pytest.mark.parametrize("unit", ["finance", "payroll", "manufacturing", "plant-north"])
def test_a_pack_names_no_other_unit(unit: str, internal: bool, tmp_path: Path) -> None:
    settings = settings_for(_renamed(tmp_path, unit))
    repo = check(settings).repository
    span = parse_period("2026")
    assert span is not None
    text = render_markdown(build_pack(repo, settings, unit, span, internal=internal))
    assert "Covers the" in text
    customers = {cid: e.record for cid, e in repo.customers.items()}
    above = set(units_upwards(unit, customers)) - {unit}
    for agreement in repo.agreements.values():
        if agreement.record.customer in above:
            text = text.replace(agreement.record.title, "")
    assert SENTINEL not in text
    assert text.count("Internal: for IT") == (2 if internal else 0)
