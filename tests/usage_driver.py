"""Runs brm's ``main`` over the command lines read as JSON from standard input, one after
the other in this process, and writes what each did as JSON into the file named by the
first argument: its exit code, what it printed, and the traceback of anything it raised.
A command line that runs on for a minute is stopped and reported as such."""

from __future__ import annotations

import contextlib
import io
import json
import signal
import sys
import traceback

from brm_build.cli import main

LIMIT = 60
"""Seconds a wrong command line may take: it ought to stop at once."""


class RanOn(Exception):
    """A command line ran past the time limit."""


def _stop(signum: int, frame: object) -> None:
    raise RanOn(f"still running after {LIMIT} s")


def run(argv: list[str]) -> dict[str, object]:
    """What ``brm`` with ``argv`` did."""
    out, err = io.StringIO(), io.StringIO()
    code: int | None = None
    signal.alarm(LIMIT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except BaseException:  # the point: whatever escapes main is what a user would see
        err.write(traceback.format_exc())
    finally:
        signal.alarm(0)
    return {"argv": argv, "code": code, "stdout": out.getvalue(), "stderr": err.getvalue()}


if __name__ == "__main__":
    signal.signal(signal.SIGALRM, _stop)
    results = [run(argv) for argv in json.load(sys.stdin)]
    with open(sys.argv[1], "w", encoding="utf-8") as handle:
        json.dump(results, handle)
