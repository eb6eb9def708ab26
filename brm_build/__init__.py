"""brm: records-as-code for IT Business Relationship Management."""

__version__ = "0.1.0"
