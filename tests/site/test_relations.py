"""The customer structure and the records that refer to each other, from the sample."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from brm_build.check import check
from brm_build.findings import Finding, Severity
from brm_build.model.registry import KIND_BY_NAME
from brm_build.model.settings import Thresholds
from brm_build.publication import publish
from brm_build.site.attention import attention
from brm_build.site.relations import (
    descendants,
    relate,
    relationship_manager,
    retired_units,
    structure,
)
from brm_build.site.views import customer_view

from .. import casebuilder
from ..conftest import settings_for
from .sample import SAMPLE, sample_data

TODAY = dt.date(2026, 11, 26)


def test_structure_nests_purchasers_under_their_customer() -> None:
    pub = sample_data().publication
    units = structure(pub, relate(pub))
    assert [(u.id, u.depth) for u in units] == [
        ("finance", 0),
        ("payables", 1),
        ("scanning", 2),
        ("sales", 0),
    ]


def test_the_directory_structure_leaves_retired_units_to_their_own_list() -> None:
    pub = sample_data().publication
    rel = relate(pub)
    assert "travel-desk" not in {u.id for u in structure(pub, rel)}
    assert [u.id for u in retired_units(pub)] == ["travel-desk"]
    assert "travel-desk" in rel.children["finance"]  # the page of its customer still links it
    assert "travel-desk" not in rel.customers_of_service["erp"]


def test_an_active_unit_under_a_retired_one_stays_in_the_structure(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE, tmp_path, dirs_exist_ok=True)
    payables = tmp_path / "records" / "customers" / "payables.yaml"
    payables.write_text(
        payables.read_text() + "status: retired\nretired_on: 2026-06-30\n", encoding="utf-8"
    )
    result = check(settings_for(tmp_path))
    pub = publish(result.repository, [])
    units = structure(pub, relate(pub))
    assert [(u.id, u.depth) for u in units] == [("finance", 0), ("scanning", 0), ("sales", 0)]
    assert [u.id for u in retired_units(pub)] == ["payables", "travel-desk"]


def test_purchasers_inherit_the_relationship_manager() -> None:
    pub = sample_data().publication
    own = relationship_manager(pub, "finance")
    inherited = relationship_manager(pub, "scanning")
    assert own.person is not None and own.inherited_from is None
    assert inherited.person == own.person
    assert inherited.inherited_from is not None and inherited.inherited_from.id == "finance"


def test_a_customer_page_counts_the_units_below_it() -> None:
    pub = sample_data().publication
    rel = relate(pub)
    # A retired unit below still counts: its history belongs to the customer's.
    assert descendants(rel, "finance") == ["payables", "scanning", "travel-desk"]
    view = customer_view(pub, rel, "finance", TODAY, 60)
    assert [m.id for m in view.meetings] == ["2026-11-10-finance-review"]
    assert [i.action.text for i in view.actions if i.action] == [
        "Draft the renewal of the ERP agreement.",
        "Share the October report.",
    ]
    assert [f.id for f in view.feedback] == ["2026-10-20-late-reports"]
    assert [p.id for p in view.projects] == ["erp-upgrade"]
    assert [(c.survey.id, c.responses) for c in view.surveys] == [("csat-2026-q3", 2)]
    purchaser = customer_view(pub, rel, "scanning", TODAY, 60)
    assert purchaser.agreements_from is not None and purchaser.agreements_from.id == "finance"


def test_attention_lists_what_is_due() -> None:
    data = sample_data()
    pub = data.publication
    watch = attention(pub, relate(pub), data.findings, TODAY, data.config.thresholds)
    warned = {f.code for f in data.findings if f.severity is Severity.WARNING}
    assert warned == {"agreement-expiring", "feedback-open-too-long", "action-overdue"}
    assert watch.warnings == []  # each is in a list of its own below, not twice
    assert [d.agreement.id for d in watch.agreements] == ["finance-erp"]
    assert [i.action.due for i in watch.overdue if i.action] == [dt.date(2026, 11, 20)]
    assert [i.action.due for i in watch.due_soon if i.action] == [dt.date(2026, 12, 5)]
    assert [f.id for f in watch.feedback] == ["2026-10-20-late-reports"]
    assert watch.open_too_long == {"2026-10-20-late-reports"}
    finance, sales = watch.glances
    assert (finance.overdue_actions, finance.open_feedback, finance.agreements_due) == (1, 1, 1)
    assert (sales.days_since_meeting, sales.overdue_actions) == (86, 0)


def test_the_dashboard_lists_the_other_warnings_of_the_check_once() -> None:
    data = sample_data()
    pub = data.publication
    path = "records/customers/sales.yaml"
    no_meeting = Finding(
        "customer-no-recent-meeting", Severity.WARNING, path, 1, 1, "name", "no meeting"
    )
    unknown = Finding("survey-few-responses", Severity.WARNING, path, 2, 1, "", "few")
    error = Finding("schema", Severity.ERROR, path, 3, 1, "", "broken")
    findings = [*data.findings, no_meeting, unknown, error]
    watch = attention(pub, relate(pub), findings, TODAY, data.config.thresholds)
    assert watch.warnings == [no_meeting, unknown]


def test_a_retired_customer_leaves_the_dashboard_glances(tmp_path: Path) -> None:
    files = {
        "records/customers/logistics.yaml": casebuilder.customer("Logistics", "customer")
        + "status: retired\nretired_on: 2026-01-31\n"
    }
    result = casebuilder.run_check(casebuilder.build(tmp_path, files))
    pub = publish(result.repository, [])
    watch = attention(pub, relate(pub), result.findings, casebuilder.TODAY, Thresholds())
    assert [g.customer for g in watch.glances] == ["finance"]


def test_every_declared_reference_in_a_field_is_indexed_from_its_target() -> None:
    pub = sample_data().publication
    rel = relate(pub)
    fields = {("agreement", "customer"), ("meeting", "agreements"), ("feedback", "service")}
    for kind, name in fields:
        folder = KIND_BY_NAME[kind].folder
        expected: dict[str, list[str]] = {}
        for rid, rec in pub.table(folder).items():
            value = getattr(rec.record, name)
            for target in value if isinstance(value, list) else [value]:
                if target is not None:
                    expected.setdefault(target, []).append(rid)
        index = rel.of(kind, name)
        assert expected and {t: sorted(ids) for t, ids in index.items()} == {
            t: sorted(ids) for t, ids in expected.items()
        }
    assert rel.meetings_on_agreement == rel.of("meeting", "agreements")
    dates = [pub.meetings[mid].record.date for mid in rel.meetings_of["finance"]]
    assert dates == sorted(dates)  # in date order, as the pages list them
