"""The HTTP API under /api/v1/: one router per app, one error shape, every operation in the matrix."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from liaison.core.api import router as core_router
from liaison.core.api_errors import translate_http_error, translate_validation_errors
from liaison.directory.access import api_access, api_operation_key
from liaison.directory.api import router as directory_router
from liaison.directory.api_auth import SessionOtpAuth, TokenAuth
from liaison.justice.api import router as justice_router
from liaison.nrm.api import router as nrm_router


class LiaisonAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        return api_operation_key(operation.view_func)


api = LiaisonAPI(
    title="Liaison API",
    version="1",
    urls_namespace="api",
    auth=[TokenAuth(), SessionOtpAuth()],
    docs_decorator=login_required,
    description='Operations a signed-in user or a personal API token may call. Errors: {"detail": …}.',
)
api.add_decorator(api_access, mode="operation")
api.add_router("/", core_router)
api.add_router("/directory/", directory_router)
api.add_router("/nrm/", nrm_router)
api.add_router("/justice/", justice_router)


def _error(api_request: HttpRequest, detail: Any, status: int) -> HttpResponse:
    return api.create_response(api_request, {"detail": detail}, status=status)


@api.exception_handler(NinjaValidationError)
def on_invalid_payload(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return _error(request, translate_validation_errors(list(exc.errors)), 422)


@api.exception_handler(ValidationError)
def on_invalid_data(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return _error(request, detail, 422)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, _("Sign in or send a valid API token."), 401)


@api.exception_handler(PermissionDenied)
def on_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, _("You do not have access to this operation."), 403)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, _("Not found."), 404)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, translate_http_error(exc.status_code, str(exc)), exc.status_code)
