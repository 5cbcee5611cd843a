from django.urls import path

from . import views
from . import views_pelatihan as vp

app_name = "pembinaan"

urlpatterns = [
    path("pembinaan/", views.kepatuhan, name="kepatuhan"),
    path("pembinaan/pegawai/", views.pegawai_list, name="pegawai"),
    path("pembinaan/saya/", views.saya, name="saya"),
    path("pembinaan/klaim/", views.klaim_list, name="klaim_list"),
    path("pembinaan/klaim/<int:pk>/putus/", views.klaim_putus, name="klaim_putus"),
    path("pembinaan/kegiatan/<int:pk>/bukti/", views.bukti, name="bukti"),
    # h6: catalogue and events
    path("pembinaan/katalog/", vp.katalog, name="katalog"),
    path("pembinaan/katalog/<int:pk>/ubah/", vp.program_ubah, name="program_ubah"),
    path("pembinaan/pelatihan/", vp.pelatihan_list, name="pelatihan_list"),
    path("pembinaan/pelatihan/baru/", vp.pelatihan_form, name="pelatihan_baru"),
    path("pembinaan/pelatihan/<int:pk>/", vp.pelatihan_detail, name="pelatihan_detail"),
    path("pembinaan/pelatihan/<int:pk>/ubah/", vp.pelatihan_form, name="pelatihan_ubah"),
    path("pembinaan/pelatihan/<int:pk>/sesi/<int:sesi_pk>/kehadiran/", vp.kehadiran, name="kehadiran"),
    path("pembinaan/pelatihan/<int:pk>/hasil/", vp.hasil, name="pelatihan_hasil"),
    path("pembinaan/peserta/<int:pk>/batal/", vp.peserta_batal, name="peserta_batal"),
    path("pembinaan/peserta/<int:pk>/sertifikat/", vp.sertifikat_peserta, name="sertifikat_peserta"),
]
