"""brm import service-levels from OpenSLO v1 and v1alpha files, end to end through the
CLI: what is written into the agreement, byte for byte, what a person wrote kept; and
every bad file refused with its file and line, nothing written."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from brm_build.cli import main
from brm_build.imports.agreement_merge import merge_levels
from brm_build.imports.openslo import SloLevel

from ..casebuilder import TODAY, build, run_check
from ..conftest import ROOT
from .openslo_files import ADDED, ADDED_ALPHA, AGREEMENT, V1, V1ALPHA, agreement_after, slo

AGREEMENT_PATH = "records/agreements/finance-erp-2026.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return build(tmp_path / "repo", {AGREEMENT_PATH: AGREEMENT})


def brm(
    capsys: pytest.CaptureFixture[str], root: Path, text: str, *args: str, name: str = "slo.yaml"
) -> tuple[int, str, str]:
    (root / "slo").mkdir(exist_ok=True)
    (root / "slo" / name).write_text(text, encoding="utf-8", newline="")
    argv = ["import", "service-levels", str(root / "slo" / name), *args]
    code = main([*argv, "--root", str(root), "--today", TODAY.isoformat()])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def agreement(root: Path) -> str:
    return (root / AGREEMENT_PATH).read_text(encoding="utf-8")


def test_v1_slos_update_and_add_service_levels_keeping_what_a_person_wrote(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    code, out, err = brm(capsys, repo, V1, "--agreement", "finance-erp-2026")
    assert (code, err) == (0, "")
    assert agreement(repo) == agreement_after(ADDED)
    assert "4 document(s) read, 2 of other kinds ignored (DataSource, SLI)" in out
    assert "  ~ availability: target 99.5 -> 99.9" in out
    assert "  + erp-batch-jobs: Nightly batch jobs: at least 98.5 percent per quarter" in out
    assert [f for f in run_check(repo).findings if f.severity == "error"] == []
    again = brm(capsys, repo, V1, "--agreement", "finance-erp-2026")
    assert again[0] == 0 and "is unchanged" in again[1]
    assert agreement(repo) == agreement_after(ADDED)  # a second import changes nothing


def test_v1alpha_objectives_become_one_service_level_each(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    code, _, err = brm(capsys, repo, V1ALPHA, "--agreement", "finance-erp-2026")
    assert code == 0
    assert agreement(repo) == agreement_after(ADDED_ALPHA, availability="99.5")
    assert (
        "slo/slo.yaml:15:7: warning[openslo-window]: a rolling window of 28 days, where an "
        "agreement is judged per calendar month or quarter: judged per month" in err
    )


def test_both_versions_in_one_file_and_a_dry_run_writes_nothing(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    code, out, _ = brm(
        capsys, repo, V1 + "---\n" + V1ALPHA, "--agreement", "finance-erp-2026", "--dry-run"
    )
    assert code == 0 and agreement(repo) == AGREEMENT
    assert "would write records/agreements/finance-erp-2026.yaml" in out
    assert "dry run: nothing written" in out
    brm(capsys, repo, V1 + "---\n" + V1ALPHA, "--agreement", "finance-erp-2026")
    assert agreement(repo) == agreement_after(ADDED, ADDED_ALPHA)


def test_an_agreement_without_service_levels_gets_them_in_the_schemas_place(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    head = AGREEMENT.split("service_levels:")[0]
    text = (head + "document: https://intranet.example/erp.pdf\n").replace("\n", "\r\n")
    (repo / AGREEMENT_PATH).write_bytes(text.encode())
    code, _, _ = brm(capsys, repo, slo(), "--agreement", "finance-erp-2026")
    assert code == 0
    written = (repo / AGREEMENT_PATH).read_bytes().decode()
    assert written == head.replace("\n", "\r\n") + (
        "service_levels:\n  - id: availability\n    metric: ERP availability\n"
        "    target: 99.9\n    unit: percent\n    direction: at_least\n    period: month\n"
        "document: https://intranet.example/erp.pdf\n"
    ).replace("\n", "\r\n")


def test_slos_name_their_agreements_by_annotation(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    text = slo(brm_agreement="finance-erp-2026")
    code, _, _ = brm(capsys, repo, text)
    assert code == 0 and "target: 99.9\n" in agreement(repo)
    code, _, err = brm(capsys, repo, text, "--agreement", "finance-erp-2027")
    assert code == 2
    assert (
        "slo/slo.yaml:7:1: error[openslo-agreement]: names brm/agreement finance-erp-2026, " in err
    )


BAD = [
    (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: erp\n",
        "slo/slo.yaml:1:13: error[openslo-document]: not an OpenSLO document "
        "(apiVersion: 'apps/v1')",
    ),
    (
        "customer,csat\nfinance,4\n",
        "slo/slo.yaml:1:1: error[openslo-document]: not an OpenSLO document: each document",
    ),
    (
        slo() + "---\napiVersion: openslo/v1\nkind: Objective\nmetadata:\n  name: x\n",
        "slo/slo.yaml:20:7: error[openslo-kind]: unknown kind 'Objective': OpenSLO's kinds are",
    ),
    (
        slo(objective="op: gte"),
        "slo/slo.yaml:16:7: error[openslo-target]: the objective has no target: write target",
    ),
    (
        slo(objective="target: 99.9"),
        "slo/slo.yaml:17:15: error[openslo-target]: target 99.9 is outside [0, 1) (target is "
        "a ratio: 0.995 means 99.5%): correct it, or write it as targetPercent "
        "(at spec.objectives[0].target)",
    ),
    (
        slo(objective="targetPercent: 100.5"),
        "slo/slo.yaml:17:22: error[openslo-target]: targetPercent 100.5 is outside [0, 100)",
    ),
    (
        slo(objective="target: '0.99'"),
        "slo/slo.yaml:17:15: error[openslo-target]: target must be a number, not '0.99'",
    ),
    (
        slo(name="ERP_Availability"),
        "slo/slo.yaml:4:9: error[openslo-name]: metadata.name must be an id",
    ),
    (
        slo().replace("duration: 1M", "duration: a month"),
        "slo/slo.yaml:10:7: error[openslo-window]: duration 'a month' is not OpenSLO's",
    ),
    (
        slo().replace("openslo/v1", "openslo/v2alpha"),
        "slo/slo.yaml:1:13: error[openslo-document]: openslo/v2alpha is not read by brm",
    ),
    (
        slo() + "---\n" + slo(),
        "slo/slo.yaml:34:7: error[openslo-name]: a second service level 'availability'",
    ),
    (
        slo() + "  objectives: []\n",
        "slo/slo.yaml:18:3: error[yaml-duplicate-key]",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_a_bad_file_is_refused_at_its_line(
    capsys: pytest.CaptureFixture[str], repo: Path, text: str, message: str
) -> None:
    code, out, err = brm(capsys, repo, text, "--agreement", "finance-erp-2026")
    assert code == 2, err
    assert message in err
    assert err.endswith("cannot be imported: nothing was written\n")
    assert agreement(repo) == AGREEMENT and out == ""


def test_an_slo_naming_no_agreement_is_refused(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    code, _, err = brm(capsys, repo, slo())
    assert code == 2
    assert (
        "slo/slo.yaml:16:7: error[openslo-agreement]: the SLO 'availability' names no "
        "agreement: give --agreement ID, or annotate it with brm/agreement: ID" in err
    )
    code, _, err = brm(capsys, repo, slo(), "--agreement", "finance-erp-206")
    assert code == 2
    assert (
        "there is no agreement 'finance-erp-206' (records/agreements/finance-erp-206.yaml): "
        "did you mean 'finance-erp-2026'?" in err
    )


def test_a_service_level_in_other_units_is_a_conflict_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    text = slo(name="erp-new") + "---\n" + slo(name="incident-response")
    code, _, err = brm(capsys, repo, text, "--agreement", "finance-erp-2026")
    assert code == 2 and agreement(repo) == AGREEMENT
    assert (
        "slo/slo.yaml:34:7: error[openslo-conflict]: 'incident-response' is measured in hours "
        "(at_most) in the agreement" in err
    )


def test_what_the_check_refuses_is_told_at_the_slos_line_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    leaked = slo().replace(
        "  service: erp\n",
        '  description: "Probe login, password: Sup3rSecret!9"\n  service: erp\n',
    )
    code, _, err = brm(capsys, repo, leaked, "--agreement", "finance-erp-2026")
    assert code == 1 and agreement(repo) == AGREEMENT
    assert (
        "slo/slo.yaml:17:7: error[secret-value]: records/agreements/finance-erp-2026.yaml: " in err
    )
    assert "would fail with these service levels: nothing was written" in err


def test_an_unreadable_file_is_a_message(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    code = main(["import", "service-levels", str(repo / "missing.yaml"), "--root", str(repo)])
    _, err = capsys.readouterr()
    assert code == 2 and "cannot read" in err and "nothing was written" in err
    (repo / "latin1.yaml").write_bytes(
        "metadata: {displayName: Disponibilit\xe9}\n".encode("latin-1")
    )
    code = main(["import", "service-levels", str(repo / "latin1.yaml"), "--root", str(repo)])
    _, err = capsys.readouterr()
    assert code == 2 and "is not UTF-8" in err and "Traceback" not in err


EXAMPLE_AGREEMENTS = sorted((ROOT / "records/agreements").glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLE_AGREEMENTS, ids=[p.stem for p in EXAMPLE_AGREEMENTS])
def test_a_merge_into_each_example_agreement_only_adds_lines(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    level = SloLevel("erp-login", "Logins within 2 s", 95, "month", None, "slo.yaml", 1, 1)
    merged = merge_levels(text, [level])
    assert merged.text is not None
    diff = difflib.ndiff(text.splitlines(), merged.text.splitlines())
    changed = [line for line in diff if line[:1] in "+-"]
    assert all(line.startswith("+ ") for line in changed) and len(changed) == 6
    assert merge_levels(merged.text, [level]).text is None  # nothing to change the second time


def test_brm_check_reads_an_openslo_file_under_imports_as_the_import_would(repo: Path) -> None:
    (repo / "imports").mkdir()
    (repo / "imports/erp-slos.yaml").write_text(V1 + "---\n" + V1ALPHA, encoding="utf-8")
    assert run_check(repo).findings == []  # several documents, and a rolling window: fine
    bad = slo(objective="target: 99.9") + "---\n" + slo("erp-login", brm_agreement="erp-2062")
    (repo / "imports/erp-slos.yaml").write_text(bad, encoding="utf-8")
    found = [(f.code, f.line) for f in run_check(repo).findings]
    assert found == [("openslo-target", 17), ("openslo-agreement", 25)]
