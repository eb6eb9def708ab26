"""The records of a repository or a publication, one table a kind, kept in one mapping by
folder: a new kind in ``registry.KINDS`` has its table without a field of its own, and a
kind's name as an attribute (``repo.customers``) is a typed view of its table."""

from __future__ import annotations

from typing import Any, Generic, Protocol, TypeVar, cast, overload

from .registry import KINDS

T = TypeVar("T")


class HasTables(Protocol):
    """What keeps its records by kind folder."""

    @property
    def tables(self) -> dict[str, dict[str, Any]]: ...


def empty_tables() -> dict[str, dict[str, Any]]:
    """An empty table for every kind, by folder, in the order of ``KINDS``."""
    return {kind.folder: {} for kind in KINDS}


class Table(Generic[T]):
    """The table of the kind whose folder is the attribute's name, with its type."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.folder = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> Table[T]: ...

    @overload
    def __get__(self, obj: object, owner: type | None = None) -> dict[str, T]: ...

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        if obj is None:
            return self
        return cast(dict[str, T], cast(HasTables, obj).tables[self.folder])

    def __set__(self, obj: HasTables, value: dict[str, T]) -> None:
        obj.tables[self.folder] = value
