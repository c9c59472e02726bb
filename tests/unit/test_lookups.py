"""Dropdown lists: customer typeahead on name, code and city, limited in SQL."""

from __future__ import annotations

from data import lookups
from tests import factories as f


def test_customer_search_matches_name_code_and_city_case_insensitively(db):
    with db.session() as s:
        bakery = f.customer(s, "Boulangerie Martin", code="BM001", city="Lyon")
        f.customer(s, "Garage Dupuis", code="GD002", city="Nantes")
        for n in range(30):
            f.customer(s, f"Boucherie {n:02d}", code=f"BO{n:03d}", city="Lille")
        assert [o["value"] for o in lookups.search_customers(s, "martin")] == [bakery.id]
        assert [o["label"] for o in lookups.search_customers(s, "gd002")] == [
            "Garage Dupuis (GD002, Nantes)"
        ]
        assert len(lookups.search_customers(s, "lille")) == lookups.CUSTOMER_SEARCH_LIMIT
        assert lookups.search_customers(s, "   ") == []
        assert lookups.search_customers(s, "%") == []


def test_customer_choices_keep_the_chosen_one_first(db):
    with db.session() as s:
        chosen = f.customer(s, "Garage Dupuis", code="GD002")
        other = f.customer(s, "Garage du Port", code="GP003")
        options = lookups.customer_choices(s, "garage", [chosen.id])
    assert [o["value"] for o in options] == [chosen.id, other.id]
