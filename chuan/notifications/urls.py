from django.urls import path

from chuan.notifications import views

app_name = "notifications"
urlpatterns = [path("notifications/", views.notification_list, name="list")]
