"""The reference check kept per file finds what a clean check finds when ids come and go
in files that did not change: a reference now broken, one now resolved, a nearer id to
suggest; and it reads again only the files that need it."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from brm_build.cache import FileCache
from brm_build.check import check, check_findings
from brm_build.check.index import plan_index
from brm_build.checks import FILE_CHECKS
from brm_build.model.settings import CacheSettings, Settings
from brm_build.repository import scan

from ..conftest import copy_example, settings_for

AGREEMENT = "records/agreements/finance-erp-2025.yaml"
CUSTOMERS = "records/customers"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_example(tmp_path)


def _cached(root: Path) -> Settings:
    place = CacheSettings(str(root / ".brm-cache" / "check"), str(root.parent / "key"))
    return dataclasses.replace(settings_for(root), cache=place)


def _messages(root: Path) -> list[str]:
    """The reference findings of a cached check, once they equal a clean check's."""
    cached = check_findings(_cached(root)).findings
    assert cached == check(settings_for(root)).findings
    return [f.message for f in cached if f.code == "ref-unknown"]


def _to_read(root: Path) -> set[str]:
    settings = _cached(root)
    cache = FileCache.open(settings, FILE_CHECKS)
    planned = plan_index(scan(settings, cache)[0], cache)
    assert planned is not None
    return planned.todo


def _customer(root: Path, cid: str) -> None:
    shutil.copy(root / CUSTOMERS / "finance.yaml", root / CUSTOMERS / f"{cid}.yaml")


def test_ids_that_come_and_go_are_judged_again_in_unchanged_files(root: Path) -> None:
    path = root / AGREEMENT
    path.write_text(path.read_text().replace("customer: finance\n", "customer: financa\n", 1))
    assert _messages(root) == [
        "unknown customer 'financa': there is no records/customers/financa.yaml; "
        "did you mean 'finance'?"
    ]
    assert _to_read(root) == set()
    _customer(root, "financa2")  # a nearer id to suggest
    assert _to_read(root) == {AGREEMENT, f"{CUSTOMERS}/financa2.yaml"}
    assert _messages(root) == [
        "unknown customer 'financa': there is no records/customers/financa.yaml; "
        "did you mean 'financa2'?"
    ]
    _customer(root, "financa")  # now resolved
    assert _messages(root) == []
    (root / CUSTOMERS / "financa.yaml").rename(root / CUSTOMERS / "financa-gone.yaml")
    assert len(_messages(root)) == 1  # broken again, in a file that did not change
    (root / CUSTOMERS / "finance.yaml").unlink()  # many unchanged files named it
    assert len(_messages(root)) > 5
    assert _to_read(root) == set()
