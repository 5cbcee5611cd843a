"""January–November pay of each employee for the December PPh 21, and months missing a locked run."""

from __future__ import annotations

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Count, DecimalField, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from ..hitung import SETAHUN_KUNCI
from ..models import (
    PenghasilanLuarSistem,
    RunGaji,
    Slip,
    bulan_label,
)


def _rupiah_kolom(nama: str) -> Sum:
    return Sum(Cast(KT(f"kolom__{nama}"), DecimalField(max_digits=14, decimal_places=0)))


BULAN_SEBELUM_DESEMBER = range(1, 12)


def setahun_kosong() -> dict:
    """An employee with nothing paid in January–November: the sums at zero, no month imported, every month
    without data (see penghasilan_setahun)."""
    return {
        **dict.fromkeys(SETAHUN_KUNCI, 0),
        "impor": {"induk": [], "tpp": []},
        "tanpa_data": {"induk": list(BULAN_SEBELUM_DESEMBER), "tpp": list(BULAN_SEBELUM_DESEMBER)},
    }


def penghasilan_setahun(pegawai_ids: list[int], tahun: int) -> dict[int, dict]:
    """What January–November of `tahun` paid each employee, for the December PPh 21 (two queries): months
    with pay, PPh bruto of salary and of TPP, deductible contributions, PPh withheld on each.

    A month and kind (induk, tpp) is taken from the employee's slip of the locked run; without one, from
    the pay imported for the months before the system was used (PenghasilanLuarSistem); a month with
    neither has no income. Runs not locked are not paid yet and do not count (the run page says so).
    Each entry also names the months taken from the import ("impor") and those with no data at all
    ("tanpa_data"), per kind, for the slip's explanation. Employees with nothing at all are left out."""
    hasil: dict[int, dict] = {}
    bulan_slip: dict[tuple[int, str], set[int]] = {}
    rows = (
        Slip.objects.filter(
            pegawai_id__in=pegawai_ids,
            run__tahun=tahun,
            run__bulan__lt=12,
            run__status=RunGaji.Status.DIKUNCI,
        )
        .values("pegawai_id", "run__jenis")
        .annotate(
            daftar_bulan=ArrayAgg("run__bulan", distinct=True, default=[]),
            bruto=Sum("bruto_pph"),
            iuran=_rupiah_kolom("potongan_iwp"),
            pph=_rupiah_kolom("potongan_pph"),
        )
    )
    for r in rows:
        d = hasil.setdefault(r["pegawai_id"], setahun_kosong())
        bruto, pph = int(r["bruto"] or 0), int(r["pph"] or 0)
        if r["run__jenis"] == RunGaji.Jenis.TPP:
            d["bruto_tpp"] += bruto
            d["pph_tpp"] += pph
            bulan_slip[(r["pegawai_id"], "tpp")] = set(r["daftar_bulan"])
        else:
            # Gaji induk, and THR / gaji ke-13 (salary income too; their PPh is the government's).
            d["bruto_gaji"] += bruto
            d["pph_gaji"] += pph
            d["iuran"] += int(r["iuran"] or 0)
            if r["run__jenis"] == RunGaji.Jenis.INDUK:
                bulan_slip[(r["pegawai_id"], "induk")] = set(r["daftar_bulan"])
    for pid, bulan, jenis, bruto_luar, iuran_luar, pph_luar in PenghasilanLuarSistem.objects.filter(
        pegawai_id__in=pegawai_ids, tahun=tahun, bulan__lt=12
    ).values_list("pegawai_id", "bulan", "jenis", "bruto", "iuran_pensiun", "pph21"):
        if bulan in bulan_slip.get((pid, jenis), ()):
            continue  # the locked run's slip wins over an import made before the month was locked
        d = hasil.setdefault(pid, setahun_kosong())
        d["impor"][jenis].append(bulan)
        d["iuran"] += int(iuran_luar)
        if jenis == PenghasilanLuarSistem.Jenis.TPP:
            d["bruto_tpp"] += int(bruto_luar)
            d["pph_tpp"] += int(pph_luar)
        else:
            d["bruto_gaji"] += int(bruto_luar)
            d["pph_gaji"] += int(pph_luar)
    for pid, d in hasil.items():
        for jenis in ("induk", "tpp"):
            d["impor"][jenis].sort()
            ada = bulan_slip.get((pid, jenis), set()) | set(d["impor"][jenis])
            d["tanpa_data"][jenis] = [b for b in BULAN_SEBELUM_DESEMBER if b not in ada]
        d["bulan"] = 11 - len(d["tanpa_data"]["induk"])
    return hasil


def bulan_tanpa_run_terkunci(run: RunGaji) -> list[dict]:
    """For a December run: every month of January–November without a locked run of a kind its annual
    PPh 21 reads (gaji induk; for TPP also TPP), with the run of that month if one exists and how many
    employees have pay imported for it, which is what the tax then uses (two queries). Empty in the other
    months."""
    if run.bulan != 12 or run.tambahan:
        return []
    jenis = [PenghasilanLuarSistem.Jenis.INDUK]
    if run.jenis == RunGaji.Jenis.TPP:
        jenis.append(PenghasilanLuarSistem.Jenis.TPP)
    runs = {
        (r.bulan, r.jenis): r
        for r in RunGaji.objects.filter(tahun=run.tahun, bulan__lt=12, jenis__in=jenis).exclude(
            status=RunGaji.Status.DRAF
        )
    }
    impor = {
        (r["bulan"], r["jenis"]): r["n"]
        for r in PenghasilanLuarSistem.objects.filter(tahun=run.tahun, bulan__lt=12)
        .values("bulan", "jenis")
        .annotate(n=Count("id"))
    }
    hasil = []
    for j in jenis:
        for bulan in BULAN_SEBELUM_DESEMBER:
            r = runs.get((bulan, j))
            if r is not None and r.status == RunGaji.Status.DIKUNCI:
                continue
            hasil.append(
                {
                    "bulan": bulan_label(run.tahun, bulan),
                    "jenis": PenghasilanLuarSistem.Jenis(j).label,
                    "run": r,
                    "impor": impor.get((bulan, j), 0),
                }
            )
    return hasil


def peringatan_pph_desember(run: RunGaji) -> dict | None:
    """For a December run not yet locked: the runs of January–November whose pay the annual PPh 21 left
    out (not locked yet) or took before they were locked (locked after December was computed), so the
    officer recomputes December once they are locked. None when nothing is missing."""
    if run.bulan != 12 or run.tambahan or run.status in (RunGaji.Status.DIKUNCI, RunGaji.Status.DRAF):
        return None
    jenis = list(RunGaji.Jenis.values)
    if run.jenis != RunGaji.Jenis.TPP:
        jenis.remove(RunGaji.Jenis.TPP)
    lainnya = list(
        RunGaji.objects.filter(tahun=run.tahun, bulan__lt=12, jenis__in=jenis)
        .exclude(status=RunGaji.Status.DRAF)
        .order_by("bulan", "jenis")
    )
    belum = [r for r in lainnya if r.status != RunGaji.Status.DIKUNCI]
    terlambat = [
        r for r in lainnya
        if r.status == RunGaji.Status.DIKUNCI and run.dihitung_pada and r.dikunci_pada
        and r.dikunci_pada > run.dihitung_pada
    ]  # fmt: skip
    if not belum and not terlambat:
        return None
    return {"belum": belum, "terlambat": terlambat}
