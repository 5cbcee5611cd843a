from django.urls import path

from . import views, views_aturan, views_evaluasi, views_kebutuhan, views_mentoring, views_rencana
from . import views_pelatihan as vp

app_name = "pembinaan"

urlpatterns = [
    path("pembinaan/", views.kepatuhan, name="kepatuhan"),
    path("pembinaan/pegawai/", views.pegawai_list, name="pegawai"),
    path("pembinaan/saya/", views.saya, name="saya"),
    path("pembinaan/klaim/", views.klaim_list, name="klaim_list"),
    path("pembinaan/klaim/<int:pk>/putus/", views.klaim_putus, name="klaim_putus"),
    path("pembinaan/kegiatan/<int:pk>/bukti/", views.bukti, name="bukti"),
    # needs and plans (issue 14 points 1-2)
    path("pembinaan/kebutuhan/", views_rencana.kebutuhan_list, name="kebutuhan_list"),
    path("pembinaan/kebutuhan/usul/", views_rencana.kebutuhan_usul, name="kebutuhan_usul"),
    path("pembinaan/kebutuhan/<int:pk>/batal/", views_kebutuhan.kebutuhan_batal, name="kebutuhan_batal"),
    path("pembinaan/kebutuhan/bentuk/", views_rencana.generasi_mulai, name="generasi_mulai"),
    path("pembinaan/kebutuhan/bentuk/<int:pk>/", views_rencana.generasi_detail, name="generasi_detail"),
    path("pembinaan/rencana/", views_rencana.rencana_list, name="rencana_list"),
    path("pembinaan/rencana/saya/", views_rencana.rencana_saya, name="rencana_saya"),
    path("pembinaan/rencana/<int:pk>/", views_rencana.rencana_detail, name="rencana_detail"),
    path("pembinaan/rencana/<int:pk>/aksi/", views_rencana.rencana_aksi, name="rencana_aksi"),
    path("pembinaan/rencana/<int:pk>/pdf/", views_rencana.rencana_pdf, name="rencana_pdf"),
    path("pembinaan/rencana/kegiatan/<int:pk>/", views_rencana.kegiatan_ubah, name="kegiatan_ubah"),
    path("pembinaan/rencana/kegiatan/<int:pk>/hapus/", views_rencana.kegiatan_hapus, name="kegiatan_hapus"),
    path("pembinaan/rencana-kompetensi/", views_rencana.rekap, name="rekap"),
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
    # mentoring and coaching
    path("pembinaan/mentoring/", views_mentoring.daftar, name="mentoring"),
    path("pembinaan/mentoring/kapasitas/", views_mentoring.kapasitas, name="mentoring_kapasitas"),
    path("pembinaan/mentoring/usulkan/", views_mentoring.usulkan, name="mentoring_usulkan"),
    path(
        "pembinaan/mentoring/usulkan-otomatis/", views_mentoring.usulkan_otomatis, name="mentoring_otomatis"
    ),
    path("pembinaan/mentoring/<int:pk>/", views_mentoring.detail, name="mentoring_detail"),
    path("pembinaan/mentoring/<int:pk>/putus/", views_mentoring.putus, name="mentoring_putus"),
    path("pembinaan/mentoring/<int:pk>/sesi/", views_mentoring.sesi, name="mentoring_sesi"),
    path("pembinaan/mentoring/<int:pk>/selesai/", views_mentoring.selesai, name="mentoring_selesai"),
    # evaluation of activities
    path("pembinaan/evaluasi/penerapan/", views_evaluasi.penerapan_list, name="evaluasi_penerapan"),
    path("pembinaan/evaluasi/program/", views_evaluasi.program, name="evaluasi_program"),
    path("pembinaan/evaluasi/<int:pk>/", views_evaluasi.kegiatan, name="evaluasi"),
    # the JP rules (issue 14 point 6)
    path("pembinaan/aturan-jp/", views_aturan.aturan_jp, name="aturan_jp"),
    path(
        "pembinaan/aturan-jp/<str:bentuk>/versi-baru/",
        views_aturan.aturan_versi_baru,
        name="aturan_versi_baru",
    ),
]
