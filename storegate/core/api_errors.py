"""Every API error has the shape ``{"error": {"code", "message"}}`` with a 4xx status (SPEC §9)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from storegate.core.errors import ApplicationError, ErrorCode


def _describe(errors: list[dict[str, Any]]) -> str:
    parts = []
    for error in errors[:5]:
        loc = [
            str(p) for p in error.get("loc", []) if p not in ("body", "payload", "query", "path")
        ]
        where = ".".join(loc) or "request"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts)


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ApplicationError)
    def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        return api.create_response(request, exc.as_dict(), status=exc.status)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        body = {
            "error": {
                "code": ErrorCode.VALIDATION_ERROR,
                "message": _describe(exc.errors),
                "details": [
                    {"loc": [str(p) for p in e.get("loc", [])], "msg": str(e.get("msg", ""))}
                    for e in exc.errors
                ],
            }
        }
        return api.create_response(request, body, status=422)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        body = {
            "error": {
                "code": ErrorCode.AUTHENTICATION_REQUIRED,
                "message": "A valid token is required: Authorization: Bearer <token>.",
            }
        }
        return api.create_response(request, body, status=401)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        body = {"error": {"code": ErrorCode.NOT_FOUND, "message": "Not found."}}
        return api.create_response(request, body, status=404)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = ErrorCode.VALIDATION_ERROR if exc.status_code < 500 else ErrorCode.CONFLICT
        body = {"error": {"code": code, "message": str(exc)}}
        return api.create_response(
            request, body, status=exc.status_code if exc.status_code < 500 else 400
        )
