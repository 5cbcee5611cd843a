"""Django admin for superusers: every kinerja model with list, search and filters. Writes that carry
workflow rules (rating, approval, closing) go through the app's pages and services, so the workflow
models are read-mostly here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import HanyaBacaAdmin

from .models import (
    SKP,
    AmbangTalenta,
    AngkaKreditPredikat,
    BuktiDukung,
    Delegasi,
    HasilKerja,
    Indikator,
    Keberatan,
    KotakTalenta,
    KurvaDistribusi,
    LogHarian,
    MatriksPredikat,
    Penilaian,
    PenilaianPotensial,
    PenutupanPeriode,
    PerilakuKerja,
    PeriodeKinerja,
    PredikatUnit,
    Realisasi,
    ResponSurvei,
    SasaranUnit,
    SesiPembinaan,
    SurveiKepuasan,
    TidakDinilai,
    UmpanBalik,
    UmpanBalikRekan,
)

PEGAWAI_SEARCH = ["pegawai__nama", "pegawai__nip"]


@admin.register(MatriksPredikat)
class MatriksPredikatAdmin(SimpleHistoryAdmin):
    list_display = ["rating_hasil_kerja", "rating_perilaku_kerja", "predikat", "berlaku_mulai", "dasar_hukum"]
    list_filter = ["berlaku_mulai", "predikat"]
    search_fields = ["dasar_hukum"]


@admin.register(KurvaDistribusi)
class KurvaDistribusiAdmin(SimpleHistoryAdmin):
    list_display = [
        "predikat_organisasi",
        "predikat_pegawai",
        "min_persen",
        "min_orang",
        "maks_persen",
        "berlaku_mulai",
    ]
    list_filter = ["berlaku_mulai", "predikat_organisasi"]
    search_fields = ["catatan", "dasar_hukum"]


@admin.register(KotakTalenta)
class KotakTalentaAdmin(admin.ModelAdmin):
    list_display = ["kotak", "kinerja", "potensial", "kelompok_suksesi", "berlaku_mulai"]
    list_filter = ["berlaku_mulai", "kinerja", "potensial"]
    search_fields = ["rekomendasi"]


@admin.register(AmbangTalenta)
class AmbangTalentaAdmin(admin.ModelAdmin):
    list_display = ["berlaku_mulai", "batas_menengah", "batas_tinggi", "dasar_hukum"]
    search_fields = ["dasar_hukum"]


@admin.register(AngkaKreditPredikat)
class AngkaKreditPredikatAdmin(admin.ModelAdmin):
    list_display = ["jenjang", "predikat", "angka_kredit", "koefisien_tahunan", "berlaku_mulai"]
    list_filter = ["berlaku_mulai", "jenjang", "predikat"]
    search_fields = ["jenjang"]


@admin.register(PeriodeKinerja)
class PeriodeKinerjaAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["tahun", "jenis_evaluasi", "status"]
    list_filter = ["status", "jenis_evaluasi"]
    search_fields = ["tahun"]


@admin.register(SasaranUnit)
class SasaranUnitAdmin(SimpleHistoryAdmin):
    list_display = ["uraian", "unit_kerja", "periode"]
    list_filter = ["periode"]
    search_fields = ["uraian", "unit_kerja__nama", "unit_kerja__kode"]
    list_select_related = ["unit_kerja", "periode"]


@admin.register(PredikatUnit)
class PredikatUnitAdmin(SimpleHistoryAdmin):
    list_display = ["unit_kerja", "periode", "predikat", "ditetapkan_oleh"]
    list_filter = ["periode", "predikat"]
    search_fields = ["unit_kerja__nama", "unit_kerja__kode"]
    list_select_related = ["unit_kerja", "periode", "ditetapkan_oleh"]


class HasilKerjaInline(HanyaBacaAdmin, admin.TabularInline):
    model = HasilKerja
    extra = 0
    fields = ["jenis", "urutan", "uraian", "mendukung"]
    raw_id_fields = ["mendukung", "sasaran_unit"]


@admin.register(SKP)
class SKPAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["pegawai", "periode", "status", "pejabat_penilai", "opd"]
    list_filter = ["status", "periode", "opd"]
    search_fields = [*PEGAWAI_SEARCH, "pejabat_penilai__nama"]
    list_select_related = ["pegawai", "periode", "pejabat_penilai", "opd"]
    raw_id_fields = ["pegawai", "pejabat_penilai", "atasan_pejabat_penilai", "jabatan", "unit_kerja", "opd"]
    inlines = [HasilKerjaInline]


@admin.register(HasilKerja)
class HasilKerjaAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["uraian", "jenis", "skp"]
    list_filter = ["jenis", "skp__periode"]
    search_fields = ["uraian", "skp__pegawai__nama", "skp__pegawai__nip"]
    raw_id_fields = ["skp", "mendukung", "sasaran_unit"]


@admin.register(Indikator)
class IndikatorAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["uraian", "jenis", "target_angka", "satuan", "target_teks"]
    list_filter = ["jenis"]
    search_fields = ["uraian", "hasil_kerja__uraian"]
    raw_id_fields = ["hasil_kerja"]


@admin.register(Realisasi)
class RealisasiAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["indikator", "periode", "realisasi_angka", "realisasi_teks"]
    list_filter = ["periode"]
    search_fields = ["indikator__uraian"]
    raw_id_fields = ["indikator"]


@admin.register(PerilakuKerja)
class PerilakuKerjaAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["skp", "aspek", "ekspektasi_khusus"]
    list_filter = ["aspek"]
    search_fields = ["skp__pegawai__nama", "ekspektasi_khusus"]
    raw_id_fields = ["skp"]


@admin.register(BuktiDukung)
class BuktiDukungAdmin(admin.ModelAdmin):
    list_display = ["nama_berkas", "hasil_kerja", "periode", "ukuran", "dibuat"]
    list_filter = ["periode"]
    search_fields = ["nama_berkas", "hasil_kerja__skp__pegawai__nama"]
    raw_id_fields = ["hasil_kerja", "diunggah_oleh"]


@admin.register(LogHarian)
class LogHarianAdmin(admin.ModelAdmin):
    list_display = ["tanggal", "uraian", "skp", "direviu_pada"]
    list_filter = ["tanggal"]
    search_fields = ["uraian", "skp__pegawai__nama", "skp__pegawai__nip"]
    raw_id_fields = ["skp", "hasil_kerja"]


@admin.register(UmpanBalik)
class UmpanBalikAdmin(admin.ModelAdmin):
    list_display = ["hasil_kerja", "penulis", "dibuat"]
    search_fields = ["isi", "hasil_kerja__uraian"]
    raw_id_fields = ["hasil_kerja", "penulis"]


@admin.register(SesiPembinaan)
class SesiPembinaanAdmin(admin.ModelAdmin):
    list_display = ["skp", "jenis", "tanggal"]
    list_filter = ["jenis"]
    search_fields = ["skp__pegawai__nama", "permasalahan"]
    raw_id_fields = ["skp", "dicatat_oleh"]


@admin.register(UmpanBalikRekan)
class UmpanBalikRekanAdmin(admin.ModelAdmin):
    list_display = ["skp", "rekan", "periode", "rating"]
    list_filter = ["periode", "rating"]
    search_fields = ["skp__pegawai__nama", "rekan__nama"]
    raw_id_fields = ["skp", "rekan"]


@admin.register(SurveiKepuasan)
class SurveiKepuasanAdmin(admin.ModelAdmin):
    list_display = ["unit_kerja", "periode", "aktif", "kode"]
    list_filter = ["aktif", "periode"]
    search_fields = ["unit_kerja__nama", "kode"]
    raw_id_fields = ["unit_kerja"]


@admin.register(ResponSurvei)
class ResponSurveiAdmin(admin.ModelAdmin):
    list_display = ["survei", "skor", "dibuat"]
    list_filter = ["skor"]
    search_fields = ["komentar", "survei__unit_kerja__nama"]


@admin.register(Penilaian)
class PenilaianAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["pegawai", "periode_kinerja", "periode", "predikat", "status", "sumber"]
    list_filter = ["periode_kinerja", "periode", "predikat", "status", "sumber", "opd"]
    search_fields = PEGAWAI_SEARCH
    list_select_related = ["pegawai", "periode_kinerja"]
    raw_id_fields = ["pegawai", "skp", "opd", "pejabat_penilai", "dinilai_oleh"]


@admin.register(Keberatan)
class KeberatanAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["penilaian", "status", "pemutus", "diputuskan_pada"]
    list_filter = ["status"]
    search_fields = ["penilaian__pegawai__nama", "alasan"]
    raw_id_fields = ["penilaian", "pemutus"]


@admin.register(PenilaianPotensial)
class PenilaianPotensialAdmin(SimpleHistoryAdmin):
    list_display = ["pegawai", "skor", "tanggal", "berlaku_sampai", "sumber"]
    list_filter = ["tanggal"]
    search_fields = PEGAWAI_SEARCH
    raw_id_fields = ["pegawai", "dicatat_oleh"]


@admin.register(Delegasi)
class DelegasiAdmin(SimpleHistoryAdmin):
    list_display = ["jenis", "penerima", "pemberi", "mulai", "selesai", "nomor_sk"]
    list_filter = ["jenis"]
    search_fields = ["penerima__nama", "pemberi__nama", "nomor_sk"]
    raw_id_fields = ["pemberi", "penerima"]


@admin.register(PenutupanPeriode)
class PenutupanPeriodeAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["periode_kinerja", "periode", "status", "jumlah_final", "jumlah_tidak_dinilai", "selesai"]
    list_filter = ["status", "periode_kinerja"]
    search_fields = ["periode"]
    readonly_fields = ["opd_selesai"]


@admin.register(TidakDinilai)
class TidakDinilaiAdmin(HanyaBacaAdmin, admin.ModelAdmin):
    list_display = ["pegawai", "alasan", "opd", "penutupan"]
    list_filter = ["alasan", "penutupan"]
    search_fields = PEGAWAI_SEARCH
    raw_id_fields = ["pegawai", "opd", "penutupan"]
