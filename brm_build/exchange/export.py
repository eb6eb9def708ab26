"""``brm export``: every valid record as one JSON document or as CSV tables.

Both leave restricted fields out unless ``publish`` in brm.yaml opts them in by name,
exactly as the site does: an export is a publication.
"""

from __future__ import annotations

import csv
import io
import json

from ..escape.spreadsheet import neutralise
from ..model import KINDS
from ..model.repository import Repository
from ..model.settings import BrmConfig
from ..publication import Publication, publish
from .tables import kind_tables

FORMAT_VERSION = 1


def _public(repository: Repository, config: BrmConfig) -> Publication:
    return publish(repository, list(config.publish))


def export_json(repository: Repository, config: BrmConfig) -> str:
    """One JSON document: the organisation, then a list of records per kind."""
    public = _public(repository, config)
    document: dict[str, object] = {
        "brm_export": FORMAT_VERSION,
        "organisation": config.organisation,
    }
    for kind in KINDS:
        items = []
        for rid, entry in public.table(kind.folder).items():
            item = {"id": rid, **entry.record.model_dump(mode="json", exclude_none=True)}
            if entry.body is not None:
                item["notes"] = entry.body
            items.append(item)
        document[kind.folder] = items
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def csv_text(rows: list[list[str]]) -> str:
    """Rows as CSV text with a byte-order mark, so that spreadsheets read it as UTF-8;
    no cell is a formula (``escape.spreadsheet``)."""
    out = io.StringIO()
    out.write("\ufeff")
    csv.writer(out, lineterminator="\r\n").writerows([neutralise(c) for c in r] for r in rows)
    return out.getvalue()


def export_csv(repository: Repository, config: BrmConfig) -> dict[str, str]:
    """CSV text by file name: one table per kind and one per list of items in a kind."""
    public = _public(repository, config)
    opted = frozenset(config.publish)
    files: dict[str, str] = {}
    for kind in KINDS:
        records = [(rid, entry.record) for rid, entry in public.table(kind.folder).items()]
        for name, rows in kind_tables(kind, records, opted).items():
            files[f"{name}.csv"] = csv_text(rows)
    return files
