"""Readers for published data sets that fitcareer does not ship, such as the BLS wage tables."""
