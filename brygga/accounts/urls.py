from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    # Staff
    path("personal/logga-in/", views.staff_login, name="staff-login"),
    path("personal/logga-in/kod/", views.second_factor, name="second-factor"),
    path("personal/tvafaktor/", views.totp_enrol, name="totp-enrol"),
    path(
        "personal/tvafaktor/reservkoder/",
        views.recovery_codes_regenerate,
        name="recovery-codes",
    ),
    path("personal/logga-ut/", views.staff_logout, name="staff-logout"),
    path("personal/", views.staff_home, name="staff-home"),
    path("personal/mitt-konto/", views.staff_account, name="staff-account"),
    path("personal/anvandare/", views.user_list, name="user-list"),
    path("personal/anvandare/<uuid:public_id>/", views.user_detail, name="user-detail"),
    # Public
    path("logga-in/", views.login_link_request, name="login-link"),
    path("logga-in/skickat/", views.login_link_sent, name="login-link-sent"),
    path("logga-in/lank/<str:token>/", views.login_link_confirm, name="login-link-confirm"),
    path("mina-sidor/", views.my_pages, name="my-pages"),
    path("mina-sidor/logga-ut/", views.public_logout, name="public-logout"),
]
