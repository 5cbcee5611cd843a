"""Pay blocks of the dashboards: run status and totals per month (chart) with TPP per OPD for the Admin
BKD and Pimpinan; the latest slips for an employee. A fixed number of queries each."""

from __future__ import annotations

from . import selectors
from .models import RunGaji, Slip, bulan_label

BULAN_GRAFIK = 6


def dasbor_instansi() -> dict:
    runs = list(RunGaji.objects.order_by("-tahun", "-bulan", "jenis")[: BULAN_GRAFIK * 2])
    bulan = sorted({(r.tahun, r.bulan) for r in runs})[-BULAN_GRAFIK:]
    per = {(r.tahun, r.bulan, r.jenis): r for r in runs}
    grafik = {
        "labels": [bulan_label(t, b) for t, b in bulan],
        "datasets": [
            {
                "label": label,
                "data": [
                    int(per[(t, b, jenis)].jumlah_bersih) if (t, b, jenis) in per else 0 for t, b in bulan
                ],
            }
            for jenis, label in RunGaji.Jenis.choices
        ],
    }
    terakhir = {jenis: next((r for r in runs if r.jenis == jenis), None) for jenis in RunGaji.Jenis.values}
    banding = []
    for jenis, run in terakhir.items():
        if run is None:
            continue
        t, b = (run.tahun, run.bulan - 1) if run.bulan > 1 else (run.tahun - 1, 12)
        lalu = per.get((t, b, jenis))
        selisih = run.jumlah_bersih - lalu.jumlah_bersih if lalu else None
        banding.append({"run": run, "lalu": lalu, "selisih": selisih})
    tpp = terakhir.get(RunGaji.Jenis.TPP)
    tpp_opd = []
    if tpp is not None:
        tpp_opd = sorted(selectors.rekap_opd(tpp), key=lambda r: -r["bersih"])[:10]
    return {"banding": banding, "grafik": grafik, "tpp": tpp, "tpp_opd": tpp_opd}


def dasbor_pegawai(*, pegawai_id: int) -> dict:
    slips = list(
        Slip.objects.filter(pegawai_id=pegawai_id, run__status=RunGaji.Status.DIKUNCI)
        .select_related("run")
        .only("id", "jumlah_bersih", "run__jenis", "run__tahun", "run__bulan")
        .order_by("-run__tahun", "-run__bulan", "run__jenis")[:4]
    )
    return {"slips": slips}
