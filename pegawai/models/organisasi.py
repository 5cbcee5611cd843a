"""The organisation: grades, units, positions (with their ABK tasks) and the operators' OPD access. The
people (employees, families, histories) are in `kepegawaian`; their names stay importable from here."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel


class Pendidikan(models.TextChoices):
    """Education levels (jenjang pendidikan), lowest first: the order is what a minimum compares."""

    SD = "SD", "SD"
    SMP = "SMP", "SMP"
    SMA = "SMA", "SMA/SMK"
    D1 = "D1", "D-I"
    D2 = "D2", "D-II"
    D3 = "D3", "D-III"
    D4 = "D4", "D-IV"
    S1 = "S1", "S-1"
    S2 = "S2", "S-2"
    S3 = "S3", "S-3"


class Golongan(models.Model):
    """Pangkat/golongan ruang PNS (PP 99/2000) and golongan PPPK (Perpres 11/2024)."""

    class Jenis(models.TextChoices):
        PNS = "PNS", "PNS"
        PPPK = "PPPK", "PPPK"

    kode = models.CharField(_("golongan"), max_length=10, unique=True)
    jenis = models.CharField(_("jenis"), max_length=4, choices=Jenis.choices)
    pangkat = models.CharField(_("pangkat"), max_length=60, blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"))

    class Meta:
        verbose_name = _("golongan")
        verbose_name_plural = _("golongan")
        ordering = ["jenis", "urutan"]
        constraints = [models.UniqueConstraint(fields=["jenis", "urutan"], name="golongan_unique_urutan")]

    def __str__(self) -> str:
        return f"{self.pangkat} ({self.kode})" if self.pangkat else self.kode

    @property
    def ruang(self) -> str:
        """Roman group number (I–IV for PNS) used by allowance tables."""
        return self.kode.split("/")[0]


class UnitKerja(TimeStampedModel):
    """A unit of the organisation chart: OPD → bidang/bagian → subbidang/seksi, or UPT."""

    class Jenis(models.TextChoices):
        OPD = "opd", _("OPD")
        BIDANG = "bidang", _("Bidang")
        BAGIAN = "bagian", _("Bagian")
        SUBBIDANG = "subbidang", _("Subbidang")
        SEKSI = "seksi", _("Seksi")
        UPT = "upt", _("UPT")

    kode = models.CharField(_("kode"), max_length=30, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices)
    induk = models.ForeignKey(
        "self",
        verbose_name=_("unit induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="anak",
    )
    # Denormalised: the top-level OPD of this unit (itself for an OPD). Scoping filters on it.
    opd = models.ForeignKey(
        "self", verbose_name=_("OPD"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Materialised path of kode values from the OPD down, for tree order and subtree queries.
    path = models.CharField(_("jalur"), max_length=400, db_index=True, editable=False, default="")
    kedalaman = models.PositiveSmallIntegerField(_("kedalaman"), default=0, editable=False)
    aktif = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(induk__isnull=True, jenis="opd") | Q(induk__isnull=False) & ~Q(jenis="opd"),
                name="unitkerja_opd_top_level",
                violation_error_message=_(
                    "Hanya OPD yang tidak memiliki unit induk, dan OPD tidak boleh memiliki induk."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def is_opd(self) -> bool:
        return self.jenis == self.Jenis.OPD


class Jabatan(TimeStampedModel):
    """A position in a unit, with its grade (kelas jabatan) and the headcount the ABK says it needs."""

    class Jenis(models.TextChoices):
        JPT = "jpt", _("JPT")
        ADMINISTRATOR = "administrator", _("Administrator")
        PENGAWAS = "pengawas", _("Pengawas")
        PELAKSANA = "pelaksana", _("Pelaksana")
        FUNGSIONAL = "fungsional", _("Fungsional")

    class Eselon(models.TextChoices):
        IA = "I.a", "I.a"
        IB = "I.b", "I.b"
        IIA = "II.a", "II.a"
        IIB = "II.b", "II.b"
        IIIA = "III.a", "III.a"
        IIIB = "III.b", "III.b"
        IVA = "IV.a", "IV.a"
        IVB = "IV.b", "IV.b"
        VA = "V.a", "V.a"

    class Jenjang(models.TextChoices):
        PEMULA = "pemula", _("Pemula")
        TERAMPIL = "terampil", _("Terampil")
        MAHIR = "mahir", _("Mahir")
        PENYELIA = "penyelia", _("Penyelia")
        PERTAMA = "ahli pertama", _("Ahli Pertama")
        MUDA = "ahli muda", _("Ahli Muda")
        MADYA = "ahli madya", _("Ahli Madya")
        UTAMA = "ahli utama", _("Ahli Utama")

    class SumberKebutuhan(models.TextChoices):
        ISIAN = "isian", _("Diisi")
        IMPOR = "impor", _("Impor")
        ABK = "abk", _("Dihitung dari uraian tugas (ABK)")

    STRUKTURAL = (Jenis.JPT, Jenis.ADMINISTRATOR, Jenis.PENGAWAS)

    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="jabatan"
    )
    nama = models.CharField(_("nama jabatan"), max_length=200)
    jenis = models.CharField(_("jenis jabatan"), max_length=15, choices=Jenis.choices)
    eselon = models.CharField(_("eselon"), max_length=5, choices=Eselon.choices, blank=True)
    jenjang_fungsional = models.CharField(
        _("jenjang fungsional"), max_length=15, choices=Jenjang.choices, blank=True
    )
    kelas_jabatan = models.PositiveSmallIntegerField(
        _("kelas jabatan"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    kebutuhan = models.PositiveIntegerField(_("kebutuhan (ABK)"), default=1)
    sumber_kebutuhan = models.CharField(
        _("sumber kebutuhan"), max_length=10, choices=SumberKebutuhan.choices, default=SumberKebutuhan.ISIAN
    )
    # Requirements of the position (syarat jabatan); pegawai.syarat.cek_syarat checks an employee.
    syarat_pendidikan = models.CharField(
        _("syarat pendidikan minimal"), max_length=3, choices=Pendidikan.choices, blank=True
    )
    syarat_jurusan = models.CharField(
        _("syarat jurusan"),
        max_length=500,
        blank=True,
        help_text=_(
            "Jurusan yang diterima, dipisah titik koma (;), mis. Kesehatan Masyarakat; Keperawatan. "
            "Kosongkan bila semua jurusan diterima."
        ),
    )
    syarat_golongan = models.ForeignKey(
        Golongan,
        verbose_name=_("syarat golongan minimal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kompetensi = models.CharField(
        _("kompetensi"),
        max_length=500,
        blank=True,
        help_text=_("Kompetensi teknis yang dibutuhkan, dipisah titik koma (;)."),
    )
    is_kepala = models.BooleanField(
        _("kepala unit"),
        default=False,
        help_text=_("Jabatan yang memimpin unit kerjanya (atasan bagi jabatan lain di unit itu)."),
    )
    atasan_override = models.ForeignKey(
        "self",
        verbose_name=_("atasan (ditetapkan manual)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Kosongkan agar atasan diturunkan dari struktur organisasi."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["unit_kerja__path", "-is_kepala", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["unit_kerja", "nama"], name="jabatan_unique_nama_per_unit"),
            models.CheckConstraint(
                condition=Q(kelas_jabatan__isnull=True) | Q(kelas_jabatan__gte=1, kelas_jabatan__lte=17),
                name="jabatan_kelas_1_17",
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class UraianTugasJabatan(TimeStampedModel):
    """One task of a position in its workload analysis (ABK, Peraturan BKN 9/2022 and PermenPAN-RB
    26/2011): how often it is done in a year and the standard time to finish it once."""

    jabatan = models.ForeignKey(
        Jabatan, verbose_name=_("jabatan"), on_delete=models.CASCADE, related_name="uraian_tugas"
    )
    uraian = models.CharField(_("uraian tugas"), max_length=500)
    volume_per_tahun = models.PositiveIntegerField(
        _("volume kerja per tahun"), validators=[MinValueValidator(1)]
    )
    waktu_penyelesaian_menit = models.PositiveIntegerField(
        _("waktu penyelesaian (menit)"), validators=[MinValueValidator(1)]
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uraian tugas jabatan")
        verbose_name_plural = _("uraian tugas jabatan")
        ordering = ["jabatan", "urutan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(volume_per_tahun__gte=1, waktu_penyelesaian_menit__gte=1),
                name="uraiantugasjabatan_volume_waktu_positif",
            )
        ]

    def __str__(self) -> str:
        return self.uraian

    @property
    def beban_menit(self) -> int:
        return self.volume_per_tahun * self.waktu_penyelesaian_menit


class AksesOpd(models.Model):
    """Binds an Operator OPD login to the one OPD whose data it keeps."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="akses_opd",
    )
    opd = models.ForeignKey(
        UnitKerja,
        verbose_name=_("OPD"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"jenis": "opd"},
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("akses operator OPD")
        verbose_name_plural = _("akses operator OPD")

    def __str__(self) -> str:
        return f"{self.user} → {self.opd}"


# The people used to live in this module: `from pegawai.models.organisasi import Pegawai` keeps working.
from .kepegawaian import (  # noqa: E402
    Keluarga,
    Pegawai,
    RiwayatHukumanDisiplin,
    RiwayatJabatan,
    RiwayatPangkat,
    RiwayatPendidikan,
    tmt_kgb_ke,
)

__all__ = [
    "AksesOpd",
    "Golongan",
    "Jabatan",
    "Keluarga",
    "Pegawai",
    "Pendidikan",
    "RiwayatHukumanDisiplin",
    "RiwayatJabatan",
    "RiwayatPangkat",
    "RiwayatPendidikan",
    "UnitKerja",
    "UraianTugasJabatan",
    "tmt_kgb_ke",
]
