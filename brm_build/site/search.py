"""How the site's search ranks its pages, through the theme's own ``search.boost`` in a
page's front matter: a business unit's page first for its name, id, cost center and
relationship manager, a service's page for its name, then the other record pages (named
after units and services), then the registers and overviews that merely mention records."""

from __future__ import annotations

from .links import RECORD_FOLDERS

UNIT_BOOST = 4.0
"""A business unit's page: above the agreements, meetings and feedback named after it."""
UNIT_STEP = 0.1
"""Taken off a unit's boost per level it is below the top of the structure: a unit comes
before the units below it, whose ids and names start with its own (``plant-north``,
``plant-north-quality``), where the words searched for match both alike."""
SERVICE_BOOST = 3.0
"""A service's page: above the agreements and projects named after the service."""
RECORD_BOOST = 2.0
"""Any other record's page: above the registers and overviews that list it."""
BOOSTS = {"services": SERVICE_BOOST}
"""The record folders whose pages rank otherwise than RECORD_BOOST (units: unit_boost)."""


def unit_boost(depth: int) -> float:
    """The search boost of a business unit's page ``depth`` levels below the top."""
    return round(max(UNIT_BOOST - UNIT_STEP * depth, SERVICE_BOOST + UNIT_STEP), 2)


def search_boost(page: str) -> float | None:
    """The search boost of the page at docs path ``page``; None for the default."""
    folder, _, rest = page.partition("/")
    if not rest:
        return None
    if folder == "customers":
        return unit_boost(0)
    return BOOSTS.get(folder, RECORD_BOOST) if folder in RECORD_FOLDERS else None
