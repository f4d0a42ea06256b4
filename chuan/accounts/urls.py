from django.contrib.auth import views as auth_views
from django.urls import path

from chuan.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/code/", views.mfa_verify_view, name="mfa_verify"),
    path("two-step/", views.mfa_view, name="mfa"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", views.set_language_view, name="set_language"),
    path("users/", views.user_list_view, name="user_list"),
    path("users/<int:pk>/", views.user_detail_view, name="user_detail"),
    path("users/<int:pk>/<slug:action>/", views.user_action_view, name="user_action"),
]
