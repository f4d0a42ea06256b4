"""URL map of Chuẩn."""

from django.contrib import admin
from django.urls import include, path

from drf_spectacular.views import SpectacularAPIView

from chuan.core.api.docs import ApiDocsView, redoc_bundle_view
from chuan.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("chuan.reports.urls")),
    path("", include("chuan.core.urls")),
    path("accounts/", include("chuan.accounts.urls")),
    path("", include("chuan.organisations.urls")),
    path("", include("chuan.rollout.urls")),
    path("", include("chuan.calendars.urls")),
    path("", include("chuan.legal.urls")),
    path("", include("chuan.procedures.urls")),
    path("", include("chuan.dossiers.urls")),
    path("", include("chuan.portal.urls")),
    path("", include("chuan.documents.urls")),
    path("", include("chuan.feedback.urls")),
    path("", include("chuan.servicesindex.urls")),
    path("", include("chuan.improvement.urls")),
    path("", include("chuan.training.urls")),
    path("", include("chuan.inspections.urls")),
    path("", include("chuan.notifications.urls")),
    path("", include("chuan.kits.urls")),
    path("api/v1/", include("chuan.core.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/redoc.js", redoc_bundle_view, name="api-docs-redoc"),
    path("api/docs/", ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]

handler400 = "chuan.core.views.bad_request"
handler403 = "chuan.core.views.permission_denied"
handler404 = "chuan.core.views.page_not_found"
handler500 = "chuan.core.views.server_error"
