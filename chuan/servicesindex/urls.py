from django.urls import path

from chuan.servicesindex.views import dashboard

app_name = "servicesindex"
urlpatterns = [
    path("chi-so-766/", dashboard.index_dashboard_view, name="dashboard"),
    path("chi-so-766/ho-so/", dashboard.index_dossiers_view, name="dossiers"),
]
