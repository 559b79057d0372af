"""Fixtures of the commerce tests: a small catalogue, and collaborators with exact permissions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from storegate.collaborators.sessions import store_session_open
from storegate.commerce.catalogue.models import Product, ProductVariant
from storegate.commerce.inventory.models import InventoryLevel, Location
from storegate.commerce.orders.services import create_order_record
from storegate.partners.models import PartnerMember
from storegate.stores.permissions import PermissionSet, StorePermission
from tests.factories import CollaboratorAccessFactory, member_acting


@pytest.fixture
def catalogue(store):
    """Two products (one with two variants), two locations with stock, one paid order."""
    shirt = Product.objects.create(store=store, title="Linen shirt", handle="linen-shirt")
    s = ProductVariant.objects.create(
        store=store,
        product=shirt,
        title="S",
        sku="LS-S",
        price=Decimal("49.00"),
        cost=Decimal("12.50"),
    )
    m = ProductVariant.objects.create(
        store=store,
        product=shirt,
        title="M",
        sku="LS-M",
        price=Decimal("49.00"),
        cost=Decimal("12.50"),
        position=2,
    )
    mug = Product.objects.create(store=store, title="Enamel mug", handle="enamel-mug")
    mug_v = ProductVariant.objects.create(
        store=store, product=mug, sku="MUG-1", price=Decimal("18.00"), cost=Decimal("4.00")
    )
    main = Location.objects.create(store=store, name="Main warehouse", country_code="SE")
    shop = Location.objects.create(store=store, name="Shop", country_code="SE")
    for variant in (s, m, mug_v):
        InventoryLevel.objects.create(store=store, variant=variant, location=main, available=20)
    order = create_order_record(
        store_id=store.pk,
        currency="USD",
        lines=[
            {
                "variant_id": s.pk,
                "title": "Linen shirt — S",
                "sku": "LS-S",
                "quantity": 2,
                "price": "49.00",
            },
            {
                "variant_id": mug_v.pk,
                "title": "Enamel mug",
                "sku": "MUG-1",
                "quantity": 1,
                "price": "18.00",
            },
        ],
        customer=None,
        email="buyer@example.test",
        financial_status="paid",
    )
    return {
        "shirt": shirt,
        "variant": s,
        "variant_m": m,
        "mug": mug,
        "mug_variant": mug_v,
        "location": main,
        "shop": shop,
        "order": order,
    }


def open_session(access, user) -> str:
    member = PartnerMember.objects.get(organization=access.organization, user=user)
    return store_session_open(
        acting=member_acting(member), member=member, store_id=access.store_id, two_factor=True
    ).raw


@pytest.fixture
def collaborator_session(store, partner_org, collaborator):
    """``collaborator_session(*permissions)`` → a store-session token with exactly those."""

    def make(*permissions: StorePermission, mask: int | None = None) -> str:
        access = CollaboratorAccessFactory(
            store=store,
            organization=partner_org,
            permissions_mask=mask if mask is not None else PermissionSet.of(permissions).mask,
        )
        return open_session(access, collaborator)

    return make
