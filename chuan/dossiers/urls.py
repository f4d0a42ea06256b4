from django.urls import path

from chuan.dossiers.views import desk, dossier, files, public, reports, slips

app_name = "dossiers"
urlpatterns = [
    path("desk/", desk.worklist_view, name="worklist"),
    path("desk/receive/", desk.receive_start_view, name="receive_start"),
    path("desk/receive/<int:version_id>/", desk.receive_view, name="receive"),
    path("desk/report/", reports.report_view, name="report"),
    path("desk/register.xlsx", reports.register_view, name="register"),
    path("desk/dashboard/", reports.dashboard_view, name="dashboard"),
    path("dossiers/", dossier.dossier_list_view, name="dossier_list"),
    path("dossiers/<int:pk>/", dossier.dossier_detail_view, name="dossier_detail"),
    path("dossiers/<int:pk>/act/<str:action>/", dossier.dossier_action_view, name="action"),
    path("dossiers/<int:pk>/slip/<str:slip>/", slips.slip_view, name="slip"),
    path(
        "dossiers/<int:pk>/papers/<int:order>/file/",
        files.component_file_view,
        name="component_file",
    ),
    path("dossiers/<int:pk>/result-file/", files.result_file_view, name="result_file"),
    path("tra-cuu/", public.lookup_view, name="lookup"),
    path("tra-cuu/ket-qua/", public.lookup_result_view, name="lookup_result"),
]
