"""Forms of the event side and of e-learning authoring (h6). Services check again; forms give the user
the field-level messages."""

from __future__ import annotations

from django import forms

from core.history import MAX_ALASAN

from .models import Modul, Pelajaran, Pelaksanaan, Program

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
JAM = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class AlasanMixin(forms.Form):
    alasan = forms.CharField(
        label="Alasan perubahan (tercatat di riwayat)", required=False, max_length=MAX_ALASAN
    )


class ProgramForm(forms.ModelForm, AlasanMixin):
    class Meta:
        model = Program
        fields = ["nama", "kompetensi", "bentuk", "jp", "jenis_penyelenggara", "penyelenggara", "aktif"]


class PelaksanaanForm(forms.ModelForm, AlasanMixin):
    kuota_opd = forms.CharField(
        label="Kuota per OPD (satu per baris: kode_opd=jumlah; kosongkan bila bebas)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Pelaksanaan
        fields = [
            "program",
            "nama",
            "tanggal_mulai",
            "tanggal_selesai",
            "tempat",
            "daring",
            "kuota",
            "biaya",
            "jp",
            "kehadiran_minimal",
            "keterangan",
        ]
        widgets = {
            "tanggal_mulai": TANGGAL,
            "tanggal_selesai": TANGGAL,
            "keterangan": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.filter(aktif=True).order_by("nama")
        self.fields["jp"].help_text = "JP yang tertera pada sertifikat (dari katalog bila kosong)."
        self.fields["jp"].required = False

    def clean_kuota_opd(self) -> dict[str, int]:
        hasil: dict[str, int] = {}
        for i, baris in enumerate((self.cleaned_data.get("kuota_opd") or "").splitlines(), start=1):
            if not baris.strip():
                continue
            kode, _, jumlah = baris.partition("=")
            if not jumlah.strip().isdigit():
                raise forms.ValidationError(f"Baris {i}: tulis kode_opd=jumlah, mis. A=5.")
            hasil[kode.strip()] = int(jumlah.strip())
        return hasil


class SesiForm(forms.Form):
    tanggal = forms.DateField(label="Tanggal", widget=TANGGAL)
    jam_mulai = forms.TimeField(label="Jam mulai", widget=JAM)
    jam_selesai = forms.TimeField(label="Jam selesai", widget=JAM)
    tempat = forms.CharField(label="Tempat atau tautan daring", required=False)
    materi = forms.CharField(label="Materi", required=False)


class NominasiForm(forms.Form):
    nip = forms.CharField(label="NIP pegawai", max_length=18)
    catatan = forms.CharField(label="Catatan", required=False)


class SusulanForm(NominasiForm):
    """The organiser records a participant after the run ended; the reason goes to history."""

    catatan = forms.CharField(
        label="Alasan pencatatan susulan",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Mis. hadir tetapi belum terdaftar; nomor surat tugas. Paling panjang 500 karakter.",
    )


class ModulForm(forms.ModelForm, AlasanMixin):
    class Meta:
        model = Modul
        fields = [
            "judul",
            "kompetensi",
            "deskripsi",
            "program",
            "durasi_menit",
            "nilai_lulus",
            "dibuka",
            "ditutup",
            "terbit",
        ]
        widgets = {"dibuka": TANGGAL, "ditutup": TANGGAL, "deskripsi": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["durasi_menit"].help_text = "JP dihitung dari durasi ini menurut aturan JP e-learning."


class PelajaranForm(forms.Form):
    judul = forms.CharField(label="Judul pelajaran")
    jenis = forms.ChoiceField(label="Jenis", choices=Pelajaran.Jenis.choices)
    isi = forms.CharField(label="Isi (teks)", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    berkas = forms.FileField(label="Berkas PDF", required=False)
    tautan_video = forms.URLField(label="Tautan video", required=False, assume_scheme="https")


class SoalForm(forms.Form):
    teks = forms.CharField(label="Pertanyaan", widget=forms.Textarea(attrs={"rows": 2}))
    pilihan_1 = forms.CharField(label="Pilihan A")
    pilihan_2 = forms.CharField(label="Pilihan B")
    pilihan_3 = forms.CharField(label="Pilihan C", required=False)
    pilihan_4 = forms.CharField(label="Pilihan D", required=False)
    benar = forms.ChoiceField(label="Jawaban benar", choices=[("0", "A"), ("1", "B"), ("2", "C"), ("3", "D")])


class PelajaranUbahForm(PelajaranForm, AlasanMixin):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["berkas"].help_text = "Kosongkan untuk tetap memakai berkas yang ada."

    @classmethod
    def awal(cls, pelajaran: Pelajaran) -> dict:
        return {
            "judul": pelajaran.judul,
            "jenis": pelajaran.jenis,
            "isi": pelajaran.isi,
            "tautan_video": pelajaran.tautan_video,
        }


class SoalUbahForm(SoalForm, AlasanMixin):
    @classmethod
    def awal(cls, soal, pilihan: list) -> dict:
        data = {"teks": soal.teks, "benar": "0"}
        for i, p in enumerate(pilihan[:4]):
            data[f"pilihan_{i + 1}"] = p.teks
            if p.benar:
                data["benar"] = str(i)
        return data
