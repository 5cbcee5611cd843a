from .views import aturan, berkas, kehadiran, kgb, penyesuaian, rapel, run, slip, tambahan

app_name = "penggajian"

urlpatterns = [
    *run.urlpatterns,
    *slip.urlpatterns,
    *berkas.urlpatterns,
    *kehadiran.urlpatterns,
    *aturan.urlpatterns,
    *tambahan.urlpatterns,
    *kgb.urlpatterns,
    *penyesuaian.urlpatterns,
    *rapel.urlpatterns,
]
