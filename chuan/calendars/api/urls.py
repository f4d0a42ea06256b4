"""/api/v1/calendar/: the public working-calendar API."""

from django.urls import path

from chuan.calendars.api import views

urlpatterns = [
    path("due/", views.CalendarDueApi.as_view(), name="api-calendar-due"),
    path("days/", views.CalendarDaysApi.as_view(), name="api-calendar-days"),
]
