"""/api/v1/kits/: the province's QMS kits."""

from django.urls import path

from chuan.kits.api import views

urlpatterns = [
    path("sets/", views.ModelSetListApi.as_view(), name="api-kit-set-list"),
    path("sets/<int:pk>/", views.ModelSetDetailApi.as_view(), name="api-kit-set-detail"),
    path("sets/<int:pk>/items/", views.ModelItemCreateApi.as_view(), name="api-kit-item-create"),
    path("sets/<int:pk>/adopt/", views.AdoptApi.as_view(), name="api-kit-adopt"),
    path("sets/<int:pk>/adoption/", views.AdoptionTableApi.as_view(), name="api-kit-adoption"),
    path(
        "sets/<int:pk>/adoption/counts/",
        views.AdoptionCountsApi.as_view(),
        name="api-kit-adoption-counts",
    ),
    path("items/<int:pk>/", views.ModelItemDetailApi.as_view(), name="api-kit-item-detail"),
    path("editions/<int:pk>/", views.EditionDetailApi.as_view(), name="api-kit-edition-detail"),
    path(
        "editions/<int:pk>/update/", views.EditionUpdateApi.as_view(), name="api-kit-edition-update"
    ),
    path(
        "editions/<int:pk>/approve/",
        views.EditionApproveApi.as_view(),
        name="api-kit-edition-approve",
    ),
    path(
        "editions/<int:pk>/withdraw/",
        views.EditionWithdrawApi.as_view(),
        name="api-kit-edition-withdraw",
    ),
    path("adopted/", views.AdoptedItemListApi.as_view(), name="api-kit-adopted-list"),
    path("adopted/<int:pk>/diff/", views.AdoptedDiffApi.as_view(), name="api-kit-adopted-diff"),
    path("adopted/<int:pk>/adapt/", views.AdoptedAdaptApi.as_view(), name="api-kit-adopted-adapt"),
    path("requests/", views.RequestListApi.as_view(), name="api-kit-request-list"),
    path("requests/<int:pk>/", views.RequestDetailApi.as_view(), name="api-kit-request-detail"),
    path("requests/<int:pk>/adopt/", views.RequestAdoptApi.as_view(), name="api-kit-request-adopt"),
    path("requests/<int:pk>/keep/", views.RequestKeepApi.as_view(), name="api-kit-request-keep"),
    path("reviews/", views.ReviewListApi.as_view(), name="api-kit-review-list"),
    path("reviews/<int:pk>/close/", views.ReviewCloseApi.as_view(), name="api-kit-review-close"),
]
