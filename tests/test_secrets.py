"""Secret-looking values are errors, and no output repeats the secret."""

from __future__ import annotations

import datetime as dt

import pytest

from brm_build.check import check
from brm_build.check.reporters import render_github, render_json, render_text
from brm_build.checks.secrets import find_secret

from .conftest import CASES, settings_for

SECRETS = ("Sup3rS3cret!", "ghp_abcdefghijklmnopqrstuvwxyz0123456789AB", "b3BlbnNzaC1rZXkt")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("-----BEGIN RSA PRIVATE KEY-----", "a private key"),
        ("key AKIAABCDEFGHIJKLMNOP here", "an AWS access key"),
        ("glpat-abcdefghij0123456789", "a GitLab token"),
        ("xoxb-1234567890-abcdef", "a Slack token"),
        (
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N",
            "a JSON web token",
        ),
        ("db password = hunter22", "a password"),
    ],
)
def test_secret_kinds(text: str, kind: str) -> None:
    found = find_secret(text)
    assert found is not None and found[0] == kind


@pytest.mark.parametrize(
    "text", ["The password policy changes in May.", "Reset your password: see the portal", ""]
)
def test_ordinary_text_is_not_a_secret(text: str) -> None:
    assert find_secret(text) is None


def test_reports_never_repeat_the_secret() -> None:
    case = CASES / "invalid" / "secret-values"
    result = check(settings_for(case, dt.date(2026, 6, 15)))
    assert {f.code for f in result.findings} == {"secret-value"}

    def source(path: str, line: int) -> str | None:
        return (case / path).read_text().splitlines()[line - 1]

    for output in (render_text(result, source), render_json(result), render_github(result)):
        for secret in SECRETS:
            assert secret not in output


def test_messages_about_restricted_fields_hide_the_value() -> None:
    case = CASES / "invalid" / "restricted-value-hidden"
    result = check(settings_for(case, dt.date(2026, 6, 15)))
    schema = [f.field for f in result.findings if f.code.startswith("schema-")]
    assert schema == ["manager.phone", "it_budget.amount"]

    def source(path: str, line: int) -> str | None:
        return (case / path).read_text().splitlines()[line - 1]

    for output in (render_text(result, source), render_json(result), render_github(result)):
        assert "4795551234" not in output
        assert "1.2 million" not in output
