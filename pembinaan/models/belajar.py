"""E-learning at /belajar/ (issue 14 point 4): modules authored by the BKD with lessons (text, PDF, video
link) and a multiple-choice quiz with a pass mark. Progress is kept per lesson; a passed quiz credits JP
through the ledger (bentuk e_learning, the module's duration by the rule) and gives a numbered
certificate. A module is open between its dates; a quiz answered after it closed is refused.
"""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from pegawai.models import Pegawai

from .jp import KegiatanPengembangan, Program


class Modul(TimeStampedModel):
    judul = models.CharField(_("judul"), max_length=200)
    deskripsi = models.TextField(_("deskripsi"), blank=True)
    kompetensi = models.CharField(_("kompetensi"), max_length=200, blank=True)
    program = models.ForeignKey(
        Program, verbose_name=_("program katalog"), null=True, blank=True, on_delete=models.SET_NULL
    )
    durasi_menit = models.PositiveIntegerField(_("durasi belajar (menit)"))
    nilai_lulus = models.PositiveSmallIntegerField(_("nilai lulus (0–100)"), default=70)
    dibuka = models.DateField(_("dibuka mulai"))
    ditutup = models.DateField(_("ditutup setelah"))
    terbit = models.BooleanField(_("diterbitkan"), default=False)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("modul e-learning")
        verbose_name_plural = _("modul e-learning")
        ordering = ["-dibuka", "judul"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ditutup__gte=F("dibuka")),
                name="modul_tutup_setelah_buka",
                violation_error_message=_("Tanggal tutup tidak boleh sebelum tanggal buka."),
            ),
            models.CheckConstraint(condition=Q(nilai_lulus__lte=100), name="modul_nilai_lulus_100"),
        ]

    def __str__(self) -> str:
        return self.judul

    def terbuka_pada(self, tanggal) -> bool:
        return self.dibuka <= tanggal <= self.ditutup


def berkas_pelajaran_upload_to(instance, filename: str) -> str:
    return f"pembinaan/belajar/{secrets.token_urlsafe(16)}/{PurePath(filename).name}"


class Pelajaran(models.Model):
    class Jenis(models.TextChoices):
        TEKS = "teks", _("Teks")
        PDF = "pdf", _("Berkas PDF")
        VIDEO = "video", _("Tautan video")

    modul = models.ForeignKey(Modul, on_delete=models.CASCADE, related_name="pelajaran")
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    judul = models.CharField(_("judul"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=8, choices=Jenis.choices)
    isi = models.TextField(_("isi"), blank=True)
    berkas = models.FileField(
        _("berkas PDF"), upload_to=berkas_pelajaran_upload_to, blank=True, max_length=300
    )
    tautan_video = models.URLField(_("tautan video"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pelajaran")
        verbose_name_plural = _("pelajaran")
        ordering = ["modul", "urutan", "id"]
        constraints = [models.UniqueConstraint(fields=["modul", "urutan"], name="pelajaran_urutan_unik")]

    def __str__(self) -> str:
        return self.judul


class Soal(models.Model):
    modul = models.ForeignKey(Modul, on_delete=models.CASCADE, related_name="soal")
    urutan = models.PositiveSmallIntegerField(_("nomor"))
    teks = models.CharField(_("pertanyaan"), max_length=500)

    class Meta:
        verbose_name = _("soal")
        verbose_name_plural = _("soal")
        ordering = ["modul", "urutan", "id"]

    def __str__(self) -> str:
        return self.teks


class Pilihan(models.Model):
    soal = models.ForeignKey(Soal, on_delete=models.CASCADE, related_name="pilihan")
    teks = models.CharField(_("pilihan"), max_length=300)
    benar = models.BooleanField(_("jawaban benar"), default=False)

    class Meta:
        ordering = ["soal", "id"]

    def __str__(self) -> str:
        return self.teks


class IkutModul(TimeStampedModel):
    """One employee following one module: progress, best score, the ledger line and certificate."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="ikut_modul")
    modul = models.ForeignKey(Modul, on_delete=models.CASCADE, related_name="peserta")
    pelajaran_selesai = models.ManyToManyField(Pelajaran, blank=True, related_name="+")
    nilai_terbaik = models.PositiveSmallIntegerField(_("nilai terbaik"), null=True, blank=True)
    lulus_pada = models.DateField(_("lulus pada"), null=True, blank=True)
    kegiatan = models.OneToOneField(
        KegiatanPengembangan, null=True, blank=True, on_delete=models.SET_NULL, related_name="ikut_modul"
    )
    kode_verifikasi = models.CharField(_("kode verifikasi sertifikat"), max_length=32, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("peserta modul")
        verbose_name_plural = _("peserta modul")
        constraints = [models.UniqueConstraint(fields=["pegawai", "modul"], name="ikutmodul_satu")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} — {self.modul_id}"


class PercobaanKuis(models.Model):
    ikut = models.ForeignKey(IkutModul, on_delete=models.CASCADE, related_name="percobaan")
    dikirim = models.DateTimeField(_("dikirim"), auto_now_add=True)
    benar = models.PositiveSmallIntegerField(_("jawaban benar"))
    jumlah_soal = models.PositiveSmallIntegerField(_("jumlah soal"))
    nilai = models.PositiveSmallIntegerField(_("nilai"))
    lulus = models.BooleanField(_("lulus"))
    jawaban = models.JSONField(_("jawaban"), default=dict)

    class Meta:
        verbose_name = _("percobaan kuis")
        verbose_name_plural = _("percobaan kuis")
        ordering = ["ikut", "-dikirim"]

    def __str__(self) -> str:
        return f"{self.ikut_id}: {self.nilai}"
