"""``brm import measurements`` on a 100,000-row ServiceNow task_sla export, against
``csv.reader``.

Run ``python benchmarks/measurements_bench.py [--rows N] [--limit K]``. The export is
written into a copy of the example organisation as ServiceNow's list export writes it: a
BOM, every cell quoted, CRLF line ends, day-first local times, rows of two mapped SLA
definitions over ten months and of others that no series matches, some cancelled or in
progress. The report gives rows per CPU second of ``csv.reader`` alone on the file, of
reading and converting every row as the import does (the source reader, matching each
row to a series, its stage, stop time and period, the tally), and of the whole command
(the real check on the repository with the report it writes anew, and the writing), and
the whole command's peak memory. Exit status 1 when conversion is more than ``--limit`` (3 by
default) times slower than ``csv.reader`` alone.
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

from brm_build.imports.measurement_mapping import load_measurements_mapping
from brm_build.imports.servicenow import read_servicenow
from brm_build.imports.sources_context import SourceContext
from brm_build.model.settings import Settings
from brm_build.repository import load_repository
from brm_build.settings import load_config

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 26)
REQUEST, P1 = "Standard request fulfilment 5 working days", "P1 resolution 8h"
MAPPING = f"""\
source: servicenow-task-sla
timezone: Europe/Berlin
time_format: "%d/%m/%Y %H:%M:%S"
series:
  - match: {{sla: {REQUEST}, company: Research and Development}}
    agreement: rnd-plm-2024
    service_level: request-fulfilment
"""
HEADER = ["task", "task.company", "sla", "stage", "has_breached", "business_percentage",
          "start_time", "end_time"]  # fmt: skip
STAGES = ["Completed"] * 8 + ["Cancelled", "In progress"]
SLAS = [REQUEST, REQUEST, REQUEST, P1, "Incident response 8h"]


def _export(path: Path, rows: int) -> None:
    """A task_sla list export of ``rows`` task SLAs stopping in January to October 2026."""
    start = dt.datetime(2026, 1, 1, 6, 0, 0)
    span = (dt.datetime(2026, 10, 31, 20, 0, 0) - start).total_seconds()
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        out.writerow(HEADER)
        for i in range(rows):
            stop = start + dt.timedelta(seconds=span * i / rows)
            began = stop - dt.timedelta(hours=1 + i % 50)
            stage = STAGES[i % len(STAGES)]
            company = "Group Finance" if i % 13 == 0 else "Research and Development"
            out.writerow([
                f"RITM{1_000_000 + i}", company, SLAS[i % len(SLAS)], stage,
                "true" if i % 17 == 0 else "false", f"{(i * 7.31) % 180:.2f}",
                began.strftime("%d/%m/%Y %H:%M:%S"),
                stop.strftime("%d/%m/%Y %H:%M:%S") if stage != "In progress" else "",
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
    agreements = {aid: e.record for aid, e in repo.agreements.items()}
    path = "imports/servicenow-bench.yaml"
    loaded, findings = load_measurements_mapping(str(root / path), path)
    assert loaded is not None and not findings, findings
    context = SourceContext(agreements, loaded)

    def convert() -> int:
        readings = read_servicenow(str(export), context)
        assert not readings.findings and not readings.problems, readings.problems[:3]
        return len(readings.results)

    return convert


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--limit", type=float, default=3.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        shutil.copytree(ROOT / "records", root / "records")
        shutil.copy(ROOT / "brm.yaml", root / "brm.yaml")
        (root / "records/reports/rnd-plm-2024.yaml").unlink()  # the import writes it anew
        (root / "imports").mkdir()
        (root / "imports/servicenow-bench.yaml").write_text(MAPPING, encoding="utf-8")
        export = root / "task_sla.csv"
        _export(export, args.rows)
        reader = _best(lambda: _reader_only(export))
        convert = _converting(root, export)
        results = convert()
        conversion = _best(convert)
        brm = [sys.executable, "-m", "brm_build", "import", "measurements", str(export)]
        command = [*brm, "--map", str(root / "imports/servicenow-bench.yaml"), "--root", str(root)]
        whole = run([*command, "--today", "2026-11-26", "--no-cache"], timing_env())
        mib = export.stat().st_size / 2**20
    n = args.rows
    ratio = conversion / reader
    print(f"{n} task SLAs in a {export.name} of {n + 1} rows, {mib:.0f} MiB ({results} results)")
    print(f"csv.reader alone       {n / reader:>10,.0f} rows/s  ({reader * 1000:.0f} ms)")
    print(f"read and convert       {n / conversion:>10,.0f} rows/s  ({conversion * 1000:.0f} ms)"
          f"  {ratio:.1f}x csv.reader (limit {args.limit:g}x)")  # fmt: skip
    print(f"brm import measurements {n / whole.wall:>9,.0f} rows/s  ({whole.wall:.1f} s wall, "
          f"{whole.cpu:.1f} s CPU, peak {whole.peak_mb:.0f} MiB)")  # fmt: skip
    print("  (the whole command: reading the records, the check with the reports, the merge)")
    return 0 if ratio <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
