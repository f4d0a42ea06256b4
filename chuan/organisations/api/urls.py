from django.urls import path

from chuan.organisations.api import views

urlpatterns = [
    path("units/", views.UnitListApi.as_view(), name="api-unit-list"),
    path("agencies/", views.AgencyListCreateApi.as_view(), name="api-agency-list"),
    path("agencies/<int:pk>/", views.AgencyDetailApi.as_view(), name="api-agency-detail"),
]
