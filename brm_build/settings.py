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
    config, findings, _ = read_config(root)
    return config, findings


def read_config(root: str) -> tuple[BrmConfig, list[Finding], str | None]:
    """Read brm.yaml under ``root``: its settings, the findings on it and its text as
    read (None: no file, or it could not be read)."""
    path = os.path.join(root, CONFIG_FILE)
    if not os.path.exists(path):
        return BrmConfig(), [], None
    text, findings = read_text(path, CONFIG_FILE, 1_048_576)
    if text is None:
        return BrmConfig(), findings, None
    document, findings = parse_mapping(text, CONFIG_FILE)
    if document is None or findings:
        return BrmConfig(), findings, text
    model, findings = validate(document, BrmConfig, CONFIG_FILE)
    if model is None:
        return BrmConfig(), findings, text
    return model, [], text


__all__ = [
    "CONFIG_FILE",
    "BrmConfig",
    "CacheSettings",
    "Codeowners",
    "Limits",
    "Settings",
    "Thresholds",
    "load_config",
    "read_config",
]
