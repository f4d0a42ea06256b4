from django.urls import path

from chuan.core import views

app_name = "core"
urlpatterns = [
    path("activity/", views.activity_list_view, name="activity_list"),
]
