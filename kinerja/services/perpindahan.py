"""The SKP follows a move (PermenPANRB 6/2022: the SKP is tied to the position and the atasan).

Connected to `pegawai.signals.jabatan_berubah` in KinerjaConfig.ready(); runs inside the move's
transaction, so it is all-or-nothing with it. For the year of the TMT, if that appraisal year is open and
the employee has a running SKP:

- months were served under it (the TMT falls after its start): it ends the day before the TMT, keeping
  its position and pejabat penilai, who rates the evaluation periods it covers
  (`selectors.skp_mencakup_periode`); a new draft SKP starts on the TMT with the new position and the
  new atasan as pejabat penilai, the employee then plans it as usual;
- no month was served (a TMT on or before its start, e.g. 1 January): the same SKP is re-planned for the
  new position and atasan: agreed → back to draft, submitted → returned (core.workflow).

No SKP, no open year: nothing to do (the employee drafts the SKP with the new atasan as usual). Applying
the same move twice changes nothing: the running SKP is already on the new position.
"""

from __future__ import annotations

import datetime as dt

from core.dates import format_tanggal
from core.history import catat_riwayat
from core.workflow import transition
from pegawai.models import Jabatan, Pegawai

from ..models import SKP, PerilakuKerja, PeriodeKinerja


def _penilai(skp: SKP, atasan: Pegawai | None) -> None:
    skp.pejabat_penilai = atasan if atasan is not None and atasan.pk != skp.pegawai_id else None
    skp.atasan_pejabat_penilai_id = atasan.atasan_id if atasan is not None else None


def skp_ikuti_perpindahan(
    *,
    actor,
    pegawai: Pegawai,
    jabatan_baru: Jabatan,
    atasan_baru: Pegawai | None,
    tmt: dt.date,
    nomor_sk: str,
) -> SKP | None:
    """Close or re-plan the running SKP of the TMT's year; returns the SKP now running (None: no SKP)."""
    periode = PeriodeKinerja.objects.filter(tahun=tmt.year).first()
    if periode is None or not periode.dibuka:
        return None
    skp = (
        SKP.objects.select_for_update()
        .select_related("periode")
        .filter(pegawai=pegawai, periode=periode, tanggal_selesai__isnull=True)
        .first()
    )
    if skp is None or skp.jabatan_id == jabatan_baru.pk:
        return skp
    sebab = f"pindah jabatan ke {jabatan_baru.nama} TMT {format_tanggal(tmt)} (SK {nomor_sk})"

    if tmt <= skp.mulai:
        skp.jabatan = jabatan_baru
        skp.unit_kerja_id = jabatan_baru.unit_kerja_id
        skp.opd_id = pegawai.opd_id
        _penilai(skp, atasan_baru)
        if skp.status == SKP.Status.DISETUJUI:
            transition(skp, SKP.Status.DRAFT)
        elif skp.status == SKP.Status.DIAJUKAN:
            transition(skp, SKP.Status.DIKEMBALIKAN)
            skp.catatan_atasan = f"Susun ulang: {sebab}."
        catat_riwayat(skp, actor=actor, alasan=f"SKP disusun ulang: {sebab}"[:500])
        skp.save()
        return skp

    skp.tanggal_selesai = tmt - dt.timedelta(days=1)
    skp.alasan_selesai = f"Berakhir karena {sebab}"[:500]
    catat_riwayat(skp, actor=actor, alasan=skp.alasan_selesai)
    skp.save(update_fields=["tanggal_selesai", "alasan_selesai", "diubah"])

    baru = SKP(
        periode=periode,
        pegawai=pegawai,
        jabatan=jabatan_baru,
        unit_kerja_id=jabatan_baru.unit_kerja_id,
        opd_id=pegawai.opd_id,
        tanggal_mulai=tmt,
    )
    _penilai(baru, atasan_baru)
    catat_riwayat(baru, actor=actor, alasan=f"SKP disusun: {sebab}"[:500])
    baru.save()
    PerilakuKerja.objects.bulk_create(PerilakuKerja(skp=baru, aspek=a) for a in PerilakuKerja.Aspek.values)
    return baru


def on_jabatan_berubah(sender, *, actor, pegawai, jabatan_baru, atasan_baru, tmt, nomor_sk, **kwargs) -> None:
    """Receiver of pegawai.signals.jabatan_berubah."""
    skp_ikuti_perpindahan(
        actor=actor,
        pegawai=pegawai,
        jabatan_baru=jabatan_baru,
        atasan_baru=atasan_baru,
        tmt=tmt,
        nomor_sk=nomor_sk,
    )
