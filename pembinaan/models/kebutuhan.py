"""Pembinaan (issue 14 points 1–2): development needs, the employee's yearly plan and the roll-up.

- KompetensiPegawai: the employee's competency profile (one row per competency held), compared with the
  position's `kompetensi` (pegawai.Jabatan, `;`-separated, pegawai.syarat) to find competency gaps.
- KebutuhanPengembangan: one need of one employee for one plan year, with its source and evidence text.
  (pegawai, tahun, sumber, kunci) is unique, so generating needs again adds nothing twice.
- GenerasiKebutuhan: one run of the Celery job that generates the needs of a year (progress per step).
- RencanaPengembangan + KegiatanRencana: the employee's plan of the year (activities with route and form
  per Peraturan LAN 10/2018, target JP, timing, cost, source of funds), agreed with the atasan.
- RencanaKompetensi: the *rencana pengembangan kompetensi* of one OPD (or, opd empty, the government) for
  a year, approved by the PPK (PP 17/2020 Pasal 203(5)); the figures are frozen at approval.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from pegawai.models import Pegawai, UnitKerja

from .jp import Bentuk, Jalur, Program


class KompetensiPegawai(TimeStampedModel):
    """One competency the employee holds (the profile a position's competency list is checked against)."""

    class Sumber(models.TextChoices):
        INPUT = "input", _("Dicatat operator/BKD")
        PELATIHAN = "pelatihan", _("Hasil pelatihan")
        ASESMEN = "asesmen", _("Hasil asesmen")

    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="kompetensi"
    )
    nama = models.CharField(_("kompetensi"), max_length=200)
    sumber = models.CharField(_("sumber"), max_length=12, choices=Sumber.choices, default=Sumber.INPUT)
    tanggal = models.DateField(_("tanggal"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("kompetensi pegawai")
        verbose_name_plural = _("kompetensi pegawai")
        ordering = ["pegawai", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "nama"], name="kompetensipegawai_satu_per_nama")
        ]

    def __str__(self) -> str:
        return self.nama


class SumberKebutuhan(models.TextChoices):
    """The CONTRACT's `sumber` codes of the kebutuhan export."""

    KINERJA = "kinerja", _("Kinerja (predikat/perilaku)")
    KOMPETENSI = "kompetensi", _("Kesenjangan kompetensi")
    JABATAN_BARU = "jabatan_baru", _("Jabatan baru (orientasi)")
    TALENTA = "talenta", _("Tindak lanjut kotak talenta")
    JP = "jp", _("Kekurangan JP")
    USULAN = "usulan", _("Usulan pegawai/atasan")
    TINDAK_LANJUT = "tindak_lanjut", _("Tindak lanjut evaluasi pelatihan")


class GenerasiKebutuhan(TimeStampedModel):
    """One run of the job that generates the needs of a plan year for the whole government."""

    class Status(models.TextChoices):
        ANTRI = "antri", _("Menunggu worker")
        BERJALAN = "berjalan", _("Berjalan")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    tahun = models.PositiveSmallIntegerField(_("tahun rencana"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ANTRI)
    total_langkah = models.PositiveSmallIntegerField(_("jumlah langkah"), default=0)
    langkah_selesai = models.PositiveSmallIntegerField(_("langkah selesai"), default=0)
    rincian = models.JSONField(_("kebutuhan baru per langkah"), default=dict, blank=True)
    jumlah_baru = models.PositiveIntegerField(_("kebutuhan baru"), default=0)
    dijalankan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dijalankan oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    mulai = models.DateTimeField(_("mulai"), null=True, blank=True)
    selesai = models.DateTimeField(_("selesai"), null=True, blank=True)
    pesan_galat = models.TextField(_("pesan galat"), blank=True)
    history = HistoricalRecords(excluded_fields=["diubah", "langkah_selesai", "rincian"])

    class Meta:
        verbose_name = _("pembentukan kebutuhan")
        verbose_name_plural = _("pembentukan kebutuhan")
        ordering = ["-dibuat"]

    def __str__(self) -> str:
        return f"Pembentukan kebutuhan {self.tahun}"

    @property
    def persen(self) -> int:
        if self.status == self.Status.SELESAI:
            return 100
        if not self.total_langkah:
            return 0
        return min(99, int(100 * self.langkah_selesai / self.total_langkah))

    @property
    def berjalan(self) -> bool:
        return self.status in (self.Status.ANTRI, self.Status.BERJALAN)


class KebutuhanPengembangan(TimeStampedModel):
    """One development need of one employee for one plan year, with its source and evidence."""

    class Status(models.TextChoices):
        TERBUKA = "terbuka", _("Terbuka")
        DIRENCANAKAN = "direncanakan", _("Direncanakan")
        TERPENUHI = "terpenuhi", _("Terpenuhi")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="kebutuhan_pengembangan"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun rencana"))
    sumber = models.CharField(_("sumber"), max_length=16, choices=SumberKebutuhan.choices)
    # What makes the need unique within its source (e.g. "predikat:2025:bimbingan", "kompetensi:<name>").
    kunci = models.CharField(_("kunci"), max_length=120)
    topik = models.CharField(_("topik"), max_length=200)
    uraian = models.CharField(_("uraian/bukti"), max_length=500)
    bentuk_saran = models.CharField(
        _("bentuk yang disarankan"), max_length=32, choices=Bentuk.choices, blank=True
    )
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.TERBUKA)
    generasi = models.ForeignKey(
        GenerasiKebutuhan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("kebutuhan pengembangan")
        verbose_name_plural = _("kebutuhan pengembangan")
        ordering = ["tahun", "pegawai", "sumber", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "tahun", "sumber", "kunci"], name="kebutuhan_satu_per_kunci"
            )
        ]
        indexes = [models.Index(fields=["tahun", "sumber"], name="kebutuhan_tahun_sumber")]

    def __str__(self) -> str:
        return f"{self.topik} ({self.tahun})"


class SumberDana(models.TextChoices):
    APBD = "apbd", _("APBD")
    APBN = "apbn", _("APBN")
    MANDIRI = "mandiri", _("Biaya sendiri")
    MITRA = "mitra", _("Mitra/sponsor")
    TANPA_BIAYA = "tanpa_biaya", _("Tanpa biaya")


class RencanaPengembangan(TimeStampedModel):
    """The employee's development plan of one year, agreed with the atasan."""

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan ke atasan")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
        DISETUJUI = "disetujui", _("Disetujui atasan")

    TRANSISI = {
        Status.DRAF: {Status.DIAJUKAN},
        Status.DIAJUKAN: {Status.DISETUJUI, Status.DIKEMBALIKAN},
        Status.DIKEMBALIKAN: {Status.DIAJUKAN},
        Status.DISETUJUI: set(),
    }
    BISA_DIUBAH = (Status.DRAF, Status.DIKEMBALIKAN)

    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="rencana_pengembangan"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.DRAF)
    catatan = models.CharField(_("catatan pegawai"), max_length=500, blank=True)
    alasan_dikembalikan = models.CharField(_("alasan dikembalikan"), max_length=500, blank=True)
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    diputus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputus oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    disetujui_pada = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("rencana pengembangan")
        verbose_name_plural = _("rencana pengembangan")
        ordering = ["-tahun", "pegawai__nama"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "tahun"], name="rencana_satu_per_tahun")]

    def __str__(self) -> str:
        return f"Rencana pengembangan {self.tahun}"

    @property
    def bisa_diubah(self) -> bool:
        return self.status in self.BISA_DIUBAH


class KegiatanRencana(TimeStampedModel):
    """One planned activity of a plan (Peraturan LAN 10/2018 route and form)."""

    rencana = models.ForeignKey(
        RencanaPengembangan, verbose_name=_("rencana"), on_delete=models.CASCADE, related_name="kegiatan"
    )
    kebutuhan = models.ForeignKey(
        KebutuhanPengembangan,
        verbose_name=_("kebutuhan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kegiatan_rencana",
    )
    program = models.ForeignKey(
        Program, verbose_name=_("program"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nama_kegiatan = models.CharField(_("nama kegiatan"), max_length=300)
    bentuk = models.CharField(_("bentuk"), max_length=32, choices=Bentuk.choices)
    jalur = models.CharField(_("jalur"), max_length=12, choices=Jalur.choices, editable=False)
    target_jp = models.DecimalField(_("target JP"), max_digits=6, decimal_places=2)
    waktu_mulai = models.DateField(_("rencana mulai"))
    waktu_selesai = models.DateField(_("rencana selesai"))
    biaya = models.BigIntegerField(_("biaya (Rp)"), default=0)
    sumber_dana = models.CharField(_("sumber dana"), max_length=12, choices=SumberDana.choices)
    keterangan = models.CharField(_("keterangan"), max_length=500, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("kegiatan rencana")
        verbose_name_plural = _("kegiatan rencana")
        ordering = ["rencana", "waktu_mulai", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(waktu_selesai__gte=F("waktu_mulai")),
                name="kegiatanrencana_selesai_setelah_mulai",
                violation_error_message=_("Rencana selesai tidak boleh sebelum rencana mulai."),
            ),
            models.CheckConstraint(condition=Q(biaya__gte=0), name="kegiatanrencana_biaya_positif"),
            models.CheckConstraint(condition=Q(target_jp__gte=0), name="kegiatanrencana_jp_positif"),
        ]

    def __str__(self) -> str:
        return self.nama_kegiatan


class RencanaKompetensi(TimeStampedModel):
    """The rencana pengembangan kompetensi of one OPD (opd empty: the whole government) for a year,
    approved by the PPK. Figures are frozen when approved."""

    class Status(models.TextChoices):
        DRAF = "draf", _("Belum disetujui")
        DISETUJUI = "disetujui", _("Disetujui PPK")

    TRANSISI = {Status.DRAF: {Status.DISETUJUI}, Status.DISETUJUI: set()}

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    opd = models.ForeignKey(
        UnitKerja, verbose_name=_("OPD"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAF)
    jumlah_kebutuhan = models.PositiveIntegerField(_("jumlah kebutuhan"), default=0)
    jumlah_rencana = models.PositiveIntegerField(_("rencana disetujui atasan"), default=0)
    jp_rencana = models.DecimalField(_("JP direncanakan"), max_digits=12, decimal_places=2, default=0)
    biaya = models.BigIntegerField(_("biaya (Rp)"), default=0)
    catatan = models.CharField(_("catatan PPK"), max_length=500, blank=True)
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disetujui oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    disetujui_pada = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("rencana pengembangan kompetensi")
        verbose_name_plural = _("rencana pengembangan kompetensi")
        ordering = ["-tahun", "opd__nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["tahun", "opd"], condition=Q(opd__isnull=False), name="rpk_satu_per_opd"
            ),
            models.UniqueConstraint(
                fields=["tahun"], condition=Q(opd__isnull=True), name="rpk_satu_pemerintah"
            ),
        ]

    def __str__(self) -> str:
        return f"Rencana pengembangan kompetensi {self.tahun}"
