"""Store side — commerce endpoints (SPEC §9): one router per resource group, mounted here.

Each group's operations live in ``storegate/commerce/<group>/api.py``; the order below is the
order of the OpenAPI document. Every operation carries the one tag of this router.
"""

from __future__ import annotations

from ninja import Router

from storegate.commerce.catalogue.api import router as catalogue
from storegate.commerce.customers.api import router as customers
from storegate.commerce.inventory.api import router as inventory
from storegate.commerce.marketing.api import router as marketing
from storegate.commerce.orders.api import router as orders
from storegate.commerce.reports.api import router as reports
from storegate.commerce.settings.api import router as settings
from storegate.commerce.storefront.api import router as storefront

router = Router(tags=["Store side — commerce"])
for group in (catalogue, inventory, orders, customers, marketing, storefront, settings, reports):
    router.add_router("", group)
