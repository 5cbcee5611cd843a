import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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


class JenisNomor(TimeStampedModel):
    """A kind of numbered document (SK mutasi, SPMT, SK KGB …) with the format of its number.

    Numbers run per (kind, year) in a `RegisterNomor`; `format` is a Python format string with the
    placeholders of `core.penomoran.PLACEHOLDER` ({urut}, {tahun}, {bulan}, {bulan_romawi}), e.g.
    "800/{urut}/BKPSDM/{tahun}" or "800.1.6.1/{urut:03d}/BKPSDM/{bulan_romawi}/{tahun}". A petikan carries
    the number of its SK and has no register of its own. Superusers edit the format in the admin (through
    `core.penomoran.jenis_nomor_save`); a changed format applies to the numbers issued after it, an issued
    number keeps its text.
    """

    kode = models.SlugField(_("kode"), max_length=40, unique=True)
    nama = models.CharField(_("nama dokumen"), max_length=150)
    format = models.CharField(
        _("format nomor"),
        max_length=150,
        help_text=_(
            "Contoh: 800/{urut}/BKPSDM/{tahun}. Wajib memuat {urut} dan {tahun}; boleh {bulan}, "
            "{bulan_romawi}, dan lebar nomor urut seperti {urut:03d}."
        ),
    )
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("jenis nomor dokumen")
        verbose_name_plural = _("jenis nomor dokumen")
        ordering = ["kode"]

    def __str__(self) -> str:
        return self.nama


class RegisterNomor(TimeStampedModel):
    """The counter of one kind of document in one year: the last sequence number issued.

    Only `core.penomoran.terbitkan_nomor` moves it, under SELECT … FOR UPDATE inside the caller's
    transaction, so a number exists only if that transaction commits (no gap, no duplicate)."""

    jenis = models.ForeignKey(
        JenisNomor, verbose_name=_("jenis dokumen"), on_delete=models.PROTECT, related_name="register"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    nomor_terakhir = models.PositiveIntegerField(_("nomor urut terakhir"), default=0)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("register nomor")
        verbose_name_plural = _("register nomor")
        ordering = ["-tahun", "jenis__kode"]
        constraints = [
            models.UniqueConstraint(fields=["jenis", "tahun"], name="registernomor_satu_per_jenis_tahun")
        ]

    def __str__(self) -> str:
        return f"{self.jenis} {self.tahun}"


class NomorDokumen(TimeStampedModel):
    """One issued number. Never deleted and never reused: a cancelled one stays, marked with who and why."""

    register = models.ForeignKey(
        RegisterNomor, verbose_name=_("register"), on_delete=models.PROTECT, related_name="nomor"
    )
    urut = models.PositiveIntegerField(_("nomor urut"))
    nomor = models.CharField(_("nomor"), max_length=200)
    tanggal = models.DateField(_("tanggal dokumen"))
    sumber = models.CharField(
        _("sumber"), max_length=120, blank=True, help_text=_("Dokumen yang memakai nomor ini.")
    )
    diterbitkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterbitkan oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    dibatalkan_pada = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    dibatalkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibatalkan oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    alasan_batal = models.TextField(_("alasan pembatalan"), blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("nomor dokumen")
        verbose_name_plural = _("nomor dokumen")
        ordering = ["-register__tahun", "register__jenis__kode", "-urut"]
        constraints = [
            models.UniqueConstraint(fields=["register", "urut"], name="nomordokumen_urut_unik"),
            models.UniqueConstraint(fields=["register", "nomor"], name="nomordokumen_nomor_unik"),
        ]

    def __str__(self) -> str:
        return self.nomor

    @property
    def dibatalkan(self) -> bool:
        return self.dibatalkan_pada is not None
