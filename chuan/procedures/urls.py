from django.urls import path

from chuan.procedures.views import catalogue, form_sets, processes, publication, transfer

app_name = "procedures"
urlpatterns = [
    path("procedures/", catalogue.catalogue_view, name="catalogue"),
    path("cong-khai/<int:agency_id>/", publication.publication_view, name="publication"),
    path("procedures/new/", catalogue.procedure_create_view, name="procedure_create"),
    path("procedures/export.xlsx", transfer.catalogue_export_view, name="catalogue_export"),
    path("procedures/import/", transfer.catalogue_import_view, name="catalogue_import"),
    path("procedures/form-sets/", form_sets.form_sets_view, name="form_sets"),
    path("procedures/<int:pk>/", catalogue.procedure_detail_view, name="procedure_detail"),
    path("procedures/<int:pk>/revise/", catalogue.procedure_revise_view, name="procedure_revise"),
    path(
        "procedures/<int:pk>/processes/new/",
        processes.process_create_view,
        name="process_create",
    ),
    path("processes/<int:pk>/", processes.process_detail_view, name="process_detail"),
    path("processes/<int:pk>/edit/", processes.process_edit_view, name="process_edit"),
    path("processes/<int:pk>/approve/", processes.process_approve_view, name="process_approve"),
    path("processes/<int:pk>/revise/", processes.process_revise_view, name="process_revise"),
]
