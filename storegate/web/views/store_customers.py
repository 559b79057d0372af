"""Customers, discounts, gift cards and markets in the store admin: lists, details and edits."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from storegate.access.guard import requires, store_access_of
from storegate.commerce import selectors
from storegate.commerce.models import GiftCard
from storegate.commerce.services import (
    customer_create,
    customer_delete,
    customer_update,
    discount_create,
    discount_delete,
    discount_update,
    gift_card_create,
    gift_card_disable,
)
from storegate.core.errors import ApplicationError
from storegate.stores.permissions import StorePermission as P
from storegate.web.forms import CustomerForm, DiscountForm, GiftCardForm, split_tags
from storegate.web.views.confirm import confirm_page
from storegate.web.views.requester import acting_user, meta_of
from storegate.web.views.store_common import (
    Editable,
    delete_object,
    edit_object,
    form_saved,
    form_status,
    list_page,
    new_object,
    one_of,
    posted,
    store_of,
)


@login_required
@requires(P.CUSTOMERS_VIEW)
@require_GET
def customer_list(request: HttpRequest, store_id: int) -> HttpResponse:
    base = f"/stores/{store_id}/customers/"
    can_manage = store_access_of(request).can(P.CUSTOMERS_MANAGE)
    return list_page(
        request,
        title=_("Customers"),
        queryset=selectors.customer_list(store_id=store_id, q=request.GET.get("q") or None),
        columns=[
            (_("Name"), lambda c: f"{c.first_name} {c.last_name}".strip() or c.email),
            (_("E-mail"), lambda c: c.email),
            (_("Country"), lambda c: c.country_code),
        ],
        link=lambda c: f"{base}{c.pk}/",
        empty=_("No customers yet."),
        actions=[(f"{base}new/", _("Add customer"))] if can_manage else None,
    )


CUSTOMERS = Editable(
    section="customers",
    name="customer",
    form_class=CustomerForm,
    create=customer_create,
    update=customer_update,
    id_arg="customer_id",
    manage=P.CUSTOMERS_MANAGE,
    created=gettext_lazy("The customer was added."),
    saved=gettext_lazy("The customer was saved."),
    delete=P.CUSTOMERS_DELETE,
    remove=customer_delete,
    deleted=gettext_lazy("The customer was deleted."),
    data_of=lambda data: {**data, "tags": split_tags(data["tags"])},
)


@login_required
@requires(P.CUSTOMERS_MANAGE)
@require_http_methods(["GET", "POST"])
def customer_new(request: HttpRequest, store_id: int) -> HttpResponse:
    return new_object(request, store_id, CUSTOMERS, {})


@login_required
@requires(P.CUSTOMERS_VIEW)
@require_http_methods(["GET", "POST"])
def customer_detail(request: HttpRequest, store_id: int, customer_id: int) -> HttpResponse:
    """A customer; with ``customers.manage`` the caller can edit them."""
    access = store_access_of(request)
    customer = selectors.customer_get(store_id=access.store_id, customer_id=customer_id)
    initial = {name: getattr(customer, name) for name in CustomerForm.base_fields}
    initial["tags"] = ", ".join(customer.tags)
    form = CustomerForm(posted(request), initial=initial)
    if request.method == "POST":
        access.require(P.CUSTOMERS_MANAGE)
        if form_saved(
            request,
            form,
            lambda: customer_update(
                access=access,
                acting_user=acting_user(request),
                customer_id=customer.pk,
                data=CUSTOMERS.data(form),
                meta=meta_of(request),
            ),
            _("The customer was saved."),
        ):
            return redirect(f"/stores/{store_id}/customers/{customer.pk}/")
    return render(
        request,
        "web/store/customer.html",
        {
            "store": store_of(access.store_id),
            "customer": customer,
            "form": form,
            "can_edit": access.can(P.CUSTOMERS_MANAGE),
            "can_delete": access.can(P.CUSTOMERS_DELETE),
        },
        status=form_status(form),
    )


@login_required
@requires(P.CUSTOMERS_DELETE)
@require_http_methods(["GET", "POST"])
def customer_delete_view(request: HttpRequest, store_id: int, customer_id: int) -> HttpResponse:
    """Deleting a customer keeps their orders (they lose the link to the customer)."""
    access = store_access_of(request)
    customer = selectors.customer_get(store_id=access.store_id, customer_id=customer_id)
    page = {
        "title": _("Delete customer %(email)s") % {"email": customer.email},
        "body": _(
            "Delete this customer? Their orders are kept but no longer linked to them. "
            "This cannot be undone."
        ),
        "button": _("Delete customer"),
    }
    return delete_object(request, store_id, CUSTOMERS, customer, page)


@login_required
@requires(P.DISCOUNTS_VIEW)
@require_GET
def discount_list(request: HttpRequest, store_id: int) -> HttpResponse:
    base = f"/stores/{store_id}/discounts/"
    can_manage = store_access_of(request).can(P.DISCOUNTS_MANAGE)
    return list_page(
        request,
        title=_("Discounts"),
        queryset=selectors.discount_list(store_id=store_id),
        columns=[
            (_("Code"), lambda d: d.code),
            (_("Type"), lambda d: d.get_kind_display()),
            (_("Used"), lambda d: d.times_used),
            (_("Active"), lambda d: _("Yes") if d.is_active else _("No")),
        ],
        link=lambda d: f"{base}{d.pk}/",
        empty=_("No discounts yet."),
        actions=[(f"{base}new/", _("Create discount"))] if can_manage else None,
    )


DISCOUNTS = Editable(
    section="discounts",
    name="discount",
    form_class=DiscountForm,
    create=discount_create,
    update=discount_update,
    id_arg="discount_id",
    manage=P.DISCOUNTS_MANAGE,
    created=gettext_lazy("The discount was created."),
    saved=gettext_lazy("The discount was saved."),
    delete=P.DISCOUNTS_DELETE,
    remove=discount_delete,
    deleted=gettext_lazy("The discount was deleted."),
)


@login_required
@requires(P.DISCOUNTS_MANAGE)
@require_http_methods(["GET", "POST"])
def discount_new(request: HttpRequest, store_id: int) -> HttpResponse:
    return new_object(request, store_id, DISCOUNTS, {"is_active": True})


@login_required
@requires(P.DISCOUNTS_VIEW)
@require_http_methods(["GET", "POST"])
def discount_detail(request: HttpRequest, store_id: int, discount_id: int) -> HttpResponse:
    """A discount; with ``discounts.manage`` the caller can edit or deactivate it."""
    discounts = selectors.discount_list(store_id=store_access_of(request).store_id)
    return edit_object(request, store_id, DISCOUNTS, one_of(discounts, discount_id, "discount"))


@login_required
@requires(P.DISCOUNTS_DELETE)
@require_http_methods(["GET", "POST"])
def discount_delete_view(request: HttpRequest, store_id: int, discount_id: int) -> HttpResponse:
    discounts = selectors.discount_list(store_id=store_access_of(request).store_id)
    discount = one_of(discounts, discount_id, "discount")
    page = {
        "title": _("Delete discount %(code)s") % {"code": discount.code},
        "body": _(
            "Delete this discount? Customers can no longer use the code, and it cannot be undone."
        ),
        "button": _("Delete discount"),
    }
    return delete_object(request, store_id, DISCOUNTS, discount, page)


@login_required
@requires(P.GIFT_CARDS_VIEW)
@require_GET
def gift_card_list(request: HttpRequest, store_id: int) -> HttpResponse:
    base = f"/stores/{store_id}/gift-cards/"
    can_manage = store_access_of(request).can(P.GIFT_CARDS_MANAGE)
    return list_page(
        request,
        title=_("Gift cards"),
        queryset=selectors.gift_card_list(store_id=store_id),
        columns=[
            (_("Code"), lambda g: f"…{g.last_characters}"),
            (_("Currency"), lambda g: g.currency),
            (_("Expires"), lambda g: g.expires_on or "—"),
            (_("Disabled"), lambda g: _("Yes") if g.disabled_at else _("No")),
        ],
        link=lambda g: f"{base}{g.pk}/",
        empty=_("No gift cards yet."),
        actions=[(f"{base}new/", _("Issue gift card"))] if can_manage else None,
    )


@login_required
@requires(P.GIFT_CARDS_MANAGE)
@require_http_methods(["GET", "POST"])
def gift_card_new(request: HttpRequest, store_id: int) -> HttpResponse:
    """Issue a gift card. Its code is in this one response and nowhere else (it is stored only
    as a hash), so the page is not cached and there is no redirect that could lose it."""
    access = store_access_of(request)
    form = GiftCardForm(posted(request))
    issued = None
    if request.method == "POST":
        issued = form_saved(
            request,
            form,
            lambda: gift_card_create(
                access=access,
                acting_user=acting_user(request),
                initial_value=form.cleaned_data["initial_value"],
                note=form.cleaned_data["note"],
                expires_on=form.cleaned_data["expires_on"],
                meta=meta_of(request),
            ),
            _("The gift card was issued."),
        )
    if issued is not None:
        card, code = issued
        response = render(
            request,
            "web/store/gift_card.html",
            {"store": store_of(access.store_id), "card": card, "code": code, "can_disable": True},
        )
        add_never_cache_headers(response)
        return response
    return render(
        request,
        "web/store/gift_card_new.html",
        {"store": store_of(access.store_id), "form": form},
        status=form_status(form),
    )


def _gift_card(store_id: int, gift_card_id: int) -> GiftCard:
    card: GiftCard = one_of(selectors.gift_card_list(store_id=store_id), gift_card_id, "gift card")
    return card


@login_required
@requires(P.GIFT_CARDS_VIEW)
@require_http_methods(["GET"])
def gift_card_detail(request: HttpRequest, store_id: int, gift_card_id: int) -> HttpResponse:
    access = store_access_of(request)
    card = _gift_card(access.store_id, gift_card_id)
    return render(
        request,
        "web/store/gift_card.html",
        {
            "store": store_of(access.store_id),
            "card": card,
            "code": None,
            "can_disable": access.can(P.GIFT_CARDS_MANAGE) and card.disabled_at is None,
        },
    )


@login_required
@requires(P.GIFT_CARDS_MANAGE)
@require_http_methods(["GET", "POST"])
def gift_card_disable_view(request: HttpRequest, store_id: int, gift_card_id: int) -> HttpResponse:
    access = store_access_of(request)
    card = _gift_card(access.store_id, gift_card_id)
    back = f"/stores/{store_id}/gift-cards/{card.pk}/"
    page: dict[str, Any] = {
        "title": _("Deactivate gift card …%(last)s") % {"last": card.last_characters},
        "body": _(
            "Deactivate this gift card? Its balance of %(balance)s %(currency)s can no longer "
            "be spent. This cannot be undone."
        )
        % {"balance": card.balance, "currency": card.currency},
        "button": _("Deactivate gift card"),
        "cancel_url": back,
    }
    if request.method == "POST":
        try:
            gift_card_disable(
                access=access,
                acting_user=acting_user(request),
                gift_card_id=card.pk,
                meta=meta_of(request),
            )
        except ApplicationError as exc:
            return confirm_page(request, **page, error=exc.message, status=exc.status)
        messages.success(request, _("The gift card was deactivated."))
        return redirect(back)
    return confirm_page(request, **page)


@login_required
@requires(P.MARKETS_VIEW)
@require_GET
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
