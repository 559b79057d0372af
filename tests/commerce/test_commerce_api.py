"""Commerce resources behind their permissions: realistic behaviour and validation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from storegate.audit.models import AuditEvent
from storegate.commerce.inventory.models import InventoryAdjustment, InventoryLevel
from storegate.commerce.orders.models import Order
from storegate.stores.permissions import StorePermission as P
from tests.conftest import error_code

pytestmark = pytest.mark.django_db


def _u(store, rest: str) -> str:
    return f"/api/v1/stores/{store.pk}/{rest}"


def test_cost_is_visible_only_with_products_view_costs(
    api_client, store, catalogue, collaborator_session
):
    # given two collaborators, with and without products.view_costs
    without = collaborator_session(P.PRODUCTS_VIEW)
    url = _u(store, f"products/{catalogue['shirt'].pk}")
    # then the cost is absent for one
    variant = api_client.get(url, token=without).json()["variants"][0]
    assert "cost" not in variant or variant["cost"] is None
    assert variant["price"] == "49.00"


def test_cost_is_shown_to_holders_of_view_costs(api_client, store, catalogue, collaborator_session):
    token = collaborator_session(P.PRODUCTS_VIEW, P.PRODUCTS_VIEW_COSTS)
    variant = api_client.get(_u(store, f"products/{catalogue['shirt'].pk}"), token=token).json()[
        "variants"
    ][0]
    assert variant["cost"] == "12.50"


def test_setting_a_cost_needs_view_costs(api_client, store, catalogue, collaborator_session):
    token = collaborator_session(P.PRODUCTS_MANAGE)
    url = _u(store, f"products/{catalogue['shirt'].pk}/variants/{catalogue['variant'].pk}")
    response = api_client.patch(url, token=token, json={"cost": "1.00"})
    assert response.status_code == 403
    assert error_code(response) == "permission_denied"
    catalogue["variant"].refresh_from_db()
    assert catalogue["variant"].cost == Decimal("12.50")


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"title": ""}, "title"),
        ({"title": "Hat", "variants": [{"price": "-1"}]}, "variants.0.price"),
        ({"title": "Hat", "variants": [{"price": "1.999"}]}, "variants.0.price"),
        ({"title": "Hat", "status": "sold"}, "status"),
    ],
)
def test_bad_product_input_is_400_with_the_field_and_changes_nothing(
    api_client, store, owner, token, payload, field
):
    response = api_client.post(_u(store, "products"), token=token(owner), json=payload)
    assert response.status_code == 400, response.content
    assert error_code(response) == "validation_error"
    assert response.json()["error"]["field"] == field
    assert not AuditEvent.objects.filter(action="product.created").exists()


def test_a_duplicate_sku_is_a_conflict(api_client, store, catalogue, owner, token):
    response = api_client.post(
        _u(store, "products"),
        token=token(owner),
        json={"title": "Copy", "variants": [{"sku": "LS-S", "price": "1.00"}]},
    )
    assert response.status_code == 409


def test_inventory_adjustment_is_recorded_per_location_and_audited(
    api_client, store, catalogue, collaborator, partner_org, collaborator_session
):
    token = collaborator_session(P.INVENTORY_MANAGE)
    body = {
        "variant_id": str(catalogue["variant"].pk),
        "location_id": str(catalogue["shop"].pk),
        "delta": 7,
        "reason": "received",
    }
    # when stock arrives at the shop
    response = api_client.post(_u(store, "inventory-levels/adjust"), token=token, json=body)
    # then only the shop's level changes, with an adjustment naming who and why
    assert response.status_code == 201, response.content
    assert response.json()["available_after"] == 7
    shop = InventoryLevel.objects.get(variant=catalogue["variant"], location=catalogue["shop"])
    main = InventoryLevel.objects.get(variant=catalogue["variant"], location=catalogue["location"])
    assert (shop.available, main.available) == (7, 20)
    adjustment = InventoryAdjustment.objects.get()
    assert adjustment.actor == collaborator and adjustment.organization_id == partner_org.pk
    event = AuditEvent.objects.get(action="inventory.adjusted")
    assert (
        event.organization_id == partner_org.pk and event.after["location_id"] == shop.location_id
    )


def test_inventory_cannot_go_below_zero(api_client, store, catalogue, owner, token):
    body = {
        "variant_id": str(catalogue["variant"].pk),
        "location_id": str(catalogue["location"].pk),
        "delta": -21,
        "reason": "damaged",
    }
    response = api_client.post(_u(store, "inventory-levels/adjust"), token=token(owner), json=body)
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "delta"


def test_fulfilment_with_tracking_moves_the_order_through_its_statuses(
    api_client, store, catalogue, collaborator_session
):
    token = collaborator_session(P.ORDERS_FULFILL_AND_SHIP, P.ORDERS_VIEW)
    order = catalogue["order"]
    shirts, _mug = list(order.line_items.all())
    url = _u(store, f"orders/{order.pk}/fulfillments")
    # when one shirt ships
    first = api_client.post(
        url,
        token=token,
        json={
            "line_items": [{"line_item_id": str(shirts.pk), "quantity": 1}],
            "tracking_company": "DHL Express",
            "tracking_number": "JD014600006281",
            "tracking_url": "https://www.dhl.com/track?id=JD014600006281",
        },
    )
    # then the order is partially fulfilled
    assert first.status_code == 201, first.content
    assert first.json()["tracking_company"] == "DHL Express"
    order.refresh_from_db()
    assert order.fulfillment_status == "partially_fulfilled"
    # when the rest ships
    second = api_client.post(url, token=token, json={"tracking_number": "JD2"})
    assert second.status_code == 201
    order.refresh_from_db()
    assert order.fulfillment_status == "fulfilled"
    detail = api_client.get(_u(store, f"orders/{order.pk}"), token=token).json()
    assert len(detail["fulfillments"]) == 2
    assert all(li["fulfilled_quantity"] == li["quantity"] for li in detail["line_items"])
    # and nothing is left to ship
    third = api_client.post(url, token=token, json={})
    assert third.status_code == 409


def test_fulfilling_more_than_ordered_is_refused(api_client, store, catalogue, owner, token):
    order = catalogue["order"]
    item = order.line_items.first()
    response = api_client.post(
        _u(store, f"orders/{order.pk}/fulfillments"),
        token=token(owner),
        json={"line_items": [{"line_item_id": str(item.pk), "quantity": 3}]},
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "line_items.0.quantity"


def test_notes_and_tags_need_manage_information(api_client, store, catalogue, collaborator_session):
    order = catalogue["order"]
    viewer = collaborator_session(P.ORDERS_VIEW)
    response = api_client.patch(_u(store, f"orders/{order.pk}"), token=viewer, json={"note": "x"})
    assert response.status_code == 403


def test_an_address_field_name_too_long_is_refused_not_cut(
    api_client, store, catalogue, owner, token
):
    # Cutting names to 40 characters would let two long names overwrite each other.
    order = catalogue["order"]
    before = dict(order.shipping_address)
    long_a, long_b = "x" * 40 + "_a", "x" * 40 + "_b"
    response = api_client.patch(
        _u(store, f"orders/{order.pk}"),
        token=token(owner),
        json={"shipping_address": {long_a: "one", long_b: "two"}},
    )
    assert response.status_code == 400, response.content
    assert response.json()["error"]["field"] == "shipping_address"
    order.refresh_from_db()
    assert order.shipping_address == before
    kept = api_client.patch(
        _u(store, f"orders/{order.pk}"),
        token=token(owner),
        json={"shipping_address": {"x" * 40: "forty is fine", "city": "Malmö"}},
    )
    assert kept.status_code == 200, kept.content
    assert kept.json()["shipping_address"] == {"x" * 40: "forty is fine", "city": "Malmö"}


def test_refunds_add_up_and_cannot_exceed_the_total(api_client, store, catalogue, owner, token):
    order = catalogue["order"]  # paid, 116.00
    url = _u(store, f"orders/{order.pk}/refunds")
    assert api_client.post(url, token=token(owner), json={"amount": "16.00"}).status_code == 201
    order.refresh_from_db()
    assert order.financial_status == "partially_refunded"
    too_much = api_client.post(url, token=token(owner), json={"amount": "100.01"})
    assert too_much.status_code == 400
    assert api_client.post(url, token=token(owner), json={"amount": "100.00"}).status_code == 201
    order.refresh_from_db()
    assert order.financial_status == "refunded"
    assert order.refunded_total == order.total


def test_cancel_refunds_a_paid_order_and_mark_as_paid_refuses_it(
    api_client, store, catalogue, owner, token
):
    order = catalogue["order"]
    response = api_client.post(
        _u(store, f"orders/{order.pk}/cancel"), token=token(owner), json={"reason": "customer"}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert response.json()["financial_status"] == "refunded"
    again = api_client.post(_u(store, f"orders/{order.pk}/mark-as-paid"), token=token(owner))
    assert again.status_code == 409


def test_a_draft_order_becomes_an_order_with_the_next_number(
    api_client, store, catalogue, owner, token
):
    draft = api_client.post(
        _u(store, "draft-orders"),
        token=token(owner),
        json={"line_items": [{"variant_id": str(catalogue["mug_variant"].pk), "quantity": 3}]},
    ).json()
    assert draft["subtotal"] == "54.00"
    order = api_client.post(
        _u(store, f"draft-orders/{draft['id']}/complete"),
        token=token(owner),
        json={"mark_as_paid": True},
    ).json()
    assert order["number"] == catalogue["order"].number + 1
    assert order["financial_status"] == "paid"
    assert Order.objects.filter(store=store).count() == 2


def test_sales_report_sums_the_orders_of_the_period(api_client, store, catalogue, owner, token):
    response = api_client.get(_u(store, "reports/sales"), token=token(owner))
    assert response.status_code == 200
    totals = response.json()["totals"]
    assert totals["orders"] == 1
    assert totals["gross_sales"] == "116.00"


def test_orders_list_is_paginated_with_a_cursor(api_client, store, catalogue, owner, token):
    response = api_client.get(_u(store, "orders?limit=1"), token=token(owner))
    assert response.status_code == 200
    assert len(response.json()["items"]) == 1
    bad = api_client.get(_u(store, "orders?cursor=nonsense"), token=token(owner))
    assert bad.status_code == 400


def test_gift_card_code_is_shown_once_and_stored_hashed(api_client, store, owner, token):
    created = api_client.post(
        _u(store, "gift-cards"), token=token(owner), json={"initial_value": "50.00"}
    ).json()
    assert len(created["code"].replace(" ", "")) == 16
    listed = api_client.get(_u(store, "gift-cards"), token=token(owner)).json()["items"][0]
    assert listed["code"] is None
    assert listed["last_characters"] == created["code"][-4:]


@pytest.mark.parametrize(
    "payload, field",
    [
        (
            {
                "zones": [
                    {"name": "EU", "countries": ["XX1"], "rates": [{"name": "S", "price": "1"}]}
                ]
            },
            "zones.0.countries",
        ),
        ({"zones": [{"name": "EU", "countries": ["DE"], "rates": []}]}, "zones.0.rates"),
    ],
)
def test_shipping_settings_are_validated(api_client, store, owner, token, payload, field):
    response = api_client.put(_u(store, "settings/shipping"), token=token(owner), json=payload)
    assert response.status_code == 400
    assert response.json()["error"]["field"] == field
