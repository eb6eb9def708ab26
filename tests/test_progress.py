"""Progress shows on a terminal only, redraws sparingly and ends with what was done."""

from __future__ import annotations

import io

from brm_build.progress import Progress, shows_progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_live_only_on_a_terminal_outside_ci() -> None:
    assert shows_progress(_Terminal(), {})
    assert shows_progress(_Terminal(), {"CI": "false"})
    assert not shows_progress(_Terminal(), {"CI": "true"})
    assert not shows_progress(_Terminal(), {"CI": "1"})
    assert not shows_progress(io.StringIO(), {})


def test_redraws_at_most_ten_times_a_second_and_always_the_last() -> None:
    stream, clock = _Terminal(), _Clock()
    progress = Progress(stream, "checking", live=True, clock=clock)
    for done in range(1, 100):
        progress(done, 100)
        clock.now += 0.001
    progress(100, 100)
    assert stream.getvalue() == "\r\033[Kchecking 1/100\r\033[Kchecking 100/100"
    clock.now += 2.5
    progress.finish("checked 100 files")
    assert stream.getvalue().endswith("\r\033[Kchecked 100 files in 2.6 s\n")


def test_quiet_when_not_live() -> None:
    stream = _Terminal()
    progress = Progress(stream, "checking", live=False)
    progress(1, 2)
    progress.finish("checked 2 files")
    assert stream.getvalue() == ""
