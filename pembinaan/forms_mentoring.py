"""Forms of mentoring/coaching and of the evaluation of activities (the services check again)."""

from __future__ import annotations

from django import forms

from core.history import MAX_ALASAN

from .models import EvaluasiKegiatan, JenisMentoring

SKALA = [(str(i), str(i)) for i in range(1, 6)]


class UsulanForm(forms.Form):
    mentor_nip = forms.CharField(label="NIP mentor", max_length=18)
    mentee_nip = forms.CharField(label="NIP mentee", max_length=18)
    jenis = forms.ChoiceField(label="Jenis", choices=JenisMentoring.choices)
    tujuan = forms.CharField(
        label="Tujuan", required=False, max_length=MAX_ALASAN, widget=forms.Textarea(attrs={"rows": 2})
    )


class KapasitasForm(forms.Form):
    mentor_nip = forms.CharField(label="NIP mentor", max_length=18)
    maks_mentee = forms.IntegerField(label="Maksimal mentee", min_value=0, max_value=20)


class SesiForm(forms.Form):
    tanggal = forms.DateField(label="Tanggal", widget=forms.DateInput(attrs={"type": "date"}))
    durasi_menit = forms.IntegerField(label="Durasi (menit)", min_value=1, max_value=600)
    agenda = forms.CharField(label="Agenda", max_length=300)
    catatan = forms.CharField(
        label="Catatan", required=False, max_length=MAX_ALASAN, widget=forms.Textarea(attrs={"rows": 2})
    )
    tindak_lanjut = forms.CharField(
        label="Tindak lanjut yang disepakati",
        required=False,
        max_length=MAX_ALASAN,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class UmpanBalikForm(forms.Form):
    nilai_materi = forms.TypedChoiceField(label="Materi", choices=SKALA, coerce=int, widget=forms.RadioSelect)
    nilai_penyaji = forms.TypedChoiceField(
        label="Penyaji/fasilitator", choices=SKALA, coerce=int, widget=forms.RadioSelect
    )
    nilai_manfaat = forms.TypedChoiceField(
        label="Manfaat bagi pekerjaan", choices=SKALA, coerce=int, widget=forms.RadioSelect
    )
    saran = forms.CharField(
        label="Kesan dan saran",
        required=False,
        max_length=MAX_ALASAN,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TesForm(forms.Form):
    nilai_pre_test = forms.DecimalField(
        label="Nilai pre-test", required=False, min_value=0, max_value=100, decimal_places=2
    )
    nilai_post_test = forms.DecimalField(
        label="Nilai post-test", required=False, min_value=0, max_value=100, decimal_places=2
    )
    lulus = forms.TypedChoiceField(
        label="Hasil",
        choices=[("", "Belum ditentukan"), ("1", "Lulus"), ("0", "Tidak lulus")],
        required=False,
        coerce=lambda v: v == "1",
        empty_value=None,
    )


class PenerapanForm(forms.Form):
    penerapan = forms.ChoiceField(
        label="Penerapan di tempat kerja",
        choices=EvaluasiKegiatan.Penerapan.choices,
        widget=forms.RadioSelect,
    )
    catatan_penerapan = forms.CharField(
        label="Catatan atasan",
        required=False,
        max_length=MAX_ALASAN,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
