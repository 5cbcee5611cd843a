from django.urls import path  # noqa: F401  (patterns come from the view modules)

from .views import kebutuhan, sk, usulan

app_name = "mutasi"

urlpatterns = [
    *kebutuhan.urlpatterns,
    *usulan.urlpatterns,
    *sk.urlpatterns,
]
