"""Component ids, defined once (DESIGN.md section 5 lists the contract's ids)."""

URL = "url"
NAVBAR = "navbar"
MYDAY_OVERDUE = "myday-overdue"
MYDAY_OVERDUE_COUNT = "myday-overdue-count"
MYDAY_TODAY = "myday-today"
MYDAY_TODAY_COUNT = "myday-today-count"
MYDAY_GREETING = "myday-greeting"
