"""/api/v1/documents/: document control."""

from django.urls import path

from chuan.documents.api import views

urlpatterns = [
    path("", views.DocumentListApi.as_view(), name="api-document-list"),
    path("reviews/", views.ReviewListApi.as_view(), name="api-review-list"),
    path("reviews/<int:review_id>/close/", views.ReviewCloseApi.as_view(), name="api-review-close"),
    path("<int:pk>/", views.DocumentDetailApi.as_view(), name="api-document-detail"),
    path(
        "<int:pk>/revisions/<int:revision_id>/file/",
        views.RevisionFileApi.as_view(),
        name="api-revision-file",
    ),
    path(
        "<int:pk>/revisions/<int:revision_id>/<str:action>/",
        views.RevisionActionApi.as_view(),
        name="api-revision-action",
    ),
]
