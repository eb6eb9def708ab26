"""An export's rows as a table: numbered as a spreadsheet shows them (header rows counted),
a row that is entirely blank left out, whether or not the file has any."""

from __future__ import annotations

from brm_build.imports.tables import Row, csv_rows, table


def test_rows_are_numbered_from_the_first_data_row() -> None:
    rows = [["id", "q"], ["ids"], ["1", "a"], ["2", "b"]]
    made = table(rows, rows[0], 2)
    assert made.columns == ["id", "q"]
    assert made.rows == [Row(3, ["1", "a"]), Row(4, ["2", "b"])]
    assert all(type(row) is Row for row in made.rows)


def test_a_blank_row_is_left_out_and_the_others_keep_their_numbers() -> None:
    rows = csv_rows('q,r\r\n,x\r\n\r\n , \r\n"",""\r\na,b\r\n', "export.csv")
    made = table(rows, rows[0], 1)
    assert made.rows == [Row(2, ["", "x"]), Row(6, ["a", "b"])]


def test_blank_lines_at_the_end_are_not_rows() -> None:
    rows = csv_rows("q\r\na\r\n\r\n,\r\n", "export.csv")
    assert rows == [["q"], ["a"]]
    assert table(rows, rows[0], 1).rows == [Row(2, ["a"])]
