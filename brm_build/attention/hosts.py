"""The issues of a records repository on GitHub or GitLab, through their REST APIs.

brm keeps no credentials: the token is the CI job's own, read from the environment the CI
sets (GitHub: ``GITHUB_TOKEN``; GitLab: a project access token in ``BRM_ISSUES_TOKEN``, as
the job token may not use the issues API). It is sent only to the API address that the
same environment names, and never printed.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from typing import Any, Protocol

from .issues import LABEL, Issue, OpenIssue

TIMEOUT = 30
"""Seconds to wait for one answer of the host."""
MAX_PAGES = 100
"""Pages of 100 open issues listed at most: far more items than any organisation has."""


class HostError(RuntimeError):
    """The host refused a request or could not be reached."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        """The HTTP status of a refusal (None: no answer)."""


class Host(Protocol):
    """Where the issues live: list brm's open ones, and open, update or close one."""

    def open_issues(self) -> list[OpenIssue]:
        """Every open issue with brm's label."""

    def create(self, issue: Issue) -> int:
        """Open ``issue`` with brm's label; its number."""

    def update(self, number: int, issue: Issue) -> None:
        """Give issue ``number`` the title, body and assignees of ``issue``."""

    def close(self, number: int) -> None:
        """Close issue ``number``."""


def _request(url: str, headers: Mapping[str, str], method: str, data: object = None) -> Any:
    body = None if data is None else json.dumps(data).encode()
    request = urllib.request.Request(url, data=body, method=method, headers=dict(headers))
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            text = answer.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace")[:300]
        where = f"{method} {url.split('?')[0]}"
        raise HostError(f"{where}: HTTP {exc.code} {detail}", exc.code) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        said = reason.strerror if isinstance(reason, OSError) and reason.strerror else reason
        raise HostError(f"{method} {url.split('?')[0]}: cannot reach the host: {said}") from None
    try:
        return json.loads(text) if text.strip() else None
    except ValueError:
        raise HostError(f"{method} {url.split('?')[0]}: the answer is not JSON") from None


def _pages(url: str, headers: Mapping[str, str]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for page in range(1, MAX_PAGES + 1):
        rows = _request(f"{url}&per_page=100&page={page}", headers, "GET")
        if not isinstance(rows, list):
            raise HostError(f"GET {url.split('?')[0]}: the answer is not a list")
        found += [row for row in rows if isinstance(row, dict)]
        if len(rows) < 100:
            break
    return found


def _names(people: object) -> tuple[str, ...]:
    rows = people if isinstance(people, list) else []
    return tuple(str(p["username" if "username" in p else "login"]) for p in rows)


class GitHub:
    """The issues of ``repository`` (``owner/name``) through GitHub's REST API."""

    def __init__(self, api: str, repository: str, token: str) -> None:
        self.base = f"{api.rstrip('/')}/repos/{repository}/issues"
        self.headers = {
            "Authorization": f"Bearer {token}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
        }

    def open_issues(self) -> list[OpenIssue]:
        """Every open issue with brm's label (pull requests left out)."""
        rows = _pages(f"{self.base}?state=open&labels={LABEL}", self.headers)
        return [
            OpenIssue(
                int(r["number"]),
                str(r["title"]),
                str(r.get("body") or ""),
                _names(r.get("assignees")),
            )
            for r in rows
            if "pull_request" not in r
        ]

    def create(self, issue: Issue) -> int:
        """Open ``issue`` with brm's label; its number."""
        data = {"title": issue.title, "body": issue.body, "labels": [LABEL]}
        made = self._assigning(self.base, "POST", data, issue)
        return int(made["number"])

    def update(self, number: int, issue: Issue) -> None:
        """Give issue ``number`` the title, body and assignees of ``issue``."""
        data = {"title": issue.title, "body": issue.body}
        self._assigning(f"{self.base}/{number}", "PATCH", data, issue)

    def _assigning(self, url: str, method: str, data: dict[str, Any], issue: Issue) -> Any:
        """Send ``data`` with the issue's assignees; once more without them when GitHub
        refuses one (422: a handle that cannot be assigned in this repository)."""
        try:
            return _request(url, self.headers, method, data | {"assignees": list(issue.assignees)})
        except HostError as exc:
            if exc.status != 422 or not issue.assignees:
                raise
        return _request(url, self.headers, method, data | {"assignees": []})

    def close(self, number: int) -> None:
        """Close issue ``number`` as completed."""
        data = {"state": "closed", "state_reason": "completed"}
        _request(f"{self.base}/{number}", self.headers, "PATCH", data)


class GitLab:
    """The issues of project ``project`` (its id or path) through GitLab's REST API."""

    def __init__(self, api: str, project: str, token: str) -> None:
        self.api = api.rstrip("/")
        self.base = f"{self.api}/projects/{urllib.parse.quote(project, safe='')}/issues"
        self.headers = {"PRIVATE-TOKEN": token}
        self.ids: dict[str, int | None] = {}

    def open_issues(self) -> list[OpenIssue]:
        """Every open issue with brm's label."""
        rows = _pages(f"{self.base}?state=opened&labels={LABEL}", self.headers)
        return [
            OpenIssue(
                int(r["iid"]),
                str(r["title"]),
                str(r.get("description") or ""),
                _names(r.get("assignees")),
            )
            for r in rows
        ]

    def _user_ids(self, names: tuple[str, ...]) -> list[int]:
        """The ids of the users named (GitLab assigns by id); an unknown name is left out."""
        for name in names:
            if name not in self.ids:
                query = urllib.parse.urlencode({"username": name})
                rows = _request(f"{self.api}/users?{query}", self.headers, "GET")
                found = rows[0] if isinstance(rows, list) and rows else None
                self.ids[name] = int(found["id"]) if isinstance(found, dict) else None
        return [i for n in names if (i := self.ids[n]) is not None]

    def create(self, issue: Issue) -> int:
        """Open ``issue`` with brm's label; its number (iid)."""
        data = {
            "title": issue.title,
            "description": issue.body,
            "labels": LABEL,
            "assignee_ids": self._user_ids(issue.assignees),
        }
        return int(_request(self.base, self.headers, "POST", data)["iid"])

    def update(self, number: int, issue: Issue) -> None:
        """Give issue ``number`` the title, description and assignees of ``issue``."""
        data = {
            "title": issue.title,
            "description": issue.body,
            "assignee_ids": self._user_ids(issue.assignees),
        }
        _request(f"{self.base}/{number}", self.headers, "PUT", data)

    def close(self, number: int) -> None:
        """Close issue ``number``."""
        _request(f"{self.base}/{number}", self.headers, "PUT", {"state_event": "close"})


def _api(url: str, variable: str) -> str:
    if urllib.parse.urlsplit(url).scheme not in ("https", "http"):
        raise HostError(f"{variable} is not an http(s) address")
    return url


def host_from(name: str, env: Mapping[str, str]) -> Host:
    """The host ``github`` or ``gitlab`` as the CI's environment describes it."""
    if name == "github":
        missing = [n for n in ("GITHUB_TOKEN", "GITHUB_REPOSITORY") if not env.get(n)]
        if missing:
            raise HostError(f"set {' and '.join(missing)} (GitHub Actions sets them for a job)")
        api = _api(env.get("GITHUB_API_URL") or "https://api.github.com", "GITHUB_API_URL")
        return GitHub(api, env["GITHUB_REPOSITORY"], env["GITHUB_TOKEN"])
    missing = [n for n in ("BRM_ISSUES_TOKEN", "CI_API_V4_URL", "CI_PROJECT_ID") if not env.get(n)]
    if missing:
        raise HostError(
            f"set {' and '.join(missing)} (GitLab CI sets the last two; BRM_ISSUES_TOKEN is "
            "a project access token with scope api)"
        )
    api = _api(env["CI_API_V4_URL"], "CI_API_V4_URL")
    return GitLab(api, env["CI_PROJECT_ID"], env["BRM_ISSUES_TOKEN"])
