"""Small lists for dropdowns: settings lists, people, customer search. All SQL-limited."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from data.models import Action, Category, Customer, Order, Status, User, Variable, VariableOption
from data.scope import Viewer, assignable_users, filterable_people
from data.types import as_id, as_text

CUSTOMER_SEARCH_LIMIT = 20


def options(rows) -> list[dict]:
    return [{"label": label, "value": value} for value, label in rows]


def statuses(s: Session) -> list[dict]:
    return options(
        s.execute(select(Status.id, Status.name).where(Status.active).order_by(Status.position))
    )


def actions(s: Session) -> list[dict]:
    return options(
        s.execute(select(Action.id, Action.name).where(Action.active).order_by(Action.position))
    )


def categories(s: Session) -> list[dict]:
    query = select(Category.id, Category.name).where(Category.active).order_by(Category.position)
    return options(s.execute(query))


def variables(s: Session) -> list[dict]:
    """[{"id", "name", "options": [{"label", "value"}]}] of the active variables."""
    query = (
        select(Variable.id, Variable.name, VariableOption.id, VariableOption.label)
        .join(VariableOption, VariableOption.variable_id == Variable.id)
        .where(Variable.active, VariableOption.active)
        .order_by(Variable.position, Variable.id, VariableOption.position)
    )
    result: dict[int, dict] = {}
    for var_id, var_name, opt_id, opt_label in s.execute(query):
        entry = result.setdefault(var_id, {"id": var_id, "name": var_name, "options": []})
        entry["options"].append({"label": opt_label, "value": opt_id})
    return list(result.values())


def variable_filter_options(s: Session) -> list[dict]:
    """Every option of every variable, grouped by variable name in the label."""
    return [
        {"label": f"{var['name']} · {opt['label']}", "value": opt["value"]}
        for var in variables(s)
        for opt in var["options"]
    ]


def assignees(s: Session, viewer: Viewer) -> list[dict]:
    query = select(User.id, User.name).where(assignable_users(viewer)).order_by(User.name)
    return options(s.execute(query))


def people_filter(s: Session, viewer: Viewer) -> list[dict]:
    """Who the viewer can filter on (scope.filterable_people), by name."""
    query = select(User.id, User.name).order_by(User.name, User.id)
    if not viewer.is_admin:
        query = query.where(User.id.in_(filterable_people(viewer)))
    return options(s.execute(query))


def search_customers(s: Session, text: str, limit: int = CUSTOMER_SEARCH_LIMIT) -> list[dict]:
    """Typeahead on name, code and city; at most `limit` rows, main customers first."""
    text = " ".join((as_text(text) or "").split())[:100].lower()  # typed text only
    if not text:
        return []
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    query = (
        select(Customer.id, Customer.name, Customer.code, Customer.city)
        .where(
            or_(
                func.lower(Customer.name).like(pattern, escape="\\"),
                func.lower(Customer.code).like(pattern, escape="\\"),
                func.lower(Customer.city).like(pattern, escape="\\"),
            )
        )
        .order_by(Customer.parent_id.is_not(None), Customer.name, Customer.id)
        .limit(limit)
    )
    return [customer_option(*row) for row in s.execute(query)]


def customer_option(id_: int, name: str, code: str, city: str | None) -> dict:
    label = f"{name} ({code}{', ' + city if city else ''})"
    return {"label": label, "value": id_}


def customers_by_id(s: Session, ids: list[int]) -> list[dict]:
    if not ids:
        return []
    query = select(Customer.id, Customer.name, Customer.code, Customer.city).where(
        Customer.id.in_(ids)
    )
    return [customer_option(*row) for row in s.execute(query)]


def orders_of(s: Session, customer_id: int | None, limit: int = 50) -> list[dict]:
    if not customer_id:
        return []
    query = (
        select(Order.id, Order.number)
        .where(Order.customer_id == customer_id)
        .order_by(Order.placed_at.desc())
        .limit(limit)
    )
    return options(s.execute(query))


def customer_choices(s: Session, text: str, selected: list[int]) -> list[dict]:
    """Options of a customer typeahead: what is chosen stays, then what matches `text`."""
    chosen = customers_by_id(s, selected)
    seen = {option["value"] for option in chosen}
    return chosen + [o for o in search_customers(s, text) if o["value"] not in seen]


def ids_of(values: object) -> list[int]:
    """The ids among what a dropdown sent: one value or a list of them."""
    ids = (as_id(v) for v in (values if isinstance(values, list) else [values]))
    return [i for i in ids if i is not None]


def customer_typeahead(s: Session, text: str, selected: object) -> list[dict]:
    """A customer dropdown's options while the user types `text`: the chosen customers (one
    value or a list, as the browser sent them) stay first, then the matches."""
    return customer_choices(s, text, ids_of(selected))
