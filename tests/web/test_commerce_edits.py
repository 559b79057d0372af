"""Edits in the commerce sections of the store admin (R19): each through the same service and
permission as the API; a caller holding only the view permission sees no form and is refused
with 403; bad input is shown next to its field (400, the pages' convention) and changes nothing.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from storegate.collaborators.sessions import store_session_open
from storegate.commerce.catalogue.models import Product, ProductVariant
from storegate.commerce.customers.models import Customer
from storegate.commerce.inventory.models import InventoryAdjustment, InventoryLevel, Location
from storegate.commerce.marketing.models import Discount, GiftCard
from storegate.commerce.orders.models import Order
from storegate.commerce.orders.services import CANCEL_REASONS, create_order_record
from storegate.commerce.settings.models import StoreSettings
from storegate.core.crypto import hash_token
from storegate.partners.models import PartnerMember
from storegate.stores.permissions import StorePermission as P
from storegate.web.forms import CANCEL_REASON_CHOICES
from tests.factories import CollaboratorAccessFactory, StoreFactory, UserFactory, member_acting

pytestmark = pytest.mark.django_db


# --- the world ---------------------------------------------------------------------------------


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def as_collaborator(store, partner_org, collaborator):
    """``as_collaborator(*permissions)`` → a client in a store session holding exactly those."""

    def make(*permissions: P) -> Client:
        CollaboratorAccessFactory(store=store, organization=partner_org, permissions=permissions)
        member = PartnerMember.objects.get(user=collaborator)
        issued = store_session_open(
            acting=member_acting(member), member=member, store_id=store.pk, two_factor=True
        )
        client = client_for(collaborator)
        session = client.session
        session["store_sessions"] = {str(store.pk): issued.raw}
        session.save()
        return client

    return make


@pytest.fixture
def shop(store):
    shirt = Product.objects.create(store=store, title="Linen shirt", handle="linen-shirt")
    variant = ProductVariant.objects.create(
        store=store, product=shirt, title="M", sku="LS-M", price=Decimal("49.00")
    )
    location = Location.objects.create(store=store, name="Main warehouse", country_code="SE")
    level = InventoryLevel.objects.create(
        store=store, variant=variant, location=location, available=9
    )
    customer = Customer.objects.create(store=store, email="buyer@example.test", first_name="Bo")
    line = {"variant_id": variant.pk, "title": "Linen shirt", "quantity": 2, "price": "49.00"}
    paid = create_order_record(
        store_id=store.pk,
        currency="USD",
        lines=[line],
        customer=customer,
        email=customer.email,
        financial_status="paid",
    )
    pending = create_order_record(
        store_id=store.pk, currency="USD", lines=[line], customer=None, email="p@example.test"
    )
    discount = Discount.objects.create(
        store=store, code="SPRING10", kind="percentage", value=Decimal("10")
    )
    gift_card = GiftCard.objects.create(
        store=store,
        code_hash="hash-of-a-code",
        last_characters="ABCD",
        initial_value=Decimal("50"),
        balance=Decimal("50"),
    )
    return {
        "variant": variant,
        "location": location,
        "level": level,
        "customer": customer,
        "paid": paid,
        "pending": pending,
        "discount": discount,
        "gift_card": gift_card,
    }


def url(store, rest: str) -> str:
    return f"/stores/{store.pk}/{rest}"


# --- orders ------------------------------------------------------------------------------------


def test_r19_the_owner_edits_an_orders_note_and_tags(owner, store, shop):
    # given
    order = shop["paid"]
    # when
    response = client_for(owner).post(
        url(store, f"orders/{order.pk}/information/"),
        {"note": "Gift wrap, please", "tags": "vip, gift ,vip"},
    )
    # then
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.note == "Gift wrap, please"
    assert order.tags == ["vip", "gift"]


def test_r19_orders_view_alone_shows_no_order_forms_and_refuses_every_order_write(
    store, shop, as_collaborator
):
    # given a collaborator who may only view orders
    client = as_collaborator(P.ORDERS_VIEW)
    paid, pending = shop["paid"], shop["pending"]
    # when
    page = client.get(url(store, f"orders/{pending.pk}/")).content.decode()
    writes = [
        (f"orders/{paid.pk}/information/", {"note": "x", "tags": ""}),
        (f"orders/{pending.pk}/mark-as-paid/", {}),
        (f"orders/{pending.pk}/cancel/", {"reason": "customer"}),
        (f"orders/{paid.pk}/refund/", {"amount": "5.00", "reason": ""}),
    ]
    statuses = [client.post(url(store, path), data).status_code for path, data in writes]
    # then
    for marker in ("data-order-information", "data-mark-as-paid", "data-cancel-order"):
        assert marker not in page
    assert "data-refund-form" not in client.get(url(store, f"orders/{paid.pk}/")).content.decode()
    assert statuses == [403, 403, 403, 403]
    paid.refresh_from_db()
    pending.refresh_from_db()
    assert paid.note == "" and paid.refunded_total == 0
    assert pending.financial_status == "pending" and pending.status == "open"


def test_r19_too_many_order_tags_are_shown_next_to_the_field(owner, store, shop):
    # when
    response = client_for(owner).post(
        url(store, f"orders/{shop['paid'].pk}/information/"),
        {"note": "changed", "tags": ", ".join(f"t{i}" for i in range(51))},
    )
    # then
    assert response.status_code == 400
    assert b'id="id_tags-error"' in response.content
    shop["paid"].refresh_from_db()
    assert shop["paid"].note == ""


def test_r19_a_collaborator_with_orders_mark_as_paid_marks_a_pending_order_paid(
    store, shop, as_collaborator
):
    # given
    client = as_collaborator(P.ORDERS_VIEW, P.ORDERS_MARK_AS_PAID)
    pending = shop["pending"]
    # when
    page = client.get(url(store, f"orders/{pending.pk}/")).content.decode()
    response = client.post(url(store, f"orders/{pending.pk}/mark-as-paid/"))
    # then
    assert "data-mark-as-paid" in page
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.financial_status == "paid"


def test_r19_marking_a_paid_order_paid_again_is_an_error_on_the_page(owner, store, shop):
    # when
    response = client_for(owner).post(url(store, f"orders/{shop['paid'].pk}/mark-as-paid/"))
    # then
    assert 400 <= response.status_code < 500
    assert b'role="alert"' in response.content
    shop["paid"].refresh_from_db()
    assert shop["paid"].financial_status == "paid"


def test_r19_cancelling_asks_for_confirmation_then_cancels(owner, store, shop):
    # given
    client = client_for(owner)
    pending = shop["pending"]
    # when
    confirmation = client.get(url(store, f"orders/{pending.pk}/cancel/"))
    pending.refresh_from_db()
    status_after_get = pending.status
    response = client.post(url(store, f"orders/{pending.pk}/cancel/"), {"reason": "customer"})
    # then
    assert confirmation.status_code == 200 and b"data-confirm" in confirmation.content
    assert status_after_get == "open"
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "cancelled" and pending.cancel_reason == "customer"


def test_r19_an_unknown_cancel_reason_is_shown_next_to_the_field(owner, store, shop):
    # when
    response = client_for(owner).post(
        url(store, f"orders/{shop['pending'].pk}/cancel/"), {"reason": "bored"}
    )
    # then
    assert response.status_code == 400
    assert b'id="id_reason-error"' in response.content
    shop["pending"].refresh_from_db()
    assert shop["pending"].status == "open"


def test_the_cancel_reasons_of_the_page_are_the_services():
    assert [key for key, _label in CANCEL_REASON_CHOICES] == list(CANCEL_REASONS)


def test_r19_a_collaborator_with_orders_refund_refunds_part_of_a_paid_order(
    store, shop, as_collaborator
):
    # given
    client = as_collaborator(P.ORDERS_VIEW, P.ORDERS_REFUND)
    paid = shop["paid"]
    # when
    response = client.post(
        url(store, f"orders/{paid.pk}/refund/"), {"amount": "10.00", "reason": "Damaged"}
    )
    # then
    assert response.status_code == 302
    paid.refresh_from_db()
    assert paid.refunded_total == Decimal("10.00")
    assert paid.financial_status == "partially_refunded"
    assert paid.refunds.get().reason == "Damaged"


@pytest.mark.parametrize("amount", ["1000.00", "abc", "0"])
def test_r19_a_refund_amount_that_cannot_be_refunded_is_shown_next_to_the_field(
    owner, store, shop, amount
):
    # when
    response = client_for(owner).post(
        url(store, f"orders/{shop['paid'].pk}/refund/"), {"amount": amount, "reason": ""}
    )
    # then
    assert response.status_code == 400
    assert b'id="id_amount-error"' in response.content
    shop["paid"].refresh_from_db()
    assert shop["paid"].refunded_total == 0


# --- inventory -----------------------------------------------------------------------------------


def test_r19_a_collaborator_with_inventory_manage_adjusts_stock_at_a_location(
    store, shop, partner_org, as_collaborator
):
    # given
    client = as_collaborator(P.INVENTORY_MANAGE)
    level = shop["level"]
    # when
    listing = client.get(url(store, "inventory/")).content.decode()
    response = client.post(
        url(store, f"inventory/{level.pk}/"), {"delta": "5", "reason": "received", "note": "PO 7"}
    )
    # then
    assert f"/stores/{store.pk}/inventory/{level.pk}/" in listing
    assert response.status_code == 302
    level.refresh_from_db()
    assert level.available == 14
    adjustment = InventoryAdjustment.objects.get()
    assert adjustment.level == level and adjustment.level.location == shop["location"]
    assert adjustment.delta == 5 and adjustment.reason == "received"
    assert adjustment.organization_id == partner_org.pk
    assert "PO 7" in client.get(url(store, f"inventory/{level.pk}/")).content.decode()


def test_r19_inventory_view_alone_shows_no_adjust_form_and_refuses_the_post(
    store, shop, as_collaborator
):
    # given
    client = as_collaborator(P.INVENTORY_VIEW)
    level = shop["level"]
    # when
    page = client.get(url(store, f"inventory/{level.pk}/"))
    response = client.post(url(store, f"inventory/{level.pk}/"), {"delta": 5, "reason": "received"})
    # then
    assert page.status_code == 200 and b"data-adjust-form" not in page.content
    assert response.status_code == 403
    level.refresh_from_db()
    assert level.available == 9 and not InventoryAdjustment.objects.exists()


@pytest.mark.parametrize("delta", ["-10", "0", "many"])
def test_r19_an_adjustment_that_cannot_be_made_is_shown_next_to_the_delta(
    owner, store, shop, delta
):
    # when
    response = client_for(owner).post(
        url(store, f"inventory/{shop['level'].pk}/"), {"delta": delta, "reason": "damaged"}
    )
    # then
    assert response.status_code == 400
    assert b'id="id_delta-error"' in response.content
    shop["level"].refresh_from_db()
    assert shop["level"].available == 9


# --- locations -----------------------------------------------------------------------------------


def _location_data(**changes):
    data = {
        "name": "Depot",
        "address1": "Kajen 1",
        "city": "Malmö",
        "postal_code": "211 20",
        "country_code": "SE",
        "fulfills_online_orders": "on",
        "is_active": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_r19_the_owner_adds_and_edits_a_location(owner, store, shop):
    # given
    client = client_for(owner)
    # when
    listing = client.get(url(store, "locations/")).content.decode()
    created = client.post(url(store, "locations/new/"), _location_data())
    depot = Location.objects.get(store=store, name="Depot")
    edited = client.post(
        url(store, f"locations/{depot.pk}/"),
        _location_data(city="Lund", fulfills_online_orders=None),
    )
    # then
    assert f"/stores/{store.pk}/locations/new/" in listing
    assert created.status_code == 302 and edited.status_code == 302
    depot.refresh_from_db()
    assert depot.city == "Lund" and depot.fulfills_online_orders is False
    assert depot.country_code == "SE"


def test_r19_locations_view_alone_shows_no_form_and_refuses_writes(store, shop, as_collaborator):
    # given
    client = as_collaborator(P.LOCATIONS_VIEW)
    location = shop["location"]
    # when
    listing = client.get(url(store, "locations/")).content.decode()
    page = client.get(url(store, f"locations/{location.pk}/"))
    new_page = client.get(url(store, "locations/new/"))
    edit = client.post(url(store, f"locations/{location.pk}/"), _location_data(name="Renamed"))
    create = client.post(url(store, "locations/new/"), _location_data())
    # then
    assert "locations/new/" not in listing
    assert page.status_code == 200 and b"data-location-form" not in page.content
    assert (new_page.status_code, edit.status_code, create.status_code) == (403, 403, 403)
    location.refresh_from_db()
    assert location.name == "Main warehouse"
    assert Location.objects.filter(store=store).count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"country_code": "S1"}, "country_code"), ({"name": "Main warehouse"}, "name")],
)
def test_r19_a_bad_location_is_shown_next_to_the_field(owner, store, shop, changes, field):
    # when
    response = client_for(owner).post(url(store, "locations/new/"), _location_data(**changes))
    # then
    assert response.status_code == 400
    assert f'id="id_{field}-error"'.encode() in response.content
    assert Location.objects.filter(store=store).count() == 1


# --- customers -----------------------------------------------------------------------------------


def _customer_data(**changes):
    data = {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "buyer@example.test",
        "phone": "+46 70 123 45 67",
        "country_code": "SE",
        "tags": "vip, newsletter",
        "note": "Prefers e-mail.",
    }
    data.update(changes)
    return data


def test_r19_a_collaborator_with_customers_manage_edits_a_customer(store, shop, as_collaborator):
    # given
    client = as_collaborator(P.CUSTOMERS_MANAGE)
    customer = shop["customer"]
    # when
    listing = client.get(url(store, "customers/")).content.decode()
    response = client.post(url(store, f"customers/{customer.pk}/"), _customer_data())
    # then
    assert f"/stores/{store.pk}/customers/{customer.pk}/" in listing
    assert response.status_code == 302
    customer.refresh_from_db()
    assert (customer.first_name, customer.last_name) == ("Ada", "Lovelace")
    assert customer.phone == "+46 70 123 45 67" and customer.tags == ["vip", "newsletter"]
    assert customer.note == "Prefers e-mail." and customer.country_code == "SE"


def test_r19_customers_view_alone_shows_no_form_and_refuses_the_edit(store, shop, as_collaborator):
    # given
    client = as_collaborator(P.CUSTOMERS_VIEW)
    customer = shop["customer"]
    # when
    page = client.get(url(store, f"customers/{customer.pk}/"))
    response = client.post(url(store, f"customers/{customer.pk}/"), _customer_data())
    # then
    assert page.status_code == 200 and b"data-customer-form" not in page.content
    assert b"buyer@example.test" in page.content
    assert response.status_code == 403
    customer.refresh_from_db()
    assert customer.first_name == "Bo"


def test_r19_a_bad_customer_e_mail_is_shown_next_to_the_field(owner, store, shop):
    # when
    response = client_for(owner).post(
        url(store, f"customers/{shop['customer'].pk}/"), _customer_data(email="not-an-address")
    )
    # then
    assert response.status_code == 400
    assert b'id="id_email-error"' in response.content
    shop["customer"].refresh_from_db()
    assert shop["customer"].first_name == "Bo"


# --- discounts -----------------------------------------------------------------------------------


def _discount_data(**changes):
    data = {"code": "SUMMER", "kind": "fixed_amount", "value": "5.00", "is_active": "on"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_r19_the_owner_creates_then_deactivates_a_discount(owner, store, shop):
    # given
    client = client_for(owner)
    # when
    listing = client.get(url(store, "discounts/")).content.decode()
    created = client.post(
        url(store, "discounts/new/"),
        _discount_data(usage_limit="100", ends_at="2099-06-30T18:00"),
    )
    summer = Discount.objects.get(store=store, code="SUMMER")
    deactivated = client.post(
        url(store, f"discounts/{summer.pk}/"),
        _discount_data(value="7.50", is_active=None, usage_limit="100"),
    )
    # then
    assert f"/stores/{store.pk}/discounts/new/" in listing
    assert created.status_code == 302 and deactivated.status_code == 302
    summer.refresh_from_db()
    assert summer.value == Decimal("7.50") and summer.is_active is False
    assert summer.usage_limit == 100 and summer.ends_at is None


def test_r19_discounts_view_alone_shows_no_form_and_refuses_writes(store, shop, as_collaborator):
    # given
    client = as_collaborator(P.DISCOUNTS_VIEW)
    discount = shop["discount"]
    # when
    listing = client.get(url(store, "discounts/")).content.decode()
    page = client.get(url(store, f"discounts/{discount.pk}/"))
    new_page = client.get(url(store, "discounts/new/"))
    edit = client.post(
        url(store, f"discounts/{discount.pk}/"),
        _discount_data(code="SPRING10", kind="percentage", value="10", is_active=None),
    )
    create = client.post(url(store, "discounts/new/"), _discount_data())
    # then
    assert "discounts/new/" not in listing
    assert page.status_code == 200 and b"data-discount-form" not in page.content
    assert (new_page.status_code, edit.status_code, create.status_code) == (403, 403, 403)
    discount.refresh_from_db()
    assert discount.is_active is True
    assert Discount.objects.filter(store=store).count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "percentage", "value": "150"}, "value"),
        ({"code": "spring10"}, "code"),
        ({"code": "NO SPACES"}, "code"),
        ({"value": "lots"}, "value"),
    ],
)
def test_r19_a_bad_discount_is_shown_next_to_the_field(owner, store, shop, changes, field):
    # when
    response = client_for(owner).post(url(store, "discounts/new/"), _discount_data(**changes))
    # then
    assert response.status_code == 400
    assert f'id="id_{field}-error"'.encode() in response.content
    assert Discount.objects.filter(store=store).count() == 1


# --- gift cards ----------------------------------------------------------------------------------


def test_r19_issuing_a_gift_card_shows_its_code_once(owner, store, shop):
    # given
    client = client_for(owner)
    # when
    listing = client.get(url(store, "gift-cards/")).content.decode()
    response = client.post(
        url(store, "gift-cards/new/"), {"initial_value": "25.00", "note": "Raffle prize"}
    )
    # then
    assert f"/stores/{store.pk}/gift-cards/new/" in listing
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    code = response.context["code"]
    assert code and code.encode() in response.content
    card = GiftCard.objects.exclude(pk=shop["gift_card"].pk).get(store=store)
    assert card.initial_value == Decimal("25.00") and card.note == "Raffle prize"
    assert card.code_hash == hash_token(code.replace(" ", ""))
    later = client.get(url(store, f"gift-cards/{card.pk}/"))
    assert later.status_code == 200 and code.encode() not in later.content


def test_r19_deactivating_a_gift_card_asks_for_confirmation(store, shop, as_collaborator):
    # given
    client = as_collaborator(P.GIFT_CARDS_MANAGE)
    card = shop["gift_card"]
    # when
    detail = client.get(url(store, f"gift-cards/{card.pk}/")).content.decode()
    confirmation = client.get(url(store, f"gift-cards/{card.pk}/disable/"))
    card.refresh_from_db()
    still_active = card.disabled_at is None
    response = client.post(url(store, f"gift-cards/{card.pk}/disable/"))
    # then
    assert "data-disable-gift-card" in detail
    assert confirmation.status_code == 200 and b"data-confirm" in confirmation.content
    assert still_active
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.disabled_at is not None


def test_r19_gift_cards_view_alone_shows_no_actions_and_refuses_writes(
    store, shop, as_collaborator
):
    # given
    client = as_collaborator(P.GIFT_CARDS_VIEW)
    card = shop["gift_card"]
    # when
    listing = client.get(url(store, "gift-cards/")).content.decode()
    detail = client.get(url(store, f"gift-cards/{card.pk}/"))
    issue = client.post(url(store, "gift-cards/new/"), {"initial_value": "25.00"})
    disable = client.post(url(store, f"gift-cards/{card.pk}/disable/"))
    # then
    assert "gift-cards/new/" not in listing
    assert detail.status_code == 200 and b"data-disable-gift-card" not in detail.content
    assert (issue.status_code, disable.status_code) == (403, 403)
    assert GiftCard.objects.filter(store=store).count() == 1
    card.refresh_from_db()
    assert card.disabled_at is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"initial_value": "0"}, "initial_value"),
        ({"initial_value": "ten"}, "initial_value"),
        ({"initial_value": "10", "expires_on": "2001-01-01"}, "expires_on"),
    ],
)
def test_r19_a_bad_gift_card_is_shown_next_to_the_field(owner, store, shop, data, field):
    # when
    response = client_for(owner).post(url(store, "gift-cards/new/"), data)
    # then
    assert response.status_code == 400
    assert f'id="id_{field}-error"'.encode() in response.content
    assert GiftCard.objects.filter(store=store).count() == 1


def test_r19_deactivating_a_deactivated_gift_card_is_an_error_on_the_page(owner, store, shop):
    # given
    client = client_for(owner)
    card = shop["gift_card"]
    client.post(url(store, f"gift-cards/{card.pk}/disable/"))
    # when
    response = client.post(url(store, f"gift-cards/{card.pk}/disable/"))
    # then
    assert 400 <= response.status_code < 500 and b'role="alert"' in response.content


# --- store settings ------------------------------------------------------------------------------


def _settings_data(**changes):
    data = {
        "legal_name": "Northwind AB",
        "contact_email": "hello@northwind.test",
        "phone": "",
        "address1": "Storgatan 1",
        "city": "Stockholm",
        "country_code": "SE",
        "timezone": "Europe/Stockholm",
        "weight_unit": "kg",
        "order_number_prefix": "NW-",
    }
    data.update(changes)
    return data


def test_r19_a_collaborator_with_settings_manage_saves_the_general_settings(store, as_collaborator):
    # given
    client = as_collaborator(P.SETTINGS_MANAGE)
    # when
    page = client.get(url(store, "settings/"))
    response = client.post(url(store, "settings/"), _settings_data())
    # then
    assert page.status_code == 200 and b"data-general-settings" in page.content
    assert response.status_code == 302
    row = StoreSettings.objects.get(store=store)
    assert row.legal_name == "Northwind AB" and row.timezone == "Europe/Stockholm"
    assert row.order_number_prefix == "NW-"


def test_r19_settings_need_settings_manage(store, as_collaborator):
    # given a collaborator holding every other permission of the cross-border preset but this
    client = as_collaborator(P.ORDERS_VIEW, P.MARKETS_MANAGE)
    # when
    page = client.get(url(store, "settings/"))
    response = client.post(url(store, "settings/"), _settings_data())
    # then
    assert (page.status_code, response.status_code) == (403, 403)
    assert not StoreSettings.objects.filter(store=store, legal_name="Northwind AB").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"contact_email": "nope"}, "contact_email"),
        ({"weight_unit": "stone"}, "weight_unit"),
    ],
)
def test_r19_bad_settings_are_shown_next_to_the_field(owner, store, changes, field):
    # when
    response = client_for(owner).post(url(store, "settings/"), _settings_data(**changes))
    # then
    assert response.status_code == 400
    assert f'id="id_{field}-error"'.encode() in response.content
    assert not StoreSettings.objects.filter(store=store, legal_name="Northwind AB").exists()


# --- outsiders and other stores' objects ----------------------------------------------------------


OBJECT_PAGES = [
    ("orders/{paid}/information/", "post"),
    ("orders/{pending}/mark-as-paid/", "get"),
    ("orders/{pending}/cancel/", "get"),
    ("orders/{paid}/refund/", "post"),
    ("inventory/{level}/", "get"),
    ("locations/{location}/", "get"),
    ("customers/{customer}/", "get"),
    ("discounts/{discount}/", "get"),
    ("gift-cards/{gift_card}/", "get"),
    ("gift-cards/{gift_card}/disable/", "get"),
]


def _fill(template: str, shop) -> str:
    return template.format(**{key: obj.pk for key, obj in shop.items()})


@pytest.mark.parametrize(("template", "method"), OBJECT_PAGES)
def test_r19_an_outsider_gets_404_on_every_object_page(outsider, store, shop, template, method):
    response = getattr(client_for(outsider), method)(url(store, _fill(template, shop)))
    assert response.status_code == 404


@pytest.mark.parametrize(("template", "method"), OBJECT_PAGES)
def test_r19_another_stores_objects_are_404_inside_this_store(owner, store, shop, template, method):
    # given the owner of a second store, naming this store's objects inside their own store
    other = StoreFactory(owner=UserFactory())
    # when
    response = getattr(client_for(other.owner), method)(url(other, _fill(template, shop)))
    # then
    assert response.status_code == 404
    assert Order.objects.get(pk=shop["pending"].pk).status == "open"
