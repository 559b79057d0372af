"""Store side — commerce endpoints (SPEC §9), one module per group of resources.

Every module registers its operations on the one ``router`` of ``_common.py``; importing them
here, in this order, is what mounts them (and orders them in the OpenAPI document).
"""

from __future__ import annotations

from storegate.commerce.api import catalogue, customers, orders, storefront
from storegate.commerce.api._common import router

__all__ = ["catalogue", "customers", "orders", "router", "storefront"]
