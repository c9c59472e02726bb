"""The /notes filter: parsed from the URL query string, validated, turned into SQL.

The same object serves /notes, /board and the exports, so a URL means one thing everywhere.
A bad parameter adds a message to `errors` and is left out; the valid part still applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from urllib.parse import parse_qs, parse_qsl, urlencode

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from data.clock import start_of_day, zone
from data.errors import InvalidInput, Message, _msg, _nmsg
from data.models import Action, Category, Customer, Note, Status, User, VariableOption, note_option
from data.scope import Viewer, filterable_people
from data.states import open_task
from data.types import as_id

MAX_TEXT = 200
MAX_VALUES = 200
UNASSIGNED = "none"

# Sort keys accepted in `sort=`; a leading "-" sorts descending.
SORT_KEYS = ("due_at", "created_at", "updated_at", "customer", "status", "assignee", "id")
DEFAULT_SORT = "due_at"
# `counter=` lists exactly the tasks a counter counts (DESIGN.md "Counters").
COUNTERS = ("planned", "today")


@dataclass(frozen=True)
class NoteFilter:
    statuses: tuple[int, ...] = ()
    actions: tuple[int, ...] = ()
    options: tuple[int, ...] = ()
    reps: tuple[int, ...] = ()
    unassigned: bool = False
    categories: tuple[int, ...] = ()
    customers: tuple[int, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    completed: bool = False
    overdue: bool = False
    text: str = ""
    counter: str = ""
    sort: str = DEFAULT_SORT
    errors: tuple[Message, ...] = field(default=(), compare=False)

    # --- parsing -----------------------------------------------------------------------

    @classmethod
    def from_query(cls, query: str | dict | None) -> NoteFilter:
        """Parse a query string ("?status=1&status=2") or a parse_qs-style dict."""
        if isinstance(query, dict):
            params = {k: v if isinstance(v, list) else [v] for k, v in query.items()}
            params = {k: [_readable(x) for x in v] for k, v in params.items()}
        else:
            params = parse_qs(_readable(query or "").lstrip("?"), keep_blank_values=False)
        errors: list[Message] = []

        def ids(name: str, allow_none: bool = False) -> tuple[tuple[int, ...], bool]:
            values, found_none, bad = [], False, []
            for raw in params.get(name, [])[:MAX_VALUES]:
                raw = raw.strip()
                if allow_none and raw == UNASSIGNED:
                    found_none = True
                elif (id_ := as_id(raw)) is not None:
                    values.append(id_)
                else:
                    bad.append(raw[:40])
            if bad:
                errors.append(unknown(name, bad))
            return tuple(dict.fromkeys(values)), found_none

        def day(name: str) -> date | None:
            values = params.get(name, [])
            if not values:
                return None
            try:
                parsed = date.fromisoformat(values[0].strip())
            except ValueError:
                errors.append(not_a_date(values[0][:40]))
                return None
            if not 1900 <= parsed.year <= 2200:
                errors.append(_msg("Follow-up date: {value} is too far away", value=values[0][:40]))
                return None
            return parsed

        def flag(name: str) -> bool:
            values = params.get(name, [])
            if not values:
                return False
            if values[0] in ("1", "true", "on"):
                return True
            if values[0] not in ("0", "false", "off"):
                errors.append(FLAG_MESSAGES[name](values[0][:40]))
            return False

        reps, unassigned = ids("rep", allow_none=True)
        date_from, date_to = day("from"), day("to")
        if date_from and date_to and date_from > date_to:
            errors.append(_msg("Follow-up date: the start is after the end"))
            date_from = date_to = None
        text = " ".join((params.get("q") or [""])[0].split())
        if len(text) > MAX_TEXT:
            errors.append(
                _nmsg(
                    "Search: the text is longer than {n} character",
                    "Search: the text is longer than {n} characters",
                    MAX_TEXT,
                )
            )
            text = text[:MAX_TEXT]
        counter = (params.get("counter") or [""])[0].strip()
        if counter and counter not in COUNTERS:
            errors.append(
                _msg("Counted by my counter: no such counter ({value})", value=counter[:40])
            )
            counter = ""
        sort = (params.get("sort") or [DEFAULT_SORT])[0].strip()
        if sort.lstrip("-") not in SORT_KEYS:
            errors.append(_msg("Sort: no such column ({value})", value=sort[:40]))
            sort = DEFAULT_SORT
        return cls(
            statuses=ids("status")[0],
            actions=ids("action")[0],
            options=ids("option")[0],
            reps=reps,
            unassigned=unassigned,
            categories=ids("category")[0],
            customers=ids("customer")[0],
            date_from=date_from,
            date_to=date_to,
            completed=flag("completed"),
            overdue=flag("overdue"),
            text=text,
            counter=counter,
            sort=sort,
            errors=tuple(errors),
        )

    @classmethod
    def from_panel(
        cls,
        *,
        status: object = (),
        action: object = (),
        option: object = (),
        rep: object = (),
        category: object = (),
        customer: object = (),
        start: object = None,
        end: object = None,
        completed: object = False,
        overdue: object = False,
        text: object = "",
        counter: object = "",
        sort: str = DEFAULT_SORT,
    ) -> NoteFilter:
        """The filter the panel's controls hold, as the browser sent them: checked like a
        query string (components/filter_panel.panel_values is the inverse)."""

        def many(values: object) -> list[str]:
            return [str(v) for v in values] if isinstance(values, list | tuple) else []

        def one(value: object, length: int | None = None) -> list[str]:
            return [str(value)[:length]] if value else []

        params = {
            "status": many(status),
            "action": many(action),
            "option": many(option),
            "rep": many(rep),
            "category": many(category),
            "customer": many(customer),
            "from": one(start, 10),
            "to": one(end, 10),
            "completed": ["1"] if completed else [],
            "overdue": ["1"] if overdue else [],
            "q": one(text),
            "counter": one(counter),
            "sort": [sort],
        }
        return cls.from_query({k: v for k, v in params.items() if v})

    def to_query(self) -> str:
        """The canonical query string (without "?"), the inverse of `from_query`."""
        pairs: list[tuple[str, str]] = []
        pairs += [("status", str(i)) for i in self.statuses]
        pairs += [("action", str(i)) for i in self.actions]
        pairs += [("option", str(i)) for i in self.options]
        pairs += [("rep", str(i)) for i in self.reps]
        if self.unassigned:
            pairs.append(("rep", UNASSIGNED))
        pairs += [("category", str(i)) for i in self.categories]
        pairs += [("customer", str(i)) for i in self.customers]
        if self.date_from:
            pairs.append(("from", self.date_from.isoformat()))
        if self.date_to:
            pairs.append(("to", self.date_to.isoformat()))
        if self.completed:
            pairs.append(("completed", "1"))
        if self.overdue:
            pairs.append(("overdue", "1"))
        if self.text:
            pairs.append(("q", self.text))
        if self.counter:
            pairs.append(("counter", self.counter))
        if self.sort != DEFAULT_SORT:
            pairs.append(("sort", self.sort))
        return urlencode(pairs)

    def with_(self, **changes) -> NoteFilter:
        return replace(self, **changes)

    def refusal(self) -> InvalidInput | None:
        """The bad parameters' messages as a refusal of those parameters (the rest applies)."""
        return InvalidInput.about("filter", *self.errors) if self.errors else None

    # --- validation against the database ------------------------------------------------

    def checked(self, s: Session, viewer: Viewer | None = None) -> NoteFilter:
        """Drop ids that do not exist, with a message for each kind of unknown id. With a
        viewer, a person is known when the viewer may filter on them (scope.filterable_people):
        anyone else is "no such person", as an absent one is."""
        errors = list(self.errors)

        def known(name: str, found_in, values: tuple[int, ...]) -> tuple[int, ...]:
            if not values:
                return values
            found = set(s.scalars(found_in(values)))
            missing = [v for v in values if v not in found]
            if missing:
                errors.append(unknown(name, [str(v) for v in missing]))
            return tuple(v for v in values if v in found)

        def among(column):
            return lambda values: select(column).where(column.in_(values))

        def people(values):
            query = select(User.id).where(User.id.in_(values))
            return query if viewer is None else query.where(User.id.in_(filterable_people(viewer)))

        cleaned = replace(
            self,
            statuses=known("status", among(Status.id), self.statuses),
            actions=known("action", among(Action.id), self.actions),
            options=known("option", among(VariableOption.id), self.options),
            reps=known("rep", people, self.reps),
            categories=known("category", among(Category.id), self.categories),
            customers=known("customer", among(Customer.id), self.customers),
        )
        return replace(cleaned, errors=tuple(errors))

    def with_sort_of(self, query: str | None) -> NoteFilter:
        """This filter sorted as `query` (a URL's query string) asks, or by default."""
        return replace(self, sort=NoteFilter.from_query(query).sort)

    # --- SQL -----------------------------------------------------------------------------

    def clause(self, now: datetime, time_zone: str) -> ColumnElement[bool]:
        """Every condition of the filter, for notes that are not deleted."""
        tz = zone(time_zone)
        parts: list[ColumnElement[bool]] = [Note.deleted_at.is_(None)]
        if not self.completed:
            parts.append(Note.completed_at.is_(None))
        if self.statuses:
            parts.append(Note.status_id.in_(self.statuses))
        if self.actions:
            parts.append(Note.action_id.in_(self.actions))
        if self.categories:
            parts.append(Note.category_id.in_(self.categories))
        if self.customers:
            parts.append(Note.customer_id.in_(self.customers))
        if self.reps or self.unassigned:
            who = [Note.assignee_id.in_(self.reps)] if self.reps else []
            if self.unassigned:
                who.append(Note.assignee_id.is_(None))
            parts.append(or_(*who))
        if self.options:
            parts.append(self._options_clause())
        if self.date_from:
            parts.append(Note.due_at >= start_of_day(self.date_from, tz))
        if self.date_to:
            parts.append(Note.due_at < start_of_day(self.date_to + timedelta(days=1), tz))
        if self.overdue:
            parts.append(and_(open_task(), Note.due_at < now))
        if self.text:
            parts.append(self._text_clause())
        return and_(*parts)

    def _options_clause(self) -> ColumnElement[bool]:
        # Options of one variable are alternatives (OR); different variables must all match.
        if len(self.options) == 1:
            return exists().where(
                note_option.c.note_id == Note.id, note_option.c.option_id == self.options[0]
            )
        return self._grouped_options_clause()

    def _grouped_options_clause(self) -> ColumnElement[bool]:
        by_variable = (
            select(VariableOption.variable_id, VariableOption.id)
            .where(VariableOption.id.in_(self.options))
            .subquery()
        )
        matched = (
            select(func.count(func.distinct(note_option.c.variable_id)))
            .where(note_option.c.note_id == Note.id, note_option.c.option_id.in_(self.options))
            .scalar_subquery()
        )
        wanted = select(func.count(func.distinct(by_variable.c.variable_id))).scalar_subquery()
        # Options that do not exist (a filter not checked against the database) match nothing.
        return and_(wanted > 0, matched == wanted)

    def _text_clause(self) -> ColumnElement[bool]:
        pattern = (
            "%"
            + self.text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            + "%"
        )
        matching_customers = select(Customer.id).where(
            or_(
                func.lower(Customer.name).like(pattern, escape="\\"),
                func.lower(Customer.code).like(pattern, escape="\\"),
            )
        )
        return or_(
            func.lower(Note.body).like(pattern, escape="\\"),
            Note.customer_id.in_(matching_customers),
        )

    @property
    def is_empty(self) -> bool:
        return self == NoteFilter()


# What a value the panel cannot show is called, by parameter, in the words of the panel.
UNKNOWN_MESSAGES = {
    "status": lambda ids: _msg("Status: no such status ({ids})", ids=ids),
    "action": lambda ids: _msg("Action: no such action ({ids})", ids=ids),
    "option": lambda ids: _msg("Variable: no such option ({ids})", ids=ids),
    "rep": lambda ids: _msg("Assigned to: no such person ({ids})", ids=ids),
    "category": lambda ids: _msg("Category: no such category ({ids})", ids=ids),
    "customer": lambda ids: _msg("Customer: no such customer ({ids})", ids=ids),
}


def not_a_date(value: str) -> Message:
    return _msg("Follow-up date: '{value}' is not a date (YYYY-MM-DD)", value=value)


FLAG_MESSAGES = {
    "completed": lambda value: _msg("Include completed: '{value}' is neither 1 nor 0", value=value),
    "overdue": lambda value: _msg("Overdue only: '{value}' is neither 1 nor 0", value=value),
}


def unknown(name: str, values: list[str]) -> Message:
    """The message for values of parameter `name` that name nothing (at most five shown)."""
    shown = ", ".join(values[:5]) + (", …" if len(values) > 5 else "")
    return UNKNOWN_MESSAGES[name](shown)


def replace_sort(query: str | None, sort: str | None) -> str:
    """`query` (as the URL holds it, bad parameters included) sorted by `sort` instead."""
    pairs = [
        (k, v)
        for k, v in parse_qsl((query or "").lstrip("?"), keep_blank_values=True)
        if k != "sort"
    ]
    if sort and sort != DEFAULT_SORT:
        pairs.append(("sort", sort))
    return urlencode(pairs)


def _readable(value: object) -> str:
    """A parameter as text the database can store: a forged value that is no text becomes its
    printed form, a lone surrogate a replacement character."""
    text = value if isinstance(value, str) else str(value) if value is not None else ""
    return text.encode("utf-8", "replace").decode("utf-8")
