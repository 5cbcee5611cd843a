"""Forms of the mutasi pages. They only bind and clean input; the services check the rules and write."""

from __future__ import annotations

from django import forms

from core.history import MAX_ALASAN
from pegawai.models import Jabatan, UnitKerja

from .models import (
    AnggotaTPK,
    JenisUsulan,
    KodeGuard,
    MasaLarangan,
    PreferensiMutasi,
    RekomendasiTPK,
    SidangTPK,
    UsulanMutasi,
)

TANGGAL = {"type": "date", "class": "form-control"}


def _teks(
    label: str, *, required: bool = True, max_length: int = MAX_ALASAN, rows: int = 3
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows, "class": "form-control"}),
    )


def _isian(label: str, *, required: bool = False, max_length: int = 100) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


def _tanggal(label: str, *, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs=TANGGAL, format="%Y-%m-%d")
    )


class JabatanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Jabatan) -> str:
        return f"{obj.nama} — {obj.unit_kerja.nama}"


def jabatan_queryset():
    return Jabatan.objects.select_related("unit_kerja").order_by("unit_kerja__path", "-is_kepala", "nama")


class UsulanForm(forms.Form):
    jenis = forms.ChoiceField(
        label="Jenis mutasi", choices=JenisUsulan.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    nip = _isian("NIP pegawai", max_length=30)
    jabatan_tujuan = JabatanChoiceField(
        label="Jabatan tujuan",
        queryset=Jabatan.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    tmt_rencana = _tanggal("TMT yang direncanakan", required=True)
    alasan = _teks("Alasan usulan")
    nama_pegawai = _isian("Nama pegawai (mutasi masuk, belum ada di data)", max_length=150)
    nip_pegawai = _isian("NIP pegawai (mutasi masuk)", max_length=18)
    instansi = _isian("Instansi lain (asal untuk mutasi masuk, tujuan untuk mutasi keluar)", max_length=200)
    jabatan_instansi_lain = _isian("Jabatan di instansi lain", max_length=200)
    persetujuan_asal_nomor = _isian("Nomor persetujuan PPK asal")
    persetujuan_asal_tanggal = _tanggal("Tanggal persetujuan PPK asal")
    pertek_nomor = _isian("Nomor Pertek BKN")
    pertek_tanggal = _tanggal("Tanggal Pertek BKN")
    pejabat_penetap = forms.ChoiceField(
        label="Pejabat yang menetapkan",
        choices=UsulanMutasi.PejabatPenetap.choices,
        initial=UsulanMutasi.PejabatPenetap.PPK,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    penetapan_nomor = _isian("Nomor keputusan pejabat penetap")
    penetapan_tanggal = _tanggal("Tanggal keputusan pejabat penetap")

    DETAIL = (
        "nama_pegawai",
        "nip_pegawai",
        "instansi",
        "jabatan_instansi_lain",
        "persetujuan_asal_nomor",
        "persetujuan_asal_tanggal",
        "pertek_nomor",
        "pertek_tanggal",
        "pejabat_penetap",
        "penetapan_nomor",
        "penetapan_tanggal",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jabatan_tujuan"].queryset = jabatan_queryset()

    @classmethod
    def initial_dari(cls, usulan: UsulanMutasi) -> dict:
        data = {name: getattr(usulan, name) for name in cls.DETAIL}
        data.update(
            jenis=usulan.jenis,
            nip=usulan.pegawai.nip if usulan.pegawai_id else "",
            jabatan_tujuan=usulan.jabatan_tujuan_id,
            tmt_rencana=usulan.tmt_rencana,
            alasan=usulan.alasan,
        )
        return data

    def detail(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.DETAIL}


class AlasanForm(forms.Form):
    alasan = _teks("Alasan")


class CatatanForm(forms.Form):
    catatan = _teks("Catatan", required=False, rows=2)


class PengecualianForm(forms.Form):
    kode_guard = forms.ChoiceField(
        label="Aturan", choices=KodeGuard.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    alasan = _teks("Alasan pengecualian", rows=2)
    nomor_dokumen = _isian("Nomor dokumen persetujuan", required=True)
    tanggal_dokumen = _tanggal("Tanggal dokumen persetujuan", required=True)


class UnggahForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas (PDF/JPG/PNG)",
        widget=forms.ClearableFileInput(attrs={"class": "form-control form-control-sm"}),
    )


class RekomendasiForm(forms.Form):
    sidang = forms.ModelChoiceField(
        label="Sidang TPK",
        queryset=SidangTPK.objects.none(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    keputusan = forms.ChoiceField(
        label="Rekomendasi",
        choices=RekomendasiTPK.Keputusan.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    catatan = _teks("Catatan", required=False, rows=2)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sidang"].queryset = SidangTPK.objects.order_by("-tanggal", "-id")


class TanggapanForm(forms.Form):
    tanggapan = forms.ChoiceField(
        label="Tanggapan",
        choices=UsulanMutasi.Tanggapan.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    alasan = _teks("Alasan (wajib bila keberatan)", required=False, rows=2)


class SidangForm(forms.Form):
    tanggal = _tanggal("Tanggal sidang", required=True)
    tempat = _isian("Tempat", max_length=200)
    agenda = _isian("Agenda", max_length=300)
    nomor_berita_acara = _isian("Nomor berita acara")
    anggota_hadir = forms.ModelMultipleChoiceField(
        label="Anggota hadir",
        queryset=AnggotaTPK.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["anggota_hadir"].queryset = AnggotaTPK.objects.filter(aktif=True).select_related(
            "pegawai"
        )


class AnggotaForm(forms.Form):
    nip = _isian("NIP anggota", required=True, max_length=30)
    peran = forms.ChoiceField(
        label="Peran", choices=AnggotaTPK.Peran.choices, widget=forms.Select(attrs={"class": "form-select"})
    )


class PutaranForm(forms.Form):
    nama = _isian("Nama putaran", required=True, max_length=200)
    tanggal_mulai = _tanggal("Pengisian mulai", required=True)
    tanggal_selesai = _tanggal("Pengisian selesai", required=True)
    keterangan = _teks("Keterangan", required=False, rows=2)


class TujuanChoiceField(forms.ChoiceField):
    """A position ("j<id>") or a whole unit ("u<id>")."""


def pilihan_tujuan() -> list[tuple[str, str]]:
    units = [(f"u{u.pk}", f"Unit: {u.nama}") for u in UnitKerja.objects.filter(aktif=True).order_by("path")]
    jabatan = [(f"j{j.pk}", f"{j.nama} — {j.unit_kerja.nama}") for j in jabatan_queryset()]
    return [("", "—"), ("Jabatan", jabatan), ("Unit kerja (jabatan apa pun)", units)]


class PreferensiForm(forms.Form):
    tetap = forms.BooleanField(label="Saya ingin tetap di jabatan sekarang", required=False)
    pilihan_1 = forms.ChoiceField(
        label="Tujuan pilihan 1", required=False, widget=forms.Select(attrs={"class": "form-select"})
    )
    pilihan_2 = forms.ChoiceField(
        label="Tujuan pilihan 2", required=False, widget=forms.Select(attrs={"class": "form-select"})
    )
    pilihan_3 = forms.ChoiceField(
        label="Tujuan pilihan 3", required=False, widget=forms.Select(attrs={"class": "form-select"})
    )
    kategori = forms.ChoiceField(
        label="Kategori alasan",
        choices=PreferensiMutasi.Kategori.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    alasan = _teks("Alasan")
    bukti = forms.FileField(label="Bukti pendukung (opsional, PDF/JPG/PNG)", required=False)
    nip_pasangan = _isian("NIP suami/istri (bila sama-sama ASN di pemerintah ini)", max_length=30)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = pilihan_tujuan()
        for i in (1, 2, 3):
            self.fields[f"pilihan_{i}"].choices = choices

    def tujuan(self) -> list:
        hasil = []
        ids = [self.cleaned_data.get(f"pilihan_{i}") or "" for i in (1, 2, 3)]
        jab = {j.pk: j for j in Jabatan.objects.filter(pk__in=[int(v[1:]) for v in ids if v.startswith("j")])}
        unit = {
            u.pk: u for u in UnitKerja.objects.filter(pk__in=[int(v[1:]) for v in ids if v.startswith("u")])
        }
        for v in ids:
            if v.startswith("j"):
                hasil.append(jab.get(int(v[1:])))
            elif v.startswith("u"):
                hasil.append(unit.get(int(v[1:])))
        return [h for h in hasil if h is not None]


class ApsForm(forms.Form):
    jabatan_tujuan = JabatanChoiceField(
        label="Jabatan yang diminta",
        queryset=Jabatan.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    instansi = _isian("Atau: instansi tujuan (pindah ke pemerintah lain)", max_length=200)
    tmt_rencana = _tanggal("TMT yang diharapkan")
    alasan = _teks("Alasan permintaan pindah")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jabatan_tujuan"].queryset = jabatan_queryset()


class AturanGuardForm(forms.Form):
    kode = forms.ChoiceField(
        label="Aturan", choices=KodeGuard.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    bulan_minimal = forms.IntegerField(
        label="Batas minimal (bulan)",
        min_value=0,
        max_value=600,
        initial=0,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    bulan_maksimal = forms.IntegerField(
        label="Batas maksimal (bulan)",
        min_value=0,
        max_value=600,
        initial=0,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    berlaku_mulai = _tanggal("Berlaku mulai", required=True)
    aktif = forms.BooleanField(label="Diperiksa", required=False, initial=True)
    dasar_hukum = _isian("Dasar hukum", required=True, max_length=300)
    keterangan = _teks("Keterangan", required=False, rows=2)
    alasan = _teks("Alasan perubahan", rows=2)


class MasaLaranganForm(forms.Form):
    jenis = forms.ChoiceField(
        label="Jenis", choices=MasaLarangan.Jenis.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    nama = _isian("Nama", required=True, max_length=200)
    mulai = _tanggal("Mulai", required=True)
    selesai = _tanggal("Selesai", required=True)
    dasar_hukum = _isian("Dasar hukum", required=True, max_length=300)


class SyaratForm(forms.Form):
    jenis = forms.ChoiceField(
        label="Jenis mutasi", choices=JenisUsulan.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    nama = _isian("Nama dokumen", required=True, max_length=200)
    wajib = forms.BooleanField(label="Wajib", required=False, initial=True)
    hanya_aps = forms.BooleanField(label="Hanya untuk APS", required=False)
    hanya_antar_opd = forms.BooleanField(label="Hanya antar OPD", required=False)
    urutan = forms.IntegerField(
        label="Urutan",
        min_value=0,
        max_value=999,
        initial=0,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    keterangan = _isian("Keterangan", max_length=300)
    dasar_hukum = _isian("Dasar hukum", max_length=200)
