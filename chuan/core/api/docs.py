"""The rendered API documentation (`/api/docs/`): Redoc, served from this server.

Redoc styles itself with `<style>` elements it writes at run time and searches in a worker
started from a `blob:` URL, so this one page allows inline styles and blob workers; scripts
still come only from this server, and nothing loads from elsewhere. Redoc's bundle (from
drf-spectacular-sidecar, pinned) shows its maker's logo from the maker's CDN: the bundle is
served through `redoc_bundle_view`, which points that one image at Chuẩn's own mark.
"""

import functools
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

from drf_spectacular.views import SpectacularRedocView
from rest_framework.request import Request
from rest_framework.response import Response

from chuan.core.middleware import CONTENT_SECURITY_POLICY, policy_text

DOCS_POLICY = policy_text(
    {
        **CONTENT_SECURITY_POLICY,
        "style-src": "'self' 'unsafe-inline'",
        "worker-src": "'self' blob:",
    }
)


class ApiDocsView(SpectacularRedocView):
    template_name = "api/redoc.html"
    title = "Chuẩn API"

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = DOCS_POLICY
        return response

    def _redoc_standalone(self) -> str:  # type: ignore[override]
        return reverse("api-docs-redoc")


REDOC_BUNDLE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@functools.cache
def _redoc_bundle() -> bytes:
    path = finders.find(REDOC_BUNDLE)
    if not path:  # pragma: no cover - the package is pinned in requirements.txt
        raise FileNotFoundError(REDOC_BUNDLE)
    with open(str(path), "rb") as bundle:
        return bundle.read().replace(REDOC_LOGO.encode(), static("img/favicon.svg").encode())


@require_GET
def redoc_bundle_view(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(_redoc_bundle(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
