"""Kinerja figures for the dashboards and the team/distribution pages (reads only, a fixed number of
queries whatever the headcount)."""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from pegawai.models import Pegawai, UnitKerja

from . import selectors
from .dashboards_tim import WARNA_GRAFIK, grafik_predikat, ringkasan_tim
from .dashboards_tim import penilai_ids as penilai_ids  # re-exported: the team page's reads live there now
from .dashboards_tim import tim_data as tim_data
from .models import (
    PERIODE_TAHUNAN,
    SKP,
    Penilaian,
    PenutupanPeriode,
    PeriodeKinerja,
    Predikat,
    PredikatOrganisasi,
    PredikatUnit,
    periode_label,
)


def periode_evaluasi_default(periode: PeriodeKinerja) -> str:
    """Today's evaluation period in the running year; the annual one for a past year."""
    today = timezone.localdate()
    if today.year != periode.tahun:
        return PERIODE_TAHUNAN
    return selectors.periode_untuk_bulan(periode, today.month)


CAKUPAN_BERMAKNA = 50
"""Percent of active employees rated before an overview opens on a period (the issue's "meaningful")."""


def periode_evaluasi_terisi(periode: PeriodeKinerja, *, opd: int | None = None) -> str:
    """The period an overview should open on: the latest evaluation period up to today that is closed
    or has at least CAKUPAN_BERMAKNA % of the active employees rated (so one early rating in a new
    quarter does not switch the dashboard to a nearly empty period); else the period up to today with
    the most ratings; today's when none has any. Three queries whatever the number of periods.

    Ratings are counted only up to the threshold (LIMIT per period, read from the index
    penilaian_periode_opd alone): whether a period reaches it is all the rule needs, and a period below
    it is counted exactly, so the fallback still picks the one with the most. Counting every rating of
    the year took 48 ms at 50,000 employees."""
    kode_hari_ini = periode_evaluasi_default(periode)
    urutan = periode.kode_periode_evaluasi
    sampai = urutan.index(kode_hari_ini) + 1 if kode_hari_ini in urutan else len(urutan)
    kandidat = urutan[:sampai]
    pegawai = Pegawai.objects.filter(aktif=True)
    if opd is not None:
        pegawai = pegawai.filter(opd_id=opd)
    aktif = pegawai.count()
    batas = max(-(-aktif * CAKUPAN_BERMAKNA // 100), 1)  # ceil: n * 100 >= aktif * CAKUPAN ⇔ n >= batas
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT k.kode, (
                SELECT count(*) FROM (
                    SELECT 1 FROM {Penilaian._meta.db_table}
                    WHERE periode_kinerja_id = %s AND periode = k.kode {"AND opd_id = %s" if opd is not None else ""}
                    LIMIT %s
                ) AS s
            )
            FROM unnest(%s::varchar[]) AS k(kode)
            """,  # noqa: S608 - the table name is the model's; values are parameters
            [periode.pk, *([opd] if opd is not None else []), batas, list(kandidat)],
        )
        jumlah = {kode: n for kode, n in cursor.fetchall() if n}
    ditutup = set(
        PenutupanPeriode.objects.filter(
            periode_kinerja=periode, periode__in=kandidat, status=PenutupanPeriode.Status.SELESAI
        ).values_list("periode", flat=True)
    )
    for kode in reversed(kandidat):
        n = jumlah.get(kode, 0)
        if n and (kode in ditutup or n >= batas):
            return kode
    if jumlah:
        return max(reversed(kandidat), key=lambda k: jumlah.get(k, 0))
    return kode_hari_ini


def pilihan_periode(periode: PeriodeKinerja) -> list[tuple[str, str]]:
    """(code, label) of the year's evaluation periods up to today, for a period select."""
    urutan = periode.kode_periode_evaluasi
    kode_hari_ini = periode_evaluasi_default(periode)
    if kode_hari_ini in urutan and kode_hari_ini != PERIODE_TAHUNAN:
        urutan = urutan[: urutan.index(kode_hari_ini) + 1]
    return [(k, periode_label(k)) for k in urutan]


# --- dashboards ----------------------------------------------------------------------------------------


def dasbor_atasan(*, me: int, periode: PeriodeKinerja | None = None) -> dict | None:
    """The atasan's dashboard block: team SKP status, approvals waiting, evaluations due, the curve.
    `periode`: the running year when the caller has read it already (else read here)."""
    periode = periode or selectors.periode_berjalan()
    if periode is None:
        return None
    kode = periode_evaluasi_default(periode)
    return {
        "periode": periode,
        "kode": kode,
        "label": periode_label(kode),
        **ringkasan_tim(me=me, periode=periode, kode=kode),
    }


LANGKAH_SKP = ["Disusun", "Diajukan", "Disetujui", "Dinilai"]


def dasbor_pegawai(*, pegawai_id: int, periode: PeriodeKinerja | None = None) -> dict:
    """The employee's block: this year's SKP and where it stands, and the predikat history.
    `periode`: the running year when the caller has read it already (else read here)."""
    periode = periode or selectors.periode_berjalan()
    skp = None
    if periode is not None:
        skp = (
            SKP.objects.filter(pegawai_id=pegawai_id, periode=periode, tanggal_selesai__isnull=True)
            .annotate(
                jumlah_hasil_kerja=Count("hasil_kerja", distinct=True),
                jumlah_log=Count("log_harian", distinct=True),
            )
            .first()
        )
    riwayat = list(
        Penilaian.objects.filter(pegawai_id=pegawai_id)
        .select_related("periode_kinerja")
        .order_by("-periode_kinerja__tahun", "periode")
    )
    tahunan = [p for p in riwayat if p.periode == PERIODE_TAHUNAN]
    periodik = [
        p
        for p in riwayat
        if periode is not None and p.periode_kinerja_id == periode.pk and p.periode != PERIODE_TAHUNAN
    ]
    langkah = 0
    if skp is not None:
        langkah = {
            SKP.Status.DRAFT: 1,
            SKP.Status.DIKEMBALIKAN: 1,
            SKP.Status.DIAJUKAN: 2,
            SKP.Status.DISETUJUI: 3,
        }[skp.status] + (1 if skp.status == SKP.Status.DISETUJUI and periodik else 0)
    return {
        "periode": periode,
        "skp": skp,
        "langkah": [(nama, i < langkah) for i, nama in enumerate(LANGKAH_SKP)],
        "persen_langkah": langkah * 100 // len(LANGKAH_SKP),
        "periodik": periodik,
        "tahunan": tahunan,
    }


def sebaran_opd(*, periode: PeriodeKinerja, kode: str, opd: int | None = None) -> dict:
    """Per OPD: active employees, SKP agreed, evaluated in the period, predikat counts and the curve
    against the OPD's predikat. Four GROUP BY queries whatever the headcount."""
    opds = UnitKerja.objects.filter(induk__isnull=True, aktif=True).order_by("nama")
    pegawai = Pegawai.objects.filter(aktif=True)
    skp = SKP.objects.filter(periode=periode, status=SKP.Status.DISETUJUI).filter(
        selectors.q_skp_mencakup_periode(periode.tahun, kode)
    )
    nilai = Penilaian.objects.filter(periode_kinerja=periode, periode=kode)
    if opd is not None:
        opds, pegawai, skp, nilai = (
            opds.filter(pk=opd),
            pegawai.filter(opd_id=opd),
            skp.filter(opd_id=opd),
            nilai.filter(opd_id=opd),
        )
    aktif = dict(pegawai.values_list("opd_id").annotate(n=Count("id")).order_by())
    disetujui = dict(skp.values_list("opd_id").annotate(n=Count("id")).order_by())
    distribusi = selectors.distribusi_predikat(nilai, per="opd_id")
    predikat_opd = dict(
        PredikatUnit.objects.filter(periode=periode, unit_kerja__induk__isnull=True).values_list(
            "unit_kerja_id", "predikat"
        )
    )
    tanggal = selectors.tanggal_acuan(periode.tahun)
    aturan = selectors.kurva_aturan(tanggal)
    rows = []
    total = Counter()
    for unit in opds:
        d = distribusi.get(unit.pk, Counter())
        total.update(d)
        dinilai = sum(d.values())
        predikat_unit = predikat_opd.get(unit.pk, PredikatOrganisasi.BAIK)
        kurva = (
            selectors.kurva_check(d, predikat_organisasi=predikat_unit, tanggal=tanggal, aturan=aturan)
            if dinilai
            else []
        )
        n = aktif.get(unit.pk, 0)
        rows.append(
            {
                "opd": unit,
                "aktif": n,
                "skp_disetujui": disetujui.get(unit.pk, 0),
                "dinilai": dinilai,
                "persen_dinilai": dinilai * 100 // n if n else 0,
                "predikat": [d.get(v, 0) for v in Predikat.values],
                "predikat_unit": PredikatOrganisasi(predikat_unit).label,
                "peringatan": [k for k in kurva if not k.terpenuhi],
            }
        )
    return {
        "rows": rows,
        "total_aktif": sum(aktif.values()),
        "total_skp": sum(disetujui.values()),
        "total_dinilai": sum(total.values()),
        "label_predikat": [str(label) for label in Predikat.labels],
        "grafik": grafik_sebaran(rows),
        "grafik_total": grafik_predikat(total),
    }


def grafik_sebaran(rows: list[dict]) -> dict:
    """Stacked bars: predikat per OPD (OPDs with no evaluation yet are left out)."""
    rows = [r for r in rows if r["dinilai"]]
    return {
        "labels": [r["opd"].nama for r in rows],
        "datasets": [
            {
                "label": str(label),
                "data": [r["predikat"][i] for r in rows],
                "backgroundColor": WARNA_GRAFIK[value],
            }
            for i, (value, label) in enumerate(Predikat.choices)
        ],
        "stacked": True,
        "horizontal": True,
    }


def sebaran_tersimpan(
    *, periode: PeriodeKinerja, kode: str | None, opd: int | None, segarkan: bool = False
) -> dict:
    """The evaluation period to show (`kode`, or the latest with meaningful coverage when it is not one
    of the year's) and sebaran_opd() for it, kept for ASN_DASBOR_CACHE_DETIK seconds per (year, asked
    period, OPD or the whole government): they aggregate every employee, SKP and rating in scope and
    are the same for every officer of that scope (the Admin BKD dashboard and /kinerja/sebaran/ share
    them). `segarkan` recomputes them (the dashboard refresh of Celery beat); 0 seconds computes them on
    every view. The result says when it was computed (`dihitung_pada`)."""
    if kode not in periode.kode_periode_evaluasi:
        kode = None  # the cache key only ever holds one of the year's codes

    def hitung() -> dict:
        dipilih = kode or periode_evaluasi_terisi(periode, opd=opd)
        return {
            "kode": dipilih,
            "dihitung_pada": timezone.now(),
            **sebaran_opd(periode=periode, kode=dipilih, opd=opd),
        }

    detik = settings.ASN_DASBOR_CACHE_DETIK
    if not detik:
        return hitung()
    kunci = f"kinerja:sebaran:{periode.pk}:{opd or 'semua'}:{kode or 'terisi'}"
    if segarkan:
        hasil = hitung()
        cache.set(kunci, hasil, detik)
        return hasil
    return cache.get_or_set(kunci, hitung, detik)


def dasbor_instansi(*, opd: int | None, kode: str | None = None, segarkan: bool = False) -> dict | None:
    """The Admin BKD / Operator OPD block: completion and predikat distribution per OPD, for the period
    asked for (`kode`, when it is one of this year's) or the latest one with meaningful coverage."""
    periode = selectors.periode_berjalan() or PeriodeKinerja.objects.order_by("-tahun").first()
    if periode is None:
        return None
    sebaran = sebaran_tersimpan(periode=periode, kode=kode, opd=opd, segarkan=segarkan)
    return {
        "periode": periode,
        "label": periode_label(sebaran["kode"]),
        "pilihan_periode": pilihan_periode(periode),
        **sebaran,
    }
