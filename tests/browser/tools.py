"""The tools the browser tests drive, and what to do when one is missing.

A developer without Chromium, Java or the npm packages of this folder (axe-core, the Nu
Html Checker) gets a skip that says what to install; CI (``CI=true``) must have them all,
so there a missing tool fails the run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

HERE = Path(__file__).resolve().parent

CHROMIUM = os.environ.get("BRM_CHROMIUM", "/usr/bin/chromium")
"""Debian's Chromium (``apt-get install chromium``): Playwright downloads no browser here."""

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Headless in a container, and quiet: no call home that would count as a foreign request."""

NODE_MODULES = HERE / "node_modules"
"""Installed from package.json next to this file: ``npm ci --prefix tests/browser``."""
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL = "make browser-install (npm ci in tests/browser)"


def unavailable(reason: str) -> NoReturn:
    """Skip with ``reason`` on a developer's machine; fail in CI, where every tool must be."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI must run the browser tests, but {reason}", pytrace=False)
    pytest.skip(reason)


def chromium() -> str:
    """The path of Chromium, or a skip (a failure in CI) that says how to install it."""
    if not os.access(CHROMIUM, os.X_OK):
        unavailable(f"no Chromium at {CHROMIUM}: apt-get install chromium (or set BRM_CHROMIUM)")
    return CHROMIUM


def axe_source() -> str:
    """The text of axe.min.js, or a skip (a failure in CI) that says how to install it."""
    if not AXE.is_file():
        unavailable(f"axe-core is not installed: {INSTALL}")
    return AXE.read_text(encoding="utf-8")


def vnu_command() -> list[str]:
    """How to run the Nu Html Checker (vnu.jar) with Java, or a skip (a failure in CI)."""
    java = shutil.which("java")
    if java is None:
        unavailable("no Java for the HTML checker: apt-get install default-jre-headless")
    if not VNU.is_file():
        unavailable(f"the Nu Html Checker is not installed: {INSTALL}")
    return [java, "-jar", str(VNU)]
