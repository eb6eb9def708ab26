"""How the command-line modules register their commands: the types they share."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeAlias

Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
"""Where a command adds its parser (``sub.add_parser``)."""
AddCommon: TypeAlias = Callable[[argparse.ArgumentParser], None]
"""Adds the options every records command takes (``--root``, ``--today``, ``--no-cache``)."""
