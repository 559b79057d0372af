"""Security headers (S5) and the page-side rendering of ApplicationError."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_plus

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from storegate.core.errors import ApplicationError, ErrorCode

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'"
)
# The browsable API docs load Swagger UI's inline bootstrap.
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            docs = request.path.startswith("/api/docs") or request.path.startswith("/admin/")
            response["Content-Security-Policy"] = DOCS_CSP if docs else CSP
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class ApplicationErrorMiddleware:
    """Pages raise ApplicationError like services do; render it with its status."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ApplicationError):
            return None
        return error_response(request, exception)


def error_response(request: HttpRequest, error: ApplicationError) -> HttpResponse:
    """The API's JSON error shape under /api/, the error page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse(error.as_dict(), status=error.status)
    return render(
        request, "web/error.html", {"error": error, "code": str(error.code)}, status=error.status
    )


_TEXT_BODIES = ("application/json", "application/x-www-form-urlencoded")


def _carries_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path or "\x00" in unquote_plus(request.META.get("QUERY_STRING", "")):
        return True
    if not request.content_type or not request.content_type.startswith(_TEXT_BODIES):
        return False
    try:
        body = request.body
    except RequestDataTooBig:
        return False  # Django refuses it itself, later
    if b"\x00" in body:
        return True
    if request.content_type == "application/json":
        return b"\\u0000" in body  # the JSON escape of NUL
    return b"%00" in body  # a form field, percent-encoded


class RejectNulCharactersMiddleware:
    """No field accepts a NUL character, and PostgreSQL cannot store one: refuse it up front.

    Django's form fields already refuse it; this covers the API's query strings and JSON bodies,
    and filters read straight from the query string, with a 400 instead of a database error.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _carries_nul(request):
            error = ApplicationError(
                ErrorCode.VALIDATION_ERROR,
                _("The request contains a NUL character, which no field accepts."),
                status=400,
            )
            return error_response(request, error)
        return self.get_response(request)
