"""The settings of a run as types: brm.yaml's model (BrmConfig, with its thresholds and
limits) and what a command knows (Settings: where, when and how). Reading brm.yaml is
``brm_build.settings``'s work."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field

from .common import HOST_URL_PATTERN, Id


class _Config(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Repository(_Config):
    """Where the records repository is hosted, for "propose a change" links."""

    url: str | None = Field(default=None, pattern=HOST_URL_PATTERN)
    branch: str = "main"
    host: str | None = Field(default=None, pattern=r"^(github|gitlab)$")


class Thresholds(_Config):
    """When a warning is due."""

    meeting_interval_days: int = Field(default=90, ge=1)
    agreement_notice_days: int = Field(default=60, ge=0)
    feedback_open_days: int = Field(default=30, ge=1)
    survey_min_responses: int = Field(default=5, ge=1)
    csat_drop_points: float = Field(default=10.0, ge=0)
    plan_review_days: int = Field(default=90, ge=1, le=366)
    """A customer's business plan for a year is due within this many days of its start."""


class Tier(_Config):
    """A service tier's meeting cadence: the longest gap, in days, between meetings of a
    type (or of any type) with a customer of the tier or its purchasers."""

    meeting_interval_days: int | None = Field(default=None, ge=1)
    """Between meetings of any type."""
    relationship_review_days: int | None = Field(default=None, ge=1)
    """Between relationship reviews (meetings of type relationship-review)."""
    service_review_days: int | None = Field(default=None, ge=1)
    """Between service reviews (meetings of type service-review)."""


CADENCE_FIELDS: dict[str, str | None] = {
    "meeting_interval_days": None,
    "relationship_review_days": "relationship-review",
    "service_review_days": "service-review",
}
"""Each interval of a tier and the meeting type it counts (None: a meeting of any type)."""


class Limits(_Config):
    """Bounds that keep a hostile change from exhausting CI."""

    max_file_bytes: int = Field(default=1_048_576, ge=1024)


class Codeowners(_Config):
    """Who owns what by default in CODEOWNERS."""

    default: str | None = None


class BrmConfig(_Config):
    """The schema of brm.yaml. Every key is optional."""

    organisation: str = "Our organisation"
    site_title: str = "IT customer directory"
    repository: Repository = Repository()
    thresholds: Thresholds = Thresholds()
    limits: Limits = Limits()
    publish: list[str] = []
    """Restricted fields opted in to publication, by name such as ``customer.it_budget``."""
    codeowners: Codeowners = Codeowners()
    tiers: dict[Id, Tier] = {}
    """Service tiers by name, each with its meeting cadence; a customer names its ``tier``.
    A customer without one meets at least every ``thresholds.meeting_interval_days``."""


@dataclass(frozen=True)
class CacheSettings:
    """Where per-file check results are kept between runs, and the file of the secret key
    that signs them (kept outside the repository, so that a commit cannot forge them)."""

    folder: str
    key_file: str
    settle_seconds: float = 2.0
    """A file changed less than this long before it was read is read again by the next run
    whatever its status says (see ``unchanged``)."""


@dataclass(frozen=True)
class Settings:
    """Everything a command needs to know: where, when and how."""

    root: str
    today: dt.date
    config: BrmConfig = field(default_factory=BrmConfig)
    strict: bool = False
    cache: CacheSettings | None = None
    """None: read and validate every record afresh."""
    config_text: str | None = None
    """brm.yaml as read for ``config`` (None: no file, or settings made without reading
    it): what findings on brm.yaml are placed in and quoted from."""
