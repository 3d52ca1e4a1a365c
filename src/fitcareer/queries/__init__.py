"""Pure questions asked of a `Catalog`: lookups, roles, certifications, income, sources
and the quiz. No I/O and no printing happens here."""
