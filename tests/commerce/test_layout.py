"""Commerce is grouped by resource in every layer, and its pages are named and declared per method."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

import pytest
from django.urls import URLPattern

from storegate.access.guard import ANY_METHOD, PERMISSIONS_ATTR

COMMERCE = Path(import_module("storegate.commerce").__file__ or "").parent
GROUPS = ("catalogue", "inventory", "orders", "customers", "marketing", "storefront", "settings")
READ_ONLY_GROUPS = ("reports",)  # the sales report only reads: no models, no services
LAYERS = ("models", "services", "selectors", "schemas", "api", "pages", "urls")


@pytest.mark.parametrize("group", GROUPS + READ_ONLY_GROUPS)
def test_each_group_keeps_every_layer_in_its_folder(group):
    expected = LAYERS if group in GROUPS else ("selectors", "schemas", "api", "pages", "urls")
    missing = [name for name in expected if not (COMMERCE / group / f"{name}.py").exists()]
    assert not missing, f"commerce/{group}/ lacks {missing}"


def _page_patterns() -> list[tuple[str, URLPattern]]:
    found = []
    for group in GROUPS + READ_ONLY_GROUPS:
        module = import_module(f"storegate.commerce.{group}.urls")
        assert module.app_name == group
        found += [(group, pattern) for pattern in module.urlpatterns]
    return found


@pytest.mark.parametrize("group,pattern", _page_patterns(), ids=lambda p: str(p))
def test_every_commerce_page_is_named_and_declares_each_method(group, pattern):
    # given a page of a commerce group
    view = pattern.callback
    declared = getattr(view, PERMISSIONS_ATTR, None)
    # then it can be reversed by name, and its permission is declared per method, once
    assert pattern.name == view.__name__, pattern
    assert declared, f"{group}:{pattern.name} declares no permission"
    assert ANY_METHOD not in declared, f"{group}:{pattern.name} declares one rule for all methods"


def test_no_module_of_commerce_outgrows_400_lines():
    long = {
        str(path.relative_to(COMMERCE)): n
        for path in COMMERCE.rglob("*.py")
        if "migrations" not in path.parts and (n := len(path.read_text().splitlines())) > 400
    }
    assert not long, long
