"""Run a command in a child process and measure it: wall time, CPU time and peak memory.

The child is reaped with ``os.wait4``, whose resource usage is that child's alone (and
of the processes it waited for), so each command's peak memory is its own.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    """One run of a command."""

    wall: float
    """Seconds from start to exit."""
    cpu: float
    """User and system seconds of the command and its children: steadier than wall time
    on a busy machine."""
    peak_mb: float
    """Largest resident set size, in MiB."""
    output: str


class CommandFailed(Exception):
    """A measured command exited with an error: the measurement means nothing."""


def run(command: Sequence[str], env: dict[str, str], ok: Sequence[int] = (0,)) -> Sample:
    """Run ``command`` once, measured; raise CommandFailed on an unexpected exit code."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        output, errors = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if child.returncode not in ok:
        raise CommandFailed(f"{' '.join(command)} exited {child.returncode}:\n{errors[-2000:]}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output)


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
