"""The story of a 3PL warehouse, clicked through in Chromium (R01–R04, R10–R12, R14, R17–R21).

Screenshots of each step illustrate docs/user-guide.md (refreshed with STOREGATE_SCREENSHOTS=1).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pyotp
import pytest
from django.db import transaction

from storegate.collaborators.models import CollaboratorRequest
from storegate.commerce.catalogue.models import Product, ProductVariant
from storegate.commerce.orders.services import create_order_record
from storegate.notifications.delivery import outbox_deliver_due
from storegate.partners.models import PartnerRole
from tests.browser.conftest import log_in, shot
from tests.factories import (
    PASSWORD,
    PartnerMemberFactory,
    PartnerOrganizationFactory,
    StoreFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(settings):
    settings.EMAIL_BACKEND = "storegate.notifications.mailbox.MailboxEmailBackend"
    settings.STOREGATE_REQUIRE_2FA_FOR_COLLABORATORS = True
    owner = UserFactory(email="olivia@northwind.test", name="Olivia Owner")
    store = StoreFactory(owner=owner, name="Northwind Outfitters", handle="northwind")
    product = Product.objects.create(store=store, title="Trail jacket", handle="trail-jacket")
    variant = ProductVariant.objects.create(
        store=store, product=product, title="M", sku="TJ-M", price=Decimal("120.00")
    )
    with transaction.atomic():  # it numbers the order under a row lock, as its callers do
        order = create_order_record(
            store_id=store.pk,
            currency="USD",
            lines=[
                {
                    "variant_id": variant.pk,
                    "title": "Trail jacket",
                    "sku": "TJ-M",
                    "quantity": 2,
                    "price": "120.00",
                }
            ],
            customer=None,
            email="buyer@example.test",
        )
    organization = PartnerOrganizationFactory(name="Handled")
    partner = PartnerMemberFactory(
        organization=organization,
        user=UserFactory(email="hana@handled.test", name="Hana Handled"),
        role=PartnerRole.STORE_MANAGER,
    ).user
    return {"owner": owner, "store": store, "order": order, "org": organization, "partner": partner}


def test_r01_to_r21_story_of_a_3pl_warehouse(live_server, new_page, world):
    base = live_server.url
    store, org = world["store"], world["org"]
    merchant = new_page()
    partner = new_page()

    # given: the merchant finds the collaborator request code and shares it
    log_in(merchant, base, "olivia@northwind.test", PASSWORD)
    merchant.goto(f"{base}/stores/{store.pk}/settings/users/")
    code = merchant.locator("[data-request-code]").inner_text().strip()
    assert re.fullmatch(r"\d{4}", code)
    merchant.locator("#code").scroll_into_view_if_needed()
    shot(merchant, "01-merchant-request-code")

    # when: the partner asks for the Fulfilment preset with a wrong code
    log_in(partner, base, "hana@handled.test", PASSWORD)
    partner.goto(f"{base}/partners/")
    shot(partner, "02-partner-stores-empty")
    partner.get_by_role("link", name="Add store").first.click()
    partner.fill("#id_store", "https://northwind.storegate.test")
    wrong = "0000" if code != "0000" else "1111"
    partner.fill("#id_code", wrong)
    partner.select_option("#id_preset", "fulfilment")
    partner.wait_for_selector("input[value='orders.fulfill_and_ship']:checked")
    partner.fill("#id_message", "Handled will post tracking for your orders.")
    shot(partner, "03-partner-request-form")
    partner.get_by_role("button", name="Request access to store").click()

    # then: an error next to the code field, and nothing was sent
    error = partner.locator("#id_code-error")
    assert error.is_visible()
    shot(partner, "04-partner-wrong-code")
    assert not CollaboratorRequest.objects.filter(store=store).exists()

    # when: the right code
    partner.fill("#id_code", code)
    partner.get_by_role("button", name="Request access to store").click()
    partner.wait_for_url(re.compile(r"/partners/\d+/stores/$"))
    assert partner.locator("[data-store='northwind'] [data-status]").inner_text() == "Pending"
    shot(partner, "05-partner-request-pending")

    # then: the merchant has an e-mail and a notification on Home
    outbox_deliver_due()
    merchant.goto(f"{base}/stores/{store.pk}/")
    assert merchant.get_by_text("Handled").first.is_visible()
    shot(merchant, "06-merchant-home-notification")
    merchant.goto(f"{base}/mailbox/")
    body = merchant.locator("article.email").first.inner_text()
    assert "Handled" in body
    shot(merchant, "07-merchant-email")
    link = re.search(r"https?://\S+/settings/collaborators/requests/\d+/", body)
    assert link, body
    review_path = re.sub(r"^https?://[^/]+", "", link.group(0))
    merchant.goto(base + review_path)

    # when: the merchant removes one permission and approves
    shot(merchant, "08-merchant-review")
    inventory = merchant.locator("input[value='inventory.manage']")
    assert inventory.is_checked()
    inventory.uncheck()
    merchant.locator("[data-approve]").click()
    merchant.wait_for_url(re.compile(r"/settings/users/"))
    assert merchant.locator("[data-collaborator='Handled']").is_visible()
    shot(merchant, "09-merchant-collaborators")

    # then: the partner logs in through the dashboard, enrolling two-factor first (S4)
    partner.goto(f"{base}/partners/{org.pk}/stores/")
    assert partner.locator("[data-store='northwind'] [data-status]").inner_text() == "Managed"
    partner.locator("[data-store='northwind']").get_by_role("button", name="Log in").click()
    partner.wait_for_url(re.compile(r"/account/two-factor/"))
    secret = partner.locator("[data-totp-secret]").inner_text().strip()
    shot(partner, "10-partner-two-factor")
    partner.fill("#id_otp_code", pyotp.TOTP(secret).now())
    partner.get_by_role("button", name="Turn on").click()
    partner.wait_for_url(re.compile(r"/partners/\d+/stores/"))
    partner.locator("[data-store='northwind']").get_by_role("button", name="Log in").click()
    partner.wait_for_url(re.compile(rf"/stores/{store.pk}/$"))
    nav = partner.locator("nav.sidebar")
    assert nav.locator("[data-section='orders']").count() == 1
    assert nav.locator("[data-section='customers']").count() == 0
    shot(partner, "11-collaborator-store-home")

    # and sees orders and posts tracking on one
    nav.locator("[data-section='orders']").click()
    partner.get_by_role("link", name=f"#{world['order'].number}").click()
    partner.fill("#id_tracking_company", "UPS")
    partner.fill("#id_tracking_number", "1Z999AA10123456784")
    partner.fill("#id_tracking_url", "https://www.ups.com/track?tracknum=1Z999AA10123456784")
    partner.get_by_role("button", name="Fulfill items").click()
    assert partner.locator("[data-tracking]").first.is_visible()
    shot(partner, "12-collaborator-tracking-posted")
    order_url = partner.url

    # when: the merchant removes the access
    merchant.goto(f"{base}/stores/{store.pk}/settings/users/")
    merchant.locator("[data-collaborator='Handled']").get_by_role("link", name="Remove").click()
    shot(merchant, "13-merchant-remove-confirm")
    merchant.get_by_role("button", name="Remove collaborator").click()
    merchant.wait_for_url(re.compile(r"/settings/users/"))
    assert merchant.locator("[data-collaborator='Handled']").count() == 0

    # then: the partner's next click is refused, and the store shows "Access removed"
    response = partner.goto(order_url)
    assert response is not None and response.status == 404
    partner.goto(f"{base}/partners/{org.pk}/stores/")
    assert (
        partner.locator("[data-store='northwind'] [data-status]").inner_text() == "Access removed"
    )
    shot(partner, "14-partner-access-removed")

    # and the partner removes it from the list
    partner.locator("[data-store='northwind']").get_by_role("link", name="Remove from list").click()
    partner.get_by_role("button", name="Remove from list").click()
    partner.wait_for_url(re.compile(r"/partners/\d+/stores/$"))
    assert partner.locator("[data-store='northwind']").count() == 0
    shot(partner, "15-partner-removed-from-list")
