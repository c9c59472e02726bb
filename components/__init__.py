"""Layout builders reused by the pages."""
