"""``brm init``: a new records repository that checks clean and builds, in one step.

What it holds: ``brm.yaml`` with every setting explained, the ``records/`` folders with
an example of each kind (unless empty), ``.gitignore``, the schemas and the editor
settings that map each folder to its schema, the CI files of the chosen host (package data
in ``brm_build/ci_templates/``, so an installed brm has them), CODEOWNERS and a README for
the people who write the records.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from importlib.resources import files

from ..codeowners import render_codeowners
from ..model import KINDS
from ..model.settings import Settings
from ..outputs import create_text, make_folder
from ..repository import load_repository
from ..schemas import schema_texts
from ..settings import load_config
from .examples import example_files
from .readme import readme_text
from .settings_file import GITIGNORE, config_text, editor_settings

CI_TEMPLATES = files(__name__.rpartition(".")[0]) / "ci_templates"
"""The CI and pre-commit files for records repositories, shipped with brm."""
CI_FILES: dict[str, dict[str, str]] = {
    "github": {
        ".github/workflows/records.yml": "github-actions.yml",
        ".pre-commit-config.yaml": "pre-commit-config.yaml",
    },
    "gitlab": {
        ".gitlab-ci.yml": "gitlab-ci.yml",
        ".pre-commit-config.yaml": "pre-commit-config.yaml",
    },
    "none": {},
}
"""For each CI host: where each template goes in the repository."""


class StarterError(Exception):
    """Why a records repository cannot be started where it was asked for."""


@dataclass(frozen=True)
class StarterPlan:
    """What ``brm init`` makes: for which organisation, which CI, with examples or not."""

    organisation: str
    ci: str
    examples: bool
    today: dt.date


def starter_files(plan: StarterPlan) -> dict[str, str]:
    """Every file of the new repository but CODEOWNERS (made from its records), by path."""
    examples = example_files(plan.today) if plan.examples else {}
    ci_file = next((path for path in CI_FILES[plan.ci] if "pre-commit" not in path), None)
    made = {
        "brm.yaml": config_text(plan.organisation),
        ".gitignore": GITIGNORE,
        ".vscode/settings.json": editor_settings(),
        "README.md": readme_text(plan.organisation, list(examples), ci_file, plan.ci),
    }
    made |= {f"schemas/{name}": text for name, text in schema_texts().items()}
    for path, template in CI_FILES[plan.ci].items():
        made[path] = (CI_TEMPLATES / template).read_text(encoding="utf-8")
    return made | examples


def _refuse_unless_empty(folder: str) -> None:
    if not folder:
        raise StarterError("name a folder for the records (or . for the current one)")
    if os.path.lexists(folder) and not os.path.isdir(folder):
        raise StarterError(f"{folder} is a file: name a new or empty folder for the records")
    try:
        entries = os.listdir(folder) if os.path.isdir(folder) else []
    except OSError as exc:
        raise StarterError(f"cannot read {folder}: {exc.strerror}") from None
    if entries:
        raise StarterError(
            f"{folder} is not empty ({len(entries)} entries): brm init writes only into a "
            "new or empty folder, so that nothing there is overwritten"
        )


def write_starter(folder: str, plan: StarterPlan) -> list[str]:
    """Write a new records repository into the new or empty ``folder``; the paths written.

    StarterError when ``folder`` is a file or not empty; OutputError when it cannot be
    written.
    """
    _refuse_unless_empty(folder)
    root = os.path.abspath(folder)  # "new/.." is the folder it names, which must be empty
    _refuse_unless_empty(root)
    written = []
    for path, text in starter_files(plan).items():
        create_text(os.path.join(root, path), text)
        written.append(path)
    for kind in KINDS:
        make_folder(os.path.join(root, "records", kind.folder))
    config, _ = load_config(root)
    repository, _ = load_repository(Settings(root=root, today=plan.today, config=config))
    create_text(
        os.path.join(root, "CODEOWNERS"),
        render_codeowners(repository, config.codeowners.default),
    )
    return sorted([*written, "CODEOWNERS"])
