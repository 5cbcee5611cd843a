"""The placement team (Tim Penilai Kinerja PNS, PP 11/2017 Pasal 191): members, meetings, recommendations."""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from pegawai.models import Pegawai

from .usulan import UsulanMutasi


def notulen_upload_to(instance, filename: str) -> str:
    return f"mutasi/notulen/{secrets.token_urlsafe(16)}/{PurePath(filename).name}"


class AnggotaTPK(TimeStampedModel):
    class Peran(models.TextChoices):
        KETUA = "ketua", _("Ketua")
        SEKRETARIS = "sekretaris", _("Sekretaris")
        ANGGOTA = "anggota", _("Anggota")

    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="+"
    )
    peran = models.CharField(_("peran"), max_length=10, choices=Peran.choices, default=Peran.ANGGOTA)
    aktif = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("anggota TPK")
        verbose_name_plural = _("anggota TPK")
        ordering = ["-aktif", "peran", "pegawai__nama"]
        constraints = [models.UniqueConstraint(fields=["pegawai"], name="anggotatpk_unik_pegawai")]

    def __str__(self) -> str:
        return f"{self.pegawai} ({self.get_peran_display()})"


class SidangTPK(TimeStampedModel):
    tanggal = models.DateField(_("tanggal sidang"))
    tempat = models.CharField(_("tempat"), max_length=200, blank=True)
    agenda = models.CharField(_("agenda"), max_length=300, blank=True)
    anggota_hadir = models.ManyToManyField(AnggotaTPK, verbose_name=_("anggota hadir"), blank=True)
    notulen = models.FileField(_("notulen"), upload_to=notulen_upload_to, blank=True, max_length=255)
    nama_notulen = models.CharField(_("nama berkas notulen"), max_length=255, blank=True)
    nomor_berita_acara = models.CharField(_("nomor berita acara"), max_length=100, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("sidang TPK")
        verbose_name_plural = _("sidang TPK")
        ordering = ["-tanggal", "-id"]

    def __str__(self) -> str:
        return f"Sidang TPK {self.tanggal:%d-%m-%Y}"


class RekomendasiTPK(TimeStampedModel):
    """The team's recommendation on one proposal at one meeting."""

    class Keputusan(models.TextChoices):
        SETUJU = "setuju", _("Setuju")
        TIDAK = "tidak", _("Tidak setuju")
        TUNDA = "tunda", _("Ditunda")

    sidang = models.ForeignKey(
        SidangTPK, verbose_name=_("sidang"), on_delete=models.PROTECT, related_name="rekomendasi"
    )
    usulan = models.ForeignKey(
        UsulanMutasi, verbose_name=_("usulan"), on_delete=models.CASCADE, related_name="rekomendasi_tpk"
    )
    keputusan = models.CharField(_("rekomendasi"), max_length=8, choices=Keputusan.choices)
    catatan = models.TextField(_("catatan"), blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("rekomendasi TPK")
        verbose_name_plural = _("rekomendasi TPK")
        ordering = ["usulan", "-sidang__tanggal", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["sidang", "usulan"], name="rekomendasitpk_satu_per_sidang")
        ]

    def __str__(self) -> str:
        return f"{self.get_keputusan_display()} ({self.sidang})"
