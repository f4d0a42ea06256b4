"""/api/v1/training/."""

from django.urls import path

from chuan.training.api import views

urlpatterns = [
    path("courses/", views.CourseListApi.as_view(), name="api-training-courses"),
    path("courses/<int:pk>/", views.CourseDetailApi.as_view(), name="api-training-course"),
    path("registrations/", views.RegistrationListApi.as_view(), name="api-training-registrations"),
    path("certificates/", views.CertificateListApi.as_view(), name="api-training-certificates"),
    path("verify/", views.VerifyApi.as_view(), name="api-training-verify"),
]
