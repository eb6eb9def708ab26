"""The check: the pipeline that loads every record and runs every check (``run``), and the
reporters that render its one result (``reporters``)."""

from .run import CheckResult, check, check_findings, check_records, check_with

__all__ = ["CheckResult", "check", "check_findings", "check_records", "check_with"]
