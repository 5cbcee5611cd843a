from django.urls import path  # noqa: F401  (patterns come from the view modules)

from .views import kebutuhan, rekomendasi, rotasi, sk, usulan

app_name = "mutasi"

urlpatterns = [
    *kebutuhan.urlpatterns,
    *usulan.urlpatterns,
    *rekomendasi.urlpatterns,
    *rotasi.urlpatterns,
    *sk.urlpatterns,
]
