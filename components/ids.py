"""Component ids, defined once (DESIGN.md section 5 lists the contract's ids)."""

URL = "url"
# A message any callback may show above the page (e.g. the database is unavailable).
APP_NOTICE = "app-notice"
NAVBAR = "navbar"
NAVBAR_TOGGLER = "navbar-toggler"  # phones: shows and hides the navbar's links
NAVBAR_LINKS = "navbar-links"  # the collapse that holds the links
NAVBAR_BELL_COUNT = "navbar-bell-count"
# Counters (contract names: DESIGN.md section 5)
COUNTER_INCOMING = "counter-incoming"
COUNTER_PLANNED = "counter-planned"
COUNTER_TODAY = "counter-today"
COUNTERS_TICK = "counters-tick"  # interval: every 30 s
COUNTERS_REFRESH = "counters-refresh"  # store: bumped after a change the viewer made
MYDAY_NOTIFICATIONS = "myday-notifications"
MYDAY_MARK_READ = "myday-mark-read"
# My tasks: counted like my counters (Planned, Today); a manager's team apart.
MYDAY_PLANNED = "myday-planned"
MYDAY_PLANNED_COUNT = "myday-planned-count"
MYDAY_TEAM = "myday-team"
MYDAY_TEAM_TITLE = "myday-team-title"
MYDAY_TEAM_OVERDUE = "myday-team-overdue"
MYDAY_TEAM_OVERDUE_COUNT = "myday-team-overdue-count"
MYDAY_TEAM_TODAY = "myday-team-today"
MYDAY_TEAM_TODAY_COUNT = "myday-team-today-count"
MYDAY_TODAY = "myday-today"
MYDAY_TODAY_COUNT = "myday-today-count"
MYDAY_GREETING = "myday-greeting"
MYDAY_SCOPE = "myday-scope"

# /notes (contract names: DESIGN.md section 5)
NOTES_QUERY = "notes-query"
NOTES_FILTER = "notes-filter"  # store: the canonical query of the filter, checked once
NOTES_GRID = "notes-grid"
NOTES_TOTAL = "notes-total"
NOTES_TOTAL_LABEL = "notes-total-label"
OVERDUE_COUNT = "overdue-count"
OVERDUE_LIST = "overdue-list"
OVERDUE_SHOW = "overdue-show"
FILTER_STATUS = "filter-status"
FILTER_ACTION = "filter-action"
FILTER_VARIABLE = "filter-variable"
FILTER_REP = "filter-rep"
FILTER_CATEGORY = "filter-category"
FILTER_CUSTOMER = "filter-customer"
FILTER_DATE_RANGE = "filter-date-range"
FILTER_INCLUDE_COMPLETED = "filter-include-completed"
FILTER_OVERDUE = "filter-overdue"
FILTER_TEXT = "filter-text"
FILTER_ERROR = "filter-error"
FILTER_RESET = "filter-reset"
FILTER_COUNTER = "filter-counter"
NOTES_REFRESH = "notes-refresh"

# /board (contract names: DESIGN.md section 5)
BOARD = "board"
BOARD_QUERY = "board-query"
BOARD_REFRESH = "board-refresh"
BOARD_LIMITS = "board-limits"  # store: {column: how many cards it shows}
BOARD_MESSAGE = "board-message"
BOARD_FILTER_NOTE = "board-filter-note"
# One "Move to" menu for every card (assets/board.js opens it under the card's button and
# writes {note, version, to, at} into the store that callbacks.board.move listens to).
BOARD_MOVE_MENU = "board-move-menu"
BOARD_MOVE = "board-move-request"
# store: the cards of each column, drawn by assets/board.js into board-col-<column>
BOARD_CARDS = "board-cards"
# The last move's undo: a button in the move's message, and the store of {note, version}
BOARD_UNDO = "board-undo"
BOARD_UNDO_TARGET = "board-undo-target"
EMPLOYEES_SECTION = "employees-section"
EMPLOYEE_COUNTERS = "employee-counters"

# Incoming activities
ACTIVITIES_LIST = "activities-list"
ACTIVITIES_COUNT = "activities-count"
ACTIVITIES_MESSAGE = "activities-message"
ACTIVITIES_UNDO = "activities-undo"  # reopens the activity just closed
ACTIVITIES_CLOSED = "activities-closed"  # store: what the last close left, for its undo
NOTE_PREFILL = "note-prefill"  # store on /notes: the activity a new task comes from
NOTE_OPEN = "note-open"  # store on /notes: the note /notes?note=<id> opens in the form

# /settings
SETTINGS_TIME_ZONE = "settings-time-zone"
SETTINGS_THRESHOLD = "settings-threshold"
SETTINGS_COUNTER_MODE = "settings-counter-mode"
SETTINGS_LOCALE = "settings-locale"
SETTINGS_SAVE = "settings-save"
SETTINGS_MESSAGE = "settings-message"
SETTINGS_RELOAD = "settings-reload"

# The note form
NOTE_NEW = "note-new"
NOTE_MODAL = "note-modal"
NOTE_MODAL_TITLE = "note-modal-title"
NOTE_WRITTEN = "note-written"  # who wrote the note being edited, and when
NOTE_CUSTOMER = "note-customer"
NOTE_ORDER = "note-order"
NOTE_BODY = "note-body"
NOTE_STATUS = "note-status"
NOTE_ACTION = "note-action"
NOTE_CATEGORY = "note-category"
NOTE_OPTION = "note-option"  # pattern-matching: {"type": NOTE_OPTION, "variable": id}
NOTE_VARIABLES = "note-variables"  # the variables' dropdowns
NOTE_DUE = "note-due"
NOTE_DUE_TIME = "note-due-time"
NOTE_ASSIGNEE = "note-assignee"
NOTE_CLOSE_LAST = "note-close-last"
NOTE_SAVE = "note-save"
NOTE_MESSAGE = "note-message"
NOTE_COMPLETE = "note-complete"
NOTE_COMPLETE_NEW = "note-complete-new"
NOTE_EDITING = "note-editing"  # store: {"id", "version"} of the note being edited, or None
NOTE_FIELD_ERROR = "note-field-error"  # pattern-matching: {"type": ..., "field": name}
REASSIGN_REP = "reassign-rep"
REASSIGN_DATE = "reassign-date"
REASSIGN_SUBMIT = "reassign-submit"
REASSIGN_MESSAGE = "reassign-message"
REASSIGN_SECTION = "reassign-section"
NOTES_FLASH = "notes-flash"

# The frame of /notes: what folds away (remembered per user) and the phone's filter drawer
NOTES_PAGE = "notes-page"  # its class names the folded parts: "folded-<panel>"
NOTES_FOLDED = "notes-folded"  # store: the folded parts (data/preferences.py FOLDABLE)
NOTES_FOLDED_SAVED = "notes-folded-saved"  # the folded parts as last saved, comma-separated
FOLD = "fold"  # pattern-matching: {"type": FOLD, "panel": name}, the fold/unfold buttons
NOTES_FILTERS_BUTTON = "notes-filters-button"  # folds the panel; opens the drawer on phones
NOTES_FILTERS_DRAWER = "notes-filters-drawer"
NOTES_FILTERS_CLOSE = "notes-filters-close"
NOTES_FILTERS_BACKDROP = "notes-filters-backdrop"

# Bulk reassign (contract names: DESIGN.md section 5)
BULK_ALL_MATCHING = "bulk-all-matching"
BULK_REP = "bulk-rep"
BULK_DATE = "bulk-date"
BULK_TIME = "bulk-time"
BULK_PREVIEW = "bulk-preview"
BULK_SUBMIT = "bulk-submit"
BULK_UNDO = "bulk-undo"
BULK_RESULT = "bulk-result"
BULK_SELECTED = "bulk-selected"
BULK_SELECTED_LABEL = "bulk-selected-label"
BULK_REP_ERROR = "bulk-rep-error"
BULK_DATE_ERROR = "bulk-date-error"
BULK_PREVIEWED = "bulk-previewed"  # store: the last preview's fingerprint and what it was for
BULK_BATCH = "bulk-batch"  # store: the batch id the undo button gives back

# /analytics
ANALYTICS_TEAM = "analytics-team"
ANALYTICS_REP = "analytics-rep"
ANALYTICS_PERIOD = "analytics-period"
ANALYTICS_FROM = "analytics-from"
ANALYTICS_TO = "analytics-to"
ANALYTICS_FROM_ERROR = "analytics-from-error"
ANALYTICS_TO_ERROR = "analytics-to-error"
ANALYTICS_ERROR = "analytics-error"  # "not allowed" and the messages of team, person, period
ANALYTICS_SUMMARY = "analytics-summary"
ANALYTICS_OVERDUE_TREND = "analytics-overdue-trend"
ANALYTICS_COMPLETION = "analytics-completion"
ANALYTICS_WORKLOAD = "analytics-workload"
ANALYTICS_AGEING = "analytics-ageing"
ANALYTICS_BY_STATUS = "analytics-by-status"
ANALYTICS_BY_ACTION = "analytics-by-action"
ANALYTICS_BY_CATEGORY = "analytics-by-category"
ANALYTICS_CSV = "analytics-csv"  # "analytics-csv-<chart>": each chart's CSV download link

# Exports (contract names: DESIGN.md section 5)
EXPORT_CSV = "export-csv"
EXPORT_CSV_EXCEL = "export-csv-excel"  # the same CSV with a BOM, for Excel
EXPORT_XLSX = "export-xlsx"
EXPORT_JOB = "export-job"  # progress and download link of a background export
EXPORT_JOB_ID = "export-job-id"
EXPORT_JOB_TICK = "export-job-tick"
EXPORT_MY_TASKS_CSV = "export-my-tasks-csv"
EXPORT_MY_TASKS_XLSX = "export-my-tasks-xlsx"

# /standup (contract name: `standup`, the screen's root element)
STANDUP = "standup"
STANDUP_TICK = "standup-tick"  # interval: every 60 s
STANDUP_SOURCE = "standup-source"  # store: {"token": …} on a TV link, {"team": id} signed in
STANDUP_TEAM = "standup-team"
STANDUP_TEAM_NAME = "standup-team-name"
STANDUP_UPDATED = "standup-updated"
STANDUP_CONTENT = "standup-content"
STANDUP_LINKS_TOGGLE = "standup-links-toggle"
STANDUP_LINKS_COLLAPSE = "standup-links-collapse"
STANDUP_LINK_EXPIRY = "standup-link-expiry"
STANDUP_LINK_LABEL = "standup-link-label"
STANDUP_LINK_CREATE = "standup-link-create"
STANDUP_LINK_MESSAGE = "standup-link-message"
STANDUP_LINK_URL = "standup-link-url"
STANDUP_LINKS = "standup-links"
STANDUP_LINKS_REFRESH = "standup-links-refresh"  # store: bumped after a create or a revoke
STANDUP_REVOKE = "standup-revoke"  # pattern-matching: {"type": ..., "link": id}
