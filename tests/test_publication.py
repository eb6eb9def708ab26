"""The public view drops every restricted field unless brm.yaml opts in by name."""

from __future__ import annotations

from pathlib import Path

from brm_build.check import check
from brm_build.model import Agreement, Customer, Person
from brm_build.publication import public_view, publish, publish_findings, restricted_names

from .conftest import settings_for
from .site.sample import SAMPLE


def _customer() -> Customer:
    phone = "+1 555 0100"
    person = {"name": "A", "email": "a@x.example", "phone": phone}
    return Customer.model_validate(
        {
            "name": "Unit",
            "role": "customer",
            "manager": person,
            "relationship_manager": person,
            "it_budget": {"amount": 10.0, "currency": "EUR"},
            "contacts": [{**person, "role": "key user"}],
            "escalation": [{"level": 1, "contact": person}],
        }
    )


def test_every_restricted_field_is_dropped_by_default() -> None:
    public = public_view(_customer(), "customer", frozenset())
    assert public.it_budget is None
    assert public.manager.phone is None and public.relationship_manager is not None
    assert public.relationship_manager.phone is None
    assert public.contacts[0].phone is None and public.contacts[0].role == "key user"
    assert public.escalation[0].contact.phone is None
    assert "+1 555 0100" not in public.model_dump_json()


def test_a_field_named_in_publish_is_kept_and_only_that_one() -> None:
    public = public_view(_customer(), "customer", frozenset({"customer.contacts.phone"}))
    assert public.contacts[0].phone == "+1 555 0100"
    assert public.manager.phone is None and public.it_budget is None


def test_person_phone_opts_in_every_phone() -> None:
    public = public_view(_customer(), "customer", frozenset({"person.phone"}))
    phones = [public.manager.phone, public.contacts[0].phone, public.escalation[0].contact.phone]
    assert phones == ["+1 555 0100"] * 3
    assert public.it_budget is None


def test_the_original_record_is_unchanged() -> None:
    record = _customer()
    public_view(record, "customer", frozenset())
    assert isinstance(record.manager, Person) and record.manager.phone == "+1 555 0100"


def test_a_restricted_field_deep_inside_is_dropped() -> None:
    # agreement.signed.customer is a Person two models down: its phone is restricted.
    signer = {"name": "S", "email": "s@x.example", "phone": "+1 555 0199"}
    record = Agreement.model_validate(
        {
            "title": "ERP",
            "customer": "finance",
            "services": ["erp"],
            "status": "active",
            "valid_from": "2026-01-01",
            "signed": {"customer": signer, "it": {"name": "I", "email": "i@x.example"}},
        }
    )
    public = public_view(record, "agreement", frozenset())
    assert public.signed is not None and public.signed.customer is not None
    assert public.signed.customer.phone is None and public.signed.customer.name == "S"
    kept = public_view(record, "agreement", frozenset({"agreement.signed.customer.phone"}))
    assert kept is record


def test_a_record_without_restricted_fields_is_published_as_it_is() -> None:
    settings = settings_for(SAMPLE)
    repository = check(settings).repository
    public = publish(repository, [])
    assert public.meetings and all(
        public.meetings[mid].record is entry.record for mid, entry in repository.meetings.items()
    )
    assert all(public.services[sid].record is e.record for sid, e in repository.services.items())


def test_restricted_names_list_the_fields_of_records_md() -> None:
    names = restricted_names()
    for name in (
        "customer.it_budget",
        "agreement.funding",
        "survey.responses.comment",
        "feedback.raised_by",
        "customer.contacts.phone",
        "person.phone",
    ):
        assert name in names


def test_publish_keeps_opted_in_survey_comments_only() -> None:
    settings = settings_for(SAMPLE)
    repository = check(settings).repository
    public = publish(repository, settings.config.publish)
    comments = [r.comment for r in public.surveys["csat-2026-q3"].record.responses if r.comment]
    assert comments == ["Month-end support was excellent."]
    assert public.feedback["2026-10-20-late-reports"].record.raised_by is None
    assert public.agreements["finance-erp"].record.funding is None
    assert public.customers["finance"].record.it_budget is None


def test_an_unknown_publish_name_is_an_error_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "records").mkdir()
    (tmp_path / "brm.yaml").write_text("publish:\n  - customer.it_budget\n  - customer.budget\n")
    settings = settings_for(tmp_path)
    [finding] = publish_findings(str(tmp_path), settings.config)
    assert (finding.code, finding.path, finding.line, finding.field) == (
        "publish-unknown-field",
        "brm.yaml",
        3,
        "publish[1]",
    )
    assert "did you mean 'customer.it_budget'?" in finding.message
