"""Who signs printed documents (master data) and the report print jobs (DUK, nominatif)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.db import models
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel

from .organisasi import Pegawai, UnitKerja


class Penandatangan(TimeStampedModel):
    """Who signs a kind of document for a period (master data the Admin BKD keeps): the Kepala BKPSDM
    for SK KGB and the DUK, the Bendahara Pengeluaran of each OPD for pay slips, … Either linked to an
    employee (name, NIP and pangkat are read from the employee at print time) or written out (someone
    outside the data, e.g. the Wali Kota). One signatory per role and OPD at any date (a constraint)."""

    class Peran(models.TextChoices):
        KEPALA_BKPSDM = "kepala_bkpsdm", _("Kepala BKPSDM")
        BENDAHARA_PENGELUARAN = "bendahara_pengeluaran", _("Bendahara Pengeluaran (per OPD)")
        KEPALA_OPD = "kepala_opd", _("Kepala OPD")
        PPK = "ppk", _("Pejabat Pembina Kepegawaian (Wali Kota)")
        SEKRETARIS_DAERAH = "sekretaris_daerah", _("Sekretaris Daerah")
        KEPALA_BPKAD = "kepala_bpkad", _("Kepala BPKAD")

    PERAN_PER_OPD = frozenset({Peran.BENDAHARA_PENGELUARAN, Peran.KEPALA_OPD})

    peran = models.CharField(_("peran"), max_length=24, choices=Peran.choices)
    opd = models.ForeignKey(
        UnitKerja,
        verbose_name=_("OPD"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Wajib untuk Bendahara Pengeluaran dan Kepala OPD; kosong untuk jabatan seluruh pemda."),
    )
    jabatan = models.CharField(
        _("jabatan penandatangan"),
        max_length=255,
        help_text=_(
            "Sebagaimana dicetak, mis. Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia."
        ),
    )
    atas_nama = models.CharField(
        _("atas nama"),
        max_length=255,
        blank=True,
        help_text=_("Baris di atas jabatan, mis. a.n. Wali Kota Palu."),
    )
    pegawai = models.ForeignKey(
        Pegawai,
        verbose_name=_("pegawai"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    nama = models.CharField(_("nama (bila bukan pegawai)"), max_length=150, blank=True)
    nip = models.CharField(_("NIP (bila bukan pegawai)"), max_length=18, blank=True)
    pangkat = models.CharField(_("pangkat/golongan (bila bukan pegawai)"), max_length=100, blank=True)
    berlaku_mulai = models.DateField(_("berlaku mulai"))
    berlaku_sampai = models.DateField(_("berlaku sampai"), null=True, blank=True)
    keterangan = models.TextField(_("keterangan"), blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("penandatangan")
        verbose_name_plural = _("penandatangan")
        ordering = ["peran", "opd__nama", "-berlaku_mulai"]
        constraints = [
            models.CheckConstraint(
                condition=Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gte=F("berlaku_mulai")),
                name="penandatangan_sampai_setelah_mulai",
                violation_error_message=_(
                    "Tanggal berlaku sampai tidak boleh sebelum tanggal berlaku mulai."
                ),
            ),
            models.CheckConstraint(
                condition=Q(pegawai__isnull=False) | ~Q(nama=""),
                name="penandatangan_ada_nama",
                violation_error_message=_("Pilih pegawai (NIP) atau isi nama penandatangan."),
            ),
            ExclusionConstraint(
                name="penandatangan_satu_per_masa",
                violation_error_message=_(
                    "Masa berlaku bertumpang tindih dengan penandatangan lain untuk peran dan OPD yang sama."
                ),
                expressions=[
                    ("peran", RangeOperators.EQUAL),
                    (Coalesce("opd", Value(0)), RangeOperators.EQUAL),
                    (
                        Func(
                            "berlaku_mulai",
                            "berlaku_sampai",
                            Value("[]"),
                            function="daterange",
                            output_field=DateRangeField(),
                        ),
                        RangeOperators.OVERLAPS,
                    ),
                ],
            ),
        ]

    def __str__(self) -> str:
        opd = f" {self.opd.nama}" if self.opd_id else ""
        return f"{self.get_peran_display()}{opd}: {self.nama_cetak}"

    @property
    def nama_cetak(self) -> str:
        return self.pegawai.nama_lengkap if self.pegawai_id else self.nama

    @property
    def nip_cetak(self) -> str:
        return self.pegawai.nip if self.pegawai_id else self.nip

    @property
    def pangkat_cetak(self) -> str:
        if self.pegawai_id:
            return str(self.pegawai.golongan)
        return self.pangkat

    def berlaku_pada(self, tanggal: dt.date) -> bool:
        return self.berlaku_mulai <= tanggal and (
            self.berlaku_sampai is None or tanggal <= self.berlaku_sampai
        )


class CetakLaporan(TimeStampedModel):
    """A DUK or daftar nominatif PDF (one OPD or the whole government), printed by Celery with progress
    and handed out only by a scoped download view."""

    class Jenis(models.TextChoices):
        DUK = "duk", _("Daftar Urut Kepangkatan")
        NOMINATIF = "nominatif", _("Daftar Nominatif Pegawai")

    class Status(models.TextChoices):
        ANTRI = "antri", _("Dalam antrean")
        BERJALAN = "berjalan", _("Sedang dicetak")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices)
    opd = models.ForeignKey(
        UnitKerja, verbose_name=_("OPD"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ANTRI)
    jumlah = models.PositiveIntegerField(_("jumlah pegawai"), default=0)
    selesai_dicetak = models.PositiveIntegerField(_("sudah dicetak"), default=0)
    berkas = models.FileField(_("berkas PDF"), upload_to="laporan/", blank=True, max_length=200)
    pesan_galat = models.TextField(_("galat"), blank=True)
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diminta oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("cetak laporan")
        verbose_name_plural = _("cetak laporan")
        ordering = ["-dibuat"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.opd.nama if self.opd else 'seluruh OPD'}"

    @property
    def persen(self) -> int:
        return min(100, round(100 * self.selesai_dicetak / self.jumlah)) if self.jumlah else 0
