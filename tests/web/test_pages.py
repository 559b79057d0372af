"""Pages of the merchant admin and the partner dashboard, through the whole stack."""

from __future__ import annotations

import pyotp
import pytest
from django.test import Client

from storegate.accounts.services import totp_enrol_confirm, totp_enrol_start
from storegate.collaborators.models import CollaboratorRequest
from storegate.collaborators.sessions import store_session_open
from storegate.core.acting import Acting
from storegate.partners.models import PartnerMember
from storegate.stores.permissions import Preset, StorePermission
from tests.factories import PASSWORD, CollaboratorAccessFactory, UserFactory, member_acting

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_r28_the_browser_language_is_the_default(db):
    # when
    response = Client().get("/login/", HTTP_ACCEPT_LANGUAGE="sv-SE,sv;q=0.9")
    # then
    assert b'<html lang="sv">' in response.content


def test_r28_the_language_picker_saves_the_users_choice(owner):
    # given
    client = client_for(owner)
    # when
    response = client.post("/account/language/", {"language": "nl", "next": "/account/"})
    # then
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.language == "nl"
    assert b'<html lang="nl">' in client.get("/account/").content


def test_s4_log_in_asks_for_the_code_next_to_its_field(owner):
    # given
    enrolment = totp_enrol_start(acting=Acting.as_user(owner))
    totp_enrol_confirm(acting=Acting.as_user(owner), otp_code=pyotp.TOTP(enrolment.secret).now())
    # when
    response = Client().post("/login/", {"email": owner.email, "password": PASSWORD})
    # then
    assert response.status_code == 200
    assert b'id="id_otp_code-error"' in response.content
    assert "_auth_user_id" not in Client().session


def test_s4_two_factor_enrolment_shows_a_qr_code_inline(collaborator):
    # when
    response = client_for(collaborator).get("/account/two-factor/")
    # then
    assert response.status_code == 200
    assert b"<svg" in response.content and b"data-totp-secret" in response.content


def test_r02_a_wrong_code_is_shown_next_to_the_code_field_and_nothing_is_sent(
    store, partner_org, collaborator
):
    # when
    response = client_for(collaborator).post(
        f"/partners/{partner_org.pk}/stores/request/",
        {
            "store": store.handle,
            "code": "9999" if store.request_code != "9999" else "1111",
            "preset": Preset.FULFILMENT.key,
        },
    )
    # then
    assert response.status_code == 400
    assert b'id="id_code-error"' in response.content
    assert not CollaboratorRequest.objects.exists()


def test_r03_a_preset_fills_the_permission_checkboxes(partner_org, collaborator):
    # when
    response = client_for(collaborator).get(
        f"/partners/{partner_org.pk}/stores/request/permissions/?preset=fulfilment",
        HTTP_HX_REQUEST="true",
    )
    # then
    html = response.content.decode()
    assert 'value="orders.fulfill_and_ship" checked' in html
    assert 'value="customers.view" checked' not in html


def test_r17_search_as_you_type_returns_only_the_table(partner_org, collaborator):
    # when
    response = client_for(collaborator).get(
        f"/partners/{partner_org.pk}/stores/?q=north", HTTP_HX_REQUEST="true"
    )
    # then
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"No store matches this search." in response.content


def test_r10_staff_without_collaborators_manage_cannot_open_a_review(store, partner_org):
    # given
    from tests.factories import StaffMemberFactory

    clerk = StaffMemberFactory(store=store, permissions=[StorePermission.ORDERS_VIEW]).user
    request = CollaboratorRequest.objects.create(
        organization=partner_org,
        requested_by=UserFactory(),
        store=store,
        permissions_mask=Preset.FULFILMENT.permissions.mask,
        expires_at="2099-01-01T00:00:00Z",
    )
    # when
    response = client_for(clerk).get(
        f"/stores/{store.pk}/settings/collaborators/requests/{request.pk}/"
    )
    # then
    assert response.status_code == 403


def test_r15_generate_new_code_replaces_the_code_in_place(owner, store):
    # given
    old = store.request_code
    # when
    response = client_for(owner).post(
        f"/stores/{store.pk}/settings/users/code/regenerate/", HTTP_HX_REQUEST="true"
    )
    # then
    store.refresh_from_db()
    assert response.status_code == 200
    assert store.request_code.encode() in response.content
    assert b"<html" not in response.content
    assert old != store.request_code or len(old) == 4


def test_r19_a_collaborators_navigation_shows_only_permitted_sections(
    settings, store, partner_org, collaborator
):
    # given
    settings.STOREGATE_REQUIRE_2FA_FOR_COLLABORATORS = False
    CollaboratorAccessFactory(
        store=store, organization=partner_org, permissions=[StorePermission.ORDERS_VIEW]
    )
    member = PartnerMember.objects.get(user=collaborator)
    issued = store_session_open(
        acting=member_acting(member), member=member, store_id=store.pk, two_factor=False
    )
    client = client_for(collaborator)
    session = client.session
    session["store_sessions"] = {str(store.pk): issued.raw}
    session.save()
    # when
    html = client.get(f"/stores/{store.pk}/").content.decode()
    # then
    assert 'data-section="orders"' in html
    assert 'data-section="customers"' not in html
    assert client.get(f"/stores/{store.pk}/customers/").status_code == 403


def test_r18_log_in_without_two_factor_leads_to_enrolment(
    settings, store, partner_org, collaborator
):
    # given
    settings.STOREGATE_REQUIRE_2FA_FOR_COLLABORATORS = True
    CollaboratorAccessFactory(
        store=store, organization=partner_org, permissions=[StorePermission.ORDERS_VIEW]
    )
    # when
    response = client_for(collaborator).post(f"/partners/{partner_org.pk}/stores/{store.pk}/login/")
    # then
    assert response.status_code == 302
    assert response["Location"].startswith("/account/two-factor/")


def test_r19_a_product_edit_needs_products_manage_and_errors_sit_next_to_the_field(
    owner, store, staff
):
    # given
    from storegate.commerce.catalogue.models import Product

    product = Product.objects.create(store=store, title="Trail jacket", handle="trail-jacket")
    url = f"/stores/{store.pk}/products/{product.pk}/"
    data = {"title": "Trail jacket II", "status": "active", "vendor": "", "description": ""}
    # when: staff without products.* and the owner with an empty title, then a good title
    refused = client_for(staff).post(url, data)
    empty = client_for(owner).post(url, {**data, "title": ""})
    saved = client_for(owner).post(url, data)
    # then
    assert refused.status_code == 403
    assert empty.status_code == 400 and b'id="id_title-error"' in empty.content
    assert saved.status_code == 302
    product.refresh_from_db()
    assert product.title == "Trail jacket II"
