"""/api/v1/feedback/: the citizens' feedback register."""

from django.urls import path

from chuan.feedback.api import views

urlpatterns = [
    path("", views.FeedbackListCreateApi.as_view(), name="api-feedback-list"),
    path("<int:pk>/", views.FeedbackDetailApi.as_view(), name="api-feedback-detail"),
    path("<int:pk>/<str:action>/", views.FeedbackActionApi.as_view(), name="api-feedback-action"),
]
