"""The authorization walk (R19, STYLE.md): every URL and API operation, generated, none by hand.

- Every API operation and every page declares its scope in one way (``@requires``,
  ``@partner_requires``, ``@declare_scope``/``@public``); public ones are on ``PUBLIC`` below.
- For every store operation and its declared permission: a collaborator holding everything
  *but* that permission gets 403 ``permission_denied`` whatever body they send; one holding
  *only* that permission succeeds; an outsider gets 404; a collaborator of another store gets
  404; and ids of another store's objects, in the path or the body, get 404 (no IDOR).
- The "succeeds" case needs a valid request per operation: ``EXAMPLES`` below. An operation
  missing from it FAILS the walk (no silent skips). GET operations whose only path parameter
  is ``store_id`` need no entry.
- Every operation declares a permission (or, on the partner side, a role) for its own method:
  ``undeclared_operations`` finds one that does not, and the walk fails on it.
- Pages are walked method by method in ``test_authorization_walk_pages.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from ninja import NinjaAPI

from storegate.access.guard import SCOPE_ATTR, declared_permissions, requires
from storegate.access.partner_guard import declared_role, partner_requires
from storegate.api import api
from storegate.collaborators.models import CollaboratorRequest
from storegate.collaborators.sessions import store_session_open
from storegate.commerce.catalogue.models import Product, ProductVariant
from storegate.commerce.customers.models import Customer
from storegate.commerce.inventory.models import InventoryLevel, Location
from storegate.commerce.marketing.models import Discount, GiftCard
from storegate.commerce.orders.models import DraftOrder, Order
from storegate.commerce.orders.services import create_order_record
from storegate.commerce.storefront.models import Market, Theme
from storegate.partners.models import PartnerMember, PartnerRole
from storegate.stores.permissions import ALL_BITS, StorePermission
from tests.conftest import error_code, token_for
from tests.factories import (
    CollaboratorAccessFactory,
    PartnerMemberFactory,
    PartnerOrganizationFactory,
    StaffMemberFactory,
    StoreFactory,
    UserFactory,
    member_acting,
)

KNOWN_SCOPES = {"public", "account", "partner", "store", "owner", "operator"}

# API operations anyone may call ("METHOD /api/path").
PUBLIC = {
    "POST /api/v1/users",
    "POST /api/v1/auth/tokens",
}
# Pages outside the walk's reach, with why: Django's admin has its own staff-only auth.
PAGE_PREFIXES_OUTSIDE = ("admin/", "api/", "static/")


# --- enumerating every operation and page --------------------------------------------------


@dataclass(frozen=True)
class Op:
    method: str
    path: str  # "/api/v1/stores/{store_id}/orders"
    view: Callable[..., Any]

    @property
    def key(self) -> str:
        return f"{self.view.__module__}.{self.view.__name__}"

    @property
    def scope(self) -> str | None:
        return getattr(self.view, SCOPE_ATTR, None)

    @property
    def permissions(self) -> tuple[StorePermission, ...]:
        return declared_permissions(self.view, self.method) or ()

    @property
    def params(self) -> list[str]:
        return re.findall(r"{([^}:]+)}", self.path)

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def _operations(api: Any = api) -> list[Op]:
    ops = []
    for bound in api._get_bound_routers():
        for path, path_view in bound.path_operations.items():
            full = "/api/" + "/".join(p.strip("/") for p in (bound.prefix, path) if p.strip("/"))
            for operation in path_view.operations:
                for method in operation.methods:
                    ops.append(Op(method, full, operation.view_func))
    return ops


OPERATIONS = _operations()
STORE_OPS = [op for op in OPERATIONS if op.scope in {"store", "owner"}]


def _pages() -> list[tuple[str, Callable[..., Any]]]:
    found: list[tuple[str, Callable[..., Any]]] = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                found.append((prefix + str(entry.pattern), entry.callback))

    walk(get_resolver().url_patterns, "")
    return [(route, view) for route, view in found if not route.startswith(PAGE_PREFIXES_OUTSIDE)]


# --- the world: two stores with objects, callers -------------------------------------------


def _objects(store) -> dict[str, Any]:
    shirt = Product.objects.create(store=store, title="Linen shirt", handle="linen-shirt")
    variant = ProductVariant.objects.create(
        store=store, product=shirt, title="M", sku=f"LS-{store.pk}", price=Decimal("49.00")
    )
    location = Location.objects.create(store=store, name="Main warehouse", country_code="SE")
    level = InventoryLevel.objects.create(
        store=store, variant=variant, location=location, available=9
    )
    customer = Customer.objects.create(store=store, email=f"buyer{store.pk}@example.test")
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
    cancelled = create_order_record(
        store_id=store.pk, currency="USD", lines=[line], customer=None, email="c@example.test"
    )
    Order.objects.filter(pk=cancelled.pk).update(status="cancelled", financial_status="voided")
    draft = DraftOrder.objects.create(
        store=store, number=1, line_items=[line], subtotal=Decimal("98.00")
    )
    discount = Discount.objects.create(
        store=store, code="SPRING10", kind="percentage", value=Decimal("10")
    )
    gift_card = GiftCard.objects.create(
        store=store,
        code_hash=f"hash-{store.pk}",
        last_characters="ABCD",
        initial_value=Decimal("50"),
        balance=Decimal("50"),
    )
    market = Market.objects.create(
        store=store, name="Nordics", handle="nordics", countries=["SE", "NO"], currency="SEK"
    )
    theme = Theme.objects.create(store=store, name="Dawn")
    collab = _collaborator_objects(store)
    return {
        **collab,
        "product": shirt,
        "variant": variant,
        "location": location,
        "inventory_level": level,
        "customer": customer,
        "paid_order": paid,
        "pending_order": pending,
        "cancelled_order": cancelled,
        "line_item": paid.line_items.first(),
        "draft": draft,
        "discount": discount,
        "gift_card": gift_card,
        "market": market,
        "theme": theme,
    }


def _collaborator_objects(store) -> dict[str, Any]:
    """A pending request, an active and a suspended access (other organizations than the
    walk's callers), and a staff member: the objects of the collaborator and staff operations."""
    requester = PartnerMemberFactory(
        role=PartnerRole.STORE_MANAGER, organization=PartnerOrganizationFactory(pending_requests=1)
    )
    request = CollaboratorRequest.objects.create(
        organization=requester.organization,
        requested_by=requester.user,
        store=store,
        permissions_mask=StorePermission.ORDERS_VIEW.bit,
        expires_at=timezone.now() + timedelta(days=30),
    )
    return {
        "collab_request": request,
        "collab_access": CollaboratorAccessFactory(store=store, permissions_mask=1),
        "suspended_access": CollaboratorAccessFactory(
            store=store, permissions_mask=1, status="suspended"
        ),
        "staff_member": StaffMemberFactory(store=store),
    }


Example = Callable[[dict[str, Any]], tuple[dict[str, Any], dict[str, Any] | None]]


def _id(obj: Any) -> str:
    return str(obj.pk)


# Minimal valid requests: objects → (path parameters besides store_id, JSON body or None).
EXAMPLES: dict[str, Example] = {
    "storegate.commerce.catalogue.api.create_product": lambda o: (
        {},
        {"title": "Wool socks", "price": "12.00"},
    ),
    "storegate.commerce.catalogue.api.get_product": lambda o: (
        {"product_id": _id(o["product"])},
        None,
    ),
    "storegate.commerce.catalogue.api.update_product": lambda o: (
        {"product_id": _id(o["product"])},
        {"title": "Linen shirt (new)"},
    ),
    "storegate.commerce.catalogue.api.delete_product": lambda o: (
        {"product_id": _id(o["product"])},
        None,
    ),
    "storegate.commerce.catalogue.api.create_variant": lambda o: (
        {"product_id": _id(o["product"])},
        {"title": "L", "price": "51.00"},
    ),
    "storegate.commerce.catalogue.api.update_variant": lambda o: (
        {"product_id": _id(o["product"]), "variant_id": _id(o["variant"])},
        {"price": "45.00"},
    ),
    "storegate.commerce.inventory.api.create_location": lambda o: (
        {},
        {"name": "Depot", "country_code": "NL"},
    ),
    "storegate.commerce.inventory.api.update_location": lambda o: (
        {"location_id": _id(o["location"])},
        {"city": "Malmö"},
    ),
    "storegate.commerce.inventory.api.adjust_inventory": lambda o: (
        {},
        {
            "variant_id": _id(o["variant"]),
            "location_id": _id(o["location"]),
            "delta": 5,
            "reason": "received",
        },
    ),
    "storegate.commerce.orders.api.get_order": lambda o: ({"order_id": _id(o["paid_order"])}, None),
    "storegate.commerce.orders.api.update_order": lambda o: (
        {"order_id": _id(o["paid_order"])},
        {"note": "Gift wrap", "tags": ["vip"]},
    ),
    "storegate.commerce.orders.api.cancel_order": lambda o: (
        {"order_id": _id(o["paid_order"])},
        {"reason": "customer"},
    ),
    "storegate.commerce.orders.api.mark_order_as_paid": lambda o: (
        {"order_id": _id(o["pending_order"])},
        None,
    ),
    "storegate.commerce.orders.api.refund_order": lambda o: (
        {"order_id": _id(o["paid_order"])},
        {"amount": "10.00", "reason": "Damaged"},
    ),
    "storegate.commerce.orders.api.delete_order": lambda o: (
        {"order_id": _id(o["cancelled_order"])},
        None,
    ),
    "storegate.commerce.orders.api.list_fulfillments": lambda o: (
        {"order_id": _id(o["paid_order"])},
        None,
    ),
    "storegate.commerce.orders.api.create_fulfillment": lambda o: (
        {"order_id": _id(o["paid_order"])},
        {
            "line_items": [{"line_item_id": _id(o["line_item"]), "quantity": 1}],
            "tracking_company": "PostNord",
            "tracking_number": "PN123",
            "tracking_url": "https://tracking.example/PN123",
        },
    ),
    "storegate.commerce.orders.api.create_draft_order": lambda o: (
        {},
        {"line_items": [{"variant_id": _id(o["variant"]), "quantity": 1}]},
    ),
    "storegate.commerce.orders.api.get_draft_order": lambda o: (
        {"draft_id": _id(o["draft"])},
        None,
    ),
    "storegate.commerce.orders.api.complete_draft_order": lambda o: (
        {"draft_id": _id(o["draft"])},
        {},
    ),
    "storegate.commerce.orders.api.delete_draft_order": lambda o: (
        {"draft_id": _id(o["draft"])},
        None,
    ),
    "storegate.commerce.customers.api.create_customer": lambda o: (
        {},
        {"email": "new@example.test"},
    ),
    "storegate.commerce.customers.api.get_customer": lambda o: (
        {"customer_id": _id(o["customer"])},
        None,
    ),
    "storegate.commerce.customers.api.update_customer": lambda o: (
        {"customer_id": _id(o["customer"])},
        {"first_name": "Ada"},
    ),
    "storegate.commerce.customers.api.delete_customer": lambda o: (
        {"customer_id": _id(o["customer"])},
        None,
    ),
    "storegate.commerce.marketing.api.create_discount": lambda o: (
        {},
        {"code": "SUMMER", "kind": "fixed_amount", "value": "5.00"},
    ),
    "storegate.commerce.marketing.api.update_discount": lambda o: (
        {"discount_id": _id(o["discount"])},
        {"value": "15"},
    ),
    "storegate.commerce.marketing.api.delete_discount": lambda o: (
        {"discount_id": _id(o["discount"])},
        None,
    ),
    "storegate.commerce.marketing.api.create_gift_card": lambda o: ({}, {"initial_value": "25.00"}),
    "storegate.commerce.marketing.api.disable_gift_card": lambda o: (
        {"gift_card_id": _id(o["gift_card"])},
        None,
    ),
    "storegate.commerce.storefront.api.create_market": lambda o: (
        {},
        {"name": "Benelux", "countries": ["NL", "BE"], "currency": "EUR"},
    ),
    "storegate.commerce.storefront.api.update_market": lambda o: (
        {"market_id": _id(o["market"])},
        {"enabled": False},
    ),
    "storegate.commerce.storefront.api.delete_market": lambda o: (
        {"market_id": _id(o["market"])},
        None,
    ),
    "storegate.commerce.storefront.api.create_theme": lambda o: ({}, {"name": "Refresh"}),
    "storegate.commerce.storefront.api.list_theme_files": lambda o: (
        {"theme_id": _id(o["theme"])},
        None,
    ),
    "storegate.commerce.storefront.api.put_theme_file": lambda o: (
        {"theme_id": _id(o["theme"])},
        {"key": "templates/index.json", "content": "{}"},
    ),
    "storegate.commerce.storefront.api.publish_theme": lambda o: (
        {"theme_id": _id(o["theme"])},
        None,
    ),
    "storegate.commerce.settings.api.replace_shipping_settings": lambda o: (
        {},
        {
            "zones": [
                {
                    "name": "Domestic",
                    "countries": ["SE"],
                    "rates": [{"name": "Standard", "price": "4.90"}],
                }
            ]
        },
    ),
    "storegate.commerce.settings.api.update_general_settings": lambda o: (
        {},
        {"legal_name": "Northwind AB"},
    ),
    "storegate.collaborators.api_store.set_collaborator_code_required": lambda o: (
        {},
        {"required": False},
    ),
    "storegate.collaborators.api_store.regenerate_collaborator_code": lambda o: ({}, None),
    "storegate.collaborators.api_store.get_collaborator_request": lambda o: (
        {"request_id": _id(o["collab_request"])},
        None,
    ),
    # R11: a reviewer grants only what they hold, so the example grants the declared permission.
    "storegate.collaborators.api_store.approve_collaborator_request": lambda o: (
        {"request_id": _id(o["collab_request"])},
        {"permissions": ["collaborators.manage"]},
    ),
    "storegate.collaborators.api_store.decline_collaborator_request": lambda o: (
        {"request_id": _id(o["collab_request"])},
        None,
    ),
    "storegate.collaborators.api_store.update_collaborator": lambda o: (
        {"access_id": _id(o["collab_access"])},
        {"expires_at": "2099-01-01T00:00:00Z"},
    ),
    "storegate.collaborators.api_store.suspend_collaborator": lambda o: (
        {"access_id": _id(o["collab_access"])},
        None,
    ),
    "storegate.collaborators.api_store.resume_collaborator": lambda o: (
        {"access_id": _id(o["suspended_access"])},
        None,
    ),
    "storegate.collaborators.api_store.remove_collaborator": lambda o: (
        {"access_id": _id(o["collab_access"])},
        None,
    ),
    "storegate.stores.api_staff.invite_staff": lambda o: (
        {},
        {"email": "new-staff@example.test", "permissions": []},
    ),
    "storegate.stores.api_staff.update_staff": lambda o: (
        {"staff_id": _id(o["staff_member"])},
        {"permissions": []},
    ),
    "storegate.stores.api_staff.remove_staff": lambda o: (
        {"staff_id": _id(o["staff_member"])},
        None,
    ),
}


def _needs_example(op: Op) -> bool:
    return not (op.method == "GET" and op.params == ["store_id"])


# --- callers ---------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The walk creates hundreds of users; Argon2 is proven elsewhere (test_accounts_api).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    store_a = StoreFactory()
    store_b = StoreFactory()
    org_a = PartnerOrganizationFactory()
    org_b = PartnerOrganizationFactory()
    person_a = PartnerMemberFactory(organization=org_a, role=PartnerRole.STORE_VIEWER)
    person_b = PartnerMemberFactory(organization=org_b, role=PartnerRole.STORE_MANAGER)
    return {
        "a": store_a,
        "b": store_b,
        "org_a": org_a,
        "org_b": org_b,
        "member_a": person_a,
        "member_b": person_b,
        "objects_a": _objects(store_a),
        "objects_b": _objects(store_b),
    }


def _session(world, mask: int, *, store_key: str = "a") -> str:
    org = world["org_a"] if store_key == "a" else world["org_b"]
    member: PartnerMember = world["member_a"] if store_key == "a" else world["member_b"]
    store = world[store_key]
    CollaboratorAccessFactory(store=store, organization=org, permissions_mask=mask)
    return store_session_open(
        acting=member_acting(member), member=member, store_id=store.pk, two_factor=True
    ).raw


def _url(op: Op, store_id: Any, params: dict[str, Any]) -> str:
    values = {"store_id": str(store_id), **{k: str(v) for k, v in params.items()}}
    return re.sub(r"{([^}:]+)}", lambda m: values.get(m.group(1), "1"), op.path)


def _call(api_client, op: Op, url: str, token: str, body: dict[str, Any] | None) -> Any:
    return api_client.request(
        op.method, url, json=None if op.method == "GET" else body, token=token
    )


def _ids(op: Op) -> str:
    return str(op)


# --- the walk --------------------------------------------------------------------------------


def test_r19_every_operation_declares_its_scope_once():
    undeclared = [str(op) for op in OPERATIONS if op.scope not in KNOWN_SCOPES]
    assert not undeclared, f"operations that declare no scope: {undeclared}"
    public = {str(op) for op in OPERATIONS if op.scope == "public"}
    assert public == PUBLIC, "public operations must be listed in PUBLIC, and only those"
    for op in OPERATIONS:
        if op.scope in {"store", "owner"}:
            assert "{store_id}" in op.path, f"{op} is store-scoped but has no {{store_id}}"
        if op.scope == "partner":
            assert "{org_id}" in op.path, str(op)
    assert not undeclared_operations(OPERATIONS)


def undeclared_operations(ops: list[Op]) -> list[str]:
    """Store and partner operations that declare no permission (or role) for their method."""
    return [
        str(op)
        for op in ops
        if (op.scope in {"store", "owner"} and declared_permissions(op.view, op.method) is None)
        or (op.scope == "partner" and declared_role(op.view, op.method) is None)
    ]


def test_the_walk_fails_on_an_operation_that_declares_nothing_for_its_method():
    # given a throw-away API whose POST operations declare only GET
    throw_away = NinjaAPI(urls_namespace="throw_away_walk")

    @throw_away.post("/stores/{store_id}/things")
    @requires(GET=StorePermission.ORDERS_VIEW)
    def add_thing(request, store_id: int) -> dict[str, str]:
        return {}

    @throw_away.post("/partners/{org_id}/things")
    @partner_requires(GET=PartnerRole.STORE_VIEWER)
    def add_partner_thing(request, org_id: int) -> dict[str, str]:
        return {}

    @throw_away.get("/stores/{store_id}/listed")
    @requires(GET=StorePermission.ORDERS_VIEW, POST=StorePermission.ORDERS_CANCEL)
    def listed(request, store_id: int) -> dict[str, str]:
        return {}

    # then the walk's check names exactly those
    assert undeclared_operations(_operations(throw_away)) == [
        "POST /api/stores/{store_id}/things",
        "POST /api/partners/{org_id}/things",
    ]


def test_r19_every_page_declares_its_scope():
    undeclared = [
        route for route, view in _pages() if getattr(view, SCOPE_ATTR, None) not in KNOWN_SCOPES
    ]
    assert not undeclared, f"pages that declare no scope: {undeclared}"


def test_r19_every_store_operation_needing_input_has_an_example():
    missing = sorted(op.key for op in STORE_OPS if _needs_example(op) and op.key not in EXAMPLES)
    assert not missing, f"add a minimal valid request to EXAMPLES for: {missing}"
    stale = sorted(set(EXAMPLES) - {op.key for op in STORE_OPS})
    assert not stale, f"EXAMPLES for operations that no longer exist: {stale}"


def test_every_operation_documents_its_permission():
    schema = api.get_openapi_schema()
    for op in STORE_OPS:
        description = schema["paths"][op.path][op.method.lower()].get("description", "")
        if op.scope == "owner":
            assert "store owner" in description, str(op)
        for permission in op.permissions:
            assert f"`{permission.code}`" in description, str(op)


@pytest.mark.parametrize(
    "op", [op for op in STORE_OPS if op.scope == "store" and op.permissions], ids=_ids
)
def test_r19_missing_permission_is_403_before_input_is_read(api_client, world, op):
    # given a collaborator holding every permission but the declared one(s)
    mask = ALL_BITS
    for permission in op.permissions:
        mask &= ~permission.bit
    token = _session(world, mask)
    # when they call it with a body that is not even valid
    response = _call(api_client, op, _url(op, world["a"].pk, {}), token, {"garbage": [1, 2]})
    # then
    assert response.status_code == 403, (str(op), response.content)
    assert error_code(response) == "permission_denied"


@pytest.mark.parametrize("op", STORE_OPS, ids=_ids)
def test_r19_outsider_gets_404(api_client, world, op):
    outsider = UserFactory()
    response = _call(api_client, op, _url(op, world["a"].pk, {}), token_for(outsider), {"x": 1})
    assert response.status_code == 404, (str(op), response.content)
    assert error_code(response) == "store_not_found"


@pytest.mark.parametrize("op", STORE_OPS, ids=_ids)
def test_r19_collaborator_of_another_store_gets_404(api_client, world, op):
    token_b = _session(world, ALL_BITS, store_key="b")
    response = _call(api_client, op, _url(op, world["a"].pk, {}), token_b, {"x": 1})
    assert response.status_code == 404, (str(op), response.content)


PARTNER_OPS = [op for op in OPERATIONS if op.scope == "partner"]
ROLES_LOW_TO_HIGH = [
    PartnerRole.STORE_VIEWER,
    PartnerRole.STORE_MANAGER,
    PartnerRole.ADMIN,
    PartnerRole.OWNER,
]


def _partner_url(op: Op, org_id: Any) -> str:
    return re.sub(r"{([^}:]+)}", lambda m: str(org_id) if m.group(1) == "org_id" else "1", op.path)


@pytest.mark.parametrize("op", PARTNER_OPS, ids=_ids)
def test_partner_operation_refuses_a_non_member_with_404_before_input_is_read(
    api_client, world, op
):
    # given a member of another organization, when they call it with a body that is not valid
    outsider = world["member_b"].user
    response = _call(
        api_client, op, _partner_url(op, world["org_a"].pk), token_for(outsider), {"x": [1]}
    )
    # then the organization does not exist for them
    assert response.status_code == 404, (str(op), response.content)
    assert error_code(response) == "not_found"


@pytest.mark.parametrize(
    "op",
    [op for op in PARTNER_OPS if declared_role(op.view, op.method) != PartnerRole.STORE_VIEWER],
    ids=_ids,
)
def test_partner_operation_refuses_a_lower_role_with_403_before_input_is_read(
    api_client, world, op
):
    # given a member whose role is one step below the declared one
    declared = ROLES_LOW_TO_HIGH.index(PartnerRole(declared_role(op.view, op.method)))
    member = PartnerMemberFactory(organization=world["org_a"], role=ROLES_LOW_TO_HIGH[declared - 1])
    # when they call it with a body that is not valid
    response = _call(
        api_client, op, _partner_url(op, world["org_a"].pk), token_for(member.user), {"x": [1]}
    )
    # then
    assert response.status_code == 403, (str(op), response.content)
    assert error_code(response) == "permission_denied"


OWNER_OPS: list[Op | None] = [op for op in STORE_OPS if op.scope == "owner"] or [None]


@pytest.mark.parametrize("op", OWNER_OPS, ids=str)
def test_owner_only_operation_refuses_staff_with_every_permission(api_client, world, op):
    if op is None:  # no owner-only operation in the API (yet): nothing to refuse
        assert not [o for o in STORE_OPS if o.scope == "owner"]
        return
    staff = StaffMemberFactory(store=world["a"], permissions_mask=ALL_BITS).user
    response = _call(api_client, op, _url(op, world["a"].pk, {}), token_for(staff), {"x": 1})
    assert response.status_code == 403, (str(op), response.content)


def _example(op: Op, objects: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    if op.key in EXAMPLES:
        return EXAMPLES[op.key](objects)
    assert not _needs_example(op), f"{op.key} has no entry in EXAMPLES"
    return {}, None


@pytest.mark.parametrize("op", [op for op in STORE_OPS if op.scope == "store"], ids=_ids)
def test_r19_collaborator_with_only_the_declared_permission_succeeds(api_client, world, op):
    # given a collaborator holding exactly the declared permission(s), nothing implied
    mask = 0
    for permission in op.permissions:
        mask |= permission.bit
    token = _session(world, mask)
    params, body = _example(op, world["objects_a"])
    # when
    response = _call(api_client, op, _url(op, world["a"].pk, params), token, body)
    # then
    assert 200 <= response.status_code < 300, (str(op), response.content)


@pytest.mark.parametrize("op", OWNER_OPS, ids=str)
def test_owner_only_operation_lets_the_owner_in(api_client, world, op):
    if op is None:
        assert not [o for o in STORE_OPS if o.scope == "owner"]
        return
    params, body = _example(op, world["objects_a"])
    response = _call(
        api_client, op, _url(op, world["a"].pk, params), token_for(world["a"].owner), body
    )
    assert 200 <= response.status_code < 300, (str(op), response.content)


IDOR_OPS = [op for op in STORE_OPS if op.scope == "store" and op.key in EXAMPLES]


@pytest.mark.parametrize("op", IDOR_OPS, ids=_ids)
def test_r19_ids_of_another_store_in_path_or_body_are_404(api_client, world, op):
    # given a collaborator of store A with every permission
    token = _session(world, ALL_BITS)
    own = _example(op, world["objects_a"])
    foreign = _example(op, world["objects_b"])
    if own == foreign:
        # This operation names no object by id: nothing of store B can be reached through it.
        assert not (set(op.params) - {"store_id"})
        return
    # when they name store B's objects inside store A
    params, body = foreign
    response = _call(api_client, op, _url(op, world["a"].pk, params), token, body)
    # then
    assert response.status_code == 404, (str(op), response.content)
    assert error_code(response) == "not_found"


def test_expired_access_cannot_open_a_session(world):
    CollaboratorAccessFactory(
        store=world["a"],
        organization=world["org_a"],
        permissions_mask=ALL_BITS,
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    with pytest.raises(Exception) as info:
        store_session_open(
            acting=member_acting(world["member_a"]),
            member=world["member_a"],
            store_id=world["a"].pk,
            two_factor=True,
        )
    assert getattr(info.value, "code", None) == "permission_denied"


def test_operation_ids_are_the_view_names_and_unique():
    schema = api.get_openapi_schema()
    ids = [op["operationId"] for path in schema["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids)) == len(OPERATIONS)
    assert "list_orders" in ids
