"""Where a move goes from and to: the snapshot a proposal (UsulanMutasi) takes when it is made and the
decree row (PegawaiSKMutasi) copies, so the documents keep saying what was decided when the employee's
record or the chart changes later."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from pegawai.models import Jabatan, UnitKerja


class AsalTujuanMutasi(models.Model):
    """Origin (position, OPD and their names at the time) and destination (a position and OPD here, or
    another government for an incoming or outgoing move)."""

    jabatan_asal = models.ForeignKey(
        Jabatan,
        verbose_name=_("jabatan asal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    nama_jabatan_asal = models.CharField(_("jabatan asal"), max_length=200, blank=True)
    nama_unit_asal = models.CharField(_("unit asal"), max_length=200, blank=True)
    opd_asal = models.ForeignKey(
        UnitKerja,
        verbose_name=_("OPD asal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    jabatan_tujuan = models.ForeignKey(
        Jabatan,
        verbose_name=_("jabatan tujuan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opd_tujuan = models.ForeignKey(
        UnitKerja,
        verbose_name=_("OPD tujuan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    instansi = models.CharField(
        _("instansi lain"),
        max_length=200,
        blank=True,
        help_text=_("Instansi asal (mutasi masuk) atau instansi tujuan (mutasi keluar)."),
    )

    class Meta:
        abstract = True
