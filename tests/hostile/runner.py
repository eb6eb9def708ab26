"""Check one records repository as ``brm check`` does and print its findings as JSON.

Run as ``python -m tests.hostile.runner ROOT TODAY`` by the hostile-input tests, in a
subprocess with a time and memory limit, so that a regression that hangs or exhausts
memory fails one test instead of stopping the whole run.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

from brm_build.check import check
from brm_build.findings import sorted_findings
from brm_build.model.settings import Settings
from brm_build.settings import load_config


def main(root: str, today: str) -> None:
    """Print the findings of the repository at ``root`` as a JSON list."""
    config, problems = load_config(root)
    if problems:
        findings = sorted_findings(problems)
    else:
        findings = check(Settings(root, dt.date.fromisoformat(today), config)).findings
    json.dump(
        [
            {
                "line": f"{f.path}:{f.line}:{f.column}: {f.severity}[{f.code}] {f.field}".rstrip(),
                "message": f.message,
            }
            for f in findings
        ],
        sys.stdout,
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
