"""The rules of what brm trusts on disk: tracked by git, reached through a link, inside."""

from __future__ import annotations

import os
from pathlib import Path

from brm_build.trust import cache_problem, checkout, inside, linked, tracked

from .hostile.conftest import git


def _repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "records").mkdir(parents=True)
    (root / "records" / "a.yaml").write_text("name: A\n")
    git(root, "init", "--quiet")
    return root


def test_tracked_is_what_git_holds_in_a_folder_or_file(tmp_path: Path) -> None:
    root = _repository(tmp_path)
    (root / ".brm-cache" / "check").mkdir(parents=True)
    (root / ".brm-cache" / "check" / "run.txt").write_text("x")
    assert not tracked(str(root), str(root / ".brm-cache"))
    git(root, "add", "--force", ".brm-cache")
    assert tracked(str(root), str(root / ".brm-cache"))
    assert tracked(str(root), str(root / ".brm-cache" / "check" / "run.txt"))
    assert not tracked(str(root), str(root / "records"))
    assert not tracked(str(root), str(tmp_path))
    assert not tracked(str(tmp_path), str(tmp_path / "anything"))  # no git here


def test_a_name_with_glob_characters_is_taken_literally(tmp_path: Path) -> None:
    root = _repository(tmp_path)
    git(root, "add", "records")
    assert not tracked(str(root), str(root / "rec*"))


def test_linked_sees_a_link_anywhere_below_the_root(tmp_path: Path) -> None:
    root = _repository(tmp_path)
    os.symlink(tmp_path, root / ".brm-cache")
    assert linked(str(root), str(root / ".brm-cache" / "check"))
    assert not linked(str(root), str(root / "records" / "a.yaml"))
    assert not linked(str(root), str(root / "missing" / "deeper"))


def test_inside_resolves_links(tmp_path: Path) -> None:
    root = _repository(tmp_path)
    os.symlink(root, tmp_path / "alias")
    assert inside(str(root), str(tmp_path / "alias" / ".cache" / "brm" / "cache.key"))
    assert not inside(str(root), str(tmp_path / "repo-other" / "key"))
    assert checkout(str(root / "records")) == os.path.realpath(root)


def test_the_cache_is_off_for_a_key_inside_or_a_committed_or_linked_folder(
    tmp_path: Path,
) -> None:
    root = _repository(tmp_path)
    cache, key = root / ".brm-cache", tmp_path / "home" / "brm" / "cache.key"
    assert cache_problem(str(root), str(cache), str(key)) is None
    problem = cache_problem(str(root), str(cache), str(root / ".cache" / "brm" / "cache.key"))
    assert problem and "inside the repository" in problem
    cache.mkdir()
    (cache / "run.txt").write_text("x")
    git(root, "add", "--force", ".brm-cache")
    assert "committed" in (cache_problem(str(root), str(cache), str(key)) or "")
    git(root, "rm", "--quiet", "--cached", "-r", ".brm-cache")
    cache.rename(tmp_path / "elsewhere")
    os.symlink(tmp_path / "elsewhere", cache)
    assert "symbolic link" in (cache_problem(str(root), str(cache), str(key)) or "")
