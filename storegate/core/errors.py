"""Application errors: a stable code from one enum, a human message, and an HTTP status."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    STORE_NOT_FOUND = "store_not_found"
    REQUEST_CODE_REQUIRED = "request_code_required"
    INVALID_REQUEST_CODE = "invalid_request_code"
    REQUEST_CODE_ATTEMPTS_EXCEEDED = "request_code_attempts_exceeded"
    PENDING_LIMIT_REACHED = "pending_limit_reached"
    STAFF_ACCOUNT_EXISTS = "staff_account_exists"
    REQUEST_ALREADY_PENDING = "request_already_pending"
    ACCESS_ALREADY_EXISTS = "access_already_exists"
    COLLABORATOR_ACCESS_EXISTS = "collaborator_access_exists"
    STAFF_LIMIT_REACHED = "staff_limit_reached"
    PERMISSION_DENIED = "permission_denied"
    PERMISSION_NOT_GRANTABLE = "permission_not_grantable"
    LOGIN_THROUGH_PARTNER_DASHBOARD = "login_through_partner_dashboard"
    TWO_FACTOR_REQUIRED = "two_factor_required"
    VALIDATION_ERROR = "validation_error"
    NOT_FOUND = "not_found"
    # Beyond the fixed contract of SPEC §9.
    AUTHENTICATION_REQUIRED = "authentication_required"
    INVALID_CREDENTIALS = "invalid_credentials"
    INVALID_OTP_CODE = "invalid_otp_code"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    EMAIL_TAKEN = "email_taken"
    HANDLE_TAKEN = "handle_taken"
    INVALID_STATE = "invalid_state"
    STAFF_LOGIN_ONLY = "staff_login_only"
    UNKNOWN_PERMISSION = "unknown_permission"
    CONFLICT = "conflict"


_DEFAULT_STATUS: dict[ErrorCode, int] = {
    ErrorCode.STORE_NOT_FOUND: 404,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.PERMISSION_DENIED: 403,
    ErrorCode.PERMISSION_NOT_GRANTABLE: 403,
    ErrorCode.LOGIN_THROUGH_PARTNER_DASHBOARD: 403,
    ErrorCode.TWO_FACTOR_REQUIRED: 403,
    ErrorCode.STAFF_LOGIN_ONLY: 403,
    ErrorCode.AUTHENTICATION_REQUIRED: 401,
    ErrorCode.INVALID_CREDENTIALS: 401,
    ErrorCode.TOO_MANY_ATTEMPTS: 429,
    ErrorCode.REQUEST_CODE_ATTEMPTS_EXCEEDED: 429,
    ErrorCode.REQUEST_ALREADY_PENDING: 409,
    ErrorCode.ACCESS_ALREADY_EXISTS: 409,
    ErrorCode.COLLABORATOR_ACCESS_EXISTS: 409,
    ErrorCode.STAFF_ACCOUNT_EXISTS: 409,
    ErrorCode.EMAIL_TAKEN: 409,
    ErrorCode.HANDLE_TAKEN: 409,
    ErrorCode.INVALID_STATE: 409,
    ErrorCode.CONFLICT: 409,
    ErrorCode.PENDING_LIMIT_REACHED: 409,
    ErrorCode.STAFF_LIMIT_REACHED: 409,
}


class ApplicationError(Exception):
    """A refusal that the caller can understand and act on; never a 500."""

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        *,
        status: int | None = None,
        field: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = str(message)
        self.status = status or _DEFAULT_STATUS.get(code, 400)
        self.field = field
        self.extra = extra or {}

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": str(self.code), "message": self.message}
        if self.field:
            body["field"] = self.field
        body.update(self.extra)
        return {"error": body}


def not_found(what: str = "object") -> ApplicationError:
    """The same error for "does not exist" and "you may not see it"."""
    return ApplicationError(ErrorCode.NOT_FOUND, f"No such {what}.")
