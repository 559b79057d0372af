"""Forms of the store admin's commerce pages."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from storegate.commerce.inventory.models import AdjustmentReason
from storegate.commerce.marketing.models import DiscountKind
from storegate.commerce.settings.models import WeightUnit
from storegate.core.errors import ApplicationError

# Forms only parse what a person typed; the commerce services validate and write (their errors
# are put next to these fields by ``form_errors.add_application_error``), as they do for the API.


def split_tags(text: str) -> list[str]:
    """Tags typed as "vip, wholesale" → ["vip", "wholesale"]; the service checks them."""
    return [tag.strip() for tag in text.split(",") if tag.strip()]


def tags_field() -> forms.CharField:
    return forms.CharField(
        label=_("Tags"),
        max_length=2500,
        required=False,
        help_text=_("Separate tags with commas."),
    )


def _money_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        help_text=help_text,
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


class OrderInformationForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    tags = tags_field()


class OrderRefundForm(forms.Form):
    amount = _money_field(_("Amount to refund"))
    reason = forms.CharField(label=_("Reason for the refund"), max_length=255, required=False)


CANCEL_REASON_CHOICES = [
    ("customer", _("The customer changed or cancelled the order")),
    ("fraud", _("Fraudulent order")),
    ("inventory", _("Items unavailable")),
    ("declined", _("Payment declined")),
    ("other", _("Other")),
]


class OrderCancelForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason for cancellation"), choices=CANCEL_REASON_CHOICES)


class InventoryAdjustForm(forms.Form):
    delta = forms.IntegerField(
        label=_("Change in available quantity"),
        help_text=_("A positive number adds stock, a negative one removes it (for example -3)."),
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=AdjustmentReason.choices)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class LocationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    address1 = forms.CharField(label=_("Address"), max_length=255, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=20, required=False)
    country_code = forms.CharField(
        label=_("Country"), max_length=2, help_text=_("Two letters, for example SE.")
    )
    fulfills_online_orders = forms.BooleanField(
        label=_("Fulfil online orders from this location"), required=False
    )
    is_active = forms.BooleanField(label=_("Active"), required=False)


class CustomerForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=120, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=120, required=False)
    email = forms.CharField(label=_("E-mail"), max_length=254)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    country_code = forms.CharField(
        label=_("Country"),
        max_length=2,
        required=False,
        help_text=_("Two letters, for example SE."),
    )
    accepts_marketing = forms.BooleanField(
        label=_("The customer agreed to receive marketing e-mails"), required=False
    )
    tags = tags_field()
    note = forms.CharField(
        label=_("Note"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


_LOCAL_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class DiscountForm(forms.Form):
    code = forms.CharField(
        label=_("Discount code"),
        max_length=64,
        help_text=_("Letters, digits, hyphens and underscores; customers type it at checkout."),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=DiscountKind.choices)
    value = _money_field(
        _("Value"),
        required=False,
        help_text=_("A percentage (1–100) or an amount; leave empty for free shipping."),
    )
    minimum_subtotal = _money_field(_("Minimum purchase amount"), required=False)
    starts_at = forms.DateTimeField(label=_("Starts"), required=False, widget=_LOCAL_DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends"), required=False, widget=_LOCAL_DATETIME)
    usage_limit = forms.IntegerField(
        label=_("Limit on the number of uses"), required=False, min_value=1
    )
    is_active = forms.BooleanField(label=_("Active"), required=False)


class GiftCardForm(forms.Form):
    initial_value = _money_field(_("Initial value"))
    expires_on = forms.DateField(
        label=_("Expiry date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class GeneralSettingsForm(forms.Form):
    legal_name = forms.CharField(label=_("Legal name"), max_length=255, required=False)
    contact_email = forms.CharField(label=_("Contact e-mail"), max_length=254, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    address1 = forms.CharField(label=_("Address"), max_length=255, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    country_code = forms.CharField(
        label=_("Country"), max_length=2, help_text=_("Two letters, for example SE.")
    )
    timezone = forms.CharField(
        label=_("Time zone"), max_length=64, help_text=_("For example Europe/Stockholm.")
    )
    weight_unit = forms.ChoiceField(label=_("Weight unit"), choices=WeightUnit.choices)
    order_number_prefix = forms.CharField(
        label=_("Order number prefix"), max_length=8, required=False
    )


class ShippingAddressForm(forms.Form):
    """An order's shipping address; its fields are the service's ``shipping_address.<key>``."""

    prefix = "shipping_address"

    name = forms.CharField(label=_("Name"), max_length=255, required=False)
    company = forms.CharField(label=_("Company"), max_length=255, required=False)
    address1 = forms.CharField(label=_("Address"), max_length=255, required=False)
    address2 = forms.CharField(label=_("Apartment, suite, etc."), max_length=255, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=255, required=False)
    city = forms.CharField(label=_("City"), max_length=255, required=False)
    province = forms.CharField(label=_("Region or state"), max_length=255, required=False)
    country_code = forms.CharField(
        label=_("Country"),
        max_length=255,
        required=False,
        help_text=_("Two letters, for example SE."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=255, required=False)


class InventoryStockForm(forms.Form):
    """Start tracking a variant's stock at a location that has none yet."""

    location = forms.ChoiceField(label=_("Location"))
    delta = forms.IntegerField(
        label=_("Available quantity"),
        min_value=1,
        max_value=1_000_000,
        help_text=_("The number of units on hand at this location."),
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=AdjustmentReason.choices)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args: Any, locations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        location = self.fields["location"]
        assert isinstance(location, forms.ChoiceField)
        location.choices = locations


# A blank zone and a blank rate row let the merchant add one of each per save.
_MAX_ZONES = 50
_MAX_RATES = 20
_ZONE_KEY = re.compile(r"^zone-(\d+)-")
_RATE_KEY = re.compile(r"^zone-(\d+)-rate-(\d+)-")
_SERVICE_FIELD = re.compile(r"^zones\.(\d+)(?:\.(name|countries|rates)(?:\.(\d+)\.(\w+))?)?$")


def split_countries(text: str) -> list[str]:
    """Countries typed as "SE, no dk" → ["SE", "no", "dk"]; the service checks each code."""
    return [code for code in re.split(r"[\s,;]+", text) if code]


class ShippingZonesForm(forms.Form):
    """Settings → Shipping and delivery: every zone with its rates, replaced as a whole.

    Fields are named ``zone-<i>-name``, ``zone-<i>-countries``, ``zone-<i>-remove`` and
    ``zone-<i>-rate-<j>-{name,price,minimum_subtotal}``; blank rows are left out, and the
    service's errors (``zones.<n>.rates.<m>.price``) are put back on the row they came from.
    """

    def __init__(self, data: Any = None, *, zones: list[Any] | None = None) -> None:
        super().__init__(data)
        self.zone_errors: dict[int, list[Any]] = {}
        self._sent: list[tuple[int, list[int]]] = []  # service index → (zone row, rate rows)
        if data is not None:
            rows = self._rows_in(data)
        else:
            rows = [len(zone.rates.all()) + 1 for zone in zones or []] + [2]
        for i, rate_rows in enumerate(rows):
            self._add_zone_fields(i, rate_rows)
        if data is None:
            self._fill(zones or [])
        self.zone_count = len(rows)
        self.rate_counts = rows

    @staticmethod
    def _rows_in(data: Any) -> list[int]:
        zones: dict[int, int] = {}
        for key in data:
            if match := _RATE_KEY.match(key):
                zone, rate = int(match[1]), int(match[2])
                if zone < _MAX_ZONES + 1 and rate < _MAX_RATES + 1:
                    zones[zone] = max(zones.get(zone, 0), rate + 1)
            elif (match := _ZONE_KEY.match(key)) and int(match[1]) < _MAX_ZONES + 1:
                zones.setdefault(int(match[1]), 0)
        return [zones.get(i, 0) for i in range(max(zones, default=-1) + 1)]

    def _add_zone_fields(self, i: int, rate_rows: int) -> None:
        f = self.fields
        f[f"zone-{i}-name"] = forms.CharField(label=_("Zone name"), max_length=120, required=False)
        f[f"zone-{i}-countries"] = forms.CharField(
            label=_("Countries"),
            max_length=1000,
            required=False,
            help_text=_("Two-letter codes separated by commas, for example SE, NO, DK."),
        )
        f[f"zone-{i}-remove"] = forms.BooleanField(label=_("Remove this zone"), required=False)
        for j in range(rate_rows):
            p = f"zone-{i}-rate-{j}-"
            f[p + "name"] = forms.CharField(label=_("Rate name"), max_length=120, required=False)
            f[p + "price"] = _money_field(_("Price"), required=False)
            f[p + "minimum_subtotal"] = _money_field(
                _("Minimum order subtotal"),
                required=False,
                help_text=_("Offer this rate only from this subtotal on."),
            )

    def _fill(self, zones: list[Any]) -> None:
        for i, zone in enumerate(zones):
            self.initial[f"zone-{i}-name"] = zone.name
            self.initial[f"zone-{i}-countries"] = ", ".join(zone.countries)
            for j, rate in enumerate(zone.rates.all()):
                p = f"zone-{i}-rate-{j}-"
                self.initial[p + "name"] = rate.name
                self.initial[p + "price"] = rate.price
                self.initial[p + "minimum_subtotal"] = rate.minimum_subtotal

    def zones(self) -> list[dict[str, Any]]:
        """The zones to send to the service (after ``is_valid()``), blank rows left out."""
        data = self.cleaned_data
        zones: list[dict[str, Any]] = []
        self._sent = []
        for i, rate_rows in enumerate(self.rate_counts):
            name, countries = data[f"zone-{i}-name"].strip(), data[f"zone-{i}-countries"].strip()
            rates, sent_rates = [], []
            for j in range(rate_rows):
                p = f"zone-{i}-rate-{j}-"
                rate = {k: data[p + k] for k in ("name", "price", "minimum_subtotal")}
                if rate["name"].strip() or rate["price"] is not None:
                    rates.append(rate)
                    sent_rates.append(j)
            if data[f"zone-{i}-remove"] or not (name or countries or rates):
                continue
            zones.append({"name": name, "countries": split_countries(countries), "rates": rates})
            self._sent.append((i, sent_rates))
        return zones

    def add_service_error(self, exc: ApplicationError) -> None:
        """Put the service's error on the zone or rate row it names, else above the form."""
        match = _SERVICE_FIELD.match(exc.field or "")
        if match is None or int(match[1]) >= len(self._sent):
            self.add_error(None, exc.message)
            return
        zone, rate_rows = self._sent[int(match[1])]
        part, rate, key = match[2], match[3], match[4]
        if part in ("name", "countries"):
            self.add_error(f"zone-{zone}-{part}", exc.message)
        elif part == "rates" and rate is not None and int(rate) < len(rate_rows):
            name = f"zone-{zone}-rate-{rate_rows[int(rate)]}-{key}"
            self.add_error(name if name in self.fields else None, exc.message)
        else:
            self.zone_errors.setdefault(zone, []).append(exc.message)
            self.add_error(None, _("Check the shipping zone marked below."))

    def zone_rows(self) -> list[dict[str, Any]]:
        """The bound fields grouped for the template: one fieldset per zone."""
        return [
            {
                "index": i,
                "name": self[f"zone-{i}-name"],
                "countries": self[f"zone-{i}-countries"],
                "remove": self[f"zone-{i}-remove"],
                "errors": self.zone_errors.get(i, []),
                "is_new": i == self.zone_count - 1,
                "rates": [
                    {
                        "name": self[f"zone-{i}-rate-{j}-name"],
                        "price": self[f"zone-{i}-rate-{j}-price"],
                        "minimum_subtotal": self[f"zone-{i}-rate-{j}-minimum_subtotal"],
                    }
                    for j in range(rate_rows)
                ],
            }
            for i, rate_rows in enumerate(self.rate_counts)
        ]
