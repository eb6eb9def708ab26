"""What page generation starts from, and the Jinja2 environment that renders pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jinja2 import BaseLoader, Environment, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from ..attention.items import Item
from ..charts.figures import Figures
from ..findings import Finding
from ..gitlog import Commit, History
from ..model.settings import BrmConfig
from ..publication import Publication
from ..quantities import unit_after
from . import links
from .cells import headline, number, percent
from .markup import Escaper, external_url, heading, mailto, render_markdown
from .resources import template_loader

HISTORY_LIMIT = 5
"""How many commits each record page lists."""


@dataclass(frozen=True)
class SiteData:
    """Everything the pages are made from: public records, findings, history, settings."""

    publication: Publication
    """The public view of the records: restricted fields are already gone."""
    findings: list[Finding]
    today: dt.date
    config: BrmConfig
    history: History | None
    history_note: str = ""
    """Why ``history`` is None, for the pages to say."""
    figures: Figures | None = None
    """Satisfaction, service-level and health figures with their charts (brm_build.charts)."""
    calendar: tuple[Item, ...] = ()
    """What is due and coming up, by the attention rules (brm_build.attention), soonest first."""


@dataclass(frozen=True, slots=True)
class RecordHistory:
    """The recent commits of a record's files, newest first, or why there are none."""

    commits: tuple[Commit, ...]
    available: bool
    note: str

    @property
    def last(self) -> Commit | None:
        """The commit that last changed the record."""
        return self.commits[0] if self.commits else None


def record_history(data: SiteData, paths: list[str], limit: int = HISTORY_LIMIT) -> RecordHistory:
    """The latest commits that touched any of ``paths``."""
    if data.history is None:
        return RecordHistory((), False, data.history_note)
    seen: dict[str, Commit] = {}
    for path in paths:
        for commit in data.history.of(path, limit):
            seen.setdefault(commit.sha, commit)
    order = data.history.order
    commits = sorted(seen.values(), key=lambda c: order.get(c.sha, 0))[:limit]
    return RecordHistory(tuple(commits), True, "")


@pass_context
def _url(context: Context, target: str) -> Markup:
    """A relative link from the page being rendered to page ``target``."""
    return Markup(links.relative(str(context["page"]), target))


@pass_context
def _file_url(context: Context, target: str) -> Markup:
    """A relative link from the page being rendered to site file ``target`` (a calendar)."""
    return Markup(links.relative_file(str(context["page"]), target))


@pass_context
def _heading(context: Context, title: object, hide: tuple[str, ...] = ()) -> Markup:
    """The start of the page being rendered (:func:`.markup.heading`), ranked in search
    by its ``search_boost`` (see :mod:`.search`)."""
    boost = context.get("search_boost")
    return heading(title, hide, boost if isinstance(boost, int | float) else None)


def _indent(depth: int) -> Markup:
    """Indentation that nests a Markdown list item ``depth`` levels deep."""
    return Markup("    " * depth)


CACHE_LIMIT = 1 << 18
"""How many Markdown fields an environment keeps rendered before starting afresh."""


class _Markdown:
    """The ``md`` filter: Markdown fields rendered once per distinct text and depth."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, int], Markup] = {}

    def __call__(self, text: str | None, depth: int = 1) -> Markup:
        if not text:
            return render_markdown(text, depth)
        key = (text, depth)
        done = self.cache.get(key)
        if done is None:
            if len(self.cache) >= CACHE_LIMIT:
                self.cache.clear()
            done = self.cache[key] = render_markdown(text, depth)
        return done


def environment(loader: BaseLoader | None = None) -> Environment:
    """The Jinja2 environment of the page templates (or of those ``loader`` finds)."""
    env = Environment(
        loader=loader or template_loader(),
        autoescape=True,
        finalize=Escaper(),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one environment renders one site: templates do not change
    )
    env.globals["url"] = _url
    env.globals["file_url"] = _file_url
    env.globals["indent"] = _indent
    env.globals["heading"] = _heading
    env.globals["unit_after"] = unit_after
    env.filters["md"] = _Markdown()
    env.filters["number"] = number
    env.filters["percent"] = percent
    env.filters["headline"] = headline
    env.filters["external"] = external_url
    env.filters["mailto"] = mailto
    return env
