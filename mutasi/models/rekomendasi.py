"""Shortlists and rotation rounds (issue 13 points 4 and 5): the dated weights of the shortlist score, the
shortlist stored with the proposal it led to, and the computed assignment of a rotation round."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from pegawai.models import Jabatan

from .preferensi import PutaranRotasi
from .usulan import UsulanMutasi

# The factors of the score, in display order: (field, label). Peraturan BKN 5/2019 (planning aspects of
# a move: qualification, competence, performance, talent/succession, development, experience, the
# employee's wish, time in post).
FAKTOR = [
    ("pendidikan", "Kesesuaian pendidikan"),
    ("kompetensi", "Kompetensi (hasil asesmen)"),
    ("kinerja", "Predikat kinerja dua tahun terakhir"),
    ("talenta", "Kotak talenta dan kelompok suksesi"),
    ("pelatihan", "Pelatihan yang relevan"),
    ("pengalaman", "Pengalaman jabatan"),
    ("keinginan", "Keinginan pegawai"),
    ("masa_jabatan", "Masa dalam jabatan sekarang"),
]


class BobotRekomendasi(TimeStampedModel):
    """One version of the shortlist weights (points a factor gives at most), in force from a date."""

    berlaku_mulai = models.DateField(_("berlaku mulai"), unique=True)
    dasar_hukum = models.CharField(_("dasar hukum"), max_length=300)
    pendidikan = models.PositiveSmallIntegerField(
        _("kesesuaian pendidikan"), validators=[MaxValueValidator(100)]
    )
    kompetensi = models.PositiveSmallIntegerField(_("kompetensi"), validators=[MaxValueValidator(100)])
    kinerja = models.PositiveSmallIntegerField(_("predikat kinerja"), validators=[MaxValueValidator(100)])
    talenta = models.PositiveSmallIntegerField(_("kotak talenta"), validators=[MaxValueValidator(100)])
    pelatihan = models.PositiveSmallIntegerField(_("pelatihan"), validators=[MaxValueValidator(100)])
    pengalaman = models.PositiveSmallIntegerField(_("pengalaman"), validators=[MaxValueValidator(100)])
    keinginan = models.PositiveSmallIntegerField(_("keinginan pegawai"), validators=[MaxValueValidator(100)])
    masa_jabatan = models.PositiveSmallIntegerField(_("masa jabatan"), validators=[MaxValueValidator(100)])
    keterangan = models.TextField(_("keterangan"), blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("bobot rekomendasi mutasi")
        verbose_name_plural = _("bobot rekomendasi mutasi")
        ordering = ["-berlaku_mulai"]

    def __str__(self) -> str:
        return f"Bobot rekomendasi berlaku {self.berlaku_mulai}"

    def bobot(self) -> dict[str, int]:
        return {nama: getattr(self, nama) for nama, _label in FAKTOR}


class SnapshotRekomendasi(TimeStampedModel):
    """The shortlist (top N with points and evidence) as it stood when a proposal was made from it."""

    usulan = models.OneToOneField(
        UsulanMutasi, verbose_name=_("usulan"), on_delete=models.CASCADE, related_name="snapshot_rekomendasi"
    )
    jabatan = models.ForeignKey(
        Jabatan, verbose_name=_("jabatan"), on_delete=models.PROTECT, related_name="+"
    )
    tanggal = models.DateField(_("tanggal acuan"))
    data = models.JSONField(_("daftar kandidat"))
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("snapshot rekomendasi")
        verbose_name_plural = _("snapshot rekomendasi")

    def __str__(self) -> str:
        return f"Rekomendasi untuk {self.usulan}"


class HasilRotasi(TimeStampedModel):
    """One computation of a rotation round: the vacancies and movers, the side rules switched on, the
    proposed assignment (rows with score and explanation) and the officers' own plan beside it."""

    class Status(models.TextChoices):
        ANTRI = "antri", _("Menunggu worker")
        BERJALAN = "berjalan", _("Berjalan")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")
        DIUSULKAN = "diusulkan", _("Sudah dijadikan usulan")

    TRANSISI = {
        Status.ANTRI: {Status.BERJALAN, Status.GAGAL},
        Status.BERJALAN: {Status.SELESAI, Status.GAGAL},
        Status.SELESAI: {Status.DIUSULKAN},
        Status.GAGAL: {Status.BERJALAN},
        Status.DIUSULKAN: set(),
    }

    putaran = models.ForeignKey(
        PutaranRotasi, verbose_name=_("putaran"), on_delete=models.CASCADE, related_name="hasil_rotasi"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ANTRI)
    tanggal = models.DateField(_("TMT rencana"))
    jabatan_ids = models.JSONField(_("lowongan"), default=list)
    pegawai_tambahan_ids = models.JSONField(_("pegawai yang dipilih"), default=list)
    aturan = models.JSONField(_("aturan tambahan"), default=dict)
    persen = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    hasil = models.JSONField(_("penugasan usulan sistem"), default=dict)
    rencana_manual = models.JSONField(_("rencana petugas"), default=dict)
    pesan_galat = models.TextField(_("pesan galat"), blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["diubah", "persen", "hasil"])

    class Meta:
        verbose_name = _("hasil rotasi")
        verbose_name_plural = _("hasil rotasi")
        ordering = ["-dibuat", "-id"]

    def __str__(self) -> str:
        return f"Rotasi {self.putaran} #{self.pk}"
