from django.urls import path

from chuan.rollout.views import agencies, dashboard

app_name = "rollout"
urlpatterns = [
    path("rollout/", dashboard.dashboard_view, name="dashboard"),
    path("rollout/export.xlsx", dashboard.dashboard_export_view, name="dashboard_export"),
    path("rollout/groups/<int:group_id>/", dashboard.group_detail_view, name="group_detail"),
    path("rollout/agencies/", agencies.agency_list_view, name="agency_list"),
    path("rollout/agencies/<int:pk>/", agencies.agency_qms_view, name="agency_qms"),
    path("rollout/agencies/<int:pk>/events/new/", agencies.event_create_view, name="event_create"),
    path(
        "rollout/agencies/<int:pk>/events/<int:event_id>/withdraw/",
        agencies.event_withdraw_view,
        name="event_withdraw",
    ),
    path("rollout/targets/", agencies.target_list_view, name="target_list"),
    path("rollout/targets/new/", agencies.target_create_view, name="target_create"),
    path("rollout/import/", agencies.status_import_view, name="status_import"),
]
