from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from core.views import verifikasi

from . import views

admin.site.site_header = "ASN Portal — Administrasi"
admin.site.site_title = "ASN Portal"
admin.site.index_title = "Administrasi sistem"

urlpatterns = [
    path("", views.dasbor, name="dasbor"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("verifikasi/<str:kode>/", verifikasi, name="verifikasi"),
    path("admin/", admin.site.urls),
    path("", include("pegawai.urls")),
    path("", include("kinerja.urls")),
    path("", include("penggajian.urls")),
    path("", include("mutasi.urls")),
    path("", include("pembinaan.urls")),
    path("belajar/", include("pembinaan.urls_belajar")),
]

# MEDIA_ROOT is never served, in any mode: uploaded evidence and generated slips are personal data and
# leave only through views that check the user's scope (404 outside it).
