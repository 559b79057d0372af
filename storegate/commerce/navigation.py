"""R19: the store admin's navigation shows only the sections the caller may open."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from storegate.access.store_access import StoreAccess
from storegate.stores.permissions import StorePermission as P


@dataclass(frozen=True)
class Section:
    key: str
    label: Promise
    # Relative to /stores/<store_id>/.
    path: str
    # Any one of these opens the section.
    any_of: tuple[P, ...]
    owner_only: bool = False


SECTIONS: tuple[Section, ...] = (
    Section("home", _("Home"), "", (P.HOME_VIEW,)),
    Section("orders", _("Orders"), "orders/", (P.ORDERS_VIEW,)),
    Section("draft_orders", _("Draft orders"), "draft-orders/", (P.DRAFT_ORDERS_VIEW,)),
    Section("products", _("Products"), "products/", (P.PRODUCTS_VIEW,)),
    Section("inventory", _("Inventory"), "inventory/", (P.INVENTORY_VIEW,)),
    Section("locations", _("Locations"), "locations/", (P.LOCATIONS_VIEW,)),
    Section("customers", _("Customers"), "customers/", (P.CUSTOMERS_VIEW,)),
    Section("discounts", _("Discounts"), "discounts/", (P.DISCOUNTS_VIEW,)),
    Section("gift_cards", _("Gift cards"), "gift-cards/", (P.GIFT_CARDS_VIEW,)),
    Section("markets", _("Markets"), "markets/", (P.MARKETS_VIEW,)),
    Section("themes", _("Online store"), "themes/", (P.THEMES_VIEW,)),
    Section("reports", _("Analytics"), "reports/", (P.REPORTS_VIEW,)),
    Section("settings", _("Settings"), "settings/", (P.SETTINGS_MANAGE,)),
    Section(
        "users",
        _("Users and permissions"),
        "settings/users/",
        (P.STAFF_VIEW, P.COLLABORATORS_MANAGE),
    ),
)


def visible_sections(access: StoreAccess) -> list[Section]:
    """The sections this caller may open, in navigation order."""
    return [
        section
        for section in SECTIONS
        if (access.is_owner if section.owner_only else any(access.can(p) for p in section.any_of))
    ]
