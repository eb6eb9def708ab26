"""The records repository's mkdocs.yml, read as data: nothing in it runs at build time.

MkDocs reads its configuration with PyYAML's full loader, so ``!!python/object/apply``
in a pull request's mkdocs.yml would run its code in the build. brm reads the file (and
any file it ``INHERIT``\\s) safely itself, refuses what runs code or reads the build's
environment, and hands MkDocs a checked copy. A records repository may change the look
and text of the site, not what runs:

* settings: those in :data:`SETTINGS`; ``hooks`` (Python files run by MkDocs) is refused;
* ``theme``: anything but ``custom_dir`` (its templates are Jinja with Python's reach);
* ``plugins``: only :data:`PLUGINS` (others run code, some of it from the repository, such
  as the macros plugin's ``module_name``);
* ``markdown_extensions``: only :data:`EXTENSIONS` (an extension is Python imported by
  name, and ``pymdownx.snippets`` would put any file the build can read into a page);
* tags: only ``!!python/name:`` of the functions in :data:`NAMES`; ``!!python/object``,
  ``!!python/object/apply``, ``!ENV`` (the build's environment holds CI tokens),
  ``!relative`` and any other tag are refused.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..files import open_regular
from ..trust import link_under

CONFIG_FILE = "mkdocs.yml"
MAX_BYTES = 1 << 20
MAX_INHERIT = 5
SETTINGS = frozenset(
    [
        "INHERIT",
        "site_name",
        "site_url",
        "site_description",
        "site_author",
        "copyright",
        "repo_url",
        "repo_name",
        "edit_uri",
        "edit_uri_template",
        "use_directory_urls",
        "theme",
        "extra",
        "extra_css",
        "extra_javascript",
        "markdown_extensions",
        "plugins",
        "strict",
        "validation",
        "nav",
        "not_in_nav",
        "exclude_docs",
        "draft_docs",
        "docs_dir",
        "site_dir",
        "dev_addr",
        "remote_branch",
        "remote_name",
    ]
)
"""What a records repository's mkdocs.yml may set (brm fills in the docs, site and nav)."""
PLUGINS = frozenset({"search", "material/search", "tags", "material/tags", "offline"})
EXTENSIONS = frozenset(
    [
        "abbr",
        "admonition",
        "attr_list",
        "def_list",
        "footnotes",
        "md_in_html",
        "meta",
        "tables",
        "toc",
        "sane_lists",
        "smarty",
        "fenced_code",
        "codehilite",
        "nl2br",
        "wikilinks",
    ]
) | frozenset(
    "pymdownx." + name
    for name in [
        "arithmatex",
        "betterem",
        "caret",
        "critic",
        "details",
        "emoji",
        "escapeall",
        "highlight",
        "inlinehilite",
        "keys",
        "magiclink",
        "mark",
        "progressbar",
        "saneheaders",
        "smartsymbols",
        "superfences",
        "tabbed",
        "tasklist",
        "tilde",
        "blocks.admonition",
        "blocks.details",
        "blocks.tab",
    ]
)
NAMES = frozenset(
    {
        "material.extensions.emoji.twemoji",
        "material.extensions.emoji.to_svg",
        "pymdownx.superfences.fence_code_format",
        "pymdownx.superfences.fence_div_format",
        "pymdownx.slugs.slugify",
        "pymdownx.emoji.twemoji",
        "pymdownx.emoji.to_svg",
        "pymdownx.emoji.to_png",
    }
)
_PYTHON = "tag:yaml.org,2002:python/"


class PythonName(str):
    """An allowed ``!!python/name:`` reference, written back to MkDocs as that tag."""


class Refused(Exception):
    """A tag in mkdocs.yml that brm does not let through."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, with the few tags a site's configuration needs."""


def _python_tag(loader: _Loader, suffix: str, node: yaml.Node) -> PythonName:
    name = suffix.removeprefix("name:")
    if suffix.startswith("name:") and name in NAMES:
        return PythonName(name)
    raise Refused(
        node.start_mark.line + 1,
        f"the tag !!python/{suffix} makes MkDocs import or run Python at build time; "
        f"brm lets through only !!python/name: of {', '.join(sorted(NAMES))}",
    )


def _local_tag(loader: _Loader, suffix: str, node: yaml.Node) -> None:
    why = {
        "!ENV": "copies the build's environment, which holds CI tokens, into the site",
        "!relative": "names a folder of the build for extensions that read files",
    }.get(node.tag, "is not a tag MkDocs settings need")
    raise Refused(node.start_mark.line + 1, f"the tag {node.tag} {why}; brm refuses it")


_Loader.add_multi_constructor(_PYTHON, _python_tag)
_Loader.add_multi_constructor("!", _local_tag)


class _Dumper(yaml.SafeDumper):
    """Writes the checked copy, allowed ``!!python/name:`` tags included."""


_Dumper.add_representer(
    PythonName, lambda dumper, value: dumper.represent_scalar(f"{_PYTHON}name:{value}", "")
)


def _item_name(item: object) -> str:
    """The name of one entry of ``plugins`` or ``markdown_extensions``."""
    if isinstance(item, dict) and len(item) == 1:
        return str(next(iter(item)))
    return str(item)


def _names(value: object) -> list[str]:
    if isinstance(value, dict):
        return [str(k) for k in value]
    return [_item_name(v) for v in value] if isinstance(value, list) else [str(value)]


def setting_problems(config: dict[Any, Any]) -> list[str]:
    """What in a loaded mkdocs.yml a records repository may not set, in plain words."""
    problems = []
    for key in config:
        if key == "hooks":
            problems.append("hooks: runs Python files at build time; brm refuses hooks")
        elif key not in SETTINGS:
            problems.append(f"{key}: is not a setting a records repository may change")
    theme = config.get("theme")
    if isinstance(theme, dict) and "custom_dir" in theme:
        problems.append(
            "theme.custom_dir: its templates are Jinja, which can run Python at build "
            "time; brm refuses theme overrides from the repository"
        )
    for name in _names(config.get("plugins") or []):
        if name not in PLUGINS:
            problems.append(
                f"plugins: {name} is not allowed: a plugin runs code at build time; "
                f"allowed: {', '.join(sorted(PLUGINS))}"
            )
    for name in _names(config.get("markdown_extensions") or []):
        if name.removeprefix("markdown.extensions.") not in EXTENSIONS:
            problems.append(
                f"markdown_extensions: {name} is not allowed: an extension is Python "
                "code, and some read any file of the build; allowed: "
                + ", ".join(sorted(EXTENSIONS))
            )
    return problems


@dataclass
class SiteConfig:
    """The repository's mkdocs.yml and what it inherits, loaded and checked, outermost
    first; ``problems`` says what was refused (nothing is written then)."""

    layers: list[dict[Any, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _read(root: str, rel: str) -> tuple[str | None, str | None]:
    """The text of the file ``rel`` under ``root``, or why it cannot be one."""
    if link_under(root, rel) is not None:
        return None, "is a symbolic link, which brm never follows"
    try:
        with os.fdopen(open_regular(os.path.join(root, rel)), "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, f"cannot be read: {exc.strerror or exc}"
    if len(raw) > MAX_BYTES:
        return None, f"is larger than {MAX_BYTES} bytes"
    return raw.decode("utf-8", errors="replace"), None


def _layer(root: str, rel: str, found: SiteConfig) -> str | None:
    """Load one file of the chain into ``found``; the next file it inherits, if any."""
    text, why = _read(root, rel)
    if text is None:
        found.problems.append(f"{rel} {why}")
        return None
    try:
        config = yaml.load(text, Loader=_Loader)  # a SafeLoader: no tag runs code
    except Refused as exc:
        found.problems.append(f"{rel}:{exc.line}: {exc}")
        return None
    except yaml.YAMLError as exc:
        found.problems.append(f"{rel} is not valid YAML: {exc}")
        return None
    if not isinstance(config, dict):
        found.problems.append(f"{rel} must be a mapping of settings")
        return None
    found.problems += [f"{rel}: {p}" for p in setting_problems(config)]
    found.layers.append(config)
    parent = config.get("INHERIT")
    if parent is None:
        return None
    target = os.path.normpath(os.path.join(os.path.dirname(rel), str(parent)))
    if target == os.pardir or target.startswith(os.pardir + os.sep) or os.path.isabs(target):
        found.problems.append(f"{rel}: INHERIT {parent} is outside the repository")
        return None
    return target


def load_site_config(root: str) -> SiteConfig | None:
    """The repository's mkdocs.yml, checked; None when it has none."""
    if not os.path.lexists(os.path.join(root, CONFIG_FILE)):
        return None
    found, rel = SiteConfig(), CONFIG_FILE
    next_rel: str | None = rel
    while next_rel is not None:
        if len(found.layers) >= MAX_INHERIT:
            found.problems.append(f"{CONFIG_FILE}: INHERIT goes deeper than {MAX_INHERIT} files")
            break
        next_rel = _layer(root, next_rel, found)
    return found


def write_layers(config: SiteConfig, work: str) -> str:
    """Write the checked copies into ``work``, each inheriting the next; the first's path."""
    paths = [os.path.join(work, f"repository-mkdocs-{i}.yml") for i in range(len(config.layers))]
    for index, layer in enumerate(config.layers):
        copy = dict(layer)
        copy.pop("INHERIT", None)
        if index + 1 < len(paths):
            copy["INHERIT"] = paths[index + 1]
        with open(paths[index], "w", encoding="utf-8") as handle:
            yaml.dump(copy, handle, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
    return paths[0]
