"""Reads of the audit trail (R25): filtered, keyset-paginated, newest first."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from storegate.audit.models import AuditEvent
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.core.pagination import keyset_page
from storegate.partners.models import PartnerMember


def parse_moment(value: str | None, *, field: str, end_of_day: bool = False) -> datetime | None:
    """An ISO date or date-time from user input; a bare date ``to`` includes that whole day."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    moment: datetime | None = None
    day: date | None = None
    try:
        # Dates first: parse_datetime reads a bare date as midnight.
        day = parse_date(text)
        moment = None if day is not None else parse_datetime(text)
    except ValueError:
        moment = day = None
    if moment is None and day is None:
        raise ApplicationError(
            ErrorCode.VALIDATION_ERROR,
            _("Use a date like 2026-01-31 or a date-time like 2026-01-31T12:00:00Z."),
            field=field,
        )
    if moment is None:
        assert day is not None
        moment = datetime.combine(day + timedelta(days=1) if end_of_day else day, time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_current_timezone())
    return moment


def _is_bare_date(text: str) -> bool:
    try:
        return parse_date(text.strip()) is not None
    except ValueError:
        return False


def _as_moment(value: Any, *, field: str, end_of_day: bool = False) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return parse_moment(value.isoformat(), field=field, end_of_day=end_of_day)
    return parse_moment(str(value), field=field, end_of_day=end_of_day)


def audit_event_filter(
    *,
    store: Any = None,
    organization: Any = None,
    date_from: Any = None,
    date_to: Any = None,
    actor: str | int | None = None,
    organization_id: str | int | None = None,
    action: str | None = None,
) -> QuerySet[AuditEvent]:
    """The events of one store, or of one partner organization, narrowed by the filters.

    ``actor`` is an e-mail (any case) or a user id; ``action`` is exact, or a prefix when it ends
    with ``*`` (``collaborator.*``). A bare date in ``date_to`` includes that whole day.
    """
    if store is None and organization is None:
        raise ValueError("audit events are read per store or per organization")
    qs = AuditEvent.objects.all()
    if store is not None:
        qs = qs.filter(store=store)
    if organization is not None:
        qs = qs.filter(organization=organization)
    start = _as_moment(date_from, field="from")
    if start is not None:
        qs = qs.filter(created_at__gte=start)
    if date_to not in (None, ""):
        # A bare date means "up to the end of that day"; a date-time is inclusive.
        is_day = isinstance(date_to, date) and not isinstance(date_to, datetime)
        is_day = is_day or (isinstance(date_to, str) and _is_bare_date(date_to))
        end = _as_moment(date_to, field="to", end_of_day=True)
        if end is not None:
            qs = qs.filter(created_at__lt=end) if is_day else qs.filter(created_at__lte=end)
    actor_text = str(actor).strip() if actor not in (None, "") else ""
    if actor_text:
        qs = (
            qs.filter(actor_id=int(actor_text))
            if actor_text.isdigit()
            else qs.filter(actor_email__iexact=actor_text)
        )
    org_text = str(organization_id).strip() if organization_id not in (None, "") else ""
    if org_text:
        if not org_text.isdigit():
            raise ApplicationError(
                ErrorCode.VALIDATION_ERROR,
                _("organization is an organization id."),
                field="organization",
            )
        qs = qs.filter(organization_id=int(org_text))
    action_text = (action or "").strip()
    if action_text:
        if len(action_text) > 64:
            raise ApplicationError(
                ErrorCode.VALIDATION_ERROR, _("action is at most 64 characters."), field="action"
            )
        qs = (
            qs.filter(action__startswith=action_text[:-1])
            if action_text.endswith("*")
            else qs.filter(action=action_text)
        )
    return qs


def audit_event_list(
    *,
    store: Any = None,
    organization: Any = None,
    date_from: Any = None,
    date_to: Any = None,
    actor: str | int | None = None,
    organization_id: str | int | None = None,
    action: str | None = None,
    cursor: str | None = None,
    limit: int | None = None,
) -> tuple[list[AuditEvent], str | None]:
    """One page, newest first; each page is one range scan of an index on ``(store, -id)``."""
    qs = audit_event_filter(
        store=store,
        organization=organization,
        date_from=date_from,
        date_to=date_to,
        actor=actor,
        organization_id=organization_id,
        action=action,
    ).select_related("organization")
    return keyset_page(qs, cursor=cursor, limit=limit)


def audit_actions_of(*, store: Any) -> list[str]:
    """Distinct actions seen in a store, for the filter's choices (bounded)."""
    return list(
        AuditEvent.objects.filter(store=store)
        .order_by("action")
        .values_list("action", flat=True)
        .distinct()[:200]
    )


def organization_member_ids(organization: Any) -> frozenset[int]:
    """A partner sees the IP and user agent of its own members' events only, not the merchant's."""
    return frozenset(
        PartnerMember.objects.filter(organization=organization).values_list("user_id", flat=True)
    )
