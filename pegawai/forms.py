from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from core.forms import AlasanField
from core.uploads import GAMBAR_PDF_EKSTENSI, upload_check

from .models import Golongan, Jabatan, Keluarga, Pegawai, UnitKerja, UraianTugasJabatan
from .services import ATASAN_TIDAK_DIKENAL, correctable_field_choices

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
            "tugas_belajar_mulai",
            "tugas_belajar_selesai",
            "pendidikan_jenjang",
            "pendidikan_jurusan",
            "npwp",
            "nama_bank",
            "nomor_rekening",
            "email",
            "telepon",
            "aktif",
            "atasan_manual",
        ]
        widgets = {
            "tanggal_lahir": DATE_WIDGET,
            "tmt_golongan": DATE_WIDGET,
            "tmt_cpns": DATE_WIDGET,
            "tmt_jabatan": DATE_WIDGET,
            "tugas_belajar_mulai": DATE_WIDGET,
            "tugas_belajar_selesai": DATE_WIDGET,
        }

    def __init__(self, *args, unit_queryset=None, atasan_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Who may be named atasan: the editor's scope (a manual atasan gains read access to the employee).
        self.atasan_queryset = Pegawai.objects.all() if atasan_queryset is None else atasan_queryset
        if unit_queryset is not None:
            self.fields["unit_kerja"].queryset = unit_queryset
            self.fields["jabatan"].queryset = Jabatan.objects.filter(
                unit_kerja__in=unit_queryset
            ).select_related("unit_kerja")
        self.fields["jabatan"].label_from_instance = lambda j: f"{j.nama} — {j.unit_kerja.nama}"
        self.fields["unit_kerja"].label_from_instance = lambda u: ("— " * u.kedalaman) + u.nama
        # Override of the derived superior: a search-free select would list 50,000 people, so it takes
        # the atasan's NIP and shows the current one.
        self.fields["nip_atasan"] = forms.CharField(
            label="NIP atasan (jika ditetapkan manual)",
            required=False,
            initial=self.instance.atasan.nip if self.instance.pk and self.instance.atasan_id else "",
            help_text="Diisi hanya bila 'atasan ditetapkan manual' dicentang.",
        )
        if self.instance.pk:
            self.fields["alasan_perubahan"] = AlasanField(
                label="Alasan perubahan (tercatat di riwayat)",
                required=False,
                widget=forms.TextInput(attrs={"placeholder": "mis. sesuai SK nomor …"}),
            )

    def clean(self):
        data = super().clean()
        nip_atasan = (data.get("nip_atasan") or "").replace(" ", "")
        if data.get("atasan_manual"):
            if not nip_atasan:
                self.add_error("nip_atasan", "Isi NIP atasan bila atasan ditetapkan manual.")
            else:
                atasan = self.atasan_queryset.filter(nip=nip_atasan).first()
                if atasan is None:
                    # The same answer for a NIP outside the editor's scope as for one that does not exist.
                    self.add_error("nip_atasan", ATASAN_TIDAK_DIKENAL)
                elif self.instance.pk and atasan.pk == self.instance.pk:
                    self.add_error("nip_atasan", "Pegawai tidak dapat menjadi atasan dirinya sendiri.")
                else:
                    self.instance.atasan = atasan
        return data


class UnitKerjaForm(forms.ModelForm):
    class Meta:
        model = UnitKerja
        fields = ["kode", "nama", "jenis", "induk", "aktif"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["induk"].queryset = UnitKerja.objects.order_by("path")
        self.fields["induk"].label_from_instance = lambda u: ("— " * u.kedalaman) + u.nama
        self.fields["induk"].help_text = "Kosongkan hanya untuk OPD."


class JabatanForm(forms.ModelForm):
    class Meta:
        model = Jabatan
        fields = [
            "unit_kerja",
            "nama",
            "jenis",
            "eselon",
            "jenjang_fungsional",
            "kelas_jabatan",
            "kebutuhan",
            "is_kepala",
            "atasan_override",
            "syarat_pendidikan",
            "syarat_jurusan",
            "syarat_golongan",
            "kompetensi",
        ]
        widgets = {
            "syarat_jurusan": forms.TextInput(
                attrs={"placeholder": "mis. Kesehatan Masyarakat; Keperawatan"}
            ),
            "kompetensi": forms.TextInput(attrs={"placeholder": "mis. Pengelolaan data; Surveilans"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_kerja"].queryset = UnitKerja.objects.order_by("path")
        self.fields["unit_kerja"].label_from_instance = lambda u: ("— " * u.kedalaman) + u.nama
        self.fields["atasan_override"].queryset = Jabatan.objects.filter(is_kepala=True).select_related(
            "unit_kerja"
        )
        self.fields["atasan_override"].label_from_instance = lambda j: f"{j.nama} — {j.unit_kerja.nama}"
        self.fields["syarat_golongan"].queryset = Golongan.objects.order_by("jenis", "urutan")
        self.fields["syarat_golongan"].label_from_instance = lambda g: f"{g.kode} ({g.jenis})"
        if self.instance.pk and self.instance.sumber_kebutuhan == Jabatan.SumberKebutuhan.ABK:
            self.fields["kebutuhan"].disabled = True
            self.fields[
                "kebutuhan"
            ].help_text = "Dihitung dari uraian tugas (ABK); ubah melalui halaman uraian tugas jabatan ini."
        if self.instance.pk:
            self.fields["alasan_perubahan"] = AlasanField(
                label="Alasan perubahan (tercatat di riwayat)",
                required=False,
                widget=forms.TextInput(attrs={"placeholder": "mis. hasil ABK tahun 2026"}),
            )

    def clean(self):
        data = super().clean()
        jenis = data.get("jenis")
        if jenis in Jabatan.STRUKTURAL and not data.get("eselon"):
            self.add_error("eselon", "Jabatan struktural wajib memiliki eselon.")
        if jenis == Jabatan.Jenis.FUNGSIONAL and not data.get("jenjang_fungsional"):
            self.add_error("jenjang_fungsional", "Jabatan fungsional wajib memiliki jenjang.")
        return data


class UsulanPerubahanForm(forms.Form):
    field = forms.ChoiceField(label="Data yang diubah", choices=())
    nilai_baru = forms.CharField(label="Nilai baru", max_length=255)
    alasan = AlasanField(label="Alasan perubahan", widget=forms.Textarea(attrs={"rows": 3}))
    bukti = forms.FileField(
        label="Bukti dukung (PDF/JPG/PNG)",
        help_text="Misalnya ijazah, buku rekening, kartu NPWP. Maksimal 5 MB.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = correctable_field_choices()

    def clean_bukti(self):
        bukti = self.cleaned_data["bukti"]
        try:
            upload_check(bukti, allowed=GAMBAR_PDF_EKSTENSI, max_bytes=settings.ASN_BUKTI_MAX_BYTES)
        except ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["berkas"]) from None
        return bukti


class KeputusanForm(forms.Form):
    keputusan = forms.ChoiceField(
        label="Keputusan", choices=[("setuju", "Setujui"), ("tolak", "Tolak")], widget=forms.RadioSelect
    )
    catatan = AlasanField(
        label="Catatan / alasan penolakan", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


UraianTugasFormSet = forms.modelformset_factory(
    UraianTugasJabatan,
    fields=["uraian", "volume_per_tahun", "waktu_penyelesaian_menit"],
    widgets={"uraian": forms.TextInput()},
    extra=3,
    can_delete=True,
)


KeluargaFormSet = forms.modelformset_factory(
    Keluarga,
    fields=["hubungan", "nama", "tanggal_lahir", "dapat_tunjangan"],
    widgets={"tanggal_lahir": DATE_WIDGET},
    extra=2,
    can_delete=True,
)
