from django.urls import path

from chuan.training import views

app_name = "training"
urlpatterns = [path("training/", views.home, name="home")]
