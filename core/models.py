import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    diubah = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


def new_kode_verifikasi() -> str:
    return secrets.token_urlsafe(12)


class DokumenTerverifikasi(models.Model):
    """A printed document whose QR code points to /verifikasi/<kode>/ (public page)."""

    kode = models.CharField(_("kode"), max_length=32, unique=True, default=new_kode_verifikasi)
    jenis = models.CharField(_("jenis dokumen"), max_length=60)
    judul = models.CharField(_("judul"), max_length=255)
    fakta = models.JSONField(
        _("fakta dokumen"), default=dict, help_text=_("Pasangan label → nilai yang ditampilkan.")
    )
    dibuat = models.DateTimeField(_("dicetak"), auto_now_add=True)
    dibuat_oleh = models.CharField(_("dicetak oleh"), max_length=150, blank=True)
    dicabut = models.DateTimeField(_("dicabut"), null=True, blank=True)
    alasan_dicabut = models.CharField(_("alasan dicabut"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("dokumen terverifikasi")
        verbose_name_plural = _("dokumen terverifikasi")
        ordering = ["-dibuat"]

    def __str__(self) -> str:
        return f"{self.jenis}: {self.judul}"

    @property
    def berlaku(self) -> bool:
        return self.dicabut is None
