from django.urls import path

from liaison.directory.views import agencies, country, members, users

app_name = "directory"
urlpatterns = [
    path("agencies/", agencies.agency_list, name="agency_list"),
    path("agencies/new/", agencies.agency_create, name="agency_create"),
    path("agencies/<int:agency_id>/", agencies.agency_detail, name="agency_detail"),
    path("agencies/<int:agency_id>/edit/", agencies.agency_edit, name="agency_edit"),
    path("members/", members.my_agency_members, name="my_agency_members"),
    path("agencies/<int:agency_id>/members/", members.member_list, name="member_list"),
    path("agencies/<int:agency_id>/members/new/", members.member_create, name="member_create"),
    path("agencies/<int:agency_id>/members/add/", members.membership_add, name="membership_add"),
    path(
        "agencies/<int:agency_id>/members/<int:membership_id>/",
        members.member_detail,
        name="member_detail",
    ),
    path(
        "agencies/<int:agency_id>/members/<int:membership_id>/edit/",
        members.membership_edit,
        name="membership_edit",
    ),
    path("procedure/", country.country_profile_list, name="country_profile_list"),
    path(
        "procedure/<int:profile_id>/", country.country_profile_detail, name="country_profile_detail"
    ),
    path(
        "procedure/<int:profile_id>/edit/",
        country.country_profile_edit,
        name="country_profile_edit",
    ),
    path("users/", users.user_list, name="user_list"),
]
