"""A pull request's mkdocs.yml: tags, hooks, plugins, extensions and theme overrides that
would run its code in the build are refused with a plain reason, nothing of it runs, and
what a site's look needs still builds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from brm_build.cli import main
from brm_build.site.resources import DEFAULT_CONFIG

from ..casebuilder import build

TODAY = "2026-06-15"
TOKEN = "CI-TOKEN-SENTINEL-77e1"


def _code(ran: Path) -> str:
    """Python that leaves ``ran`` behind when it runs."""
    return f"import pathlib; pathlib.Path({str(ran)!r}).write_text('ran')"


def _attacks(ran: Path) -> dict[str, dict[str, str]]:
    """Files a pull request commits, by attack: each would run code or leak at build time."""
    code = _code(ran)
    apply = f"extra:\n  x: !!python/object/apply:exec [{code!r}]\n"
    return {
        "object-apply": {"mkdocs.yml": apply},
        "inherited-apply": {"mkdocs.yml": "INHERIT: base.yml\n", "base.yml": apply},
        "python-name": {"mkdocs.yml": "extra:\n  x: !!python/name:os.system\n"},
        "hooks": {"mkdocs.yml": "hooks:\n  - evil.py\n", "evil.py": code + "\n"},
        "macros": {
            "mkdocs.yml": "plugins:\n  - search\n  - macros:\n      module_name: evil\n",
            "evil.py": code + "\n",
        },
        "extension": {"mkdocs.yml": "markdown_extensions:\n  - evil\n", "evil.py": code + "\n"},
        "snippets": {"mkdocs.yml": "markdown_extensions:\n  - pymdownx.snippets\n"},
        "env": {"mkdocs.yml": "site_description: !ENV CI_JOB_TOKEN\n"},
        "custom-dir": {
            "mkdocs.yml": "theme:\n  name: material\n  custom_dir: overrides\n",
            "overrides/main.html": "{{ config.__class__.__init__.__globals__ }}\n",
        },
        "inherit-outside": {"mkdocs.yml": "INHERIT: ../outside.yml\n"},
    }


EXPECTED = {
    "object-apply": "!!python/object/apply:exec",
    "inherited-apply": "base.yml:2:1: error[mkdocs-refused]: the tag !!python/object/apply:exec",
    "python-name": "!!python/name:os.system",
    "hooks": "runs Python files at build time: brm refuses hooks; remove it (at hooks)",
    "macros": "the plugin 'macros' is not allowed",
    "extension": "the Markdown extension 'evil' is not allowed",
    "snippets": "the Markdown extension 'pymdownx.snippets' is not allowed",
    "env": "the tag !ENV copies the build's environment",
    "custom-dir": "refuses theme overrides from the repository (at theme.custom_dir)",
    "inherit-outside": "is outside the repository",
}


@pytest.mark.parametrize("attack", sorted(EXPECTED))
def test_a_mkdocs_yml_that_would_run_code_is_refused(
    attack: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ran = tmp_path / "ran"
    root = build(tmp_path / "repo", _attacks(ran)[attack])
    (tmp_path / "outside.yml").write_text(
        f"extra:\n  x: !!python/object/apply:exec [{_code(ran)!r}]\n"
    )
    monkeypatch.setenv("CI_JOB_TOKEN", TOKEN)
    monkeypatch.chdir(root)  # a module beside mkdocs.yml would be importable from here
    out = tmp_path / "site"

    code = main(["build", "--root", str(root), "--today", TODAY, "--out", str(out), "--no-cache"])
    captured = capsys.readouterr()
    assert not ran.exists()
    assert code == 1
    assert "error[mkdocs-refused]" in captured.out
    assert EXPECTED[attack] in captured.out
    assert not out.exists()
    assert TOKEN not in captured.out + captured.err


def test_a_linked_mkdocs_yml_is_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = build(tmp_path / "repo", {})
    (tmp_path / "elsewhere.yml").write_text("site_name: SECRET-SITE-NAME-19aa\n")
    os.symlink(tmp_path / "elsewhere.yml", root / "mkdocs.yml")
    out = tmp_path / "site"
    assert main(["build", "--root", str(root), "--today", TODAY, "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "mkdocs.yml is a symbolic link" in captured.out
    assert "SECRET-SITE-NAME" not in captured.out + captured.err


def test_what_a_site_looks_like_may_be_changed(tmp_path: Path) -> None:
    """The default look inherited, with emoji through the allowed !!python/name: tags."""
    config = (
        "INHERIT: brm-mkdocs.yml\n"
        "copyright: Meridian IT\n"
        "theme:\n  name: material\n  palette:\n    primary: teal\n"
        "markdown_extensions:\n  - admonition\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
    )
    root = build(tmp_path / "repo", {"mkdocs.yml": config})
    (root / "brm-mkdocs.yml").write_bytes(DEFAULT_CONFIG.read_bytes())
    out = tmp_path / "site"
    assert main(["build", "--root", str(root), "--today", TODAY, "--out", str(out)]) == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Meridian IT" in index and 'data-md-color-primary="teal"' in index
