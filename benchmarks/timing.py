"""Run a command in a child process and measure it: wall time, CPU time and peak memory.

The child is reaped with ``os.wait4``, whose resource usage is that child's alone (and
of the processes it waited for), so each command's CPU time is its own. Its peak memory is
sampled from /proc ten times a second as the sum over the child and every process under
it, since a build runs several at once; elsewhere it is the largest single process.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

DISTORTING = (
    "PYTHONDONTWRITEBYTECODE",
    "PYTHONPROFILEIMPORTTIME",
    "PYTHONTRACEMALLOC",
    "PYTHONDEVMODE",
    "PYTHONMALLOC",
    "PYTHONMALLOCSTATS",
    "PYTHONASYNCIODEBUG",
    "PYTHONVERBOSE",
    "PYTHONDEBUG",
    "PYTHONINSPECT",
    "PYTHONWARNINGS",
    "PYTHONBREAKPOINT",
    "COVERAGE_PROCESS_START",
)
"""Settings of the caller's environment that change what a timed Python command costs:
without bytecode every start compiles each module again (it doubles a start-up), the others
add tracing, debugging or checking a user's run does not have."""


def timing_env(**extra: str) -> dict[str, str]:
    """The caller's environment without the settings that distort timings, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in DISTORTING}
    env.update(extra)
    return env


@dataclass(frozen=True)
class Sample:
    """One run of a command."""

    wall: float
    """Seconds from start to exit."""
    cpu: float
    """User and system seconds of the command and its children: steadier than wall time
    on a busy machine."""
    peak_mb: float
    """Largest resident set size of the command with all its processes together, in MiB."""
    output: str


class CommandFailed(Exception):
    """A measured command exited with an error: the measurement means nothing."""


def run(command: Sequence[str], env: dict[str, str], ok: Sequence[int] = (0,)) -> Sample:
    """Run ``command`` once, measured; raise CommandFailed on an unexpected exit code."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        sampler = _TreeMemory(child.pid)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        sampler.stop()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        output, errors = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if child.returncode not in ok:
        raise CommandFailed(f"{' '.join(command)} exited {child.returncode}:\n{errors[-2000:]}")
    peak = max(usage.ru_maxrss * 1024, sampler.peak) / 2**20
    return Sample(wall, usage.ru_utime + usage.ru_stime, peak, output)


class _TreeMemory(threading.Thread):
    """Samples the resident memory of a process and all its descendants, summed."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()
        self.page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

    def run(self) -> None:
        if not os.path.isdir("/proc"):
            return
        while not self.done.wait(0.1):
            self.peak = max(self.peak, self._resident())

    def stop(self) -> None:
        self.done.set()
        self.join()

    def _resident(self) -> int:
        parents: dict[int, list[int]] = {}
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as f:
                        parent = int(f.read().rpartition(")")[2].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
                parents.setdefault(parent, []).append(int(name))
        total, todo = 0, [self.pid]
        while todo:
            pid = todo.pop()
            todo += parents.get(pid, [])
            try:
                with open(f"/proc/{pid}/statm", encoding="ascii") as f:
                    total += int(f.read().split()[1]) * self.page
            except (OSError, ValueError, IndexError):
                continue
        return total


def best(
    command: Sequence[str],
    env: dict[str, str],
    repeat: int,
    before: Callable[[int], None] | None = None,
) -> Sample:
    """The fastest of ``repeat`` runs (least wall and least CPU time, largest memory);
    ``before(i)`` prepares run ``i``."""
    samples = []
    for i in range(repeat):
        if before is not None:
            before(i)
        samples.append(run(command, env))
    return Sample(
        min(s.wall for s in samples),
        min(s.cpu for s in samples),
        max(s.peak_mb for s in samples),
        samples[0].output,
    )


def total(samples: Sequence[Sample]) -> Sample:
    """Several commands as one measurement: times add up, memory is the largest."""
    return Sample(
        sum(s.wall for s in samples),
        sum(s.cpu for s in samples),
        max((s.peak_mb for s in samples), default=0.0),
        "".join(s.output for s in samples),
    )
