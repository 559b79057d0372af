"""More edits in the commerce sections (R19): shipping zones, new and deleted customers, deleted
discounts, an order's shipping address, and stock at a location that had none. Each goes through
the API's service under the API's permission; a caller without it sees no form and gets 403;
bad input is shown next to its field (400) and changes nothing; other stores' ids are 404.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from storegate.commerce.customers.models import Customer
from storegate.commerce.inventory.models import InventoryAdjustment, InventoryLevel, Location
from storegate.commerce.marketing.models import Discount
from storegate.commerce.orders.models import Order
from storegate.commerce.settings.models import ShippingRate, ShippingZone
from storegate.stores.permissions import StorePermission as P
from tests.factories import StoreFactory, UserFactory
from tests.web.test_commerce_edits import as_collaborator, client_for, shop, url

pytestmark = pytest.mark.django_db
__all__ = ["as_collaborator", "shop"]  # fixtures shared with test_commerce_edits


# --- shipping zones ----------------------------------------------------------------------------


@pytest.fixture
def zones(store):
    europe = ShippingZone.objects.create(store=store, name="Europe", countries=["DE", "FR"])
    ShippingRate.objects.create(zone=europe, name="Standard", price=Decimal("9.00"))
    return europe


def _zones_data(**changes):
    data = {
        "zone-0-name": "Europe",
        "zone-0-countries": "DE, FR, nl",
        "zone-0-rate-0-name": "Standard",
        "zone-0-rate-0-price": "9.00",
        "zone-0-rate-0-minimum_subtotal": "",
        "zone-0-rate-1-name": "Free over 100",
        "zone-0-rate-1-price": "0",
        "zone-0-rate-1-minimum_subtotal": "100.00",
        "zone-1-name": "Nordics",
        "zone-1-countries": "SE NO",
        "zone-1-rate-0-name": "Express",
        "zone-1-rate-0-price": "15.50",
        "zone-1-rate-0-minimum_subtotal": "",
        "zone-1-rate-1-name": "",
        "zone-1-rate-1-price": "",
        "zone-1-rate-1-minimum_subtotal": "",
        "zone-2-name": "",
        "zone-2-countries": "",
        "zone-2-rate-0-name": "",
        "zone-2-rate-0-price": "",
        "zone-2-rate-0-minimum_subtotal": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _shipping(store) -> list[tuple[str, list[str], list[tuple[str, Decimal, Decimal | None]]]]:
    return [
        (
            zone.name,
            zone.countries,
            [(r.name, r.price, r.minimum_subtotal) for r in zone.rates.order_by("name")],
        )
        for zone in ShippingZone.objects.filter(store=store).order_by("name")
    ]


def test_r19_the_owner_edits_shipping_zones_and_rates(owner, store, zones):
    # given
    client = client_for(owner)
    # when
    settings_page = client.get(url(store, "settings/")).content.decode()
    page = client.get(url(store, "settings/shipping/"))
    response = client.post(url(store, "settings/shipping/"), _zones_data())
    # then
    assert f"/stores/{store.pk}/settings/shipping/" in settings_page
    assert page.status_code == 200 and b"data-shipping-form" in page.content
    assert b'value="DE, FR"' in page.content and b'value="Standard"' in page.content
    assert response.status_code == 302
    assert _shipping(store) == [
        (
            "Europe",
            ["DE", "FR", "NL"],
            [
                ("Free over 100", Decimal("0.00"), Decimal("100.00")),
                ("Standard", Decimal("9.00"), None),
            ],
        ),
        ("Nordics", ["NO", "SE"], [("Express", Decimal("15.50"), None)]),
    ]


def test_r19_removing_a_shipping_zone(owner, store, zones):
    # when
    response = client_for(owner).post(
        url(store, "settings/shipping/"), _zones_data(**{"zone-0-remove": "on"})
    )
    # then
    assert response.status_code == 302
    assert [name for name, _c, _r in _shipping(store)] == ["Nordics"]


def test_r19_shipping_zones_need_settings_manage(store, zones, as_collaborator):
    # given a collaborator holding other permissions (there is no settings.view)
    client = as_collaborator(P.ORDERS_VIEW, P.MARKETS_MANAGE, P.LOCATIONS_MANAGE)
    before = _shipping(store)
    # when
    page = client.get(url(store, "settings/shipping/"))
    response = client.post(url(store, "settings/shipping/"), _zones_data())
    # then
    assert (page.status_code, response.status_code) == (403, 403)
    assert _shipping(store) == before


def test_r19_a_collaborator_with_settings_manage_edits_shipping_zones(
    store, zones, as_collaborator
):
    # when
    response = as_collaborator(P.SETTINGS_MANAGE).post(
        url(store, "settings/shipping/"), _zones_data()
    )
    # then
    assert response.status_code == 302
    assert len(_shipping(store)) == 2


@pytest.mark.parametrize(
    ("changes", "error_id"),
    [
        ({"zone-0-countries": "Germany"}, "id_zone-0-countries-error"),
        ({"zone-1-countries": ""}, "id_zone-1-countries-error"),
        ({"zone-1-name": ""}, "id_zone-1-name-error"),
        ({"zone-0-rate-1-price": "-1"}, "id_zone-0-rate-1-price-error"),
        ({"zone-0-rate-1-price": "cheap"}, "id_zone-0-rate-1-price-error"),
        ({"zone-0-rate-1-name": ""}, "id_zone-0-rate-1-name-error"),
        ({"zone-1-rate-0-price": ""}, "id_zone-1-rate-0-price-error"),
        ({"zone-0-rate-1-minimum_subtotal": "1.005"}, "id_zone-0-rate-1-minimum_subtotal-error"),
        (
            # the blank zone row is counted out of the service's indexes: zone 2 is the service's 1
            {"zone-1-remove": "on", "zone-2-name": "Rest", "zone-2-countries": "ZZZ"},
            "id_zone-2-countries-error",
        ),
        (
            {"zone-1-rate-0-name": "", "zone-1-rate-0-price": ""},
            "zone-1-error",  # a zone without rates: the error is on the zone
        ),
    ],
)
def test_r19_bad_shipping_zones_are_shown_next_to_the_field(owner, store, zones, changes, error_id):
    # given
    before = _shipping(store)
    # when
    response = client_for(owner).post(url(store, "settings/shipping/"), _zones_data(**changes))
    # then
    assert response.status_code == 400
    assert f'id="{error_id}"'.encode() in response.content
    assert _shipping(store) == before


def test_r19_garbage_shipping_field_names_are_ignored_not_a_500(owner, store, zones):
    # when
    response = client_for(owner).post(
        url(store, "settings/shipping/"),
        {
            **_zones_data(),
            "zone-99999-name": "x",
            "zone-0-rate-77777-price": "1",
            "zone-x-name": "y",
        },
    )
    # then
    assert response.status_code == 302
    assert len(_shipping(store)) == 2


# --- customers: new and delete ----------------------------------------------------------------


def _customer_data(**changes):
    data = {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "ada@example.test",
        "phone": "",
        "country_code": "GB",
        "tags": "vip, newsletter",
        "note": "",
        "accepts_marketing": "on",
    }
    data.update(changes)
    return data


def test_r19_a_collaborator_with_customers_manage_adds_a_customer(store, shop, as_collaborator):
    # given
    client = as_collaborator(P.CUSTOMERS_MANAGE)
    # when
    listing = client.get(url(store, "customers/")).content.decode()
    page = client.get(url(store, "customers/new/"))
    response = client.post(url(store, "customers/new/"), _customer_data())
    # then
    assert f"/stores/{store.pk}/customers/new/" in listing
    assert page.status_code == 200 and b"data-customer-form" in page.content
    ada = Customer.objects.get(store=store, email="ada@example.test")
    assert response.status_code == 302 and response["Location"].endswith(f"/customers/{ada.pk}/")
    assert ada.tags == ["vip", "newsletter"] and ada.accepts_marketing is True
    assert ada.country_code == "GB"


def test_r19_customers_view_alone_cannot_add_or_delete_customers(store, shop, as_collaborator):
    # given
    client = as_collaborator(P.CUSTOMERS_VIEW)
    customer = shop["customer"]
    # when
    listing = client.get(url(store, "customers/")).content.decode()
    detail = client.get(url(store, f"customers/{customer.pk}/")).content.decode()
    new_page = client.get(url(store, "customers/new/"))
    create = client.post(url(store, "customers/new/"), _customer_data())
    delete_page = client.get(url(store, f"customers/{customer.pk}/delete/"))
    delete = client.post(url(store, f"customers/{customer.pk}/delete/"))
    # then
    assert "customers/new/" not in listing and "data-delete-customer" not in detail
    statuses = (
        new_page.status_code,
        create.status_code,
        delete_page.status_code,
        delete.status_code,
    )
    assert statuses == (403, 403, 403, 403)
    assert list(Customer.objects.filter(store=store)) == [customer]


def test_r19_customers_manage_does_not_delete(store, shop, as_collaborator):
    # given: deleting is its own permission, as in the API
    client = as_collaborator(P.CUSTOMERS_MANAGE)
    customer = shop["customer"]
    # when
    detail = client.get(url(store, f"customers/{customer.pk}/")).content.decode()
    response = client.post(url(store, f"customers/{customer.pk}/delete/"))
    # then
    assert "data-delete-customer" not in detail
    assert response.status_code == 403
    assert Customer.objects.filter(pk=customer.pk).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "not-an-address"}, "email"),
        ({"email": "BUYER@example.test"}, "email"),  # taken (case-insensitively)
        ({"country_code": "G1"}, "country_code"),
        ({"tags": ", ".join(f"t{i}" for i in range(51))}, "tags"),
    ],
)
def test_r19_a_bad_new_customer_is_shown_next_to_the_field(owner, store, shop, changes, field):
    # when
    response = client_for(owner).post(url(store, "customers/new/"), _customer_data(**changes))
    # then
    assert response.status_code == 400
    assert f'id="id_{field}-error"'.encode() in response.content
    assert Customer.objects.filter(store=store).count() == 1


def test_r19_deleting_a_customer_asks_for_confirmation_and_keeps_their_orders(
    store, shop, as_collaborator
):
    # given
    client = as_collaborator(P.CUSTOMERS_VIEW, P.CUSTOMERS_DELETE)
    customer, order = shop["customer"], shop["paid"]
    # when
    detail = client.get(url(store, f"customers/{customer.pk}/")).content.decode()
    confirmation = client.get(url(store, f"customers/{customer.pk}/delete/"))
    kept_after_get = Customer.objects.filter(pk=customer.pk).exists()
    response = client.post(url(store, f"customers/{customer.pk}/delete/"))
    # then
    assert "data-delete-customer" in detail
    assert confirmation.status_code == 200 and b"data-confirm" in confirmation.content
    assert kept_after_get
    assert response.status_code == 302 and response["Location"] == url(store, "customers/")
    assert not Customer.objects.filter(pk=customer.pk).exists()
    order.refresh_from_db()
    assert order.customer_id is None and order.email == "buyer@example.test"


# --- discounts: delete --------------------------------------------------------------------------


def test_r19_deleting_a_discount_asks_for_confirmation(store, shop, as_collaborator):
    # given
    client = as_collaborator(P.DISCOUNTS_VIEW, P.DISCOUNTS_DELETE)
    discount = shop["discount"]
    # when
    detail = client.get(url(store, f"discounts/{discount.pk}/"))
    confirmation = client.get(url(store, f"discounts/{discount.pk}/delete/"))
    kept_after_get = Discount.objects.filter(pk=discount.pk).exists()
    response = client.post(url(store, f"discounts/{discount.pk}/delete/"))
    # then
    assert b"data-delete-discount" in detail.content and b"data-discount-form" not in detail.content
    assert confirmation.status_code == 200 and b"data-confirm" in confirmation.content
    assert kept_after_get
    assert response.status_code == 302 and response["Location"] == url(store, "discounts/")
    assert not Discount.objects.filter(pk=discount.pk).exists()


@pytest.mark.parametrize("permissions", [(P.DISCOUNTS_VIEW,), (P.DISCOUNTS_MANAGE,)])
def test_r19_deleting_a_discount_needs_discounts_delete(store, shop, as_collaborator, permissions):
    # given
    client = as_collaborator(*permissions)
    discount = shop["discount"]
    # when
    detail = client.get(url(store, f"discounts/{discount.pk}/")).content.decode()
    confirmation = client.get(url(store, f"discounts/{discount.pk}/delete/"))
    response = client.post(url(store, f"discounts/{discount.pk}/delete/"))
    # then
    assert "data-delete-discount" not in detail
    assert (confirmation.status_code, response.status_code) == (403, 403)
    assert Discount.objects.filter(pk=discount.pk).exists()


# --- orders: shipping address -------------------------------------------------------------------


def _address(**changes):
    data = {
        "shipping_address-name": "Bo Buyer",
        "shipping_address-company": "",
        "shipping_address-address1": "Storgatan 5",
        "shipping_address-address2": "",
        "shipping_address-postal_code": "111 22",
        "shipping_address-city": "Stockholm",
        "shipping_address-province": "",
        "shipping_address-country_code": "SE",
        "shipping_address-phone": "",
    }
    data.update(changes)
    return data


def test_r19_a_collaborator_with_orders_manage_information_edits_the_shipping_address(
    store, shop, as_collaborator
):
    # given an order whose address has a key the page does not show (set through the API)
    client = as_collaborator(P.ORDERS_VIEW, P.ORDERS_MANAGE_INFORMATION)
    order = shop["paid"]
    Order.objects.filter(pk=order.pk).update(
        shipping_address={"name": "Old", "city": "Uppsala", "door_code": "1234"}
    )
    # when
    page = client.get(url(store, f"orders/{order.pk}/"))
    response = client.post(url(store, f"orders/{order.pk}/shipping-address/"), _address())
    # then
    assert b"data-shipping-address" in page.content and b'value="Uppsala"' in page.content
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.shipping_address["city"] == "Stockholm"
    assert order.shipping_address["address1"] == "Storgatan 5"
    assert order.shipping_address["door_code"] == "1234"


def test_r19_orders_view_alone_sees_the_address_but_no_form(store, shop, as_collaborator):
    # given
    client = as_collaborator(P.ORDERS_VIEW)
    order = shop["paid"]
    Order.objects.filter(pk=order.pk).update(shipping_address={"city": "Uppsala"})
    # when
    page = client.get(url(store, f"orders/{order.pk}/"))
    response = client.post(url(store, f"orders/{order.pk}/shipping-address/"), _address())
    # then
    assert b"data-shipping-address" not in page.content and b"Uppsala" in page.content
    assert response.status_code == 403
    order.refresh_from_db()
    assert order.shipping_address == {"city": "Uppsala"}


def test_r19_a_too_long_address_line_is_shown_next_to_the_field(owner, store, shop):
    # when
    response = client_for(owner).post(
        url(store, f"orders/{shop['paid'].pk}/shipping-address/"),
        _address(**{"shipping_address-city": "x" * 300}),
    )
    # then
    assert response.status_code == 400
    assert b'id="id_shipping_address-city-error"' in response.content
    shop["paid"].refresh_from_db()
    assert shop["paid"].shipping_address == {}


# --- inventory: stock at a new location ----------------------------------------------------------


@pytest.fixture
def depot(store):
    return Location.objects.create(store=store, name="Depot", country_code="SE")


def test_r19_a_collaborator_with_inventory_manage_stocks_a_variant_at_a_new_location(
    store, shop, depot, partner_org, as_collaborator
):
    # given
    client = as_collaborator(P.PRODUCTS_VIEW, P.INVENTORY_MANAGE)
    variant = shop["variant"]
    new_url = url(store, f"inventory/variants/{variant.pk}/new/")
    # when
    product_page = client.get(url(store, f"products/{variant.product_id}/")).content.decode()
    page = client.get(new_url)
    response = client.post(
        new_url, {"location": depot.pk, "delta": "12", "reason": "received", "note": "Opening"}
    )
    # then
    assert new_url in product_page
    assert page.status_code == 200 and b"Depot" in page.content
    assert b"Main warehouse" not in page.content  # it stocks the variant already
    level = InventoryLevel.objects.get(variant=variant, location=depot)
    assert level.available == 12 and level.store_id == store.pk
    assert response.status_code == 302 and response["Location"] == url(
        store, f"inventory/{level.pk}/"
    )
    adjustment = InventoryAdjustment.objects.get(level=level)
    assert adjustment.delta == 12 and adjustment.organization_id == partner_org.pk


def test_r19_inventory_view_alone_cannot_stock_a_new_location(store, shop, depot, as_collaborator):
    # given
    client = as_collaborator(P.PRODUCTS_VIEW, P.INVENTORY_VIEW)
    variant = shop["variant"]
    new_url = url(store, f"inventory/variants/{variant.pk}/new/")
    # when
    product_page = client.get(url(store, f"products/{variant.product_id}/")).content.decode()
    page = client.get(new_url)
    response = client.post(new_url, {"location": depot.pk, "delta": "12", "reason": "received"})
    # then
    assert "data-stock-variant" not in product_page
    assert (page.status_code, response.status_code) == (403, 403)
    assert not InventoryLevel.objects.filter(location=depot).exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"delta": "0"}, "delta"),
        ({"delta": "-4"}, "delta"),
        ({"delta": "lots"}, "delta"),
        ({"delta": "2000000"}, "delta"),
        ({"reason": "stolen"}, "reason"),
        ({"location": "main"}, "location"),  # already stocked there: adjust it on its page
        ({"location": "999999"}, "location"),
    ],
)
def test_r19_bad_new_stock_is_shown_next_to_the_field(owner, store, shop, depot, data, field):
    # given
    posted = {"location": str(depot.pk), "delta": "5", "reason": "received", **data}
    if posted["location"] == "main":
        posted["location"] = str(shop["location"].pk)
    # when
    response = client_for(owner).post(
        url(store, f"inventory/variants/{shop['variant'].pk}/new/"), posted
    )
    # then
    assert response.status_code == 400
    assert f'id="id_{field}-error"'.encode() in response.content
    assert InventoryLevel.objects.filter(store=store).count() == 1
    assert shop["level"].available == InventoryLevel.objects.get(pk=shop["level"].pk).available


def test_r19_another_stores_location_is_not_a_choice(owner, store, shop):
    # given
    other = StoreFactory(owner=UserFactory())
    elsewhere = Location.objects.create(store=other, name="Elsewhere", country_code="SE")
    # when
    response = client_for(owner).post(
        url(store, f"inventory/variants/{shop['variant'].pk}/new/"),
        {"location": elsewhere.pk, "delta": "5", "reason": "received"},
    )
    # then
    assert response.status_code == 400 and b'id="id_location-error"' in response.content
    assert not InventoryLevel.objects.filter(location=elsewhere).exists()


# --- outsiders and other stores' objects ----------------------------------------------------------


OBJECT_PAGES = [
    ("orders/{paid}/shipping-address/", "post"),
    ("customers/{customer}/delete/", "get"),
    ("customers/{customer}/delete/", "post"),
    ("discounts/{discount}/delete/", "get"),
    ("discounts/{discount}/delete/", "post"),
    ("inventory/variants/{variant}/new/", "get"),
    ("inventory/variants/{variant}/new/", "post"),
]


def _fill(template: str, shop) -> str:
    return template.format(**{key: obj.pk for key, obj in shop.items()})


@pytest.mark.parametrize(("template", "method"), OBJECT_PAGES)
def test_r19_an_outsider_gets_404_on_the_new_object_pages(outsider, store, shop, template, method):
    response = getattr(client_for(outsider), method)(url(store, _fill(template, shop)))
    assert response.status_code == 404


@pytest.mark.parametrize(("template", "method"), OBJECT_PAGES)
def test_r19_another_stores_ids_are_404_on_the_new_object_pages(
    owner, store, shop, template, method
):
    # given the owner of a second store, naming this store's objects inside their own store
    other = StoreFactory(owner=UserFactory())
    # when
    response = getattr(client_for(other.owner), method)(url(other, _fill(template, shop)))
    # then
    assert response.status_code == 404
    assert Customer.objects.filter(pk=shop["customer"].pk).exists()
    assert Discount.objects.filter(pk=shop["discount"].pk).exists()
    assert Order.objects.get(pk=shop["paid"].pk).shipping_address == {}
