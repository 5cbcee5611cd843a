"""Employees' wishes (point 3): rotation rounds and the wished destinations stated during them."""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from pegawai.models import Jabatan, Pegawai, UnitKerja


def bukti_preferensi_upload_to(instance, filename: str) -> str:
    return f"mutasi/preferensi/{secrets.token_urlsafe(16)}/{PurePath(filename).name}"


class PutaranRotasi(TimeStampedModel):
    """A rotation round opened by the Admin BKD: employees state their wishes between the two dates."""

    nama = models.CharField(_("nama putaran"), max_length=200)
    tanggal_mulai = models.DateField(_("pengisian mulai"))
    tanggal_selesai = models.DateField(_("pengisian selesai"))
    keterangan = models.TextField(_("keterangan"), blank=True)
    dibuka_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuka oleh"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("putaran rotasi")
        verbose_name_plural = _("putaran rotasi")
        ordering = ["-tanggal_mulai", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_selesai__gte=F("tanggal_mulai")),
                name="putaranrotasi_selesai_setelah_mulai",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            )
        ]

    def __str__(self) -> str:
        return self.nama

    def terbuka_pada(self, tanggal) -> bool:
        return self.tanggal_mulai <= tanggal <= self.tanggal_selesai


class PreferensiMutasi(TimeStampedModel):
    """One employee's wishes in one round: up to three destinations, or a request to stay."""

    class Kategori(models.TextChoices):
        KELUARGA = "keluarga", _("Keluarga")
        KESEHATAN = "kesehatan", _("Kesehatan")
        DOMISILI = "domisili", _("Domisili")
        KARIER = "karier", _("Pengembangan karier")

    putaran = models.ForeignKey(
        PutaranRotasi, verbose_name=_("putaran"), on_delete=models.CASCADE, related_name="preferensi"
    )
    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="preferensi_mutasi"
    )
    tetap = models.BooleanField(_("ingin tetap di jabatan sekarang"), default=False)
    kategori = models.CharField(_("kategori alasan"), max_length=10, choices=Kategori.choices)
    alasan = models.TextField(_("alasan"))
    bukti = models.FileField(
        _("bukti pendukung"), upload_to=bukti_preferensi_upload_to, blank=True, max_length=255
    )
    nama_bukti = models.CharField(_("nama berkas bukti"), max_length=255, blank=True)
    pasangan = models.ForeignKey(
        Pegawai,
        verbose_name=_("pasangan (suami/istri ASN)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Keinginan kedua pegawai dipertimbangkan bersama."),
    )
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("keinginan mutasi")
        verbose_name_plural = _("keinginan mutasi")
        ordering = ["putaran", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(fields=["putaran", "pegawai"], name="preferensimutasi_satu_per_putaran"),
            models.CheckConstraint(
                condition=~Q(pasangan=F("pegawai")), name="preferensimutasi_pasangan_bukan_diri"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai} — {self.putaran}"


class PilihanTujuan(models.Model):
    """One wished destination (1–3, in order): a position, or a unit when any position there will do."""

    preferensi = models.ForeignKey(
        PreferensiMutasi, verbose_name=_("keinginan"), on_delete=models.CASCADE, related_name="pilihan"
    )
    urutan = models.PositiveSmallIntegerField(_("pilihan ke"))
    jabatan = models.ForeignKey(
        Jabatan, verbose_name=_("jabatan"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    unit_kerja = models.ForeignKey(
        UnitKerja,
        verbose_name=_("unit kerja"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("pilihan tujuan")
        verbose_name_plural = _("pilihan tujuan")
        ordering = ["preferensi", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["preferensi", "urutan"], name="pilihantujuan_unik_urutan"),
            models.CheckConstraint(
                condition=Q(urutan__gte=1, urutan__lte=3), name="pilihantujuan_urutan_1_3"
            ),
            models.CheckConstraint(
                condition=Q(jabatan__isnull=False) | Q(unit_kerja__isnull=False),
                name="pilihantujuan_ada_tujuan",
            ),
        ]

    def __str__(self) -> str:
        if self.jabatan_id:
            return f"{self.jabatan.nama} — {self.jabatan.unit_kerja.nama}"
        return self.unit_kerja.nama if self.unit_kerja_id else "-"
