"""Fixtures of the browser tests: the example site built once per session, served on
loopback, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Literal

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from brm_build.site.build import build

from ..conftest import ROOT, settings_for
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
PHONE = Screen("phone", {"width": 390, "height": 844}, mobile=True)

OpenPage = Callable[..., Page]
"""``open_page(path, screen=DESKTOP, scheme="light")``: a new tab at ``path`` of the site."""


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the site without logging every request to the test output."""

    def log_message(self, format: str, *args: object) -> None:
        pass


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
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


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
