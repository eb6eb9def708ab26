"""Property-based tests: whatever a record file holds, the check returns findings or
success, never an exception.

The default profile runs 150 cases per property; the documented fuzzing run
(README, "Fuzzing") uses ``--hypothesis-profile=fuzz`` for 10,000 cases per property.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Literal

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brm_build.check import check
from brm_build.findings import Severity
from brm_build.model.ids import ID_PATTERN
from brm_build.model.settings import Settings
from brm_build.quoting import hide_restricted
from brm_build.settings import CONFIG_FILE, load_config

from .conftest import ROOT, settings_for

TODAY = dt.date(2026, 11, 26)
_ID = re.compile(ID_PATTERN)
NO_SURROGATES: tuple[Literal["Cs"]] = ("Cs",)
"""Text of a file name or a record holds no lone surrogates: UTF-8 cannot encode them."""
_DATED = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*")
SEEDS = {
    "records/customers/finance.yaml": ROOT / "records/customers/finance.yaml",
    "records/customers/accounts-payable.yaml": ROOT / "records/customers/accounts-payable.yaml",
    "records/services/erp.yaml": ROOT / "records/services/erp.yaml",
}
TARGETS = [
    "records/customers/finance.yaml",
    "records/agreements/finance-erp-2026.yaml",
    "records/meetings/2026/2026-03-02-finance-review.md",
    "records/surveys/survey-2026-q1.yaml",
    "records/reports/finance-erp-2026.yaml",
    "records/feedback/2026/2026-03-02-slow-close.yaml",
    "records/projects/new-ledger.yaml",
    "records/services/erp.yaml",
]
HOSTILE = [
    "&a [1, 2]",
    "*a",
    "!!python/object/apply:os.system ['true']",
    "<<: {a: 1}",
    "---",
    "\t",
    "{",
    "}",
    "[",
    "]",
    ": ",
    "- ",
    "? ",
    "|",
    ">",
    "'",
    '"',
    "%YAML 1.1",
    "\x00",
    "\ufeff",
    "\r\n",
    "no",
    "on",
    "012",
    "1.10",
    "12:30",
    "2026-02-30",
    "~",
    "null",
    "é",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% raw %}",
    "[x](javascript:alert(1))",
    "...",
    "--- ",
    "----",
    "\r",
    "&a",
    "*a",
    "!ruby/object:Gem::Installer",
    "\u2028",
    "\x85",
]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    for rel, source in SEEDS.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, root / rel)
    return root


def _example_texts() -> list[str]:
    texts = []
    for kind in ("customers", "agreements", "surveys", "reports", "projects", "services"):
        texts.append(sorted((ROOT / "records" / kind).glob("*.yaml"))[0].read_text())
    texts.append(sorted((ROOT / "records/meetings").rglob("*.md"))[0].read_text())
    texts.append(sorted((ROOT / "records/feedback").rglob("*.yaml"))[0].read_text())
    return texts


EXAMPLES = _example_texts()


MEETINGS = [p.read_text() for p in sorted((ROOT / "records/meetings").rglob("*.md"))[:20]]
CONFIG = (ROOT / "brm.yaml").read_text()


@st.composite
def mutated(draw: st.DrawFn, texts: list[str] = EXAMPLES) -> str:
    """An example record with lines deleted, repeated, cut or spiked with hostile text."""
    lines = draw(st.sampled_from(texts)).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.integers(0, 4))
        if action == 0:
            del lines[i]
        elif action == 1:
            lines.insert(i, lines[i])
        elif action == 2:
            cut = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:cut] + "\n"
        elif action == 3:
            at = draw(st.integers(0, len(lines[i])))
            spike = draw(st.sampled_from(HOSTILE))
            lines[i] = lines[i][:at] + spike + lines[i][at:]
        else:
            lines[i] = draw(st.text(max_size=40)) + "\n"
    return "".join(lines)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.dates(),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


def _check_with(repo: Path, rel: str, content: bytes) -> None:
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    original = path.read_bytes() if path.exists() else None
    path.write_bytes(content)
    try:
        result = check(settings_for(repo, TODAY))
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)
    for f in result.findings:
        assert f.path and f.line >= 1 and f.column >= 1 and f.message
        assert f.severity in (Severity.ERROR, Severity.WARNING)


FUZZ = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)


@FUZZ
@given(text=mutated(), target=st.sampled_from(TARGETS))
def test_mutated_records_never_crash(repo: Path, text: str, target: str) -> None:
    _check_with(repo, target, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(
    data=st.dictionaries(st.text(max_size=16), values, max_size=8), target=st.sampled_from(TARGETS)
)
def test_generated_mappings_never_crash(repo: Path, data: dict[str, object], target: str) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    if target.endswith(".md"):
        text = f"---\n{text}---\nNotes.\n"
    _check_with(repo, target, text.encode("utf-8"))


@FUZZ
@given(raw=st.binary(max_size=300), target=st.sampled_from(TARGETS))
def test_arbitrary_bytes_never_crash(repo: Path, raw: bytes, target: str) -> None:
    _check_with(repo, target, raw)


@FUZZ
@given(text=mutated(MEETINGS))
def test_mutated_meetings_never_crash(repo: Path, text: str) -> None:
    _check_with(repo, TARGETS[2], text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(text=mutated([CONFIG]))
def test_mutated_settings_never_crash(repo: Path, text: str) -> None:
    """A mutated brm.yaml is read into settings or findings, and the check then runs."""
    path = repo / CONFIG_FILE
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        config, problems = load_config(str(repo))
        for f in problems:
            assert f.path == CONFIG_FILE and f.line >= 1 and f.column >= 1 and f.message
        if not problems:
            check(Settings(str(repo), TODAY, config))
    finally:
        path.unlink()


names = st.text(
    st.characters(blacklist_categories=NO_SURROGATES, blacklist_characters="/\x00"),
    min_size=1,
    max_size=40,
).filter(lambda n: n not in (".", "..") and len(n.encode()) < 200)


@FUZZ
@given(
    name=names,
    folder=st.sampled_from(["customers", "services", "meetings/2026", "meetings", "feedback/2026"]),
    source=st.sampled_from(list(SEEDS)),
)
def test_generated_file_names_never_crash(repo: Path, name: str, folder: str, source: str) -> None:
    """Any file name is a record with a valid id, or a finding; never a crash."""
    path = repo / "records" / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        return
    path.write_bytes((repo / source).read_bytes())
    try:
        result = check(settings_for(repo, TODAY))
    finally:
        path.unlink()
    for f in result.findings:
        assert f.path and f.line >= 1 and f.column >= 1 and f.message
    for kind_ids in result.repository.files.values():
        assert all(_ID.fullmatch(rid) or _DATED.fullmatch(rid) for rid in kind_ids)


secret_values = st.text(st.characters(blacklist_categories=NO_SURROGATES), min_size=1, max_size=30)


@FUZZ
@given(
    data=st.dictionaries(st.sampled_from(["name", "email", "title", "role"]), st.text(max_size=30)),
    phone=secret_values,
    nested=st.booleans(),
)
def test_no_restricted_line_is_ever_quoted(data: dict[str, str], phone: str, nested: bool) -> None:
    """Whatever the layout YAML gives a phone, every line that holds it is hidden."""
    marker = "SECRET" + phone
    person = {**data, "phone": marker}
    record = {"manager": person} if nested else {"contacts": [person, dict(data)]}
    text = yaml.safe_dump(record, allow_unicode=True, width=20)
    lines = text.splitlines()
    for line, shown in zip(lines, hide_restricted(lines), strict=True):
        if "SECRET" in line:
            assert shown is None, text
