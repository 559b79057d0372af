"""The demo data of SPEC §7, built with the same services as the product."""

from __future__ import annotations

from importlib import import_module

from django.db import transaction

from storegate.accounts.models import User
from storegate.core.acting import Acting
from storegate.partners.models import PartnerMember, PartnerRole
from storegate.partners.services import member_add, organization_create
from storegate.stores.models import Plan, StaffMember, StaffStatus, Store
from storegate.stores.permissions import PermissionSet, StorePermission
from storegate.stores.services import store_create

DEMO_PASSWORD = "demo-password-2026"
DEMO_STORE_HANDLE = "northwind-outfitters"


def demo_is_loaded() -> bool:
    return Store.objects.filter(handle=DEMO_STORE_HANDLE).exists()


def _user(email: str, name: str, language: str = "en") -> User:
    return User.objects.create_user(
        email=email, password=DEMO_PASSWORD, name=name, language=language
    )


@transaction.atomic
def load_demo() -> None:
    owner = _user("owner@demo.storegate.test", "Olivia Owner")
    staff_user = _user("staff@demo.storegate.test", "Sam Staff", "sv")
    store = store_create(
        name="Northwind Outfitters",
        handle=DEMO_STORE_HANDLE,
        plan=Plan.GROW,
        acting=Acting.as_user(owner),
    )
    StaffMember.objects.create(
        store=store,
        user=staff_user,
        email=staff_user.email,
        status=StaffStatus.ACTIVE,
        permissions_mask=PermissionSet.of(
            [
                StorePermission.HOME_VIEW,
                StorePermission.ORDERS_VIEW,
                StorePermission.PRODUCTS_MANAGE,
                StorePermission.COLLABORATORS_MANAGE,
            ]
        ).mask,
        invited_by=owner,
    )

    handled_admin = _user("ops@handled.demo.storegate.test", "Hana Handled")
    handled = organization_create(
        name="Handled (3PL)",
        website="https://handled.example",
        acting=Acting.as_user(handled_admin),
    )
    handled_viewer = _user("viewer@handled.demo.storegate.test", "Victor Viewer", "nl")
    member_add(
        organization=handled,
        user=handled_viewer,
        role=PartnerRole.STORE_VIEWER,
        adder=PartnerMember.objects.get(organization=handled, user=handled_admin),
        acting=Acting.as_user(handled_admin, organization_id=handled.pk),
    )

    zonos_user = _user("support@zonos.demo.storegate.test", "Zoe Zonos", "fr")
    zonos = organization_create(
        name="Zonos (cross-border)",
        website="https://zonos.example",
        acting=Acting.as_user(zonos_user),
    )

    for module in DEMO_MODULES:
        import_module(module).load(
            store=store,
            owner=owner,
            handled=handled,
            zonos=zonos,
            handled_admin=handled_admin,
            zonos_user=zonos_user,
        )


# Each app that has demo data of its own exposes `load(**context)` in a `demo` module.
DEMO_MODULES = ["storegate.commerce.demo", "storegate.collaborators.demo"]
