"""Data-correction requests by employees, with evidence (verified by the OPD, decided by the BKD)."""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel

from .organisasi import Pegawai


def bukti_upload_to(instance, filename: str) -> str:
    """A random folder per file: the name says nothing about whose it is and cannot be guessed; the file
    is only ever handed out by the scoped download view (MEDIA_ROOT is never served)."""
    return f"bukti/{secrets.token_urlsafe(16)}/{PurePath(filename).name}"


class UsulanPerubahanData(TimeStampedModel):
    """An employee's request to correct their own record, with evidence (verified, then approved)."""

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", _("Diajukan")
        DIVERIFIKASI = "diverifikasi", _("Diverifikasi operator")
        DISETUJUI = "disetujui", _("Disetujui")
        DITOLAK = "ditolak", _("Ditolak")

    TRANSISI = {  # core.workflow
        Status.DIAJUKAN: {Status.DIVERIFIKASI, Status.DITOLAK},
        Status.DIVERIFIKASI: {Status.DISETUJUI, Status.DITOLAK},
        Status.DISETUJUI: set(),
        Status.DITOLAK: set(),
    }

    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="usulan_perubahan"
    )
    field = models.CharField(_("data yang diubah"), max_length=40)
    nilai_lama = models.CharField(_("nilai lama"), max_length=255, blank=True)
    nilai_baru = models.CharField(_("nilai baru"), max_length=255)
    alasan = models.TextField(_("alasan"))
    bukti = models.FileField(_("bukti dukung"), upload_to=bukti_upload_to)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DIAJUKAN)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diajukan oleh"), on_delete=models.PROTECT, related_name="+"
    )
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diverifikasi oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    diverifikasi_pada = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    diputuskan_pada = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    catatan = models.TextField(_("catatan / alasan penolakan"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("usulan perubahan data")
        verbose_name_plural = _("usulan perubahan data")
        ordering = ["-dibuat"]

    @property
    def label_field(self) -> str:
        """The corrected field as users call it ("Nomor rekening", not `nomor_rekening`)."""
        from core.exceptions import label_field

        return label_field(self.field, Pegawai)

    def __str__(self) -> str:
        return f"{self.pegawai.nip}: {self.field}"

    def transition_to(self, status: str) -> None:
        from core.workflow import transition

        transition(self, status)
