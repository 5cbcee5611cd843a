"""Forms of the signatory master data (Admin BKD)."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.forms.models import construct_instance

from core.history import MAX_ALASAN

from .models import Pegawai, Penandatangan, UnitKerja


class PenandatanganForm(forms.ModelForm):
    nip_pegawai = forms.CharField(
        label="NIP pegawai",
        required=False,
        max_length=30,
        help_text="Isi bila penandatangan adalah pegawai: nama, NIP dan pangkat diambil dari datanya.",
    )

    class Meta:
        model = Penandatangan
        fields = [
            "peran",
            "opd",
            "jabatan",
            "atas_nama",
            "nip_pegawai",
            "nama",
            "nip",
            "pangkat",
            "berlaku_mulai",
            "berlaku_sampai",
            "keterangan",
        ]
        widgets = {
            "berlaku_mulai": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "berlaku_sampai": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "keterangan": forms.Textarea(attrs={"rows": 2, "maxlength": MAX_ALASAN}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = UnitKerja.objects.filter(jenis=UnitKerja.Jenis.OPD).order_by("nama")
        self.fields["keterangan"].max_length = MAX_ALASAN
        self.fields["keterangan"].validators.append(MaxLengthValidator(MAX_ALASAN))
        if self.instance.pegawai_id and not self.is_bound:
            self.initial["nip_pegawai"] = self.instance.pegawai.nip

    def clean_nip_pegawai(self):
        nip = "".join((self.cleaned_data.get("nip_pegawai") or "").split())
        if not nip:
            self.instance.pegawai = None
            return ""
        pegawai = Pegawai.objects.select_related("golongan").filter(nip=nip).first()
        if pegawai is None:
            raise forms.ValidationError(f"Pegawai dengan NIP {nip} tidak ditemukan.")
        self.instance.pegawai = pegawai
        return nip

    def _post_clean(self):
        # Only copy the values onto the instance: the service validates the record (including the
        # one-signatory-per-period constraint) after ending a predecessor's period on a handover.
        self.instance = construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)


class AkhiriForm(forms.Form):
    berlaku_sampai = forms.DateField(
        label="Berlaku sampai (hari terakhir menandatangani)",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    alasan = forms.CharField(
        label="Alasan",
        required=False,
        max_length=MAX_ALASAN,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": MAX_ALASAN}),
    )
