"""The online store in the store admin: markets and themes."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from storegate.access.guard import requires
from storegate.commerce.list_page import list_page
from storegate.commerce.storefront import selectors
from storegate.stores.permissions import StorePermission as P


@login_required
@requires(GET=P.MARKETS_VIEW)
def market_list(request: HttpRequest, store_id: int) -> HttpResponse:
    return list_page(
        request,
        title=_("Markets"),
        queryset=selectors.market_list(store_id=store_id),
        columns=[
            (_("Name"), lambda m: m.name),
            (_("Countries"), lambda m: ", ".join(m.countries)),
            (_("Currency"), lambda m: m.currency),
            (_("Enabled"), lambda m: _("Yes") if m.enabled else _("No")),
        ],
        empty=_("No markets yet."),
    )


@login_required
@requires(GET=P.THEMES_VIEW)
def theme_list(request: HttpRequest, store_id: int) -> HttpResponse:
    return list_page(
        request,
        title=_("Online store"),
        queryset=selectors.theme_list(store_id=store_id),
        columns=[
            (_("Theme"), lambda t: t.name),
            (_("Role"), lambda t: t.get_role_display()),
            (_("Version"), lambda t: t.version),
        ],
        empty=_("No themes yet."),
    )
