"""/api/v1/procedures/: the catalogue of administrative procedures."""

from django.urls import path

from chuan.procedures.api import views

urlpatterns = [
    path("", views.ProcedureListApi.as_view(), name="api-procedure-list"),
    path("<int:pk>/", views.ProcedureDetailApi.as_view(), name="api-procedure-detail"),
    path(
        "<int:pk>/processes/",
        views.ProcedureProcessListApi.as_view(),
        name="api-procedure-processes",
    ),
]
