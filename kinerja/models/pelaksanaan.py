"""During the year: evidence, daily log, feedback, coaching, peer feedback, public satisfaction survey."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel, new_kode_verifikasi
from pegawai.models import Pegawai, UnitKerja

from .perencanaan import SKP, HasilKerja, PeriodeKinerja
from .rujukan import Rating


def bukti_upload_to(instance: BuktiDukung, filename: str) -> str:
    return f"kinerja/bukti/{instance.hasil_kerja.skp.periode.tahun}/{new_kode_verifikasi()}-{filename}"


class BuktiDukung(models.Model):
    """An evidence file for a hasil kerja in one evaluation period."""

    hasil_kerja = models.ForeignKey(
        HasilKerja, verbose_name=_("hasil kerja"), on_delete=models.CASCADE, related_name="bukti"
    )
    periode = models.CharField(_("periode evaluasi"), max_length=12)
    berkas = models.FileField(_("berkas"), upload_to=bukti_upload_to)
    nama_berkas = models.CharField(_("nama berkas"), max_length=255)
    ukuran = models.PositiveIntegerField(_("ukuran (bita)"))
    keterangan = models.CharField(_("keterangan"), max_length=300, blank=True)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diunggah oleh"), on_delete=models.PROTECT, related_name="+"
    )
    dibuat = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["-dibuat"]

    def __str__(self) -> str:
        return self.nama_berkas


class LogHarian(TimeStampedModel):
    """A day's activity linked to a hasil kerja; the atasan reviews it."""

    skp = models.ForeignKey(SKP, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="log_harian")
    hasil_kerja = models.ForeignKey(
        HasilKerja, verbose_name=_("hasil kerja"), on_delete=models.CASCADE, related_name="log_harian"
    )
    tanggal = models.DateField(_("tanggal"))
    uraian = models.CharField(_("uraian kegiatan"), max_length=500)
    jumlah = models.DecimalField(_("jumlah output"), max_digits=10, decimal_places=2, null=True, blank=True)
    satuan = models.CharField(_("satuan"), max_length=40, blank=True)
    direviu_pada = models.DateTimeField(_("direviu pada"), null=True, blank=True)
    komentar_atasan = models.CharField(_("komentar atasan"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("log harian")
        verbose_name_plural = _("log harian")
        ordering = ["-tanggal", "-id"]
        indexes = [models.Index(fields=["skp", "tanggal"], name="logharian_skp_tanggal")]

    def __str__(self) -> str:
        return f"{self.tanggal}: {self.uraian}"


class UmpanBalik(models.Model):
    """Continuous feedback on a hasil kerja row (from the atasan or the employee's reply)."""

    hasil_kerja = models.ForeignKey(
        HasilKerja, verbose_name=_("hasil kerja"), on_delete=models.CASCADE, related_name="umpan_balik"
    )
    periode = models.CharField(_("periode evaluasi"), max_length=12, blank=True)
    penulis = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("penulis"), on_delete=models.PROTECT, related_name="+"
    )
    isi = models.TextField(_("umpan balik"))
    dibuat = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("umpan balik")
        verbose_name_plural = _("umpan balik")
        ordering = ["dibuat"]

    def __str__(self) -> str:
        return self.isi[:60]


class SesiPembinaan(TimeStampedModel):
    """A record of bimbingan or konseling kinerja between the atasan and the employee."""

    class Jenis(models.TextChoices):
        BIMBINGAN = "bimbingan", _("Bimbingan kinerja")
        KONSELING = "konseling", _("Konseling kinerja")

    skp = models.ForeignKey(SKP, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="pembinaan")
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices)
    tanggal = models.DateField(_("tanggal"))
    permasalahan = models.TextField(_("permasalahan"))
    tindak_lanjut = models.TextField(_("tindak lanjut"), blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("sesi bimbingan/konseling")
        verbose_name_plural = _("sesi bimbingan/konseling")
        ordering = ["-tanggal"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.tanggal}"


class UmpanBalikRekan(models.Model):
    """Peer feedback (rekan sejawat) on an employee's behaviour in a period; input the atasan sees."""

    skp = models.ForeignKey(
        SKP, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="umpan_balik_rekan"
    )
    periode = models.CharField(_("periode evaluasi"), max_length=12)
    rekan = models.ForeignKey(
        Pegawai, verbose_name=_("rekan kerja"), on_delete=models.CASCADE, related_name="+"
    )
    rating = models.CharField(_("penilaian perilaku"), max_length=20, choices=Rating.choices)
    isi = models.TextField(_("catatan"), blank=True)
    dibuat = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("umpan balik rekan")
        verbose_name_plural = _("umpan balik rekan")
        constraints = [
            models.UniqueConstraint(
                fields=["skp", "periode", "rekan"], name="umpanbalikrekan_satu_per_rekan"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rekan} → {self.skp}"


class SurveiKepuasan(TimeStampedModel):
    """A public satisfaction survey of one unit for one year, answered without login via a QR code."""

    periode = models.ForeignKey(PeriodeKinerja, verbose_name=_("periode"), on_delete=models.PROTECT)
    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name=_("unit layanan"), on_delete=models.CASCADE, related_name="survei_kepuasan"
    )
    kode = models.CharField(_("kode"), max_length=32, unique=True, default=new_kode_verifikasi)
    aktif = models.BooleanField(_("menerima jawaban"), default=True)

    class Meta:
        verbose_name = _("survei kepuasan")
        verbose_name_plural = _("survei kepuasan")
        constraints = [
            models.UniqueConstraint(fields=["periode", "unit_kerja"], name="surveikepuasan_satu_per_unit")
        ]

    def __str__(self) -> str:
        return f"Survei {self.unit_kerja} {self.periode.tahun}"


class ResponSurvei(models.Model):
    survei = models.ForeignKey(
        SurveiKepuasan, verbose_name=_("survei"), on_delete=models.CASCADE, related_name="respon"
    )
    skor = models.PositiveSmallIntegerField(
        _("kepuasan (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    komentar = models.TextField(_("saran"), blank=True, max_length=1000)
    dibuat = models.DateTimeField(_("waktu"), auto_now_add=True)
    # Anti-flooding without personal data: keyed hashes (HMAC with the deployment's secret, the survey's
    # kode and the day), never the raw IP address or device id; a hash of one day cannot be linked to the
    # same device or network on another day or in another survey.
    tanggal = models.DateField(_("tanggal"), default=timezone.localdate)
    perangkat = models.CharField(_("perangkat (hash)"), max_length=32, blank=True, default="")
    jaringan = models.CharField(_("jaringan (hash IP)"), max_length=32, blank=True, default="")

    class Meta:
        verbose_name = _("respon survei")
        verbose_name_plural = _("respon survei")
        constraints = [
            models.CheckConstraint(condition=Q(skor__gte=1) & Q(skor__lte=5), name="responsurvei_skor_1_5"),
            # The unit's figure counts at most one answer per device per day.
            models.UniqueConstraint(
                fields=["survei", "tanggal", "perangkat"],
                condition=~Q(perangkat=""),
                name="responsurvei_satu_per_perangkat_per_hari",
            ),
        ]
        indexes = [models.Index(fields=["survei", "tanggal", "jaringan"], name="responsurvei_jaringan_idx")]

    def __str__(self) -> str:
        return f"{self.skor}/5"
