"""Forms of the web pages (fields, members, organizations)."""
