"""Pay of the months before the system was in use, for the December PPh 21 of a mid-year start."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from pegawai.models import Pegawai

from .aturan import RUPIAH
from .run import bulan_label


class PenghasilanLuarSistem(TimeStampedModel):
    """What one month of January–November paid an employee outside this system (import_penghasilan_setahun):
    the gross taxable income, the employee's deductible pension contribution and the PPh 21 withheld. The
    December annual PPh 21 (PMK 168/2023) adds it for every month and kind that has no locked run slip of
    that employee; a month whose run is locked in the system cannot be imported."""

    class Jenis(models.TextChoices):
        INDUK = "induk", _("Gaji induk")
        TPP = "tpp", _("TPP")

    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="penghasilan_luar_sistem"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2000)])
    bulan = models.PositiveSmallIntegerField(
        _("bulan"), validators=[MinValueValidator(1), MaxValueValidator(11)]
    )
    jenis = models.CharField(_("jenis"), max_length=5, choices=Jenis.choices)
    bruto = models.DecimalField(_("penghasilan bruto"), **RUPIAH)
    iuran_pensiun = models.DecimalField(_("iuran pensiun/THT pegawai"), **RUPIAH, default=0)
    pph21 = models.DecimalField(_("PPh 21 dipotong"), **RUPIAH)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("penghasilan di luar sistem")
        verbose_name_plural = _("penghasilan di luar sistem")
        ordering = ["-tahun", "bulan", "jenis", "pegawai"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "tahun", "bulan", "jenis"], name="penghasilanluarsistem_unik"
            ),
            models.CheckConstraint(
                condition=Q(bulan__gte=1, bulan__lte=11), name="penghasilanluarsistem_bulan_jan_nov"
            ),
            models.CheckConstraint(
                condition=Q(bruto__gte=0, iuran_pensiun__gte=0, pph21__gte=0),
                name="penghasilanluarsistem_tidak_negatif",
            ),
            models.CheckConstraint(
                condition=Q(iuran_pensiun__lte=F("bruto"), pph21__lte=F("bruto")),
                name="penghasilanluarsistem_dalam_bruto",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.get_jenis_display()} {bulan_label(self.tahun, self.bulan)}"
