"""fitcareer: compare fitness careers and certifications from sourced, dated facts."""

__version__ = "0.1.0"
