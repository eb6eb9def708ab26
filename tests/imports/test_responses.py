"""Many rows at once make what each row makes alone: ``responses`` gives every row of an
export the response or the reason that ``answers.response`` gives it, in the same order of
keys, and records the same unmapped answers at the same rows, whatever the rows repeat."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brm_build.imports.answers import Matcher, RowProblem, RowSkipped, Value, response
from brm_build.imports.mapping import LoadedMapping, load_mapping
from brm_build.imports.responses import responses
from brm_build.imports.sources import SourceTable
from brm_build.imports.tables import Row, table
from brm_build.model import Customer, Service
from brm_build.repository import load_repository

from ..conftest import settings_for
from .exports import EMAILS, Q_COMMENT, Q_CSAT, Q_NPS, Q_ROLE, Q_SERVICE, Q_UNIT, mapping
from .exports import repository as base_repository

HEADER = ["Timestamp", "Email Address", Q_UNIT, Q_CSAT, Q_NPS, Q_SERVICE, Q_ROLE, Q_COMMENT]
CELLS = [  # per column: answers that convert first, then those that do not
    ["2026/10/03 9:14:07 AM GMT+2", "2026/10/04 1:02:00 PM GMT+2", ""],
    [*EMAILS, "LENA.VOGT@meridian.example", ""],
    ["finance", "Accounts Payable", " finance ", "Group Finance", "Marketing", "",
     " Prefer not to say"],
    ["Satisfied", " Neutral ", "Very satisfied", "4", "7", "", "Awful"],
    ["9", "", "Prefer not to say", "5.0", "0", "11", "x"],
    ["erp", "Core ERP", "", "nothing"],
    ["Staff", "Manager", "", "user", "Intern"],
    ["Faster close\r\nplease ", " ok ", "", "Prefer not to say"],
]  # fmt: skip
Outcome = dict[str, Value] | RowProblem | RowSkipped
Records = tuple[dict[str, Customer], dict[str, Service]]


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Records:
    root = base_repository(tmp_path_factory.mktemp("responses") / "repo")
    repo, _ = load_repository(settings_for(root, dt.date(2026, 11, 26)))
    return (
        {cid: e.record for cid, e in repo.customers.items()},
        {sid: e.record for sid, e in repo.services.items()},
    )


@pytest.fixture(scope="module")
def mappings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, LoadedMapping]:
    folder = tmp_path_factory.mktemp("mappings")
    texts = {
        "columns": mapping("gforms"),
        "by e-mail": mapping("gforms").replace(f"  customer: {Q_UNIT}\n", "")
        + "customer_by_email: true\n",
        "keyed": mapping("gforms").replace("\nvalues:", "\n  key: Timestamp\nvalues:", 1),
    }
    loaded = {}
    for name, text in texts.items():
        path = folder / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        found, findings = load_mapping(str(path), path.name)
        assert found is not None and not findings, findings
        loaded[name] = found
    return loaded


def _source() -> SourceTable:
    return SourceTable(table([HEADER], HEADER, 1), None, ("Email Address",))


def _shown(outcome: Outcome) -> object:
    if isinstance(outcome, dict):
        return list(outcome.items())
    return type(outcome).__name__, str(outcome)


def _rows(picks: list[tuple[list[int], int]]) -> list[Row]:
    cells = [
        [CELLS[c][i % len(CELLS[c])] for c, i in enumerate(pick)][:width] for pick, width in picks
    ]
    return table([HEADER, *cells], HEADER, 1).rows


def _compare(loaded: LoadedMapping, records: Records, rows: list[Row]) -> None:
    together, alone = Matcher(loaded, _source(), *records), Matcher(loaded, _source(), *records)
    made = responses(together, rows)
    expected: list[Outcome] = []
    for row in rows:
        try:
            expected.append(response(alone, row))
        except (RowProblem, RowSkipped) as outcome:
            expected.append(outcome)
    assert [_shown(o) for o in made] == [_shown(o) for o in expected]
    assert together.unmapped == alone.unmapped


ANSWER = st.one_of(st.integers(0, 1), st.integers(0, 6))  # mostly answers that convert
ROW = st.tuples(st.lists(ANSWER, min_size=8, max_size=8), st.one_of(st.just(8), st.integers(1, 8)))


@given(picks=st.lists(ROW, max_size=60))
@pytest.mark.parametrize("kind", ["columns", "by e-mail", "keyed"])
def test_many_rows_make_what_each_row_makes_alone(
    kind: str,
    picks: list[tuple[list[int], int]],
    records: Records,
    mappings: dict[str, LoadedMapping],
) -> None:
    _compare(mappings[kind], records, _rows(picks))


def test_repeated_rows_of_every_kind_are_made_alike(
    records: Records, mappings: dict[str, LoadedMapping]
) -> None:
    """Every answer of every column three times over, full and short rows."""
    picks = [([i] * 8, width) for i in range(7) for width in (8, 5)] * 3
    for loaded in mappings.values():
        _compare(loaded, records, _rows(picks))
    made = responses(Matcher(mappings["columns"], _source(), *records), _rows(picks))
    assert sum(isinstance(o, dict) for o in made) >= 6  # the rows do convert
