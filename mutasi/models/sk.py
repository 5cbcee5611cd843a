"""Decrees of a move (SK mutasi): the SK (individual or collective) and one row per person moved.

An SK issued in the application carries a number from core.penomoran (kind ``sk_mutasi``) and lists the
approved proposals it decides; an SK recorded by ``import_mutasi`` (signed outside the application) carries
its own number and no proposal. Each person's row (``PegawaiSKMutasi``) is the move itself: it takes effect
on its TMT (mutasi.services.sk.mutasi_apply_due), gets its petikan and, once the employee reports, its SPMT.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import NomorDokumen, TimeStampedModel
from pegawai.models import Pegawai, Penandatangan

from ._asal_tujuan import AsalTujuanMutasi
from .usulan import JenisUsulan, UsulanMutasi


class SKMutasi(TimeStampedModel):
    """Keputusan pemindahan dan penempatan PNS (reference §1.7)."""

    class Status(models.TextChoices):
        TERBIT = "terbit", _("Terbit")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    class Sumber(models.TextChoices):
        APLIKASI = "aplikasi", _("Diterbitkan di aplikasi")
        IMPOR = "impor", _("Impor (SK ditandatangani di luar aplikasi)")

    TRANSISI = {
        Status.TERBIT: {Status.DIBATALKAN},
        Status.DIBATALKAN: set(),
    }

    nomor = models.CharField(_("nomor SK"), max_length=100)
    nomor_dokumen = models.OneToOneField(
        NomorDokumen,
        verbose_name=_("nomor di register"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    tanggal = models.DateField(_("tanggal SK"))
    sumber = models.CharField(_("sumber"), max_length=10, choices=Sumber.choices, default=Sumber.APLIKASI)
    tentang = models.CharField(_("tentang"), max_length=300)
    menimbang = models.TextField(_("menimbang"), blank=True)
    mengingat = models.TextField(_("mengingat"), blank=True)
    memperhatikan = models.TextField(_("memperhatikan"), blank=True)
    tembusan = models.TextField(_("tembusan"), blank=True)
    pejabat_penetap = models.CharField(_("pejabat yang menetapkan"), max_length=200, blank=True)
    penandatangan = models.ForeignKey(
        Penandatangan,
        verbose_name=_("penandatangan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kode_verifikasi = models.CharField(_("kode verifikasi"), max_length=32, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.TERBIT)
    diterbitkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterbitkan oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    dibatalkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibatalkan oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    dibatalkan_pada = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    alasan_batal = models.TextField(_("alasan pembatalan"), blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("SK mutasi")
        verbose_name_plural = _("SK mutasi")
        ordering = ["-tanggal", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["nomor"], name="skmutasi_nomor_unik"),
        ]
        indexes = [models.Index(fields=["status", "-tanggal"], name="skmutasi_status_tanggal")]

    def __str__(self) -> str:
        return f"SK mutasi {self.nomor}"

    @property
    def kolektif(self) -> bool:
        return len(self.pegawai_list.all()) > 1

    @property
    def sumber_dokumen(self) -> str:
        """The prefix of every verification record printed from this SK (SK, petikan, SPMT)."""
        return f"mutasi.sk:{self.pk}/"

    def transition_to(self, status: str) -> None:
        from core.workflow import transition

        transition(self, status)


class PegawaiSKMutasi(TimeStampedModel, AsalTujuanMutasi):
    """One person moved by an SK: a snapshot of where from and where to, its TMT and its SPMT."""

    class Status(models.TextChoices):
        MENUNGGU_TMT = "menunggu_tmt", _("Menunggu TMT")
        BERLAKU = "berlaku", _("Berlaku")
        BATAL = "batal", _("Batal (SK dibatalkan)")

    TRANSISI = {
        Status.MENUNGGU_TMT: {Status.BERLAKU, Status.BATAL},
        Status.BERLAKU: set(),
        Status.BATAL: set(),
    }

    sk = models.ForeignKey(
        SKMutasi, verbose_name=_("SK"), on_delete=models.CASCADE, related_name="pegawai_list"
    )
    urutan = models.PositiveSmallIntegerField(_("nomor urut"), default=1)
    usulan = models.ForeignKey(
        UsulanMutasi,
        verbose_name=_("usulan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sk_pegawai",
    )
    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="sk_mutasi"
    )
    jenis = models.CharField(_("jenis mutasi"), max_length=12, choices=JenisUsulan.choices)
    nama = models.CharField(_("nama"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=18)
    pangkat = models.CharField(_("pangkat/golongan"), max_length=100, blank=True)
    # Origin and destination: AsalTujuanMutasi, copied from the proposal (or the imported row); the new
    # position's and unit's names as decreed:
    nama_jabatan_tujuan = models.CharField(_("jabatan baru"), max_length=200, blank=True)
    nama_unit_tujuan = models.CharField(_("unit baru"), max_length=200, blank=True)
    nomor_pertek = models.CharField(_("nomor Pertek BKN"), max_length=100, blank=True)
    tanggal_pertek = models.DateField(_("tanggal Pertek BKN"), null=True, blank=True)
    tmt = models.DateField(_("TMT"))
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.MENUNGGU_TMT)
    diterapkan_pada = models.DateTimeField(_("diterapkan pada"), null=True, blank=True)
    kode_petikan = models.CharField(_("kode verifikasi petikan"), max_length=32, blank=True)
    # SPMT (surat pernyataan melaksanakan tugas): recorded when the employee reports at the new unit.
    tanggal_spmt = models.DateField(_("tanggal mulai melaksanakan tugas (SPMT)"), null=True, blank=True)
    nomor_spmt = models.CharField(_("nomor SPMT"), max_length=200, blank=True)
    nomor_spmt_dokumen = models.OneToOneField(
        NomorDokumen,
        verbose_name=_("nomor SPMT di register"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kode_spmt = models.CharField(_("kode verifikasi SPMT"), max_length=32, blank=True)
    spmt_dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("SPMT dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("pegawai dalam SK mutasi")
        verbose_name_plural = _("pegawai dalam SK mutasi")
        ordering = ["sk", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sk", "pegawai"], name="pegawaiskmutasi_satu_per_sk"),
            models.UniqueConstraint(
                fields=["usulan"],
                condition=~Q(status="batal") & Q(usulan__isnull=False),
                name="pegawaiskmutasi_usulan_satu_sk_aktif",
            ),
            models.CheckConstraint(
                condition=Q(jenis="keluar") | Q(jabatan_tujuan__isnull=False),
                name="pegawaiskmutasi_jabatan_tujuan_wajib",
            ),
        ]
        indexes = [models.Index(fields=["status", "tmt"], name="pegawaiskmutasi_status_tmt")]

    def __str__(self) -> str:
        return f"{self.nama} ({self.sk.nomor})"

    @property
    def sumber_petikan(self) -> str:
        return f"mutasi.sk:{self.sk_id}/petikan:{self.pk}"

    @property
    def sumber_spmt(self) -> str:
        return f"mutasi.sk:{self.sk_id}/spmt:{self.pk}"

    @property
    def tujuan_tampil(self) -> str:
        if self.jabatan_tujuan_id:
            return f"{self.nama_jabatan_tujuan} — {self.nama_unit_tujuan}"
        return f"{self.instansi}"

    @property
    def asal_tampil(self) -> str:
        if self.nama_jabatan_asal:
            return f"{self.nama_jabatan_asal} — {self.nama_unit_asal}"
        return self.instansi

    def transition_to(self, status: str) -> None:
        from core.workflow import transition

        transition(self, status)
