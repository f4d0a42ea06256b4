from django.urls import path

from chuan.organisations import views

app_name = "organisations"
urlpatterns = [
    path("units/", views.unit_browser_view, name="unit_browser"),
    path("units/pick/", views.unit_pick_view, name="unit_pick"),
    path("units/<int:pk>/", views.unit_detail_view, name="unit_detail"),
    path("agencies/", views.agency_list_view, name="agency_list"),
    path("agencies/new/", views.agency_create_view, name="agency_create"),
    path("agencies/import/", views.agency_import_view, name="agency_import"),
    path("agencies/<int:pk>/", views.agency_detail_view, name="agency_detail"),
    path("agencies/<int:pk>/edit/", views.agency_edit_view, name="agency_edit"),
    path("agencies/<int:pk>/officials/new/", views.official_create_view, name="official_create"),
    path(
        "agencies/<int:pk>/departments/",
        views.department_create_view,
        name="department_create",
    ),
]
