"""Which changes deserve careful review: weaker service levels, a changed target whose
old value is not kept in ``earlier_targets``, money, status, roles.

Each reason names the record's field and, where it is not restricted, the values; a
reviewer can then approve knowing what the change means for the customer.
"""

from __future__ import annotations

from ..model import Agreement, Customer, Person, Record
from ..model.kinds import ServiceLevel
from .values import HIDDEN, show


def _weaker(old: ServiceLevel, new: ServiceLevel) -> bool:
    """A lower minimum or a higher maximum promises less (records.md ``direction``)."""
    if new.direction == "at_least":
        return new.target < old.target
    return new.target > old.target


def _kept(old: ServiceLevel, new: ServiceLevel) -> bool:
    """Whether ``new`` keeps the old target under an ``earlier_targets`` entry it adds, so
    that the periods already reported are still judged against it (records.md 1.1)."""
    added = [e for e in new.earlier_targets if e not in old.earlier_targets]
    return any(e.target == old.target for e in added)


def _rewritten(where: str, old: ServiceLevel, new: ServiceLevel) -> list[str]:
    """Earlier targets removed or changed: the periods they judged are judged anew."""
    after = {e.until: e.target for e in new.earlier_targets}
    reasons = []
    for e in old.earlier_targets:
        now = after.get(e.until)
        if now is None:
            reasons.append(f"{where} earlier target until {e.until} removed ({show(e.target)})")
        elif now != e.target:
            reasons.append(
                f"{where} earlier target until {e.until} changed: {show(e.target)} → {show(now)}"
            )
    return reasons


def _target(where: str, old: ServiceLevel, new: ServiceLevel) -> list[str]:
    reasons = _rewritten(where, old, new)
    change = f"{show(old.target)} → {show(new.target)} {new.unit}"
    if _weaker(old, new):
        reasons.append(f"{where} target weakened: {change} ({new.direction.replace('_', ' ')})")
    if new.target != old.target and not _kept(old, new):
        reasons.append(
            f"{where} target changed without an earlier_targets entry: {change}; the "
            "periods already reported are now judged against the new target: add "
            f"{{until: <last period of the old target>, target: {show(old.target)}}}"
        )
    return reasons


def _service_levels(old: Agreement, new: Agreement) -> list[str]:
    reasons = []
    after = {level.id: level for level in new.service_levels}
    for level in old.service_levels:
        now = after.get(level.id)
        where = f"service level {level.id}"
        if now is None:
            reasons.append(f"{where} removed")
        elif now.direction != level.direction:
            reasons.append(f"{where} direction changed: {level.direction} → {now.direction}")
        elif now.unit != level.unit:
            reasons.append(f"{where} unit changed: {show(level.unit)} → {show(now.unit)}")
        else:
            reasons += _target(where, level, now)
    return reasons


def _validity(agreement: Agreement) -> str:
    until = agreement.valid_until.isoformat() if agreement.valid_until else "open-ended"
    return f"{agreement.valid_from} to {until}"


def _agreement(old: Agreement, new: Agreement) -> list[str]:
    reasons = _service_levels(old, new)
    if old.funding != new.funding:
        what = "added" if old.funding is None else "removed" if new.funding is None else "changed"
        reasons.append(f"funding {what} ({HIDDEN})")
    if old.status != new.status:
        reasons.append(f"status {old.status} → {new.status}")
    if (old.valid_from, old.valid_until) != (new.valid_from, new.valid_until):
        reasons.append(f"validity {_validity(old)} → {_validity(new)}")
    if old.customer != new.customer:
        reasons.append(f"customer {old.customer} → {new.customer}")
    return reasons


def _person(person: Person | None) -> str:
    return "none" if person is None else f"{person.name} <{person.email}>"


def _customer(old: Customer, new: Customer) -> list[str]:
    reasons = []
    if old.role != new.role:
        reasons.append(f"role {old.role} → {new.role}")
    if old.parent != new.parent:
        reasons.append(f"parent {show(old.parent)} → {show(new.parent)}")
    rm_old, rm_new = old.relationship_manager, new.relationship_manager
    if (rm_old and (rm_old.name, rm_old.email)) != (rm_new and (rm_new.name, rm_new.email)):
        reasons.append(f"relationship manager {_person(rm_old)} → {_person(rm_new)}")
    if sorted(old.owners) != sorted(new.owners):
        reasons.append(f"owners (who review its changes) {show(old.owners)} → {show(new.owners)}")
    return reasons


def review_changed(old: Record, new: Record) -> list[str]:
    """Why a change from ``old`` to ``new`` (the same kind) deserves careful review."""
    if isinstance(old, Agreement) and isinstance(new, Agreement):
        return _agreement(old, new)
    if isinstance(old, Customer) and isinstance(new, Customer):
        return _customer(old, new)
    return []


def review_removed(record: Record) -> list[str]:
    """Why removing ``record`` deserves careful review."""
    if isinstance(record, Agreement):
        return [f"{record.status} agreement removed"]
    if isinstance(record, Customer):
        return [f"{record.role} removed"]
    return []
