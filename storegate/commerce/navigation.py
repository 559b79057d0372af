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
    # The named URL of the section's page; it takes the store id.
    url_name: str
    # Any one of these opens the section.
    any_of: tuple[P, ...]
    owner_only: bool = False


SECTIONS: tuple[Section, ...] = (
    Section("home", _("Home"), "store_home", (P.HOME_VIEW,)),
    Section("orders", _("Orders"), "orders:order_list", (P.ORDERS_VIEW,)),
    Section("draft_orders", _("Draft orders"), "orders:draft_order_list", (P.DRAFT_ORDERS_VIEW,)),
    Section("products", _("Products"), "catalogue:product_list", (P.PRODUCTS_VIEW,)),
    Section("inventory", _("Inventory"), "inventory:inventory_list", (P.INVENTORY_VIEW,)),
    Section("locations", _("Locations"), "inventory:location_list", (P.LOCATIONS_VIEW,)),
    Section("customers", _("Customers"), "customers:customer_list", (P.CUSTOMERS_VIEW,)),
    Section("discounts", _("Discounts"), "marketing:discount_list", (P.DISCOUNTS_VIEW,)),
    Section("gift_cards", _("Gift cards"), "marketing:gift_card_list", (P.GIFT_CARDS_VIEW,)),
    Section("markets", _("Markets"), "storefront:market_list", (P.MARKETS_VIEW,)),
    Section("themes", _("Online store"), "storefront:theme_list", (P.THEMES_VIEW,)),
    Section("reports", _("Analytics"), "reports:sales_report", (P.REPORTS_VIEW,)),
    Section("settings", _("Settings"), "settings:store_settings", (P.SETTINGS_MANAGE,)),
    Section(
        "users",
        _("Users and permissions"),
        "store_users",
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
