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

Many moves at once (`pegawai.signals.jabatan_berubah_massal`, a collective SK on its TMT): the periods
and the running SKPs of every mover are read in two queries, the SKPs ended in one bulk update and the
new drafts (with their history rows and behaviour aspects) in bulk inserts; a re-plan (rare: TMT on the
SKP's start) is saved one by one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.bulk import update_dengan_riwayat
from core.dates import format_tanggal
from core.history import catat_riwayat
from core.workflow import transition
from pegawai.models import Jabatan, Pegawai

from ..models import SKP, PerilakuKerja, PeriodeKinerja


def _penilai(skp: SKP, atasan: Pegawai | None) -> None:
    skp.pejabat_penilai = atasan if atasan is not None and atasan.pk != skp.pegawai_id else None
    skp.atasan_pejabat_penilai_id = atasan.atasan_id if atasan is not None else None


@dataclass(frozen=True)
class Pindah:
    """One move as the SKP sees it."""

    pegawai: Pegawai
    jabatan_baru: Jabatan
    atasan_baru: Pegawai | None
    tmt: dt.date
    nomor_sk: str


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
    return skp_ikuti_perpindahan_massal(
        actor=actor, daftar=[Pindah(pegawai, jabatan_baru, atasan_baru, tmt, nomor_sk)]
    )[0]


def skp_ikuti_perpindahan_massal(*, actor, daftar: list[Pindah]) -> list[SKP | None]:
    """skp_ikuti_perpindahan for many moves (one per employee), in bulk; the SKPs now running, in order."""
    if not daftar:
        return []
    periode_by_tahun = {
        p.tahun: p for p in PeriodeKinerja.objects.filter(tahun__in={m.tmt.year for m in daftar})
    }
    periode_ids = [p.pk for p in periode_by_tahun.values() if p.dibuka]
    berjalan: dict[tuple[int, int], SKP] = {}
    if periode_ids:
        for jalan in (
            SKP.objects.select_for_update(of=("self",))
            .select_related("periode")
            .filter(
                pegawai_id__in=[m.pegawai.pk for m in daftar],
                periode_id__in=periode_ids,
                tanggal_selesai__isnull=True,
            )
            .order_by("pk")
        ):
            berjalan.setdefault((jalan.pegawai_id, jalan.periode_id), jalan)
    sekarang = timezone.now()
    hasil: list[SKP | None] = []
    ditutup: list[SKP] = []
    baru: list[SKP] = []
    for m in daftar:
        periode = periode_by_tahun.get(m.tmt.year)
        if periode is None or not periode.dibuka:
            hasil.append(None)
            continue
        skp = berjalan.get((m.pegawai.pk, periode.pk))
        if skp is None or skp.jabatan_id == m.jabatan_baru.pk:
            hasil.append(skp)
            continue
        sebab = f"pindah jabatan ke {m.jabatan_baru.nama} TMT {format_tanggal(m.tmt)} (SK {m.nomor_sk})"

        if m.tmt <= skp.mulai:
            skp.jabatan = m.jabatan_baru
            skp.unit_kerja_id = m.jabatan_baru.unit_kerja_id
            skp.opd_id = m.pegawai.opd_id
            _penilai(skp, m.atasan_baru)
            if skp.status == SKP.Status.DISETUJUI:
                transition(skp, SKP.Status.DRAFT)
            elif skp.status == SKP.Status.DIAJUKAN:
                transition(skp, SKP.Status.DIKEMBALIKAN)
                skp.catatan_atasan = f"Susun ulang: {sebab}."
            catat_riwayat(skp, actor=actor, alasan=f"SKP disusun ulang: {sebab}"[:500])
            skp.save()
            hasil.append(skp)
            continue

        skp.tanggal_selesai = m.tmt - dt.timedelta(days=1)
        skp.alasan_selesai = f"Berakhir karena {sebab}"[:500]
        skp.diubah = sekarang
        catat_riwayat(skp, actor=actor, alasan=skp.alasan_selesai)
        ditutup.append(skp)

        skp_baru = SKP(
            periode=periode,
            pegawai=m.pegawai,
            jabatan=m.jabatan_baru,
            unit_kerja_id=m.jabatan_baru.unit_kerja_id,
            opd_id=m.pegawai.opd_id,
            tanggal_mulai=m.tmt,
        )
        _penilai(skp_baru, m.atasan_baru)
        catat_riwayat(skp_baru, actor=actor, alasan=f"SKP disusun: {sebab}"[:500])
        baru.append(skp_baru)
        hasil.append(skp_baru)
    # Ended first: one running SKP per employee and period (constraint) when the drafts go in.
    if ditutup:
        update_dengan_riwayat(ditutup, SKP, ["tanggal_selesai", "alasan_selesai", "diubah"], batch_size=1000)
    if baru:
        bulk_create_with_history(baru, SKP, batch_size=1000)
        _perilaku_kosong([skp.pk for skp in baru], sekarang)
    return hasil


def _perilaku_kosong(skp_ids: list[int], sekarang) -> None:
    """The seven BerAKHLAK rows (empty expectations) of each new SKP, as PerilakuKerja.objects.bulk_create
    of them would write, in one INSERT … SELECT (7,000 rows for 1,000 moves)."""
    tabel = PerilakuKerja._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {tabel} (skp_id, aspek, ekspektasi_khusus, dibuat, diubah) "  # noqa: S608
            "SELECT s.id, a.aspek, '', %s, %s FROM unnest(%s::bigint[]) AS s(id) "
            "CROSS JOIN unnest(%s::text[]) WITH ORDINALITY AS a(aspek, n) ORDER BY s.id, a.n",
            [sekarang, sekarang, skp_ids, list(PerilakuKerja.Aspek.values)],
        )


def on_jabatan_berubah(sender, *, actor, pegawai, jabatan_baru, atasan_baru, tmt, nomor_sk, **kwargs) -> None:
    """Receiver of pegawai.signals.jabatan_berubah (one move; not connected: kinerja listens to the bulk
    form, which carries every move)."""
    skp_ikuti_perpindahan(
        actor=actor,
        pegawai=pegawai,
        jabatan_baru=jabatan_baru,
        atasan_baru=atasan_baru,
        tmt=tmt,
        nomor_sk=nomor_sk,
    )


def on_jabatan_berubah_massal(sender, *, actor, perpindahan: list[dict], **kwargs) -> None:
    """Receiver of pegawai.signals.jabatan_berubah_massal."""
    skp_ikuti_perpindahan_massal(
        actor=actor,
        daftar=[
            Pindah(m["pegawai"], m["jabatan_baru"], m["atasan_baru"], m["tmt"], m["nomor_sk"])
            for m in perpindahan
        ],
    )
