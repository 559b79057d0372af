"""Where Django finds the commerce models.

Each resource group keeps its models in its own folder (``storegate/commerce/<group>/models.py``);
Django loads an app's models from ``<app>.models``, so this module loads every group's. They all
keep the app label ``commerce`` and their table names. Import a model from its group, not from here.
"""

from __future__ import annotations

from storegate.commerce.catalogue import models as catalogue
from storegate.commerce.customers import models as customers
from storegate.commerce.inventory import models as inventory
from storegate.commerce.marketing import models as marketing
from storegate.commerce.orders import models as orders
from storegate.commerce.settings import models as settings
from storegate.commerce.storefront import models as storefront

GROUPS = (catalogue, inventory, customers, orders, marketing, storefront, settings)
