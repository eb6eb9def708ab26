"""The file system as an attacker shapes it: symbolic links are findings and never
followed, odd names and places are findings, and no two records, pages or charts can
share a name, even on a file system that ignores case.

Links and case-colliding names are made at test time: git on some systems cannot hold them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from brm_build.analytics.stats import compute_stats
from brm_build.charts import build_charts
from brm_build.check import check
from brm_build.model.settings import Settings
from brm_build.repository import load_repository

from ..casebuilder import TODAY, build, codes
from ..conftest import settings_for

OUTSIDE = "OUTSIDE-SENTINEL-7d1f"
SERVICE = (
    "name: Linked\ndescription: {text}\nowner:\n  name: Ola Owner\n"
    "  email: ola@meridian.example\nstatus: live\n"
)


def _loaded_texts(root: Path) -> str:
    """Every value of every record that loaded, as one text."""
    repository, _ = load_repository(Settings(str(root), TODAY))
    return " ".join(
        entry.record.model_dump_json()
        for kind in ("customers", "services", "projects", "meetings")
        for entry in getattr(repository, kind).values()
    )


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """Records outside the repository that links point to."""
    folder = tmp_path / "outside"
    (folder / "projects").mkdir(parents=True)
    (folder / "secret.yaml").write_text(SERVICE.format(text=OUTSIDE))
    (folder / "projects" / "far.yaml").write_text(SERVICE.format(text=OUTSIDE))
    return folder


def test_links_are_findings_and_never_followed(tmp_path: Path, outside: Path) -> None:
    root = build(tmp_path / "repo", {})
    records = root / "records"
    os.symlink(outside / "secret.yaml", records / "services" / "file-link.yaml")
    os.symlink(outside / "projects", records / "services" / "folder-link")
    os.symlink(outside / "projects", records / "projects")
    os.symlink(outside / "projects", records / "meetings" / "2025")
    os.symlink("loop.yaml", records / "services" / "loop.yaml")
    os.symlink(outside / "missing.yaml", records / "services" / "dangling.yaml")
    finance = records / "customers" / "finance.yaml"
    (outside / "finance.yaml").write_bytes(finance.read_bytes())
    finance.unlink()
    os.symlink(outside / "finance.yaml", finance)

    result = check(settings_for(root, TODAY))
    links = sorted(path for code, path, _ in codes(result) if code == "file-symlink")
    assert links == [
        "records/customers/finance.yaml",
        "records/meetings/2025",
        "records/projects",
        "records/services/dangling.yaml",
        "records/services/file-link.yaml",
        "records/services/folder-link",
        "records/services/loop.yaml",
    ]
    assert "finance" not in result.repository.customers
    assert OUTSIDE not in _loaded_texts(root)
    assert all(OUTSIDE not in f.message for f in result.findings)


def test_a_linked_records_folder_is_a_finding_and_never_read(tmp_path: Path, outside: Path) -> None:
    shutil.copytree(build(tmp_path / "real", {}) / "records", outside / "records")
    root = tmp_path / "repo"
    root.mkdir()
    os.symlink(outside / "records", root / "records")
    result = check(settings_for(root, TODAY))
    assert codes(result) == [("file-symlink", "records/", "")]
    assert result.files == 0


ODD_NAMES = {
    "records/customers/Finance Team.yaml": "id-invalid",
    "records/customers/FINANCE.yaml": "id-invalid",
    "records/customers/kundé.yaml": "id-invalid",
    "records/customers/fin.ance.yaml": "id-invalid",
    "records/customers/.hidden.yaml": "id-invalid",
    "records/customers/finance.yaml.bak": "file-extension",
    "records/customers/finance.YAML": "file-extension",
    "records/customers/finance.yml": "file-extension",
    "records/customers/finance": "file-extension",
    "records/customers/ finance.yaml": "id-invalid",
    "records/customers/finance-.yaml": "id-invalid",
    "records/customers/" + "a" * 65 + ".yaml": "id-invalid",
    "records/meetings/2026/2026-05-20-Finance-Review.md": "id-invalid",
    "records/meetings/2026-05-21-loose.md": "file-location",
    "records/meetings/2025/2026-05-22-wrong-year.md": "file-location",
    "records/feedback/2026/2026-05-23-x.yml": "file-extension",
    "records/README.md": "file-unknown",
    "records/Customers/finance.yaml": "file-unknown",
    "records/customers/notes/finance.yaml": "file-location",
}
"""Files named or placed as no record may be, and the finding each gets."""
REPORTED = {
    "records/Customers/finance.yaml": "records/Customers",
    "records/customers/notes/finance.yaml": "records/customers/notes",
}
"""A file in a folder of the wrong name or place: the folder is the finding."""


def test_odd_names_and_places_are_findings_and_nothing_is_loaded_from_them(
    tmp_path: Path,
) -> None:
    body = (build(tmp_path / "base", {}) / "records/customers/finance.yaml").read_text()
    root = build(tmp_path / "repo", dict.fromkeys(ODD_NAMES, body))
    result = check(settings_for(root, TODAY))
    found = {(path.rstrip("/"), code) for code, path, _ in codes(result)}
    expected = {(REPORTED.get(rel, rel), code) for rel, code in ODD_NAMES.items()}
    assert found == expected
    assert sorted(result.repository.customers) == ["finance"]


def test_ids_that_differ_only_in_case_cannot_both_be_records(tmp_path: Path) -> None:
    """Ids are lower case by the records format, so that two records never clash on a
    file system that ignores case, in the site's page names or in links."""
    base = build(tmp_path / "base", {})
    meeting = "records/meetings/2026/2026-05-20-finance-review.md"
    root = build(
        tmp_path / "repo",
        {
            "records/customers/FINANCE.yaml": (base / "records/customers/finance.yaml").read_text(),
            meeting.replace("finance-review", "Finance-Review"): (base / meeting).read_text(),
        },
    )
    result = check(settings_for(root, TODAY))
    assert [(c, p) for c, p, _ in codes(result) if c == "id-invalid"] == [
        ("id-invalid", "records/customers/FINANCE.yaml"),
        ("id-invalid", meeting.replace("finance-review", "Finance-Review")),
    ]
    ids = [rid for kind in ("customer", "meeting") for rid in result.repository.files[kind]]
    assert all(rid == rid.lower() for rid in ids)
    assert len({rid.casefold() for rid in ids}) == len(ids)


AGREEMENT = """\
title: {title}
customer: finance
services: [erp]
status: active
valid_from: 2026-01-01
service_levels:
  - id: {level}
    metric: Availability
    target: 99
    unit: percent
    direction: at_least
"""
REPORT = "agreement: {aid}\nmeasurements:\n  - period: 2026-03\n    results: {{{level}: {value}}}\n"


def test_charts_of_ids_that_read_alike_never_share_a_file(tmp_path: Path) -> None:
    """Agreement ``a`` with level ``b-c`` and ``a-b`` with ``c``, and an agreement named
    like the overview chart: each chart keeps a file of its own."""
    pairs = {"a": "b-c", "a-b": "c", "attainment": "by-customer"}
    files = {}
    for value, (aid, level) in enumerate(pairs.items(), 90):
        files[f"records/agreements/{aid}.yaml"] = AGREEMENT.format(title=aid, level=level)
        files[f"records/reports/{aid}.yaml"] = REPORT.format(aid=aid, level=level, value=value)
    root = build(tmp_path / "repo", files)
    settings = settings_for(root, TODAY)
    result = check(settings)
    assert result.errors == 0, result.findings
    names = [chart.name for chart in build_charts(compute_stats(result.repository, settings))]
    assert len([name for name in names if name.startswith("sl-")]) == len(pairs) + 1
    assert len(names) == len(set(names))
    assert len({name.casefold() for name in names}) == len(names)
