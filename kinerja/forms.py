"""Forms of the kinerja pages. They only bind and clean input; the services decide and write."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from core.forms import AlasanField

from .models import (
    HasilKerja,
    Indikator,
    PerilakuKerja,
    Predikat,
    PredikatOrganisasi,
    Rating,
    SasaranUnit,
    SesiPembinaan,
)

_TEXT = {"class": "form-control"}
_SELECT = {"class": "form-select"}
RATING_PILIHAN = [("", "— pilih —"), *Rating.choices]


class HasilKerjaForm(forms.Form):
    jenis = forms.ChoiceField(
        label="Jenis", choices=HasilKerja.Jenis.choices, widget=forms.Select(attrs=_SELECT)
    )
    uraian = forms.CharField(
        label="Rencana hasil kerja",
        max_length=500,
        widget=forms.Textarea(attrs={**_TEXT, "rows": 2}),
    )
    mendukung = forms.ModelChoiceField(
        label="Mendukung hasil kerja atasan",
        queryset=HasilKerja.objects.none(),
        required=False,
        empty_label="— tidak dikaitkan —",
        widget=forms.Select(attrs=_SELECT),
    )
    sasaran_unit = forms.ModelChoiceField(
        label="Mendukung sasaran unit",
        queryset=SasaranUnit.objects.none(),
        required=False,
        empty_label="— tidak dikaitkan —",
        widget=forms.Select(attrs=_SELECT),
    )

    def __init__(self, *args, hasil_kerja_atasan=None, sasaran_unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mendukung"].queryset = hasil_kerja_atasan or HasilKerja.objects.none()
        if sasaran_unit is None:
            del self.fields["sasaran_unit"]
        else:
            self.fields["sasaran_unit"].queryset = sasaran_unit


class IndikatorForm(forms.Form):
    uraian = forms.CharField(label="Indikator", max_length=500, widget=forms.TextInput(attrs=_TEXT))
    jenis = forms.ChoiceField(
        label="Jenis target",
        choices=Indikator.Jenis.choices,
        initial=Indikator.Jenis.KUANTITATIF,
        widget=forms.Select(attrs=_SELECT),
    )
    target_angka = forms.DecimalField(
        label="Target",
        required=False,
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={**_TEXT, "step": "any"}),
    )
    satuan = forms.CharField(
        label="Satuan", max_length=40, required=False, widget=forms.TextInput(attrs=_TEXT)
    )
    target_teks = forms.CharField(
        label="Target kualitatif", max_length=300, required=False, widget=forms.TextInput(attrs=_TEXT)
    )


IndikatorFormSet = forms.formset_factory(IndikatorForm, extra=0, can_delete=True)


class KembalikanForm(forms.Form):
    catatan = AlasanField(label="Catatan perbaikan")


class EkspektasiForm(forms.Form):
    """The atasan's specific expectation for each of the 7 BerAKHLAK values, written when approving."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for aspek, label in PerilakuKerja.Aspek.choices:
            self.fields[aspek] = forms.CharField(
                label=label,
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={**_TEXT, "rows": 1}),
            )


def _pilihan_hasil_kerja(field, skp) -> None:
    """The SKP's rows; preselected when there is only one."""
    rows = list(skp.hasil_kerja.all())
    field.queryset = skp.hasil_kerja.all()
    field.empty_label = "— pilih hasil kerja —"
    if len(rows) == 1:
        field.initial = rows[0].pk


class BuktiForm(forms.Form):
    hasil_kerja = forms.ModelChoiceField(
        label="Hasil kerja", queryset=HasilKerja.objects.none(), widget=forms.Select(attrs=_SELECT)
    )
    berkas = forms.FileField(
        label="Berkas (PDF, JPG, PNG, XLSX, DOCX; maks. 5 MB)",
        widget=forms.ClearableFileInput(attrs={**_TEXT, "accept": ".pdf,.jpg,.jpeg,.png,.xlsx,.docx"}),
    )
    keterangan = forms.CharField(
        label="Keterangan", max_length=300, required=False, widget=forms.TextInput(attrs=_TEXT)
    )

    def __init__(self, *args, skp, **kwargs):
        super().__init__(*args, **kwargs)
        _pilihan_hasil_kerja(self.fields["hasil_kerja"], skp)


class LogHarianForm(forms.Form):
    tanggal = forms.DateField(
        label="Tanggal",
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={**_TEXT, "type": "date"}, format="%Y-%m-%d"),
    )
    hasil_kerja = forms.ModelChoiceField(
        label="Hasil kerja", queryset=HasilKerja.objects.none(), widget=forms.Select(attrs=_SELECT)
    )
    uraian = forms.CharField(label="Uraian kegiatan", max_length=500, widget=forms.TextInput(attrs=_TEXT))
    jumlah = forms.DecimalField(
        label="Jumlah output",
        required=False,
        max_digits=10,
        decimal_places=2,
        widget=forms.NumberInput(attrs={**_TEXT, "step": "any"}),
    )
    satuan = forms.CharField(
        label="Satuan", max_length=40, required=False, widget=forms.TextInput(attrs=_TEXT)
    )

    def __init__(self, *args, skp, **kwargs):
        super().__init__(*args, **kwargs)
        _pilihan_hasil_kerja(self.fields["hasil_kerja"], skp)


class UmpanBalikForm(forms.Form):
    isi = forms.CharField(
        label="Umpan balik", max_length=2000, widget=forms.Textarea(attrs={**_TEXT, "rows": 2})
    )


class SesiPembinaanForm(forms.Form):
    jenis = forms.ChoiceField(
        label="Jenis", choices=SesiPembinaan.Jenis.choices, widget=forms.Select(attrs=_SELECT)
    )
    tanggal = forms.DateField(
        label="Tanggal",
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={**_TEXT, "type": "date"}, format="%Y-%m-%d"),
    )
    permasalahan = forms.CharField(label="Permasalahan", widget=forms.Textarea(attrs={**_TEXT, "rows": 2}))
    tindak_lanjut = forms.CharField(
        label="Tindak lanjut", required=False, widget=forms.Textarea(attrs={**_TEXT, "rows": 2})
    )


class PenilaianForm(forms.Form):
    rating_hasil_kerja = forms.ChoiceField(
        label="Rating hasil kerja", choices=RATING_PILIHAN, widget=forms.Select(attrs=_SELECT)
    )
    rating_perilaku_kerja = forms.ChoiceField(
        label="Rating perilaku kerja", choices=RATING_PILIHAN, widget=forms.Select(attrs=_SELECT)
    )
    catatan = AlasanField(label="Catatan/rekomendasi", required=False, rows=2)


class KeberatanForm(forms.Form):
    alasan = AlasanField(label="Alasan keberatan")


class KeputusanKeberatanForm(forms.Form):
    dikabulkan = forms.TypedChoiceField(
        label="Keputusan",
        choices=[("0", "Tolak keberatan"), ("1", "Kabulkan keberatan")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    alasan_keputusan = AlasanField(label="Alasan keputusan")
    rating_hasil_kerja = forms.ChoiceField(
        label="Rating hasil kerja baru",
        choices=RATING_PILIHAN,
        required=False,
        widget=forms.Select(attrs=_SELECT),
    )
    rating_perilaku_kerja = forms.ChoiceField(
        label="Rating perilaku kerja baru",
        choices=RATING_PILIHAN,
        required=False,
        widget=forms.Select(attrs=_SELECT),
    )


class PredikatUnitForm(forms.Form):
    predikat = forms.ChoiceField(
        label="Predikat unit",
        choices=PredikatOrganisasi.choices,
        widget=forms.Select(attrs=_SELECT),
        error_messages={"required": "Pilih predikat unit.", "invalid_choice": "Pilih predikat unit."},
    )
    catatan = AlasanField(label="Catatan", required=False, widget=forms.TextInput(attrs=_TEXT))


PREDIKAT_WARNA = {
    Predikat.SANGAT_BAIK: "success",
    Predikat.BAIK: "primary",
    Predikat.BUTUH_PERBAIKAN: "warning",
    Predikat.KURANG: "danger",
    Predikat.SANGAT_KURANG: "dark",
}
