"""The relations diagram of a customer page: well-formed inline SVG that the site's policy
allows, with the same records as the links under it."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from brm_build.site.diagram import ITEMS_SHOWN, NAME_CHARS, _short, diagram
from brm_build.site.relations import relate
from brm_build.site.views import customer_view

from .sample import sample_data, sample_pages

SVG = "{http://www.w3.org/2000/svg}"


def test_the_drawing_is_an_image_with_a_name_and_no_style_or_script() -> None:
    data = sample_data()
    view = customer_view(data.publication, relate(data.publication), "finance", data.today, 60)
    d = diagram(data.publication, view)
    root = ET.fromstring(str(d.svg))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("aria-labelledby") == "brm-rel-title brm-rel-desc"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    for el in root.iter():
        assert "style" not in el.attrib and not el.tag.endswith(("script", "style"))
        assert not any(k.startswith("on") for k in el.attrib)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    for g in d.groups:
        for _, name in g.items[:ITEMS_SHOWN]:
            assert _short(name) in texts


def test_the_groups_are_the_units_purchasers_services_agreements_and_projects() -> None:
    data = sample_data()
    view = customer_view(data.publication, relate(data.publication), "finance", data.today, 60)
    d = diagram(data.publication, view)
    by_label = {g.label: [rid for rid, _ in g.items] for g in d.groups}
    assert by_label["Purchasers"] == ["payables"]  # the retired Travel Desk is not drawn
    assert by_label["Services"] == list(view.customer.record.services)
    assert by_label["Agreements"] == [line.agreement.id for line in view.agreements]
    assert by_label["Projects"] == [p.id for p in view.projects]


def test_a_long_list_is_drawn_short_and_listed_in_full() -> None:
    data = sample_data()
    view = customer_view(data.publication, relate(data.publication), "finance", data.today, 60)
    many = dataclasses.replace(view, projects=view.projects * (ITEMS_SHOWN + 3))
    d = diagram(data.publication, many)
    texts = [t.text or "" for t in ET.fromstring(str(d.svg)).iter(f"{SVG}text")]
    assert f"and {len(many.projects) - ITEMS_SHOWN} more" in texts
    assert all(len(t) <= NAME_CHARS for t in texts)


def test_names_are_escaped_and_cut_at_words() -> None:
    assert _short("Core ERP and reporting for Group Finance 2025–2027") == (
        "Core ERP and … 2025–2027"
    )
    data = sample_data()
    view = customer_view(data.publication, relate(data.publication), "finance", data.today, 60)
    hostile = dataclasses.replace(
        view,
        customer=dataclasses.replace(
            view.customer,
            record=view.customer.record.model_copy(update={"name": "<script>x</script> & Co"}),
        ),
    )
    svg = str(diagram(data.publication, hostile).svg)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    ET.fromstring(svg)


def test_the_page_lists_every_drawn_record_as_a_link() -> None:
    page = sample_pages()["customers/finance.md"]
    part = page[page.index("## Relations") : page.index("## Profile")]
    assert "<svg" in part
    assert "[Accounts Payable](payables.md)" in part
    assert "(../agreements/finance-erp.md)" in part
