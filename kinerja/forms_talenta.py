"""Forms of the talent (9-box) and public satisfaction survey pages. They bind and clean; services write."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from core.dates import format_tanggal
from pegawai.models import Pegawai, UnitKerja

from .impor_potensial import MASA_BERLAKU_BULAN, berlaku_sampai_default
from .models import PeriodeKinerja

_TEXT = {"class": "form-control"}
_SELECT = {"class": "form-select"}
_DATE = {"class": "form-control", "type": "date"}


class PotensialForm(forms.Form):
    nip = forms.CharField(
        label="NIP", max_length=30, widget=forms.TextInput(attrs={**_TEXT, "inputmode": "numeric"})
    )
    tanggal = forms.DateField(label="Tanggal asesmen", widget=forms.DateInput(attrs=_DATE, format="%Y-%m-%d"))
    skor = forms.DecimalField(
        label="Skor potensial (0–100)",
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={**_TEXT, "step": "0.01"}),
    )
    berlaku_sampai = forms.DateField(
        label="Berlaku sampai",
        required=False,
        help_text=f"Kosongkan untuk {MASA_BERLAKU_BULAN // 12} tahun sejak tanggal asesmen "
        "(Peraturan BKN 26/2019 Pasal 29 ayat (4)).",
        widget=forms.DateInput(attrs=_DATE, format="%Y-%m-%d"),
    )
    sumber = forms.CharField(
        label="Metode/asesor/keterangan",
        max_length=200,
        required=False,
        widget=forms.TextInput(
            attrs={**_TEXT, "placeholder": "mis. Asesmen terpadu UPT Penilaian Kompetensi"}
        ),
    )

    def __init__(self, *args, pegawai_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.pegawai_qs = pegawai_qs

    def clean_nip(self) -> Pegawai:
        nip = self.cleaned_data["nip"].replace(" ", "")
        pegawai = self.pegawai_qs.filter(nip=nip).first()
        if pegawai is None:
            # Out of scope and unknown read the same: another OPD's employee does not exist here.
            raise forms.ValidationError(f"Pegawai dengan NIP {nip} tidak ditemukan.")
        return pegawai

    def clean(self):
        data = super().clean()
        tanggal, berlaku_sampai = data.get("tanggal"), data.get("berlaku_sampai")
        if tanggal and not berlaku_sampai:
            data["berlaku_sampai"] = berlaku_sampai_default(tanggal)
        elif tanggal and berlaku_sampai < tanggal:
            self.add_error(
                "berlaku_sampai", f"Tidak boleh sebelum tanggal asesmen ({format_tanggal(tanggal)})."
            )
        return data


SKOR_SURVEI = [
    ("5", "Sangat puas"),
    ("4", "Puas"),
    ("3", "Cukup puas"),
    ("2", "Kurang puas"),
    ("1", "Tidak puas"),
]
PESAN_SKOR = "Pilih tingkat kepuasan dari 1 sampai 5."


class ResponSurveiForm(forms.Form):
    skor = forms.TypedChoiceField(
        label="Seberapa puas Anda dengan layanan unit ini?",
        choices=SKOR_SURVEI,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": PESAN_SKOR, "invalid_choice": PESAN_SKOR},
    )
    komentar = forms.CharField(
        label="Saran atau komentar (tidak wajib)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={**_TEXT, "rows": 3, "maxlength": 1000}),
        error_messages={"max_length": "Saran paling panjang 1000 karakter."},
    )


class SurveiBuatForm(forms.Form):
    unit_kerja = forms.ModelChoiceField(
        label="Unit layanan",
        queryset=UnitKerja.objects.none(),
        widget=forms.Select(attrs=_SELECT),
        error_messages={"invalid_choice": "Pilih unit layanan dari daftar."},
    )
    periode = forms.ModelChoiceField(
        label="Tahun",
        queryset=PeriodeKinerja.objects.order_by("-tahun"),
        empty_label=None,
        widget=forms.Select(attrs=_SELECT),
        error_messages={"invalid_choice": "Pilih tahun dari daftar."},
    )

    def __init__(self, *args, unit_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_kerja"].queryset = unit_qs
        self.fields["periode"].label_from_instance = lambda p: str(p.tahun)
