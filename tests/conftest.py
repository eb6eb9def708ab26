"""Shared test fixtures and the --update-golden flag."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from brm_build.model.settings import Settings
from brm_build.settings import read_config

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
EXAMPLE_TODAY = dt.date(2026, 11, 26)

needs_git = pytest.mark.skipif(
    shutil.which("git") is None, reason="git is not installed: apt-get install git"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite expected findings and golden pages from the current output, for review",
    )


def skip_reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    """Why a test was skipped, as its skip said it."""
    longrepr = report.longrepr
    text = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return text.removeprefix("Skipped: ")


def skip_summary(reports: Sequence[pytest.TestReport | pytest.CollectReport]) -> str | None:
    """One line: how many tests were skipped, for each reason (which says how to run
    them), the most frequent first; None when none was."""
    if not reports:
        return None
    reasons = Counter(skip_reason(report) for report in reports)
    parts = [f"{count} because {reason}" for reason, count in reasons.most_common()]
    return f"skipped {len(reports)} test(s): " + "; ".join(parts)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say at the end, in one line, what was skipped and how to run it."""
    line = skip_summary(terminalreporter.stats.get("skipped", []))
    if line:
        terminalreporter.write_line(line, yellow=True)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def settings_for(root: Path, today: dt.date = EXAMPLE_TODAY) -> Settings:
    """Settings for a records repository at ``root`` as the CLI would build them."""
    config, problems, text = read_config(str(root))
    assert not problems, problems
    return Settings(root=str(root), today=today, config=config, config_text=text)


@pytest.fixture
def example_settings() -> Settings:
    return settings_for(ROOT)


def _hypothesis_profiles() -> None:
    from hypothesis import settings as hsettings

    hsettings.register_profile("default", max_examples=150, deadline=None)
    hsettings.register_profile("fuzz", max_examples=10_000, deadline=None)
    hsettings.load_profile("default")


_hypothesis_profiles()


def copy_example(tmp_path: Path) -> Path:
    """A copy of the example's records and brm.yaml to change, at ``tmp_path/repo``."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "records", repo / "records")
    shutil.copy(ROOT / "brm.yaml", repo / "brm.yaml")
    return repo
