"""The monthly ServiceNow import templates: valid YAML, scheduled monthly, every ``brm``
command they run exists with options that exist, credentials only from the CI's own
secrets, and the export never committed."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from brm_build.cli import _parser, main

from .test_workflows import TEMPLATES, brm_commands, load, scripts

GITHUB = TEMPLATES / "servicenow-import-github.yml"
GITLAB = TEMPLATES / "servicenow-import-gitlab.yml"
IMPORT = [
    "import",
    "measurements",
    "task_sla.json",
    "--source",
    "servicenow-task-sla",
    "--map",
    "$MAPPING",
]
CREDENTIALS = ("SERVICENOW_INSTANCE", "SERVICENOW_USER", "SERVICENOW_PASSWORD")


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=["github", "gitlab"])
def test_every_brm_command_of_the_template_parses(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commands = brm_commands(path)
    assert commands == [IMPORT, ["check"], ["diff", "HEAD^1", "HEAD", "--format", "markdown"]]
    for args in commands:
        try:
            _parser().parse_args(args)
        except SystemExit:
            pytest.fail(f"{path.name}: 'brm {shlex.join(args)}' does not parse")
        assert main([*args[:2], "--help"]) == 0
        assert "usage: brm" in capsys.readouterr().out


def test_a_source_brm_lacks_would_be_caught() -> None:
    with pytest.raises(SystemExit):
        _parser().parse_args([*IMPORT[:4], "servicenow-sla", "--map", "m.yaml"])


def _text(document: Any) -> str:
    return "\n".join(scripts(document))


def test_github_runs_monthly_and_opens_a_pull_request() -> None:
    workflow = load(GITHUB)
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    (schedule,) = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert 0 <= int(minute) < 60 and 0 <= int(hour) < 24  # once, at a fixed time
    assert (month, weekday) == ("*", "*") and 1 <= int(day) <= 28
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "write", "pull-requests": "write"}
    (job,) = workflow["jobs"].values()
    script = _text(workflow)
    assert "gh pr create" in script and "git add records\n" in script
    assert "rm task_sla.json" in script  # the export is never committed
    export = next(s for s in job["steps"] if "curl" in s.get("run", ""))
    assert export["env"] == {name: f"${{{{ secrets.{name} }}}}" for name in CREDENTIALS}
    assert sum("secrets." in str(step) for step in job["steps"]) == 1


def test_gitlab_runs_on_its_schedule_and_opens_a_merge_request() -> None:
    pipeline = load(GITLAB)
    (job,) = pipeline.values()
    (rule,) = job["rules"]
    assert rule["if"] == '$CI_PIPELINE_SOURCE == "schedule" && $BRM_IMPORT == "servicenow"'
    assert job["before_script"] == ['pip install --quiet "$BRM_PACKAGE"']
    script = _text(pipeline)
    assert "-o merge_request.create" in script and "git add records\n" in script
    assert "rm task_sla.json" in script


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=["github", "gitlab"])
def test_credentials_come_only_from_the_ci(path: Path) -> None:
    script = _text(load(path))
    assert '--user "$SERVICENOW_USER:$SERVICENOW_PASSWORD"' in script
    assert "https://$SERVICENOW_INSTANCE/api/now/table/task_sla" in script
    # What the import reads is what ServiceNow's Table API gives with display values.
    assert "sysparm_display_value=all" in script
    fields = re.search(r"sysparm_fields=([a-z_.,]+)", script)
    assert fields is not None and {"sla", "stage", "has_breached", "end_time"} <= set(
        fields.group(1).split(",")
    )
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"(?i)(password|token)\s*[:=]\s*['\"]?[A-Za-z0-9]{6,}", text)


def test_the_templates_are_documented() -> None:
    readme = (TEMPLATES / "README.md").read_text(encoding="utf-8")
    for path in (GITHUB, GITLAB):
        assert f"`{path.name}`" in readme


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=["github", "gitlab"])
def test_the_scripts_are_valid_shell(path: Path) -> None:
    bash = shutil.which("bash")
    assert bash, "the templates' scripts run in bash: install it"
    for script in scripts(load(path)):
        plain = re.sub(r"\$\{\{[^}]*\}\}", "x", script)  # the CI's own expressions
        done = subprocess.run([bash, "-n"], input=plain, capture_output=True, text=True)
        assert done.returncode == 0, f"{script}\n{done.stderr}"
