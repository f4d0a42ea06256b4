from django.urls import path

from chuan.feedback.views import public, register

app_name = "feedback"
urlpatterns = [
    path("feedback/", register.list_view, name="list"),
    path("feedback/new/", register.create_view, name="create"),
    path("feedback/<int:pk>/", register.detail_view, name="detail"),
    path("feedback/<int:pk>/act/<str:action>/", register.action_view, name="action"),
    path("phan-anh/gui/<int:agency_id>/", public.send_view, name="public_send"),
    path("phan-anh/<int:agency_id>/", public.published_view, name="public_replies"),
]
