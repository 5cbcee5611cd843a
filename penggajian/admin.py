from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import HanyaBacaAdmin

from .models import (
    AturanGaji,
    AturanTpp,
    GajiPokok,
    GalatSlip,
    KenaikanGajiBerkala,
    KodePotonganTpp,
    PaguTpp,
    PenghasilanLuarSistem,
    Penyesuaian,
    PersenPredikatTpp,
    RapelGaji,
    RekapKehadiran,
    RunGaji,
    Slip,
    TabelGajiPokok,
    TunjanganFungsional,
    TunjanganStruktural,
)


class GajiPokokInline(admin.TabularInline):
    model = GajiPokok
    extra = 0


@admin.register(TabelGajiPokok)
class TabelGajiPokokAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "jenis", "berlaku_mulai", "dasar_hukum"]
    list_filter = ["jenis"]
    search_fields = ["nama", "dasar_hukum"]
    inlines = [GajiPokokInline]


@admin.register(GajiPokok)
class GajiPokokAdmin(SimpleHistoryAdmin):
    list_display = ["tabel", "golongan", "mkg_tahun", "jumlah"]
    list_filter = ["tabel"]
    search_fields = ["golongan"]


class TunjanganStrukturalInline(admin.TabularInline):
    model = TunjanganStruktural
    extra = 0


class TunjanganFungsionalInline(admin.TabularInline):
    model = TunjanganFungsional
    extra = 0


@admin.register(AturanGaji)
class AturanGajiAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "berlaku_mulai", "dasar_hukum"]
    search_fields = ["nama", "dasar_hukum"]
    inlines = [TunjanganStrukturalInline, TunjanganFungsionalInline]


@admin.register(TunjanganStruktural)
class TunjanganStrukturalAdmin(SimpleHistoryAdmin):
    list_display = ["aturan", "eselon", "jumlah", "terverifikasi"]
    list_filter = ["aturan", "terverifikasi"]
    search_fields = ["eselon"]


@admin.register(TunjanganFungsional)
class TunjanganFungsionalAdmin(SimpleHistoryAdmin):
    list_display = ["aturan", "nama", "jenjang", "jumlah", "terverifikasi"]
    list_filter = ["aturan", "jenjang", "terverifikasi"]
    search_fields = ["nama"]


class PaguTppInline(HanyaBacaAdmin, admin.TabularInline):
    model = PaguTpp
    extra = 0


class PersenPredikatTppInline(HanyaBacaAdmin, admin.TabularInline):
    model = PersenPredikatTpp
    extra = 0


class KodePotonganTppInline(HanyaBacaAdmin, admin.TabularInline):
    model = KodePotonganTpp
    extra = 0


@admin.register(AturanTpp)
class AturanTppAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["nama", "status", "berlaku_mulai", "persen_kinerja", "persen_disiplin"]
    list_filter = ["status"]
    search_fields = ["nama", "dasar_hukum"]
    inlines = [PaguTppInline, PersenPredikatTppInline, KodePotonganTppInline]


@admin.register(RekapKehadiran)
class RekapKehadiranAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["pegawai", "tahun", "bulan", "hari_kerja", "tanpa_keterangan"]
    list_filter = ["tahun", "bulan"]
    search_fields = ["pegawai__nip", "pegawai__nama"]
    raw_id_fields = ["pegawai"]


@admin.register(KenaikanGajiBerkala)
class KenaikanGajiBerkalaAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["pegawai", "tmt", "golongan", "mkg_tahun", "gaji_pokok_baru", "status"]
    list_filter = ["status"]
    search_fields = ["pegawai__nip", "pegawai__nama", "nomor_sk"]
    raw_id_fields = ["pegawai"]


@admin.register(RunGaji)
class RunGajiAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "status", "jumlah_slip", "jumlah_galat", "jumlah_bersih"]
    list_filter = ["jenis", "status", "tahun"]
    search_fields = ["catatan"]
    readonly_fields = ["opd_selesai"]


@admin.register(Slip)
class SlipAdmin(HanyaBacaAdmin, admin.ModelAdmin):
    list_display = ["nip", "nama", "run", "kode_unit", "jumlah_bersih"]
    list_filter = ["run"]
    search_fields = ["nip", "nama"]
    raw_id_fields = ["pegawai", "run", "opd"]


@admin.register(GalatSlip)
class GalatSlipAdmin(HanyaBacaAdmin, admin.ModelAdmin):
    list_display = ["run", "pegawai", "pesan"]
    list_filter = ["run"]
    search_fields = ["pegawai__nip", "pegawai__nama", "pesan"]
    raw_id_fields = ["pegawai", "run", "opd"]


@admin.register(RapelGaji)
class RapelGajiAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "opd", "status", "jumlah_koreksi", "total_bersih", "dibuat"]
    list_filter = ["jenis", "status", "tahun"]
    search_fields = ["alasan"]
    readonly_fields = ["bagian_selesai", "catatan_pegawai"]


@admin.register(Penyesuaian)
class PenyesuaianAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["pegawai", "slip_asal", "selisih_bersih", "run_tujuan", "rapel"]
    list_filter = ["run_tujuan"]
    search_fields = ["pegawai__nip", "pegawai__nama", "alasan"]
    raw_id_fields = ["pegawai", "slip_asal", "run_tujuan", "rapel"]


@admin.register(PenghasilanLuarSistem)
class PenghasilanLuarSistemAdmin(SimpleHistoryAdmin):
    """Read-only: these rows are written by import_penghasilan_setahun (or its upload), which checks them."""

    list_display = ["pegawai", "tahun", "bulan", "jenis", "bruto", "iuran_pensiun", "pph21"]
    list_filter = ["tahun", "bulan", "jenis"]
    search_fields = ["pegawai__nip", "pegawai__nama"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
