"""The Admin BKD's form for a new version of one form's JP rule. Required values are checked in
services_aturan, so a missing one reads with its field's name ("Dasar hukum wajib diisi.")."""

from __future__ import annotations

from django import forms

from core.history import MAX_ALASAN

from .models import AturanJP


class AturanVersiForm(forms.Form):
    basis = forms.ChoiceField(label="Dasar perhitungan", choices=AturanJP.Basis.choices)
    nilai = forms.DecimalField(
        label="Nilai",
        required=False,
        max_digits=6,
        decimal_places=2,
        help_text="Menit per JP (dasar menit), JP per sesi/hari, atau JP tetap; kosongkan untuk dasar sertifikat.",
    )
    maks_per_tahun = forms.DecimalField(
        label="Maksimal JP per tahun",
        required=False,
        max_digits=6,
        decimal_places=2,
        help_text="Kosongkan bila tidak ada batas.",
    )
    wajib_bukti = forms.BooleanField(label="Bukti wajib diunggah", required=False, initial=True)
    dasar_hukum = forms.CharField(label="Dasar hukum", max_length=300, required=False)
    berlaku_mulai = forms.DateField(
        label="Berlaku mulai",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Hari ini atau sesudahnya.",
    )
    alasan = forms.CharField(
        label="Alasan perubahan",
        required=False,
        max_length=MAX_ALASAN,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Dicatat di riwayat; paling panjang {MAX_ALASAN} karakter.",
    )
