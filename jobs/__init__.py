"""Work done outside a request: the export job runner (and, later, e-mail and reminders)."""
