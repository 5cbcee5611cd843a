"""The people: employees, their families and their histories (position, rank, education, discipline)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.dates import add_months, format_tanggal, months_between
from core.models import TimeStampedModel

from .organisasi import Golongan, Jabatan, Pendidikan, UnitKerja


def tmt_kgb_ke(awal: dt.date, k: int) -> dt.date:
    """TMT of the k-th periodic raise for an MKG that was zero on `awal`: MKG 2k years, on the first of
    the month (PP 7/1977: pay changes take effect from the first day of a month)."""
    tanggal = add_months(awal, 24 * k)
    return tanggal if tanggal.day == 1 else add_months(tanggal.replace(day=1), 1)


class Pegawai(TimeStampedModel):
    """An ASN (PNS, CPNS or PPPK) of this government."""

    class JenisKelamin(models.TextChoices):
        L = "L", _("Laki-laki")
        P = "P", _("Perempuan")

    class StatusPerkawinan(models.TextChoices):
        BELUM = "belum kawin", _("Belum kawin")
        KAWIN = "kawin", _("Kawin")
        CERAI_HIDUP = "cerai hidup", _("Cerai hidup")
        CERAI_MATI = "cerai mati", _("Cerai mati")

    class Status(models.TextChoices):
        CPNS = "CPNS", "CPNS"
        PNS = "PNS", "PNS"
        PPPK = "PPPK", "PPPK"
        PPPK_PARUH_WAKTU = "PPPK Paruh Waktu", _("PPPK Paruh Waktu")

    Pendidikan = Pendidikan

    class Agama(models.TextChoices):
        ISLAM = "Islam", "Islam"
        KRISTEN = "Kristen", "Kristen"
        KATOLIK = "Katolik", "Katolik"
        HINDU = "Hindu", "Hindu"
        BUDDHA = "Buddha", "Buddha"
        KONGHUCU = "Konghucu", "Konghucu"

    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    nama = models.CharField(_("nama"), max_length=150)
    gelar_depan = models.CharField(_("gelar depan"), max_length=30, blank=True)
    gelar_belakang = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    tempat_lahir = models.CharField(_("tempat lahir"), max_length=80, blank=True)
    tanggal_lahir = models.DateField(_("tanggal lahir"))
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin.choices)
    agama = models.CharField(_("agama"), max_length=10, choices=Agama.choices, blank=True)
    status_perkawinan = models.CharField(
        _("status perkawinan"), max_length=12, choices=StatusPerkawinan.choices, blank=True
    )
    status_kepegawaian = models.CharField(_("status kepegawaian"), max_length=16, choices=Status.choices)
    golongan = models.ForeignKey(
        Golongan, verbose_name=_("golongan"), on_delete=models.PROTECT, related_name="+"
    )
    tmt_golongan = models.DateField(_("TMT golongan"), null=True, blank=True)
    mkg_tahun = models.PositiveSmallIntegerField(_("MKG (tahun)"), validators=[MaxValueValidator(45)])
    mkg_bulan = models.PositiveSmallIntegerField(
        _("MKG (bulan)"), default=0, validators=[MaxValueValidator(11)]
    )
    tmt_cpns = models.DateField(_("TMT CPNS"), null=True, blank=True)
    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="pegawai"
    )
    opd = models.ForeignKey(
        UnitKerja, verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    jabatan = models.ForeignKey(
        Jabatan, verbose_name=_("jabatan"), on_delete=models.PROTECT, related_name="pemangku"
    )
    tmt_jabatan = models.DateField(_("TMT jabatan"), null=True, blank=True)
    # Study leave (tugas belajar, Peraturan BKN 5/2019: a person on it is not moved): the current or
    # latest period; earlier periods stay in the record's history.
    tugas_belajar_mulai = models.DateField(_("tugas belajar mulai"), null=True, blank=True)
    tugas_belajar_selesai = models.DateField(
        _("tugas belajar selesai"),
        null=True,
        blank=True,
        help_text=_("Kosongkan bila tugas belajar masih berjalan tanpa tanggal selesai yang pasti."),
    )
    atasan = models.ForeignKey(
        "self",
        verbose_name=_("atasan langsung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bawahan",
    )
    atasan_manual = models.BooleanField(
        _("atasan ditetapkan manual"),
        default=False,
        help_text=_("Jika tidak, atasan diturunkan dari struktur organisasi."),
    )
    pendidikan_jenjang = models.CharField(
        _("pendidikan terakhir"), max_length=3, choices=Pendidikan.choices, blank=True
    )
    pendidikan_jurusan = models.CharField(_("jurusan"), max_length=120, blank=True)
    npwp = models.CharField(_("NPWP"), max_length=20, blank=True)
    nama_bank = models.CharField(_("nama bank"), max_length=60, blank=True)
    nomor_rekening = models.CharField(_("nomor rekening"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    telepon = models.CharField(_("telepon"), max_length=20, blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pegawai",
    )
    # Derived, stored so lists and dashboards can filter on them; refreshed on save and nightly.
    tanggal_pensiun = models.DateField(
        _("TMT pensiun (BUP)"), null=True, blank=True, editable=False, db_index=True
    )
    tanggal_kgb_berikutnya = models.DateField(
        _("KGB berikutnya"), null=True, blank=True, editable=False, db_index=True
    )
    history = HistoricalRecords(excluded_fields=["diubah", "tanggal_kgb_berikutnya"])

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["nama"]
        indexes = [
            models.Index(fields=["opd", "nama"], name="pegawai_opd_nama"),
            models.Index(fields=["nama", "id"], name="pegawai_nama_id"),
            # Name search (icontains → UPPER(nama) LIKE …) and NIP prefix search at 50,000+ rows.
            GinIndex(OpClass(Upper("nama"), name="gin_trgm_ops"), name="pegawai_nama_trgm"),
            models.Index(OpClass("nip", name="varchar_pattern_ops"), name="pegawai_nip_prefix"),
            # COUNT(*) of active employees (every unfiltered list page) as an index-only scan.
            models.Index(fields=["id"], condition=Q(aktif=True), name="pegawai_aktif"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(mkg_bulan__lte=11), name="pegawai_mkg_bulan_0_11"),
            models.CheckConstraint(condition=~Q(atasan=F("id")), name="pegawai_atasan_not_self"),
            models.CheckConstraint(
                condition=Q(tugas_belajar_selesai__isnull=True)
                | Q(tugas_belajar_mulai__isnull=False, tugas_belajar_selesai__gte=F("tugas_belajar_mulai")),
                name="pegawai_tugas_belajar_urut",
                violation_error_message=_(
                    "Tugas belajar selesai harus diisi bersama tanggal mulai dan tidak sebelum tanggal mulai."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.nama_lengkap

    @property
    def nama_lengkap(self) -> str:
        nama = self.nama
        if self.gelar_depan:
            nama = f"{self.gelar_depan} {nama}"
        if self.gelar_belakang:
            nama = f"{nama}, {self.gelar_belakang}"
        return nama

    @property
    def is_pppk(self) -> bool:
        return self.status_kepegawaian in (self.Status.PPPK, self.Status.PPPK_PARUH_WAKTU)

    # --- derived facts -------------------------------------------------------------------------
    def mkg_awal(self) -> dt.date | None:
        """The date on which the recorded MKG was zero (MKG is recorded as at TMT golongan)."""
        anchor = self.tmt_golongan or self.tmt_cpns
        if anchor is None:
            return None
        return add_months(anchor, -(self.mkg_tahun * 12 + self.mkg_bulan))

    def mkg_pada(self, tanggal: dt.date) -> tuple[int, int]:
        """MKG (years, months) on a date: the recorded MKG plus the time since TMT golongan."""
        awal = self.mkg_awal()
        if awal is None:
            return self.mkg_tahun, self.mkg_bulan
        total = max(months_between(awal, tanggal), 0)
        return divmod(total, 12)

    def batas_usia_pensiun(self) -> int:
        """BUP (UU 20/2023, PP 11/2017 Pasal 239): 58, 60 for JPT and JF ahli madya, 65 for JF ahli utama."""
        jabatan = self.jabatan
        if jabatan.jenis == Jabatan.Jenis.JPT:
            return 60
        if jabatan.jenis == Jabatan.Jenis.FUNGSIONAL:
            if jabatan.jenjang_fungsional == Jabatan.Jenjang.UTAMA:
                return 65
            if jabatan.jenjang_fungsional == Jabatan.Jenjang.MADYA:
                return 60
        return 58

    def hitung_tanggal_pensiun(self) -> dt.date:
        """TMT pensiun: the first day of the month after the month the employee reaches BUP."""
        bup = self.batas_usia_pensiun()
        ulang_tahun = add_months(self.tanggal_lahir, bup * 12)
        return add_months(ulang_tahun.replace(day=1), 1)

    def hitung_kgb_berikutnya(self, hari_ini: dt.date) -> dt.date | None:
        """Next periodic raise (KGB) after today: MKG reaches a multiple of 2 years, and a KGB takes effect
        on the first day of a month (that day, or the first of the next month)."""
        if self.is_pppk:
            return None
        awal = self.mkg_awal()
        if awal is None:
            return None
        k = max(max(months_between(awal, hari_ini), 0) // 24, 1)
        while tmt_kgb_ke(awal, k) <= hari_ini:
            k += 1
        return tmt_kgb_ke(awal, k)

    def refresh_derived(self, hari_ini: dt.date) -> None:
        self.opd_id = self.unit_kerja.opd_id
        self.tanggal_pensiun = self.hitung_tanggal_pensiun()
        self.tanggal_kgb_berikutnya = self.hitung_kgb_berikutnya(hari_ini)

    @property
    def tanggal_pensiun_display(self) -> str:
        return format_tanggal(self.tanggal_pensiun)


class Keluarga(TimeStampedModel):
    class Hubungan(models.TextChoices):
        SUAMI = "suami", _("Suami")
        ISTRI = "istri", _("Istri")
        ANAK = "anak", _("Anak")

    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="keluarga"
    )
    hubungan = models.CharField(_("hubungan"), max_length=6, choices=Hubungan.choices)
    nama = models.CharField(_("nama"), max_length=150)
    tanggal_lahir = models.DateField(_("tanggal lahir"), null=True, blank=True)
    dapat_tunjangan = models.BooleanField(_("mendapat tunjangan"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("anggota keluarga")
        verbose_name_plural = _("keluarga")
        ordering = ["pegawai", "hubungan", "tanggal_lahir"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.get_hubungan_display()})"


class RiwayatJabatan(TimeStampedModel):
    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="riwayat_jabatan"
    )
    jabatan = models.ForeignKey(
        Jabatan, verbose_name=_("jabatan"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nama_jabatan = models.CharField(_("nama jabatan"), max_length=200)
    nama_unit = models.CharField(_("unit kerja"), max_length=200, blank=True)
    tmt = models.DateField(_("TMT"))
    nomor_sk = models.CharField(_("nomor SK"), max_length=100, blank=True)
    tanggal_sk = models.DateField(_("tanggal SK"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("riwayat jabatan")
        verbose_name_plural = _("riwayat jabatan")
        ordering = ["pegawai", "-tmt"]

    def __str__(self) -> str:
        return f"{self.nama_jabatan} ({self.tmt})"


class RiwayatPangkat(TimeStampedModel):
    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="riwayat_pangkat"
    )
    golongan = models.ForeignKey(
        Golongan, verbose_name=_("golongan"), on_delete=models.PROTECT, related_name="+"
    )
    tmt = models.DateField(_("TMT"))
    mkg_tahun = models.PositiveSmallIntegerField(_("MKG (tahun)"), default=0)
    mkg_bulan = models.PositiveSmallIntegerField(_("MKG (bulan)"), default=0)
    nomor_sk = models.CharField(_("nomor SK"), max_length=100, blank=True)
    tanggal_sk = models.DateField(_("tanggal SK"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("riwayat pangkat")
        verbose_name_plural = _("riwayat pangkat")
        ordering = ["pegawai", "-tmt"]

    def __str__(self) -> str:
        return f"{self.golongan.kode} ({self.tmt})"


class RiwayatPendidikan(TimeStampedModel):
    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="riwayat_pendidikan"
    )
    jenjang = models.CharField(_("jenjang"), max_length=3, choices=Pegawai.Pendidikan.choices)
    jurusan = models.CharField(_("jurusan"), max_length=120, blank=True)
    institusi = models.CharField(_("institusi"), max_length=150, blank=True)
    tahun_lulus = models.PositiveSmallIntegerField(_("tahun lulus"), null=True, blank=True)
    nomor_ijazah = models.CharField(_("nomor ijazah"), max_length=60, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("riwayat pendidikan")
        verbose_name_plural = _("riwayat pendidikan")
        ordering = ["pegawai", "-tahun_lulus"]

    def __str__(self) -> str:
        return f"{self.jenjang} {self.jurusan}"


class RiwayatHukumanDisiplin(TimeStampedModel):
    """Disciplinary punishment (PP 94/2021): ringan, sedang or berat, with its period.

    One record per (employee, TMT, punishment as written in the SK): the key import_hukuman_disiplin
    upserts by. A blank tanggal_selesai means in force until further notice. The TPP cut (penggajian)
    applies in a pay month when the punishment is in force on that month's first day (berlaku_pada).
    """

    class Tingkat(models.TextChoices):
        RINGAN = "ringan", _("Ringan")
        SEDANG = "sedang", _("Sedang")
        BERAT = "berat", _("Berat")

    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="riwayat_hukdis"
    )
    tingkat = models.CharField(_("tingkat"), max_length=6, choices=Tingkat.choices)
    jenis = models.CharField(_("jenis hukuman"), max_length=200)
    nomor_sk = models.CharField(_("nomor SK"), max_length=100, blank=True)
    tmt = models.DateField(_("TMT"))
    tanggal_selesai = models.DateField(_("berakhir"), null=True, blank=True)
    keterangan = models.TextField(_("keterangan"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("riwayat hukuman disiplin")
        verbose_name_plural = _("riwayat hukuman disiplin")
        ordering = ["pegawai", "-tmt"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_selesai__isnull=True) | Q(tanggal_selesai__gte=F("tmt")),
                name="riwayathukumandisiplin_selesai_after_tmt",
                violation_error_message=_("Tanggal berakhir tidak boleh sebelum TMT."),
            ),
            models.UniqueConstraint(
                fields=["pegawai", "tmt", "jenis"],
                name="riwayathukumandisiplin_unik_tmt_jenis",
                violation_error_message=_("Hukuman disiplin dengan TMT dan jenis ini sudah tercatat."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_tingkat_display()}: {self.jenis}"

    def berlaku_pada(self, tanggal: dt.date) -> bool:
        """In force on that day: TMT reached and not yet ended (a blank end: until further notice)."""
        return self.tmt <= tanggal and (self.tanggal_selesai is None or self.tanggal_selesai >= tanggal)
