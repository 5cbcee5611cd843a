"""Evaluation and follow-up of completed development activities (issue 14 point 7).

EvaluasiKegiatan hangs on one ledger line (KegiatanPengembangan, whatever its source: an import, a claim,
an event, e-learning), so it works for every channel that credits JP:
- the participant's feedback (three ratings 1–5 and a short text),
- the pre/post test scores (0–100) and the result (lulus / tidak lulus) where the activity had a test,
- the atasan's check of use at work, due from three to six months after the activity ended.
A failed or unused training opens a follow-up need (services_evaluasi.buka_tindak_lanjut), a passed one
updates the competency profile (services_evaluasi.catat_kompetensi).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel

from .jp import KegiatanPengembangan

SKALA = [MinValueValidator(1), MaxValueValidator(5)]
NILAI = [MinValueValidator(0), MaxValueValidator(100)]


class EvaluasiKegiatan(TimeStampedModel):
    class Penerapan(models.TextChoices):
        DITERAPKAN = "diterapkan", _("Diterapkan di tempat kerja")
        SEBAGIAN = "sebagian", _("Sebagian diterapkan")
        TIDAK = "tidak", _("Tidak diterapkan")

    kegiatan = models.OneToOneField(
        KegiatanPengembangan, verbose_name=_("kegiatan"), on_delete=models.CASCADE, related_name="evaluasi"
    )
    # The participant's feedback.
    nilai_materi = models.PositiveSmallIntegerField(_("materi"), null=True, blank=True, validators=SKALA)
    nilai_penyaji = models.PositiveSmallIntegerField(
        _("penyaji/fasilitator"), null=True, blank=True, validators=SKALA
    )
    nilai_manfaat = models.PositiveSmallIntegerField(
        _("manfaat bagi pekerjaan"), null=True, blank=True, validators=SKALA
    )
    saran = models.CharField(_("kesan dan saran"), max_length=500, blank=True)
    umpan_balik_pada = models.DateTimeField(_("umpan balik diisi pada"), null=True, blank=True)
    # The test.
    nilai_pre_test = models.DecimalField(
        _("nilai pre-test"), max_digits=5, decimal_places=2, null=True, blank=True, validators=NILAI
    )
    nilai_post_test = models.DecimalField(
        _("nilai post-test"), max_digits=5, decimal_places=2, null=True, blank=True, validators=NILAI
    )
    lulus = models.BooleanField(_("lulus"), null=True, blank=True)
    # The atasan's check of use at work.
    penerapan = models.CharField(
        _("penerapan di tempat kerja"), max_length=12, choices=Penerapan.choices, blank=True
    )
    catatan_penerapan = models.CharField(_("catatan atasan"), max_length=500, blank=True)
    dicek_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dicek_pada = models.DateTimeField(_("dicek pada"), null=True, blank=True)
    # Follow-up opened (a need, by the hook) and the competency recorded.
    tindak_lanjut_dibuka = models.BooleanField(_("tindak lanjut dibuka"), default=False)
    kompetensi_dicatat = models.BooleanField(_("kompetensi dicatat"), default=False)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("evaluasi kegiatan")
        verbose_name_plural = _("evaluasi kegiatan")
        constraints = [
            models.CheckConstraint(
                condition=(Q(nilai_materi__isnull=True) | Q(nilai_materi__range=(1, 5)))
                & (Q(nilai_penyaji__isnull=True) | Q(nilai_penyaji__range=(1, 5)))
                & (Q(nilai_manfaat__isnull=True) | Q(nilai_manfaat__range=(1, 5))),
                name="evaluasi_skala_1_5",
            ),
            models.CheckConstraint(
                condition=(Q(nilai_pre_test__isnull=True) | Q(nilai_pre_test__range=(0, 100)))
                & (Q(nilai_post_test__isnull=True) | Q(nilai_post_test__range=(0, 100))),
                name="evaluasi_nilai_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"Evaluasi {self.kegiatan_id}"
