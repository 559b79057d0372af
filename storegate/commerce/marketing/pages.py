"""Discounts and gift cards in the store admin: lists, details, edits and deletes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from storegate.access.guard import acting_of, requires, store_access_of
from storegate.commerce.form_pages import (
    Editable,
    delete_object,
    edit_object,
    form_saved,
    form_status,
    new_object,
    one_of,
    posted,
)
from storegate.commerce.list_page import list_page
from storegate.commerce.marketing import selectors
from storegate.commerce.marketing.models import GiftCard
from storegate.commerce.marketing.services import (
    discount_create,
    discount_delete,
    discount_update,
    gift_card_create,
    gift_card_disable,
)
from storegate.core.errors import ApplicationError
from storegate.stores.permissions import StorePermission as P
from storegate.web.forms import DiscountForm, GiftCardForm
from storegate.web.views.confirm import confirm_page


@login_required
@requires(GET=P.DISCOUNTS_VIEW)
def discount_list(request: HttpRequest, store_id: int) -> HttpResponse:
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
        link=lambda d: reverse("marketing:discount_detail", args=[store_id, d.pk]),
        empty=_("No discounts yet."),
        actions=[(reverse("marketing:discount_new", args=[store_id]), _("Create discount"))]
        if can_manage
        else None,
    )


DISCOUNTS = Editable(
    group="marketing",
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
@requires(GET=P.DISCOUNTS_MANAGE, POST=P.DISCOUNTS_MANAGE)
def discount_new(request: HttpRequest, store_id: int) -> HttpResponse:
    return new_object(request, store_id, DISCOUNTS, {"is_active": True})


@login_required
@requires(GET=P.DISCOUNTS_VIEW, POST=P.DISCOUNTS_MANAGE)
def discount_detail(request: HttpRequest, store_id: int, discount_id: int) -> HttpResponse:
    """A discount; with ``discounts.manage`` the caller can edit or deactivate it."""
    discounts = selectors.discount_list(store_id=store_access_of(request).store_id)
    return edit_object(request, store_id, DISCOUNTS, one_of(discounts, discount_id, "discount"))


@login_required
@requires(GET=P.DISCOUNTS_DELETE, POST=P.DISCOUNTS_DELETE)
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
@requires(GET=P.GIFT_CARDS_VIEW)
def gift_card_list(request: HttpRequest, store_id: int) -> HttpResponse:
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
        link=lambda g: reverse("marketing:gift_card_detail", args=[store_id, g.pk]),
        empty=_("No gift cards yet."),
        actions=[(reverse("marketing:gift_card_new", args=[store_id]), _("Issue gift card"))]
        if can_manage
        else None,
    )


@login_required
@requires(GET=P.GIFT_CARDS_MANAGE, POST=P.GIFT_CARDS_MANAGE)
def gift_card_new(request: HttpRequest, store_id: int) -> HttpResponse:
    """Issue a gift card. Its code is in this one response and nowhere else (it is stored only
    as a hash), so the page is not cached and there is no redirect that could lose it."""
    form = GiftCardForm(posted(request))
    issued = None
    if request.method == "POST":
        issued = form_saved(
            request,
            form,
            lambda: gift_card_create(
                acting=acting_of(request),
                initial_value=form.cleaned_data["initial_value"],
                note=form.cleaned_data["note"],
                expires_on=form.cleaned_data["expires_on"],
            ),
            _("The gift card was issued."),
        )
    if issued is not None:
        card, code = issued
        response = render(
            request,
            "web/store/gift_card.html",
            {"store": acting_of(request).store, "card": card, "code": code, "can_disable": True},
        )
        add_never_cache_headers(response)
        return response
    return render(
        request,
        "web/store/gift_card_new.html",
        {"store": acting_of(request).store, "form": form},
        status=form_status(form),
    )


def _gift_card(store_id: int, gift_card_id: int) -> GiftCard:
    card: GiftCard = one_of(selectors.gift_card_list(store_id=store_id), gift_card_id, "gift card")
    return card


@login_required
@requires(GET=P.GIFT_CARDS_VIEW)
def gift_card_detail(request: HttpRequest, store_id: int, gift_card_id: int) -> HttpResponse:
    access = store_access_of(request)
    card = _gift_card(access.store_id, gift_card_id)
    return render(
        request,
        "web/store/gift_card.html",
        {
            "store": acting_of(request).store,
            "card": card,
            "code": None,
            "can_disable": access.can(P.GIFT_CARDS_MANAGE) and card.disabled_at is None,
        },
    )


@login_required
@requires(GET=P.GIFT_CARDS_MANAGE, POST=P.GIFT_CARDS_MANAGE)
def gift_card_disable_view(request: HttpRequest, store_id: int, gift_card_id: int) -> HttpResponse:
    access = store_access_of(request)
    card = _gift_card(access.store_id, gift_card_id)
    back = reverse("marketing:gift_card_detail", args=[store_id, card.pk])
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
                acting=acting_of(request),
                gift_card_id=card.pk,
            )
        except ApplicationError as exc:
            return confirm_page(request, **page, error=exc.message, status=exc.status)
        messages.success(request, _("The gift card was deactivated."))
        return redirect(back)
    return confirm_page(request, **page)
