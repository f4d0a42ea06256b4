from django.urls import path

from chuan.kits.views import agency, keeper, table

app_name = "kits"
urlpatterns = [
    path("kits/", keeper.set_list_view, name="set_list"),
    path("kits/sets/<int:pk>/", keeper.set_detail_view, name="set_detail"),
    path("kits/sets/<int:pk>/items/new/", keeper.item_create_view, name="item_create"),
    path("kits/sets/<int:pk>/adoption/", table.adoption_table_view, name="adoption_table"),
    path("kits/sets/<int:pk>/adopt/", agency.adopt_view, name="adopt"),
    path("kits/items/<int:pk>/", keeper.item_detail_view, name="item_detail"),
    path("kits/items/<int:pk>/draft/", keeper.edition_form_view, name="edition_form"),
    path("kits/editions/<int:pk>/approve/", keeper.edition_approve_view, name="edition_approve"),
    path("kits/editions/<int:pk>/withdraw/", keeper.edition_withdraw_view, name="edition_withdraw"),
    path("kits/mine/", agency.mine_view, name="mine"),
    path("kits/adopted/<int:pk>/", agency.adopted_detail_view, name="adopted_detail"),
    path("kits/requests/", agency.request_list_view, name="request_list"),
    path("kits/requests/<int:pk>/", agency.request_detail_view, name="request_detail"),
    path("kits/requests/<int:pk>/adopt/", agency.request_adopt_view, name="request_adopt"),
    path("kits/requests/<int:pk>/keep/", agency.request_keep_view, name="request_keep"),
]
