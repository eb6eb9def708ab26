"""Fixtures of the browser tests: the example site built once per session, served on
loopback, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from brm_build.site.build import build

from ..conftest import ROOT, settings_for
from .serving import serving
from .tools import CHROMIUM_ARGS, chromium
from .traffic import Traffic

Scheme = Literal["light", "dark"]


@dataclass(frozen=True, slots=True)
class Screen:
    """A size of screen that readers use."""

    name: str
    viewport: ViewportSize
    mobile: bool


DESKTOP = Screen("desktop", {"width": 1400, "height": 1000}, mobile=False)
PHONE = Screen("phone", {"width": 375, "height": 812}, mobile=True)

OpenPage = Callable[..., Page]
"""``open_page(path, screen=DESKTOP, scheme="light")``: a new tab at ``path`` of the site."""


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example organisation's site, built once by ``brm build`` as of EXAMPLE_TODAY."""
    out = tmp_path_factory.mktemp("browser") / "site"
    result = build(settings_for(ROOT), str(out))
    assert result.ok, (result.problems, [str(f) for f in result.check.findings[:10]])
    return out


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served by a threaded http.server on a free loopback port."""
    with serving(built_site, {}) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless; a skip (a failure in CI) when it is not installed."""
    executable = chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def open_page(browser: Browser, site_url: str) -> Iterator[OpenPage]:
    """Opens pages of the site in fresh tabs; when the test ends, fails it if any page
    logged an error, failed to load something or asked another host for anything."""
    traffic = Traffic(site_url)
    contexts = []

    def open_(path: str = "index.html", screen: Screen = DESKTOP, scheme: Scheme = "light") -> Page:
        context = browser.new_context(
            base_url=f"{site_url}/",
            viewport=screen.viewport,
            is_mobile=screen.mobile,
            has_touch=screen.mobile,
            color_scheme=scheme,
            reduced_motion="reduce",
        )
        context.set_default_timeout(15_000)
        traffic.watch(context)
        contexts.append(context)
        page = context.new_page()
        page.goto(path, wait_until="load")
        return page

    yield open_
    for context in contexts:
        context.close()
    problems = traffic.problems()
    assert not problems, "the pages misbehaved:\n" + "\n".join(problems)
