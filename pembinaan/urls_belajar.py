from django.urls import path

from . import views_belajar as v
from . import views_belajar_kelola as vk

app_name = "belajar"

urlpatterns = [
    path("", v.beranda, name="beranda"),
    path("kelola/", v.kelola, name="kelola"),
    path("kelola/<int:pk>/", v.kelola_modul, name="kelola_modul"),
    path("kelola/<int:pk>/urutan/", vk.urutan, name="urutan"),
    path("kelola/<int:pk>/pelajaran/<int:pelajaran_pk>/", vk.pelajaran_ubah, name="pelajaran_ubah"),
    path("kelola/<int:pk>/soal/<int:soal_pk>/", vk.soal_ubah, name="soal_ubah"),
    path("<int:pk>/", v.modul, name="modul"),
    path("<int:pk>/pelajaran/<int:pelajaran_pk>/", v.pelajaran, name="pelajaran"),
    path("<int:pk>/pelajaran/<int:pelajaran_pk>/berkas/", v.berkas, name="berkas"),
    path("<int:pk>/kuis/", v.kuis, name="kuis"),
    path("ikut/<int:pk>/sertifikat/", v.sertifikat, name="sertifikat"),
]
