"""The titles every review pack has, in order, whatever its period holds."""

from __future__ import annotations

SECTIONS = (
    "The relationship at a glance",
    "Service levels",
    "Satisfaction",
    "Complaints, compliments and escalations",
    "Meetings",
    "Requirements",
    "Projects",
    "Plans and their IT impact",
    "Agreements",
    "Proposed agenda",
)
