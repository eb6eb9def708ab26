"""How often each customer is to be met: the cadence of its tier in brm.yaml, else the
default interval (records.md). The check's warnings and ``brm attention`` both read this."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import Customer, structure
from ..model.settings import CADENCE_FIELDS, BrmConfig


@dataclass(frozen=True, slots=True)
class Cadence:
    """The longest gap allowed between meetings of one type (or of any) with a customer."""

    meeting_type: str | None
    """None: a meeting of any type counts."""
    days: int
    tier: str | None
    """The tier that sets it; None: the default, ``thresholds.meeting_interval_days``."""

    @property
    def what(self) -> str:
        """What is to be held: ``meeting`` or the meeting type, such as ``service-review``."""
        return self.meeting_type or "meeting"

    def rule(self) -> str:
        """How often, in words, for a message: ``every 90 days`` or with its tier."""
        tier = f", tier {self.tier}" if self.tier else ""
        return f"every {self.days} days{tier}"


def cadences(config: BrmConfig, tier: str | None) -> tuple[Cadence, ...]:
    """The intervals a customer of ``tier`` is met at: its tier's, else the default one (also
    for a tier that brm.yaml does not define or that sets no interval; the check reports
    the first and the docs say the second)."""
    found = config.tiers.get(tier) if tier is not None else None
    if found is not None:
        own = tuple(
            Cadence(kind, days, tier)
            for field, kind in CADENCE_FIELDS.items()
            if (days := getattr(found, field)) is not None
        )
        if own:
            return own
    return (Cadence(None, config.thresholds.meeting_interval_days, None),)


def tier_of(units: Mapping[str, Customer], unit: str) -> tuple[str | None, str | None]:
    """The tier of ``unit`` and the customer it comes from: the customer it sits under (a
    purchaser follows its customer's tier; ``tier`` on a purchaser itself is an error the
    check reports). ``(None, None)`` for a unit under no customer."""

    def parent_of(uid: str) -> str | None:
        found = units.get(uid)
        return found.parent if found else None

    for uid in structure.ancestors(unit, parent_of):
        found = units.get(uid)
        if found is not None and found.role == "customer":
            return found.tier, uid
    return None, None


def meeting_interval(config: BrmConfig, units: Mapping[str, Customer], unit: str) -> int:
    """The longest a unit may go without a meeting of any type: the shortest interval of
    the tier it follows, else the default (what relationship health rates)."""
    return min(c.days for c in cadences(config, tier_of(units, unit)[0]))


def described(each: Sequence[Cadence]) -> str:
    """The cadences in words, for a page: ``a meeting at least every 90 days``."""
    return " and ".join(f"a {c.what} at least every {c.days} days" for c in each)
