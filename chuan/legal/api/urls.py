"""/api/v1/legal/: the legal library."""

from django.urls import path

from chuan.legal.api import views

urlpatterns = [
    path("documents/", views.LegalDocumentListCreateApi.as_view(), name="api-legal-list"),
    path("documents/<int:pk>/", views.LegalDocumentDetailApi.as_view(), name="api-legal-detail"),
    path(
        "documents/<int:pk>/relations/",
        views.LegalRelationCreateApi.as_view(),
        name="api-legal-relation-create",
    ),
]
