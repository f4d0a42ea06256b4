"""The /api/v1/ map; each app contributes its routes."""

from django.urls import include, path

urlpatterns = [
    path("", include("chuan.accounts.api.urls")),
    path("", include("chuan.organisations.api.urls")),
    path("rollout/", include("chuan.rollout.api.urls")),
    path("calendar/", include("chuan.calendars.api.urls")),
    path("legal/", include("chuan.legal.api.urls")),
    path("procedures/", include("chuan.procedures.api.urls")),
    path("dossiers/", include("chuan.dossiers.api.urls")),
    path("documents/", include("chuan.documents.api.urls")),
    path("qms/", include("chuan.improvement.api.urls")),
    path("training/", include("chuan.training.api.urls")),
    path("inspections/", include("chuan.inspections.api.urls")),
    path("notifications/", include("chuan.notifications.api.urls")),
    path("kits/", include("chuan.kits.api.urls")),
]
