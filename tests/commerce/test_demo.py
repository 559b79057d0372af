"""The demo store looks like a real store (SPEC §7)."""

from __future__ import annotations

import pytest

from storegate.commerce import demo
from storegate.commerce.catalogue.models import Product, ProductVariant
from storegate.commerce.inventory.models import InventoryLevel, Location
from storegate.commerce.orders.models import Order

pytestmark = pytest.mark.django_db


def test_demo_catalogue_orders_and_stock(store):
    # when
    demo.load(store=store)
    # then
    assert Product.objects.filter(store=store).count() >= 50
    assert ProductVariant.objects.filter(store=store).count() > Product.objects.count()
    assert Order.objects.filter(store=store).count() >= 200
    states = set(Order.objects.values_list("financial_status", "fulfillment_status"))
    assert {
        ("pending", "unfulfilled"),
        ("paid", "fulfilled"),
        ("paid", "partially_fulfilled"),
    } <= states
    assert Order.objects.filter(status="cancelled").exists()
    assert Location.objects.filter(store=store).count() == 3
    for location in Location.objects.filter(store=store):
        assert InventoryLevel.objects.filter(location=location, available__gt=0).exists()
    # and fulfilled orders carry tracking
    shipped = Order.objects.filter(fulfillment_status="fulfilled").first()
    assert shipped.fulfillments.first().tracking_url.startswith("https://")
