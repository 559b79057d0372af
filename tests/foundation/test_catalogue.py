"""The permission catalogue of SPEC §3."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storegate.stores.permissions import (
    OWNER_ONLY_CODES,
    PermissionSet,
    Preset,
    Section,
    StorePermission,
    catalogue_by_section,
    parse_permission_codes,
)

P = StorePermission


def test_catalogue_has_every_permission_of_the_spec():
    expected = {
        "home.view",
        "orders.view",
        "orders.manage_information",
        "orders.edit_line_items",
        "orders.apply_discounts",
        "orders.mark_as_paid",
        "orders.fulfill_and_ship",
        "orders.buy_shipping_labels",
        "orders.return",
        "orders.refund",
        "orders.cancel",
        "orders.delete",
        "orders.export",
        "draft_orders.view",
        "draft_orders.manage",
        "draft_orders.delete",
        "products.view",
        "products.manage",
        "products.delete",
        "products.view_costs",
        "inventory.view",
        "inventory.manage",
        "locations.view",
        "locations.manage",
        "customers.view",
        "customers.manage",
        "customers.delete",
        "customers.export",
        "discounts.view",
        "discounts.manage",
        "discounts.delete",
        "gift_cards.view",
        "gift_cards.manage",
        "markets.view",
        "markets.manage",
        "markets.delete",
        "themes.view",
        "themes.manage",
        "reports.view",
        "settings.manage",
        "staff.view",
        "staff.manage",
        "collaborators.manage",
    }
    assert {p.code for p in StorePermission} == expected


def test_bits_are_unique_and_fit_a_bigint():
    bits = [p.value[1] for p in StorePermission]
    assert len(bits) == len(set(bits))
    assert max(bits) < 63


def test_every_section_is_displayed_in_catalogue_order():
    sections = [section for section, _perms in catalogue_by_section()]
    assert sections == list(Section)


def test_manage_implies_its_sections_view_and_nothing_else():
    granted = PermissionSet.of([P.PRODUCTS_MANAGE])
    assert set(granted) == {P.PRODUCTS_MANAGE, P.PRODUCTS_VIEW}
    assert P.PRODUCTS_VIEW_COSTS not in granted
    # delete does not imply view (only .manage does)
    assert set(PermissionSet.of([P.ORDERS_DELETE])) == {P.ORDERS_DELETE}
    # settings.manage has no settings.view to imply
    assert set(PermissionSet.of([P.SETTINGS_MANAGE])) == {P.SETTINGS_MANAGE}


def test_presets_match_the_spec():
    assert set(Preset.FULFILMENT.permissions) == {
        P.ORDERS_VIEW,
        P.PRODUCTS_VIEW,
        P.INVENTORY_MANAGE,
        P.INVENTORY_VIEW,
        P.LOCATIONS_VIEW,
        P.ORDERS_FULFILL_AND_SHIP,
    }
    assert set(Preset.CROSS_BORDER.permissions) >= {
        P.SETTINGS_MANAGE,
        P.ORDERS_VIEW,
        P.DRAFT_ORDERS_VIEW,
        P.PRODUCTS_VIEW,
        P.DISCOUNTS_VIEW,
        P.THEMES_VIEW,
        P.MARKETS_MANAGE,
        P.LOCATIONS_VIEW,
    }
    assert set(Preset.FULL_ACCESS.permissions) == set(StorePermission)
    assert Preset.from_key("fulfilment") is Preset.FULFILMENT
    with pytest.raises(ValueError, match="unknown preset"):
        Preset.from_key("everything")


def test_owner_only_actions_are_never_grantable():
    assert not OWNER_ONLY_CODES & {p.code for p in StorePermission}
    with pytest.raises(PermissionError, match="never grantable"):
        parse_permission_codes(["orders.view", "owner.close_store"])
    with pytest.raises(ValueError, match=r"unknown permissions: orders\.teleport"):
        parse_permission_codes(["orders.teleport"])


@given(
    st.sets(st.sampled_from(list(StorePermission))), st.sets(st.sampled_from(list(StorePermission)))
)
def test_set_algebra_matches_python_sets(a, b):
    pa, pb = PermissionSet.of(a), PermissionSet.of(b)
    assert set(pa | pb) == set(pa) | set(pb)
    assert set(pa & pb) == set(pa) & set(pb)
    assert set(pa - pb) == set(pa) - set(pb)
    assert (pa & pb).issubset(pa)
    for permission in StorePermission:
        assert (permission in pa) == (permission in set(pa))
    assert PermissionSet.of(pa.codes()) == pa
