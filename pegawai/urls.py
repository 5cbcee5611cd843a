from django.urls import path

from . import views, views_impor, views_laporan, views_organisasi, views_penandatangan

app_name = "pegawai"

urlpatterns = [
    path("pegawai/", views.pegawai_list, name="list"),
    path("pegawai/tambah/", views.pegawai_create, name="create"),
    path("pegawai/saya/", views.pegawai_saya, name="saya"),
    path("pegawai/<str:nip>/", views.pegawai_detail, name="detail"),
    path("pegawai/<str:nip>/tab/<slug:key>/", views.pegawai_detail_tab, name="detail_tab"),
    path("pegawai/<str:nip>/ubah/", views.pegawai_update, name="update"),
    path("pegawai/<str:nip>/keluarga/", views.keluarga_update, name="keluarga_update"),
    path("organisasi/", views.organisasi, name="organisasi"),
    path("organisasi/unit/tambah/", views_organisasi.unit_create, name="unit_create"),
    path("organisasi/jabatan/<int:pk>/ubah/", views_organisasi.jabatan_update, name="jabatan_update"),
    path("organisasi/jabatan/<int:pk>/abk/", views_organisasi.jabatan_abk, name="jabatan_abk"),
    path("organisasi/<str:kode>/ubah/", views_organisasi.unit_update, name="unit_update"),
    path("organisasi/<str:kode>/jabatan/tambah/", views_organisasi.jabatan_create, name="jabatan_create"),
    path("organisasi/<str:kode>/", views.unit_detail, name="unit_detail"),
    path("usulan-perubahan/", views.usulan_list, name="usulan_list"),
    path("usulan-perubahan/ajukan/", views.usulan_create, name="usulan_create"),
    path("usulan-perubahan/<int:pk>/", views.usulan_detail, name="usulan_detail"),
    path("usulan-perubahan/<int:pk>/bukti/", views.usulan_bukti, name="usulan_bukti"),
    path("impor/", views_impor.impor_index, name="impor_index"),
    path("impor/<str:jenis>/", views_impor.impor_unggah, name="impor_unggah"),
    path("impor/<str:jenis>/templat/", views_impor.impor_templat, name="impor_templat"),
    path("impor/<str:jenis>/konfirmasi/", views_impor.impor_konfirmasi, name="impor_konfirmasi"),
    path("laporan/duk/", views_laporan.duk, name="duk"),
    path("laporan/nominatif/", views_laporan.nominatif, name="nominatif"),
    path("penandatangan/", views_penandatangan.penandatangan_list, name="penandatangan_list"),
    path("penandatangan/tambah/", views_penandatangan.penandatangan_create, name="penandatangan_create"),
    path(
        "penandatangan/<int:pk>/ubah/", views_penandatangan.penandatangan_update, name="penandatangan_update"
    ),
    path(
        "penandatangan/<int:pk>/akhiri/",
        views_penandatangan.penandatangan_akhiri,
        name="penandatangan_akhiri",
    ),
    path("laporan/<str:jenis>/cetak/", views_laporan.cetak, name="laporan_cetak"),
    path("laporan/cetak/<int:pk>/unduh/", views_laporan.cetak_unduh, name="laporan_cetak_unduh"),
]
