"""/api/v1/dossiers/: the one-stop desk."""

from django.urls import path

from chuan.dossiers.api import views

urlpatterns = [
    path("", views.DossierListCreateApi.as_view(), name="api-dossier-list"),
    path("<str:code>/", views.DossierDetailApi.as_view(), name="api-dossier-detail"),
    path("<str:code>/<str:action>/", views.DossierActionApi.as_view(), name="api-dossier-action"),
]
