"""Forms of the penggajian pages. They only bind and clean input; the services decide and write."""

from __future__ import annotations

import re

from django import forms
from django.forms import inlineformset_factory

from core.dates import NAMA_BULAN
from core.forms import AlasanField
from pegawai.models import Pegawai, UnitKerja

from . import selectors
from .models import (
    AturanGaji,
    AturanTambahan,
    AturanTpp,
    KodePotonganTpp,
    PaguTpp,
    PersenPredikatTpp,
    RapelGaji,
    RunGaji,
    TunjanganFungsional,
)
from .services.aturan import PREDIKAT, persen_teks

# --- runs ---------------------------------------------------------------------------------------------


class HitungForm(forms.Form):
    jenis = forms.ChoiceField(
        label="Jenis", choices=RunGaji.Jenis.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    bulan = forms.CharField(
        label="Bulan",
        widget=forms.DateInput(attrs={"type": "month", "class": "form-control"}),
        help_text="Bulan gaji, mis. 2026-11.",
    )

    def clean_bulan(self) -> tuple[int, int]:
        match = re.fullmatch(r"(\d{4})-(\d{2})", self.cleaned_data["bulan"].strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise forms.ValidationError("Tulis bulan sebagai YYYY-MM, mis. 2026-11.")
        return int(match.group(1)), int(match.group(2))


# --- rapel --------------------------------------------------------------------------------------------

PILIHAN_BULAN = [(i, nama) for i, nama in enumerate(NAMA_BULAN, start=1)]


class RapelForm(forms.Form):
    jenis = forms.ChoiceField(label="Jenis", choices=RapelGaji.Jenis.choices)
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    bulan_mulai = forms.TypedChoiceField(label="Dari bulan", choices=PILIHAN_BULAN, coerce=int)
    bulan_akhir = forms.TypedChoiceField(label="Sampai bulan", choices=PILIHAN_BULAN, coerce=int)
    opd = forms.ModelChoiceField(
        label="OPD",
        queryset=UnitKerja.objects.filter(jenis=UnitKerja.Jenis.OPD).order_by("nama"),
        required=False,
        empty_label="Semua OPD",
    )
    alasan = AlasanField(
        label="Alasan / dasar hukum",
        rows=2,
        help_text="Mis. “PP 5/2024: kenaikan gaji pokok berlaku surut 1 Januari 2024”.",
    )


# --- pay rules ----------------------------------------------------------------------------------------


class AturanTppForm(forms.ModelForm):
    status_dikecualikan = forms.MultipleChoiceField(
        label="Status kepegawaian yang tidak menerima TPP",
        choices=Pegawai.Status.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = AturanTpp
        fields = [
            "nama", "dasar_hukum", "berlaku_mulai", "keterangan", "persen_kinerja", "persen_disiplin",
            "persen_tanpa_keterangan", "lantai_disiplin", "persen_tanpa_predikat", "persen_hukdis_sedang",
            "persen_hukdis_berat", "persen_cpns", "status_dikecualikan", "potong_pph", "bpjs_termasuk_tpp",
        ]  # fmt: skip
        widgets = {
            "berlaku_mulai": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "keterangan": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        data = super().clean()
        kinerja, disiplin = data.get("persen_kinerja"), data.get("persen_disiplin")
        if kinerja is not None and disiplin is not None and kinerja + disiplin != 100:
            self.add_error(
                "persen_disiplin",
                f"Bobot kinerja + disiplin harus 100 %, sekarang {persen_teks(kinerja + disiplin)} %.",
            )
        return data


class PersenPredikatForm(forms.ModelForm):
    predikat = forms.ChoiceField(label="Predikat", choices=[(p, p.title()) for p in PREDIKAT])

    class Meta:
        model = PersenPredikatTpp
        fields = ["predikat", "persen"]


PaguFormSet = inlineformset_factory(
    AturanTpp, PaguTpp, fields=["kelas_jabatan", "jumlah"], extra=1, can_delete=True
)
PredikatFormSet = inlineformset_factory(
    AturanTpp, PersenPredikatTpp, form=PersenPredikatForm, extra=0, can_delete=True
)
KodeFormSet = inlineformset_factory(
    AturanTpp, KodePotonganTpp, fields=["kode", "keterangan", "persen", "satuan"], extra=1, can_delete=True
)


class FungsionalForm(forms.ModelForm):
    class Meta:
        model = TunjanganFungsional
        fields = ["nama", "jenjang", "jumlah", "dasar_hukum", "terverifikasi"]

    def clean_jumlah(self):
        jumlah = self.cleaned_data["jumlah"]
        if jumlah is not None and jumlah < 0:
            raise forms.ValidationError("Tunjangan tidak boleh negatif.")
        return jumlah


FungsionalFormSet = inlineformset_factory(
    AturanGaji, TunjanganFungsional, form=FungsionalForm, extra=2, can_delete=True
)


class AturanTambahanForm(forms.ModelForm):
    class Meta:
        model = AturanTambahan
        fields = [
            "jenis", "tahun", "dasar_hukum", "tunjangan_keluarga", "tunjangan_pangan", "tunjangan_jabatan",
            "persen_tpp", "catatan",
        ]  # fmt: skip
        widgets = {"catatan": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        jenis, tahun = data.get("jenis"), data.get("tahun")
        if jenis and tahun:
            lain = AturanTambahan.objects.filter(jenis=jenis, tahun=tahun).exclude(pk=self.instance.pk)
            if lain.exists():
                self.add_error(
                    "tahun", f"Aturan {AturanTambahan.Jenis(jenis).label} tahun {tahun} sudah ada."
                )
        return data


# --- attendance -------------------------------------------------------------------------------------


class RekapForm(forms.Form):
    nip = forms.CharField(label="NIP", max_length=21)
    bulan = forms.CharField(label="Bulan", widget=forms.DateInput(attrs={"type": "month"}))
    hari_kerja = forms.IntegerField(label="Hari kerja", min_value=0, max_value=31)
    tanpa_keterangan = forms.IntegerField(
        label="Tanpa keterangan (hari)", min_value=0, max_value=31, initial=0
    )

    def __init__(self, *args, kode: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.kode = kode
        for k, keterangan in kode:
            self.fields[f"kode_{k}"] = forms.IntegerField(
                label=f"{k} — {keterangan}", min_value=0, max_value=999, initial=0, required=False
            )

    def clean_bulan(self):
        match = re.fullmatch(r"(\d{4})-(\d{2})", self.cleaned_data["bulan"].strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise forms.ValidationError("Tulis bulan sebagai YYYY-MM, mis. 2026-11.")
        return int(match.group(1)), int(match.group(2))

    def clean(self):
        data = super().clean()
        hk, tk = data.get("hari_kerja"), data.get("tanpa_keterangan")
        if hk is not None and tk is not None and tk > hk:
            self.add_error("tanpa_keterangan", f"{tk} hari melebihi hari kerja ({hk}).")
        if data.get("bulan") and not self.kode:
            tahun, bulan = data["bulan"]
            try:
                selectors.aturan_tpp_model(tahun, bulan)
            except selectors.AturanTidakAda as exc:
                self.add_error("bulan", str(exc))
        return data
