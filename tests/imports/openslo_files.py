"""OpenSLO files shaped as OpenSLO repositories hold them (several documents a file,
comments, SLIs and data sources beside the SLOs), and the agreement they are imported into."""

from __future__ import annotations

AGREEMENT = """\
title: Core ERP for Group Finance 2026
customer: finance
services:
  - erp
status: active
valid_from: 2026-01-01
valid_until: 2026-12-31
service_levels:
  # Agreed with the CFO in the 2025 review.
  - id: availability
    metric: Core ERP availability during support hours
    target: 99.5
    unit: percent
    direction: at_least
    period: month
    earlier_targets:
      - {until: 2026-03, target: 99}
  - id: incident-response
    metric: Response time for priority 1 and 2 incidents
    target: 4   # hours, not minutes
    unit: hours
    direction: at_most
notes: |
  Reviewed each quarter with the platform team's SLOs.
"""

V1 = """\
# SLOs of the ERP platform, kept by the platform team.
apiVersion: openslo/v1
kind: DataSource
metadata:
  name: prometheus-erp
spec:
  type: Prometheus
  connectionDetails:
    url: http://prometheus.erp.internal:9090
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
  displayName: ERP availability
  labels:
    team: erp-platform
spec:
  description: Core ERP availability during support hours
  service: erp
  indicatorRef: erp-availability
  timeWindow:
    - duration: 1M
      isRolling: false
      calendar:
        startTime: 2026-01-01 00:00:00
        timeZone: Europe/Berlin
  budgetingMethod: Occurrences
  objectives:
    - displayName: Available
      target: 0.999
---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: erp-availability
spec:
  ratioMetric:
    counter: true
    good:
      metricSource:
        metricSourceRef: prometheus-erp
        type: Prometheus
        spec:
          query: sum(rate(http_requests_total{job="erp",code!~"5.."}[5m]))
    total:
      metricSource:
        metricSourceRef: prometheus-erp
        type: Prometheus
        spec:
          query: sum(rate(http_requests_total{job="erp"}[5m]))
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: erp-batch-jobs
  displayName: Nightly batch jobs
spec:
  service: erp
  indicatorRef: erp-batch-success
  timeWindow:
    - duration: 1Q
      calendar:
        startTime: 2026-01-01 00:00:00
        timeZone: Europe/Berlin
  budgetingMethod: Occurrences
  objectives:
    - displayName: Finished on time
      targetPercent: 98.5
"""

V1ALPHA = """\
apiVersion: openslo/v1alpha
kind: SLO
metadata:
  name: erp-login
  displayName: ERP login
spec:
  description: Logins answered within 2 seconds
  service: erp
  indicator:
    thresholdMetric:
      source: prometheus
      queryType: promql
      query: histogram_quantile(0.95, rate(login_duration_seconds_bucket[5m]))
  timeWindows:
    - unit: Day
      count: 28
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: Fast
      op: lte
      value: 2
      target: 0.95
    - displayName: Not slow
      op: lte
      value: 5
      target: 0.999
"""

ADDED = """\
  - id: erp-batch-jobs
    metric: Nightly batch jobs
    target: 98.5
    unit: percent
    direction: at_least
    period: quarter
"""

ADDED_ALPHA = """\
  - id: erp-login-fast
    metric: 'Logins answered within 2 seconds: Fast'
    target: 95
    unit: percent
    direction: at_least
    period: month
  - id: erp-login-not-slow
    metric: 'Logins answered within 2 seconds: Not slow'
    target: 99.9
    unit: percent
    direction: at_least
    period: month
"""


def agreement_after(*added: str, availability: str = "99.9") -> str:
    """The agreement with the availability target updated and ``added`` service levels."""
    head, notes = AGREEMENT.split("notes: |\n")
    head = head.replace("target: 99.5\n", f"target: {availability}\n")
    return head + "".join(added) + "notes: |\n" + notes


def slo(name: str = "availability", objective: str = "target: 0.999", **extra: str) -> str:
    """One v1 SLO document with a calendar month window and one objective."""
    annotations = "".join(f"\n    {k.replace('_', '/')}: {v}" for k, v in extra.items())
    metadata = f"  name: {name}\n  displayName: ERP availability\n"
    if annotations:
        metadata += f"  annotations:{annotations}\n"
    return (
        "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n" + metadata + "spec:\n"
        "  service: erp\n  indicatorRef: erp-availability\n"
        "  timeWindow:\n    - duration: 1M\n      calendar:\n"
        "        startTime: 2026-01-01 00:00:00\n        timeZone: UTC\n"
        "  budgetingMethod: Occurrences\n"
        f"  objectives:\n    - displayName: Available\n      {objective}\n"
    )
