from django.contrib import admin

from .models import DokumenTerverifikasi


@admin.register(DokumenTerverifikasi)
class DokumenTerverifikasiAdmin(admin.ModelAdmin):
    list_display = ["kode", "jenis", "judul", "dibuat", "dibuat_oleh", "dicabut"]
    list_filter = ["jenis", "dicabut"]
    search_fields = ["kode", "judul"]
    readonly_fields = ["kode", "dibuat"]
