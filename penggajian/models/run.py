"""Inputs (attendance recaps, KGB), pay runs and slips.

A run goes draf → dihitung → diverifikasi → disetujui → dikunci; whoever computed any part of it
(PerhitunganRun) can neither verify nor approve it. One slip per (run, employee) is a unique constraint,
and a locked run and its slips are protected by PostgreSQL triggers (migrations 0002 and 0011), so not
even a raw UPDATE, a slip moved into the run or a TRUNCATE changes them.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.dates import NAMA_BULAN
from core.models import TimeStampedModel, new_kode_verifikasi
from pegawai.models import Pegawai, UnitKerja

from .aturan import RUPIAH, AturanGaji, AturanTambahan, AturanTpp


def bulan_label(tahun: int, bulan: int) -> str:
    return f"{NAMA_BULAN[bulan - 1]} {tahun}"


class RekapKehadiran(TimeStampedModel):
    """Monthly discipline recap of one employee: working days, days absent without a valid reason and a
    count per deduction code of the TPP rule (TL1 … TL4, PSW1 … PSW4, APEL …)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="rekap_kehadiran")
    tahun = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2000)])
    bulan = models.PositiveSmallIntegerField(
        _("bulan"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    hari_kerja = models.PositiveSmallIntegerField(_("hari kerja"), default=0)
    tanpa_keterangan = models.PositiveSmallIntegerField(_("tanpa keterangan (hari)"), default=0)
    jumlah = models.JSONField(_("jumlah per kode potongan"), default=dict, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("rekap kehadiran")
        verbose_name_plural = _("rekap kehadiran")
        ordering = ["-tahun", "-bulan", "pegawai"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "tahun", "bulan"], name="rekapkehadiran_unik"),
            models.CheckConstraint(
                condition=models.Q(bulan__gte=1, bulan__lte=12), name="rekapkehadiran_bulan"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {bulan_label(self.tahun, self.bulan)}"


class KenaikanGajiBerkala(TimeStampedModel):
    """A periodic raise (KGB): from its TMT the pay uses the new MKG for the same golongan."""

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        DITETAPKAN = "ditetapkan", _("Ditetapkan")
        DITUNDA = "ditunda", _("Ditunda")

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="kgb")
    golongan = models.CharField(_("golongan"), max_length=10)
    mkg_tahun = models.PositiveSmallIntegerField(_("MKG baru (tahun)"))
    mkg_bulan = models.PositiveSmallIntegerField(_("MKG baru (bulan)"), default=0)
    tmt = models.DateField(_("TMT KGB"))
    gaji_pokok_lama = models.DecimalField(_("gaji pokok lama"), **RUPIAH)
    gaji_pokok_baru = models.DecimalField(_("gaji pokok baru"), **RUPIAH)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAF)
    alasan_tunda = models.TextField(_("alasan ditunda"), blank=True)
    nomor_sk = models.CharField(_("nomor SK"), max_length=100, blank=True)
    tanggal_sk = models.DateField(_("tanggal SK"), null=True, blank=True)
    syarat_kinerja = models.CharField(
        _("predikat tahunan yang menjadi syarat"),
        max_length=200,
        blank=True,
        help_text=_("mis. 2024: Baik; 2025: Baik"),
    )
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("kenaikan gaji berkala")
        verbose_name_plural = _("kenaikan gaji berkala")
        ordering = ["-tmt", "pegawai"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "tmt"], name="kgb_unik")]

    def __str__(self) -> str:
        return f"KGB {self.pegawai_id} TMT {self.tmt:%d-%m-%Y}"


class RunGaji(TimeStampedModel):
    class Jenis(models.TextChoices):
        INDUK = "induk", _("Gaji induk")
        TPP = "tpp", _("TPP")
        THR = "thr", _("THR (gaji ke-14)")
        GAJI13 = "gaji13", _("Gaji ke-13")

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        ANTRI = "antri", _("Dalam antrean")
        MENGHITUNG = "menghitung", _("Sedang dihitung")
        DIHITUNG = "dihitung", _("Dihitung")
        DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
        DISETUJUI = "disetujui", _("Disetujui")
        DIKUNCI = "dikunci", _("Dikunci")
        GAGAL = "gagal", _("Gagal")

    # A recompute queues again (not once approved or locked); "kembalikan" returns to DIHITUNG from
    # any checked state; DIKUNCI is final (core.workflow).
    TRANSISI = {
        Status.DRAF: {Status.ANTRI},
        Status.ANTRI: {Status.MENGHITUNG, Status.GAGAL},
        Status.MENGHITUNG: {Status.DIHITUNG, Status.GAGAL},
        Status.DIHITUNG: {Status.ANTRI, Status.DIHITUNG, Status.DIVERIFIKASI},
        Status.DIVERIFIKASI: {Status.ANTRI, Status.DIHITUNG, Status.DISETUJUI},
        Status.DISETUJUI: {Status.DIHITUNG, Status.DIKUNCI},
        Status.DIKUNCI: set(),
        Status.GAGAL: {Status.ANTRI},
    }

    jenis = models.CharField(_("jenis"), max_length=6, choices=Jenis.choices)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    bulan = models.PositiveSmallIntegerField(
        _("bulan"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAF)
    aturan_gaji = models.ForeignKey(
        AturanGaji, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aturan_tpp = models.ForeignKey(
        AturanTpp, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aturan_tambahan = models.ForeignKey(
        AturanTambahan, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    hanya_galat = models.BooleanField(_("hitung ulang yang gagal saja"), default=False)
    opd_selesai = ArrayField(models.IntegerField(), default=list, blank=True)
    total_opd = models.PositiveIntegerField(default=0)
    jumlah_pegawai = models.PositiveIntegerField(_("pegawai"), default=0)
    jumlah_slip = models.PositiveIntegerField(_("slip"), default=0)
    jumlah_galat = models.PositiveIntegerField(_("gagal"), default=0)
    jumlah_kotor = models.DecimalField(_("jumlah kotor"), **RUPIAH, default=0)
    jumlah_potongan = models.DecimalField(_("jumlah potongan"), **RUPIAH, default=0)
    jumlah_bersih = models.DecimalField(_("jumlah bersih"), **RUPIAH, default=0)
    # Totals per OPD, written once when the run is computed (selectors.rekap_opd): the run page and the
    # dashboards read them instead of summing 50,000 wide slip rows on every view.
    rekap_opd = models.JSONField(_("rekap per OPD"), default=list, blank=True)
    pesan_galat = models.TextField(_("galat proses"), blank=True)
    mulai = models.DateTimeField(null=True, blank=True)
    selesai = models.DateTimeField(null=True, blank=True)
    dihitung_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dihitung_pada = models.DateTimeField(null=True, blank=True)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    diverifikasi_pada = models.DateTimeField(null=True, blank=True)
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    disetujui_pada = models.DateTimeField(null=True, blank=True)
    dikunci_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dikunci_pada = models.DateTimeField(null=True, blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    history = HistoricalRecords(excluded_fields=["diubah", "opd_selesai"])

    class Meta:
        verbose_name = _("run gaji")
        verbose_name_plural = _("run gaji")
        ordering = ["-tahun", "-bulan", "jenis"]
        constraints = [
            models.UniqueConstraint(fields=["jenis", "tahun", "bulan"], name="rungaji_satu_per_bulan"),
            models.CheckConstraint(condition=models.Q(bulan__gte=1, bulan__lte=12), name="rungaji_bulan"),
            models.CheckConstraint(
                condition=models.Q(diverifikasi_oleh__isnull=True)
                | ~models.Q(diverifikasi_oleh=models.F("dihitung_oleh")),
                name="rungaji_verifikator_bukan_pembuat",
            ),
            models.CheckConstraint(
                condition=models.Q(disetujui_oleh__isnull=True)
                | ~models.Q(disetujui_oleh=models.F("dihitung_oleh")),
                name="rungaji_penyetuju_bukan_pembuat",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.bulan_label}"

    @property
    def bulan_label(self) -> str:
        return bulan_label(self.tahun, self.bulan)

    @property
    def tambahan(self) -> bool:
        """THR or gaji ke-13: paid once a year from the components of a monthly pay."""
        return self.jenis in (self.Jenis.THR, self.Jenis.GAJI13)

    @property
    def terkunci(self) -> bool:
        return self.status == self.Status.DIKUNCI

    @property
    def sedang_berjalan(self) -> bool:
        return self.status in (self.Status.ANTRI, self.Status.MENGHITUNG)

    @property
    def persen_selesai(self) -> int:
        if not self.total_opd:
            return 0
        return min(100, round(100 * len(self.opd_selesai) / self.total_opd))


class PerhitunganRun(models.Model):
    """Who computed a run, once per computation: a full compute or recompute and a recompute of the failed
    employees only, since the run was created and across returns. Maker ≠ checker: no one in this list
    may verify or approve the run (services, permissions and a database trigger, migration 0010).
    Rows are never removed while the run exists."""

    class Jenis(models.TextChoices):
        HITUNG = "hitung", _("Dihitung")
        HANYA_GALAT = "hanya_galat", _("Hitung ulang yang gagal")

    run = models.ForeignKey(RunGaji, on_delete=models.CASCADE, related_name="perhitungan")
    dihitung_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    jenis = models.CharField(_("jenis"), max_length=12, choices=Jenis.choices)
    pada = models.DateTimeField(_("pada"))

    class Meta:
        verbose_name = _("perhitungan run gaji")
        verbose_name_plural = _("perhitungan run gaji")
        ordering = ["run", "pada"]
        indexes = [models.Index(fields=["run", "dihitung_oleh"], name="perhitunganrun_run_pembuat")]

    def __str__(self) -> str:
        return f"{self.run_id} {self.get_jenis_display()} {self.dihitung_oleh_id}"


class Slip(models.Model):
    """One employee's pay in one run: the register columns (`kolom`, CONTRACT names), the lines with a
    plain-language explanation each (`rincian`), and a snapshot of the inputs and rule versions used."""

    # No single-column indexes on run and pegawai: slip_satu_per_run_pegawai and slip_pegawai_run lead
    # with them, and every index costs each of the 50,000 rows a run writes.
    run = models.ForeignKey(RunGaji, on_delete=models.PROTECT, related_name="slip", db_index=False)
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="slip_gaji", db_index=False)
    opd = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    nip = models.CharField(_("NIP"), max_length=18)
    nama = models.CharField(_("nama"), max_length=255)
    kode_unit = models.CharField(_("kode unit"), max_length=30)
    nama_unit = models.CharField(_("unit kerja"), max_length=200)
    golongan = models.CharField(_("golongan"), max_length=10, blank=True)
    jabatan = models.CharField(_("jabatan"), max_length=200, blank=True)
    nama_bank = models.CharField(_("nama bank"), max_length=60, blank=True)
    nomor_rekening = models.CharField(_("nomor rekening"), max_length=30, blank=True)
    kolom = models.JSONField(_("kolom register"), default=dict)
    rincian = models.JSONField(_("rincian"), default=list)
    masukan = models.JSONField(_("masukan"), default=dict)
    jumlah_kotor = models.DecimalField(_("jumlah kotor"), **RUPIAH)
    jumlah_potongan = models.DecimalField(_("jumlah potongan"), **RUPIAH)
    jumlah_bersih = models.DecimalField(_("jumlah bersih"), **RUPIAH)
    bruto_pph = models.DecimalField(
        _("penghasilan bruto PPh 21"),
        **RUPIAH,
        default=0,
        help_text=_(
            "Termasuk iuran yang dibayar pemda (JKK, JKM, BPJS); dasar PPh setahun pada bulan Desember."
        ),
    )
    kode_verifikasi = models.CharField(max_length=32, default=new_kode_verifikasi)
    dihitung = models.DateTimeField(_("dihitung"))

    class Meta:
        verbose_name = _("slip gaji")
        verbose_name_plural = _("slip gaji")
        ordering = ["run", "kode_unit", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["run", "pegawai"], name="slip_satu_per_run_pegawai"),
            # A constraint rather than unique=True: the same unique index without the LIKE index
            # Django adds for unique text fields (codes are looked up by equality only).
            models.UniqueConstraint(fields=["kode_verifikasi"], name="slip_kode_verifikasi_unik"),
        ]
        indexes = [
            models.Index(fields=["pegawai", "run"], name="slip_pegawai_run"),
            models.Index(fields=["run", "opd"], name="slip_run_opd"),
        ]

    def __str__(self) -> str:
        return f"{self.nip} {self.run}"


class GalatSlip(models.Model):
    """An employee the run could not compute, with the reason (the rest of the run completes)."""

    run = models.ForeignKey(RunGaji, on_delete=models.CASCADE, related_name="galat")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+")
    opd = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, related_name="+")
    pesan = models.CharField(_("alasan"), max_length=500)

    class Meta:
        verbose_name = _("galat slip")
        verbose_name_plural = _("galat slip")
        ordering = ["run", "opd", "pegawai"]
        constraints = [models.UniqueConstraint(fields=["run", "pegawai"], name="galatslip_unik")]

    def __str__(self) -> str:
        return self.pesan


class CetakSlipMassal(TimeStampedModel):
    """Bulk slip PDFs of one run (optionally one OPD), printed by Celery into one ZIP file."""

    class Status(models.TextChoices):
        ANTRI = "antri", _("Dalam antrean")
        BERJALAN = "berjalan", _("Sedang dicetak")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    run = models.ForeignKey(RunGaji, on_delete=models.CASCADE, related_name="cetak_massal")
    opd = models.ForeignKey(UnitKerja, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ANTRI)
    jumlah = models.PositiveIntegerField(_("jumlah slip"), default=0)
    selesai_dicetak = models.PositiveIntegerField(_("sudah dicetak"), default=0)
    berkas = models.FileField(_("berkas ZIP"), upload_to="slip_massal/", blank=True)
    pesan_galat = models.TextField(_("galat"), blank=True)
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("cetak slip massal")
        verbose_name_plural = _("cetak slip massal")
        ordering = ["-dibuat"]

    def __str__(self) -> str:
        return f"Cetak slip {self.run}"

    @property
    def persen(self) -> int:
        return min(100, round(100 * self.selesai_dicetak / self.jumlah)) if self.jumlah else 0


class RapelGaji(TimeStampedModel):
    """A bulk correction (rapel) of locked months: every slip of the chosen months (all OPDs or one)
    recomputed with the rules and tables now in force for those months, from the employee data as last
    paid (the slip's inputs, or its latest correction's). Each difference becomes a Penyesuaian paid by
    the next run of the same kind. Worked by Celery per month and OPD, each chunk all-or-nothing, so a
    stopped job resumes where it was."""

    class Jenis(models.TextChoices):
        INDUK = "induk", _("Gaji induk")
        TPP = "tpp", _("TPP")

    class Status(models.TextChoices):
        ANTRI = "antri", _("Dalam antrean")
        BERJALAN = "berjalan", _("Sedang dihitung")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Terhenti")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    # core.workflow: a stopped rapel resumes; a done or stopped one may be cancelled.
    TRANSISI = {
        Status.ANTRI: {Status.BERJALAN},
        Status.BERJALAN: {Status.SELESAI, Status.GAGAL},
        Status.SELESAI: {Status.DIBATALKAN},
        Status.GAGAL: {Status.BERJALAN, Status.DIBATALKAN},
        Status.DIBATALKAN: set(),
    }

    jenis = models.CharField(_("jenis"), max_length=6, choices=Jenis.choices)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    bulan_mulai = models.PositiveSmallIntegerField(
        _("dari bulan"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    bulan_akhir = models.PositiveSmallIntegerField(
        _("sampai bulan"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    opd = models.ForeignKey(UnitKerja, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    alasan = models.TextField(_("alasan / dasar hukum"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ANTRI)
    # Chunks done, "bulan:opd_id", written in the chunk's own transaction (resume skips them).
    bagian_selesai = ArrayField(models.CharField(max_length=20), default=list, blank=True)
    jumlah_slip = models.PositiveIntegerField(_("slip diperiksa"), default=0)
    sudah_diperiksa = models.PositiveIntegerField(_("sudah diperiksa"), default=0)
    jumlah_koreksi = models.PositiveIntegerField(_("koreksi"), default=0)
    jumlah_sama = models.PositiveIntegerField(_("tidak berubah"), default=0)
    jumlah_dilewati = models.PositiveIntegerField(_("dilewati"), default=0)
    total_bersih = models.DecimalField(_("total selisih bersih"), **RUPIAH, default=0)
    # [{"nip", "nama", "bulan", "pesan"}]: slips skipped or not computable, with the reason.
    catatan_pegawai = models.JSONField(_("pegawai dilewati atau gagal"), default=list, blank=True)
    pesan_galat = models.TextField(_("galat proses"), blank=True)
    mulai = models.DateTimeField(null=True, blank=True)
    selesai = models.DateTimeField(null=True, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["diubah", "bagian_selesai", "sudah_diperiksa"])

    class Meta:
        verbose_name = _("rapel gaji")
        verbose_name_plural = _("rapel gaji")
        ordering = ["-dibuat"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    bulan_mulai__gte=1, bulan_akhir__lte=12, bulan_mulai__lte=models.F("bulan_akhir")
                ),
                name="rapelgaji_rentang_bulan",
            ),
        ]

    def __str__(self) -> str:
        return f"Rapel {self.get_jenis_display()} {self.rentang_label}"

    @property
    def rentang_label(self) -> str:
        if self.bulan_mulai == self.bulan_akhir:
            return bulan_label(self.tahun, self.bulan_mulai)
        return f"{NAMA_BULAN[self.bulan_mulai - 1]}–{bulan_label(self.tahun, self.bulan_akhir)}"

    @property
    def sedang_berjalan(self) -> bool:
        return self.status in (self.Status.ANTRI, self.Status.BERJALAN)

    @property
    def persen(self) -> int:
        return min(100, round(100 * self.sudah_diperiksa / self.jumlah_slip)) if self.jumlah_slip else 0

    @property
    def boleh_dibatalkan(self) -> bool:
        """Done or stopped (its corrections may still be refused when one is already in a run)."""
        return self.status in (self.Status.SELESAI, self.Status.GAGAL)


class Penyesuaian(TimeStampedModel):
    """A correction of a locked month, paid (or recovered) in a later run of the same kind: the slip of
    that month recomputed with today's data minus the slip that was paid, per register column."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="penyesuaian_gaji")
    slip_asal = models.ForeignKey(Slip, on_delete=models.PROTECT, related_name="penyesuaian")
    run_tujuan = models.ForeignKey(
        RunGaji, null=True, blank=True, on_delete=models.SET_NULL, related_name="penyesuaian_masuk"
    )
    rapel = models.ForeignKey(
        RapelGaji, null=True, blank=True, on_delete=models.CASCADE, related_name="penyesuaian"
    )
    selisih = models.JSONField(_("selisih per kolom"), default=dict)
    selisih_kotor = models.DecimalField(_("selisih kotor"), **RUPIAH)
    selisih_potongan = models.DecimalField(_("selisih potongan"), **RUPIAH)
    selisih_bersih = models.DecimalField(_("selisih bersih"), **RUPIAH)
    penjelasan = models.TextField(_("penjelasan"))
    # The inputs of the recomputation (as on a slip): what a later rapel starts from.
    masukan = models.JSONField(_("masukan"), default=dict, blank=True)
    alasan = models.TextField(_("alasan koreksi"))
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["diubah", "masukan"])

    class Meta:
        verbose_name = _("penyesuaian gaji")
        verbose_name_plural = _("penyesuaian gaji")
        ordering = ["-dibuat"]
        constraints = [
            models.UniqueConstraint(
                fields=["slip_asal"],
                condition=models.Q(run_tujuan__isnull=True),
                name="penyesuaian_satu_tertunda",
            )
        ]

    def __str__(self) -> str:
        return f"Koreksi {self.slip_asal.run} {self.pegawai_id}"
