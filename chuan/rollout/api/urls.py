"""/api/v1/rollout/: coverage, agencies' QMS and their events."""

from django.urls import path

from chuan.rollout.api import views

urlpatterns = [
    path("coverage/", views.CoverageApi.as_view(), name="api-rollout-coverage"),
    path("agencies/", views.RolloutAgencyListApi.as_view(), name="api-rollout-agency-list"),
    path(
        "agencies/<int:pk>/",
        views.RolloutAgencyDetailApi.as_view(),
        name="api-rollout-agency-detail",
    ),
    path(
        "agencies/<int:pk>/events/",
        views.RolloutEventCreateApi.as_view(),
        name="api-rollout-event-create",
    ),
]
