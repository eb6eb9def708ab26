"""The CI files, hooks and editor settings shipped for records repositories: valid, and
every ``brm`` command they run exists with options that exist."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from brm_build.check import check
from brm_build.check.reporters import render_gitlab
from brm_build.cli import _parser, main
from brm_build.model import KINDS
from brm_build.model.settings import Settings

from .conftest import CASES, ROOT, settings_for

GITHUB = ROOT / ".github" / "workflows" / "records.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
TEMPLATES = ROOT / "brm_build" / "ci_templates"
FILES = [
    GITHUB,
    GITLAB,
    HOOKS,
    TEMPLATES / "github-actions.yml",
    TEMPLATES / "gitlab-ci.yml",
    TEMPLATES / "pre-commit-config.yaml",
]
_BRM = re.compile(r"(?:^|[\s;&|(])brm\s+([^\n;&|>]*)")


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def scripts(document: Any) -> Iterator[str]:
    """Every shell script of a workflow, pipeline or hook list."""
    if isinstance(document, dict):
        for key, value in document.items():
            if key in ("run", "entry") and isinstance(value, str):
                yield value
            elif key in ("script", "before_script") and isinstance(value, list):
                yield from (line for line in value if isinstance(line, str))
            else:
                yield from scripts(value)
    elif isinstance(document, list):
        for item in document:
            yield from scripts(item)


def brm_commands(path: Path) -> list[list[str]]:
    """The arguments of every ``brm`` command that the file runs."""
    return [
        shlex.split(match.group(1))
        for script in scripts(load(path))
        for match in _BRM.finditer(script)
    ]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_files_are_valid_yaml(path: Path) -> None:
    assert load(path)


@pytest.mark.parametrize("path", [GITHUB, GITLAB, HOOKS], ids=lambda p: str(p.relative_to(ROOT)))
def test_every_brm_command_parses(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commands = brm_commands(path)
    assert commands, "the file runs brm"
    for args in commands:
        try:
            _parser().parse_args(args)
        except SystemExit:
            pytest.fail(f"{path.name}: 'brm {shlex.join(args)}' does not parse")
        assert main([args[0], "--help"]) == 0
        assert "usage: brm" in capsys.readouterr().out


def test_the_scan_finds_each_command() -> None:
    assert brm_commands(GITHUB) == [
        ["check", "--format", "github"],
        ["diff", "HEAD^1", "HEAD", "--format", "markdown"],
        ["build", "--out", "site"],
        ["attention", "--format", "json"],
        ["issues", "attention.json", "--host", "github"],
    ]
    assert brm_commands(GITLAB) == [
        ["check", "--format", "gitlab"],
        ["check"],
        ["diff", "$CI_MERGE_REQUEST_DIFF_BASE_SHA", "HEAD", "--format", "markdown"],
        ["build", "--out", "public"],
        ["attention", "--format", "json"],
        ["issues", "attention.json", "--host", "gitlab"],
    ]
    assert brm_commands(HOOKS) == [["check"], ["codeowners", "--check"]]


def test_a_wrong_option_would_be_caught() -> None:
    with pytest.raises(SystemExit):
        _parser().parse_args(["diff", "main", "--format", "html"])


def test_github_workflow_checks_summarises_and_publishes() -> None:
    workflow = load(GITHUB)
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert set(triggers) == {"push", "pull_request", "schedule", "workflow_dispatch"}
    jobs = workflow["jobs"]
    assert "if" not in jobs["check"]
    assert jobs["changes"]["if"] == "github.event_name == 'pull_request'"
    assert jobs["changes"]["permissions"]["pull-requests"] == "write"
    assert "refs/heads/main" in jobs["site"]["if"]
    assert "github.event_name != 'pull_request'" in jobs["site"]["if"]
    uses = [step.get("uses", "") for job in jobs.values() for step in job["steps"]]
    assert "actions/upload-pages-artifact@v3" in uses and "actions/deploy-pages@v4" in uses
    runs = [step.get("run", "") for job in jobs.values() for step in job["steps"]]
    # The check and the summary install brm alone; only the build adds the site extra.
    installs = {
        name: [s["run"] for s in job["steps"] if "pip install" in s.get("run", "")]
        for name, job in jobs.items()
        if name != "deploy"
    }
    assert installs == {
        "check": ["pip install ."],
        "changes": ["pip install ."],
        "site": ['pip install . "brm-build[site]"'],
        "issues": ["pip install ."],
    }
    assert any("GITHUB_STEP_SUMMARY" in run for run in runs)
    for job in ("check", "site"):
        (cache,) = [s for s in jobs[job]["steps"] if s.get("uses", "").startswith("actions/cache")]
        assert cache["with"]["path"].split() == [".brm-cache", "~/.cache/brm"]
        names = [s.get("name", "") for s in jobs[job]["steps"]]
        assert names.index(cache["name"]) < max(i for i, n in enumerate(names) if "brm " in n)


def test_gitlab_pipeline_reports_code_quality_and_publishes() -> None:
    pipeline = load(GITLAB)
    assert pipeline["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert (
        "brm check --format gitlab > gl-code-quality-report.json || true"
        in (pipeline["check"]["script"])
    )
    assert pipeline["pages"]["artifacts"]["paths"] == ["public"]
    assert pipeline["default"]["before_script"][-1] == "pip install --quiet ."
    builders = [name for name, job in pipeline.items() if "brm build" in str(job)]
    assert builders == ["pages"]
    assert pipeline["pages"]["before_script"] == ['pip install --quiet . "brm-build[site]"']
    # GitLab caches only files in the checkout, where brm's signing key must never be.
    assert "cache" not in pipeline["default"]
    assert not any("XDG_CACHE_HOME" in line for line in pipeline["default"]["before_script"])


@pytest.mark.parametrize(
    "path", [GITHUB, TEMPLATES / "github-actions.yml"], ids=["own", "template"]
)
def test_github_rebuilds_the_site_every_night(path: Path) -> None:
    workflow = load(path)
    (schedule,) = workflow[True]["schedule"]
    minute, hour, *every = schedule["cron"].split()
    assert every == ["*", "*", "*"] and 0 <= int(minute) < 60 and 0 <= int(hour) < 24
    site = workflow["jobs"]["site"]
    # the nightly run (on the default branch) builds and publishes; brm build takes the
    # run's date as today
    assert "github.event_name != 'pull_request'" in site["if"]
    assert workflow["jobs"]["deploy"]["needs"] == "site"
    (build,) = [s["run"] for s in site["steps"] if "brm build" in s.get("run", "")]
    assert "--today" not in build


@pytest.mark.parametrize(
    "path", [GITHUB, TEMPLATES / "github-actions.yml"], ids=["own", "template"]
)
def test_github_issues_are_opt_in_with_the_jobs_own_token(path: Path) -> None:
    job = load(path)["jobs"]["issues"]
    assert "vars.BRM_ISSUES == 'true'" in job["if"]
    assert "github.event_name != 'pull_request'" in job["if"]
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    (step,) = [s for s in job["steps"] if "brm issues" in s.get("run", "")]
    assert step["env"] == {"GITHUB_TOKEN": "${{ github.token }}"}
    assert "secrets." not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [GITLAB, TEMPLATES / "gitlab-ci.yml"], ids=["own", "template"])
def test_gitlab_publishes_and_syncs_issues_on_the_default_branch(path: Path) -> None:
    pipeline = load(path)
    # a pipeline schedule runs on a branch: the workflow admits it, and pages runs in it
    assert {"if": "$CI_COMMIT_BRANCH"} in pipeline["workflow"]["rules"]
    assert pipeline["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    issues = pipeline["issues"]
    assert issues["rules"] == [
        {"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $BRM_ISSUES_TOKEN"}
    ]
    assert issues["script"] == [
        "brm attention --format json > attention.json",
        "brm issues attention.json --host gitlab",
    ]
    assert "schedule" in path.read_text(encoding="utf-8").split("workflow:")[0]


def _without_install(value: Any) -> Any:
    """A template with its install source made the same as this repository's."""
    if isinstance(value, dict):
        return {
            k: _without_install(v)
            for k, v in value.items()
            if k not in ("env", "variables") or "BRM_PACKAGE" not in v
        }
    if isinstance(value, list):
        return [_without_install(item) for item in value]
    if isinstance(value, str):
        return value.replace('"$BRM_PACKAGE"', ".")
    return value


@pytest.mark.parametrize(
    ("template", "own"),
    [(TEMPLATES / "github-actions.yml", GITHUB), (TEMPLATES / "gitlab-ci.yml", GITLAB)],
    ids=["github", "gitlab"],
)
def test_templates_are_the_files_this_repository_runs(template: Path, own: Path) -> None:
    assert "BRM_PACKAGE" in template.read_text(encoding="utf-8")
    assert _without_install(load(template)) == load(own)


def test_pre_commit_template_uses_the_hooks_defined_here() -> None:
    hooks = {hook["id"] for hook in load(HOOKS)}
    used = {
        hook["id"]
        for repo in load(TEMPLATES / "pre-commit-config.yaml")["repos"]
        for hook in repo["hooks"]
    }
    assert used == hooks == {"brm-check", "brm-codeowners"}


# Editors


def test_vscode_maps_every_yaml_kind_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    expected = {
        f"./schemas/{k.schema_file}": [
            f"records/{k.folder}/*/*.yaml" if k.dated else f"records/{k.folder}/*.yaml"
        ]
        for k in KINDS
        if k.extension == ".yaml"
    }
    expected["./schemas/import-mapping.schema.json"] = ["imports/*.yaml"]
    assert settings["yaml.schemas"] == expected
    for schema, globs in expected.items():
        assert (ROOT / schema).is_file()
        assert list(ROOT.glob(globs[0])), f"{globs[0]} matches the example records"


# GitLab Code Quality


def test_gitlab_report_has_the_fields_gitlab_reads(example_settings: Settings) -> None:
    case = CASES / "invalid" / "schema-enum"
    result = check(settings_for(case))
    issues = json.loads(render_gitlab(result))
    assert len(issues) == len(result.findings) > 0
    for issue, finding in zip(issues, result.findings, strict=True):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["check_name"] == finding.code
        assert issue["location"] == {"path": finding.path, "lines": {"begin": finding.line}}
        assert issue["severity"] == {"error": "major", "warning": "minor"}[finding.severity]
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    # the example's only findings are the falls of health its story holds (test_example)
    example = json.loads(render_gitlab(check(example_settings)))
    assert {issue["check_name"] for issue in example} == {"health-declined"}


def test_check_format_gitlab_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    case = str(CASES / "invalid" / "schema-enum")
    code = main(["check", "--root", case, "--today", "2026-06-15", "--format", "gitlab"])
    assert code == 1
    assert {issue["check_name"] for issue in json.loads(capsys.readouterr().out)} == {"schema-enum"}
