"""Django admin for superusers: every mutasi model, view only. Proposals, rules, the team and the wishes
are written through the app's pages and services, which check the rules and record the actor."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import HanyaBacaAdmin

from .models import (
    AnggotaTPK,
    AturanGuard,
    DokumenUsulan,
    MasaLarangan,
    PengecualianGuard,
    PreferensiMutasi,
    PutaranRotasi,
    RekomendasiTPK,
    SidangTPK,
    SyaratDokumen,
    UsulanMutasi,
)


@admin.register(UsulanMutasi)
class UsulanMutasiAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["id", "nama_pegawai", "nip_pegawai", "jenis", "lingkup", "status", "tmt_rencana"]
    list_filter = ["status", "jenis", "lingkup", "sumber"]
    search_fields = ["nama_pegawai", "nip_pegawai"]
    list_select_related = True


@admin.register(AturanGuard)
class AturanGuardAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["kode", "bulan_minimal", "bulan_maksimal", "berlaku_mulai", "berlaku_sampai", "aktif"]
    list_filter = ["kode", "aktif"]


@admin.register(MasaLarangan)
class MasaLaranganAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["nama", "jenis", "mulai", "selesai"]


@admin.register(SyaratDokumen)
class SyaratDokumenAdmin(HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = ["jenis", "urutan", "nama", "wajib", "hanya_aps", "hanya_antar_opd", "aktif"]
    list_filter = ["jenis", "aktif"]


for model in (
    DokumenUsulan,
    PengecualianGuard,
    AnggotaTPK,
    SidangTPK,
    RekomendasiTPK,
    PutaranRotasi,
    PreferensiMutasi,
):
    admin.site.register(model, type(f"{model.__name__}Admin", (HanyaBacaAdmin, SimpleHistoryAdmin), {}))
