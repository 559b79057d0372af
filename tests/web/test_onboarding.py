"""Getting started through the pages: sign up, create a store, accept a staff invitation."""

from __future__ import annotations

import logging
import re

import pytest
from django.test import Client

from storegate.accounts.models import User
from storegate.audit.models import AuditEvent
from storegate.core.crypto import hash_token, new_token
from storegate.notifications.models import OutboxMessage
from storegate.stores.models import StaffMember, StaffStatus, Store
from storegate.stores.permissions import PermissionSet, StorePermission
from storegate.stores.services import staff_invite
from tests.factories import (
    PASSWORD,
    CollaboratorAccessFactory,
    StaffMemberFactory,
    UserFactory,
    store_acting,
)

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "a-long-and-unusual-passphrase"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def logged_in_user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


# --- sign up ---------------------------------------------------------------------------------


def test_login_page_links_to_sign_up_keeping_next(db):
    response = Client().get("/login/?next=/stores/new/")
    assert b'href="/signup/?next=/stores/new/"' in response.content


def test_sign_up_creates_the_account_logs_in_and_lands_on_next(db):
    # given
    client = Client()
    # when
    response = client.post(
        "/signup/",
        {
            "email": "New.Person@Example.test",
            "name": "Nina New",
            "password": STRONG_PASSWORD,
            "language": "sv",
            "next": "/stores/new/",
        },
    )
    # then
    assert response.status_code == 302
    assert response["Location"] == "/stores/new/"
    user = User.objects.get(email="new.person@example.test")
    assert user.name == "Nina New" and user.language == "sv"
    assert logged_in_user_id(client) == str(user.pk)
    assert client.session["two_factor"] is False
    assert client.session["language"] == "sv"
    assert AuditEvent.objects.filter(action="user.signed_up", actor=user).exists()
    # and the next page opens logged in, in the chosen language (R28)
    assert b'<html lang="sv">' in client.get("/stores/new/").content


def test_sign_up_ignores_an_unsafe_next(db):
    response = Client().post(
        "/signup/",
        {
            "email": "n@example.test",
            "name": "N",
            "password": STRONG_PASSWORD,
            "language": "en",
            "next": "https://evil.example/",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/"


def test_sign_up_with_a_taken_e_mail_shows_the_error_and_creates_nothing(owner):
    # given
    client = Client()
    users_before = User.objects.count()
    # when
    response = client.post(
        "/signup/",
        {
            "email": owner.email.upper(),
            "name": "Impostor",
            "password": STRONG_PASSWORD,
            "language": "en",
        },
    )
    # then
    assert response.status_code == 200
    assert b'id="id_email-error"' in response.content
    assert b"An account with this e-mail already exists." in response.content
    assert User.objects.count() == users_before
    assert logged_in_user_id(client) is None


def test_sign_up_with_a_weak_password_shows_the_error_and_creates_nothing(db):
    # given
    client = Client()
    # when
    response = client.post(
        "/signup/",
        {"email": "weak@example.test", "name": "Wendy", "password": "12345", "language": "en"},
    )
    # then
    assert response.status_code == 200
    assert b'id="id_password-error"' in response.content
    assert not User.objects.filter(email="weak@example.test").exists()
    assert logged_in_user_id(client) is None


def test_sign_up_page_offers_the_four_languages_and_links_to_log_in(db):
    # R28: English, French, Dutch and Swedish, the browser's language chosen by default
    response = Client().get("/signup/?next=/partners/", HTTP_ACCEPT_LANGUAGE="nl")
    html = response.content.decode()
    assert response.status_code == 200
    for code in ("en", "fr", "nl", "sv"):
        assert f'value="{code}"' in html
    assert '<option value="nl" selected>' in html
    assert 'href="/login/?next=/partners/"' in html


def test_sign_up_page_redirects_a_logged_in_user(owner):
    response = client_for(owner).get("/signup/")
    assert response.status_code == 302 and response["Location"] == "/"


# --- create a store --------------------------------------------------------------------------


def test_index_links_to_create_a_store(outsider):
    response = client_for(outsider).get("/")
    assert b'href="/stores/new/"' in response.content


def test_create_store_needs_a_log_in(db):
    response = Client().get("/stores/new/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_create_store_makes_the_caller_owner_and_opens_its_home(outsider):
    # given
    client = client_for(outsider)
    # when
    response = client.post("/stores/new/", {"name": "Fjord Goods", "handle": "Fjord-Goods"})
    # then
    store = Store.objects.get(handle="fjord-goods")
    assert store.owner == outsider and store.name == "Fjord Goods"
    assert response.status_code == 302 and response["Location"] == f"/stores/{store.pk}/"
    home = client.get(response["Location"])
    assert home.status_code == 200
    assert b"Your store Fjord Goods is ready." in home.content
    assert AuditEvent.objects.filter(action="store.created", store=store).exists()


@pytest.mark.parametrize("handle", ["-bad-", "has space", "admin"])
def test_create_store_with_a_bad_handle_shows_the_error_and_creates_nothing(outsider, handle):
    # when
    response = client_for(outsider).post("/stores/new/", {"name": "Fjord", "handle": handle})
    # then
    assert response.status_code == 400
    assert b'id="id_handle-error"' in response.content
    assert not Store.objects.filter(owner=outsider).exists()


def test_create_store_with_a_taken_handle_shows_the_error(store, outsider):
    response = client_for(outsider).post("/stores/new/", {"name": "Copy", "handle": store.handle})
    assert response.status_code == 400
    assert b"This handle is taken." in response.content
    assert not Store.objects.filter(owner=outsider).exists()


# --- accept a staff invitation ---------------------------------------------------------------


def invitation(store, email: str, *, permissions=()) -> tuple[StaffMember, str]:
    """An open invitation and the raw token its link carries."""
    raw = new_token("sgi")
    member = StaffMemberFactory(
        store=store,
        user=None,
        email=email,
        status=StaffStatus.INVITED,
        invitation_token_hash=hash_token(raw),
        invited_by=store.owner,
        permissions=permissions,
    )
    return member, raw


def invitation_url(raw: str) -> str:
    return f"/staff-invitations/{raw}/"


def test_the_e_mailed_link_opens_the_invitation(store, owner, outsider):
    # given the owner invites someone through the service, which e-mails the link
    staff_invite(
        store=store,
        email=outsider.email,
        permissions=PermissionSet.of([StorePermission.ORDERS_VIEW]),
        acting=store_acting(owner, store),
    )
    body = OutboxMessage.objects.get(payload__template="staff_invited").payload["body"]
    path = re.search(r"https?://[^/\s]+(/staff-invitations/[^/\s]+/)", body).group(1)
    # when the invited person opens it, logged in
    response = client_for(outsider).get(path)
    # then they see the store, who invited them and what they may do
    html = response.content.decode()
    assert response.status_code == 200
    assert "Northwind" in html and "Olivia Owner" in html
    assert "<strong>Orders</strong>: View orders" in html
    assert "data-accept" in html


def test_invited_user_accepts_and_becomes_active_staff(store, outsider):
    # given
    member, raw = invitation(store, outsider.email.upper(), permissions=[StorePermission.HOME_VIEW])
    client = client_for(outsider)
    # when
    response = client.post(invitation_url(raw))
    # then
    assert response.status_code == 302 and response["Location"] == f"/stores/{store.pk}/"
    member.refresh_from_db()
    assert member.status == StaffStatus.ACTIVE and member.user == outsider
    assert member.invitation_token_hash == ""
    assert AuditEvent.objects.filter(action="staff.joined", store=store, actor=outsider).exists()
    home = client.get(response["Location"])
    assert home.status_code == 200
    assert b"You joined Northwind as staff." in home.content


def test_a_used_invitation_link_is_no_longer_valid(store, outsider):
    # given
    _member, raw = invitation(store, outsider.email)
    client = client_for(outsider)
    client.post(invitation_url(raw))
    # when
    response = client.get(invitation_url(raw))
    # then
    assert response.status_code == 404


def test_invitation_for_another_account_is_404_and_stays_invited(store, outsider):
    # given an invitation sent to someone else
    member, raw = invitation(store, "someone-else@example.test")
    client = client_for(outsider)
    # when the wrong account opens and posts it
    page = client.get(invitation_url(raw))
    posted = client.post(invitation_url(raw))
    # then nothing about the store shows, and nothing changes
    for response in (page, posted):
        assert response.status_code == 404
        assert b"data-invitation-invalid" in response.content
        assert b"Northwind" not in response.content
    member.refresh_from_db()
    assert member.status == StaffStatus.INVITED and member.user is None
    assert not AuditEvent.objects.filter(action="staff.joined").exists()


def test_unknown_invitation_token_is_404(outsider):
    client = client_for(outsider)
    assert client.get(invitation_url("sgi_not-a-real-token")).status_code == 404
    assert client.post(invitation_url("sgi_not-a-real-token")).status_code == 404
    assert client.get(invitation_url("x" * 5000)).status_code == 404


def test_anonymous_visitor_is_offered_log_in_and_sign_up_with_next(store):
    # given
    _member, raw = invitation(store, "newcomer@example.test")
    # when
    response = Client().get(invitation_url(raw))
    # then
    html = response.content.decode()
    next_param = f"?next=/staff-invitations/{raw}/"
    assert response.status_code == 200
    assert f'href="/login/{next_param}"' in html
    assert f'href="/signup/{next_param}"' in html
    assert "data-accept" not in html


def test_anonymous_visitor_with_an_unknown_token_learns_nothing_about_a_store(store):
    response = Client().get(invitation_url("sgi_unknown"))
    assert response.status_code == 404
    assert b"Northwind" not in response.content


def test_anonymous_post_goes_to_log_in_and_changes_nothing(store):
    member, raw = invitation(store, "newcomer@example.test")
    response = Client().post(invitation_url(raw))
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next=%2Fstaff-invitations%2F{raw}%2F"
    member.refresh_from_db()
    assert member.status == StaffStatus.INVITED


def test_a_newcomer_signs_up_from_the_invitation_and_accepts_it(store):
    # given
    member, raw = invitation(store, "newcomer@example.test")
    client = Client()
    # when they sign up with next pointing back at the invitation
    response = client.post(
        "/signup/",
        {
            "email": "newcomer@example.test",
            "name": "Nia Newcomer",
            "password": STRONG_PASSWORD,
            "language": "fr",
            "next": invitation_url(raw),
        },
    )
    assert response["Location"] == invitation_url(raw)
    assert client.get(invitation_url(raw)).status_code == 200
    client.post(invitation_url(raw))
    # then
    member.refresh_from_db()
    assert member.status == StaffStatus.ACTIVE
    assert member.user == User.objects.get(email="newcomer@example.test")


def test_an_existing_user_logs_in_from_the_invitation_and_returns_to_it(store, outsider):
    _member, raw = invitation(store, outsider.email)
    response = Client().post(
        "/login/", {"email": outsider.email, "password": PASSWORD, "next": invitation_url(raw)}
    )
    assert response.status_code == 302 and response["Location"] == invitation_url(raw)


def test_r07_a_collaborator_of_the_store_cannot_accept_a_staff_invitation(
    store, partner_org, collaborator
):
    # given an invitation sent before the organization got collaborator access
    member, raw = invitation(store, collaborator.email)
    CollaboratorAccessFactory(store=store, organization=partner_org, permissions_mask=1)
    # when
    response = client_for(collaborator).post(invitation_url(raw))
    # then
    assert response.status_code == 409
    assert b"data-invitation-error" in response.content
    assert b"Remove that collaborator access first" not in response.content  # merchant wording
    assert b"Ask the store owner to remove that collaborator access first" in response.content
    member.refresh_from_db()
    assert member.status == StaffStatus.INVITED and member.user is None


def test_the_invitation_token_stays_out_of_the_logs_and_the_audit_trail(store, outsider, caplog):
    # given
    _other, wrong = invitation(store, "someone-else@example.test")
    _member, raw = invitation(store, outsider.email)
    client = client_for(outsider)
    # when a 404 is logged, and the right invitation is accepted
    with caplog.at_level(logging.INFO):
        client.get(invitation_url(wrong))
        client.post(invitation_url(raw))
    # then
    assert "/staff-invitations/<token>/" in caplog.text
    assert wrong not in caplog.text and raw not in caplog.text
    for event in AuditEvent.objects.all():
        assert raw not in repr(event.__dict__)


def test_staff_who_joined_see_the_store_they_joined(store):
    # given
    user = UserFactory(email="joiner@example.test")
    _member, raw = invitation(store, user.email, permissions=[StorePermission.HOME_VIEW])
    client = client_for(user)
    # when
    client.post(invitation_url(raw))
    # then
    assert f'href="/stores/{store.pk}/"' in client.get("/").content.decode()


def require_compiled_catalogue(language: str) -> None:
    """The .mo files are build output (``make messages``, which ``make test`` runs)."""
    from django.conf import settings

    po = settings.LOCALE_PATHS[0] / language / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime, (
        f"{mo} is missing or older than its .po: run `make messages`"
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Créez votre compte Storegate"),
        ("nl", "Maak je Storegate-account aan"),
        ("sv", "Skapa ditt Storegate-konto"),
    ],
)
def test_r28_the_sign_up_page_speaks_the_browsers_language(db, language, expected):
    require_compiled_catalogue(language)
    response = Client().get("/signup/", HTTP_ACCEPT_LANGUAGE=language)
    assert expected in response.content.decode()


def test_r28_the_invitation_page_speaks_the_users_language(store):
    # given
    require_compiled_catalogue("sv")
    user = UserFactory(email="sv@example.test", language="sv")
    _member, raw = invitation(store, user.email)
    client = client_for(user)
    session = client.session
    session["language"] = "sv"
    session.save()
    # when
    html = client.get(invitation_url(raw)).content.decode()
    # then
    assert "Gå med i Northwind som personal" in html and "Acceptera inbjudan" in html
