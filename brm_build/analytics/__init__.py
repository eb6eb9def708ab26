"""Analytics: satisfaction, service-level attainment and relationship health, as data.

Each module is imported by itself (``analytics.stats``, ``analytics.health``, ...): the
package imports none of them, so that a check, which needs only a few, does not pay for
them all."""
