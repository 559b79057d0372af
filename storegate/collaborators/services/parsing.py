"""Reading what a partner or a reviewer typed: permissions (R03), the message, a duration in
days and an end date. Bad input is a ``validation_error`` before anything is recorded."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from storegate.core.errors import ApplicationError, ErrorCode
from storegate.stores.permissions import PermissionSet, Preset, parse_permission_codes

MAX_MESSAGE_LENGTH = 1000


MAX_DURATION_DAYS = 3650


def validation(message: str, field: str | None = None) -> ApplicationError:
    return ApplicationError(ErrorCode.VALIDATION_ERROR, message, field=field)


def parse_permissions(
    *, permissions: Iterable[str] | None, preset: str | None, required: bool = True
) -> PermissionSet | None:
    """R03: a list of permission codes, a preset (``full_access`` included), or both (united).

    Unknown codes are ``validation_error``; owner-only actions ``permission_not_grantable``.
    """
    result = PermissionSet()
    given = False
    if preset is not None:
        try:
            result = result | Preset.from_key(str(preset)).permissions
        except ValueError as exc:
            raise validation(str(exc), "preset") from None
        given = True
    if permissions is not None:
        if isinstance(permissions, str) or not all(isinstance(p, str) for p in permissions):
            raise validation(_("Permissions are a list of permission codes."), "permissions")
        try:
            result = result | parse_permission_codes(permissions)
        except PermissionError as exc:
            raise ApplicationError(
                ErrorCode.PERMISSION_NOT_GRANTABLE, str(exc), field="permissions"
            ) from None
        except ValueError as exc:
            raise validation(str(exc), "permissions") from None
        given = True
    if not given:
        if required:
            raise validation(
                _("Choose at least one permission, a preset, or full access."), "permissions"
            )
        return None
    if not result:
        raise validation(
            _("Choose at least one permission, a preset, or full access."), "permissions"
        )
    return result


def parse_message(message: str | None) -> str:
    text = (message or "").strip()
    if len(text) > MAX_MESSAGE_LENGTH:
        raise validation(
            _("The message can be at most %(n)d characters long.") % {"n": MAX_MESSAGE_LENGTH},
            "message",
        )
    return text


def parse_duration(duration_days: Any, *, required: bool = False) -> int | None:
    if duration_days is None:
        if required:
            raise validation(_("Say for how many days."), "duration_days")
        return None
    if isinstance(duration_days, bool) or not isinstance(duration_days, int):
        raise validation(_("The duration is a whole number of days."), "duration_days")
    if not 1 <= duration_days <= MAX_DURATION_DAYS:
        raise validation(
            _("The duration must be between 1 and %(n)d days.") % {"n": MAX_DURATION_DAYS},
            "duration_days",
        )
    return duration_days


def parse_end_date(expires_at: datetime | None, *, now: datetime) -> datetime | None:
    if expires_at is None:
        return None
    if timezone.is_naive(expires_at):
        expires_at = timezone.make_aware(expires_at, UTC)
    if expires_at <= now:
        raise validation(_("The end date must be in the future."), "expires_at")
    return expires_at
