"""Mentoring and coaching (issue 14 point 5): pairs, each mentor's capacity, sessions.

- PasanganMentoring: one mentor and one mentee in a form (mentoring or coaching, Peraturan LAN 10/2018),
  proposed from the talent grid and position history (or by hand), confirmed by the mentee's atasan or the
  Operator OPD, ended when done. The reason it was proposed is kept (e.g. "CPNS", "kotak 2 (2025)").
- KapasitasMentor: how many open pairs a mentor carries at most (without a row: the setting
  ASN_MENTOR_KAPASITAS, 3).
- SesiMentoring: one meeting (date, duration, agenda, notes, agreed actions). Logging it credits JP to
  both through the JP ledger (KegiatanPengembangan, the form's dated rule) and keeps both ledger lines;
  it links kinerja's bimbingan record of the mentee on the same day when there is one.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from pegawai.models import Pegawai

from .jp import KegiatanPengembangan


class JenisMentoring(models.TextChoices):
    """The two nonklasikal forms of Peraturan LAN 10/2018 a pair works in (the ledger's Bentuk codes)."""

    MENTORING = "mentoring", _("Mentoring")
    COACHING = "coaching", _("Coaching")


class KapasitasMentor(TimeStampedModel):
    pegawai = models.OneToOneField(
        Pegawai, verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="kapasitas_mentor"
    )
    maks_mentee = models.PositiveSmallIntegerField(
        _("maksimal mentee"), validators=[MinValueValidator(0), MaxValueValidator(20)]
    )
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("kapasitas mentor")
        verbose_name_plural = _("kapasitas mentor")
        constraints = [
            models.CheckConstraint(condition=Q(maks_mentee__lte=20), name="kapasitasmentor_maks_20")
        ]

    def __str__(self) -> str:
        return f"{self.pegawai_id}: {self.maks_mentee}"


class PasanganMentoring(TimeStampedModel):
    class Status(models.TextChoices):
        DIUSULKAN = "diusulkan", _("Diusulkan")
        AKTIF = "aktif", _("Aktif")
        DITOLAK = "ditolak", _("Ditolak")
        SELESAI = "selesai", _("Selesai")

    TRANSISI = {
        Status.DIUSULKAN: {Status.AKTIF, Status.DITOLAK},
        Status.AKTIF: {Status.SELESAI},
        Status.DITOLAK: set(),
        Status.SELESAI: set(),
    }
    TERBUKA = (Status.DIUSULKAN, Status.AKTIF)

    mentor = models.ForeignKey(
        Pegawai, verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="mentoring_sebagai_mentor"
    )
    mentee = models.ForeignKey(
        Pegawai, verbose_name=_("mentee"), on_delete=models.CASCADE, related_name="mentoring_sebagai_mentee"
    )
    jenis = models.CharField(_("jenis"), max_length=12, choices=JenisMentoring.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DIUSULKAN)
    alasan_usulan = models.CharField(_("dasar usulan"), max_length=300, blank=True)
    kotak_mentor = models.PositiveSmallIntegerField(_("kotak talenta mentor"), null=True, blank=True)
    kotak_mentee = models.PositiveSmallIntegerField(_("kotak talenta mentee"), null=True, blank=True)
    tahun_talenta = models.PositiveSmallIntegerField(_("tahun talenta"), null=True, blank=True)
    tujuan = models.CharField(_("tujuan"), max_length=500, blank=True)
    catatan = models.CharField(_("catatan keputusan"), max_length=500, blank=True)
    diusulkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diputus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diputus_pada = models.DateTimeField(_("diputus pada"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("pasangan mentoring")
        verbose_name_plural = _("pasangan mentoring")
        ordering = ["status", "-dibuat", "-id"]
        indexes = [
            models.Index(fields=["mentor", "status"], name="mentoring_mentor_status"),
            models.Index(fields=["mentee", "status"], name="mentoring_mentee_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(mentor=F("mentee")), name="mentoring_bukan_diri_sendiri"),
            models.UniqueConstraint(
                fields=["mentor", "mentee", "jenis"],
                condition=Q(status__in=["diusulkan", "aktif"]),
                name="mentoring_satu_pasangan_terbuka",
                violation_error_message=_("Pasangan ini sudah diusulkan atau aktif."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()}: {self.mentor} → {self.mentee}"


class SesiMentoring(TimeStampedModel):
    pasangan = models.ForeignKey(
        PasanganMentoring, verbose_name=_("pasangan"), on_delete=models.CASCADE, related_name="sesi"
    )
    tanggal = models.DateField(_("tanggal"))
    durasi_menit = models.PositiveIntegerField(
        _("durasi (menit)"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    agenda = models.CharField(_("agenda"), max_length=300)
    catatan = models.CharField(_("catatan"), max_length=500, blank=True)
    tindak_lanjut = models.CharField(_("tindak lanjut yang disepakati"), max_length=500, blank=True)
    kegiatan_mentor = models.ForeignKey(
        KegiatanPengembangan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kegiatan_mentee = models.ForeignKey(
        KegiatanPengembangan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sesi_kinerja = models.ForeignKey(
        "kinerja.SesiPembinaan",
        verbose_name=_("catatan bimbingan kinerja"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("sesi mentoring")
        verbose_name_plural = _("sesi mentoring")
        ordering = ["-tanggal", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(durasi_menit__gte=1) & Q(durasi_menit__lte=600), name="sesimentoring_durasi"
            )
        ]

    def __str__(self) -> str:
        return f"{self.pasangan} {self.tanggal}"
