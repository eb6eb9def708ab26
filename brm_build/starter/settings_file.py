"""The files of a new records repository that say how to work with it: ``brm.yaml`` with
every setting explained, the editor settings and ``.gitignore``."""

from __future__ import annotations

import json

from ..demo.yamltext import scalar
from ..model import KINDS
from ..model.settings import Limits, Repository, Thresholds
from ..schemas import MAPPING_SCHEMA

GITIGNORE = ".brm-cache/\nsite/\n"
"""What brm makes in a records repository and is never committed: caches and the site."""


def config_text(organisation: str) -> str:
    """``brm.yaml`` for ``organisation``: every setting with what it does and its default."""
    t, limits, repository = Thresholds(), Limits(), Repository()
    return f"""\
# Settings of brm for the records of this organisation. Every key is optional: a key left
# out, or commented out, takes the default written here.

# The organisation's name, on every page of the site.
organisation: {scalar(organisation)}
# The title of the site.
site_title: {scalar(organisation + " IT customer directory")}

# Where this repository is hosted: every record page then links to its file in the host's
# editor, to propose a change.
repository:
  # url: https://github.com/your-org/records
  branch: {repository.branch}
  # host: github          # github or gitlab, when the url does not say which

# When brm check warns.
thresholds:
  # a customer without a meeting (with it or its purchasers) for this many days
  meeting_interval_days: {t.meeting_interval_days}
  # an agreement that expires within this many days
  agreement_notice_days: {t.agreement_notice_days}
  # a complaint or escalation open for longer than this many days
  feedback_open_days: {t.feedback_open_days}
  # a survey figure from fewer responses than this is flagged as of low confidence
  survey_min_responses: {t.survey_min_responses}
  # a customer's CSAT falling by more points than this between the two latest periods
  csat_drop_points: {t.csat_drop_points:g}
  # a customer's business plan for the year is due within this many days of January 1
  plan_review_days: {t.plan_review_days}

# Service tiers, each with its own meeting cadence in days (a quarter is about 92): a
# customer names its tier (tier: strategic) and its purchasers follow it. The intervals a
# tier sets replace meeting_interval_days above for its customers; none by default.
# tiers:
#   strategic:
#     meeting_interval_days: 45      # a meeting of any type
#     relationship_review_days: 183  # a meeting of type relationship-review
#     service_review_days: 31        # a meeting of type service-review
#   standard:
#     meeting_interval_days: 120

# Bounds that keep a hostile change from exhausting CI.
limits:
  # a record file larger than this many bytes is not read
  max_file_bytes: {limits.max_file_bytes}

# Restricted fields that the site publishes all the same, by name, such as
# customer.it_budget, agreement.funding, survey.responses.comment, feedback.raised_by or
# person.phone (every person's phone). None by default.
publish: []

# CODEOWNERS, written by brm codeowners: the default owner reviews every change.
# codeowners:
#   default: "@your-org/brm-team"
"""


def editor_settings() -> str:
    """``.vscode/settings.json``: each records folder mapped to its kind's schema, so that
    VS Code (with the YAML extension) completes fields and marks mistakes while typing;
    the mapping files under imports/ to theirs. Meetings are left out: editors apply no
    schema to front matter."""
    schemas = {
        f"./schemas/{kind.schema_file}": [
            f"records/{kind.folder}/*/*.yaml" if kind.dated else f"records/{kind.folder}/*.yaml"
        ]
        for kind in KINDS
        if kind.extension == ".yaml"
    }
    schemas[f"./schemas/{MAPPING_SCHEMA}"] = ["imports/*.yaml"]
    settings = {
        "yaml.schemas": schemas,
        "yaml.validate": True,
        "yaml.completion": True,
        "[yaml]": {
            "editor.tabSize": 2,
            "editor.insertSpaces": True,
            "files.insertFinalNewline": True,
            "files.trimTrailingWhitespace": True,
        },
    }
    return json.dumps(settings, indent=2) + "\n"
