"""The records repository's mkdocs.yml, read as data: nothing in it runs at build time.

MkDocs reads its configuration with PyYAML's full loader, so ``!!python/object/apply``
in a pull request's mkdocs.yml would run its code in the build. brm reads the file (and
any file it ``INHERIT``\\s) safely itself, refuses what runs code or reads the build's
environment, and hands MkDocs a checked copy. A records repository may change the look
and text of the site, not what runs:

* settings: those in ``SETTINGS``; ``hooks`` (Python files run by MkDocs) is refused;
* ``theme``: anything but ``custom_dir`` (its templates are Jinja with Python's reach);
* ``plugins``: only ``PLUGINS`` (others run code, some of it from the repository, such
  as the macros plugin's ``module_name``);
* ``markdown_extensions``: only ``EXTENSIONS`` (an extension is Python imported by
  name, and ``pymdownx.snippets`` would put any file the build can read into a page);
* tags: only ``!!python/name:`` of the functions in ``NAMES``; ``!!python/object``,
  ``!!python/object/apply``, ``!ENV`` (the build's environment holds CI tokens),
  ``!relative`` and any other tag are refused.

The lists are in :mod:`.mkdocs_settings`. ``brm check`` reports each refusal as an
error (``mkdocs-refused``), so a pull request with one fails its check.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..files import read_at_most
from ..findings import Finding, error
from ..trust import link_under
from .mkdocs_settings import NAMES, line_of, setting_problems

CONFIG_FILE = "mkdocs.yml"
MAX_BYTES = 1 << 20
MAX_INHERIT = 5
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


@dataclass(frozen=True)
class Problem:
    """Something refused in a file of the site's configuration."""

    path: str
    line: int
    setting: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class SiteConfig:
    """The repository's mkdocs.yml and what it inherits, loaded and checked, outermost
    first; ``problems`` says what was refused (nothing is written then)."""

    layers: list[dict[Any, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    texts: dict[str, str | None] = field(default_factory=dict)
    """The text of every file of the chain as read, by path (None: not read)."""


def _read(root: str, rel: str) -> tuple[str | None, str | None]:
    """The text of the file ``rel`` under ``root``, or why it cannot be one."""
    if link_under(root, rel) is not None:
        return None, "is a symbolic link, which brm never follows"
    try:
        raw = read_at_most(os.path.join(root, rel), MAX_BYTES + 1)
    except OSError as exc:
        return None, f"cannot be read: {exc.strerror or exc}"
    if len(raw) > MAX_BYTES:
        return None, f"is larger than {MAX_BYTES} bytes"
    return raw.decode("utf-8", errors="replace"), None


def _parse(rel: str, text: str) -> tuple[Any, yaml.Node | None, Problem | None]:
    """The settings of one file and its composed document, or what was refused."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return (None if node is None else loader.construct_document(node)), node, None
    except Refused as exc:
        return None, None, Problem(rel, exc.line, "", str(exc))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        return None, None, Problem(rel, line, "", f"is not valid YAML: {exc}")
    finally:
        loader.dispose()


def _layer(root: str, rel: str, found: SiteConfig) -> str | None:
    """Load one file of the chain into ``found``; the next file it inherits, if any."""
    text, why = _read(root, rel)
    found.texts[rel] = text
    if text is None:
        found.problems.append(Problem(rel, 1, "", f"{rel} {why}"))
        return None
    config, node, refused = _parse(rel, text)
    if refused is not None:
        found.problems.append(refused)
        return None
    if not isinstance(config, dict) or node is None:
        found.problems.append(Problem(rel, 1, "", f"{rel} must be a mapping of settings"))
        return None
    found.problems += [Problem(rel, n, key, why) for n, key, why in setting_problems(config, node)]
    found.layers.append(config)
    parent = config.get("INHERIT")
    if parent is None:
        return None
    target = os.path.normpath(os.path.join(os.path.dirname(rel), str(parent)))
    if target == os.pardir or target.startswith(os.pardir + os.sep) or os.path.isabs(target):
        line = line_of(node, "INHERIT")
        why = f"INHERIT {parent} is outside the repository"
        found.problems.append(Problem(rel, line, "INHERIT", why))
        return None
    return target


def mkdocs_findings(root: str) -> list[Finding]:
    """An error for everything the repository's mkdocs.yml sets that brm refuses, so that
    ``brm check`` fails on a pull request whose site would not be built."""
    return mkdocs_check(root)[0]


def mkdocs_check(root: str) -> tuple[list[Finding], dict[str, str | None]]:
    """The findings of ``mkdocs_findings`` and the text of each file they are in, as read."""
    site = load_site_config(root)
    if site is None:
        return [], {}
    return [
        error("mkdocs-refused", p.path, p.line, 1, p.setting, p.message) for p in site.problems
    ], site.texts


def load_site_config(root: str) -> SiteConfig | None:
    """The repository's mkdocs.yml, checked; None when it has none."""
    if not os.path.lexists(os.path.join(root, CONFIG_FILE)):
        return None
    found, rel = SiteConfig(), CONFIG_FILE
    next_rel: str | None = rel
    while next_rel is not None:
        if len(found.layers) >= MAX_INHERIT:
            why = f"INHERIT goes deeper than {MAX_INHERIT} files"
            found.problems.append(Problem(CONFIG_FILE, 1, "INHERIT", why))
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
