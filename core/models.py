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
    # What the document was printed from ("penggajian.slip:<run>:<pegawai>"): every print of the same
    # thing shares it, so a later print can name itself the replacement of an earlier, revoked one.
    sumber = models.CharField(_("sumber"), max_length=80, blank=True, db_index=True)
    draf = models.BooleanField(
        _("draf"),
        default=False,
        help_text=_("Dicetak dari data yang belum final (mis. run gaji belum disetujui)."),
    )
    diganti_oleh = models.ForeignKey(
        "self",
        verbose_name=_("digantikan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("dokumen terverifikasi")
        verbose_name_plural = _("dokumen terverifikasi")
        ordering = ["-dibuat"]

    def __str__(self) -> str:
        return f"{self.jenis}: {self.judul}"

    @property
    def berlaku(self) -> bool:
        """Valid: neither revoked nor a draft (a draft never proves anything, even before it is replaced)."""
        return self.dicabut is None and not self.draf
