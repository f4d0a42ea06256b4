from django.urls import path

from chuan.portal import views

app_name = "portal"

urlpatterns = [
    path("desk/online/", views.queue_view, name="queue"),
    path("desk/online/<int:pk>/", views.submission_view, name="submission"),
    path(
        "desk/online/<int:pk>/<str:action>/",
        views.submission_decide_view,
        name="submission_decide",
    ),
    path(
        "desk/online/<int:pk>/files/<int:file_pk>/",
        views.submission_file_view,
        name="submission_file",
    ),
    path("portal/reconcile/", views.reconcile_view, name="reconcile"),
    path("portal/reconcile/resend/", views.resend_view, name="resend"),
    path("portal/reconcile/resync/", views.resync_view, name="resync"),
    path("portal/reconcile/check/", views.check_view, name="check"),
]
