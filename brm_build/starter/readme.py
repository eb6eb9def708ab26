"""The README of a new records repository, for the people who write its records."""

from __future__ import annotations

from ..model import KINDS

_WHAT = {
    "customer": "business units: customers (with the mandate) and purchasers under them",
    "service": "the IT services they buy",
    "agreement": "agreements with customers: services, service levels, funding",
    "meeting": "meeting notes, Markdown with YAML front matter, in a folder per year",
    "survey": "satisfaction survey rounds with their responses",
    "report": "measured service levels of one agreement, by period",
    "project": "projects that concern customers",
    "feedback": "complaints, compliments and escalations, in a folder per year",
}


def _layout() -> str:
    rows = []
    for kind in KINDS:
        where = f"records/{kind.folder}/" + ("YYYY/" if kind.dated else "")
        rows.append(f"| `{where}` | {kind.name} | {_WHAT[kind.name]} |")
    return "\n".join(rows)


_CI = {
    "github": "In the repository's settings, under *Pages*, choose *GitHub Actions* as the "
    "source, and protect `main` so that the check must pass and a code owner must approve.",
    "gitlab": "GitLab Pages publishes the site from the default branch; protect it so that "
    "the pipeline must pass and a code owner must approve.",
}


def _ci(ci_file: str | None, host: str) -> str:
    if ci_file is None:
        return "There are no CI files yet: `brm init --ci github|gitlab` writes them."
    return (
        f"`{ci_file}` installs brm from `BRM_PACKAGE`, set at its top: make it where your "
        f"organisation installs brm from, with a pinned version. {_CI[host]}"
    )


def readme_text(
    organisation: str, examples: list[str], ci_file: str | None = None, host: str = "none"
) -> str:
    """The README for ``organisation``; ``examples`` are the example records' paths and
    ``ci_file`` the CI file written for ``host``, if any."""
    delete = (
        "The records whose names start with `example` are examples, one of each kind. Read "
        "them, then\ndelete them:\n\n```sh\nrm " + " \\\n   ".join(examples) + "\n```\n\nRun "
        "`brm codeowners` afterwards: CODEOWNERS names the examples' owner."
        if examples
        else "There are no records yet: git keeps no empty folder, so add the first records "
        "before the first commit (`brm new` makes the folders it needs)."
    )
    return f"""\
# Records of {organisation}

The IT department's customers and purchasers, their agreements and service levels,
meetings, surveys, projects and feedback, as records that `brm check` validates and
`brm build` publishes as an internal site.

## Layout

| folder | kind | what it holds |
| --- | --- | --- |
{_layout()}

A record's id is its file name without extension. `brm.yaml` holds the settings of the
organisation, each explained there; `schemas/` holds a JSON Schema per kind.

{delete}

## Writing a record

* `brm new KIND` writes a new record that passes the check, from options or by asking
  (`brm new customer --help` lists them). It checks the whole repository as it would be
  with the record, shows the findings and writes nothing the check rejects.
* In VS Code with the YAML extension, `.vscode/settings.json` maps each folder to its
  schema: fields are completed and mistakes marked while typing.
* `brm check` lists every problem with its file, line and field; `brm serve` shows the
  site as it will look, and updates it as records change.
* Fields marked restricted in the schemas (budgets, funding, survey comments, who raised
  feedback, phone numbers) are checked but never published unless `brm.yaml` says so.

## Proposing a change

Change records on a branch and open a pull request (GitHub) or merge request (GitLab).
CI checks every commit, summarises what the change means (`brm diff`) and publishes the
site from the main branch. `brm codeowners` writes CODEOWNERS from the customers'
`owners`, so that they review the changes to their records: run it when owners change.

{_ci(ci_file, host)}
"""
