"""Sheets in words: each view turns query results into a `Sheet` (title, header, rows,
notes and the same facts as JSON) that every output format shares."""
