from django.urls import path

from chuan.accounts.api.views import TokenObtainApi

urlpatterns = [path("auth/token/", TokenObtainApi.as_view(), name="api-token")]
