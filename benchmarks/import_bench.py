"""``brm import survey`` on a 20,000-response Google Forms export, against ``csv.reader``.

Run ``python benchmarks/import_bench.py [--responses N] [--limit K]``. The export is written
into a copy of the example organisation: a BOM, CRLF line ends, locale timestamps, e-mails
and an answer per question, as Google Forms downloads it. The report gives rows per
CPU second of ``csv.reader`` alone on the file, of reading and converting every row as the
import does (the source reader, matching each answer, the scales, the ref), and of the
whole command (the real check on the repository with the responses, and the writing), and
the whole command's peak memory, and the same for importing the export again into the
survey the first import made (each row then found as imported before). Exit status 1
when conversion is more than ``--limit`` (3 by default) times slower than ``csv.reader``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from timing import run, timing_env

from brm_build.imports.answers import Matcher, RowProblem, RowSkipped
from brm_build.imports.mapping import load_mapping
from brm_build.imports.responses import responses
from brm_build.imports.sources import read_gforms
from brm_build.model.settings import Settings
from brm_build.repository import load_repository
from brm_build.settings import load_config

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 26)
QUESTIONS = [
    "Department",
    "Overall satisfaction",
    "Recommend IT (0-10)",
    "Service",
    "Role",
    "Ideas",
]
LABELS = ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"]
ROLES = ["Head of department", "Team lead", "Staff"]
LIMITS = "limits:\n  max_file_bytes: 8388608\n"
MAPPING = """\
source: gforms
survey: pulse-2026
title: Pulse survey 2026
period: "2026"
columns:
  customer: Department
  csat: Overall satisfaction
  nps: Recommend IT (0-10)
  service: Service
  respondent_role: Role
  comment: Ideas
values:
  csat: {Very dissatisfied: 1, Dissatisfied: 2, Neutral: 3, Satisfied: 4, Very satisfied: 5}
  respondent_role: {Head of department: customer, Team lead: purchaser, Staff: user}
"""


def _export(path: Path, responses: int, units: list[str], services: list[str]) -> None:
    """A Google Forms download of ``responses`` answers."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle, lineterminator="\r\n")
        out.writerow(["Timestamp", "Email Address", *QUESTIONS])
        for i in range(responses):
            day, second = 1 + i % 28, i % 86_400
            hour, minute = divmod(second // 60, 60)
            stamp = f"2026/10/{day:02d} {hour % 12 or 12}:{minute:02d}:{second % 60:02d} "
            stamp += ("AM" if hour < 12 else "PM") + " GMT+2"
            comment = f"Idea {i}: faster, simpler access" if i % 7 == 0 else ""
            out.writerow([
                stamp, f"person{i}@meridian.example", units[i % len(units)],
                LABELS[i % 5], str(i % 11), services[i % len(services)], ROLES[i % 3], comment,
            ])  # fmt: skip


def _best(work: Callable[[], int], rounds: int = 5) -> float:
    """The least CPU time of ``rounds`` runs: steadier than wall time on a busy machine."""
    best = float("inf")
    for _ in range(rounds):
        begin = time.process_time()
        work()
        best = min(best, time.process_time() - begin)
    return best


def _reader_only(path: Path) -> int:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.reader(handle))


def _converting(root: Path, export: Path) -> Callable[[], int]:
    config, _ = load_config(str(root))
    repo, _ = load_repository(Settings(root=str(root), today=TODAY, config=config))
    customers = {cid: e.record for cid, e in repo.customers.items()}
    services = {sid: e.record for sid, e in repo.services.items()}
    loaded, findings = load_mapping(str(root / "imports/pulse.yaml"), "imports/pulse.yaml")
    assert loaded is not None and not findings, findings

    def convert() -> int:
        matcher = Matcher(loaded, read_gforms(str(export)), customers, services)
        outcomes = responses(matcher, matcher.source.table.rows)
        return sum(1 for o in outcomes if not isinstance(o, (RowProblem, RowSkipped)))

    return convert


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=20_000)
    parser.add_argument("--limit", type=float, default=3.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        shutil.copytree(ROOT / "records", root / "records")
        shutil.copy(ROOT / "brm.yaml", root / "brm.yaml")
        with open(root / "brm.yaml", "a", encoding="utf-8") as config:
            config.write(LIMITS)  # a survey of 20,000 responses is larger than the default
        (root / "imports").mkdir()
        (root / "imports/pulse.yaml").write_text(MAPPING, encoding="utf-8")
        units = sorted(p.stem for p in (root / "records/customers").glob("*.yaml"))
        services = sorted(p.stem for p in (root / "records/services").glob("*.yaml"))
        export = root / "pulse.csv"
        _export(export, args.responses, units, services)
        reader = _best(lambda: _reader_only(export))
        convert = _converting(root, export)
        converted = convert()
        conversion = _best(convert)
        brm = [sys.executable, "-m", "brm_build", "import", "survey", str(export)]
        command = [*brm, "--map", str(root / "imports/pulse.yaml"), "--root", str(root)]
        whole = run([*command, "--today", "2026-11-26", "--no-cache"], timing_env())
        again = run([*command, "--today", "2026-11-26", "--no-cache"], timing_env())
    n = args.responses
    ratio = conversion / reader
    print(f"{n} responses in a {export.name} of {n + 1} rows ({converted} converted)")
    print(f"csv.reader alone       {n / reader:>10,.0f} rows/CPU s  ({reader * 1000:.0f} ms)")
    print(f"read and convert       {n / conversion:>10,.0f} rows/CPU s  "
          f"({conversion * 1000:.0f} ms)  {ratio:.1f}x csv.reader "
          f"(limit {args.limit:g}x)")  # fmt: skip
    print(f"brm import survey      {n / whole.cpu:>10,.0f} rows/CPU s  ({whole.cpu:.1f} s CPU, "
          f"{whole.wall:.1f} s wall, peak {whole.peak_mb:.0f} MiB)")  # fmt: skip
    print("  (the whole command: the check of the repository with the responses, the writing)")
    print(f"the same export again  {n / again.cpu:>10,.0f} rows/CPU s  ({again.cpu:.1f} s CPU, "
          f"{again.wall:.1f} s wall, peak {again.peak_mb:.0f} MiB)")  # fmt: skip
    print(f"  (into the survey of {n} responses it made: every row was imported before)")
    return 0 if ratio <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
