"""What a records repository's mkdocs.yml may set: the look and the text of the site,
nothing that runs code at build time (see :mod:`.mkdocs_file`)."""

from __future__ import annotations

from typing import Any

import yaml

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


def line_of(node: yaml.Node, *path: str | int) -> int:
    """The line of the key or item at ``path`` in the composed document ``node`` (the
    nearest one found, when the path does not go all the way)."""
    current, line = node, node.start_mark.line + 1
    for step in path:
        if isinstance(current, yaml.MappingNode):
            keys = [(k, v) for k, v in current.value if getattr(k, "value", None) == step]
            if not keys:
                return line
            line, current = keys[0][0].start_mark.line + 1, keys[0][1]
        elif isinstance(current, yaml.SequenceNode) and isinstance(step, int):
            if step >= len(current.value):
                return line
            current = current.value[step]
            line = current.start_mark.line + 1
        else:
            return line
    return line


def _item_name(item: object) -> str:
    """The name of one entry of ``plugins`` or ``markdown_extensions``."""
    if isinstance(item, dict) and len(item) == 1:
        return str(next(iter(item)))
    return str(item)


def _names(value: object) -> list[tuple[str | int, str]]:
    """Each entry of a list or mapping of plugins or extensions: where it is, its name."""
    if isinstance(value, dict):
        return [(str(k), str(k)) for k in value]
    if isinstance(value, list):
        return [(i, _item_name(v)) for i, v in enumerate(value)]
    return [(0, str(value))]


def setting_problems(config: dict[Any, Any], node: yaml.Node) -> list[tuple[int, str, str]]:
    """What in a loaded mkdocs.yml a records repository may not set: (line, setting, why)."""
    found = []
    for key in config:
        if key == "hooks":
            why = "runs Python files at build time: brm refuses hooks; remove it"
        elif key not in SETTINGS:
            why = f"'{key}' is not a setting a records repository may change"
        else:
            continue
        found.append((line_of(node, key), str(key), why))
    theme = config.get("theme")
    if isinstance(theme, dict) and "custom_dir" in theme:
        why = (
            "its templates are Jinja, which can run Python at build time: brm "
            "refuses theme overrides from the repository"
        )
        found.append((line_of(node, "theme", "custom_dir"), "theme.custom_dir", why))
    for where, name in _names(config.get("plugins") or []):
        if name not in PLUGINS:
            why = (
                f"the plugin '{name}' is not allowed: a plugin runs code at build time; "
                f"allowed: {', '.join(sorted(PLUGINS))}"
            )
            found.append((line_of(node, "plugins", where), "plugins", why))
    for where, name in _names(config.get("markdown_extensions") or []):
        if name.removeprefix("markdown.extensions.") not in EXTENSIONS:
            why = (
                f"the Markdown extension '{name}' is not allowed: an extension is Python "
                "code, and some read any file of the build; allowed: "
                + ", ".join(sorted(EXTENSIONS))
            )
            found.append((line_of(node, "markdown_extensions", where), "markdown_extensions", why))
    return found
