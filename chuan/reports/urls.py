from django.urls import path

from chuan.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.start, name="start"),
    path("overview/", views.home, name="home"),
]
