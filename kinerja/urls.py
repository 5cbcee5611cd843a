from django.urls import path

from .views import dokumen, pelaksanaan, penilaian, periode, sebaran, skp, survei, talenta, tim

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
    *dokumen.urlpatterns,
]
