"""Evaluation: ratings and predikat, objections, potential, acting officials, the closing run."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from pegawai.models import Pegawai, UnitKerja

from .perencanaan import SKP, PeriodeKinerja
from .rujukan import Predikat, Rating, periode_label


class Penilaian(TimeStampedModel):
    """One evaluation of one employee for one period (`tahunan`, `triwulan-N` or `bulan-NN`)."""

    class Status(models.TextChoices):
        DINILAI = "dinilai", _("Dinilai")
        DITERIMA = "diterima", _("Diterima pegawai")
        KEBERATAN = "keberatan", _("Keberatan diajukan")
        FINAL = "final", _("Final")

    # Re-rating sets DINILAI again until the evaluation is in an objection or final; closing a period
    # finalises (bulk SQL), reopening returns to DINILAI or DITERIMA (core.workflow).
    TRANSISI = {
        Status.DINILAI: {Status.DINILAI, Status.DITERIMA, Status.KEBERATAN, Status.FINAL},
        Status.DITERIMA: {Status.DINILAI, Status.KEBERATAN, Status.FINAL},
        Status.KEBERATAN: {Status.DITERIMA},
        Status.FINAL: {Status.DINILAI, Status.DITERIMA},
    }

    class Sumber(models.TextChoices):
        FORMULIR = "formulir", _("Formulir")
        IMPOR = "impor", _("Impor berkas")
        KEBERATAN = "keberatan", _("Keputusan keberatan")

    periode_kinerja = models.ForeignKey(PeriodeKinerja, verbose_name=_("tahun"), on_delete=models.PROTECT)
    periode = models.CharField(_("periode evaluasi"), max_length=12)
    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="penilaian_kinerja"
    )
    skp = models.ForeignKey(
        SKP, verbose_name=_("SKP"), null=True, blank=True, on_delete=models.SET_NULL, related_name="penilaian"
    )
    opd = models.ForeignKey(UnitKerja, verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="+")
    pejabat_penilai = models.ForeignKey(
        Pegawai,
        verbose_name=_("pejabat penilai"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rating_hasil_kerja = models.CharField(_("rating hasil kerja"), max_length=20, choices=Rating.choices)
    rating_perilaku_kerja = models.CharField(
        _("rating perilaku kerja"), max_length=20, choices=Rating.choices
    )
    predikat = models.CharField(_("predikat"), max_length=20, choices=Predikat.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DINILAI)
    sumber = models.CharField(_("sumber"), max_length=10, choices=Sumber.choices, default=Sumber.FORMULIR)
    catatan_penilai = models.TextField(_("catatan pejabat penilai"), blank=True)
    dinilai_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dinilai/diimpor oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Kosong bila diimpor dengan perintah manage.py."),
    )
    diterima_pada = models.DateTimeField(_("diterima pegawai pada"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("penilaian kinerja")
        verbose_name_plural = _("penilaian kinerja")
        ordering = ["-periode_kinerja__tahun", "periode", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "periode_kinerja", "periode"], name="penilaian_satu_per_periode"
            ),
            models.CheckConstraint(
                condition=~Q(pejabat_penilai=models.F("pegawai")), name="penilaian_tidak_menilai_diri"
            ),
        ]
        indexes = [
            models.Index(fields=["periode_kinerja", "periode", "opd"], name="penilaian_periode_opd"),
            models.Index(fields=["pejabat_penilai", "periode_kinerja"], name="penilaian_penilai"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.pegawai.nama} {self.periode_kinerja.tahun} {self.periode}: {self.get_predikat_display()}"
        )

    @property
    def periode_label(self) -> str:
        return periode_label(self.periode)


class Keberatan(TimeStampedModel):
    """An objection to a rating, decided by the atasan of the pejabat penilai with a reason."""

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", _("Diajukan")
        DIKABULKAN = "dikabulkan", _("Dikabulkan")
        DITOLAK = "ditolak", _("Ditolak")

    penilaian = models.OneToOneField(
        Penilaian, verbose_name=_("penilaian"), on_delete=models.CASCADE, related_name="keberatan"
    )
    alasan = models.TextField(_("alasan keberatan"))
    pemutus = models.ForeignKey(
        Pegawai,
        verbose_name=_("atasan pejabat penilai"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DIAJUKAN)
    rating_hasil_kerja_baru = models.CharField(
        _("rating hasil kerja (keputusan)"), max_length=20, choices=Rating.choices, blank=True
    )
    rating_perilaku_kerja_baru = models.CharField(
        _("rating perilaku kerja (keputusan)"), max_length=20, choices=Rating.choices, blank=True
    )
    alasan_keputusan = models.TextField(_("alasan keputusan"), blank=True)
    diputuskan_pada = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")

    def __str__(self) -> str:
        return f"Keberatan {self.penilaian}"


class PenilaianPotensial(TimeStampedModel):
    """A potential assessment (0–100) of an employee, valid until a date (PermenPANRB 3/2020)."""

    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="penilaian_potensial"
    )
    skor = models.DecimalField(
        _("skor potensial"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    tanggal = models.DateField(_("tanggal asesmen"))
    berlaku_sampai = models.DateField(_("berlaku sampai"))
    sumber = models.CharField(_("sumber/asesor"), max_length=200, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("penilaian potensial")
        verbose_name_plural = _("penilaian potensial")
        ordering = ["-tanggal"]
        indexes = [
            # The latest valid score per employee (selectors.hitung_kotak, DISTINCT ON; the box lists'
            # subquery): read in this order from the index alone, no sort.
            models.Index(
                fields=["pegawai", "-tanggal", "-id"],
                name="potensial_terakhir",
                include=["skor", "berlaku_sampai"],
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(berlaku_sampai__gte=models.F("tanggal")), name="penilaianpotensial_masa_berlaku"
            ),
            models.CheckConstraint(
                condition=Q(skor__gte=0) & Q(skor__lte=100), name="penilaianpotensial_skor_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai} {self.skor} ({self.tanggal})"


class Delegasi(TimeStampedModel):
    """An acting official (Plt/Plh) who may act as pejabat penilai for another position's team."""

    class Jenis(models.TextChoices):
        PLT = "Plt", _("Pelaksana Tugas (Plt)")
        PLH = "Plh", _("Pelaksana Harian (Plh)")

    jenis = models.CharField(_("jenis"), max_length=3, choices=Jenis.choices)
    pemberi = models.ForeignKey(
        Pegawai,
        verbose_name=_("pejabat definitif"),
        on_delete=models.CASCADE,
        related_name="delegasi_diberikan",
    )
    penerima = models.ForeignKey(
        Pegawai, verbose_name=_("pelaksana"), on_delete=models.CASCADE, related_name="delegasi_diterima"
    )
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    nomor_sk = models.CharField(_("nomor surat perintah"), max_length=100)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("delegasi penilai (Plt/Plh)")
        verbose_name_plural = _("delegasi penilai (Plt/Plh)")
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__gte=models.F("mulai")), name="delegasi_selesai_setelah_mulai"
            ),
            models.CheckConstraint(condition=~Q(pemberi=models.F("penerima")), name="delegasi_bukan_diri"),
        ]

    def __str__(self) -> str:
        return f"{self.jenis} {self.penerima} untuk {self.pemberi}"


class PenutupanPeriode(TimeStampedModel):
    """The closing run of one evaluation period for the whole government (Celery, resumable)."""

    class Status(models.TextChoices):
        ANTRI = "antri", _("Menunggu worker")
        BERJALAN = "berjalan", _("Berjalan")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")
        DIBUKA_KEMBALI = "dibuka kembali", _("Dibuka kembali")

    periode_kinerja = models.ForeignKey(PeriodeKinerja, verbose_name=_("tahun"), on_delete=models.PROTECT)
    periode = models.CharField(_("periode evaluasi"), max_length=12)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ANTRI)
    total_opd = models.PositiveIntegerField(_("jumlah OPD"), default=0)
    opd_selesai = ArrayField(models.IntegerField(), default=list, verbose_name=_("OPD selesai"))
    jumlah_final = models.PositiveIntegerField(_("penilaian difinalkan"), default=0)
    jumlah_tidak_dinilai = models.PositiveIntegerField(_("pegawai tidak dinilai"), default=0)
    dijalankan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dijalankan oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    mulai = models.DateTimeField(_("mulai"), null=True, blank=True)
    selesai = models.DateTimeField(_("selesai"), null=True, blank=True)
    pesan_galat = models.TextField(_("pesan galat"), blank=True)
    alasan_dibuka_kembali = models.TextField(_("alasan dibuka kembali"), blank=True)
    history = HistoricalRecords(excluded_fields=["diubah", "opd_selesai"])

    class Meta:
        verbose_name = _("penutupan periode")
        verbose_name_plural = _("penutupan periode")
        ordering = ["-periode_kinerja__tahun", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["periode_kinerja", "periode"], name="penutupanperiode_satu_per_periode"
            )
        ]

    def __str__(self) -> str:
        return f"Penutupan {periode_label(self.periode)} {self.periode_kinerja.tahun}"

    @property
    def persen(self) -> int:
        if self.status == self.Status.SELESAI:
            return 100
        if not self.total_opd:
            return 0
        return int(len(self.opd_selesai) * 100 / self.total_opd)

    @property
    def beku(self) -> bool:
        """Frozen: ratings of this period can no longer change."""
        return self.status in (self.Status.ANTRI, self.Status.BERJALAN, self.Status.SELESAI)


class TidakDinilai(models.Model):
    """An active employee the closing run found without a rating, and why."""

    class Alasan(models.TextChoices):
        TANPA_SKP = "tanpa skp", _("Belum menyusun SKP")
        SKP_BELUM_DISETUJUI = "skp belum disetujui", _("SKP belum disetujui atasan")
        TANPA_PENILAI = "tanpa penilai", _("Tidak mempunyai pejabat penilai")
        BELUM_DINILAI = "belum dinilai", _("Belum dinilai pejabat penilai")

    penutupan = models.ForeignKey(
        PenutupanPeriode, verbose_name=_("penutupan"), on_delete=models.CASCADE, related_name="tidak_dinilai"
    )
    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="+"
    )
    opd = models.ForeignKey(UnitKerja, verbose_name=_("OPD"), on_delete=models.CASCADE, related_name="+")
    alasan = models.CharField(_("alasan"), max_length=20, choices=Alasan.choices)

    class Meta:
        verbose_name = _("pegawai tidak dinilai")
        verbose_name_plural = _("pegawai tidak dinilai")
        constraints = [
            models.UniqueConstraint(fields=["penutupan", "pegawai"], name="tidakdinilai_satu_per_pegawai")
        ]

    def __str__(self) -> str:
        return f"{self.pegawai}: {self.get_alasan_display()}"
