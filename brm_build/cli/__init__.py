"""The command line: one module per command group; only this package prints or exits."""

from .main import _parser, main

__all__ = ["_parser", "main"]
