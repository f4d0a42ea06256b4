from django.urls import path

from chuan.notifications import views

app_name = "notifications"
urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/<int:pk>/read/", views.notification_read_view, name="read"),
    path("notifications/read-all/", views.notification_read_all_view, name="read_all"),
    path("notifications/preferences/", views.preferences_view, name="preferences"),
]
