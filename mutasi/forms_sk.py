"""Forms of the decree pages (SK mutasi, cancellation, SPMT)."""

from __future__ import annotations

from django import forms

from core.history import MAX_ALASAN

from .services.sk import TEKS_MAKS


class SKForm(forms.Form):
    usulan = forms.TypedMultipleChoiceField(
        label="Usulan yang disetujui PPK", coerce=int, widget=forms.CheckboxSelectMultiple, required=True
    )
    tanggal = forms.DateField(
        label="Tanggal SK", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    tentang = forms.CharField(label="Tentang", max_length=300)
    menimbang = forms.CharField(
        label="Menimbang", max_length=TEKS_MAKS, widget=forms.Textarea(attrs={"rows": 5})
    )
    mengingat = forms.CharField(
        label="Mengingat", max_length=TEKS_MAKS, widget=forms.Textarea(attrs={"rows": 6})
    )
    memperhatikan = forms.CharField(
        label="Memperhatikan",
        max_length=TEKS_MAKS,
        required=False,
        help_text="Kosongkan untuk mengisi otomatis dari usulan (persetujuan PPK asal, Pertek BKN, "
        "keputusan pejabat penetap, berita acara TPK).",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    tembusan = forms.CharField(
        label="Tembusan (satu per baris)", max_length=TEKS_MAKS, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, usulan_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["usulan"].choices = usulan_choices


class BatalForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan pembatalan", max_length=MAX_ALASAN, widget=forms.Textarea(attrs={"rows": 3})
    )


class SPMTForm(forms.Form):
    tanggal_spmt = forms.DateField(
        label="Tanggal mulai melaksanakan tugas",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
