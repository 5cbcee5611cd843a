"""Ratings, predikat and the effective-dated rule tables (matrix, curve, 9-box, thresholds, credit points)."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pegawai.models import Jabatan


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
