"""The atasan's team in kinerja: every row for the team page (`tim_data`), the counts and the short lists
for the dashboard (`ringkasan_tim`), both with the team's predikat against the curve. Reads only, a fixed
number of queries whatever the size of the team."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from pegawai.models import Pegawai

from . import selectors
from .models import (
    SKP,
    Delegasi,
    Keberatan,
    Penilaian,
    PeriodeKinerja,
    Predikat,
    PredikatOrganisasi,
    PredikatUnit,
)


def penilai_ids(me: int) -> list[int]:
    """Me, and the officials I act for today (Plt/Plh)."""
    today = timezone.localdate()
    return [
        me,
        *Delegasi.objects.filter(penerima_id=me, mulai__lte=today, selesai__gte=today).values_list(
            "pemberi_id", flat=True
        ),
    ]


_ID_CONTOH = 987654321987  # a placeholder id no real URL contains


def _skp_tim(penilai: list[int], periode: PeriodeKinerja, kode: str):
    """The SKPs the officials in `penilai` assess that cover evaluation period `kode`."""
    return SKP.objects.filter(periode=periode, pejabat_penilai_id__in=penilai).filter(
        selectors.q_skp_mencakup_periode(periode.tahun, kode)
    )


def _url_pola(kode: str) -> tuple[str, str]:
    """The SKP page and rating form URLs with a placeholder id: each row replaces it instead of
    reversing twice per row (URL reversing was a quarter of the team page's time for a head of 300)."""
    return (
        reverse("kinerja:skp_detail", args=[_ID_CONTOH]),
        reverse("kinerja:penilaian_form", args=[_ID_CONTOH, kode]),
    )


def _url(pola: str, pk: int) -> str:
    return pola.replace(str(_ID_CONTOH), str(pk), 1)


def tim_data(*, me: int, periode: PeriodeKinerja, kode: str) -> dict:
    """Everything the team page shows, in a fixed number of queries."""
    penilai = penilai_ids(me)
    skps = list(
        _skp_tim(penilai, periode, kode)
        .select_related("pegawai", "jabatan")
        # only what the team page shows: a head of 300 loaded every column of three tables per row,
        # most of the page's time at 50,000 employees
        .only("status", "periode_id", "pegawai__nip", "pegawai__nama", "jabatan__nama")
        .annotate(log_baru=Count("log_harian", filter=Q(log_harian__direviu_pada__isnull=True)))
        .order_by("pegawai__nama")
    )
    tanpa_skp = list(
        Pegawai.objects.filter(atasan_id__in=penilai, aktif=True)
        .exclude(skp__periode=periode)
        .select_related("jabatan")
        .only("nip", "nama", "jabatan__nama")
        .order_by("nama")
    )
    nilai = {
        p.pegawai_id: p
        for p in Penilaian.objects.filter(
            periode_kinerja=periode, periode=kode, pegawai_id__any=[s.pegawai_id for s in skps]
        )
        .only("pegawai_id", "predikat", "status")
        .order_by()  # the model's ordering joined the employee and the year for a dict
    }
    label_status = dict(SKP.Status.choices)
    label_predikat = dict(Predikat.choices)
    url_skp, url_nilai = _url_pola(kode)
    for s in skps:
        s.url_detail = _url(url_skp, s.pk)
        s.url_nilai = _url(url_nilai, s.pk)
        s.penilaian_periode = nilai.get(s.pegawai_id)
        s.label_status = label_status[s.status]  # get_FOO_display per row was a visible share
        s.label_predikat = label_predikat.get(s.penilaian_periode.predikat) if s.penilaian_periode else ""
    status = Counter(s.status for s in skps)
    return {
        "skps": skps,
        "tanpa_skp": tanpa_skp,
        "status": _status(status, belum=len(tanpa_skp)),
        "diajukan": [s for s in skps if s.status == SKP.Status.DIAJUKAN],
        "belum_dinilai": [
            s for s in skps if s.status == SKP.Status.DISETUJUI and s.penilaian_periode is None
        ],
        **_kurva_tim(me, periode, Counter(p.predikat for p in nilai.values())),
    }


@dataclass(frozen=True)
class BarisTim:
    """One SKP of the team in the dashboard's lists: whose, and where its links go."""

    pk: int
    nama: str
    url_detail: str
    url_nilai: str


def ringkasan_tim(*, me: int, periode: PeriodeKinerja, kode: str) -> dict:
    """What the atasan dashboard shows of the team (counts per SKP status, the SKPs waiting for
    approval or for a rating in period `kode`, the curve): tim_data's figures from plain rows. For a
    head of 300 tim_data built 900 model instances, counted each SKP's daily log and read the ratings
    with 300 literals, 22 ms of the dashboard at 50,000 employees; here the rating of the period comes
    with each SKP row (a subquery on the unique employee+year+period index) and the employees without an
    SKP are only counted."""
    penilai = penilai_ids(me)
    predikat = Penilaian.objects.filter(
        periode_kinerja=periode, periode=kode, pegawai_id=OuterRef("pegawai_id")
    ).order_by()
    rows = list(
        _skp_tim(penilai, periode, kode)
        .annotate(predikat_periode=Subquery(predikat.values("predikat")[:1]))
        .values_list("pk", "status", "pegawai_id", "pegawai__nama", "predikat_periode")
        .order_by("pegawai__nama", "pk")
    )
    belum = Pegawai.objects.filter(atasan_id__in=penilai, aktif=True).exclude(skp__periode=periode).count()
    url_skp, url_nilai = _url_pola(kode)

    def baris(pk: int, nama: str) -> BarisTim:
        return BarisTim(pk=pk, nama=nama, url_detail=_url(url_skp, pk), url_nilai=_url(url_nilai, pk))

    nilai = {pegawai_id: p for _pk, _s, pegawai_id, _n, p in rows if p is not None}
    return {
        "status": _status(Counter(r[1] for r in rows), belum=belum),
        "diajukan": [baris(pk, nama) for pk, s, _id, nama, _p in rows if s == SKP.Status.DIAJUKAN],
        "belum_dinilai": [
            baris(pk, nama) for pk, s, _id, nama, p in rows if s == SKP.Status.DISETUJUI and p is None
        ],
        **_kurva_tim(me, periode, Counter(nilai.values())),
    }


def _status(status: Counter, *, belum: int) -> dict:
    return {
        "diajukan": status[SKP.Status.DIAJUKAN],
        "disetujui": status[SKP.Status.DISETUJUI],
        "draf": status[SKP.Status.DRAFT] + status[SKP.Status.DIKEMBALIKAN],
        "belum": belum,
    }


def _kurva_tim(me: int, periode: PeriodeKinerja, distribusi: Counter) -> dict:
    """The team's predikat per category against the curve for the predikat of the unit I head (Baik when
    not set), and the objections waiting for my decision."""
    unit = PredikatUnit.objects.filter(
        periode=periode, unit_kerja__jabatan__pemangku__pk=me, unit_kerja__jabatan__is_kepala=True
    ).first()
    predikat_unit = unit.predikat if unit else PredikatOrganisasi.BAIK
    kurva = (
        selectors.kurva_check(
            distribusi, predikat_organisasi=predikat_unit, tanggal=selectors.tanggal_acuan(periode.tahun)
        )
        if distribusi
        else []
    )
    return {
        "distribusi": [(label, distribusi.get(value, 0)) for value, label in Predikat.choices],
        "grafik_kurva": grafik_predikat(distribusi),
        "kurva": kurva,
        "kurva_ditetapkan": unit is not None,
        "predikat_unit": PredikatOrganisasi(predikat_unit).label,
        "keberatan": list(
            Keberatan.objects.filter(pemutus_id=me, status=Keberatan.Status.DIAJUKAN).select_related(
                "penilaian__pegawai"
            )
        ),
    }


WARNA_GRAFIK = {
    Predikat.SANGAT_BAIK: "#198754",
    Predikat.BAIK: "#0d6efd",
    Predikat.BUTUH_PERBAIKAN: "#ffc107",
    Predikat.KURANG: "#dc3545",
    Predikat.SANGAT_KURANG: "#212529",
}


def grafik_predikat(distribusi: Counter) -> dict:
    """Chart.js data: employees per predikat, in the regulation's order."""
    return {
        "labels": [str(label) for _v, label in Predikat.choices],
        "datasets": [
            {
                "label": "Pegawai",
                "data": [distribusi.get(v, 0) for v in Predikat.values],
                "backgroundColor": [WARNA_GRAFIK[v] for v in Predikat.values],
            }
        ],
    }
