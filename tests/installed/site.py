"""What a site built by an installed brm must hold: every kind of page, a page for every
record, the charts its pages show, and the scripts and styles that come with brm."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from brm_build.model import KIND_BY_FOLDER
from brm_build.site import links

from ..browser.kinds import NOT_FOUND, SECTIONS
from .environment import Installed

_SHIPPED = Path(__file__).resolve().parents[2] / "brm_build" / "site" / "assets"
ASSETS = tuple(
    path.relative_to(_SHIPPED).as_posix()
    for folder in ("stylesheets", "javascripts")
    for path in sorted((_SHIPPED / folder).iterdir())
)
"""Every style sheet and script brm ships, as the site must hold them."""
_ROLE = re.compile(r"^role:\s*(customer|purchaser)\s*$", re.MULTILINE)
_CHART = re.compile(r'src="((?:\.\./)*charts/[^"]+\.svg)"')
# How each role's page introduces the unit (customer.md.j2).
_ROLE_TEXT = {"customer": "<strong>Role:</strong> customer", "purchaser": "purchaser: uses"}


def record_pages(root: Path) -> dict[str, Path]:
    """The page every record under ``root/records`` must have, with its file."""
    pages = {}
    for folder in links.RECORD_FOLDERS:
        extension = KIND_BY_FOLDER[folder].extension
        for path in sorted((root / "records" / folder).rglob("*" + extension)):
            pages[f"{folder}/{path.stem}.html"] = path
    return pages


def site_problems(site: Path, root: Path) -> list[str]:
    """What the site built from the records at ``root`` into ``site`` lacks."""
    problems = [
        f"no {page}" for page in (*SECTIONS, NOT_FOUND, *ASSETS) if not (site / page).is_file()
    ]
    pages = record_pages(root)
    for folder in links.RECORD_FOLDERS:
        if not any(page.startswith(folder + "/") for page in pages):
            problems.append(f"the records hold no {folder}: every kind of page must be built")
    roles: set[str] = set()
    for page, record in pages.items():
        if not (site / page).is_file():
            problems.append(f"no page {page} for {record.relative_to(root)}")
        elif page.startswith("customers/"):
            role = _ROLE.search(record.read_text(encoding="utf-8"))
            if role and _ROLE_TEXT[role.group(1)] in (site / page).read_text(encoding="utf-8"):
                roles.add(role.group(1))
    problems += [f"no {role} page shows its role" for role in sorted(set(_ROLE_TEXT) - roles)]
    return problems + chart_problems(site)


def chart_problems(site: Path) -> list[str]:
    """Charts that pages show but the site lacks, or no chart at all."""
    problems, shown = [], 0
    for page in sorted(site.rglob("*.html")):
        for src in _CHART.findall(page.read_text(encoding="utf-8")):
            shown += 1
            chart = (page.parent / src).resolve()
            if not chart.is_file() or b"<svg" not in chart.read_bytes()[:4096]:
                problems.append(f"{page.relative_to(site)} shows {src}, which is no chart")
    if shown == 0:
        problems.append("no page shows a chart")
    return problems


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(
    installed: Installed, root: Path, *args: str, timeout: float = 600
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``brm serve`` of the installed brm in ``root``: its address once it answers, and the
    process, which is stopped when the block ends (if it has not stopped by then).

    It starts with Ctrl-C's signal at its default, as in a terminal: a shell that starts
    the tests in the background (``make test &``, as CI may) has SIGINT ignored, and an
    ignored signal stays ignored in every process started below it."""
    address = f"127.0.0.1:{free_port()}"
    with subprocess.Popen(  # its pipes are closed at the end, whatever happened
        installed.command("serve", *args, "--dev-addr", address),
        cwd=root,
        env=installed.environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_as_in_a_terminal,
    ) as process:
        try:
            url = f"http://{address}/"
            deadline = time.monotonic() + timeout
            while not _answers(url):
                if process.poll() is not None:
                    out, err = process.communicate()
                    raise AssertionError(f"brm serve stopped ({process.returncode}):\n{out}\n{err}")
                assert time.monotonic() < deadline, f"brm serve did not answer at {url}"
                time.sleep(0.5)
            yield url, process
        finally:
            if process.poll() is None:
                process.terminate()
            process.wait(timeout=60)


def _as_in_a_terminal() -> None:
    """In the child before it runs brm: Ctrl-C stops it, as it would in a terminal."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def fetch(url: str) -> str:
    """The text of the page at ``url``."""
    with urllib.request.urlopen(url, timeout=30) as response:
        return str(response.read().decode("utf-8"))
