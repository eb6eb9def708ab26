"""The shell commands of a README section, so that a test follows them literally and the
README and the test cannot drift apart."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

from brm_build.cli import _parser

from .conftest import ROOT

START = "Start your own organisation"


def section(title: str, readme: Path = ROOT / "README.md") -> str:
    """The text of the ``## title`` section of the README."""
    text = readme.read_text(encoding="utf-8")
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert found, f"README.md has no section '{title}'"
    return found.group(1)


def shell_commands(title: str) -> list[str]:
    """Every line of the section's ``sh`` code blocks, in order."""
    blocks = re.findall(r"^```sh\n(.*?)^```$", section(title), re.S | re.M)
    lines = [line.strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def init_folder(commands: list[str]) -> str:
    """The folder that the commands' ``brm init`` starts the records repository in."""
    for line in commands:
        words = shlex.split(line)
        if words[:2] == ["brm", "init"]:
            folder: str = _parser().parse_args(words[1:]).dir
            return folder
    raise AssertionError("the commands run no brm init")


def follow_the_readme(folder: Path, env: dict[str, str]) -> Path:
    """Run the README's "Start your own organisation" commands in ``folder`` as one shell
    script that stops at the first failure; the records repository they start."""
    commands = shell_commands(START)
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", "\n".join(commands)],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, f"{commands}\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr
    assert "0 errors, 0 warnings" in done.stdout, done.stdout
    return folder / init_folder(commands)
