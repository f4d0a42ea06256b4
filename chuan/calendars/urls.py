from django.urls import path

from chuan.calendars import views

app_name = "calendars"
urlpatterns = [
    path("calendar/", views.calendar_year_view, name="year"),
    path("calendar/days/new/", views.calendar_day_create_view, name="day_create"),
    path("calendar/days/<int:pk>/edit/", views.calendar_day_edit_view, name="day_edit"),
    path("calendar/days/<int:pk>/delete/", views.calendar_day_delete_view, name="day_delete"),
    path("calendar/hours/<int:province_id>/", views.office_hours_edit_view, name="hours_edit"),
]
