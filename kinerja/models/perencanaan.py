"""The appraisal year and the plan: unit targets and predikat, SKP, hasil kerja, indicators, BerAKHLAK."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from pegawai.models import Jabatan, Pegawai, UnitKerja

from .rujukan import PERIODE_BULAN, PERIODE_TAHUNAN, PERIODE_TRIWULAN, PredikatOrganisasi


class PeriodeKinerja(TimeStampedModel):
    """One appraisal year with its periodic evaluations; the Admin BKD opens and closes it."""

    class JenisEvaluasi(models.TextChoices):
        BULANAN = "bulanan", _("Bulanan")
        TRIWULANAN = "triwulanan", _("Triwulanan")

    class Status(models.TextChoices):
        DIBUKA = "dibuka", _("Dibuka")
        DITUTUP = "ditutup", _("Ditutup")

    tahun = models.PositiveSmallIntegerField(
        _("tahun"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    jenis_evaluasi = models.CharField(
        _("evaluasi periodik"), max_length=12, choices=JenisEvaluasi.choices, default=JenisEvaluasi.TRIWULANAN
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DIBUKA)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("periode kinerja")
        verbose_name_plural = _("periode kinerja")
        ordering = ["-tahun"]

    def __str__(self) -> str:
        return f"Periode kinerja {self.tahun}"

    @property
    def kode_periode_evaluasi(self) -> list[str]:
        """Periodic evaluation codes of this year, then the annual one."""
        periodik = PERIODE_BULAN if self.jenis_evaluasi == self.JenisEvaluasi.BULANAN else PERIODE_TRIWULAN
        return [*periodik, PERIODE_TAHUNAN]

    @property
    def dibuka(self) -> bool:
        return self.status == self.Status.DIBUKA


class SasaranUnit(TimeStampedModel):
    """A target of a unit for the year; its head's hasil kerja rows support it (cascading)."""

    periode = models.ForeignKey(PeriodeKinerja, verbose_name=_("periode"), on_delete=models.PROTECT)
    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name=_("unit kerja"), on_delete=models.CASCADE, related_name="sasaran_kinerja"
    )
    uraian = models.CharField(_("sasaran"), max_length=500)
    indikator = models.CharField(_("indikator"), max_length=500, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("sasaran unit")
        verbose_name_plural = _("sasaran unit")
        ordering = ["unit_kerja__path", "id"]

    def __str__(self) -> str:
        return self.uraian


class PredikatUnit(TimeStampedModel):
    """The unit's annual predikat, set by the leader above; a unit head's rating hasil kerja follows it."""

    periode = models.ForeignKey(PeriodeKinerja, verbose_name=_("periode"), on_delete=models.PROTECT)
    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name=_("unit kerja"), on_delete=models.CASCADE, related_name="predikat_kinerja"
    )
    predikat = models.CharField(_("predikat organisasi"), max_length=20, choices=PredikatOrganisasi.choices)
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditetapkan oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    catatan = models.TextField(_("catatan"), blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("predikat unit")
        verbose_name_plural = _("predikat unit")
        constraints = [
            models.UniqueConstraint(fields=["periode", "unit_kerja"], name="predikatunit_satu_per_tahun")
        ]

    def __str__(self) -> str:
        return f"{self.unit_kerja} {self.periode.tahun}: {self.get_predikat_display()}"


class SKP(TimeStampedModel):
    """Sasaran Kinerja Pegawai: the employee's plan for one year, agreed with the pejabat penilai."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
        DISETUJUI = "disetujui", _("Disetujui")

    TRANSISI = {
        Status.DRAFT: {Status.DIAJUKAN},
        Status.DIKEMBALIKAN: {Status.DIAJUKAN},
        Status.DIAJUKAN: {Status.DISETUJUI, Status.DIKEMBALIKAN},
        Status.DISETUJUI: {Status.DRAFT},  # re-planning after a transfer or a change of position
    }

    periode = models.ForeignKey(PeriodeKinerja, verbose_name=_("periode"), on_delete=models.PROTECT)
    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="skp"
    )
    jabatan = models.ForeignKey(
        Jabatan, verbose_name=_("jabatan"), on_delete=models.PROTECT, related_name="+"
    )
    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="+"
    )
    opd = models.ForeignKey(UnitKerja, verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="+")
    pejabat_penilai = models.ForeignKey(
        Pegawai,
        verbose_name=_("pejabat penilai"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="skp_dinilai",
    )
    atasan_pejabat_penilai = models.ForeignKey(
        Pegawai,
        verbose_name=_("atasan pejabat penilai"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Memutus keberatan atas penilaian."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    catatan_atasan = models.TextField(_("catatan atasan"), blank=True)
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    disetujui_pada = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    # The part of the year this SKP covers. Blank: from 1 January, until 31 December (still running).
    # A move (pegawai.signals.jabatan_berubah) ends the running SKP the day before the TMT and starts a
    # new one on the TMT; the old one keeps its pejabat penilai for the evaluation periods it covers.
    tanggal_mulai = models.DateField(_("berlaku mulai"), null=True, blank=True)
    tanggal_selesai = models.DateField(_("berakhir"), null=True, blank=True)
    alasan_selesai = models.CharField(_("alasan berakhir"), max_length=500, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["-periode__tahun", "pegawai__nama", "tanggal_mulai"]
        constraints = [
            models.UniqueConstraint(
                fields=["periode", "pegawai"],
                condition=Q(tanggal_selesai__isnull=True),
                name="skp_satu_berjalan_per_pegawai_periode",
            ),
            models.CheckConstraint(
                condition=Q(tanggal_selesai__isnull=True)
                | Q(tanggal_mulai__isnull=True)
                | Q(tanggal_selesai__gte=models.F("tanggal_mulai")),
                name="skp_selesai_setelah_mulai",
            ),
            models.CheckConstraint(
                condition=~Q(pejabat_penilai=models.F("pegawai")), name="skp_tidak_menilai_diri"
            ),
        ]
        indexes = [models.Index(fields=["pejabat_penilai", "periode"], name="skp_penilai_periode")]

    def __str__(self) -> str:
        return f"SKP {self.periode.tahun} {self.pegawai.nama}"

    @property
    def dapat_diubah(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.DIKEMBALIKAN)

    @property
    def mulai(self) -> dt.date:
        return self.tanggal_mulai or dt.date(self.periode.tahun, 1, 1)

    @property
    def selesai(self) -> dt.date:
        return self.tanggal_selesai or dt.date(self.periode.tahun, 12, 31)

    @property
    def berjalan(self) -> bool:
        """Still running (not ended by a move); one per employee and year."""
        return self.tanggal_selesai is None


class HasilKerja(TimeStampedModel):
    """A result the employee commits to; `mendukung` is the atasan's row it supports (cascading)."""

    class Jenis(models.TextChoices):
        UTAMA = "utama", _("Utama")
        TAMBAHAN = "tambahan", _("Tambahan")

    skp = models.ForeignKey(SKP, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="hasil_kerja")
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices, default=Jenis.UTAMA)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    uraian = models.CharField(_("hasil kerja"), max_length=500)
    mendukung = models.ForeignKey(
        "self",
        verbose_name=_("mendukung hasil kerja atasan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="didukung",
    )
    sasaran_unit = models.ForeignKey(
        SasaranUnit,
        verbose_name=_("mendukung sasaran unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hasil_kerja",
    )
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("hasil kerja")
        verbose_name_plural = _("hasil kerja")
        ordering = ["skp", "jenis", "urutan", "id"]

    def __str__(self) -> str:
        return self.uraian


class Indikator(TimeStampedModel):
    """How a hasil kerja is measured: a numeric target with a unit, or a qualitative description."""

    class Jenis(models.TextChoices):
        KUANTITATIF = "kuantitatif", _("Kuantitatif")
        KUALITATIF = "kualitatif", _("Kualitatif")

    hasil_kerja = models.ForeignKey(
        HasilKerja, verbose_name=_("hasil kerja"), on_delete=models.CASCADE, related_name="indikator"
    )
    uraian = models.CharField(_("indikator"), max_length=500)
    jenis = models.CharField(
        _("jenis target"), max_length=12, choices=Jenis.choices, default=Jenis.KUANTITATIF
    )
    target_angka = models.DecimalField(
        _("target"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    satuan = models.CharField(_("satuan"), max_length=40, blank=True)
    target_teks = models.CharField(_("target (kualitatif)"), max_length=300, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["hasil_kerja", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(jenis="kuantitatif") & Q(target_angka__gt=0))
                | (Q(jenis="kualitatif") & ~Q(target_teks="")),
                name="indikator_target_sesuai_jenis",
            )
        ]

    def __str__(self) -> str:
        return self.uraian

    @property
    def target_tampil(self) -> str:
        if self.jenis == self.Jenis.KUANTITATIF:
            angka = self.target_angka.normalize() if self.target_angka is not None else ""
            return f"{angka:f} {self.satuan}".strip() if angka != "" else ""
        return self.target_teks


class Realisasi(TimeStampedModel):
    """What was achieved on an indicator in one evaluation period; the atasan enters it."""

    indikator = models.ForeignKey(
        Indikator, verbose_name=_("indikator"), on_delete=models.CASCADE, related_name="realisasi"
    )
    periode = models.CharField(_("periode evaluasi"), max_length=12)
    realisasi_angka = models.DecimalField(
        _("realisasi"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    realisasi_teks = models.CharField(_("realisasi (kualitatif)"), max_length=500, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        constraints = [
            models.UniqueConstraint(fields=["indikator", "periode"], name="realisasi_satu_per_periode")
        ]

    def __str__(self) -> str:
        return f"{self.indikator} ({self.periode})"

    @property
    def capaian_persen(self) -> Decimal | None:
        """Realisasi ÷ target × 100, for numeric indicators, rounded to two decimals."""
        target = self.indikator.target_angka
        if self.realisasi_angka is None or not target:
            return None
        return (self.realisasi_angka / target * 100).quantize(Decimal("0.01"))


class PerilakuKerja(TimeStampedModel):
    """One of the 7 BerAKHLAK core values with the atasan's specific expectation for this employee."""

    class Aspek(models.TextChoices):
        BERORIENTASI_PELAYANAN = "berorientasi pelayanan", _("Berorientasi Pelayanan")
        AKUNTABEL = "akuntabel", _("Akuntabel")
        KOMPETEN = "kompeten", _("Kompeten")
        HARMONIS = "harmonis", _("Harmonis")
        LOYAL = "loyal", _("Loyal")
        ADAPTIF = "adaptif", _("Adaptif")
        KOLABORATIF = "kolaboratif", _("Kolaboratif")

    skp = models.ForeignKey(SKP, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="perilaku")
    aspek = models.CharField(_("nilai dasar"), max_length=30, choices=Aspek.choices)
    ekspektasi_khusus = models.TextField(_("ekspektasi khusus pimpinan"), blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("perilaku kerja")
        verbose_name_plural = _("perilaku kerja")
        ordering = ["skp", "id"]
        constraints = [models.UniqueConstraint(fields=["skp", "aspek"], name="perilakukerja_satu_per_aspek")]

    def __str__(self) -> str:
        return self.get_aspek_display()
