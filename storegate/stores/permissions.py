"""The store permission catalogue (SPEC §3) and the compact permission set.

Each permission has a fixed bit. A grant is stored as one integer, so deciding whether a caller
holds a permission is one AND, whatever the number of stores or grants (SPEC §8).
Never renumber a bit: stored grants depend on it. Add new permissions with new bits.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Section(Enum):
    HOME = ("home", _("Home"))
    ORDERS = ("orders", _("Orders"))
    DRAFT_ORDERS = ("draft_orders", _("Draft orders"))
    PRODUCTS = ("products", _("Products"))
    INVENTORY = ("inventory", _("Inventory"))
    LOCATIONS = ("locations", _("Locations"))
    CUSTOMERS = ("customers", _("Customers"))
    DISCOUNTS = ("discounts", _("Discounts"))
    GIFT_CARDS = ("gift_cards", _("Gift cards"))
    MARKETS = ("markets", _("Markets"))
    THEMES = ("themes", _("Online store"))
    REPORTS = ("reports", _("Analytics"))
    SETTINGS = ("settings", _("Store settings"))
    USERS = ("users", _("Users"))

    @property
    def key(self) -> str:
        return self.value[0]

    @property
    def label(self) -> Promise:
        return self.value[1]


class StorePermission(Enum):
    """``<section>.<action>``: (name, bit, section, label)."""

    HOME_VIEW = ("home.view", 0, Section.HOME, _("View home"))
    ORDERS_VIEW = ("orders.view", 1, Section.ORDERS, _("View orders"))
    ORDERS_MANAGE_INFORMATION = (
        "orders.manage_information",
        2,
        Section.ORDERS,
        _("Manage order information"),
    )
    ORDERS_EDIT_LINE_ITEMS = ("orders.edit_line_items", 3, Section.ORDERS, _("Edit line items"))
    ORDERS_APPLY_DISCOUNTS = ("orders.apply_discounts", 4, Section.ORDERS, _("Apply discounts"))
    ORDERS_MARK_AS_PAID = ("orders.mark_as_paid", 5, Section.ORDERS, _("Mark orders as paid"))
    ORDERS_FULFILL_AND_SHIP = ("orders.fulfill_and_ship", 6, Section.ORDERS, _("Fulfill and ship"))
    ORDERS_BUY_SHIPPING_LABELS = (
        "orders.buy_shipping_labels",
        7,
        Section.ORDERS,
        _("Buy shipping labels"),
    )
    ORDERS_RETURN = ("orders.return", 8, Section.ORDERS, _("Return orders"))
    ORDERS_REFUND = ("orders.refund", 9, Section.ORDERS, _("Refund orders"))
    ORDERS_CANCEL = ("orders.cancel", 10, Section.ORDERS, _("Cancel orders"))
    ORDERS_DELETE = ("orders.delete", 11, Section.ORDERS, _("Delete orders"))
    ORDERS_EXPORT = ("orders.export", 12, Section.ORDERS, _("Export orders"))
    DRAFT_ORDERS_VIEW = ("draft_orders.view", 13, Section.DRAFT_ORDERS, _("View draft orders"))
    DRAFT_ORDERS_MANAGE = (
        "draft_orders.manage",
        14,
        Section.DRAFT_ORDERS,
        _("Manage draft orders"),
    )
    DRAFT_ORDERS_DELETE = (
        "draft_orders.delete",
        15,
        Section.DRAFT_ORDERS,
        _("Delete draft orders"),
    )
    PRODUCTS_VIEW = ("products.view", 16, Section.PRODUCTS, _("View products"))
    PRODUCTS_MANAGE = ("products.manage", 17, Section.PRODUCTS, _("Manage products"))
    PRODUCTS_DELETE = ("products.delete", 18, Section.PRODUCTS, _("Delete products"))
    PRODUCTS_VIEW_COSTS = ("products.view_costs", 19, Section.PRODUCTS, _("View product costs"))
    INVENTORY_VIEW = ("inventory.view", 20, Section.INVENTORY, _("View inventory"))
    INVENTORY_MANAGE = ("inventory.manage", 21, Section.INVENTORY, _("Manage inventory"))
    LOCATIONS_VIEW = ("locations.view", 22, Section.LOCATIONS, _("View locations"))
    LOCATIONS_MANAGE = ("locations.manage", 23, Section.LOCATIONS, _("Manage locations"))
    CUSTOMERS_VIEW = ("customers.view", 24, Section.CUSTOMERS, _("View customers"))
    CUSTOMERS_MANAGE = ("customers.manage", 25, Section.CUSTOMERS, _("Manage customers"))
    CUSTOMERS_DELETE = ("customers.delete", 26, Section.CUSTOMERS, _("Delete customers"))
    CUSTOMERS_EXPORT = ("customers.export", 27, Section.CUSTOMERS, _("Export customers"))
    DISCOUNTS_VIEW = ("discounts.view", 28, Section.DISCOUNTS, _("View discounts"))
    DISCOUNTS_MANAGE = ("discounts.manage", 29, Section.DISCOUNTS, _("Manage discounts"))
    DISCOUNTS_DELETE = ("discounts.delete", 30, Section.DISCOUNTS, _("Delete discounts"))
    GIFT_CARDS_VIEW = ("gift_cards.view", 31, Section.GIFT_CARDS, _("View gift cards"))
    GIFT_CARDS_MANAGE = ("gift_cards.manage", 32, Section.GIFT_CARDS, _("Manage gift cards"))
    MARKETS_VIEW = ("markets.view", 33, Section.MARKETS, _("View markets"))
    MARKETS_MANAGE = ("markets.manage", 34, Section.MARKETS, _("Manage markets"))
    MARKETS_DELETE = ("markets.delete", 35, Section.MARKETS, _("Delete markets"))
    THEMES_VIEW = ("themes.view", 36, Section.THEMES, _("View themes"))
    THEMES_MANAGE = ("themes.manage", 37, Section.THEMES, _("Manage themes"))
    REPORTS_VIEW = ("reports.view", 38, Section.REPORTS, _("View reports"))
    SETTINGS_MANAGE = ("settings.manage", 39, Section.SETTINGS, _("Manage store settings"))
    STAFF_VIEW = ("staff.view", 40, Section.USERS, _("View staff"))
    STAFF_MANAGE = ("staff.manage", 41, Section.USERS, _("Manage staff"))
    COLLABORATORS_MANAGE = ("collaborators.manage", 42, Section.USERS, _("Manage collaborators"))

    @property
    def code(self) -> str:
        return self.value[0]

    @property
    def bit(self) -> int:
        return 1 << self.value[1]

    @property
    def section(self) -> Section:
        return self.value[2]

    @property
    def label(self) -> Promise:
        return self.value[3]

    @classmethod
    def from_code(cls, code: str) -> StorePermission:
        try:
            return _BY_CODE[code]
        except KeyError:
            raise ValueError(f"unknown permission {code!r}") from None

    def __str__(self) -> str:
        return self.code


_BY_CODE: dict[str, StorePermission] = {p.code: p for p in StorePermission}

# A ``.manage`` permission implies its section's ``.view``; nothing else is implied.
IMPLIED_VIEW: dict[StorePermission, StorePermission] = {}
for _perm in StorePermission:
    if _perm.code.endswith(".manage"):
        _view = _BY_CODE.get(_perm.code.replace(".manage", ".view"))
        if _view is not None:
            IMPLIED_VIEW[_perm] = _view

ALL_BITS = 0
for _perm in StorePermission:
    ALL_BITS |= _perm.bit


class OwnerOnlyAction(Enum):
    """Never grantable, to staff or collaborators."""

    TRANSFER_OWNERSHIP = "owner.transfer_ownership"
    CLOSE_STORE = "owner.close_store"
    BILLING = "owner.billing"


OWNER_ONLY_CODES = frozenset(a.value for a in OwnerOnlyAction)


@dataclass(frozen=True, slots=True)
class PermissionSet:
    """An immutable set of store permissions held as a bitmask; ``in`` is O(1)."""

    mask: int = 0

    @classmethod
    def of(cls, permissions: Iterable[StorePermission | str]) -> PermissionSet:
        mask = 0
        for permission in permissions:
            perm = (
                permission
                if isinstance(permission, StorePermission)
                else StorePermission.from_code(permission)
            )
            mask |= perm.bit
        return cls(mask).with_implied()

    @classmethod
    def all(cls) -> PermissionSet:
        return cls(ALL_BITS)

    def with_implied(self) -> PermissionSet:
        mask = self.mask
        for manage, view in IMPLIED_VIEW.items():
            if mask & manage.bit:
                mask |= view.bit
        return PermissionSet(mask)

    def __contains__(self, permission: StorePermission) -> bool:
        return bool(self.mask & permission.bit)

    def has_all(self, permissions: Iterable[StorePermission]) -> bool:
        needed = 0
        for permission in permissions:
            needed |= permission.bit
        return self.mask & needed == needed

    def __iter__(self) -> Iterator[StorePermission]:
        return (p for p in StorePermission if self.mask & p.bit)

    def __len__(self) -> int:
        return self.mask.bit_count()

    def __bool__(self) -> bool:
        return self.mask != 0

    def __or__(self, other: PermissionSet) -> PermissionSet:
        return PermissionSet(self.mask | other.mask)

    def __and__(self, other: PermissionSet) -> PermissionSet:
        return PermissionSet(self.mask & other.mask)

    def __sub__(self, other: PermissionSet) -> PermissionSet:
        return PermissionSet(self.mask & ~other.mask)

    def issubset(self, other: PermissionSet) -> bool:
        return self.mask & ~other.mask == 0

    def codes(self) -> list[str]:
        return [p.code for p in self]

    def sections(self) -> set[Section]:
        return {p.section for p in self}

    def by_section(self) -> dict[Section, list[StorePermission]]:
        grouped: dict[Section, list[StorePermission]] = {}
        for permission in self:
            grouped.setdefault(permission.section, []).append(permission)
        return grouped


def parse_permission_codes(codes: Iterable[str]) -> PermissionSet:
    """Parse user input; unknown codes and owner-only actions raise ValueError naming them."""
    codes = list(codes)
    owner_only = sorted(c for c in codes if c in OWNER_ONLY_CODES)
    if owner_only:
        raise PermissionError(f"owner-only actions are never grantable: {', '.join(owner_only)}")
    unknown = sorted(c for c in codes if c not in _BY_CODE)
    if unknown:
        raise ValueError(f"unknown permissions: {', '.join(unknown)}")
    return PermissionSet.of(codes)


def catalogue_by_section() -> list[tuple[Section, list[StorePermission]]]:
    grouped: dict[Section, list[StorePermission]] = {s: [] for s in Section}
    for permission in StorePermission:
        grouped[permission.section].append(permission)
    return [(s, perms) for s, perms in grouped.items() if perms]


P = StorePermission


class Preset(Enum):
    """Named permission bundles a partner can request and a merchant can apply while editing."""

    FULFILMENT = ("fulfilment", _("Fulfilment / 3PL"))
    CROSS_BORDER = ("cross_border", _("Cross-border"))
    THEME_DEVELOPER = ("theme_developer", _("Theme developer"))
    MARKETING = ("marketing", _("Marketing"))
    FULL_ACCESS = ("full_access", _("Full access"))

    @property
    def key(self) -> str:
        return self.value[0]

    @property
    def label(self) -> Promise:
        return self.value[1]

    @property
    def permissions(self) -> PermissionSet:
        if self is Preset.FULL_ACCESS:
            return PermissionSet.all()
        return PermissionSet.of(_PRESETS[self])

    @classmethod
    def from_key(cls, key: str) -> Preset:
        for preset in cls:
            if preset.key == key:
                return preset
        raise ValueError(f"unknown preset {key!r}; use one of: {', '.join(p.key for p in cls)}")


_PRESETS: dict[Preset, tuple[StorePermission, ...]] = {
    Preset.FULFILMENT: (
        P.ORDERS_VIEW,
        P.PRODUCTS_VIEW,
        P.INVENTORY_MANAGE,
        P.LOCATIONS_VIEW,
        P.ORDERS_FULFILL_AND_SHIP,
    ),
    Preset.CROSS_BORDER: (
        P.SETTINGS_MANAGE,
        P.ORDERS_VIEW,
        P.DRAFT_ORDERS_VIEW,
        P.PRODUCTS_VIEW,
        P.DISCOUNTS_VIEW,
        P.THEMES_VIEW,
        P.MARKETS_MANAGE,
        P.LOCATIONS_VIEW,
    ),
    Preset.THEME_DEVELOPER: (P.HOME_VIEW, P.THEMES_MANAGE, P.PRODUCTS_VIEW, P.SETTINGS_MANAGE),
    Preset.MARKETING: (
        P.HOME_VIEW,
        P.DISCOUNTS_MANAGE,
        P.CUSTOMERS_VIEW,
        P.REPORTS_VIEW,
        P.PRODUCTS_VIEW,
        P.MARKETS_VIEW,
    ),
}
