"""``brm init``: a new records repository checks clean with every kind of record, its
files follow the options, and a folder that is not empty is never written into."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from brm_build.check import check
from brm_build.cli import main
from brm_build.model import KIND_BY_FOLDER, KINDS
from brm_build.model.settings import BrmConfig
from brm_build.settings import load_config
from brm_build.starter import CI_FILES, CI_TEMPLATES, StarterPlan, starter_files
from brm_build.starter.settings_file import editor_settings

from .conftest import ROOT, settings_for
from .installed.site import site_problems
from .readme import START, follow_the_readme, shell_commands

TODAY = dt.date(2027, 1, 15)


def brm(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def init(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    return brm(capsys, "init", str(folder), "--today", TODAY.isoformat(), *args)


def test_a_new_repository_checks_clean_with_every_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "records-repo"
    code, out, err = init(capsys, root, "--organisation", "Acme Group")
    assert (code, err) == (0, "")
    assert out.startswith(
        f"wrote a records repository for Acme Group into {root} (27 files, 9 example records)"
    )
    result = check(settings_for(root, TODAY))
    assert (result.files, result.findings) == (9, [])
    kinds = {KIND_BY_FOLDER[p.relative_to(root).parts[1]] for p in root.glob("records/*/**/*.*")}
    assert kinds == set(KINDS)
    roles = {yaml.safe_load(p.read_text())["role"] for p in root.glob("records/customers/*")}
    assert roles == {"customer", "purchaser"}
    # a month later the examples still pass; only the reminders that time brings appear
    later = check(settings_for(root, TODAY + dt.timedelta(days=35)))
    assert later.errors == 0
    assert {f.code for f in later.findings} <= {"action-overdue"}
    assert brm(capsys, "codeowners", "--root", str(root), "--check")[0] == 0
    assert brm(capsys, "schemas", "--check", "--out", str(root / "schemas"))[0] == 0


def test_what_a_new_repository_holds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "new"
    assert init(capsys, root, "--organisation", "Acme: Group")[0] == 0
    made = files_in(root)
    assert {".gitignore", ".vscode/settings.json", "brm.yaml", "CODEOWNERS", "README.md"} <= set(
        made
    )
    assert made[".gitignore"] == b".brm-cache/\nsite/\n"
    config, problems = load_config(str(root))
    assert problems == []
    assert (config.organisation, config.site_title) == (
        "Acme: Group",
        "Acme: Group IT customer directory",
    )
    assert b"# Records of Acme: Group" in made["README.md"]
    readme = made["README.md"].decode()
    for path in (p for p in made if p.startswith("records/")):
        assert path in readme, f"the README tells to delete {path}"
    assert (
        made[".github/workflows/records.yml"] == (CI_TEMPLATES / "github-actions.yml").read_bytes()
    )
    for kind in KINDS:
        assert (root / "records" / kind.folder).is_dir()


def test_every_setting_is_in_brm_yaml_with_its_default(tmp_path: Path) -> None:
    text = starter_files(StarterPlan("Acme", "none", True, TODAY))["brm.yaml"]

    def keys(model: type[BaseModel], prefix: str = "") -> list[str]:
        found = []
        for name, info in model.model_fields.items():
            found.append(prefix + name)
            if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel):
                found += keys(info.annotation, prefix + "  ")
        return found

    lines = [re.sub(r"^(\s*)# ", r"\1", line) for line in text.splitlines()]
    for key in keys(BrmConfig):
        assert any(line.startswith(f"{key}:") for line in lines), key
    uncommented = "\n".join(line.partition("#")[0] for line in text.splitlines())
    defaults = BrmConfig().model_dump()
    written = yaml.safe_load(uncommented)
    for section in ("thresholds", "limits"):
        assert written[section] == defaults[section]
    assert text.count("\n# ") + text.count("  # ") >= 15, "every setting is explained"


def test_this_repository_has_the_editor_settings_init_writes() -> None:
    assert (ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8") == editor_settings()
    schemas = json.loads(editor_settings())["yaml.schemas"]
    assert len(schemas) == sum(1 for kind in KINDS if kind.extension == ".yaml") + 1
    assert schemas["./schemas/import-mapping.schema.json"] == ["imports/*.yaml"]


@pytest.mark.parametrize("ci", ["github", "gitlab", "none"])
def test_the_ci_files_follow_the_option(
    ci: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / ci
    assert init(capsys, root, "--ci", ci)[0] == 0
    made = files_in(root)
    ci_files = {p for p in made if p.startswith((".github/", ".gitlab", ".pre-commit"))}
    assert ci_files == set(CI_FILES[ci])
    for path, template in CI_FILES[ci].items():
        assert made[path] == (CI_TEMPLATES / template).read_bytes()
    readme = made["README.md"].decode()
    said = {"github": "`.github/workflows/records.yml` installs brm from `BRM_PACKAGE`",
            "gitlab": "`.gitlab-ci.yml` installs brm from `BRM_PACKAGE`",
            "none": "There are no CI files yet"}  # fmt: skip
    assert said[ci] in readme


def test_empty_has_the_folders_and_no_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "empty"
    code, out, _ = init(capsys, root, "--empty")
    assert code == 0 and "0 example records" in out
    assert not [p for p in (root / "records").rglob("*") if p.is_file()]
    assert sorted(p.name for p in (root / "records").iterdir()) == sorted(k.folder for k in KINDS)
    assert check(settings_for(root, TODAY)).findings == []
    assert "git keeps no empty folder" in (root / "README.md").read_text(encoding="utf-8")


def test_a_folder_that_is_not_empty_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "used"
    root.mkdir()
    (root / "notes.txt").write_text("keep me\n", encoding="utf-8")
    code, out, err = init(capsys, root)
    assert (code, out) == (2, "")
    assert err == (
        f"brm: {root} is not empty (1 entries): brm init writes only into a new or empty "
        "folder, so that nothing there is overwritten\n"
    )
    assert files_in(root) == {"notes.txt": b"keep me\n"}
    # the same folder named another way, and a file, are refused too
    assert init(capsys, root / "sub" / "..")[0] == 2
    assert not (root / "sub").exists() and files_in(root) == {"notes.txt": b"keep me\n"}
    code, _, err = init(capsys, root / "notes.txt")
    assert (code, err) == (2, f"brm: {root / 'notes.txt'} is a file: name a new or empty "
                              "folder for the records\n")  # fmt: skip
    code, _, err = brm(capsys, "init", "")
    assert code == 2 and "name a folder" in err


def test_an_empty_folder_is_taken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "here").mkdir()
    assert init(capsys, tmp_path / "here")[0] == 0
    assert (tmp_path / "here" / "brm.yaml").is_file()


def test_an_organisation_name_must_be_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = init(capsys, tmp_path / "x", "--organisation", "Acme\nGroup")
    assert (code, err) == (2, "brm: --organisation needs a name on one line\n")
    assert not (tmp_path / "x").exists()


def test_the_readme_start_is_followed_literally(tmp_path: Path) -> None:
    commands = shell_commands(START)
    assert [c.split()[:2] for c in commands if c.startswith("brm")] == [
        ["brm", "init"],
        ["brm", "check"],
        ["brm", "build"],
    ]
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_STEP_SUMMARY")}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    root = follow_the_readme(tmp_path, env)
    problems = site_problems(root / "site", root)
    assert not problems, "\n".join(problems)


def test_the_examples_go_as_the_new_readme_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "new"
    assert init(capsys, root)[0] == 0
    readme = (root / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"^```sh\n(rm .*?)^```$", readme, re.S | re.M)
    done = subprocess.run(["bash", "-euc", block], cwd=root, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert not [p for p in (root / "records").rglob("*") if p.is_file()]
    assert [f.code for f in check(settings_for(root, TODAY)).findings] == ["codeowners-outdated"]
    assert brm(capsys, "codeowners", "--root", str(root))[0] == 0
    assert check(settings_for(root, TODAY)).findings == []
