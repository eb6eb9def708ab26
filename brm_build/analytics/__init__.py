"""Analytics: satisfaction, service-level attainment and relationship health, as data."""

from .health import Health, Rule, Signal, health_rules
from .satisfaction import Satisfaction, Scores, Series
from .service_levels import AgreementAttainment, LevelAttainment, Result
from .stats import Stats, compute_stats

__all__ = [
    "AgreementAttainment",
    "Health",
    "LevelAttainment",
    "Result",
    "Rule",
    "Satisfaction",
    "Scores",
    "Series",
    "Signal",
    "Stats",
    "compute_stats",
    "health_rules",
]
