"""The hostile organisation's site in Chromium: no script from a record runs on any page,
with or without the documented Content-Security-Policy, and the real site works under that
policy: no violation on any page, and search finds what it should.

The policy is read from the security page of the site (``brm_build/site/assets/security.md``),
so that what the page tells administrators to deploy is exactly what is tested here.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page

from brm_build.site.build import build
from brm_build.site.resources import ASSETS

from ..conftest import settings_for
from ..hostile.organisation import PWNED, write_organisation
from .conftest import DESKTOP
from .reading import search
from .serving import serving
from .traffic import Traffic

SECURITY_PAGE = ASSETS / "security.md"
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
    window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.__dialogs = [];
"""
"""Runs before every page's own scripts: records each violation of the policy."""
HANDLERS = "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
HANDLERS += ".filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))"
UNSAFE_LINKS = "[...document.querySelectorAll('[href],[src],[action],[data],[formaction]')]"
UNSAFE_LINKS += ".map(e => e.getAttribute('href') || e.getAttribute('src') || "
UNSAFE_LINKS += (
    "e.getAttribute('action') || e.getAttribute('data') || e.getAttribute('formaction'))"
)
UNSAFE_LINKS += ".filter(u => /^\\s*(javascript|data|vbscript):/i.test(u || ''))"


def documented_headers() -> dict[str, str]:
    """The response headers that the security page tells administrators to send."""
    text = SECURITY_PAGE.read_text(encoding="utf-8")
    block = re.search(r"```text\n(.*?)```", text, re.DOTALL)
    assert block, "the security page holds the headers in a ```text block"
    return dict(line.split(": ", 1) for line in block.group(1).splitlines() if line.strip())


def inline_script_hashes(site: Path) -> set[str]:
    """The CSP hash of every inline script that a browser runs, in every page of ``site``."""
    found = set()
    for page in site.rglob("*.html"):
        for attrs, body in re.findall(
            r"<script([^>]*)>(.*?)</script>", page.read_text(encoding="utf-8"), re.DOTALL
        ):
            if "src=" in attrs or "application/json" in attrs:
                continue
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            found.add(f"'sha256-{digest}'")
    return found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile organisation's site, built by ``brm build``."""
    root = write_organisation(tmp_path_factory.mktemp("hostile") / "repo")
    out = root.parent / "site"
    built = build(settings_for(root), str(out))
    assert built.ok, (built.problems, built.check.findings)
    return out


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@contextmanager
def _tab(browser: Browser, url: str) -> Iterator[tuple[Page, Traffic, list[str]]]:
    """A tab on the site at ``url`` that records dialogs, requests and console errors."""
    context = browser.new_context(base_url=f"{url}/", viewport=DESKTOP.viewport)
    context.set_default_timeout(15_000)
    context.add_init_script(WATCH)
    traffic = Traffic(url)
    traffic.watch(context)
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page = context.new_page()
    page.on("dialog", dismiss)
    try:
        yield page, traffic, dialogs
    finally:
        context.close()


def _ran(page: Page) -> list[str]:
    """What injected markup achieved on the open page."""
    found = (
        [f"{PWNED}: {page.evaluate(f'window.{PWNED}')}"]
        if page.evaluate(f"window.{PWNED} !== undefined")
        else []
    )
    found += [f"handler {h}" for h in page.evaluate(HANDLERS)]
    found += [f"link {u}" for u in page.evaluate(UNSAFE_LINKS)]
    found += [
        f"<{t}>"
        for t in page.evaluate(
            "[...document.querySelectorAll('iframe,object,embed,frame,base')].map(e => e.tagName)"
        )
    ]
    return found


@pytest.mark.parametrize("policy", [False, True], ids=["no-policy", "documented-policy"])
def test_no_script_from_a_record_runs_on_any_page(
    browser: Browser, hostile_site: Path, policy: bool
) -> None:
    """Without the policy the escaping alone must hold; with it nothing may be blocked."""
    headers = documented_headers() if policy else {}
    pages = _pages(hostile_site)
    assert len(pages) > 20
    with serving(hostile_site, headers) as url, _tab(browser, url) as (page, traffic, dialogs):
        problems = {}
        for path in pages:
            page.goto(path, wait_until="load")
            found = _ran(page) + [f"blocked {v}" for v in page.evaluate("window.__violations")]
            if found:
                problems[path] = found
        results = search(page, DESKTOP, "customer.summary")
        assert results.locator(".md-search-result__link").count() > 0
        page.wait_for_timeout(300)
        problems.update({"search": _ran(page)} if _ran(page) else {})
        assert page.evaluate("window.__violations") == []
    assert problems == {}
    assert dialogs == []
    assert traffic.problems() == []


def test_the_documented_policy_names_every_inline_script_of_the_theme(
    hostile_site: Path, built_site: Path
) -> None:
    policy = documented_headers()["Content-Security-Policy"]
    documented = set(re.findall(r"'sha256-[^']+'", policy))
    built = inline_script_hashes(hostile_site) | inline_script_hashes(built_site)
    assert built == documented, f"put these hashes in {SECURITY_PAGE.name}: {sorted(built)}"
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy


def test_the_example_site_works_under_the_documented_policy(
    browser: Browser, built_site: Path
) -> None:
    """A page of every kind, and search, with no violation, error or foreign request."""
    pages = _pages(built_site)
    sample = [p for p in pages if "/" not in p]
    for folder in ("customers", "agreements", "meetings", "services", "projects", "feedback"):
        sample += [p for p in pages if p.startswith(folder + "/")][:1]
    with serving(built_site, documented_headers()) as url, _tab(browser, url) as (page, traffic, _):
        for path in sample:
            page.goto(path, wait_until="load")
            assert page.evaluate("window.__violations") == [], path
        page.goto("index.html", wait_until="load")
        page.locator("label.md-header__button[for='__palette_1']").first.click()
        page.reload(wait_until="load")  # the scheme is restored by an inline script
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        results = search(page, DESKTOP, "finance")
        assert results.locator(".md-search-result__link").count() > 0
        assert page.evaluate("window.__violations") == []
    assert traffic.problems() == []
