"""YAML syntax errors explained: each mistake that people make by hand is reported on its
own line and column, in plain words, with a fix that reads back as the value meant."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from brm_build.findings import Finding
from brm_build.quoting import hide_restricted
from brm_build.yamlsource import parse_mapping

OWNER = "owner:\n  name: Marek Zielinski\n  email: marek@meridian.example\n"


def syntax(text: str, line_offset: int = 0) -> Finding:
    """The one finding of ``text``, a syntax error."""
    document, [finding] = parse_mapping(text, "x.yaml", line_offset)
    assert document is None and finding.code == "yaml-syntax", finding
    return finding


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        (
            "name: ERP\nowner:\n\tname: Marek\n",
            3,
            1,
            "tabs cannot indent YAML; use spaces",
        ),
        (
            "name: ERP\nowner:\n  name: Marek\n\temail: m@meridian.example\n",
            4,
            1,
            "tabs cannot indent YAML; use spaces",
        ),
        ("contacts:\n  -\tname: Anna\n", 2, 4, "tabs cannot indent YAML; use spaces"),
        (
            "owner:\n  name: Marek\n\t\n",
            3,
            1,
            "tabs cannot indent YAML; use spaces (this line holds only blanks: delete them)",
        ),
        (
            "name:Finance\nrole: customer\n",
            1,
            5,
            "a space is needed after the colon: write name: Finance",
        ),
        (
            "name: Finance\nrole:customer\n",
            2,
            5,
            "a space is needed after the colon: write role: customer",
        ),
        (
            "manager:\n  name:Martin\n  email: m@x.example\n",
            2,
            7,
            "a space is needed after the colon: write name: Martin",
        ),
        (
            "attendees:\n  - name:Anna\n    side: it\n",
            2,
            9,
            "a space is needed after the colon: write - name: Anna",
        ),
        (
            'name: ERP\ndescription: "The ERP\n' + OWNER + "tags:\n" + "  - erp\n" * 11,
            2,
            14,
            'the quote " that opens this value is never closed: add " at the end of the value',
        ),
        (
            'name: ERP\ndescription: "The ERP\n' + OWNER + 'status: "live"\n',
            2,
            14,
            'the quote " that opens this value is closed only on line 6: '
            'add " at the end of the value here',
        ),
        (
            "description: 'Finance's ERP'\n",
            1,
            14,
            "an apostrophe ends a value quoted with ': write it twice ('') or quote the value "
            'with " instead, as in description: "Finance\'s ERP"',
        ),
        (
            'name: "Core" ERP\n',
            1,
            7,
            "text follows the closing quote: quote this value, as in name: '\"Core\" ERP'",
        ),
        (
            "owners:\n  - @rita\n",
            2,
            5,
            "a value cannot start with '@': quote this value, as in - \"@rita\"",
        ),
        (
            "name: `erp`\n",
            1,
            7,
            "a value cannot start with '`': quote this value, as in name: \"`erp`\"",
        ),
        (
            "description: *New* ledger\n",
            1,
            14,
            "a value that starts with '*' is read as a reference to another value: "
            'quote this value, as in description: "*New* ledger"',
        ),
        (
            "name: *draft\n",
            1,
            7,
            "a value that starts with '*' is read as a reference to another value: "
            'quote this value, as in name: "*draft"',
        ),
        (
            "actions:\n  - text: Follow-up: send the minutes  # by Friday\n",
            2,
            11,
            "this value holds ': ', which YAML reads as the start of a field: quote this "
            'value, as in - text: "Follow-up: send the minutes"',
        ),
        (
            'summary: Note: the "old" ledger\n',
            1,
            10,
            "this value holds ': ', which YAML reads as the start of a field: quote this "
            "value, as in summary: 'Note: the \"old\" ledger'",
        ),
        (
            "name: \u201cERP: core\u201d\n",
            1,
            7,
            "\u201c and \u201d are typographic quotes, which YAML reads as text: write straight "
            'quotes instead, as in name: "ERP: core"',
        ),
        (
            "description: [Draft] plan\n",
            1,
            14,
            "a value that starts with '[' is read as a list: quote this value, "
            'as in description: "[Draft] plan"',
        ),
        (
            "customers: [finance\ntype: planning\n",
            1,
            12,
            "the list opened with '[' here is not closed: add ']' at its end",
        ),
        (
            "money: {amount: 1\ntype: planning\n",
            1,
            8,
            "the mapping opened with '{' here is not closed: add '}' at its end",
        ),
        (
            "services:\n  - erp\n - crm\n",
            3,
            2,
            "this line is indented 1 space, in line with no field or item above it: indent "
            "it 2 spaces like the item (line 2) or 0 spaces like 'services' (line 1)",
        ),
        (
            "manager:\n    name: Martin\n  email: m@x.example\n",
            3,
            3,
            "this line is indented 2 spaces, in line with no field or item above it: indent "
            "it 4 spaces like 'name' (line 2) or 0 spaces like 'manager' (line 1)",
        ),
        (
            "name: Finance\n  role: customer\n",
            2,
            3,
            "this line is indented under 'name' (line 1), which already has a value: if it "
            "is a field of its own, line it up with 'name'; if it continues the text, quote "
            "the whole text",
        ),
        (
            "services:\n  - erp\n    note: x\n",
            3,
            5,
            "this line is indented under the item on line 2, which is already a value: to "
            "give the item fields, start it with one ('- name: …'); if the line continues "
            "the text, quote the whole item",
        ),
        (
            "services:\n  - erp\n  crm\n",
            3,
            3,
            "this line is in the list of the item on line 2: start it with '- ' to make it "
            "an item of its own",
        ),
        (
            "responses:\n  - customer: finance\n    csat: 4\n  customer: hr\n",
            4,
            3,
            "this line is in the list of the item on line 2: start it with '- ' to make it "
            "an item of its own",
        ),
        (
            "name: Finance\nrole customer\nmanager: x\n",
            2,
            1,
            "this line has no ':' after a field name: write the name, ': ' and the value; if "
            "it continues the text of 'name' (line 1), indent it more than 'name'",
        ),
        (
            "attendees:\n  - name Anna\n    side: it\n",
            2,
            5,
            "this line has no ':' after a field name: write the name, ': ' and the value",
        ),
        (
            "name: Finance\n\ufeffrole: customer\n",
            2,
            1,
            "an invisible character, the byte-order mark U+FEFF (often pasted in with text "
            "from another file), starts this line: delete it",
        ),
        (
            'path: "C:\\new\\q"  # the share\n',
            1,
            14,
            'a backslash inside "…" starts an escape, such as \\n for a new line: write it '
            "twice (\\\\) or quote the value with ' instead, as in path: 'C:\\new\\q'",
        ),
        (
            "services: - erp\n",
            1,
            11,
            "a list item cannot follow its field on the same line: put '- ' and the item on "
            "a line of its own below, indented; if this is text, quote this value",
        ),
        (
            "services:\n  - erp\nrole: customer\n- crm\n",
            4,
            1,
            "this list item stands among fields, under none of them: indent it under the "
            "field whose list it belongs to",
        ),
        (
            "summary: | Finance runs the ledger.\n",
            1,
            12,
            "the text of a '|' or '>' block starts on the next line, indented: move it there",
        ),
    ],
)
def test_each_mistake_is_explained_where_it_is(
    text: str, line: int, column: int, message: str
) -> None:
    finding = syntax(text)
    assert (finding.line, finding.column, finding.message) == (line, column, message)
    assert finding.quote


def test_a_mistake_not_recognised_keeps_the_parsers_words() -> None:
    finding = syntax("a: !<x\n")
    assert finding.message == "invalid YAML: did not find the expected '>' (while scanning a tag)"
    assert (finding.line, finding.column) == (1, 7)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\x85", "\u2028"])
def test_lines_are_counted_at_every_line_break(newline: str) -> None:
    text = newline.join(["name: Finance", "role: customer", "text: Follow-up: call", ""])
    finding = syntax(text)
    assert (finding.line, finding.column) == (3, 7)
    assert finding.message.endswith('as in text: "Follow-up: call"')


def test_front_matter_lines_count_from_the_top_of_the_file() -> None:
    finding = syntax('title: Review\nnotes: "open\nstatus: "done"\n', line_offset=1)
    assert (finding.line, finding.column) == (3, 8)
    assert "closed only on line 4" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "name: A\nmanager:\n  name: M\n  phone:SECRET-4711\n  email: x\n",
        "name: A\nmanager:\n  name: M\n  phone: @SECRET-4711\n",
        "name: A\nmanager:\n  name: M\n  phone: SECRET: 4711\n",
        "name: A\nmanager:\n  name: M\n  phone: 'SECRET's 4711'\n",
        "name: A\ncontacts:\n  - name: M\n    phone: `SECRET-4711`\n",
        "title: T\nresponses:\n  - customer: a\n    comment: Slow: SECRET-4711\n",
        "title: T\nresponses:\n  - customer: a\n    comment:SECRET-4711\n    csat: 4\n",
        "name: A\nit_budget:\n  amount: *SECRET-4711\n",
    ],
)
def test_a_restricted_line_is_never_shown(text: str) -> None:
    finding = syntax(text)
    assert "SECRET" not in finding.message and "4711" not in finding.message
    assert not finding.quote
    assert text.splitlines()[finding.line - 1].count("SECRET") == 1


def test_a_long_fix_is_described_not_copied() -> None:
    finding = syntax(f"text: {'a' * 200}: b\n")
    assert finding.message == (
        "this value holds ': ', which YAML reads as the start of a field: quote this value"
    )


_SHOWN_FIX = re.compile(r"(?:, as in |after the colon: write )(.*)$")
_ALPHABET = st.sampled_from([*"ab :'\"`@*[]{}#,-!&|>%?\t\\", "\u201c", "\u201d"])


@given(value=st.text(_ALPHABET, min_size=1, max_size=12), item=st.booleans())
def test_every_fix_shown_reads_back_as_the_value_written(value: str, item: bool) -> None:
    """Whatever a person types, a corrected line the message shows is valid YAML, and a
    quoted value in it holds the text as typed (past a comment and the typographic quotes)."""
    line = f"  - text: {value}" if item else f"text: {value}"
    _, findings = parse_mapping(f"{line}\nstatus: open\n", "x.yaml")
    syntax_errors = [f.message for f in findings if f.code == "yaml-syntax"]
    shown = [m.group(1) for message in syntax_errors if (m := _SHOWN_FIX.search(message))]
    for fix in shown:
        parsed = yaml.load(fix, Loader=yaml.CSafeLoader)  # the reader's parser
        mapping = parsed[0] if isinstance(parsed, list) else parsed
        assert isinstance(mapping, dict) and isinstance(mapping.get("text"), str), fix


@given(
    before=st.sampled_from(["", " ", "  ", "\t"]),
    value=st.text(_ALPHABET, max_size=8),
    field=st.sampled_from(["phone", "comment"]),
)
def test_no_mistake_on_a_restricted_line_shows_it(before: str, value: str, field: str) -> None:
    """However a restricted field's line is broken, no message repeats its value and no
    report quotes the line."""
    text = f"name: A\ncontacts:\n  - name: M\n    {field}:{before}SECRET{value}\n    email: x\n"
    _, findings = parse_mapping(text, "x.yaml")
    hidden = hide_restricted(text.splitlines())
    for f in findings:
        assert "SECRET" not in f.message
        assert not (f.quote and f.line == 4 and hidden[3] is not None), f
