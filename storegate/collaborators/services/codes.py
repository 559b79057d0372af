"""The collaborator request code (R02, R15) and its throttling (S1).

Bounds, evaluated from ``RequestCodeAttempt`` rows under a lock on the organization and the
store, so that concurrent guesses cannot slip past them:

- per (organization, store): at most 5 wrong codes in 24 hours;
- per organization: at most 10 wrong codes in 24 hours and 100 in 90 days, over all stores;
- per store: the 5th wrong code from anyone since the code was generated replaces the code
  and tells the merchant.

Once a bound is hit the attempt is refused *without comparing the code*, so a throttled caller
learns nothing. Every attempt is a ``RequestCodeAttempt`` row (what the bounds count), committed
even though the request itself is refused. In the merchant's audit trail a right code is one
event each; wrong and throttled codes from one source are aggregated, one event per kind and
15 minutes with the count of attempts (``audit_record_repeated``), so a guessing campaign
cannot flood the trail.
"""

from __future__ import annotations

import hmac
import re
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from storegate.audit.actions import AuditAction
from storegate.audit.services import audit_record, audit_record_repeated
from storegate.collaborators.models import RequestCodeAttempt
from storegate.collaborators.services.authority import require_reviewer
from storegate.collaborators.services.notices import collaborators_url, notify_merchants
from storegate.collaborators.services.parsing import validation
from storegate.core.acting import Acting, RequestMeta
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.notifications.kinds import NotificationKind
from storegate.partners.models import PartnerOrganization
from storegate.stores.models import Store, new_request_code

PER_ORG_STORE_DAY = 5
PER_ORG_DAY = 10
PER_ORG_90_DAYS = 100
PER_STORE_PER_CODE = 5
CODE_PATTERN = re.compile(r"^[0-9]{4}$")


def request_code_is_locked(*, organization_id: int, store_id: int, now: datetime) -> bool:
    """True once one of the S1 bounds is hit for this organization and store.

    One query: the three windows are counted together over ``code_attempt_org_idx``.
    """
    day = now - timedelta(hours=24)
    counts = RequestCodeAttempt.objects.filter(
        organization_id=organization_id,
        succeeded=False,
        throttled=False,
        created_at__gt=now - timedelta(days=90),
    ).aggregate(
        pair_day=Count("id", filter=Q(store_id=store_id, created_at__gt=day)),
        org_day=Count("id", filter=Q(created_at__gt=day)),
        org_90_days=Count("id"),
    )
    return (
        counts["pair_day"] >= PER_ORG_STORE_DAY
        or counts["org_day"] >= PER_ORG_DAY
        or counts["org_90_days"] >= PER_ORG_90_DAYS
    )


def _regenerate(store: Store, now: datetime) -> None:
    store.request_code = new_request_code()
    store.request_code_generated_at = now
    store.request_code_failures = 0
    store.save(
        update_fields=[
            "request_code",
            "request_code_generated_at",
            "request_code_failures",
            "updated_at",
        ]
    )


def request_code_check(
    *,
    organization: PartnerOrganization,
    store: Store,
    code: str | None,
    acting: Acting,
    now: datetime | None = None,
) -> None:
    """Let the request through or raise; the attempt (by ``acting.user``) is committed before
    any refusal.

    Not atomic as a whole on purpose: the attempt row and its audit event commit in their own
    transaction, and the refusal is raised after it, so a wrong code is recorded although no
    request is created. A missing code is refused without an attempt (nothing was guessed); a
    code that is not four digits is a ``validation_error`` and no attempt either, since it
    cannot be right and counting it would help nobody.
    """
    if not store.request_code_required:
        return
    if code is None or str(code).strip() == "":
        raise ApplicationError(
            ErrorCode.REQUEST_CODE_REQUIRED,
            _(
                "This store only accepts requests with its collaborator request code. "
                "Ask the store owner for it."
            ),
            field="code",
        )
    code = str(code).strip()
    if not CODE_PATTERN.match(code):
        raise validation(_("A collaborator request code is four digits."), "code")
    outcome = _attempt(organization=organization, store=store, code=code, acting=acting, now=now)
    if outcome == "throttled":
        raise ApplicationError(
            ErrorCode.REQUEST_CODE_ATTEMPTS_EXCEEDED,
            _(
                "Too many wrong collaborator request codes. Try again later, or ask the store "
                "owner to send you the request code."
            ),
            field="code",
        )
    if outcome == "wrong":
        raise ApplicationError(
            ErrorCode.INVALID_REQUEST_CODE,
            _("The collaborator request code is not right. Check it with the store owner."),
            field="code",
        )


@transaction.atomic
def _attempt(
    *,
    organization: PartnerOrganization,
    store: Store,
    code: str,
    acting: Acting,
    now: datetime | None,
) -> str:
    now = now or timezone.now()
    user = acting.user
    # Lock order organization → store everywhere, so concurrent guesses queue up and no bound
    # can be exceeded by a race (SQLite serialises writers already).
    PartnerOrganization.objects.select_for_update(of=("self",)).filter(pk=organization.pk).first()
    locked = Store.objects.select_for_update(of=("self",)).select_related("owner").get(pk=store.pk)
    if request_code_is_locked(organization_id=organization.pk, store_id=locked.pk, now=now):
        RequestCodeAttempt.objects.create(
            organization=organization,
            store=locked,
            user=user,
            succeeded=False,
            throttled=True,
            created_at=now,
        )
        audit_record_repeated(
            action=AuditAction.COLLABORATOR_REQUEST_CODE_THROTTLED,
            acting=acting,
            organization=organization,
            store=locked,
            now=now,
        )
        return "throttled"
    right = hmac.compare_digest(code.encode(), locked.request_code.encode())
    RequestCodeAttempt.objects.create(
        organization=organization, store=locked, user=user, succeeded=right, created_at=now
    )
    if right:
        audit_record(
            action=AuditAction.COLLABORATOR_REQUEST_CODE_ACCEPTED,
            acting=acting,
            organization=organization,
            store=locked,
        )
        return "right"
    audit_record_repeated(
        action=AuditAction.COLLABORATOR_REQUEST_CODE_FAILED,
        acting=acting,
        organization=organization,
        store=locked,
        now=now,
    )
    locked.request_code_failures += 1
    if locked.request_code_failures >= PER_STORE_PER_CODE:
        _invalidate(store=locked, now=now, meta=acting.meta)
    else:
        locked.save(update_fields=["request_code_failures", "updated_at"])
    return "wrong"


def _invalidate(*, store: Store, now: datetime, meta: RequestMeta | None) -> None:
    """S1: five wrong codes since the code was generated: a new code, and the merchant is told."""
    _regenerate(store, now)
    audit_record(
        action=AuditAction.STORE_REQUEST_CODE_INVALIDATED,
        store=store,
        after={"reason": "too_many_wrong_codes", "failures": PER_STORE_PER_CODE},
        meta=meta,
    )
    notify_merchants(
        store=store,
        kind=NotificationKind.COLLABORATOR_REQUEST_CODE_INVALIDATED,
        title=gettext_lazy("A new collaborator request code was generated for %(store)s"),
        params={"store": store.name},
        template="collab_code_invalidated",
        context={"failures": PER_STORE_PER_CODE},
        url=collaborators_url(store),
    )


@transaction.atomic
def request_code_regenerate(*, store: Store, acting: Acting) -> Store:
    """R15: a new code; the old one stops working at once."""
    require_reviewer(acting, store)
    locked = Store.objects.select_for_update(of=("self",)).get(pk=store.pk)
    _regenerate(locked, timezone.now())
    # The code itself is never written to the audit trail.
    audit_record(
        action=AuditAction.STORE_REQUEST_CODE_REGENERATED,
        acting=acting,
        store=locked,
        target=locked,
    )
    return locked


@transaction.atomic
def request_code_set_required(
    *,
    store: Store,
    required: bool,
    acting: Acting,
) -> Store:
    """R02/R15: "Only people with a collaborator request code…" on or off."""
    require_reviewer(acting, store)
    if not isinstance(required, bool):
        raise validation(_("required is true or false."), "required")
    locked = Store.objects.select_for_update(of=("self",)).get(pk=store.pk)
    before = locked.request_code_required
    locked.request_code_required = required
    locked.save(update_fields=["request_code_required", "updated_at"])
    audit_record(
        action=AuditAction.STORE_REQUEST_CODE_SETTING_CHANGED,
        acting=acting,
        store=locked,
        target=locked,
        before={"required": before},
        after={"required": required},
    )
    return locked
