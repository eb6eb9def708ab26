"""``brm diff`` on a real git repository: every kind of change, exact text and Markdown."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from brm_build.changes import Change, change_set, read_changes, render_markdown, render_text
from brm_build.changes.review import review_changed
from brm_build.changes.snapshot import classify
from brm_build.cli import main
from brm_build.gitrevs import GitError
from brm_build.model import Agreement

LIMIT = 1_048_576

PERSON = "{name: %s, email: %s@example.org}"
BASE: dict[str, str] = {
    "brm.yaml": "organisation: Example\n",
    "records/services/erp.yaml": "name: ERP\nowner: {name: Eva Ops, email: eva@example.org}\n"
    "status: live\n",
    "records/services/crm.yaml": "name: CRM\nowner: {name: Carl Ops, email: carl@example.org}\n"
    "status: live\nsupport_hours: Mon-Fri 08:00-18:00\n",
    "records/customers/finance.yaml": """name: Finance
role: customer
manager: {name: Martin Keller, email: martin@example.org}
relationship_manager: {name: Anna Lind, email: anna@example.org}
it_budget: {amount: 2400000, currency: EUR}
services: [erp]
contacts:
  - {name: Julia Hart, email: julia@example.org, phone: "+41 11 111 11 11", role: Key user}
owners: ["@anna"]
summary: |
  Finance runs accounting.
  Stable relationship.
""",
    "records/customers/controlling.yaml": """name: Controlling
role: purchaser
parent: finance
manager: {name: Nadia Haddad, email: nadia@example.org}
""",
    "records/customers/sales.yaml": """name: Sales
role: customer
manager: {name: Sam Seller, email: sam@example.org}
relationship_manager: {name: Bob Berg, email: bob@example.org}
services: [crm]
""",
    "records/agreements/finance-erp-2026.yaml": """title: ERP for Finance 2026
customer: finance
services: [erp]
status: draft
valid_from: 2026-01-01
valid_until: 2026-12-31
service_levels:
  - {id: availability, metric: ERP availability, target: 99.5, unit: percent, direction: at_least}
  - {id: incident-response, metric: Response time, target: 4, unit: hours, direction: at_most}
funding: {amount: 50000, currency: EUR, period: year}
""",
    "records/agreements/sales-crm-2024.yaml": """title: CRM for Sales 2024
customer: sales
services: [crm]
status: expired
valid_from: 2024-01-01
valid_until: 2024-12-31
""",
    "records/reports/finance-erp-2026.yaml": """agreement: finance-erp-2026
measurements:
  - period: "2026-01"
    results: {availability: 99.7, incident-response: 3.5}
""",
    "records/surveys/csat-2026-q1.yaml": """title: Satisfaction Q1 2026
period: 2026-Q1
responses:
  - {customer: finance, csat: 4, nps: 8}
  - {customer: controlling, csat: 3}
""",
    "records/meetings/2026/2026-01-10-finance-review.md": """---
title: Finance relationship review
date: 2026-01-10
customers: [finance]
type: relationship-review
actions:
  - {text: Send the draft agreement, owner: Anna Lind, due: 2026-01-31, status: open}
---
# Notes
""",
    "records/projects/erp-upgrade.yaml": """name: ERP upgrade
customers: [finance]
status: active
health: green
milestones:
  - {name: Design, due: 2026-03-31, done: false}
  - {name: Go-live, due: 2026-11-30}
""",
    "records/feedback/2026/2026-02-01-slow-erp.yaml": """type: complaint
date: 2026-02-01
customer: finance
service: erp
summary: ERP is slow at month end.
raised_by: {name: Julia Hart, email: julia@example.org, phone: "+41 11 111 11 11"}
status: open
""",
}

HEAD: dict[str, str | None] = {
    "records/customers/finance.yaml": BASE["records/customers/finance.yaml"]
    .replace("Anna Lind, email: anna@", "Carla Diaz, email: carla@")
    .replace("2400000", "2600000")
    .replace("+41 11 111 11 11", "+41 22 222 22 22")
    .replace('["@anna"]', '["@anna", "@carla"]')
    .replace("Stable relationship.\n", "Stable relationship.\n  ERP upgrade in 2027.\n"),
    "records/customers/controlling.yaml": BASE["records/customers/controlling.yaml"]
    .replace("role: purchaser\nparent: finance", "role: customer")
    .replace("}\n", "}\nrelationship_manager: {name: Bob Berg, email: bob@example.org}\n"),
    "records/customers/sales.yaml": BASE["records/customers/sales.yaml"].replace(
        "[crm]", "[sales-crm, erp]"
    ),
    "records/customers/hr.yaml": """name: Human Resources
role: customer
manager: {name: Hanna Ross, email: hanna@example.org}
relationship_manager: {name: Anna Lind, email: anna@example.org}
""",
    "records/customers/broken.yaml": "role: customer\n",
    "records/services/crm.yaml": None,
    "records/services/sales-crm.yaml": BASE["records/services/crm.yaml"],
    "records/agreements/finance-erp-2026.yaml": BASE["records/agreements/finance-erp-2026.yaml"]
    .replace("status: draft", "status: active")
    .replace("valid_until: 2026-12-31", "valid_until: 2027-06-30")
    .replace(
        "target: 99.5, unit: percent, direction: at_least}",
        "target: 99, unit: percent, direction: at_least,\n"
        '     earlier_targets: [{until: "2026-01", target: 99.5}]}',
    )
    .replace("target: 4,", "target: 8,")
    .replace("amount: 50000", "amount: 45000")
    .replace(
        "direction: at_most}\n",
        "direction: at_most}\n"
        "  - {id: p1-resolution, metric: Resolution, target: 8, unit: hours, direction: at_most}\n",
    ),
    "records/agreements/sales-crm-2024.yaml": None,
    "records/reports/finance-erp-2026.yaml": BASE["records/reports/finance-erp-2026.yaml"].replace(
        "99.7", "99.8"
    )
    + '  - period: "2026-02"\n    results: {availability: 99.9}\n',
    "records/surveys/csat-2026-q1.yaml": BASE["records/surveys/csat-2026-q1.yaml"]
    + "  - {customer: sales, csat: 5, nps: 10}\n"
    + '  - {customer: sales, csat: 2, comment: "Secret remark about Sam"}\n'
    + "  - {customer: hr, csat: 4}\n",
    "records/meetings/2026/2026-03-01-sales-planning.md": """---
title: Sales IT plan
date: 2026-03-01
customers: [sales, finance]
type: planning
---
# Plan
""",
    "records/meetings/2026/2026-01-10-finance-review.md": BASE[
        "records/meetings/2026/2026-01-10-finance-review.md"
    ].replace("status: open", "status: done"),
    "records/projects/erp-upgrade.yaml": BASE["records/projects/erp-upgrade.yaml"]
    .replace("health: green", "health: amber")
    .replace("done: false", "done: true"),
    "records/feedback/2026/2026-02-01-slow-erp.yaml": None,
    "records/feedback/2026/2026-02-02-slow-erp.yaml": BASE[
        "records/feedback/2026/2026-02-01-slow-erp.yaml"
    ].replace("2026-02-01", "2026-02-02"),
    "records/notes.txt": "remember the review\n",
}
SECRETS = ("2600000", "2400000", "45000", "50000", "+41", "Secret remark")


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(root)}
    done = subprocess.run(
        ["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def write(root: Path, files: dict[str, str | None]) -> None:
    for rel, text in files.items():
        path = root / rel
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A records repository with two commits: the base and a change of every kind."""
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.name", "Test Writer")
    git(tmp_path, "config", "user.email", "writer@example.org")
    git(tmp_path, "config", "commit.gpgsign", "false")
    write(tmp_path, dict(BASE))
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    git(tmp_path, "tag", "base")
    write(tmp_path, HEAD)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "change")
    return tmp_path


GOLDEN = Path(__file__).resolve().parent / "golden" / "diff"


def brm(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def golden(name: str, actual: str, update: bool) -> str:
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    return path.read_text(encoding="utf-8")


# The whole summary, exactly


def test_text_summary(repo: Path, capsys: pytest.CaptureFixture[str], update_golden: bool) -> None:
    code, out, err = brm(capsys, "diff", "base", "HEAD", "--root", str(repo))
    assert (code, err) == (0, "")
    assert out == golden("every-kind.txt", out, update_golden)


def test_markdown_summary(
    repo: Path, capsys: pytest.CaptureFixture[str], update_golden: bool
) -> None:
    code, out, err = brm(
        capsys, "diff", "base", "HEAD", "--format", "markdown", "--root", str(repo)
    )
    assert (code, err) == (0, "")
    assert out == golden("every-kind.md", out, update_golden)


def test_the_golden_summary_says_what_reviewers_need() -> None:
    """The golden file holds the review flags and hides restricted values (so that
    ``--update-golden`` cannot silently accept a leak or a lost flag)."""
    text = (GOLDEN / "every-kind.txt").read_text(encoding="utf-8")
    for flag in (
        "agreement finance-erp-2026: service level availability target weakened: "
        "99.5 → 99 percent (at least)",
        "agreement finance-erp-2026: service level incident-response target weakened: "
        "4 → 8 hours (at most)",
        "agreement finance-erp-2026: service level incident-response target changed without "
        "an earlier_targets entry: 4 → 8 hours; the periods already reported are now judged "
        "against the new target: add {until: <last period of the old target>, target: 4}",
        "service_levels[availability].earlier_targets: added [{until: 2026-01, target: 99.5}]",
        "agreement finance-erp-2026: funding changed (restricted: not shown)",
        "agreement finance-erp-2026: status draft → active",
        "agreement finance-erp-2026: validity 2026-01-01 to 2026-12-31 → 2026-01-01 to 2027-06-30",
        "customer controlling: role purchaser → customer",
        "customer controlling: parent finance → none",
        "customer finance: relationship manager Anna Lind <anna@example.org> → "
        "Carla Diaz <carla@example.org>",
        "it_budget: changed (restricted: not shown)",
        "contacts[julia@example.org].phone: changed (restricted: not shown)",
        'service crm → sales-crm "CRM" (same content)',
        'survey csat-2026-q1 "Satisfaction Q1 2026": 3 added (5 in all)',
        "2026-03-01 planning with sales, finance: Sales IT plan",
        "records/customers/broken.yaml at HEAD: line 1: missing required field 'manager'",
    ):
        assert flag in text
    review = text.split("\n\n")[1]
    assert "p1-resolution" not in review, "a new service level is not a weakening"
    assert "availability target changed" not in review, "its old target is kept"


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_restricted_values_are_never_printed(
    repo: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    committed = git(repo, "show", "base:records/customers/finance.yaml") + git(
        repo, "show", "HEAD:records/surveys/csat-2026-q1.yaml"
    )
    assert "2400000" in committed and "Secret remark" in committed
    _, out, _ = brm(capsys, "diff", "base", "HEAD", "--format", fmt, "--root", str(repo))
    leaked = [secret for secret in SECRETS if secret in out]
    assert not leaked


# The working tree, and what cannot be compared


def test_head_defaults_to_the_working_tree(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sales = repo / "records/customers/sales.yaml"
    sales.write_text(sales.read_text().replace("Bob Berg, email: bob@", "Dana Dorn, email: dana@"))
    (repo / "records/services/erp.yaml").write_text("name: ERP\n")
    code, out, _ = brm(capsys, "diff", "HEAD", "--root", str(repo))
    assert code == 0
    assert out == (
        "Record changes from HEAD to the working tree: 1 changed, 1 could not be read\n"
        "\n"
        "Needs careful review:\n"
        "  customer sales: relationship manager Bob Berg <bob@example.org> → "
        "Dana Dorn <dana@example.org>\n"
        "\n"
        "Changed:\n"
        '  customer sales "Sales" (records/customers/sales.yaml)\n'
        '      relationship_manager.name: "Bob Berg" → "Dana Dorn"\n'
        "      relationship_manager.email: bob@example.org → dana@example.org\n"
        "\n"
        "Could not be read:\n"
        "  records/services/erp.yaml at working tree: line 1: missing required field "
        "'owner' (a mapping with name, email): add it (at owner) [schema-required]; "
        "1 more problem(s)\n"
    )


def test_nothing_changed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = brm(capsys, "diff", "HEAD", "--root", str(repo))
    assert (code, out) == (0, "Record changes from HEAD to the working tree: no record changed\n")
    _, out, _ = brm(capsys, "diff", "HEAD", "HEAD", "--format", "markdown", "--root", str(repo))
    assert out == "## Record changes from HEAD to HEAD\n\n**no record changed**\n"


def test_an_unknown_revision_is_a_usage_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = brm(capsys, "diff", "no-such-branch", "--root", str(repo))
    assert (code, out) == (2, "")
    assert err == "brm: unknown revision 'no-such-branch': name a commit, branch or tag\n"
    code, _, err = brm(capsys, "diff", "--root", str(repo), "--", "--upload-pack=x")
    assert code == 2 and "is not a revision" in err


def test_outside_git_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "records").mkdir()
    code, out, err = brm(capsys, "diff", "HEAD", "--root", str(tmp_path))
    assert (code, out) == (2, "")
    assert err.startswith("brm: ") and "not a git repository" in err


def test_one_git_process_reads_both_revisions(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files are read in one batch, never one process per file."""
    bin_dir = tmp_path_factory.mktemp("bin")
    log = bin_dir / "calls.log"
    real = subprocess.run(["which", "git"], capture_output=True, text=True).stdout.strip()
    wrapper = bin_dir / "git"
    wrapper.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{real}" "$@"\n')
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    changes = read_changes(str(repo), "base", "HEAD", LIMIT)
    assert len(changes.records) > 10
    assert log.read_text().splitlines() == ["cat-file --batch"]


# The pure core, without git


def test_classify_follows_the_layout() -> None:
    assert classify("records/customers/finance.yaml")[1:] == ("finance",)  # type: ignore[index]
    found = classify("records/meetings/2026/2026-01-10-review.md")
    assert found is not None and found[0].name == "meeting"
    for stray in (
        "records/customers/Finance.yaml",
        "records/customers/finance.yml",
        "records/meetings/2025/2026-01-10-review.md",
        "records/meetings/2026-01-10-review.md",
        "records/notes.txt",
        "README.md",
    ):
        assert classify(stray) is None, stray


def test_files_that_cannot_be_read_are_reported_not_raised() -> None:
    changes = change_set(
        {},
        {
            "records/services/big.yaml": None,
            "records/services/latin1.yaml": "name: Caf\xe9\n".encode("latin-1"),
            "records/customers/list.yaml": b"- a\n- b\n",
        },
        ("main", "HEAD"),
        LIMIT,
        ({}, {"records/services/link.yaml": "a symbolic link, never followed"}),
    )
    assert changes.records == ()
    assert [(u.path, u.reason) for u in changes.unreadable] == [
        (
            "records/customers/list.yaml",
            "line 1: a record must be a mapping of field names to values at the top level "
            "[yaml-not-mapping]",
        ),
        ("records/services/big.yaml", "larger than 1,048,576 bytes [file-too-large]"),
        ("records/services/latin1.yaml", "line 1: not valid UTF-8 [file-encoding]"),
    ]
    assert [(o.path, o.change, o.reason) for o in changes.others] == [
        ("records/services/link.yaml", Change.ADDED, "a symbolic link, never followed")
    ]


def _service(name: str, hours: str = "24/7", email: str = "eva@example.org") -> bytes:
    return (
        f"name: {name}\nowner: {{name: Eva Ops, email: {email}}}\nstatus: live\n"
        f"support_hours: {hours}\ndescription: The same description of the service.\n"
    ).encode()


def test_a_rename_needs_enough_in_common() -> None:
    """Six values: name, owner name and email, status, support hours, description."""
    similar = change_set(
        {"records/services/a.yaml": _service("A")},
        {"records/services/b.yaml": _service("B", "Mon-Fri")},
        ("main", "HEAD"),
        LIMIT,
    )
    assert [(r.change, r.old_id, r.id, r.similarity) for r in similar.records] == [
        (Change.RENAMED, "a", "b", 67)
    ]
    different = change_set(
        {"records/services/a.yaml": _service("A")},
        {"records/services/b.yaml": _service("B", "Mon-Fri", "bob@example.org")},
        ("main", "HEAD"),
        LIMIT,
    )
    assert [(r.change, r.id) for r in different.records] == [
        (Change.REMOVED, "a"),
        (Change.ADDED, "b"),
    ]


def test_markdown_is_escaped_and_mentions_nobody() -> None:
    changes = change_set(
        {},
        {
            "records/services/x.yaml": b"name: '<b>*Bold*</b> @alice'\n"
            b"owner: {name: Eva, email: eva@example.org}\nstatus: live\n"
        },
        ("main", "HEAD"),
        LIMIT,
    )
    out = render_markdown(changes)
    assert '"\\<b\\>\\*Bold\\*\\</b\\> `@alice`"' in out
    assert "eva@example.org" not in out  # not shown for an added record


def test_markdown_is_cut_to_fit_a_comment() -> None:
    head = {
        f"records/services/s{i:03}.yaml": _service(f"Service {i} " + "x" * 60) for i in range(300)
    }
    out = render_markdown(change_set({}, head, ("main", "HEAD"), LIMIT), limit=5_000)
    assert len(out) <= 5_000
    assert out.endswith("more: run `brm diff` locally for the full list.\n")
    assert render_text(change_set({}, head, ("main", "HEAD"), LIMIT)).count("\n  service ") == 300


def test_git_error_names_the_problem(tmp_path: Path) -> None:
    with pytest.raises(GitError, match="not a git repository"):
        read_changes(str(tmp_path), "HEAD", None, LIMIT)


def test_restricted_fields_inside_added_items_are_hidden() -> None:
    person = "{name: Julia Hart, email: julia@example.org, phone: '+41 99'}"
    base = b"name: Finance\nrole: customer\nmanager: {name: M, email: m@example.org}\n"
    base += b"relationship_manager: {name: A, email: a@example.org}\n"
    base += b"contacts:\n  - {name: Ole, email: ole@example.org, phone: '+41 11'}\n"
    head = base + f"  - {person}\n".encode()
    path = "records/customers/finance.yaml"
    changes = change_set({path: base}, {path: head}, ("main", "HEAD"), LIMIT)
    out = render_text(changes) + render_markdown(changes)
    assert "+41" not in out
    assert (
        'contacts[julia@example.org]: added {name: "Julia Hart", email: julia@example.org, '
        "phone: (restricted: not shown)}" in out
    )


def _levels(target: float, earlier: list[dict[str, object]]) -> Agreement:
    level = {"id": "up", "metric": "Up", "target": target, "unit": "%", "direction": "at_least"}
    return Agreement.model_validate(
        {
            "title": "T",
            "customer": "c",
            "services": ["s"],
            "status": "active",
            "valid_from": "2026-01-01",
            "service_levels": [{**level, "earlier_targets": earlier}],
        }
    )


def test_a_changed_target_needs_an_earlier_targets_entry_with_the_old_target() -> None:
    old = _levels(99.5, [])
    flag = "service level up target changed without an earlier_targets entry: 99.5 → 99.9 %"
    tightened = review_changed(old, _levels(99.9, []))
    assert len(tightened) == 1 and tightened[0].startswith(flag)
    assert review_changed(old, _levels(99.9, [{"until": "2026-06", "target": 99.5}])) == []
    wrong = review_changed(old, _levels(99.9, [{"until": "2026-06", "target": 99.0}]))
    assert len(wrong) == 1 and wrong[0].startswith(flag), "the entry must keep the old target"
    kept = _levels(99.5, [{"until": "2025-12", "target": 99.5}])
    again = review_changed(kept, _levels(99.9, [{"until": "2025-12", "target": 99.5}]))
    assert len(again) == 1, "an entry that was there before does not keep this change"
    assert review_changed(old, old) == []


def test_removing_or_changing_an_earlier_target_needs_careful_review() -> None:
    kept = [{"until": "2026-06", "target": 99.5}, {"until": "2026-03", "target": 99.9}]
    old = _levels(99.0, kept)
    assert review_changed(old, _levels(99.0, kept[::-1])) == [], "order does not matter"
    assert review_changed(old, _levels(99.0, [kept[0]])) == [
        "service level up earlier target until 2026-03 removed (99.9)"
    ]
    moved = [{"until": "2026-06", "target": 99.0}, kept[1]]
    assert review_changed(old, _levels(99.0, moved)) == [
        "service level up earlier target until 2026-06 changed: 99.5 → 99"
    ]
