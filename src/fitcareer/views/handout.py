"""What a page handed to someone says in words where a list shows a mark."""

from __future__ import annotations

MARKS = {
    "^": "a third-party or unverified price",
    "!": "may be out of date",
    "*": "sources differ",
    "?": "an assumed conversion",
}
"""What a list's marks after a figure mean, for a page to say in words to a screen reader
(the legend under the list says the same to the eye)."""
