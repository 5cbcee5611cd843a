"""Performance management under PP 30/2019 and PermenPANRB 6/2022.

A `PeriodeKinerja` is one year with periodic evaluations (monthly or quarterly). Each employee has at
most one `SKP` per year (plan: hasil kerja rows with indicators, cascading to the atasan's rows, plus the
7 BerAKHLAK values with the atasan's expectations). Evaluations are `Penilaian` rows keyed by
(pegawai, tahun, periode) as in CONTRACT.md: two ratings → predikat by `MatriksPredikat` (data, never
code). A `PenutupanPeriode` (Celery) freezes one evaluation period for everyone.

Rule tables (matrix, distribution curve, 9-box, credit points, potential thresholds) are effective-dated
rows with their legal basis, seeded from `kinerja/data/*.csv` by a data migration.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel, new_kode_verifikasi
from pegawai.models import Jabatan, Pegawai, UnitKerja


class Rating(models.TextChoices):
    """Rating hasil kerja and rating perilaku kerja (PermenPANRB 6/2022)."""

    DI_ATAS = "di atas ekspektasi", _("Di Atas Ekspektasi")
    SESUAI = "sesuai ekspektasi", _("Sesuai Ekspektasi")
    DI_BAWAH = "di bawah ekspektasi", _("Di Bawah Ekspektasi")


class Predikat(models.TextChoices):
    """Predikat kinerja pegawai, best first."""

    SANGAT_BAIK = "sangat baik", _("Sangat Baik")
    BAIK = "baik", _("Baik")
    BUTUH_PERBAIKAN = "butuh perbaikan", _("Butuh Perbaikan")
    KURANG = "kurang", _("Kurang/Misconduct")
    SANGAT_KURANG = "sangat kurang", _("Sangat Kurang")


class PredikatOrganisasi(models.TextChoices):
    """The unit's own annual predikat, which sets the allowed distribution of its employees' predikat."""

    ISTIMEWA = "istimewa", _("Istimewa")
    BAIK = "baik", _("Baik")
    BUTUH_PERBAIKAN = "butuh perbaikan", _("Butuh Perbaikan")
    KURANG = "kurang", _("Kurang")
    SANGAT_KURANG = "sangat kurang", _("Sangat Kurang")


PERIODE_TAHUNAN = "tahunan"
PERIODE_TRIWULAN = [f"triwulan-{i}" for i in range(1, 5)]
PERIODE_BULAN = [f"bulan-{i:02d}" for i in range(1, 13)]
PERIODE_SEMUA = [PERIODE_TAHUNAN, *PERIODE_TRIWULAN, *PERIODE_BULAN]


def periode_label(kode: str) -> str:
    """`triwulan-2` → `Triwulan II`, `bulan-03` → `Maret`, `tahunan` → `Tahunan`."""
    from core.dates import NAMA_BULAN

    if kode == PERIODE_TAHUNAN:
        return "Tahunan"
    jenis, _sep, nomor = kode.partition("-")
    if jenis == "triwulan":
        return "Triwulan " + ["I", "II", "III", "IV"][int(nomor) - 1]
    return NAMA_BULAN[int(nomor) - 1]


class DataRujukan(models.Model):
    """Effective-dated rule rows: the row in force on a date is the latest `berlaku_mulai` ≤ that date."""

    dasar_hukum = models.CharField(_("dasar hukum"), max_length=200)
    berlaku_mulai = models.DateField(_("berlaku mulai"))

    class Meta:
        abstract = True


class MatriksPredikat(DataRujukan):
    """Rating hasil kerja × rating perilaku kerja → predikat (PermenPANRB 6/2022 Lampiran)."""

    rating_hasil_kerja = models.CharField(_("rating hasil kerja"), max_length=20, choices=Rating.choices)
    rating_perilaku_kerja = models.CharField(
        _("rating perilaku kerja"), max_length=20, choices=Rating.choices
    )
    predikat = models.CharField(_("predikat"), max_length=20, choices=Predikat.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("matriks predikat")
        verbose_name_plural = _("matriks predikat")
        ordering = ["-berlaku_mulai", "rating_hasil_kerja", "rating_perilaku_kerja"]
        constraints = [
            models.UniqueConstraint(
                fields=["berlaku_mulai", "rating_hasil_kerja", "rating_perilaku_kerja"],
                name="matrikspredikat_satu_sel",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_rating_hasil_kerja_display()} × {self.get_rating_perilaku_kerja_display()}"


class KurvaDistribusi(DataRujukan):
    """One bound of the allowed distribution of employee predikat under a unit predikat.

    `predikat_pegawai` may hold several predikat counted together ("Butuh Perbaikan atau Kurang").
    A bound is a minimum percentage, a minimum number of people, or a maximum percentage of the
    employees rated in the unit. The reference marks this table *partial*: it yields warnings, never
    refusals.
    """

    predikat_organisasi = models.CharField(
        _("predikat organisasi"), max_length=20, choices=PredikatOrganisasi.choices
    )
    predikat_pegawai = ArrayField(
        models.CharField(max_length=20, choices=Predikat.choices), verbose_name=_("predikat pegawai")
    )
    min_persen = models.DecimalField(_("minimal (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    min_orang = models.PositiveSmallIntegerField(_("minimal (orang)"), null=True, blank=True)
    maks_persen = models.DecimalField(
        _("maksimal (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    catatan = models.CharField(_("catatan"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kurva distribusi predikat")
        verbose_name_plural = _("kurva distribusi predikat")
        ordering = ["-berlaku_mulai", "predikat_organisasi", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_persen__isnull=False)
                | Q(min_orang__isnull=False)
                | Q(maks_persen__isnull=False),
                name="kurvadistribusi_ada_batas",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_predikat_organisasi_display()}: {', '.join(self.predikat_pegawai)}"


class KotakTalenta(DataRujukan):
    """One box of the 9-box talent grid and its follow-up (PermenPANRB 3/2020)."""

    class Potensial(models.TextChoices):
        TINGGI = "tinggi", _("Tinggi")
        MENENGAH = "menengah", _("Menengah")
        RENDAH = "rendah", _("Rendah")

    kotak = models.PositiveSmallIntegerField(
        _("kotak"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    kinerja = models.CharField(_("kinerja"), max_length=20, choices=Rating.choices)
    potensial = models.CharField(_("potensial"), max_length=10, choices=Potensial.choices)
    rekomendasi = models.TextField(_("rekomendasi tindak lanjut"))
    kelompok_suksesi = models.CharField(_("kelompok rencana suksesi"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("kotak talenta")
        verbose_name_plural = _("kotak talenta")
        ordering = ["-berlaku_mulai", "-kotak"]
        constraints = [
            models.UniqueConstraint(fields=["berlaku_mulai", "kotak"], name="kotaktalenta_satu_kotak"),
            models.UniqueConstraint(
                fields=["berlaku_mulai", "kinerja", "potensial"], name="kotaktalenta_satu_sel"
            ),
        ]

    def __str__(self) -> str:
        return f"Kotak {self.kotak}"


class AmbangTalenta(DataRujukan):
    """Configurable thresholds of the potential axis (score 0–100) of the 9-box grid."""

    batas_menengah = models.DecimalField(_("potensial menengah mulai"), max_digits=5, decimal_places=2)
    batas_tinggi = models.DecimalField(_("potensial tinggi mulai"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("ambang potensial")
        verbose_name_plural = _("ambang potensial")
        ordering = ["-berlaku_mulai"]
        constraints = [
            models.CheckConstraint(
                condition=Q(batas_menengah__lt=models.F("batas_tinggi")), name="ambangtalenta_urut"
            )
        ]

    def __str__(self) -> str:
        return f"{self.batas_menengah}/{self.batas_tinggi} sejak {self.berlaku_mulai}"


class AngkaKreditPredikat(DataRujukan):
    """Annual functional credit points per jenjang and predikat (PermenPANRB 1/2023)."""

    jenjang = models.CharField(_("jenjang"), max_length=20, choices=Jabatan.Jenjang.choices)
    koefisien_tahunan = models.DecimalField(_("koefisien tahunan"), max_digits=6, decimal_places=2)
    predikat = models.CharField(_("predikat"), max_length=20, choices=Predikat.choices)
    angka_kredit = models.DecimalField(_("angka kredit"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("angka kredit per predikat")
        verbose_name_plural = _("angka kredit per predikat")
        ordering = ["-berlaku_mulai", "jenjang", "predikat"]
        constraints = [
            models.UniqueConstraint(
                fields=["berlaku_mulai", "jenjang", "predikat"], name="angkakreditpredikat_satu_sel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_jenjang_display()} / {self.get_predikat_display()}: {self.angka_kredit}"


class PeriodeKinerja(TimeStampedModel):
    """One appraisal year with its periodic evaluations; the Admin BKD opens and closes it."""

    class JenisEvaluasi(models.TextChoices):
        BULANAN = "bulanan", _("Bulanan")
        TRIWULANAN = "triwulanan", _("Triwulanan")

    class Status(models.TextChoices):
        DIBUKA = "dibuka", _("Dibuka")
        DITUTUP = "ditutup", _("Ditutup")

    tahun = models.PositiveSmallIntegerField(
        _("tahun"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    jenis_evaluasi = models.CharField(
        _("evaluasi periodik"), max_length=12, choices=JenisEvaluasi.choices, default=JenisEvaluasi.TRIWULANAN
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DIBUKA)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("periode kinerja")
        verbose_name_plural = _("periode kinerja")
        ordering = ["-tahun"]

    def __str__(self) -> str:
        return f"Periode kinerja {self.tahun}"

    @property
    def kode_periode_evaluasi(self) -> list[str]:
        """Periodic evaluation codes of this year, then the annual one."""
        periodik = PERIODE_BULAN if self.jenis_evaluasi == self.JenisEvaluasi.BULANAN else PERIODE_TRIWULAN
        return [*periodik, PERIODE_TAHUNAN]

    @property
    def dibuka(self) -> bool:
        return self.status == self.Status.DIBUKA


class SasaranUnit(TimeStampedModel):
    """A target of a unit for the year; its head's hasil kerja rows support it (cascading)."""

    periode = models.ForeignKey(PeriodeKinerja, verbose_name=_("periode"), on_delete=models.PROTECT)
    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name=_("unit kerja"), on_delete=models.CASCADE, related_name="sasaran_kinerja"
    )
    uraian = models.CharField(_("sasaran"), max_length=500)
    indikator = models.CharField(_("indikator"), max_length=500, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("sasaran unit")
        verbose_name_plural = _("sasaran unit")
        ordering = ["unit_kerja__path", "id"]

    def __str__(self) -> str:
        return self.uraian


class PredikatUnit(TimeStampedModel):
    """The unit's annual predikat, set by the leader above; a unit head's rating hasil kerja follows it."""

    periode = models.ForeignKey(PeriodeKinerja, verbose_name=_("periode"), on_delete=models.PROTECT)
    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name=_("unit kerja"), on_delete=models.CASCADE, related_name="predikat_kinerja"
    )
    predikat = models.CharField(_("predikat organisasi"), max_length=20, choices=PredikatOrganisasi.choices)
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditetapkan oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    catatan = models.TextField(_("catatan"), blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("predikat unit")
        verbose_name_plural = _("predikat unit")
        constraints = [
            models.UniqueConstraint(fields=["periode", "unit_kerja"], name="predikatunit_satu_per_tahun")
        ]

    def __str__(self) -> str:
        return f"{self.unit_kerja} {self.periode.tahun}: {self.get_predikat_display()}"


class SKP(TimeStampedModel):
    """Sasaran Kinerja Pegawai: the employee's plan for one year, agreed with the pejabat penilai."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
        DISETUJUI = "disetujui", _("Disetujui")

    TRANSISI = {
        Status.DRAFT: {Status.DIAJUKAN},
        Status.DIKEMBALIKAN: {Status.DIAJUKAN},
        Status.DIAJUKAN: {Status.DISETUJUI, Status.DIKEMBALIKAN},
        Status.DISETUJUI: {Status.DRAFT},  # re-planning after a transfer or a change of position
    }

    periode = models.ForeignKey(PeriodeKinerja, verbose_name=_("periode"), on_delete=models.PROTECT)
    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="skp"
    )
    jabatan = models.ForeignKey(
        Jabatan, verbose_name=_("jabatan"), on_delete=models.PROTECT, related_name="+"
    )
    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="+"
    )
    opd = models.ForeignKey(UnitKerja, verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="+")
    pejabat_penilai = models.ForeignKey(
        Pegawai,
        verbose_name=_("pejabat penilai"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="skp_dinilai",
    )
    atasan_pejabat_penilai = models.ForeignKey(
        Pegawai,
        verbose_name=_("atasan pejabat penilai"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Memutus keberatan atas penilaian."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    catatan_atasan = models.TextField(_("catatan atasan"), blank=True)
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    disetujui_pada = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["-periode__tahun", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(fields=["periode", "pegawai"], name="skp_satu_per_pegawai_periode"),
            models.CheckConstraint(
                condition=~Q(pejabat_penilai=models.F("pegawai")), name="skp_tidak_menilai_diri"
            ),
        ]
        indexes = [models.Index(fields=["pejabat_penilai", "periode"], name="skp_penilai_periode")]

    def __str__(self) -> str:
        return f"SKP {self.periode.tahun} {self.pegawai.nama}"

    @property
    def dapat_diubah(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.DIKEMBALIKAN)


class HasilKerja(TimeStampedModel):
    """A result the employee commits to; `mendukung` is the atasan's row it supports (cascading)."""

    class Jenis(models.TextChoices):
        UTAMA = "utama", _("Utama")
        TAMBAHAN = "tambahan", _("Tambahan")

    skp = models.ForeignKey(SKP, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="hasil_kerja")
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices, default=Jenis.UTAMA)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    uraian = models.CharField(_("hasil kerja"), max_length=500)
    mendukung = models.ForeignKey(
        "self",
        verbose_name=_("mendukung hasil kerja atasan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="didukung",
    )
    sasaran_unit = models.ForeignKey(
        SasaranUnit,
        verbose_name=_("mendukung sasaran unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hasil_kerja",
    )
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("hasil kerja")
        verbose_name_plural = _("hasil kerja")
        ordering = ["skp", "jenis", "urutan", "id"]

    def __str__(self) -> str:
        return self.uraian


class Indikator(TimeStampedModel):
    """How a hasil kerja is measured: a numeric target with a unit, or a qualitative description."""

    class Jenis(models.TextChoices):
        KUANTITATIF = "kuantitatif", _("Kuantitatif")
        KUALITATIF = "kualitatif", _("Kualitatif")

    hasil_kerja = models.ForeignKey(
        HasilKerja, verbose_name=_("hasil kerja"), on_delete=models.CASCADE, related_name="indikator"
    )
    uraian = models.CharField(_("indikator"), max_length=500)
    jenis = models.CharField(
        _("jenis target"), max_length=12, choices=Jenis.choices, default=Jenis.KUANTITATIF
    )
    target_angka = models.DecimalField(
        _("target"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    satuan = models.CharField(_("satuan"), max_length=40, blank=True)
    target_teks = models.CharField(_("target (kualitatif)"), max_length=300, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["hasil_kerja", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(jenis="kuantitatif") & Q(target_angka__gt=0))
                | (Q(jenis="kualitatif") & ~Q(target_teks="")),
                name="indikator_target_sesuai_jenis",
            )
        ]

    def __str__(self) -> str:
        return self.uraian

    @property
    def target_tampil(self) -> str:
        if self.jenis == self.Jenis.KUANTITATIF:
            angka = self.target_angka.normalize() if self.target_angka is not None else ""
            return f"{angka:f} {self.satuan}".strip() if angka != "" else ""
        return self.target_teks


class Realisasi(TimeStampedModel):
    """What was achieved on an indicator in one evaluation period; the atasan enters it."""

    indikator = models.ForeignKey(
        Indikator, verbose_name=_("indikator"), on_delete=models.CASCADE, related_name="realisasi"
    )
    periode = models.CharField(_("periode evaluasi"), max_length=12)
    realisasi_angka = models.DecimalField(
        _("realisasi"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    realisasi_teks = models.CharField(_("realisasi (kualitatif)"), max_length=500, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        constraints = [
            models.UniqueConstraint(fields=["indikator", "periode"], name="realisasi_satu_per_periode")
        ]

    def __str__(self) -> str:
        return f"{self.indikator} ({self.periode})"

    @property
    def capaian_persen(self) -> Decimal | None:
        """Realisasi ÷ target × 100, for numeric indicators, rounded to two decimals."""
        target = self.indikator.target_angka
        if self.realisasi_angka is None or not target:
            return None
        return (self.realisasi_angka / target * 100).quantize(Decimal("0.01"))


class PerilakuKerja(TimeStampedModel):
    """One of the 7 BerAKHLAK core values with the atasan's specific expectation for this employee."""

    class Aspek(models.TextChoices):
        BERORIENTASI_PELAYANAN = "berorientasi pelayanan", _("Berorientasi Pelayanan")
        AKUNTABEL = "akuntabel", _("Akuntabel")
        KOMPETEN = "kompeten", _("Kompeten")
        HARMONIS = "harmonis", _("Harmonis")
        LOYAL = "loyal", _("Loyal")
        ADAPTIF = "adaptif", _("Adaptif")
        KOLABORATIF = "kolaboratif", _("Kolaboratif")

    skp = models.ForeignKey(SKP, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="perilaku")
    aspek = models.CharField(_("nilai dasar"), max_length=30, choices=Aspek.choices)
    ekspektasi_khusus = models.TextField(_("ekspektasi khusus pimpinan"), blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("perilaku kerja")
        verbose_name_plural = _("perilaku kerja")
        ordering = ["skp", "id"]
        constraints = [models.UniqueConstraint(fields=["skp", "aspek"], name="perilakukerja_satu_per_aspek")]

    def __str__(self) -> str:
        return self.get_aspek_display()


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

    class Meta:
        verbose_name = _("respon survei")
        verbose_name_plural = _("respon survei")
        constraints = [
            models.CheckConstraint(condition=Q(skor__gte=1) & Q(skor__lte=5), name="responsurvei_skor_1_5")
        ]

    def __str__(self) -> str:
        return f"{self.skor}/5"


class Penilaian(TimeStampedModel):
    """One evaluation of one employee for one period (`tahunan`, `triwulan-N` or `bulan-NN`)."""

    class Status(models.TextChoices):
        DINILAI = "dinilai", _("Dinilai")
        DITERIMA = "diterima", _("Diterima pegawai")
        KEBERATAN = "keberatan", _("Keberatan diajukan")
        FINAL = "final", _("Final")

    class Sumber(models.TextChoices):
        FORMULIR = "formulir", _("Formulir")
        IMPOR = "impor", _("Impor berkas")
        KEBERATAN = "keberatan", _("Keputusan keberatan")

    periode_kinerja = models.ForeignKey(PeriodeKinerja, verbose_name=_("tahun"), on_delete=models.PROTECT)
    periode = models.CharField(_("periode evaluasi"), max_length=12)
    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="penilaian_kinerja"
    )
    skp = models.ForeignKey(
        SKP, verbose_name=_("SKP"), null=True, blank=True, on_delete=models.SET_NULL, related_name="penilaian"
    )
    opd = models.ForeignKey(UnitKerja, verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="+")
    pejabat_penilai = models.ForeignKey(
        Pegawai,
        verbose_name=_("pejabat penilai"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rating_hasil_kerja = models.CharField(_("rating hasil kerja"), max_length=20, choices=Rating.choices)
    rating_perilaku_kerja = models.CharField(
        _("rating perilaku kerja"), max_length=20, choices=Rating.choices
    )
    predikat = models.CharField(_("predikat"), max_length=20, choices=Predikat.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DINILAI)
    sumber = models.CharField(_("sumber"), max_length=10, choices=Sumber.choices, default=Sumber.FORMULIR)
    catatan_penilai = models.TextField(_("catatan pejabat penilai"), blank=True)
    dinilai_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dinilai/diimpor oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Kosong bila diimpor dengan perintah manage.py."),
    )
    diterima_pada = models.DateTimeField(_("diterima pegawai pada"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("penilaian kinerja")
        verbose_name_plural = _("penilaian kinerja")
        ordering = ["-periode_kinerja__tahun", "periode", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "periode_kinerja", "periode"], name="penilaian_satu_per_periode"
            ),
            models.CheckConstraint(
                condition=~Q(pejabat_penilai=models.F("pegawai")), name="penilaian_tidak_menilai_diri"
            ),
        ]
        indexes = [
            models.Index(fields=["periode_kinerja", "periode", "opd"], name="penilaian_periode_opd"),
            models.Index(fields=["pejabat_penilai", "periode_kinerja"], name="penilaian_penilai"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.pegawai.nama} {self.periode_kinerja.tahun} {self.periode}: {self.get_predikat_display()}"
        )

    @property
    def periode_label(self) -> str:
        return periode_label(self.periode)


class Keberatan(TimeStampedModel):
    """An objection to a rating, decided by the atasan of the pejabat penilai with a reason."""

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", _("Diajukan")
        DIKABULKAN = "dikabulkan", _("Dikabulkan")
        DITOLAK = "ditolak", _("Ditolak")

    penilaian = models.OneToOneField(
        Penilaian, verbose_name=_("penilaian"), on_delete=models.CASCADE, related_name="keberatan"
    )
    alasan = models.TextField(_("alasan keberatan"))
    pemutus = models.ForeignKey(
        Pegawai,
        verbose_name=_("atasan pejabat penilai"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DIAJUKAN)
    rating_hasil_kerja_baru = models.CharField(
        _("rating hasil kerja (keputusan)"), max_length=20, choices=Rating.choices, blank=True
    )
    rating_perilaku_kerja_baru = models.CharField(
        _("rating perilaku kerja (keputusan)"), max_length=20, choices=Rating.choices, blank=True
    )
    alasan_keputusan = models.TextField(_("alasan keputusan"), blank=True)
    diputuskan_pada = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")

    def __str__(self) -> str:
        return f"Keberatan {self.penilaian}"


class PenilaianPotensial(TimeStampedModel):
    """A potential assessment (0–100) of an employee, valid until a date (PermenPANRB 3/2020)."""

    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="penilaian_potensial"
    )
    skor = models.DecimalField(
        _("skor potensial"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    tanggal = models.DateField(_("tanggal asesmen"))
    berlaku_sampai = models.DateField(_("berlaku sampai"))
    sumber = models.CharField(_("sumber/asesor"), max_length=200, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("penilaian potensial")
        verbose_name_plural = _("penilaian potensial")
        ordering = ["-tanggal"]
        constraints = [
            models.CheckConstraint(
                condition=Q(berlaku_sampai__gte=models.F("tanggal")), name="penilaianpotensial_masa_berlaku"
            ),
            models.CheckConstraint(
                condition=Q(skor__gte=0) & Q(skor__lte=100), name="penilaianpotensial_skor_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai} {self.skor} ({self.tanggal})"


class Delegasi(TimeStampedModel):
    """An acting official (Plt/Plh) who may act as pejabat penilai for another position's team."""

    class Jenis(models.TextChoices):
        PLT = "Plt", _("Pelaksana Tugas (Plt)")
        PLH = "Plh", _("Pelaksana Harian (Plh)")

    jenis = models.CharField(_("jenis"), max_length=3, choices=Jenis.choices)
    pemberi = models.ForeignKey(
        Pegawai,
        verbose_name=_("pejabat definitif"),
        on_delete=models.CASCADE,
        related_name="delegasi_diberikan",
    )
    penerima = models.ForeignKey(
        Pegawai, verbose_name=_("pelaksana"), on_delete=models.CASCADE, related_name="delegasi_diterima"
    )
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    nomor_sk = models.CharField(_("nomor surat perintah"), max_length=100)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("delegasi penilai (Plt/Plh)")
        verbose_name_plural = _("delegasi penilai (Plt/Plh)")
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__gte=models.F("mulai")), name="delegasi_selesai_setelah_mulai"
            ),
            models.CheckConstraint(condition=~Q(pemberi=models.F("penerima")), name="delegasi_bukan_diri"),
        ]

    def __str__(self) -> str:
        return f"{self.jenis} {self.penerima} untuk {self.pemberi}"


class PenutupanPeriode(TimeStampedModel):
    """The closing run of one evaluation period for the whole government (Celery, resumable)."""

    class Status(models.TextChoices):
        ANTRI = "antri", _("Menunggu worker")
        BERJALAN = "berjalan", _("Berjalan")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")
        DIBUKA_KEMBALI = "dibuka kembali", _("Dibuka kembali")

    periode_kinerja = models.ForeignKey(PeriodeKinerja, verbose_name=_("tahun"), on_delete=models.PROTECT)
    periode = models.CharField(_("periode evaluasi"), max_length=12)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ANTRI)
    total_opd = models.PositiveIntegerField(_("jumlah OPD"), default=0)
    opd_selesai = ArrayField(models.IntegerField(), default=list, verbose_name=_("OPD selesai"))
    jumlah_final = models.PositiveIntegerField(_("penilaian difinalkan"), default=0)
    jumlah_tidak_dinilai = models.PositiveIntegerField(_("pegawai tidak dinilai"), default=0)
    dijalankan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dijalankan oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    mulai = models.DateTimeField(_("mulai"), null=True, blank=True)
    selesai = models.DateTimeField(_("selesai"), null=True, blank=True)
    pesan_galat = models.TextField(_("pesan galat"), blank=True)
    alasan_dibuka_kembali = models.TextField(_("alasan dibuka kembali"), blank=True)
    history = HistoricalRecords(excluded_fields=["diubah", "opd_selesai"])

    class Meta:
        verbose_name = _("penutupan periode")
        verbose_name_plural = _("penutupan periode")
        ordering = ["-periode_kinerja__tahun", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["periode_kinerja", "periode"], name="penutupanperiode_satu_per_periode"
            )
        ]

    def __str__(self) -> str:
        return f"Penutupan {periode_label(self.periode)} {self.periode_kinerja.tahun}"

    @property
    def persen(self) -> int:
        if self.status == self.Status.SELESAI:
            return 100
        if not self.total_opd:
            return 0
        return int(len(self.opd_selesai) * 100 / self.total_opd)

    @property
    def beku(self) -> bool:
        """Frozen: ratings of this period can no longer change."""
        return self.status in (self.Status.ANTRI, self.Status.BERJALAN, self.Status.SELESAI)


class TidakDinilai(models.Model):
    """An active employee the closing run found without a rating, and why."""

    class Alasan(models.TextChoices):
        TANPA_SKP = "tanpa skp", _("Belum menyusun SKP")
        SKP_BELUM_DISETUJUI = "skp belum disetujui", _("SKP belum disetujui atasan")
        TANPA_PENILAI = "tanpa penilai", _("Tidak mempunyai pejabat penilai")
        BELUM_DINILAI = "belum dinilai", _("Belum dinilai pejabat penilai")

    penutupan = models.ForeignKey(
        PenutupanPeriode, verbose_name=_("penutupan"), on_delete=models.CASCADE, related_name="tidak_dinilai"
    )
    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="+"
    )
    opd = models.ForeignKey(UnitKerja, verbose_name=_("OPD"), on_delete=models.CASCADE, related_name="+")
    alasan = models.CharField(_("alasan"), max_length=20, choices=Alasan.choices)

    class Meta:
        verbose_name = _("pegawai tidak dinilai")
        verbose_name_plural = _("pegawai tidak dinilai")
        constraints = [
            models.UniqueConstraint(fields=["penutupan", "pegawai"], name="tidakdinilai_satu_per_pegawai")
        ]

    def __str__(self) -> str:
        return f"{self.pegawai}: {self.get_alasan_display()}"
