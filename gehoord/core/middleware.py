"""Middleware of the whole site: a request id for the logs, Dutch first, and a safety net for DomainError."""

import re
import uuid

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

from gehoord.core import logs
from gehoord.core.errors import DomainError

REQUEST_ID_HEADER = "X-Request-ID"
# A request id from the proxy is taken only if it is short and plain: it ends up in every log line.
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")


class RequestIdMiddleware:
    """Gives every request an id: the proxy's ``X-Request-ID``, or a new one.

    The id is on every log line written while the request is handled
    (:class:`gehoord.core.logs.RequestContextFilter`) and goes back in the
    response's ``X-Request-ID`` header, so a citizen's or an employee's
    "it went wrong at 10:02" can be found in the logs — and gunicorn's access
    line carries it too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        supplied = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = supplied if _VALID_REQUEST_ID.fullmatch(supplied) else uuid.uuid4().hex
        request.request_id = request_id
        token = logs.request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            logs.request_id.reset(token)
        response.headers[REQUEST_ID_HEADER] = request_id
        return response


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError):
            return None
        referer = request.META.get("HTTP_REFERER")
        if (
            request.method == "POST"
            and referer
            and url_has_allowed_host_and_scheme(
                referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            )
        ):
            messages.error(request, exception.message)
            return HttpResponseRedirect(referer)
        return render(request, "domain_error.html", {"error": exception}, status=409)


class DutchFirstLocaleMiddleware:
    """Dutch unless the visitor chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language; a
    Dutch municipality's pages are Dutch by default, and the choice is the
    visitor's own (kept in the language cookie by the switch).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response
