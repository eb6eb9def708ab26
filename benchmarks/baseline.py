"""The baseline brm check is measured against: only parse the same files with libyaml.

Usage: python benchmarks/baseline.py ROOT

Reads every file under ROOT/records, takes a meeting's front matter (between its first
two ``---`` lines), and loads the YAML with PyYAML's libyaml-based CSafeLoader. No
positions, no validation, no checks: the least any YAML-based checker must do.
"""

from __future__ import annotations

import os
import sys

import yaml


def front_matter(text: str) -> str:
    """The YAML between a meeting's opening ``---`` line and the next one."""
    _, _, rest = text.partition("---\n")
    front, _, _ = rest.partition("\n---\n")
    return front


def parse_all(root: str) -> int:
    """Parse every record file under ``root``; return how many were parsed."""
    count = 0
    for folder, dirs, files in os.walk(os.path.join(root, "records")):
        dirs.sort()
        for name in sorted(files):
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                text = handle.read()
            if name.endswith(".md"):
                text = front_matter(text)
            yaml.load(text, Loader=yaml.CSafeLoader)
            count += 1
    return count


if __name__ == "__main__":
    print(parse_all(sys.argv[1]))
