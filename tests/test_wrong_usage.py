"""Every command, over every wrong usage, answers in plain words with exit code 0, 1 or 2:
never a traceback, never a raw system error.

The commands and their options are read from the parser, so a new command or option is
tried here without a change to this file. Each command line runs through ``main`` in a
process that file permissions bind (even as root: ``tests/unprivileged.py``), so that a
folder that may not be written or read is really that.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

import pytest

from brm_build.cli import _parser

from .conftest import CASES
from .hostile.conftest import git
from .unprivileged import unprivileged

DRIVER = Path(__file__).resolve().parent / "usage_driver.py"
CLEAN = CASES / "valid" / "minimal"
Command = tuple[str, ...]


class Result(TypedDict):
    """What one command line did (``usage_driver.py``)."""

    argv: list[str]
    code: int | None
    stdout: str
    stderr: str


def _leaves(parser: argparse.ArgumentParser, path: Command = ()) -> Iterator[Command]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path
    for sub in subs:
        for name, child in sub.choices.items():
            yield from _leaves(child, (*path, name))


def _find(command: Command) -> argparse.ArgumentParser:
    parser = _parser()
    for name in command:
        (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[name]
    return parser


COMMANDS = sorted(_leaves(_parser()))


@dataclass(frozen=True)
class Places:
    """Where the wrong usages point: each a mistake a user makes."""

    repo: Path
    """A clean records repository under git, the base of every command line."""
    nowhere: Path
    afile: Path
    """A file of bytes that are no text."""
    folder: Path
    """An empty folder."""
    readonly: Path
    """A folder that may not be written to."""
    empty: Path
    """A repository whose records/ folder is empty."""
    norecords: Path
    """A folder without records/."""
    unreadable: Path
    """A repository with a folder under records/ that may not be read."""
    locked: Path
    """A repository where nothing may be written."""
    busy: str
    """HOST:PORT where another program listens."""

    def roots(self) -> list[str]:
        places = (self.nowhere, self.afile, self.norecords, self.empty)
        return [str(p) for p in (*places, self.unreadable, self.locked)]

    def outs(self) -> list[str]:
        under = (self.afile / "sub", self.readonly / "out", self.readonly, self.folder)
        return [str(p) for p in (self.afile, *under)]


def _tree_mode(root: Path, mode: int) -> None:
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        folder.chmod(mode)


@pytest.fixture
def places(tmp_path: Path) -> Iterator[Places]:
    repo = tmp_path / "repo"
    shutil.copytree(CLEAN, repo)
    if shutil.which("git"):
        git(repo, "init", "-q")
        git(repo, "add", ".")
        git(repo, "commit", "-q", "-m", "records")
    afile = tmp_path / "afile"
    afile.write_bytes(b"\xff\xfe\x00 no text\n")
    for name in ("folder", "readonly", "empty/records", "norecords"):
        (tmp_path / name).mkdir(parents=True)
    unreadable, locked = tmp_path / "unreadable", tmp_path / "locked"
    shutil.copytree(CLEAN, unreadable)
    shutil.copytree(CLEAN, locked)
    blocked = unreadable / "records" / "meetings" / "2026"
    blocked.chmod(0)
    (tmp_path / "readonly").chmod(0o555)
    _tree_mode(locked, 0o555)
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        host, port = listener.getsockname()
        yield Places(
            repo=repo,
            nowhere=tmp_path / "nowhere",
            afile=afile,
            folder=tmp_path / "folder",
            readonly=tmp_path / "readonly",
            empty=tmp_path / "empty",
            norecords=tmp_path / "norecords",
            unreadable=unreadable,
            locked=locked,
            busy=f"{host}:{port}",
        )
    blocked.chmod(stat.S_IRWXU)
    (tmp_path / "readonly").chmod(stat.S_IRWXU)
    _tree_mode(locked, stat.S_IRWXU)


def _takes_value(action: argparse.Action) -> bool:
    return bool(action.option_strings) and action.nargs != 0


def _wrong_values(action: argparse.Action, places: Places) -> list[str]:
    """The mistakes to try for an option or argument."""
    if action.dest == "root":
        return places.roots()
    if action.dest == "out":
        return places.outs()
    if action.dest == "dev_addr":
        return ["foo", "127.0.0.1:0", "[::1]:http", "example.com:80", places.busy]
    if action.choices:
        return ["nonsense", ""]
    if action.metavar == "YYYY-MM-DD":
        return ["2026-02-30", "15.06.2026", ""]
    if action.type in (int,) or getattr(action.type, "__name__", "") == "_positive":
        return ["0", "-1", "many"]
    return ["", str(places.afile), str(places.folder), "not an id/..", "-"]


def _filler(action: argparse.Action, places: Places) -> str:
    """A value that lets the command line go on to what is being tried."""
    if action.choices:
        return str(next(iter(action.choices)))
    if action.dest == "root":
        return str(places.repo)
    if action.dest == "out":
        return str(places.folder / "new")
    if action.dest == "dev_addr":
        return places.busy  # the preview must never start
    return "x"


def usages(command: Command, places: Places) -> list[list[str]]:
    """Every wrong command line to try for ``command``."""
    parser = _find(command)
    actions = [a for a in parser._actions if not isinstance(a, argparse._HelpAction)]
    positionals = [a for a in actions if not a.option_strings]
    # What the command line always has: its arguments, and the options that are needed.
    base = {a.dest: _filler(a, places) for a in positionals}
    options = {
        a.option_strings[-1]: _filler(a, places)
        for a in actions
        if _takes_value(a) and (a.required or a.dest in ("root", "dev_addr"))
    }

    def line(args: dict[str, str], opts: dict[str, str]) -> list[str]:
        flat = [item for pair in opts.items() for item in pair]
        return [*command, *args.values(), *flat]

    found = [list(command), [*line(base, options), "--no-such-option"]]
    for action in positionals:
        for value in _wrong_values(action, places):
            found.append(line({**base, action.dest: value}, options))
    for action in filter(_takes_value, actions):
        flag = action.option_strings[-1]
        rest = {k: v for k, v in options.items() if k != flag}
        found.append([*line(base, rest), flag])  # the option without its value
        for value in _wrong_values(action, places):
            found.append(line(base, {**rest, flag: value}))
    for root in places.roots():
        if "--root" in options:
            found.append(line(base, {**options, "--root": root}))
    return found


def drive(lines: list[list[str]], folder: Path, env: dict[str, str]) -> list[Result]:
    """What each command line did, run one after the other in one unprivileged process."""
    results = folder / "results.json"
    done = subprocess.run(
        unprivileged([sys.executable, str(DRIVER), str(results)]),
        input=json.dumps(lines),
        capture_output=True,
        text=True,
        cwd=folder,
        env=env,
        timeout=1800,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    loaded: list[Result] = json.loads(results.read_text(encoding="utf-8"))
    return loaded


def _problem(result: Result) -> str | None:
    """What is wrong with how a command line ended, if anything."""
    said = f"{result['stdout']}{result['stderr']}"
    if "Traceback" in said:
        return "a traceback"
    if result["code"] not in (0, 1, 2):
        return f"exit code {result['code']}"
    if "[Errno" in said:
        return "a raw system error"
    if result["code"] != 0 and not said.strip():
        return "nothing said"
    return None


def _environment(places: Places) -> dict[str, str]:
    home = places.folder.parent / "home"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    # A job summary that cannot be written, for brm check --format github.
    env["GITHUB_STEP_SUMMARY"] = str(places.readonly / "summary.md")
    env["XDG_CACHE_HOME"] = str(home)
    return env


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_wrong_usage_gets_a_plain_answer(command: Command, places: Places) -> None:
    lines = usages(command, places)
    results = drive(lines, places.folder.parent, _environment(places))
    assert [r["argv"] for r in results] == lines
    problems = []
    for result in results:
        problem = _problem(result)
        if problem:
            argv = " ".join(result["argv"])
            problems.append(f"brm {argv}: {problem}\n{result['stdout']}{result['stderr']}")
    assert not problems, f"{len(problems)} of {len(results)} went wrong:\n\n" + "\n\n".join(
        problems
    )


def test_the_commands_come_from_the_parser() -> None:
    assert {("check",), ("build",), ("serve",), ("export",), ("new", "customer")} <= set(COMMANDS)
    assert ("new",) not in COMMANDS  # a command with subcommands is tried through each


def test_each_option_gets_its_mistakes(places: Places) -> None:
    lines = [" ".join(line) for line in usages(("export",), places)]
    assert f"export --root {places.repo} --out {places.afile}" in lines
    assert f"export --root {places.repo} --out {places.readonly / 'out'}" in lines
    assert f"export --root {places.unreadable}" in lines
    assert f"export --root {places.repo} --format nonsense" in lines
    assert f"export --root {places.repo} --today 2026-02-30" in lines
    assert "export" in lines


def test_what_escapes_main_is_reported(places: Places) -> None:
    # No shell can pass a NUL byte, but main can be given one, and the system refuses such a
    # path with a ValueError, which is no mistake brm's messages cover: it is caught here.
    line = ["export", "--root", str(places.repo), "--out", "a\0b"]
    [result] = drive([line], places.folder.parent, _environment(places))
    assert _problem(result) == "a traceback"


def test_no_record_is_written_where_nothing_may_be_written(places: Places) -> None:
    sheet = places.folder / "services.csv"
    sheet.write_text(
        "id,name,owner.name,owner.email,status\n"
        "wms,Warehouse management,Marek Zielinski,marek.zielinski@meridian.example,live\n",
        encoding="utf-8",
    )
    root = ["--root", str(places.locked)]
    manager = ["--manager-name", "Lena Vogt", "--manager-email", "lena.vogt@meridian.example"]
    unit = ["payroll", "--name", "Payroll", "--role", "purchaser", "--parent", "finance"]
    lines = [
        ["new", "customer", *unit, *manager, *root],
        ["import", "services", str(sheet), *root],
        ["codeowners", *root],
    ]
    for result in drive(lines, places.folder.parent, _environment(places)):
        assert result["code"] == 2, result
        assert "permission denied; choose a place you can write to" in result["stderr"]
    assert not (places.locked / "records" / "customers" / "payroll.yaml").exists()


def _import_inputs(folder: Path) -> dict[str, Path]:
    """A Google Forms export and its mapping, an OpenSLO file, and files that are neither."""
    folder.mkdir()
    files = {
        "export": "Timestamp,Department,Satisfaction\r\n2026/10/03 9:14:07 AM GMT+2,finance,4\r\n",
        "mapping": "source: gforms\nsurvey: pulse-2026\ntitle: Pulse\nperiod: 2026-Q4\n"
        "columns:\n  customer: Department\n  csat: Satisfaction\n",
        "slo": "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: availability\n"
        "  displayName: Availability\nspec:\n  timeWindow:\n    - duration: 1M\n"
        "      isRolling: false\n  budgetingMethod: Occurrences\n"
        "  objectives:\n    - target: 0.999\n",
        "blank": "",
        "qualtrics": 'ResponseId,Q1\r\nResponse ID,How satisfied?\r\n{"ImportId":"_recordId"},'
        '{"ImportId":"QID1"}\r\nR_1,4\r\n',
        "deep": "[" * 5000 + "]" * 5000 + "\n",
    }
    paths = {}
    for name, text in files.items():
        paths[name] = folder / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def import_usages(places: Places, inputs: dict[str, Path]) -> list[list[str]]:
    """Wrong command lines of brm import survey and brm import service-levels: files that
    are missing, folders, no text, empty, of another source or nested without end; options
    of the other kinds; values that name nothing; repositories that cannot be used."""
    root = ["--root", str(places.repo)]
    export, mapping, slo = (str(inputs[k]) for k in ("export", "mapping", "slo"))
    wrong = [str(p) for p in (places.nowhere, places.afile, places.folder, *inputs.values())]
    survey = ["import", "survey"]
    levels = ["import", "service-levels"]
    lines = [[*survey, *root], [*levels, *root], [*survey, export, *root]]
    lines += [[*survey, f, "--map", mapping, *root] for f in wrong if f != export]
    lines += [[*survey, export, "--map", f, *root] for f in wrong if f != mapping]
    lines += [[*levels, f, "--agreement", "finance-erp", *root] for f in wrong if f != slo]
    lines += [
        [*survey, export, "--map", mapping, "--agreement", "finance-erp", *root],
        [*survey, export, "--map", mapping, "--encoding", "no-such-codec", *root],
        [*survey, export, "--map", mapping, "--encoding", "utf-16", *root],
        [*levels, slo, *root],
        [*levels, slo, "--map", mapping, *root],
        [*levels, slo, "--source", "csv", *root],
        [*levels, slo, "--replace", *root],
        [*levels, slo, "--encoding", "no-such-codec", "--agreement", "finance-erp", *root],
        *([*levels, slo, "--agreement", a, *root] for a in ("", "not an id/..", "-", "x" * 300)),
    ]
    return lines


def _other_roots(places: Places, inputs: dict[str, Path]) -> list[list[str]]:
    """Right imports into repositories that cannot be used (or, with a folder that may
    not be read, whose check fails before: the import adds no error, so it may write)."""
    export, mapping, slo = (str(inputs[k]) for k in ("export", "mapping", "slo"))
    lines = []
    for other in places.roots():
        lines.append(["import", "survey", export, "--map", mapping, "--root", other])
        lines.append(["import", "service-levels", slo, "--agreement", "x", "--root", other])
    return lines


def test_every_wrong_import_of_a_survey_or_service_levels_gets_a_plain_answer(
    places: Places, tmp_path: Path
) -> None:
    inputs = _import_inputs(tmp_path / "inputs")
    wrong, roots = import_usages(places, inputs), _other_roots(places, inputs)
    results = drive(wrong + roots, places.folder.parent, _environment(places))
    problems = [
        f"brm {' '.join(r['argv'])}: {_problem(r) or 'exit 0'}\n{r['stdout']}{r['stderr']}"
        for n, r in enumerate(results)
        if _problem(r) or (n < len(wrong) and r["code"] == 0)
    ]
    assert not problems, f"{len(problems)} of {len(results)} went wrong:\n\n" + "\n\n".join(
        problems
    )
    assert not (places.repo / "records" / "surveys").exists()  # nothing half-written
