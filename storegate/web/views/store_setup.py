"""Themes, the sales report, and the store's general and shipping settings in the store admin."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from storegate.access.guard import requires, store_access_of
from storegate.commerce import selectors
from storegate.commerce.services import (
    general_settings_update,
    shipping_settings_replace,
)
from storegate.core.errors import ApplicationError
from storegate.stores.models import Store
from storegate.stores.permissions import StorePermission as P
from storegate.web.form_errors import add_application_error
from storegate.web.forms import GeneralSettingsForm, ShippingZonesForm
from storegate.web.views.requester import acting_user, meta_of
from storegate.web.views.store_common import (
    form_status,
    list_page,
    posted,
    store_of,
)


@login_required
@requires(P.THEMES_VIEW)
@require_GET
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


@login_required
@requires(P.REPORTS_VIEW)
@require_GET
def sales_report(request: HttpRequest, store_id: int) -> HttpResponse:
    report = selectors.sales_report(store_id=store_id)
    return render(
        request,
        "web/store/report.html",
        {"store": Store.objects.get(pk=store_id), "report": report},
    )


@login_required
@requires(P.SETTINGS_MANAGE)
@require_http_methods(["GET", "POST"])
def store_settings(request: HttpRequest, store_id: int) -> HttpResponse:
    """Settings → General (editable) and Shipping and delivery (shown; edited on its own page)."""
    access = store_access_of(request)
    general = selectors.general_settings(store_id=access.store_id)
    initial = {
        name: getattr(general, name)
        for name in GeneralSettingsForm.base_fields
        if hasattr(general, name)
    }
    form = GeneralSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            general_settings_update(
                access=access,
                acting_user=acting_user(request),
                data=form.cleaned_data,
                meta=meta_of(request),
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect(f"/stores/{store_id}/settings/")
    return render(
        request,
        "web/store/settings.html",
        {
            "store": Store.objects.get(pk=access.store_id),
            "general": general,
            "form": form,
            "zones": selectors.shipping_zones(store_id=access.store_id),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@requires(P.SETTINGS_MANAGE)
@require_http_methods(["GET", "POST"])
def shipping_settings(request: HttpRequest, store_id: int) -> HttpResponse:
    """Settings → Shipping and delivery: the zones and their rates, replaced as a whole by the
    same service as ``PUT .../settings/shipping``."""
    access = store_access_of(request)
    zones = selectors.shipping_zones(store_id=access.store_id)
    form = ShippingZonesForm(posted(request), zones=zones)
    if request.method == "POST" and form.is_valid():
        try:
            shipping_settings_replace(
                access=access,
                acting_user=acting_user(request),
                zones=form.zones(),
                meta=meta_of(request),
            )
        except ApplicationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("The shipping zones were saved."))
            return redirect(f"/stores/{store_id}/settings/")
    return render(
        request,
        "web/store/shipping_settings.html",
        {"store": store_of(access.store_id), "form": form},
        status=form_status(form),
    )
