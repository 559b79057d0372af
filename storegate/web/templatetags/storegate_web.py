"""Navigation, language picker and small helpers of the web layout."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from storegate.commerce.navigation import visible_sections
from storegate.partners.models import PartnerRole, role_at_least
from storegate.partners.selectors import organizations_of_user
from storegate.stores.models import Store
from storegate.stores.permissions import StorePermission

register = template.Library()


def _store_links(request: Any) -> dict[str, Any]:
    access = request.store_access
    base = reverse("store_home", args=[access.store_id])
    links = [
        {"key": s.key, "label": s.label, "url": reverse(s.url_name, args=[access.store_id])}
        for s in visible_sections(access)
    ]
    if not any(link["key"] == "home" for link in links):
        links.insert(0, {"key": "home", "label": _("Home"), "url": base})
    settings_links = []
    if access.can(StorePermission.COLLABORATORS_MANAGE):
        settings_links = [
            {"label": _("Audit log"), "url": reverse("store_audit_log", args=[access.store_id])},
            {
                "label": _("Access review"),
                "url": reverse("access_review", args=[access.store_id]),
            },
        ]
    store = Store.objects.filter(pk=access.store_id).only("name", "handle").first()
    return {"kind": "store", "links": links, "settings_links": settings_links, "store": store}


def _partner_links(request: Any) -> dict[str, Any]:
    member = request.partner_member
    org = [member.organization_id]
    links = [
        {"key": "stores", "label": _("Stores"), "url": reverse("partner_stores", args=org)},
        {"key": "team", "label": _("Team"), "url": reverse("partner_team", args=org)},
    ]
    if role_at_least(member.role, PartnerRole.ADMIN):
        links += [
            {
                "key": "tokens",
                "label": _("API tokens"),
                "url": reverse("partner_api_tokens", args=org),
            },
            {
                "key": "webhooks",
                "label": _("Webhooks"),
                "url": reverse("partner_webhooks", args=org),
            },
            {
                "key": "audit",
                "label": _("Audit log"),
                "url": reverse("partner_audit_log", args=org),
            },
        ]
    return {
        "kind": "partner",
        "links": links,
        "organization": member.organization,
        "memberships": organizations_of_user(user=request.user),
    }


@register.inclusion_tag("web/_nav.html", takes_context=True)
def sidebar_nav(context: Any) -> dict[str, Any]:
    """The sidebar of the page's area: the store admin (R19: only permitted sections) or the
    partner dashboard. Pages of other helpers get it too, without knowing about it."""
    request = context.get("request")
    data: dict[str, Any] = {"kind": None, "path": getattr(request, "path", "")}
    if request is None:
        return data
    if getattr(request, "store_access", None) is not None:
        data.update(_store_links(request))
        data["access"] = request.store_access
    elif getattr(request, "partner_member", None) is not None:
        data.update(_partner_links(request))
    return data


@register.filter
def starts_with(value: str, prefix: str) -> bool:
    return str(value).startswith(str(prefix))


# Each language named in itself, so that anyone can find their own in the picker.
NATIVE_NAMES = {"en": "English", "fr": "Français", "nl": "Nederlands", "sv": "Svenska"}


@register.simple_tag(name="languages_native_tag")
def languages_native_tag() -> list[tuple[str, str]]:
    return [(code, NATIVE_NAMES.get(code, code)) for code, _name in settings.LANGUAGES]
