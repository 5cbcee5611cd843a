from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import HanyaBacaAdmin

from .models import (
    AksesOpd,
    Golongan,
    Jabatan,
    Keluarga,
    Pegawai,
    Penandatangan,
    RiwayatHukumanDisiplin,
    RiwayatJabatan,
    RiwayatPangkat,
    RiwayatPendidikan,
    UnitKerja,
    UraianTugasJabatan,
    UsulanPerubahanData,
)


@admin.register(Golongan)
class GolonganAdmin(admin.ModelAdmin):
    list_display = ["kode", "pangkat", "jenis", "urutan"]
    list_filter = ["jenis"]
    search_fields = ["kode", "pangkat"]


@admin.register(UnitKerja)
class UnitKerjaAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["kode", "nama", "jenis", "induk", "opd", "aktif"]
    list_filter = ["jenis", "aktif"]
    search_fields = ["kode", "nama"]
    list_select_related = ["induk", "opd"]
    autocomplete_fields = ["induk"]
    readonly_fields = ["opd", "path", "kedalaman"]


@admin.register(Jabatan)
class JabatanAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = [
        "nama",
        "unit_kerja",
        "jenis",
        "eselon",
        "jenjang_fungsional",
        "kelas_jabatan",
        "kebutuhan",
        "sumber_kebutuhan",
        "is_kepala",
    ]
    list_filter = ["jenis", "eselon", "kelas_jabatan", "is_kepala", "sumber_kebutuhan"]
    search_fields = ["nama", "unit_kerja__nama", "unit_kerja__kode"]
    list_select_related = ["unit_kerja"]
    autocomplete_fields = ["unit_kerja", "atasan_override"]


class KeluargaInline(HanyaBacaAdmin, admin.TabularInline):
    model = Keluarga
    extra = 0


@admin.register(Pegawai)
class PegawaiAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["nip", "nama", "golongan", "status_kepegawaian", "jabatan", "opd", "aktif"]
    list_filter = ["status_kepegawaian", "golongan", "jabatan__jenis", "pendidikan_jenjang", "aktif", "opd"]
    search_fields = ["nip", "nama"]
    list_select_related = ["golongan", "jabatan", "opd"]
    autocomplete_fields = ["unit_kerja", "jabatan", "atasan", "user"]
    readonly_fields = ["opd", "tanggal_pensiun", "tanggal_kgb_berikutnya"]
    inlines = [KeluargaInline]
    show_full_result_count = False


@admin.register(Keluarga)
class KeluargaAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["nama", "hubungan", "pegawai", "tanggal_lahir", "dapat_tunjangan"]
    list_filter = ["hubungan", "dapat_tunjangan"]
    search_fields = ["nama", "pegawai__nip", "pegawai__nama"]
    autocomplete_fields = ["pegawai"]
    list_select_related = ["pegawai"]


class _RiwayatAdmin(SimpleHistoryAdmin):
    search_fields = ["pegawai__nip", "pegawai__nama"]
    autocomplete_fields = ["pegawai"]
    list_select_related = ["pegawai"]


@admin.register(UraianTugasJabatan)
class UraianTugasJabatanAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["jabatan", "uraian", "volume_per_tahun", "waktu_penyelesaian_menit"]
    search_fields = ["uraian", "jabatan__nama"]
    list_select_related = ["jabatan"]


@admin.register(RiwayatJabatan)
class RiwayatJabatanAdmin(_RiwayatAdmin):
    list_display = ["pegawai", "nama_jabatan", "nama_unit", "tmt", "nomor_sk"]
    date_hierarchy = "tmt"


@admin.register(RiwayatPangkat)
class RiwayatPangkatAdmin(_RiwayatAdmin):
    list_display = ["pegawai", "golongan", "tmt", "mkg_tahun", "nomor_sk"]
    list_filter = ["golongan"]


@admin.register(RiwayatPendidikan)
class RiwayatPendidikanAdmin(_RiwayatAdmin):
    list_display = ["pegawai", "jenjang", "jurusan", "institusi", "tahun_lulus"]
    list_filter = ["jenjang"]


@admin.register(RiwayatHukumanDisiplin)
class RiwayatHukumanDisiplinAdmin(_RiwayatAdmin):
    list_display = ["pegawai", "tingkat", "jenis", "tmt", "tanggal_selesai"]
    list_filter = ["tingkat"]


@admin.register(AksesOpd)
class AksesOpdAdmin(SimpleHistoryAdmin):
    list_display = ["user", "opd"]
    search_fields = ["user__username", "opd__nama"]
    autocomplete_fields = ["user", "opd"]


@admin.register(UsulanPerubahanData)
class UsulanPerubahanDataAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["pegawai", "field", "nilai_lama", "nilai_baru", "status", "dibuat"]
    list_filter = ["status", "field"]
    search_fields = ["pegawai__nip", "pegawai__nama"]
    list_select_related = ["pegawai"]
    readonly_fields = [
        "diajukan_oleh",
        "diverifikasi_oleh",
        "diverifikasi_pada",
        "diputuskan_oleh",
        "diputuskan_pada",
    ]


@admin.register(Penandatangan)
class PenandatanganAdmin(SimpleHistoryAdmin):
    """Read-only here: signatories are recorded, corrected and ended on the Admin BKD page
    (/penandatangan/), whose service validates the record, hands over from a predecessor and keeps the
    history with the user."""

    list_display = ["peran", "opd", "jabatan", "pegawai", "nama", "berlaku_mulai", "berlaku_sampai"]
    list_filter = ["peran"]
    search_fields = ["jabatan", "nama", "nip", "pegawai__nama", "pegawai__nip", "opd__nama"]
    list_select_related = ["opd", "pegawai"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
