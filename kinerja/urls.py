from django.urls import path

from . import views

app_name = "kinerja"

urlpatterns = [
    path("kinerja/periode/", views.periode_list, name="periode_list"),
    path("kinerja/periode/<int:tahun>/<str:periode>/tutup/", views.penutupan_start, name="penutupan_start"),
    path("kinerja/penutupan/<int:pk>/", views.penutupan_detail, name="penutupan_detail"),
    path("kinerja/penutupan/<int:pk>/buka-kembali/", views.penutupan_reopen, name="penutupan_reopen"),
]
