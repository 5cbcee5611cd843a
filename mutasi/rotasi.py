"""A rotation round (issue 13 point 5): assign movers to vacancies maximising total fit.

The problem: movers (employees) and seats (open places of the chosen positions). A mover's fit for a
seat is the shortlist score (mutasi.rekomendasi) of that person for that position; a pair that fails a
hard requirement is excluded. Every mover may stay: staying is worth the same score computed for the
person's current position (their wish to stay counts as a first choice for it), or a fixed
`aturan["nilai_tetap"]` when the BKD sets one; a move is proposed only when it fits better than staying,
and nobody is forced to move. Total fit =
Σ fit of the moves + Σ stay value of those who stay; maximising it is maximising Σ (fit − stay value)
over the moves, i.e. a linear assignment between seats and movers with value max(fit − stay value, 0)
(a zero pair means "seat stays empty, person stays"). Solved with scipy.optimize.linear_sum_assignment
when scipy is installed, otherwise with the same Hungarian algorithm in pure Python (`hungarian`).

Side rules the BKD switches on per round (`aturan`):
- `persen_opd` N: at most N % of an OPD's active employees (rounded down, at least 1) move out of it in
  the round. Enforced by re-solving: the OPD's moves with the smallest gain beyond the limit are made to
  stay, then the assignment is solved again, until no OPD is over (a heuristic; checked after).
- `pasangan`: married couples linked in their wishes (PreferensiMutasi.pasangan) are kept in one city.
  Within one pemda every unit is in the same city, so the rule means "both move or both stay"; when only
  one would move, that move is dropped and the assignment solved again.
- `tahun_tidak_kembali` N: nobody goes back to a unit they left less than N years before the date
  (RiwayatJabatan: a unit of an earlier post whose following post started within N years).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Q

from core.dates import add_months
from pegawai.models import Jabatan, Pegawai, RiwayatJabatan

from .models import PreferensiMutasi
from .rekomendasi import _siapkan, muat_fakta, nilai_cepat, nilai_kandidat

BATAS_ALASAN = 20_000

try:  # pragma: no cover - depends on the environment
    from scipy.optimize import linear_sum_assignment as _scipy_lsa
except ImportError:  # pragma: no cover
    _scipy_lsa = None


def hungarian(nilai: list[list[float]]) -> list[tuple[int, int]]:
    """Maximum-value assignment of a rectangular matrix (rows ≤ columns after transposing if needed):
    each row gets one distinct column. Returns (row, column) pairs. O(n²m) shortest augmenting paths."""
    if not nilai or not nilai[0]:
        return []
    n, m = len(nilai), len(nilai[0])
    if n > m:
        return [(i, j) for j, i in hungarian([list(kol) for kol in zip(*nilai, strict=True)])]
    if _scipy_lsa is not None:  # pragma: no cover
        rows, cols = _scipy_lsa(nilai, maximize=True)
        return list(zip(rows.tolist(), cols.tolist(), strict=True))
    inf = math.inf
    # cost = -value; 1-indexed potentials (e-maxx formulation)
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        baris_i = None
        while True:
            used[j0] = True
            i0 = p[j0]
            baris_i = nilai[i0 - 1]
            ui0 = u[i0]
            delta = inf
            j1 = 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -baris_i[j - 1] - ui0 - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    return [(p[j] - 1, j - 1) for j in range(1, m + 1) if p[j] != 0]


@dataclass
class Kursi:
    """One open place of a chosen position."""

    jabatan_id: int
    nama: str
    unit_id: int
    opd_id: int
    nama_unit: str


@dataclass
class Pemindah:
    pegawai_id: int
    nip: str
    nama: str
    opd_id: int
    unit_id: int
    jabatan_id: int
    jabatan: str
    nama_unit: str


@dataclass
class Soal:
    """A round's problem: seats, movers, the fit of each feasible (mover, position) pair with its
    explanation, the stay value, and who may not go where."""

    kursi: list[Kursi]
    pemindah: list[Pemindah]
    skor: dict[tuple[int, int], float]  # (pegawai id, jabatan id) → fit, feasible pairs only
    penjelasan: dict[tuple[int, int], str]
    tidak_layak: dict[tuple[int, int], str]  # excluded pairs → why
    nilai_tetap: dict[int, float]  # pegawai id → the value of staying
    pasangan: list[tuple[int, int]]
    batas_opd: dict[int, int]  # OPD id → max movers out (only with the rule on)
    bobot: dict[str, int] = field(default_factory=dict)
    rinci: Callable[[int, int], str] | None = None  # (pegawai id, jabatan id) → the factor points

    def jelaskan(self, kunci: tuple[int, int]) -> str:
        if kunci in self.penjelasan or self.rinci is None:
            return str(self.penjelasan.get(kunci, ""))
        return self.rinci(*kunci)


def selesaikan(soal: Soal, *, progres: Callable[[int], None] | None = None) -> dict:
    """Solve with the side rules; returns {"penugasan": [...], "total": ..., "iterasi": n, "catatan": [...]}."""
    dipaksa_tetap: set[int] = set()
    catatan: list[str] = []
    iterasi = 0
    while True:
        iterasi += 1
        pasang = _solve(soal, dipaksa_tetap)
        if progres:
            progres(min(95, 50 + iterasi * 5))
        pindah = dict(pasang.items())
        baru: set[int] = set()
        orang = {m.pegawai_id: m for m in soal.pemindah}
        if soal.batas_opd:
            per_opd: dict[int, list[int]] = defaultdict(list)
            for pid in pindah:
                per_opd[orang[pid].opd_id].append(pid)
            for opd_id, pids in per_opd.items():
                batas = soal.batas_opd.get(opd_id)
                if batas is not None and len(pids) > batas:
                    pids.sort(key=lambda pid: _untung(soal, pid, soal.kursi[pindah[pid]].jabatan_id))
                    lebih = pids[: len(pids) - batas]
                    baru.update(lebih)
                    catatan.append(
                        f"Batas OPD: {len(pids)} pegawai akan keluar dari satu OPD, batas {batas}; "
                        f"{len(lebih)} perpindahan dengan tambahan skor terkecil dibatalkan."
                    )
        for a, b in soal.pasangan:
            if (a in pindah) != (b in pindah) and a in orang and b in orang:
                yang_pindah = a if a in pindah else b
                baru.add(yang_pindah)
                catatan.append(
                    f"Pasangan {orang[a].nama} dan {orang[b].nama}: hanya satu yang pindah; perpindahan "
                    f"{orang[yang_pindah].nama} dibatalkan agar keduanya tetap bersama."
                )
        if not baru - dipaksa_tetap:
            break
        dipaksa_tetap |= baru
    baris = []
    total = 0.0
    for m in soal.pemindah:
        if m.pegawai_id in pindah:
            k = soal.kursi[pindah[m.pegawai_id]]
            skor = soal.skor[(m.pegawai_id, k.jabatan_id)]
            baris.append(_baris(m, k, skor, soal.jelaskan((m.pegawai_id, k.jabatan_id))))
            total += skor
        else:
            alasan = (
                f"Tetap: nilai tetap {soal.nilai_tetap[m.pegawai_id]:g} (skor untuk jabatan sekarang); "
                "tidak ada lowongan yang lebih cocok."
            )
            if m.pegawai_id in dipaksa_tetap:
                alasan = "Tetap karena aturan tambahan putaran (batas OPD atau pasangan)."
            baris.append(_baris(m, None, soal.nilai_tetap[m.pegawai_id], alasan))
            total += soal.nilai_tetap[m.pegawai_id]
    return {"penugasan": baris, "total": round(total, 2), "iterasi": iterasi, "catatan": catatan}


def _untung(soal: Soal, pid: int, jid: int) -> float:
    return soal.skor[(pid, jid)] - soal.nilai_tetap[pid]


def _solve(soal: Soal, dipaksa_tetap: set[int]) -> dict[int, int]:
    """pegawai id → index of the seat, for the moves only."""
    pemindah = [m for m in soal.pemindah if m.pegawai_id not in dipaksa_tetap]
    if not pemindah or not soal.kursi:
        return {}
    penuh = [
        [
            max(soal.skor.get((m.pegawai_id, k.jabatan_id), -math.inf) - soal.nilai_tetap[m.pegawai_id], 0.0)
            for k in soal.kursi
        ]
        for m in pemindah
    ]
    # Only people and seats with some move better than staying take part (the rest stay / stay empty).
    baris = [i for i, row in enumerate(penuh) if any(v > 0 for v in row)]
    kolom = [j for j in range(len(soal.kursi)) if any(penuh[i][j] > 0 for i in baris)]
    matriks = [[penuh[i][j] for j in kolom] for i in baris]
    hasil = {}
    for a, b in hungarian(matriks):
        i, j = baris[a], kolom[b]
        if penuh[i][j] > 0:
            hasil[pemindah[i].pegawai_id] = j
    return hasil


def _baris(m: Pemindah, k: Kursi | None, skor: float, penjelasan: str) -> dict:
    return {
        "pegawai_id": m.pegawai_id,
        "nip": m.nip,
        "nama": m.nama,
        "asal_jabatan": m.jabatan,
        "asal_unit": m.nama_unit,
        "asal_unit_id": m.unit_id,
        "asal_jabatan_id": m.jabatan_id,
        "tujuan_jabatan_id": k.jabatan_id if k else None,
        "tujuan_jabatan": k.nama if k else "",
        "tujuan_unit": k.nama_unit if k else "",
        "tujuan_unit_id": k.unit_id if k else None,
        "skor": round(skor, 2),
        "penjelasan": penjelasan,
    }


# --- building the problem from the database ----------------------------------------------------------


def _rinci(fakta, p: dict, jab: Jabatan) -> str:
    opd = jab.unit_kerja.opd if jab.unit_kerja.opd_id else jab.unit_kerja
    k = nilai_kandidat(fakta, p, jab, nama_opd=opd.nama)
    return "; ".join(f"{f.label} {f.poin:g}/{f.bobot}" for f in k.faktor if f.bobot)


def kursi_lowongan(jabatan_ids: list[int]) -> list[Kursi]:
    """Each chosen position gives as many seats as it lacks (need − active holders), at least one."""
    jabatan = list(
        Jabatan.objects.filter(pk__in=jabatan_ids)
        .select_related("unit_kerja")
        .annotate(n=Count("pemangku", filter=Q(pemangku__aktif=True)))
        .order_by("unit_kerja__path", "nama")
    )
    kursi: list[Kursi] = []
    for j in jabatan:
        opd_id = j.unit_kerja.opd_id or j.unit_kerja_id
        kursi.extend(
            Kursi(j.pk, j.nama, j.unit_kerja_id, opd_id, j.unit_kerja.nama)
            for _ in range(max(j.kebutuhan - j.n, 1))
        )
    return kursi


def unit_ditinggalkan(pegawai_ids, tanggal: dt.date, tahun: int) -> dict[int, set[int]]:
    """pegawai id → units they left within `tahun` years before the date (one query)."""
    batas = add_months(tanggal, -12 * tahun)
    per: dict[int, list[tuple]] = defaultdict(list)
    for pid, unit_id, tmt in (
        RiwayatJabatan.objects.filter(pegawai_id__in=pegawai_ids)
        .values_list("pegawai_id", "jabatan__unit_kerja_id", "tmt")
        .order_by("pegawai_id", "tmt")
    ):
        per[pid].append((unit_id, tmt))
    hasil: dict[int, set[int]] = defaultdict(set)
    for pid, rows in per.items():
        for (unit_id, _tmt), (unit_berikut, tmt_berikut) in itertools.pairwise(rows):
            if unit_id and unit_id != unit_berikut and tmt_berikut >= batas:
                hasil[pid].add(unit_id)
    return hasil


def susun_soal(
    *,
    putaran_id: int,
    jabatan_ids: list[int],
    pegawai_tambahan_ids: list[int],
    tanggal: dt.date,
    aturan: dict,
    progres: Callable[[int], None] | None = None,
) -> Soal:
    """Movers: employees with wishes (not asking to stay) in the round, plus the chosen people."""
    dengan_keinginan = PreferensiMutasi.objects.filter(putaran_id=putaran_id, tetap=False).values(
        "pegawai_id"
    )
    pegawai_qs = Pegawai.objects.filter(Q(pk__in=dengan_keinginan) | Q(pk__in=list(pegawai_tambahan_ids)))
    fakta = muat_fakta(tanggal, pegawai_qs=pegawai_qs, putaran_id=putaran_id)
    kursi = kursi_lowongan(jabatan_ids)
    jabatan = {
        j.pk: j
        for j in Jabatan.objects.filter(pk__in=jabatan_ids).select_related(
            "unit_kerja", "unit_kerja__opd", "syarat_golongan"
        )
    }
    pemindah = [
        Pemindah(
            p["id"],
            p["nip"],
            p["nama"],
            p["opd_id"],
            p["unit_kerja_id"],
            p["jabatan_id"],
            p["jabatan__nama"],
            p["unit_kerja__nama"],
        )
        for p in sorted(fakta.pegawai, key=lambda p: (p["nama"], p["nip"]))
    ]
    tahun_kembali = int(aturan.get("tahun_tidak_kembali") or 0)
    ditinggalkan = (
        unit_ditinggalkan([m.pegawai_id for m in pemindah], tanggal, tahun_kembali) if tahun_kembali else {}
    )
    skor: dict[tuple[int, int], float] = {}
    penjelasan: dict[tuple[int, int], str] = {}
    tidak_layak: dict[tuple[int, int], str] = {}
    total = max(len(jabatan) * len(fakta.pegawai), 1)
    # Large rounds keep the reason of an excluded pair only where the person wished for the position
    # (the officers' plan shows a generic reason for the others), so the stored result stays small.
    semua_alasan = total <= BATAS_ALASAN
    diinginkan = {(pid, j[1]) for pid, rows in fakta.pilihan.items() for j in rows}
    langkah = 0
    for jid, jab in jabatan.items():
        opd = jab.unit_kerja.opd if jab.unit_kerja.opd_id else jab.unit_kerja
        _siapkan(fakta, jab)
        for p in fakta.pegawai:
            langkah += 1
            kunci = (p["id"], jid)
            if p["jabatan_id"] == jid:
                tidak_layak[kunci] = "Sudah menduduki jabatan ini."
                continue
            memenuhi, nilai = nilai_cepat(fakta, p, jab)
            if not memenuhi:
                if semua_alasan or kunci in diinginkan:
                    k = nilai_kandidat(fakta, p, jab, nama_opd=opd.nama)
                    tidak_layak[kunci] = "; ".join(f"{s.nama} — {s.uraian}" for s in k.syarat_gagal)
                continue
            if jab.unit_kerja_id in ditinggalkan.get(p["id"], ()):
                tidak_layak[kunci] = (
                    f"Kembali ke unit yang ditinggalkan kurang dari {tahun_kembali} tahun lalu ({jab.unit_kerja.nama})."
                )
                continue
            skor[kunci] = nilai
        if progres:
            progres(int(40 * langkah / total))
    orang = {p["id"]: p for p in fakta.pegawai}
    tetap_tetap = aturan.get("nilai_tetap")
    nilai_tetap: dict[int, float] = {}
    if tetap_tetap not in (None, ""):
        nilai_tetap = {p["id"]: float(tetap_tetap) for p in fakta.pegawai}
    else:
        sekarang = Jabatan.objects.select_related("unit_kerja", "unit_kerja__opd", "syarat_golongan").in_bulk(
            {p["jabatan_id"] for p in fakta.pegawai}
        )
        for p in fakta.pegawai:
            jab_now = sekarang[p["jabatan_id"]]
            opd = jab_now.unit_kerja.opd if jab_now.unit_kerja.opd_id else jab_now.unit_kerja
            nilai_tetap[p["id"]] = nilai_kandidat(fakta, p, jab_now, nama_opd=opd.nama).skor
    pasangan = []
    if aturan.get("pasangan"):
        ids = {m.pegawai_id for m in pemindah}
        seen = set()
        for a, b in PreferensiMutasi.objects.filter(
            putaran_id=putaran_id, pasangan__isnull=False
        ).values_list("pegawai_id", "pasangan_id"):
            key = frozenset((a, b))
            if key not in seen and (a in ids or b in ids):
                seen.add(key)
                pasangan.append((a, b))
    batas_opd: dict[int, int] = {}
    if persen := aturan.get("persen_opd"):
        opd_ids = {m.opd_id for m in pemindah}
        for opd_id, n in (
            Pegawai.objects.filter(aktif=True, opd_id__in=opd_ids)
            .order_by()
            .values("opd_id")
            .annotate(n=Count("id"))
            .values_list("opd_id", "n")
        ):
            batas_opd[opd_id] = max(int(n * float(persen) // 100), 1)
    return Soal(
        kursi=kursi,
        pemindah=pemindah,
        skor=skor,
        penjelasan=penjelasan,
        tidak_layak=tidak_layak,
        nilai_tetap=nilai_tetap,
        bobot=fakta.bobot.bobot(),
        rinci=lambda pid, jid: _rinci(fakta, orang[pid], jabatan[jid]),
        pasangan=pasangan,
        batas_opd=batas_opd,
    )


# --- comparing plans (the proposed one and the officers' own) ----------------------------------------


def simpan_hasil(soal: Soal, hasil: dict) -> dict:
    """The JSON stored on HasilRotasi: the proposed rows plus what re-scoring a manual plan needs."""
    return {
        **hasil,
        "nilai_tetap": {str(pid): v for pid, v in soal.nilai_tetap.items()},
        "skor": {f"{pid}:{jid}": s for (pid, jid), s in soal.skor.items()},
        "tidak_layak": {f"{pid}:{jid}": t for (pid, jid), t in soal.tidak_layak.items()},
        "jabatan": [
            {"id": jid, "nama": nama, "unit": unit, "unit_id": uid, "kursi": n}
            for (jid, nama, unit, uid), n in Counter(
                (k.jabatan_id, k.nama, k.nama_unit, k.unit_id) for k in soal.kursi
            ).items()
        ],
        "unit_jabatan": {str(k.jabatan_id): k.unit_id for k in soal.kursi},
    }


def rencana_usulan(hasil: dict) -> dict[int, int | None]:
    return {b["pegawai_id"]: b["tujuan_jabatan_id"] for b in hasil.get("penugasan", [])}


def periksa_rencana(hasil: dict, rencana: dict[int, int | None]) -> tuple[float, list[str]]:
    """Total fit of a plan {pegawai id: jabatan id or None (stay)} and its problems (an excluded pair,
    more people than seats in a position)."""
    total = 0.0
    masalah = []
    nama = {b["pegawai_id"]: b["nama"] for b in hasil.get("penugasan", [])}
    kursi = {j["id"]: j for j in hasil.get("jabatan", [])}
    dipakai: Counter = Counter()
    for pid, jid in rencana.items():
        if jid is None:
            total += hasil["nilai_tetap"][str(pid)]
            continue
        dipakai[jid] += 1
        kunci = f"{pid}:{jid}"
        if kunci in hasil["skor"]:
            total += hasil["skor"][kunci]
        else:
            alasan = hasil["tidak_layak"].get(kunci, "jabatan bukan lowongan putaran ini")
            masalah.append(f"{nama.get(pid, pid)}: tidak layak ke jabatan ini — {alasan}")
    for jid, n in dipakai.items():
        if jid in kursi and n > kursi[jid]["kursi"]:
            masalah.append(f"{kursi[jid]['nama']}: {n} orang untuk {kursi[jid]['kursi']} lowongan.")
    return round(total, 2), masalah


def ringkasan(
    hasil: dict, rencana: dict[int, int | None], kebutuhan_unit: dict[int, tuple[str, int, int]]
) -> dict:
    """Total fit, positions filled, and per unit the gap (need − holders) before → after a plan.

    `kebutuhan_unit`: unit id → (name, need, holders) as now (mutasi.kebutuhan numbers)."""
    perubahan: Counter = Counter()
    asal = {b["pegawai_id"]: b["asal_unit_id"] for b in hasil.get("penugasan", [])}
    tujuan_unit = hasil.get("unit_jabatan", {})
    terisi = 0
    for pid, jid in rencana.items():
        if jid is None:
            continue
        terisi += 1
        perubahan[asal[pid]] -= 1
        perubahan[int(tujuan_unit[str(jid)])] += 1
    unit = []
    for uid, d in sorted(perubahan.items()):
        if not d:
            continue
        nama, butuh, ada = kebutuhan_unit.get(uid, ("?", 0, 0))
        unit.append({"unit": nama, "sebelum": butuh - ada, "sesudah": butuh - ada - d})
    return {"terisi": terisi, "unit": unit}


def kebutuhan_unit(unit_ids) -> dict[int, tuple[str, int, int]]:
    """unit id → (name, need = Σ kebutuhan of its own positions, active holders) as now; three queries
    (the same numbers as mutasi.kebutuhan's unit sides)."""
    from django.db.models import Sum

    from pegawai.models import UnitKerja

    unit_ids = list(unit_ids)
    butuh = dict(
        Jabatan.objects.filter(unit_kerja_id__in=unit_ids)
        .order_by()
        .values("unit_kerja_id")
        .annotate(t=Sum("kebutuhan"))
        .values_list("unit_kerja_id", "t")
    )
    ada = dict(
        Pegawai.objects.filter(aktif=True, jabatan__unit_kerja_id__in=unit_ids)
        .order_by()
        .values("jabatan__unit_kerja_id")
        .annotate(n=Count("id"))
        .values_list("jabatan__unit_kerja_id", "n")
    )
    nama = dict(UnitKerja.objects.filter(pk__in=unit_ids).values_list("id", "nama"))
    return {u: (nama.get(u, "?"), int(butuh.get(u) or 0), ada.get(u, 0)) for u in unit_ids}


def bandingkan(hasil: dict, rencana: dict[int, int | None]) -> dict:
    """One plan's figures: total fit, positions filled, gaps before → after per unit, problems."""
    total, masalah = periksa_rencana(hasil, rencana)
    unit_ids = {b["asal_unit_id"] for b in hasil.get("penugasan", [])} | {
        int(u) for u in hasil.get("unit_jabatan", {}).values()
    }
    return {"total": total, "masalah": masalah, **ringkasan(hasil, rencana, kebutuhan_unit(unit_ids))}
