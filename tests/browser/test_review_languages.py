"""R28: the merchant's review page (R10–R11) in each of the four languages, in Chromium."""

from __future__ import annotations

import pytest

from storegate.collaborators.services import collaborator_request_create
from storegate.core.acting import Acting
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

EXPECTED = {
    # language: (approve button, a permission label, a section legend)
    "en": ("Approve", "Fulfill and ship", "Inventory"),
    "fr": ("Approuver", "Traiter et expédier", "Stock"),
    "nl": ("Goedkeuren", "Verwerken en verzenden", "Voorraad"),
    "sv": ("Godkänn", "Leverera och skicka", "Lager"),
}


@pytest.mark.parametrize("language", ["en", "fr", "nl", "sv"])
def test_r28_review_page_in_each_language(live_server, new_page, language):
    # given: a merchant who chose this language, and a pending request for the Fulfilment preset
    owner = UserFactory(email=f"owner-{language}@example.test", language=language)
    store = StoreFactory(owner=owner, name="Northwind Outfitters", handle=f"northwind-{language}")
    organization = PartnerOrganizationFactory(name="Handled")
    requester = PartnerMemberFactory(
        organization=organization,
        user=UserFactory(name="Hana Handled"),
        role=PartnerRole.STORE_MANAGER,
    ).user
    request = collaborator_request_create(
        organization=organization,
        acting=Acting.as_user(requester),
        store_reference=store.handle,
        code=store.request_code,
        permissions=None,
        preset="fulfilment",
        message="Handled will post tracking for your orders.",
        duration_days=90,
    )
    # the browser asks for English: the user's own choice must win
    page = new_page(locale="en-US")
    log_in(page, live_server.url, owner.email, PASSWORD)

    # when
    page.goto(f"{live_server.url}/stores/{store.pk}/settings/collaborators/requests/{request.pk}/")

    # then
    approve, permission, section = EXPECTED[language]
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("[data-approve]").inner_text().strip() == approve
    assert page.get_by_text(permission, exact=True).first.is_visible()
    assert page.locator("legend", has_text=section).count() == 1
    assert page.locator("input[value='orders.fulfill_and_ship']").is_checked()
    shot(page, f"review-{language}")
