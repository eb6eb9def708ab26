"""Every finding code, with what it means in one line: the registry behind the writers'
guide. A test fails when a module emits a code that is missing here, or when a code here
is no longer emitted."""

from __future__ import annotations

CODES: dict[str, str] = {
    # Files and their places
    "file-unreadable": "A file or folder that could not be read (permissions, or it vanished).",
    "file-too-large": "The file is larger than limits.max_file_bytes in brm.yaml allows.",
    "file-encoding": "The file is not UTF-8 text; save it as UTF-8.",
    "file-symlink": "A symbolic link under records/; links are never followed.",
    "file-unknown": "Something under records/ that is not one of the kinds' folders.",
    "file-location": "A file or folder in the wrong place, such as a meeting outside its year.",
    "file-extension": "A file with the wrong extension for its folder (.yaml; .md for meetings).",
    "id-invalid": "The file name is not a valid id: lower-case letters, digits, single hyphens.",
    # YAML
    "yaml-syntax": "The YAML cannot be read: an indentation, quote or colon is off.",
    "yaml-empty": "The file holds no fields.",
    "yaml-not-mapping": "The top level is not a mapping of field names to values.",
    "yaml-multiple-documents": "The file holds more than one YAML document ('---').",
    "yaml-duplicate-key": "A field appears twice in the same mapping.",
    "yaml-key": "A mapping key is a list or mapping instead of plain text.",
    "yaml-merge-key": "A merge key (<<) is used; write the fields out.",
    "yaml-anchor": "An anchor (&) or alias (*) is used; write the value out in full.",
    "yaml-tag": "A YAML tag (!something) is used; write a plain value.",
    "yaml-too-deep": "The data is nested far deeper than any record needs.",
    "meeting-front-matter": "A meeting does not start with front matter between '---' lines.",
    # Fields against the schema
    "schema-required": "A required field is missing.",
    "schema-unknown-field": "A field that the kind does not have, often a typo.",
    "schema-type": "A value of the wrong type, such as text where a number belongs.",
    "schema-enum": "A value that is not one of the allowed choices.",
    "schema-pattern": "A value not in the expected form (id, period, email, currency, handle).",
    "schema-value": "A value out of range or otherwise invalid (a date that does not exist).",
    "currency-unknown": "A currency code that is not an ISO 4217 currency.",
    "secret-value": "A value that looks like a password, key or token; remove it.",
    "publish-unknown-field": "brm.yaml publish names a field that is not restricted or not there.",
    # Between records
    "ref-unknown": "A reference to a record that does not exist.",
    "ref-retired": "A record dated after a unit was retired refers to that unit.",
    "retired-unit-active": "An active unit under a retired one, or an active agreement with one.",
    "hierarchy-parent-missing": "A purchaser without a parent unit.",
    "hierarchy-cycle": "Units whose parents lead round in a circle.",
    "hierarchy-too-deep": "A unit more than 30 units below the top of its structure.",
    "customer-relationship-manager": "A customer without a relationship manager.",
    "agreement-party-role": "An agreement with a purchaser; only a customer can agree.",
    "report-agreement-mismatch": "A report whose agreement differs from its file name.",
    "report-duplicate-period": "A report that measures the same period twice.",
    "report-unknown-service-level": "A measured result for a service level the agreement lacks.",
    "report-period-before-start": "A report period that ended before its agreement started.",
    "report-period-future": "A report period that has not begun yet.",
    # Rules inside a record
    "date-order": "Dates in the wrong order, such as an end before its start.",
    "date-mismatch": "A meeting's or feedback's date differs from its file name.",
    "earlier-target-duplicate": "Two earlier targets of a service level share an until period.",
    "target-percent-range": "A percent target below 0 or above 100.",
    "target-percent-fraction": "An at-least percent target under 1, such as 0.995 for 99.5.",
    "service-level-duplicate": "Two service levels of an agreement share an id.",
    "escalation-level-duplicate": "Two steps of an escalation path share a level.",
    "feedback-level": "An escalation without a valid level, or a level on other feedback.",
    "feedback-resolved-on": "Resolved feedback without the date it was resolved.",
    "unit-retired-on": "A retired unit without retired_on, or retired_on on an active unit.",
    "survey-over-invited": "A survey unit with more responses than people invited.",
    # What needs attention (warnings)
    "agreement-past-end": "An active agreement past its valid_until date.",
    "agreement-expiring": "An active agreement that ends within the notice window.",
    "agreement-review-overdue": "An active agreement past its review_by date.",
    "customer-no-recent-meeting": "No meeting with a customer within the meeting interval.",
    "meeting-in-future": "A meeting dated after today; it counts once held.",
    "action-overdue": "An open action from a meeting past its due date.",
    "feedback-open-too-long": "A complaint or escalation open longer than the configured days.",
    "survey-few-responses": "A survey with fewer responses than the configured minimum.",
    "survey-copy": "A survey whose responses are another's, item for item: a copied file.",
    "csat-drop": "A customer's satisfaction fell by more than the configured points.",
    "target-changed-after-reports": "A target changed after periods were reported; keep the "
    "old one in earlier_targets.",
    "codeowners-outdated": "CODEOWNERS differs from the customers' owners; run brm codeowners.",
}
