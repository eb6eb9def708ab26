"""brm issues against a local server that answers as GitHub's or GitLab's REST API does:
the issues opened, updated and closed, the token sent, other issues left alone."""

from __future__ import annotations

import json
import re
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from brm_build.attention.issues import marker
from brm_build.cli import main

TOKEN = "t0ken-of-the-job"


@dataclass
class Tracker:
    """The issues of one project as the fake host keeps them."""

    flavour: str
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    users: dict[str, int] = field(default_factory=lambda: {"anna-lind": 7, "marek": 8})
    refuse_assignees: bool = False
    refuse_closing: bool = False
    requests: list[str] = field(default_factory=list)

    def add(self, title: str, body: str, labels: list[str], names: list[str]) -> int:
        number = max(self.issues, default=0) + 1
        self.issues[number] = {"title": title, "body": body, "labels": labels}
        self.issues[number] |= {"state": "open", "assignees": names}
        return number

    def row(self, number: int) -> dict[str, Any]:
        i = self.issues[number]
        people = [{"login" if self.flavour == "github" else "username": n} for n in i["assignees"]]
        if self.flavour == "github":
            return {"number": number, "title": i["title"], "body": i["body"], "assignees": people}
        return {"iid": number, "title": i["title"], "description": i["body"], "assignees": people}


def _handler(tracker: Tracker) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            """Quiet."""

        def _answer(self, status: int, data: object) -> None:
            body = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _authorised(self) -> bool:
            if tracker.flavour == "github":
                return self.headers.get("Authorization") == f"Bearer {TOKEN}"
            return self.headers.get("PRIVATE-TOKEN") == TOKEN

        def _serve(self, method: str) -> None:
            tracker.requests.append(f"{method} {self.path}")
            if not self._authorised():
                return self._answer(401, {"message": "Bad credentials"})
            url = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(url.query))
            length = int(self.headers.get("Content-Length") or 0)
            data = json.loads(self.rfile.read(length)) if length else {}
            if url.path == "/api/v4/users":
                uid = tracker.users.get(query["username"])
                return self._answer(200, [{"id": uid}] if uid else [])
            found = re.fullmatch(r"/(?:repos/o/r|api/v4/projects/42)/issues(?:/(\d+))?", url.path)
            if found is None:
                return self._answer(404, {"message": "Not Found"})
            number = int(found.group(1)) if found.group(1) else None
            if method == "GET":
                return self._list(query)
            if number is None:
                return self._create(data)
            return self._change(number, data)

        def _list(self, query: dict[str, str]) -> None:
            state = "open" if tracker.flavour == "github" else "opened"
            assert query["state"] == state and query["labels"] == "brm-attention"
            start = (int(query["page"]) - 1) * int(query["per_page"])
            rows = [
                tracker.row(n)
                for n, i in sorted(tracker.issues.items())
                if i["state"] == "open" and "brm-attention" in i["labels"]
            ]
            self._answer(200, rows[start : start + int(query["per_page"])])

        def _names(self, data: dict[str, Any]) -> list[str] | None:
            if tracker.flavour == "github":
                names: list[str] = data.get("assignees", [])
                if names and tracker.refuse_assignees:
                    return None
                return names
            by_id = {v: k for k, v in tracker.users.items()}
            return [by_id[i] for i in data.get("assignee_ids", [])]

        def _create(self, data: dict[str, Any]) -> None:
            names = self._names(data)
            if names is None:
                return self._answer(422, {"message": "Validation Failed"})
            github = tracker.flavour == "github"
            body = data["body"] if github else data["description"]
            labels = data["labels"] if github else data["labels"].split(",")
            number = tracker.add(data["title"], body, labels, names)
            self._answer(201, tracker.row(number))

        def _change(self, number: int, data: dict[str, Any]) -> None:
            issue = tracker.issues[number]
            if data.get("state") == "closed" or data.get("state_event") == "close":
                if tracker.refuse_closing:
                    return self._answer(403, {"message": "Forbidden"})
                issue["state"] = "closed"
                return self._answer(200, tracker.row(number))
            names = self._names(data)
            if names is None:
                return self._answer(422, {"message": "Validation Failed"})
            issue["title"] = data["title"]
            issue["body"] = data.get("body", data.get("description"))
            issue["assignees"] = names
            self._answer(200, tracker.row(number))

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def do_PATCH(self) -> None:
            self._serve("PATCH")

        def do_PUT(self) -> None:
            self._serve("PUT")

    return Handler


@pytest.fixture(params=["github", "gitlab"])
def tracker(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Tracker]:
    """A fake host of the flavour asked for, and the environment its CI would set."""
    tracker = Tracker(request.param)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(tracker))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    address = f"http://127.0.0.1:{server.server_address[1]}"
    if tracker.flavour == "github":
        env = {"GITHUB_TOKEN": TOKEN, "GITHUB_REPOSITORY": "o/r", "GITHUB_API_URL": address}
    else:
        env = {"BRM_ISSUES_TOKEN": TOKEN, "CI_API_V4_URL": address + "/api/v4"}
        env["CI_PROJECT_ID"] = "42"
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        yield tracker
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def item(key: str, text: str, owners: list[str], overdue: bool = True) -> dict[str, Any]:
    """One item as brm attention --format json writes it."""
    return {
        "key": key,
        "kind": "action",
        "due": "2026-11-20",
        "overdue": overdue,
        "customer": "finance",
        "owners": owners,
        "file": "records/meetings/2026/2026-11-10-finance-relationship-review.md",
        "line": 30,
        "text": text,
    }


def run(tmp_path: Path, tracker: Tracker, items: list[dict[str, Any]], *extra: str) -> int:
    """brm issues on ``items`` for the tracker's host."""
    path = tmp_path / "attention.json"
    path.write_text(json.dumps({"today": "2026-11-26", "items": items}), encoding="utf-8")
    return main(["issues", str(path), "--host", tracker.flavour, *extra])


def test_issues_follow_the_items_from_day_to_day(
    tracker: Tracker, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    theirs = tracker.add("Printer jams", "By hand.", ["brm-attention"], [])
    first = item("feedback:2026-10-01-slow-close", "resolve the complaint", ["@anna-lind"])
    second = item("meeting:finance", "meet Group Finance", ["@marek", "@meridian/brm-team"])
    assert run(tmp_path, tracker, [first, second]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "create #2 feedback:2026-10-01-slow-close: resolve the complaint",
        "create #3 meeting:finance: meet Group Finance",
    ]
    assert tracker.issues[2]["assignees"] == ["anna-lind"]
    assert tracker.issues[3]["assignees"] == ["marek"]
    assert tracker.issues[3]["body"].endswith(marker("meeting:finance") + "\n")
    assert tracker.issues[2]["labels"] == ["brm-attention"]

    assert run(tmp_path, tracker, [first, second]) == 0  # the next night, nothing changed
    assert capsys.readouterr().out == ""

    second["owners"] = ["@anna-lind"]
    assert (
        run(tmp_path, tracker, [second]) == 0
    )  # the complaint was resolved; finance has a new owner
    assert capsys.readouterr().out.splitlines() == [
        "close #2 feedback:2026-10-01-slow-close",
        "update #3 meeting:finance: meet Group Finance",
    ]
    assert tracker.issues[2]["state"] == "closed"
    assert tracker.issues[3]["assignees"] == ["anna-lind"]
    assert tracker.issues[theirs] == {
        "title": "Printer jams",
        "body": "By hand.",
        "labels": ["brm-attention"],
        "state": "open",
        "assignees": [],
    }


def test_a_dry_run_changes_nothing(
    tracker: Tracker, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, tracker, [item("meeting:finance", "meet", ["@marek"])], "--dry-run") == 0
    assert capsys.readouterr().out == "would create meeting:finance: meet\n"
    assert tracker.issues == {}
    assert all(r.startswith("GET ") for r in tracker.requests)


def test_an_owner_who_cannot_be_assigned_still_gets_the_issue(
    tracker: Tracker, tmp_path: Path
) -> None:
    tracker.refuse_assignees = True  # GitHub: 422 for a handle without access
    owners = ["@marek", "@left-the-company"]  # GitLab: no such user
    assert run(tmp_path, tracker, [item("meeting:finance", "meet", owners)]) == 0
    (issue,) = tracker.issues.values()
    assert issue["assignees"] == ([] if tracker.flavour == "github" else ["marek"])
    assert "`@left-the-company`" in issue["body"]


def test_a_refused_token_or_bad_items_exit_2_without_the_token(
    tracker: Tracker,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    flavour = tracker.flavour
    variable = "GITHUB_TOKEN" if flavour == "github" else "BRM_ISSUES_TOKEN"
    monkeypatch.setenv(variable, "wrong")
    assert run(tmp_path, tracker, [item("meeting:finance", "meet", [])]) == 2
    err = capsys.readouterr().err
    assert "HTTP 401" in err and "wrong" not in err and TOKEN not in err
    monkeypatch.setenv(variable, TOKEN)
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    assert main(["issues", str(tmp_path / "bad.json"), "--host", flavour]) == 2
    assert "not JSON" in capsys.readouterr().err
    monkeypatch.delenv(variable)
    assert run(tmp_path, tracker, []) == 2
    assert f"set {variable}" in capsys.readouterr().err
    assert tracker.issues == {}


def test_a_host_that_does_not_answer_is_said_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = server.server_address[1]
    server.server_close()  # nothing listens there now
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    monkeypatch.setenv("GITHUB_REPOSITORY", "o/r")
    monkeypatch.setenv("GITHUB_API_URL", f"http://127.0.0.1:{port}")
    path = tmp_path / "attention.json"
    path.write_text('{"today": "2026-11-26", "items": []}', encoding="utf-8")
    assert main(["issues", str(path), "--host", "github"]) == 2
    err = capsys.readouterr().err
    assert "cannot reach the host" in err and "[Errno" not in err
    monkeypatch.setenv("GITHUB_API_URL", "file:///etc")
    assert main(["issues", str(path), "--host", "github"]) == 2
    assert "GITHUB_API_URL is not an http(s) address" in capsys.readouterr().err


def test_a_refused_change_exits_1_after_the_others(
    tracker: Tracker, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = item("meeting:hr", "meet HR", [])
    assert run(tmp_path, tracker, [old]) == 0
    tracker.refuse_closing = True
    assert run(tmp_path, tracker, [item("meeting:finance", "meet", [])]) == 1
    said = capsys.readouterr()
    assert said.out.splitlines()[-1] == "create #2 meeting:finance: meet"
    assert "HTTP 403" in said.err
    assert tracker.issues[1]["state"] == "open" and tracker.issues[2]["state"] == "open"
