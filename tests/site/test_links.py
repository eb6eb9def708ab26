"""Links between pages, and "propose a change" links to the repository host."""

from __future__ import annotations

import pytest

from brm_build.model.settings import Repository
from brm_build.site.links import host, record_page, relative, relative_file


def test_github_and_gitlab_edit_links() -> None:
    github = host(Repository(url="https://github.com/org/records.git", branch="main"))
    assert github is not None
    assert github.edit_url("records/customers/a.yaml") == (
        "https://github.com/org/records/edit/main/records/customers/a.yaml"
    )
    gitlab = host(Repository(url="https://gitlab.example.org/it/records/", branch="prod"))
    assert gitlab is not None
    assert gitlab.edit_url("records/a.yaml") == (
        "https://gitlab.example.org/it/records/-/edit/prod/records/a.yaml"
    )


def test_the_configured_host_wins_over_the_url() -> None:
    forge = host(Repository(url="https://code.example.org/it/records", host="gitlab"))
    assert forge is not None and forge.flavour == "gitlab"
    assert host(Repository(url="https://code.example.org/r")) is not None


def test_no_url_means_no_edit_links() -> None:
    assert host(Repository()) is None


def test_record_pages_and_relative_links() -> None:
    assert record_page("customers", "finance") == "customers/finance.md"
    assert record_page("reports", "finance-erp") == "agreements/finance-erp.md"
    assert relative("customers/finance.md", "agreements/x.md") == "../agreements/x.md"
    assert relative("index.md", "customers/finance.md") == "customers/finance.md"
    assert relative("customers/a.md", "customers/b.md") == "b.md"
    with pytest.raises(ValueError):
        relative("index.md", "javascript:alert(1)")


def test_links_to_site_files_that_are_not_pages() -> None:
    assert (
        relative_file("customers/finance.md", "calendar/finance.ics") == "../calendar/finance.ics"
    )
    assert relative_file("index.md", "attention.ics") == "attention.ics"
    assert relative_file("calendar/a.md", "calendar/a.ics") == "a.ics"
    for target in (
        "customers/finance.md",
        "../outside.ics",
        "calendar/../attention.ics",
        "/attention.ics",
        "https://evil.example/a.ics",
        "javascript:alert(1).ics",
        "charts/a.svg",
        "attention.ics\n",
    ):
        with pytest.raises(ValueError):
            relative_file("index.md", target)
    with pytest.raises(ValueError):
        relative("index.md", "attention.ics")  # a page link is still only to a page
