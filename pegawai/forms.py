from django import forms
from django.conf import settings

from .models import Jabatan, Pegawai, UnitKerja
from .services import correctable_field_choices

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PegawaiForm(forms.ModelForm):
    class Meta:
        model = Pegawai
        fields = [
            "nip",
            "nama",
            "gelar_depan",
            "gelar_belakang",
            "tempat_lahir",
            "tanggal_lahir",
            "jenis_kelamin",
            "agama",
            "status_perkawinan",
            "status_kepegawaian",
            "golongan",
            "tmt_golongan",
            "mkg_tahun",
            "mkg_bulan",
            "tmt_cpns",
            "unit_kerja",
            "jabatan",
            "tmt_jabatan",
            "pendidikan_jenjang",
            "pendidikan_jurusan",
            "npwp",
            "nama_bank",
            "nomor_rekening",
            "email",
            "telepon",
            "aktif",
        ]
        widgets = {
            "tanggal_lahir": DATE_WIDGET,
            "tmt_golongan": DATE_WIDGET,
            "tmt_cpns": DATE_WIDGET,
            "tmt_jabatan": DATE_WIDGET,
        }

    def __init__(self, *args, unit_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if unit_queryset is not None:
            self.fields["unit_kerja"].queryset = unit_queryset
            self.fields["jabatan"].queryset = Jabatan.objects.filter(
                unit_kerja__in=unit_queryset
            ).select_related("unit_kerja")
        self.fields["jabatan"].label_from_instance = lambda j: f"{j.nama} — {j.unit_kerja.nama}"
        self.fields["unit_kerja"].label_from_instance = lambda u: ("— " * u.kedalaman) + u.nama


class UnitKerjaForm(forms.ModelForm):
    class Meta:
        model = UnitKerja
        fields = ["kode", "nama", "jenis", "induk", "aktif"]


class UsulanPerubahanForm(forms.Form):
    field = forms.ChoiceField(label="Data yang diubah", choices=())
    nilai_baru = forms.CharField(label="Nilai baru", max_length=255)
    alasan = forms.CharField(label="Alasan perubahan", widget=forms.Textarea(attrs={"rows": 3}))
    bukti = forms.FileField(
        label="Bukti dukung (PDF/JPG/PNG)",
        help_text="Misalnya ijazah, buku rekening, kartu NPWP. Maksimal 5 MB.",
    )

    ALLOWED_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = correctable_field_choices()

    def clean_bukti(self):
        bukti = self.cleaned_data["bukti"]
        if not bukti.name.lower().endswith(self.ALLOWED_EXTENSIONS):
            raise forms.ValidationError("Bukti harus berupa berkas PDF, JPG atau PNG.")
        if bukti.size > settings.ASN_BUKTI_MAX_BYTES:
            raise forms.ValidationError("Ukuran bukti melebihi 5 MB.")
        return bukti


class KeputusanForm(forms.Form):
    keputusan = forms.ChoiceField(
        label="Keputusan", choices=[("setuju", "Setujui"), ("tolak", "Tolak")], widget=forms.RadioSelect
    )
    catatan = forms.CharField(
        label="Catatan / alasan penolakan", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
