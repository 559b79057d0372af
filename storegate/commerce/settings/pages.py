"""Settings → General and Shipping and delivery in the store admin."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from storegate.access.guard import acting_of, requires, store_access_of
from storegate.commerce.form_pages import (
    form_status,
    posted,
)
from storegate.commerce.settings import selectors
from storegate.commerce.settings.services import general_settings_update, shipping_settings_replace
from storegate.core.errors import ApplicationError
from storegate.stores.permissions import StorePermission as P
from storegate.web.form_errors import add_application_error
from storegate.web.forms import GeneralSettingsForm, ShippingZonesForm


@login_required
@requires(GET=P.SETTINGS_MANAGE, POST=P.SETTINGS_MANAGE)
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
                acting=acting_of(request),
                data=form.cleaned_data,
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect("settings:store_settings", store_id)
    return render(
        request,
        "web/store/settings.html",
        {
            "store": acting_of(request).store,
            "general": general,
            "form": form,
            "zones": selectors.shipping_zones(store_id=access.store_id),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@requires(GET=P.SETTINGS_MANAGE, POST=P.SETTINGS_MANAGE)
def shipping_settings(request: HttpRequest, store_id: int) -> HttpResponse:
    """Settings → Shipping and delivery: the zones and their rates, replaced as a whole by the
    same service as ``PUT .../settings/shipping``."""
    access = store_access_of(request)
    zones = selectors.shipping_zones(store_id=access.store_id)
    form = ShippingZonesForm(posted(request), zones=zones)
    if request.method == "POST" and form.is_valid():
        try:
            shipping_settings_replace(
                acting=acting_of(request),
                zones=form.zones(),
            )
        except ApplicationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("The shipping zones were saved."))
            return redirect("settings:store_settings", store_id)
    return render(
        request,
        "web/store/shipping_settings.html",
        {"store": acting_of(request).store, "form": form},
        status=form_status(form),
    )
