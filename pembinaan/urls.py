from django.urls import path

from . import views, views_evaluasi, views_mentoring

app_name = "pembinaan"

urlpatterns = [
    path("pembinaan/", views.kepatuhan, name="kepatuhan"),
    path("pembinaan/pegawai/", views.pegawai_list, name="pegawai"),
    path("pembinaan/saya/", views.saya, name="saya"),
    path("pembinaan/klaim/", views.klaim_list, name="klaim_list"),
    path("pembinaan/klaim/<int:pk>/putus/", views.klaim_putus, name="klaim_putus"),
    path("pembinaan/kegiatan/<int:pk>/bukti/", views.bukti, name="bukti"),
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
]
