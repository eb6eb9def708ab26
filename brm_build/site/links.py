"""Where each page lives in the generated docs, and links between pages and to the host."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from ..model.references import NAMED_AFTER
from ..model.registry import KIND_BY_FOLDER, KIND_BY_NAME, KINDS
from ..model.settings import Repository

# The fixed sections: title and page, in navigation order. Record pages live in folders
# named after their kind, so that no record id can collide with a section page.
HOME = "index.md"
DIRECTORY = "customers.md"
AGREEMENTS = "agreements.md"
SERVICE_LEVELS = "service-levels.md"
MEETINGS = "meetings.md"
SATISFACTION = "satisfaction.md"
SERVICES = "services.md"
PROJECTS = "projects.md"
FEEDBACK = "feedback.md"
REQUIREMENTS = "requirements.md"
CHANGES = "changes.md"
HEALTH = "health.md"
PRACTICE = "practice.md"
WRITERS = "writing.md"
SECURITY = "security.md"
"""A fixed page kept in ``assets/`` of the site package: what the tool trusts, how to deploy."""

NAV: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Home", (("Dashboard", HOME), ("Practice", PRACTICE), ("How health is rated", HEALTH))),
    (
        "Customers",
        (
            ("Directory", DIRECTORY),
            ("Projects", PROJECTS),
            ("Requirements", REQUIREMENTS),
            ("Feedback", FEEDBACK),
        ),
    ),
    ("Agreements", (("Register", AGREEMENTS), ("Service levels", SERVICE_LEVELS))),
    ("Meetings", (("Meetings", MEETINGS),)),
    ("Satisfaction", (("Satisfaction", SATISFACTION),)),
    ("Services", (("Services", SERVICES),)),
    ("Changes", (("Changes", CHANGES), ("Writing records", WRITERS), ("Security", SECURITY))),
)

RECORD_FOLDERS = tuple(kind.folder for kind in KINDS if kind.name not in NAMED_AFTER)
"""Folders of the per-record pages, one a kind: kept out of the navigation
(``not_in_nav``). A kind named after another record (a report after its agreement) is
shown on that record's page."""

_SAFE_PAGE = re.compile(r"^[a-z0-9][a-z0-9./-]*\.md$")

FILE_SUFFIXES = (".ics",)
"""The suffixes of the site files that are not pages and that pages link to (calendars)."""
_SAFE_FILE = re.compile(r"[a-z0-9][a-z0-9-]*(?:/[a-z0-9][a-z0-9-]*)*\.[a-z]+")


def record_page(folder: str, rid: str) -> str:
    """The page of a record: ``customers/finance.md``. Reports live on their agreement's."""
    kind = KIND_BY_FOLDER.get(folder)
    if kind is not None and kind.name in NAMED_AFTER:
        folder = KIND_BY_NAME[NAMED_AFTER[kind.name]].folder
    return f"{folder}/{rid}.md"


def relative(source: str, target: str) -> str:
    """A link from page ``source`` to page ``target``, both relative to the docs folder."""
    if not _SAFE_PAGE.fullmatch(target):
        raise ValueError(f"not a page path: {target!r}")
    return _between(source, target)


def relative_file(source: str, target: str) -> str:
    """A link from page ``source`` to site file ``target`` that is not a page (a calendar)."""
    # a plain path below the docs folder, of a kind the site writes: never a page or a URL
    if not _SAFE_FILE.fullmatch(target) or not target.endswith(FILE_SUFFIXES):
        raise ValueError(f"not a site file path: {target!r}")
    return _between(source, target)


def _between(source: str, target: str) -> str:
    """The relative path from the folder of page ``source`` to ``target``."""
    start = posixpath.dirname(source)
    if not (_plain(start) and _plain(target)):
        return posixpath.relpath(target, start or ".")
    here = start.split("/") if start else []
    there = target.split("/")
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."


def _plain(path: str) -> bool:
    """Whether ``path`` is relative and has no empty, ``.`` or ``..`` part to resolve."""
    parts = path.split("/")
    return not path or not ("" in parts or "." in parts or ".." in parts)


@dataclass(frozen=True, slots=True)
class Host:
    """Where the records repository is hosted, for "propose a change" links."""

    base: str
    branch: str
    flavour: str
    """``github`` or ``gitlab``: how the host spells an edit link."""

    def edit_url(self, path: str) -> str:
        """The URL that opens ``path`` in the host's editor on the configured branch."""
        where = quote(f"{self.branch}/{path}", safe="/-._~")
        infix = "/-/edit/" if self.flavour == "gitlab" else "/edit/"
        return f"{self.base}{infix}{where}"


def host(repository: Repository) -> Host | None:
    """The host from brm.yaml ``repository``, or None when no URL is configured."""
    if not repository.url:
        return None
    base = repository.url.rstrip("/").removesuffix(".git")
    flavour = repository.host
    if flavour is None:
        name = (urlsplit(base).hostname or "").lower()
        flavour = "gitlab" if "gitlab" in name else "github"
    return Host(base, repository.branch, flavour)
