from django.urls import path

from chuan.documents.views import documents as views

app_name = "documents"
urlpatterns = [
    path("documents/", views.master_list_view, name="master_list"),
    path("documents/new/", views.document_create_view, name="document_create"),
    path("documents/reviews/", views.review_list_view, name="review_list"),
    path("documents/reviews/<int:review_id>/close/", views.review_close_view, name="review_close"),
    path("documents/<int:pk>/", views.document_detail_view, name="document_detail"),
    path("documents/<int:pk>/draft/", views.revision_draft_view, name="revision_draft"),
    path(
        "documents/<int:pk>/revisions/<int:revision_id>/file/",
        views.revision_file_view,
        name="revision_file",
    ),
    path(
        "documents/<int:pk>/revisions/<int:revision_id>/<str:action>/",
        views.revision_action_view,
        name="revision_action",
    ),
]
