"""Read the organisation's settings from ``brm.yaml`` (the types are ``model.settings``)."""

from __future__ import annotations

import os

from .findings import Finding
from .model.settings import BrmConfig, CacheSettings, Codeowners, Limits, Settings, Thresholds
from .reading import read_text
from .validation import validate
from .yamlsource import parse_mapping

CONFIG_FILE = "brm.yaml"


def load_config(root: str) -> tuple[BrmConfig, list[Finding]]:
    """Read brm.yaml under ``root``; a missing file means all defaults."""
    path = os.path.join(root, CONFIG_FILE)
    if not os.path.exists(path):
        return BrmConfig(), []
    text, findings = read_text(path, CONFIG_FILE, 1_048_576)
    if text is None:
        return BrmConfig(), findings
    document, findings = parse_mapping(text, CONFIG_FILE)
    if document is None or findings:
        return BrmConfig(), findings
    model, findings = validate(document, BrmConfig, CONFIG_FILE)
    if model is None:
        return BrmConfig(), findings
    return model, []


__all__ = [
    "CONFIG_FILE",
    "BrmConfig",
    "CacheSettings",
    "Codeowners",
    "Limits",
    "Settings",
    "Thresholds",
    "load_config",
]
