"""The authorization walk over every page and every method it answers (R18, R19, STYLE.md).

Generated from the URLconf, none by hand. For every store page and every method it answers
(asked of the owner, each probe rolled back): an outsider gets 404; a collaborator without a
store session gets 403; a collaborator holding everything but that method's permission(s) gets
403; one holding only them gets past the guard (any answer but 401/403/404 — a form error 400
counts). Partner pages: a member of another organization gets 404, a member one role below the
method's role gets 403, a member with exactly that role gets past the guard.

A page that answers a method it declares nothing for fails the walk: ``declaration_gaps``
compares the methods a page answers (asked of a caller the guard lets through) and the methods
its code handles (``request.method == "POST"``, ``request.POST``) with the methods it declares.
The last tests register such pages in a throw-away URLconf and watch the check catch them.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, include, path
from django.utils import timezone

from storegate.access.guard import (
    METHODS,
    SCOPE_ATTR,
    declare_scope,
    declared_alternatives,
    declared_methods,
    declared_permissions,
    requires,
)
from storegate.access.partner_guard import declared_role, declared_roles
from storegate.collaborators.models import (
    CollaboratorAccess,
    CollaboratorRequest,
    PartnerStoreEntry,
    PartnerStoreStatus,
)
from storegate.notifications.models import WebhookEndpoint
from storegate.partners.models import OrganizationApiToken, PartnerRole
from storegate.stores.permissions import ALL_BITS, StorePermission
from tests import test_authorization_walk as api_walk
from tests.factories import (
    CollaboratorAccessFactory,
    PartnerMemberFactory,
    StaffMemberFactory,
    UserFactory,
)
from tests.test_authorization_walk import PAGE_PREFIXES_OUTSIDE, ROLES_LOW_TO_HIGH, _session

# The same world and fast password hashing as the walk over the API.
world = api_walk.world
_fast_passwords = api_walk._fast_passwords

STORE_SCOPES = {"store", "owner"}
PARAM = re.compile(r"<(?:\w+:)?(\w+)>")

# --- enumerating pages and what they declare -------------------------------------------------


def pages(urlconf: Any = None) -> list[tuple[str, Callable[..., Any]]]:
    """Every page of ``urlconf`` (the project's by default) as (route, view)."""
    found: list[tuple[str, Callable[..., Any]]] = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                found.append((prefix + str(entry.pattern), entry.callback))

    walk(get_resolver(urlconf).url_patterns, "")
    return [(route, view) for route, view in found if not route.startswith(PAGE_PREFIXES_OUTSIDE)]


def scope_of(view: Any) -> str | None:
    return getattr(view, SCOPE_ATTR, None)


def store_pages(urlconf: Any = None) -> list[tuple[str, Callable[..., Any]]]:
    return [(r, v) for r, v in pages(urlconf) if scope_of(v) in STORE_SCOPES]


def partner_pages(urlconf: Any = None) -> list[tuple[str, Callable[..., Any]]]:
    return [(r, v) for r, v in pages(urlconf) if scope_of(v) == "partner"]


def methods_declared(view: Any) -> set[str]:
    if scope_of(view) == "partner":
        roles = declared_roles(view)
        return set(METHODS) if "*" in roles else set(roles)
    return set(declared_methods(view))


HANDLES = {
    method: re.compile(rf"request\.method\s*==\s*\"{method}\"|request\.{method}\b")
    for method in METHODS
    if method != "GET"  # ``request.GET`` is the query string of any method
}


def methods_in_source(view: Any) -> set[str]:
    """The methods the view's own code handles (beneath its decorators)."""
    source = inspect.getsource(inspect.unwrap(view))
    return {method for method, pattern in HANDLES.items() if pattern.search(source)}


def _ask(client: Client, method: str, url: str) -> Any:
    return getattr(client, method.lower())(url)


def answered_methods(client: Client, url: str) -> list[str]:
    """The methods a page answers (anything but 405) for ``client``, whom the guard lets
    through; every probe is rolled back, so what a POST changes does not stay."""
    answered = []
    for method in METHODS:
        with transaction.atomic():
            response = _ask(client, method, url)
            transaction.set_rollback(True)
        if response.status_code != 405:
            answered.append(method)
    return answered


def declaration_gaps(view: Any, answered: Iterable[str]) -> list[str]:
    """The methods ``view`` answers or handles without declaring a permission (or role) for."""
    return sorted((set(answered) | methods_in_source(view)) - methods_declared(view))


def undeclared_page_methods(world: dict[str, Any], urlconf: Any = None) -> dict[str, list[str]]:
    """The walk's declaration check over every store and partner page of ``urlconf``."""
    gaps: dict[str, list[str]] = {}
    owner = _client(world["a"].owner)
    partner_owner = _client(PartnerMemberFactory(organization=world["org_a"], role="owner").user)
    objects = _partner_objects(world)
    for route, view in store_pages(urlconf):
        missing = declaration_gaps(view, answered_methods(owner, _store_url(route, world)))
        if missing:
            gaps[route] = missing
    for route, view in partner_pages(urlconf):
        missing = declaration_gaps(
            view, answered_methods(partner_owner, _partner_url(route, world, objects))
        )
        if missing:
            gaps[route] = missing
    return gaps


# --- addresses and callers -------------------------------------------------------------------

# Path parameters of store pages → the object of store A they name.
STORE_OBJECTS = {
    "staff_id": "staff_member",
    "request_id": "collab_request",
    "access_id": "collab_access",
    "order_id": "paid_order",
    "product_id": "product",
    "level_id": "inventory_level",
    "variant_id": "variant",
    "location_id": "location",
    "customer_id": "customer",
    "discount_id": "discount",
    "gift_card_id": "gift_card",
    "draft_id": "draft",
    "market_id": "market",
    "theme_id": "theme",
}


def _fill(route: str, values: dict[str, Any]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        assert name in values, f"the walk knows no object for <{name}> in {route}"
        return str(values[name])

    return "/" + PARAM.sub(value, route)


def _store_url(route: str, world: dict[str, Any]) -> str:
    objects = world["objects_a"]
    values = {"store_id": world["a"].pk}
    for name, key in STORE_OBJECTS.items():
        values[name] = objects[key].pk
    return _fill(route, values)


def _partner_objects(world: dict[str, Any]) -> dict[str, Any]:
    """What partner pages name in their paths: organization A's pending request, a store it
    collaborates on, its API token and webhook (made once per world)."""
    if "partner_objects" in world:
        return world["partner_objects"]
    org = world["org_a"]
    creator = world["member_a"].user
    access = CollaboratorAccessFactory(store=world["a"], organization=org, permissions_mask=1)
    PartnerStoreEntry.objects.create(
        organization=org, store=world["a"], status=PartnerStoreStatus.MANAGED, access=access
    )
    request = CollaboratorRequest.objects.create(
        organization=org,
        requested_by=creator,
        store=world["b"],
        permissions_mask=StorePermission.ORDERS_VIEW.bit,
        expires_at=timezone.now() + timedelta(days=30),
    )
    org.pending_requests = 1
    org.save(update_fields=["pending_requests"])
    token = OrganizationApiToken.objects.create(
        organization=org,
        created_by=creator,
        name="CI",
        role=PartnerRole.STORE_VIEWER,
        token_hash=f"walk-{org.pk}",
        prefix="sgo_walk",
    )
    webhook = WebhookEndpoint.objects.create(
        organization=org, url="https://hooks.example/walk", events=[], secret_encrypted="x"
    )
    world["partner_objects"] = {
        "org_id": org.pk,
        "store_id": world["a"].pk,
        "request_id": request.pk,
        "token_id": token.pk,
        "webhook_id": webhook.pk,
    }
    return world["partner_objects"]


def _partner_url(route: str, world: dict[str, Any], objects: dict[str, Any]) -> str:
    return _fill(route, objects)


def _client(user, *, store_id: Any = None, raw: str | None = None) -> Client:
    client = Client()  # no CSRF checks: the walk asks what the guard answers
    client.force_login(user)
    if raw is not None:
        session = client.session
        session["store_sessions"] = {str(store_id): raw}
        session.save()
    return client


def _mask(permissions: Iterable[StorePermission]) -> int:
    mask = 0
    for permission in permissions:
        mask |= permission.bit
    return mask


def _grants(view: Any, method: str) -> list[tuple[StorePermission, ...]]:
    """Each smallest set of permissions the declaration of ``method`` lets in."""
    permissions = declared_permissions(view, method) or ()
    alternatives = declared_alternatives(view, method)
    if not alternatives:
        return [permissions]
    return [(*permissions, alternative) for alternative in alternatives]


def _past_the_guard(response: Any) -> bool:
    return response.status_code not in (401, 403, 404)


# --- the walk --------------------------------------------------------------------------------


def test_every_page_declares_every_method_it_answers(world):
    assert undeclared_page_methods(world) == {}


STORE_ROUTES = [route for route, _view in store_pages()]


@pytest.mark.parametrize("route", STORE_ROUTES)
def test_r19_store_page_guards_every_method(world, route):
    view = dict(store_pages())[route]
    url = _store_url(route, world)
    methods = answered_methods(_client(world["a"].owner), url)
    assert methods, f"{route} answers no method, not even to the owner"
    outsider = _client(UserFactory())
    for method in methods:
        assert _ask(outsider, method, url).status_code == 404, (method, url)
    # R18: a collaborator without a store session is refused, whatever they hold
    CollaboratorAccessFactory(
        store=world["a"], organization=world["org_b"], permissions_mask=ALL_BITS
    )
    sessionless = _client(world["member_b"].user)
    for method in methods:
        assert _ask(sessionless, method, url).status_code == 403, (method, url)
    if scope_of(view) == "owner":
        staff = _client(StaffMemberFactory(store=world["a"], permissions_mask=ALL_BITS).user)
        for method in methods:
            assert _ask(staff, method, url).status_code == 403, (method, url)
        return
    raw = _session(world, 0)
    member = _client(world["member_a"].user, store_id=world["a"].pk, raw=raw)
    access = CollaboratorAccess.objects.filter(store=world["a"], organization=world["org_a"])
    # everything but the method's permission(s): 403, for every method before anything changes
    for method in methods:
        needed = {p for grant in _grants(view, method) for p in grant}
        if needed:
            access.update(permissions_mask=ALL_BITS & ~_mask(needed))
            response = _ask(member, method, url)
            assert response.status_code == 403, (method, url, response.status_code)
    # only the method's permission(s): past the guard (GET first, then what changes things)
    for method in methods:
        for grant in _grants(view, method):
            access.update(permissions_mask=_mask(grant))
            response = _ask(member, method, url)
            assert _past_the_guard(response), (method, url, grant, response.status_code)


PARTNER_ROUTES = [route for route, _view in partner_pages()]


@pytest.mark.parametrize("route", PARTNER_ROUTES)
def test_partner_page_guards_every_method_by_role(world, route):
    view = dict(partner_pages())[route]
    objects = _partner_objects(world)
    url = _partner_url(route, world, objects)
    top = _client(PartnerMemberFactory(organization=world["org_a"], role=PartnerRole.OWNER).user)
    methods = answered_methods(top, url)
    assert methods, f"{route} answers no method, not even to the organization's owner"
    stranger = _client(world["member_b"].user)
    for method in methods:
        assert _ask(stranger, method, url).status_code == 404, (method, url)
    for method in methods:
        role = declared_role(view, method)
        assert role is not None, (method, route)
        rank = ROLES_LOW_TO_HIGH.index(PartnerRole(role))
        if rank:
            lower = PartnerMemberFactory(
                organization=world["org_a"], role=ROLES_LOW_TO_HIGH[rank - 1]
            )
            response = _ask(_client(lower.user), method, url)
            assert response.status_code == 403, (method, url, response.status_code)
    for method in methods:
        exact = PartnerMemberFactory(organization=world["org_a"], role=declared_role(view, method))
        response = _ask(_client(exact.user), method, url)
        assert _past_the_guard(response), (method, url, response.status_code)


# --- proof: the walk catches a page that declares nothing for a method it answers ----------


@declare_scope("store")
def _undeclared(request: HttpRequest, store_id: int) -> HttpResponse:
    return HttpResponse("anyone linked or not")


@requires(GET=StorePermission.ORDERS_VIEW)
def _listing(request: HttpRequest, store_id: int) -> HttpResponse:
    return HttpResponse("orders")


@functools.wraps(_listing)  # carries the GET-only declaration, but handles POST itself
def _handles_post_before_the_guard(request: HttpRequest, store_id: int) -> HttpResponse:
    if request.method == "POST":
        return HttpResponse("changed, unguarded")
    return _listing(request, store_id=store_id)


@requires(GET=StorePermission.ORDERS_VIEW)
def _declares_get_reads_post(request: HttpRequest, store_id: int) -> HttpResponse:
    if request.method == "POST":  # never reached: the guard answers 405, a dead branch
        return HttpResponse("changed")
    return HttpResponse("orders")


@requires(GET=StorePermission.ORDERS_VIEW, POST=StorePermission.ORDERS_CANCEL)
def _declared(request: HttpRequest, store_id: int) -> HttpResponse:
    if request.method == "POST":
        return HttpResponse("changed")
    return HttpResponse("orders")


class ThrowAwayUrls:
    urlpatterns = [
        path("stores/<int:store_id>/undeclared/", _undeclared),
        path("stores/<int:store_id>/post-before-guard/", _handles_post_before_the_guard),
        path("stores/<int:store_id>/dead-post/", _declares_get_reads_post),
        path("stores/<int:store_id>/declared/", _declared),
        path("", include(settings.ROOT_URLCONF)),  # the error pages link to the real ones
    ]


def test_the_walk_fails_on_pages_that_declare_nothing_for_a_method_they_answer(world):
    with override_settings(ROOT_URLCONF=ThrowAwayUrls):
        gaps = undeclared_page_methods(world)
    assert gaps == {
        "stores/<int:store_id>/undeclared/": sorted(METHODS),
        "stores/<int:store_id>/post-before-guard/": ["POST"],
        "stores/<int:store_id>/dead-post/": ["POST"],
    }
    # and the project's own pages pass the same check
    assert undeclared_page_methods(world) == {}
