from django.urls import path

from chuan.legal import views

app_name = "legal"
urlpatterns = [
    path("legal/", views.legal_document_list_view, name="document_list"),
    path("legal/new/", views.legal_document_create_view, name="document_create"),
    path("legal/<int:pk>/", views.legal_document_detail_view, name="document_detail"),
    path("legal/<int:pk>/edit/", views.legal_document_edit_view, name="document_edit"),
    path("legal/<int:pk>/file/", views.legal_document_file_view, name="document_file"),
    path(
        "legal/<int:pk>/relations/new/",
        views.legal_relation_create_view,
        name="relation_create",
    ),
    path(
        "legal/<int:pk>/relations/<int:relation_id>/delete/",
        views.legal_relation_delete_view,
        name="relation_delete",
    ),
]
