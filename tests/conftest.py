"""Shared test fixtures and the --update-golden flag."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from brm_build.settings import Settings, load_config

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
EXAMPLE_TODAY = dt.date(2026, 11, 26)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite expected findings and golden pages from the current output, for review",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def settings_for(root: Path, today: dt.date = EXAMPLE_TODAY) -> Settings:
    """Settings for a records repository at ``root`` as the CLI would build them."""
    config, problems = load_config(str(root))
    assert not problems, problems
    return Settings(root=str(root), today=today, config=config)


@pytest.fixture
def example_settings() -> Settings:
    return settings_for(ROOT)


def _hypothesis_profiles() -> None:
    from hypothesis import settings as hsettings

    hsettings.register_profile("default", max_examples=150, deadline=None)
    hsettings.register_profile("fuzz", max_examples=10_000, deadline=None)
    hsettings.load_profile("default")


_hypothesis_profiles()
