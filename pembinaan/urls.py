from django.urls import path

from . import views

app_name = "pembinaan"

urlpatterns = [
    path("pembinaan/", views.kepatuhan, name="kepatuhan"),
    path("pembinaan/pegawai/", views.pegawai_list, name="pegawai"),
    path("pembinaan/saya/", views.saya, name="saya"),
    path("pembinaan/klaim/", views.klaim_list, name="klaim_list"),
    path("pembinaan/klaim/<int:pk>/putus/", views.klaim_putus, name="klaim_putus"),
    path("pembinaan/kegiatan/<int:pk>/bukti/", views.bukti, name="bukti"),
]
