"""Every command, subcommand, option and ``--format`` choice has its ``--help`` text and
its place in the README's Commands table. The commands and choices are read from the
argparse parser itself, so that one added there without its words fails here."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

import pytest

from brm_build.cli import _parser, main

from .readme import section

Command = tuple[tuple[str, ...], argparse.ArgumentParser, str]


def _commands(parser: argparse.ArgumentParser, above: tuple[str, ...] = ()) -> Iterator[Command]:
    """Every command and subcommand: its words, its parser and its one-line help."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            summaries = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                yield (*above, name), sub, summaries.get(name, "")
                yield from _commands(sub, (*above, name))


COMMANDS = list(_commands(_parser()))
IDS = [" ".join(words) for words, _, _ in COMMANDS]


def _options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """The arguments a user gives, without --help and the subcommand choice."""
    return [
        a
        for a in parser._actions
        if not isinstance(a, argparse._HelpAction | argparse._SubParsersAction)
    ]


def _readme_row(command: str) -> str:
    """The rows of the README's Commands table for the top-level ``command``, one text."""
    rows = [
        line
        for line in section("Commands").splitlines()
        if re.match(rf"\| `brm {re.escape(command)}[ `]", line)
    ]
    assert rows, f"README.md's Commands table has no row for brm {command}"
    return "\n".join(rows)


def test_the_parser_is_read_whole() -> None:
    names = set(IDS)
    assert {"check", "build", "import", "new customer", "new feedback", "rename"} <= names


@pytest.mark.parametrize(("words", "parser", "summary"), COMMANDS, ids=IDS)
def test_every_command_has_help(
    words: tuple[str, ...],
    parser: argparse.ArgumentParser,
    summary: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([*words, "--help"]) == 0
    assert f"usage: brm {' '.join(words)}" in capsys.readouterr().out
    assert len(summary) > 10, f"brm {' '.join(words)}: add help= to its add_parser"
    assert parser.description and len(parser.description) > 10, f"brm {' '.join(words)}"
    for action in _options(parser):
        name = "/".join(action.option_strings) or action.dest
        assert action.help and action.help != argparse.SUPPRESS, f"{' '.join(words)} {name}"


@pytest.mark.parametrize(("words", "parser", "summary"), COMMANDS, ids=IDS)
def test_every_command_is_in_the_readme(
    words: tuple[str, ...], parser: argparse.ArgumentParser, summary: str
) -> None:
    row = _readme_row(words[0])
    for word in words[1:]:  # a subcommand is named in its command's row
        assert re.search(rf"\b{re.escape(word)}\b", row), f"README.md: brm {' '.join(words)}"


@pytest.mark.parametrize(("words", "parser", "summary"), COMMANDS, ids=IDS)
def test_every_format_choice_is_explained(
    words: tuple[str, ...], parser: argparse.ArgumentParser, summary: str
) -> None:
    formats = [a for a in _options(parser) if "--format" in a.option_strings]
    for action in formats:
        choices = [str(choice) for choice in action.choices or ()]
        assert choices, f"brm {' '.join(words)} --format lists no choices"
        row = _readme_row(words[0])
        for choice in choices:
            assert re.search(rf"\b{choice}\b", action.help or ""), f"--help of {choice}"
            assert re.search(rf"--format [^`]*\b{choice}\b", row), f"README.md: {choice}"
