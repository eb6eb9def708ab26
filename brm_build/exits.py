"""The exit codes of brm: defined once, returned by every command."""

from __future__ import annotations

EXIT_OK = 0
"""Done: the records pass, the output is written."""
EXIT_FINDINGS = 1
"""The records have findings that fail (or a build, import or write they stop)."""
EXIT_USAGE = 2
"""How brm was called or configured is wrong: nothing was done."""
EXIT_INTERRUPTED = 130
"""Stopped with Ctrl-C (or SIGTERM), as a shell reports a command stopped by SIGINT."""
