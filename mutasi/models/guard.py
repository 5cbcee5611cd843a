"""Guards of a move (reference §1.4) as dated, editable rules with their legal basis."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel


class KodeGuard(models.TextChoices):
    MASA_JABATAN = "masa_jabatan", _("Masa dalam jabatan")
    IKATAN_CPNS = "ikatan_cpns", _("Ikatan dinas CPNS/PNS baru")
    JPT_DUA_TAHUN = "jpt_dua_tahun", _("Penggantian JPT dalam 2 tahun")
    MASA_LARANGAN = "masa_larangan", _("Masa larangan penggantian pejabat")
    HUKUMAN_DISIPLIN = "hukuman_disiplin", _("Hukuman disiplin yang berlaku")
    TUGAS_BELAJAR = "tugas_belajar", _("Sedang tugas belajar")


class AturanGuard(TimeStampedModel):
    """One version of a guard: values in months (0 = no limit) from `berlaku_mulai`; a new regulation
    is a new row, the old one keeps explaining the proposals decided under it."""

    Kode = KodeGuard

    kode = models.CharField(_("aturan"), max_length=30, choices=KodeGuard.choices)
    bulan_minimal = models.PositiveSmallIntegerField(
        _("batas minimal (bulan)"), default=0, help_text=_("0 = tanpa batas minimal.")
    )
    bulan_maksimal = models.PositiveSmallIntegerField(
        _("batas maksimal (bulan)"), default=0, help_text=_("0 = tanpa batas maksimal.")
    )
    berlaku_mulai = models.DateField(_("berlaku mulai"))
    berlaku_sampai = models.DateField(_("berlaku sampai"), null=True, blank=True)
    aktif = models.BooleanField(_("diperiksa"), default=True)
    dasar_hukum = models.CharField(_("dasar hukum"), max_length=300)
    keterangan = models.TextField(_("keterangan"), blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("aturan mutasi")
        verbose_name_plural = _("aturan mutasi")
        ordering = ["kode", "-berlaku_mulai"]
        constraints = [
            models.UniqueConstraint(fields=["kode", "berlaku_mulai"], name="aturanguard_unik_versi"),
            models.CheckConstraint(
                condition=Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gte=F("berlaku_mulai")),
                name="aturanguard_sampai_setelah_mulai",
                violation_error_message=_("Tanggal berlaku sampai tidak boleh sebelum berlaku mulai."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kode_display()} (sejak {self.berlaku_mulai:%d-%m-%Y})"


class MasaLarangan(TimeStampedModel):
    """A window in which replacing officials needs the Mendagri's written approval: around an election,
    after a new head's inauguration, or while an acting head (Pj/Plt) governs."""

    class Jenis(models.TextChoices):
        PILKADA = "pilkada", _("Pemilihan kepala daerah")
        PELANTIKAN = "pelantikan", _("Setelah pelantikan kepala daerah")
        PENJABAT = "penjabat", _("Penjabat/Plt kepala daerah")

    jenis = models.CharField(_("jenis"), max_length=12, choices=Jenis.choices)
    nama = models.CharField(_("nama"), max_length=200)
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    dasar_hukum = models.CharField(_("dasar hukum"), max_length=300)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("masa larangan mutasi")
        verbose_name_plural = _("masa larangan mutasi")
        ordering = ["-mulai"]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__gte=F("mulai")),
                name="masalarangan_selesai_setelah_mulai",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            )
        ]

    def __str__(self) -> str:
        return self.nama
