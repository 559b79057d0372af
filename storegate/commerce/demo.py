"""Demo data of this app (see storegate.web.demo): a catalogue, stock and orders that look real.

Northwind Outfitters sells outdoor clothing and gear: 60 products with sizes or colours, three
locations with stock, 240 orders from the last 90 days in every state, customers, discounts,
gift cards, markets, a theme and shipping zones. Built with bulk_create for speed; the numbers
are seeded so every demo looks the same.
"""

from __future__ import annotations

import random
from typing import Any

from django.utils import timezone

from storegate.commerce.catalogue.demo import load_catalogue
from storegate.commerce.customers.demo import load_customers
from storegate.commerce.inventory.demo import load_locations, load_stock
from storegate.commerce.marketing.demo import load_marketing
from storegate.commerce.orders.demo import load_orders
from storegate.commerce.settings.demo import load_settings
from storegate.commerce.storefront.demo import load_storefront


def load(**context: Any) -> None:
    """Called once by ``storegate demo`` on a fresh database. Each group loads its own rows
    (``storegate/commerce/<group>/demo.py``); the one seeded random generator is drawn from in
    the same order every time, so every demo looks the same."""
    store = context["store"]
    rng = random.Random(7)
    now = timezone.now()
    load_settings(store)
    locations = load_locations(store)
    variants = load_catalogue(store, rng)
    load_stock(store, rng, variants, locations)
    customers = load_customers(store, rng)
    load_orders(store, rng, now, variants, customers, locations)
    load_marketing(store, now, customers)
    load_storefront(store)
