"""How far a long command is: a live count on a terminal, then what was done and how long
it took. Quiet when the output is piped or runs in CI, where a redrawn line is only noise."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import TextIO

REDRAW_SECONDS = 0.1
_CLEAR_LINE = "\r\033[K"


def shows_progress(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Whether to show progress on ``stream``: a terminal, and not a CI job."""
    in_ci = environ.get("CI", "").strip().lower() in ("true", "1", "yes")
    return stream.isatty() and not in_ci


class Progress:
    """Draws "verb done/total" on one terminal line, at most ten times a second."""

    def __init__(
        self,
        stream: TextIO,
        verb: str,
        live: bool,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.verb = verb
        self.live = live
        self.clock = clock
        self.started = clock()
        self.drawn = float("-inf")

    def __call__(self, done: int, total: int) -> None:
        """Note that ``done`` of ``total`` items are finished."""
        if not self.live:
            return
        now = self.clock()
        if done < total and now - self.drawn < REDRAW_SECONDS:
            return
        self.drawn = now
        self.stream.write(f"{_CLEAR_LINE}{self.verb} {done}/{total}")
        self.stream.flush()

    def stage(self, text: str) -> None:
        """Show what the command does now, such as "rendering 40 pages"."""
        if self.live:
            self.stream.write(f"{_CLEAR_LINE}{text}")
            self.stream.flush()

    def finish(self, summary: str) -> None:
        """Replace the live line with ``summary`` and the time taken, such as
        "checked 14120 files in 3.2 s"."""
        if not self.live:
            return
        elapsed = self.clock() - self.started
        self.stream.write(f"{_CLEAR_LINE}{summary} in {elapsed:.1f} s\n")
        self.stream.flush()
