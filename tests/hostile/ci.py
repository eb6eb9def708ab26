"""A pull request's commit checked out as each CI template checks it out: the job's
environment read from the template itself, the attacker's files committed to git.

The attacker works in a repository of their own, runs brm there, tampers with what brm
cached and re-signs it with their key, which they commit where a checkout-relative
XDG_CACHE_HOME would put it. The CI job clones the commit and runs brm with the
environment its template gives it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from brm_build.cli import main

from ..conftest import ROOT
from .conftest import git

TEMPLATES = ROOT / "brm_build" / "ci_templates"
TEMPLATE_LAYOUTS = ("github", "gitlab")
LAYOUTS = (*TEMPLATE_LAYOUTS, "key-in-checkout")
"""The CI templates, and a job that keeps XDG_CACHE_HOME in the checkout (as GitLab's did)."""
ATTACKER_CACHE = ".cache"
"""Where the attacker keeps their key: XDG_CACHE_HOME inside the repository."""
_EXPORT = re.compile(r"^export ([A-Z_]+)=\"?([^\"]*)\"?$")


def _expand(value: str, checkout: Path, home: Path) -> str:
    for name, place in (("CI_PROJECT_DIR", checkout), ("HOME", home)):
        value = value.replace("${" + name + "}", str(place)).replace("$" + name, str(place))
    return str(home) + value[1:] if value.startswith("~") else value


def _template_variables(layout: str) -> dict[str, str]:
    """The variables a template sets for brm's jobs (not where brm is installed from)."""
    if layout == "github":
        workflow: Any = yaml.safe_load((TEMPLATES / "github-actions.yml").read_text())
        found = dict(workflow.get("env") or {})
        for job in workflow["jobs"].values():
            found |= job.get("env") or {}
            for step in job["steps"]:
                found |= step.get("env") or {}
    else:
        pipeline: Any = yaml.safe_load((TEMPLATES / "gitlab-ci.yml").read_text())
        found = dict(pipeline.get("variables") or {})
        for line in pipeline["default"].get("before_script", []):
            match = _EXPORT.match(line)
            if match:
                found[match.group(1)] = match.group(2)
    found.pop("BRM_PACKAGE", None)
    return {str(k): str(v) for k, v in found.items()}


def job_environment(layout: str, checkout: Path, home: Path) -> dict[str, str]:
    """The environment brm runs in, in a job of ``layout`` with its checkout at ``checkout``."""
    if layout == "key-in-checkout":
        return {"HOME": str(home), "XDG_CACHE_HOME": str(checkout / ".cache")}
    variables = _template_variables(layout)
    return {"HOME": str(home)} | {k: _expand(v, checkout, home) for k, v in variables.items()}


def run_brm(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], *argv: str) -> int:
    """Run brm in this process with ``env`` set, as the job's shell would."""
    with monkeypatch.context() as patched:
        patched.delenv("XDG_CACHE_HOME", raising=False)
        for name, value in env.items():
            patched.setenv(name, value)
        return main(list(argv))


def attacker_environment(repo: Path) -> dict[str, str]:
    """The attacker's own machine, their key beside the repository."""
    cache = repo.parent / "attacker-cache"
    return {"HOME": str(repo.parent / "attacker-home"), "XDG_CACHE_HOME": str(cache)}


def attacker_key(repo: Path) -> bytes:
    """The key brm made for the attacker, copied into the repository where a job with
    XDG_CACHE_HOME in its checkout looks for it."""
    key = (repo.parent / "attacker-cache" / "brm" / "cache.key").read_bytes()
    planted = repo / ATTACKER_CACHE / "brm" / "cache.key"
    planted.parent.mkdir(parents=True, exist_ok=True)
    planted.write_bytes(key)
    return key


def resign(path: Path, key: bytes, body: bytes, head: str) -> None:
    """Write a cache file of brm's format ``head`` with ``body``, signed with ``key``."""
    signature = hmac.new(key, body, hashlib.blake2b).hexdigest()
    path.write_bytes(f"{head} {signature}\n".encode() + body)


def commit_and_clone(repo: Path, checkout: Path) -> Path:
    """Commit everything in ``repo`` (ignored files too: the attacker forces them in) and
    clone the commit where the CI job checks it out."""
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "--force", "-A")
    git(repo, "commit", "--quiet", "-m", "Update the records")
    checkout.parent.mkdir(parents=True, exist_ok=True)
    git(checkout.parent, "clone", "--quiet", str(repo), str(checkout))
    return checkout


def remove(path: Path) -> None:
    """Remove a file, link or folder."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)
