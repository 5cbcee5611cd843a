from __future__ import annotations

from django import forms

from core.history import MAX_ALASAN

from .models import Bentuk, JenisPenyelenggara


class KlaimForm(forms.Form):
    nama_pelatihan = forms.CharField(label="Nama kegiatan", max_length=300)
    bentuk = forms.ChoiceField(label="Bentuk (Peraturan LAN 10/2018)", choices=Bentuk.choices)
    penyelenggara = forms.CharField(label="Penyelenggara", max_length=200, required=False)
    jenis_penyelenggara = forms.ChoiceField(
        label="Jenis penyelenggara", choices=[("", "—"), *JenisPenyelenggara.choices], required=False
    )
    tanggal_mulai = forms.DateField(label="Tanggal mulai", widget=forms.DateInput(attrs={"type": "date"}))
    tanggal_selesai = forms.DateField(label="Tanggal selesai", widget=forms.DateInput(attrs={"type": "date"}))
    jp_tertera = forms.DecimalField(
        label="JP tertera pada sertifikat", required=False, min_value=0, max_value=9999, decimal_places=2
    )
    durasi_menit = forms.IntegerField(
        label="Durasi (menit), bila sertifikat tidak mencantumkan JP", required=False, min_value=1
    )
    nomor_sertifikat = forms.CharField(label="Nomor sertifikat", max_length=100, required=False)
    bukti = forms.FileField(label="Bukti (sertifikat PDF/JPG/PNG)", required=False)
    catatan = forms.CharField(
        label="Catatan", required=False, max_length=MAX_ALASAN, widget=forms.Textarea(attrs={"rows": 2})
    )
