import contextlib
from importlib import import_module

from django.urls import path

from .views import pelaksanaan, penilaian, periode, sebaran, skp, survei, talenta, tim

app_name = "kinerja"

urlpatterns = [
    path("kinerja/periode/", periode.periode_list, name="periode_list"),
    path("kinerja/periode/<int:tahun>/<str:periode>/tutup/", periode.penutupan_start, name="penutupan_start"),
    path("kinerja/penutupan/<int:pk>/", periode.penutupan_detail, name="penutupan_detail"),
    path("kinerja/penutupan/<int:pk>/buka-kembali/", periode.penutupan_reopen, name="penutupan_reopen"),
    *skp.urlpatterns,
    *pelaksanaan.urlpatterns,
    *penilaian.urlpatterns,
    *tim.urlpatterns,
    *sebaran.urlpatterns,
    *talenta.urlpatterns,
    *survei.urlpatterns,
]

# TEMPORARY while modules are being written in parallel; replaced by plain imports before commit.
for _nama in ("dokumen",):
    with contextlib.suppress(ImportError):
        urlpatterns += import_module(f"kinerja.views.{_nama}").urlpatterns
