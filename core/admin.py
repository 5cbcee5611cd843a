from django import forms
from django.contrib import admin

from .models import DokumenTerverifikasi, JenisNomor, NomorDokumen, RegisterNomor


@admin.register(DokumenTerverifikasi)
class DokumenTerverifikasiAdmin(admin.ModelAdmin):
    list_display = ["kode", "jenis", "judul", "dibuat", "dibuat_oleh", "dicabut"]
    list_filter = ["jenis", "dicabut"]
    search_fields = ["kode", "judul"]
    readonly_fields = ["kode", "dibuat"]


class HanyaBacaAdmin:
    """Mixin for the admin of a model that services write (workflow states, pay runs, employee data):
    the admin shows it but neither adds, changes nor deletes, so every write goes through the service
    that checks the rules and records the actor and the reason in the history."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class JenisNomorForm(forms.ModelForm):
    class Meta:
        model = JenisNomor
        fields = ["kode", "nama", "format"]

    def clean_format(self) -> str:
        from .penomoran import format_errors

        fmt = (self.cleaned_data.get("format") or "").strip()
        errors = format_errors(fmt)
        if errors:
            raise forms.ValidationError(errors)
        return fmt


@admin.register(JenisNomor)
class JenisNomorAdmin(admin.ModelAdmin):
    """Superusers set each kind's number format; the save goes through the service (validated, audited)."""

    form = JenisNomorForm

    list_display = ["kode", "nama", "format"]
    search_fields = ["kode", "nama"]

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        return ["kode"] if obj is not None else []

    def save_model(self, request, obj, form, change) -> None:
        from .penomoran import jenis_nomor_save

        jenis_nomor_save(actor=request.user, jenis=obj, alasan="Diubah melalui admin")


@admin.register(RegisterNomor)
class RegisterNomorAdmin(HanyaBacaAdmin, admin.ModelAdmin):
    """The counters: read-only; only core.penomoran.terbitkan_nomor moves them."""

    list_display = ["jenis", "tahun", "nomor_terakhir", "diubah"]
    list_filter = ["jenis", "tahun"]
    list_select_related = ["jenis"]


@admin.register(NomorDokumen)
class NomorDokumenAdmin(HanyaBacaAdmin, admin.ModelAdmin):
    """Every issued number, cancelled ones included (never deleted, never reused)."""

    list_display = ["nomor", "tanggal", "sumber", "diterbitkan_oleh", "dibatalkan_pada", "alasan_batal"]
    list_filter = ["register__jenis", "register__tahun"]
    list_select_related = ["register__jenis", "diterbitkan_oleh"]
    search_fields = ["nomor", "sumber"]
