"""Demo data of customers: 80 people from ten cities."""

from __future__ import annotations

import random
from typing import Any

from django.utils.text import slugify

from storegate.commerce.customers.models import Customer

FIRST = [
    "Astrid",
    "Lars",
    "Maja",
    "Johan",
    "Elin",
    "Noah",
    "Saga",
    "Oskar",
    "Ines",
    "Hugo",
    "Freja",
    "Liam",
    "Alma",
    "Emil",
    "Wilma",
    "Axel",
    "Léa",
    "Daan",
    "Sanne",
    "Lucas",
]

LAST = [
    "Lindqvist",
    "Berg",
    "Nyström",
    "de Vries",
    "Jansen",
    "Dubois",
    "Martin",
    "Holm",
    "Ek",
    "Sandberg",
    "Bakker",
    "Laurent",
    "Persson",
    "Visser",
    "Moreau",
]

CITIES = [
    ("Stockholm", "SE"),
    ("Göteborg", "SE"),
    ("Malmö", "SE"),
    ("Oslo", "NO"),
    ("Amsterdam", "NL"),
    ("Utrecht", "NL"),
    ("Lyon", "FR"),
    ("Paris", "FR"),
    ("Brussels", "BE"),
    ("Copenhagen", "DK"),
]


def load_customers(store: Any, rng: random.Random) -> list[Customer]:
    return Customer.objects.bulk_create(
        Customer(
            store=store,
            email=f"{slugify(first)}.{slugify(last)}{i}@example.com",
            first_name=first,
            last_name=last,
            accepts_marketing=i % 3 == 0,
            country_code=CITIES[i % len(CITIES)][1],
            tags=["vip"] if i % 11 == 0 else [],
        )
        for i, (first, last) in enumerate((rng.choice(FIRST), rng.choice(LAST)) for _ in range(80))
    )
