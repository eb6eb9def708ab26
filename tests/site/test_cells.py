"""The pieces pages repeat: each equals what the Jinja2 macros it replaces gave."""

from __future__ import annotations

import datetime as dt
import itertools
import posixpath
import re
from typing import Any

import markdown
import pytest
from jinja2 import DictLoader
from markupsafe import Markup

from brm_build.charts.model import Chart, Table
from brm_build.model.common import Money, Person
from brm_build.model.kinds import ServiceLevel
from brm_build.site import raw
from brm_build.site.cells import HEADLINE_CHARS, Cells, Shared, headline, number, percent
from brm_build.site.context import environment
from brm_build.site.links import relative
from brm_build.site.markup import Escaper, escape, mailto
from brm_build.site.status import Result

from .sample import sample_data

HOSTILE = [
    "Evil | *Corp* <script>alert('x')</script> [x](javascript:alert(1)) {{ 7*7 }}",
    "- list",
    "1. item",
    "a & b \"q\" 'q' `c` _u_ ~s~ #h \\ {a}",
    "  spaced\n\tout \x07 ",
    "",
]

# The macros the cells replace, as they were, for comparison.
MACROS = """\
{% macro record_link(folder, table, id, label) -%}
{% if id in table %}[{{ label }}]({{ url(folder ~ "/" ~ id ~ ".md") }}){% else %}{{ id }}{% endif %}
{%- endmacro %}
{% macro customer(id) -%}
{{ record_link("customers", pub.customers, id,
   pub.customers[id].record.name if id in pub.customers else id) }}
{%- endmacro %}
{% macro person(p) -%}
{% if p is none %}not recorded{% else %}{{ p.name }}{% if p.title %}, {{ p.title }}{% endif %} \
([{{ p.email }}]({{ p.email | mailto }})){% if p.phone %}, phone {{ p.phone }}{% endif %}{% endif %}
{%- endmacro %}
{% macro badge(label, level) -%}
<span class="brm-badge brm-{{ level }}">{{ label }}</span>
{%- endmacro %}
{% macro money(m) -%}
{{ m.amount | number }} {{ m.currency }}
{%- endmacro %}
{% macro result(r, level) -%}
{% if r.value is none %}–{% elif r.met %}{{ r.value | number }}{% else %}\
<span class="brm-breach" title="missed: target {{ "≥" if level.direction == "at_least" \
else "≤" }} {{ level.target | number }}">✗ {{ r.value | number }}</span>{% endif %}
{%- endmacro %}
{% macro target(level) -%}
{{ "≥" if level.direction == "at_least" else "≤" }}&nbsp;{{ level.target | number }}\
&nbsp;{{ unit_after(level.target, level.unit) }}
{%- endmacro %}
{% macro table(t) -%}
{% if t %}
|{% for h in t.headers %} {{ h }} |{% endfor +%}
|{% for h in t.headers %} --- |{% endfor +%}
{% for row in t.rows %}
|{% for cell in row %} {{ cell }} |{% endfor +%}
{% endfor %}

{% endif %}
{%- endmacro %}
"""


def _macros(page: str) -> Any:
    """The reference macros, bound to ``page`` and the sample records."""
    env = environment()
    env.loader = DictLoader({"m.j2": MACROS.replace("\\\n", "")})
    pub = sample_data().publication
    return env.get_template("m.j2").make_module({"page": page, "pub": pub})


def _rendered(page: str) -> str:
    """``page`` as the build's MkDocs process renders it, ready-made HTML put back."""
    stash = raw.Stash()
    converter = markdown.Markdown(extensions=["tables", "md_in_html"])
    return stash.restore(converter.convert(stash.take(page)))


def _cells(page: str) -> Cells:
    return Shared(sample_data().publication, Escaper()).page(page)


def test_the_escaper_escapes_as_escape_does_however_often_asked() -> None:
    values: list[Any] = [*HOSTILE, 1, True, 1.0, 0.0, -0.0, False, 0, None, dt.date(2026, 1, 2)]
    values += [Markup("<b>kept</b>"), "1", 12345, -3, 2.5]
    escaper = Escaper(limit=4)
    for value in values * 3:
        assert escaper(value) == escape(value), value
        assert len(escaper.cache) <= 4


def test_relative_links_equal_posixpath() -> None:
    parts = ["a", "b", "c.md", "..", ".", "", "x.y"]
    targets = ["a.md", "a/b.md", "b/c.md", "a/a.md", "a/b/c.md", "a/../b.md", "a//b.md"]
    for k in range(1, 4):
        for source in map("/".join, itertools.product(parts, repeat=k)):
            for target in targets:
                expected = posixpath.relpath(target, posixpath.dirname(source) or ".")
                assert relative(source, target) == expected, (source, target)


@pytest.mark.parametrize("page", ["index.md", "customers/finance.md", "a/b/c.md"])
def test_record_links_match_the_macros(page: str) -> None:
    macros, cells = _macros(page), _cells(page)
    ids = [*sample_data().publication.customers, *HOSTILE, "missing"]
    for rid in ids:
        assert cells.customer(rid) == macros.customer(rid), rid
    assert cells.customers(ids) == ", ".join(macros.customer(rid) for rid in ids)
    label = HOSTILE[0]
    assert cells.feedback("x", label) == escape("x")
    for fid in sample_data().publication.feedback:
        expected = macros.record_link("feedback", {fid: 1}, fid, label)
        assert cells.feedback(fid, label) == expected


def test_people_badges_money_and_results_match_the_macros() -> None:
    macros, cells = _macros("customers/a.md"), _cells("customers/a.md")
    for text in HOSTILE:
        email = "a.b@example.org"
        for title, phone in [(None, None), (text, text)]:
            p = Person(name=text or "n", title=title, email=email, phone=phone)
            assert cells.person(p) == macros.person(p)
        assert cells.badge(text, text) == macros.badge(text, text)
        assert cells.status(text) == macros.badge(text, "muted")
        money = Money.model_construct(amount=1234567.5, currency=text)
        assert cells.money(money) == macros.money(money)
    assert cells.person(None) == macros.person(None) == "not recorded"
    assert cells.status("open") == macros.badge("open", "warn")
    for direction in ("at_least", "at_most"):
        level = ServiceLevel(id="up", metric="Up", target=99.5, unit="% <b>", direction=direction)
        assert cells.target(level) == macros.target(level)
        for r in (Result(None, None), Result(99.9, True), Result(12.25, False)):
            assert cells.result(r, level) == macros.result(r, level)


def test_a_target_of_one_reads_in_the_singular() -> None:
    cells = _cells("agreements/a.md")
    level = ServiceLevel(id="p1", metric="P1", target=1, unit="hours", direction="at_most")
    assert cells.target(level) == "≤&nbsp;1&nbsp;hour"
    assert cells.target(level, 4) == "≤&nbsp;4&nbsp;hours"


def test_a_result_names_the_target_in_force_and_earlier_targets_are_listed() -> None:
    cells = _cells("agreements/a.md")
    earlier = [{"until": "2026-03", "target": 99.9}, {"until": "2026-06", "target": 99.5}]
    level = ServiceLevel.model_validate(
        {"id": "up", "metric": "Up", "target": 99, "unit": "% <b>", "direction": "at_least"}
        | {"earlier_targets": earlier}
    )
    assert 'title="missed: target ≥ 99.5"' in cells.result(Result(99.2, False, 99.5), level)
    assert cells.earlier_targets(level) == (
        "<br>until&nbsp;2026-06: ≥&nbsp;99.5&nbsp;% &lt;b&gt;"
        "<br>until&nbsp;2026-03: ≥&nbsp;99.9&nbsp;% &lt;b&gt;"
    )
    assert cells.earlier_targets(level.model_copy(update={"earlier_targets": []})) == ""


def test_chart_tables_match_the_macro_and_sit_collapsed_under_the_chart() -> None:
    macros, cells = _macros("customers/a.md"), _cells("customers/a.md")
    table = Table(("Period", *HOSTILE[:3]), (("2026-Q1", "1", "- 2", "<3>"), ("x", "", "", "")))
    # the table comes ready-made: once rendered, it is the Markdown table the macro wrote
    assert _rendered(cells.table(table)) == _rendered(macros.table(table))
    assert raw.OPEN in cells.table(table)
    assert cells.table(None) == "" and cells.chart(None) == ""
    narrow = Chart("trend.svg", "CSAT <rose>", table, None)  # type: ignore[arg-type]
    out = cells.chart(narrow)
    assert out.startswith('<div class="brm-chart" markdown>\n<figure class="brm-chart-figure">\n')
    assert '<img src="../charts/trend.svg" alt="CSAT &lt;rose&gt;" loading="lazy">' in out
    assert out.count("CSAT &lt;rose&gt;") == 1, "the alt text once, no caption repeating it"
    data = (
        '<details class="brm-chart-data" markdown>\n<summary>The data of this chart</summary>'
        f"\n\n{cells.table(table)}</details>\n</div>\n\n"
    )
    assert out.endswith(data)
    wide = Chart("wide.svg", "w", Table(tuple("abcdefgh"), ()), None)  # type: ignore[arg-type]
    assert '<img src="charts/wide.svg"' in _cells("index.md").chart(wide)


def test_numbers_and_shares() -> None:
    assert number(1234.5) == "1,234.5" and number(2.0) == "2" and number(None) == ""
    assert number(7) == "7" and percent(None) == "" and percent(66.6) == "67%"
    assert mailto("a b@x") == "mailto:a%20b@x"
    assert re.fullmatch(r"\d+%", percent(100.0))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Short subject", "Short subject"),
        ("x" * HEADLINE_CHARS, "x" * HEADLINE_CHARS),
        ("word " * 30, ("word " * 15).rstrip() + "…"),
        (
            "A list; of clauses, " * 8,
            "A list; of clauses, A list; of clauses, A list; of clauses, A list; of…",
        ),
        ("y" * 200, "y" * (HEADLINE_CHARS - 1) + "…"),
    ],
)
def test_a_headline_is_cut_after_a_whole_word(text: str, shown: str) -> None:
    assert headline(text) == shown
    assert len(headline(text)) <= HEADLINE_CHARS


def test_templates_cut_a_long_commit_subject_where_they_name_it_in_passing() -> None:
    env = environment(DictLoader({"t": "“{{ s | headline }}”"}))
    assert env.get_template("t").render(s="Fix & " * 40).startswith("“Fix &amp; Fix")
    assert env.get_template("t").render(s="Fix & " * 40).endswith("…”")
