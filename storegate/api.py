"""The JSON API (SPEC §9): one NinjaAPI, one router per app."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from storegate.accounts.api import router as accounts_router
from storegate.auditlog.api import router as audit_router
from storegate.collaborators.api_login import router as login_router
from storegate.collaborators.api_partner import router as collaborators_partner_router
from storegate.collaborators.api_store import router as collaborators_store_router
from storegate.commerce.api import router as commerce_router
from storegate.core.api_errors import install_error_handlers
from storegate.partners.api import router as partners_router
from storegate.partners.api_tokens import router as partner_tokens_router
from storegate.stores.api import router as stores_router
from storegate.stores.api_staff import router as staff_router


class StoregateAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        """The view function's name (``list_orders``): short for generated clients, and stable
        when code moves between modules (django-ninja's default prefixes the module path)."""
        return str(operation.view_func.__name__)


api = StoregateAPI(
    title="Storegate API",
    version="1",
    description=(
        "Permissioned collaborator access for partners to merchants' stores. "
        "Authenticate with `Authorization: Bearer <token>`. Errors are "
        '`{"error": {"code": "<snake_case>", "message": "..."}}` with a 4xx status. '
        "Each store operation lists the permission it requires."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
install_error_handlers(api)

api.add_router("/v1", accounts_router)
api.add_router("/v1", stores_router)
api.add_router("/v1", partners_router)
api.add_router("/v1", collaborators_partner_router)
api.add_router("/v1", login_router)
api.add_router("/v1", partner_tokens_router)
api.add_router("/v1", collaborators_store_router)
api.add_router("/v1", staff_router)
api.add_router("/v1", commerce_router)
api.add_router("/v1", audit_router)
