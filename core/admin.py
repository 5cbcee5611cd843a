from django.contrib import admin

from .models import DokumenTerverifikasi


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
