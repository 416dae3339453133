from django.urls import path

from liaison.directory.views import accounts

app_name = "accounts"
urlpatterns = [
    path("login/", accounts.LiaisonLoginView.as_view(), name="login"),
    path("logout/", accounts.logout_view, name="logout"),
    path("two-factor/setup/", accounts.otp_setup, name="otp_setup"),
    path("two-factor/", accounts.otp_verify, name="otp_verify"),
    path("password/", accounts.LiaisonPasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        accounts.LiaisonPasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password-reset/", accounts.LiaisonPasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        accounts.LiaisonPasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        accounts.LiaisonPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        accounts.LiaisonPasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("profile/", accounts.profile, name="profile"),
    path("profile/tokens/new/", accounts.token_create, name="token_create"),
    path("profile/tokens/<int:token_id>/revoke/", accounts.token_revoke, name="token_revoke"),
]
