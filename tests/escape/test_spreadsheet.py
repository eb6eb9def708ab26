"""No cell brm writes to a spreadsheet is a formula, and reading it back restores it."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from brm_build.escape.spreadsheet import TRIGGERS, neutralise, restore


def test_formulas_get_a_quote_and_numbers_do_not() -> None:
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("\t=1") == "'\t=1" and neutralise("\r=1") == "'\r=1"
    assert neutralise("-2+3") == "'-2+3" and neutralise("+") == "'+"
    assert [neutralise(n) for n in ("-4.5", "+7", "-1e15", "12")] == ["-4.5", "+7", "-1e15", "12"]
    assert neutralise("plain") == "plain" and neutralise("") == ""
    assert neutralise("'text") == "'text" and neutralise("'=x") == "''=x"


_CELLS = st.text(alphabet=st.sampled_from([*TRIGGERS, "'", "1", ".", "e", "a", " "]), max_size=6)


@given(st.one_of(_CELLS, st.text()))
def test_restore_undoes_neutralise(cell: str) -> None:
    shown = neutralise(cell)
    assert restore(shown) == cell
    if shown.startswith(TRIGGERS):  # only a number may begin so: a spreadsheet reads a number
        assert re.fullmatch(r"[+-][0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?", shown), shown
