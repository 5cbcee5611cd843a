"""Pay rules as versioned data: each version names its legal basis (dasar_hukum) and the date it takes
effect (berlaku_mulai); a pay month uses the latest version in force on its first day.

Seeded from penggajian/data/*.csv by a data migration (penggajian/reference.py); every table is editable
in the Django admin and, for the TPP rule, on the rule page (draft → what-if → in force).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.angka import format_persen
from core.models import TimeStampedModel
from pegawai.models import Jabatan

RUPIAH = {"max_digits": 14, "decimal_places": 0}
PERSEN = {"max_digits": 6, "decimal_places": 3}


class VersiAturan(TimeStampedModel):
    nama = models.CharField(_("nama"), max_length=200)
    dasar_hukum = models.CharField(_("dasar hukum"), max_length=300)
    berlaku_mulai = models.DateField(_("berlaku mulai"))
    keterangan = models.TextField(_("keterangan"), blank=True)

    class Meta:
        abstract = True
        ordering = ["-berlaku_mulai"]

    def __str__(self) -> str:
        return f"{self.nama} (berlaku {self.berlaku_mulai:%d-%m-%Y})"


class TabelGajiPokok(VersiAturan):
    """One gaji pokok table (PP 15/2019, PP 5/2024 for PNS; Perpres 11/2024 for PPPK)."""

    class Jenis(models.TextChoices):
        PNS = "PNS", _("PNS")
        PPPK = "PPPK", _("PPPK")

    jenis = models.CharField(_("jenis"), max_length=4, choices=Jenis.choices)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta(VersiAturan.Meta):
        verbose_name = _("tabel gaji pokok")
        verbose_name_plural = _("tabel gaji pokok")
        constraints = [models.UniqueConstraint(fields=["jenis", "berlaku_mulai"], name="tabelgajipokok_unik")]


class GajiPokok(models.Model):
    """One cell: golongan × masa kerja golongan (years). Lookup: the highest listed MKG ≤ the actual MKG."""

    tabel = models.ForeignKey(TabelGajiPokok, on_delete=models.CASCADE, related_name="baris")
    golongan = models.CharField(_("golongan"), max_length=10)
    mkg_tahun = models.PositiveSmallIntegerField(_("MKG (tahun)"))
    jumlah = models.DecimalField(_("gaji pokok"), **RUPIAH, validators=[MinValueValidator(0)])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gaji pokok")
        verbose_name_plural = _("gaji pokok")
        ordering = ["tabel", "golongan", "mkg_tahun"]
        constraints = [
            models.UniqueConstraint(fields=["tabel", "golongan", "mkg_tahun"], name="gajipokok_unik"),
            models.CheckConstraint(condition=models.Q(jumlah__gt=0), name="gajipokok_positif"),
        ]

    def __str__(self) -> str:
        return f"{self.golongan} MKG {self.mkg_tahun}: {self.jumlah}"


class AturanGaji(VersiAturan):
    """Allowance and deduction rates of the gaji induk (komponen_gaji_asn.csv and its sources)."""

    persen_cpns = models.DecimalField(_("gaji pokok CPNS (%)"), **PERSEN, default=Decimal(80))
    persen_tunjangan_pasangan = models.DecimalField(
        _("tunjangan suami/istri (%)"), **PERSEN, default=Decimal(10)
    )
    persen_tunjangan_anak = models.DecimalField(
        _("tunjangan anak per anak (%)"), **PERSEN, default=Decimal(2)
    )
    maks_anak = models.PositiveSmallIntegerField(_("anak yang ditunjang paling banyak"), default=2)
    beras_per_jiwa = models.DecimalField(_("tunjangan beras per jiwa"), **RUPIAH, default=Decimal(72420))
    maks_jiwa_beras = models.PositiveSmallIntegerField(_("jiwa tunjangan beras paling banyak"), default=4)
    tunjangan_umum = models.JSONField(
        _("tunjangan umum per golongan ruang"),
        default=dict,
        help_text=_('Contoh: {"I": 175000, "II": 180000, "III": 185000, "IV": 190000}'),
    )
    persen_iwp_pns = models.DecimalField(_("IWP PNS (%)"), **PERSEN, default=Decimal(8))
    persen_iwp_pppk = models.DecimalField(_("iuran PPPK (%)"), **PERSEN, default=Decimal("3.25"))
    persen_bpjs_pegawai = models.DecimalField(
        _("BPJS Kesehatan porsi pegawai (%)"), **PERSEN, default=Decimal(1)
    )
    persen_bpjs_pemda = models.DecimalField(_("BPJS Kesehatan porsi pemda (%)"), **PERSEN, default=Decimal(4))
    batas_dasar_bpjs = models.DecimalField(
        _("batas dasar BPJS Kesehatan"), **RUPIAH, default=Decimal(12_000_000)
    )
    persen_jkk = models.DecimalField(_("JKK (%)"), **PERSEN, default=Decimal("0.24"))
    persen_jkm = models.DecimalField(_("JKM (%)"), **PERSEN, default=Decimal("0.72"))
    kelipatan_pembulatan = models.PositiveIntegerField(_("pembulatan gaji bersih ke kelipatan"), default=100)
    status_dikecualikan = models.JSONField(
        _("status kepegawaian yang tidak digaji di sini"), default=list, blank=True
    )
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta(VersiAturan.Meta):
        verbose_name = _("aturan komponen gaji")
        verbose_name_plural = _("aturan komponen gaji")
        constraints = [models.UniqueConstraint(fields=["berlaku_mulai"], name="aturangaji_unik")]


class TunjanganStruktural(models.Model):
    aturan = models.ForeignKey(AturanGaji, on_delete=models.CASCADE, related_name="tunjangan_struktural")
    eselon = models.CharField(_("eselon"), max_length=5, choices=Jabatan.Eselon.choices)
    jumlah = models.DecimalField(_("tunjangan per bulan"), **RUPIAH)
    dasar_hukum = models.CharField(_("dasar hukum"), max_length=200, blank=True)
    terverifikasi = models.BooleanField(_("terverifikasi"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tunjangan jabatan struktural")
        verbose_name_plural = _("tunjangan jabatan struktural")
        ordering = ["aturan", "eselon"]
        constraints = [models.UniqueConstraint(fields=["aturan", "eselon"], name="tunjanganstruktural_unik")]

    def __str__(self) -> str:
        return f"Eselon {self.eselon}: {self.jumlah}"


class TunjanganFungsional(models.Model):
    """Functional allowance per position and level: `nama` matches the start of the position name."""

    aturan = models.ForeignKey(AturanGaji, on_delete=models.CASCADE, related_name="tunjangan_fungsional")
    nama = models.CharField(_("jabatan fungsional"), max_length=120)
    jenjang = models.CharField(_("jenjang"), max_length=15, choices=Jabatan.Jenjang.choices)
    jumlah = models.DecimalField(_("tunjangan per bulan"), **RUPIAH)
    dasar_hukum = models.CharField(_("dasar hukum"), max_length=200, blank=True)
    terverifikasi = models.BooleanField(_("terverifikasi"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tunjangan jabatan fungsional")
        verbose_name_plural = _("tunjangan jabatan fungsional")
        ordering = ["aturan", "nama", "jenjang"]
        constraints = [
            models.UniqueConstraint(fields=["aturan", "nama", "jenjang"], name="tunjanganfungsional_unik")
        ]

    def __str__(self) -> str:
        return f"{self.nama} {self.get_jenjang_display()}: {self.jumlah}"


class AturanTpp(VersiAturan):
    """The region's TPP rule (Perkada): ceilings, the kinerja/disiplin split, predikat → percentage,
    deduction codes, punishments and exclusions. A new version is drafted, compared (what-if), then put
    in force; a version in force is not edited (a new one is drafted instead)."""

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        BERLAKU = "berlaku", _("Berlaku")

    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAF)
    persen_kinerja = models.DecimalField(_("bobot kinerja (%)"), **PERSEN, default=Decimal(60))
    persen_disiplin = models.DecimalField(_("bobot disiplin (%)"), **PERSEN, default=Decimal(40))
    persen_tanpa_keterangan = models.DecimalField(
        _("potongan disiplin per hari tanpa keterangan (%)"), **PERSEN, default=Decimal(3)
    )
    lantai_disiplin = models.DecimalField(
        _("capaian disiplin paling rendah (%)"),
        **PERSEN,
        default=Decimal(0),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    persen_tanpa_predikat = models.DecimalField(
        _("bagian kinerja dibayar bila belum ada predikat (%)"), **PERSEN, default=Decimal(0)
    )
    persen_hukdis_sedang = models.DecimalField(
        _("potongan hukuman disiplin sedang (%)"), **PERSEN, default=Decimal(25)
    )
    persen_hukdis_berat = models.DecimalField(
        _("potongan hukuman disiplin berat (%)"), **PERSEN, default=Decimal(0)
    )
    persen_cpns = models.DecimalField(_("TPP CPNS (%)"), **PERSEN, default=Decimal(80))
    status_dikecualikan = models.JSONField(
        _("status kepegawaian yang tidak menerima TPP"), default=list, blank=True
    )
    potong_pph = models.BooleanField(_("PPh 21 dipotong dari TPP"), default=True)
    bpjs_termasuk_tpp = models.BooleanField(_("TPP termasuk dasar BPJS Kesehatan"), default=True)
    perbandingan = models.JSONField(
        _("perbandingan (what-if)"),
        default=dict,
        blank=True,
        help_text=_("Hasil terakhir perbandingan total TPP per OPD dengan aturan yang berlaku."),
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["diubah", "perbandingan"])

    class Meta(VersiAturan.Meta):
        verbose_name = _("aturan TPP")
        verbose_name_plural = _("aturan TPP")
        constraints = [
            models.UniqueConstraint(
                fields=["berlaku_mulai"], condition=models.Q(status="berlaku"), name="aturantpp_berlaku_unik"
            ),
            models.CheckConstraint(
                condition=models.Q(persen_kinerja__gte=0, persen_disiplin__gte=0),
                name="aturantpp_bobot_positif",
            ),
        ]


class PaguTpp(models.Model):
    aturan = models.ForeignKey(AturanTpp, on_delete=models.CASCADE, related_name="pagu")
    kelas_jabatan = models.PositiveSmallIntegerField(
        _("kelas jabatan"), validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    jumlah = models.DecimalField(_("pagu TPP per bulan"), **RUPIAH, validators=[MinValueValidator(0)])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pagu TPP")
        verbose_name_plural = _("pagu TPP")
        ordering = ["aturan", "-kelas_jabatan"]
        constraints = [models.UniqueConstraint(fields=["aturan", "kelas_jabatan"], name="pagutpp_unik")]

    def __str__(self) -> str:
        return f"Kelas {self.kelas_jabatan}: {self.jumlah}"


class PersenPredikatTpp(models.Model):
    aturan = models.ForeignKey(AturanTpp, on_delete=models.CASCADE, related_name="persen_predikat")
    predikat = models.CharField(_("predikat"), max_length=20)
    persen = models.DecimalField(_("bagian kinerja dibayar (%)"), **PERSEN)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("persentase TPP per predikat")
        verbose_name_plural = _("persentase TPP per predikat")
        ordering = ["aturan", "-persen"]
        constraints = [models.UniqueConstraint(fields=["aturan", "predikat"], name="persenpredikattpp_unik")]

    def __str__(self) -> str:
        return f"{self.predikat}: {format_persen(self.persen)}"


class KodePotonganTpp(models.Model):
    """A discipline deduction code (e.g. TL1 late 1–30 minutes): percent of the disiplin score per
    occurrence or per day; the recap has one count column per code."""

    class Satuan(models.TextChoices):
        KEJADIAN = "kejadian", _("per kejadian")
        HARI = "hari", _("per hari")

    aturan = models.ForeignKey(AturanTpp, on_delete=models.CASCADE, related_name="kode_potongan")
    kode = models.CharField(_("kode"), max_length=10)
    keterangan = models.CharField(_("keterangan"), max_length=200)
    persen = models.DecimalField(_("potongan (%)"), **PERSEN, validators=[MinValueValidator(0)])
    satuan = models.CharField(_("satuan"), max_length=8, choices=Satuan.choices, default=Satuan.KEJADIAN)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kode potongan TPP")
        verbose_name_plural = _("kode potongan TPP")
        ordering = ["aturan", "kode"]
        constraints = [models.UniqueConstraint(fields=["aturan", "kode"], name="kodepotongantpp_unik")]

    def __str__(self) -> str:
        return f"{self.kode}: {format_persen(self.persen)} {self.get_satuan_display()}"


class AturanTambahan(TimeStampedModel):
    """THR (gaji keempat belas) and gaji ketiga belas of one year: the Peraturan Pemerintah of that year says
    which monthly components they pay and how much of one month's TPP a region may add (PP 14/2024 for 2024,
    PP 11/2025 for 2025). Paid without iuran or other deductions; the PPh is borne by the government."""

    class Jenis(models.TextChoices):
        THR = "thr", _("THR (gaji ke-14)")
        GAJI13 = "gaji13", _("Gaji ke-13")

    jenis = models.CharField(_("jenis"), max_length=6, choices=Jenis.choices)
    tahun = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2000)])
    dasar_hukum = models.CharField(_("dasar hukum"), max_length=300)
    tunjangan_keluarga = models.BooleanField(_("termasuk tunjangan keluarga"), default=True)
    tunjangan_pangan = models.BooleanField(_("termasuk tunjangan pangan (beras)"), default=True)
    tunjangan_jabatan = models.BooleanField(_("termasuk tunjangan jabatan / fungsional / umum"), default=True)
    persen_tpp = models.DecimalField(
        _("persen TPP satu bulan"),
        **PERSEN,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Bagian TPP satu bulan (TPP kotor slip TPP terakhir yang dikunci) yang ikut dibayar."),
    )
    catatan = models.TextField(_("catatan"), blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("aturan THR / gaji ke-13")
        verbose_name_plural = _("aturan THR / gaji ke-13")
        ordering = ["-tahun", "jenis"]
        constraints = [
            models.UniqueConstraint(fields=["jenis", "tahun"], name="aturantambahan_satu_per_tahun")
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.tahun}"
