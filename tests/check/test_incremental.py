"""A cached ``brm check`` reports byte for byte what a clean one reports, in text and in
JSON, after any sequence of edits, additions, deletions, renames, reverts and commits,
and after a change that breaks a reference in files that did not change."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from brm_build.cache import SHARDS, shard_file
from brm_build.cli import main

from ..conftest import ROOT

TODAY = "2026-11-26"
REFERRED = ("records/customers/finance.yaml", "records/services/erp.yaml")
"""Records that many others refer to: deleting or renaming one breaks references in files
that did not change."""

Step = tuple[str, int, int]
"""What to do, to which file (an index into the files there are), and how."""

STEPS = st.tuples(
    st.sampled_from(("edit", "add", "delete", "rename", "revert", "break", "commit")),
    st.integers(0, 10_000),
    st.integers(0, 4),
)


def _git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(root)}
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args]
    subprocess.run([*command], cwd=root, env=env, check=True, capture_output=True)


@contextlib.contextmanager
def _repository() -> Iterator[Path]:
    """A committed copy of the example records, with a cache of its own."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "repo"
        shutil.copytree(ROOT / "records", root / "records")
        shutil.copy(ROOT / "brm.yaml", root / "brm.yaml")
        (root / ".gitignore").write_text(".brm-cache/\n", encoding="utf-8")
        _git(root, "init", "-q")
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "--no-gpg-sign", "-m", "The example")
        yield root


def _edited(text: str, markdown: bool, how: int, n: int) -> str:
    """``text`` changed one of five ways: a harmless line, an unknown field, something
    that looks like a secret, YAML that does not parse, or an id it names."""
    if how == 0:
        return text + (f"\nEdited, step {n}.\n" if markdown else f"# edited, step {n}\n")
    if how == 1:
        field = f"bogus_field_{n}: 1\n"
        return text.replace("---\n", "---\n" + field, 1) if markdown else text + field
    if how == 2:
        return text + "\napi_key = hunter2222hunter\n"
    if how == 3:
        return text.replace("\n", "\n: [\n", 1)
    return text.replace("finance", "financa", 1)  # a reference that may now name nothing


def _apply(root: Path, step: Step, n: int, originals: dict[str, bytes]) -> None:
    """Do one step of an edit sequence to the files under ``root``."""
    action, pick, how = step
    files = sorted(str(p.relative_to(root)) for p in (root / "records").rglob("*.*"))
    rel = files[pick % len(files)]
    path = root / rel
    if action == "edit":
        text = path.read_text(encoding="utf-8")
        path.write_text(_edited(text, rel.endswith(".md"), how, n), encoding="utf-8")
    elif action == "add":
        shutil.copy(path, path.with_name(f"{path.stem}-copy{n}{path.suffix}"))
    elif action == "delete":
        path.unlink()
    elif action == "rename":
        path.rename(path.with_name(f"{path.stem}-moved{n}{path.suffix}"))
    elif action == "revert":
        rel = sorted(originals)[pick % len(originals)]
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(originals[rel])
    elif action == "break":
        referred = root / REFERRED[how % len(REFERRED)]
        if referred.exists():
            referred.rename(referred.with_name(f"{referred.stem}-gone{n}.yaml"))
    else:
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "--allow-empty", "--no-gpg-sign", "-m", f"Step {n}")


def _run(root: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["check", "--root", str(root), "--today", TODAY, *args])
    return code, out.getvalue()


@settings(max_examples=8, deadline=None)
@given(steps=st.lists(STEPS, min_size=1, max_size=4))
def test_a_cached_check_after_any_edits_equals_a_clean_one(steps: list[Step]) -> None:
    with _repository() as root, tempfile.TemporaryDirectory() as user_cache:
        environ = dict(os.environ)
        os.environ.update(XDG_CACHE_HOME=user_cache, CI="true")
        try:
            originals = {
                str(p.relative_to(root)): p.read_bytes() for p in (root / "records").rglob("*.*")
            }
            assert _run(root) == _run(root, "--no-cache")  # fills the cache
            assert (root / ".brm-cache" / "check" / shard_file(SHARDS[0])).is_file()
            for n, step in enumerate(steps):
                _apply(root, step, n, originals)
                for fmt in (("--format", "json"), ()):
                    assert _run(root, *fmt) == _run(root, "--no-cache", *fmt), (n, step)
        finally:
            os.environ.clear()
            os.environ.update(environ)
