"""Dashboard figures (reads only).

A fixed handful of queries, whatever the headcount: one scan groups the employees by golongan, status,
education, sex and age band; one groups them by position (bezetting, per OPD, per unit); the rest are
short lists read through date indexes.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Case, Count, Q, When, Window
from django.db.models.expressions import RawSQL
from django.utils import timezone

from core.dates import add_months

from .models import Golongan, Jabatan, Pegawai, UsulanPerubahanData


def _scope(opd: int | None):
    qs = Pegawai.objects.filter(aktif=True)
    return qs if opd is None else qs.filter(opd_id=opd)


AGE_BANDS = list(range(4, 13))  # 20–24 … 55–59, 60+


def _profile_counts(qs, today) -> list[dict]:
    """One scan of the employees: headcount per (golongan, status, education, sex, 5-year age band)."""
    band = RawSQL(
        "LEAST(GREATEST(FLOOR(DATE_PART('year', AGE(%s::date, tanggal_lahir)) / 5), 4), 12)", [today]
    )
    return list(
        qs.annotate(band=band)
        .values("golongan_id", "status_kepegawaian", "pendidikan_jenjang", "jenis_kelamin", "band")
        .annotate(n=Count("id"))
        .order_by()
    )


def _sum_by(rows: list[dict], key: str) -> dict:
    totals: dict = defaultdict(int)
    for row in rows:
        totals[row[key]] += row["n"]
    return totals


def _pyramid(rows: list[dict]) -> dict:
    laki, perempuan = dict.fromkeys(AGE_BANDS, 0), dict.fromkeys(AGE_BANDS, 0)
    for row in rows:
        (laki if row["jenis_kelamin"] == "L" else perempuan)[int(row["band"])] += row["n"]
    return {
        "labels": [f"{b * 5}–{b * 5 + 4}" if b < 12 else "60+" for b in AGE_BANDS],
        "laki": [-laki[b] for b in AGE_BANDS],
        "perempuan": [perempuan[b] for b in AGE_BANDS],
    }


def _golongan_chart(rows: list[dict]) -> dict:
    per_golongan = _sum_by(rows, "golongan_id")
    golongan = [g for g in Golongan.objects.order_by("jenis", "urutan") if per_golongan.get(g.id)]
    return {"labels": [g.kode for g in golongan], "data": [per_golongan[g.id] for g in golongan]}


def _pendidikan_chart(rows: list[dict]) -> dict:
    per_pendidikan = _sum_by(rows, "pendidikan_jenjang")
    pairs = [
        (label, per_pendidikan[code])
        for code, label in Pegawai.Pendidikan.choices
        if per_pendidikan.get(code)
    ]
    if per_pendidikan.get(""):
        pairs.append(("Tidak diisi", per_pendidikan[""]))
    return {"labels": [p[0] for p in pairs], "data": [p[1] for p in pairs]}


def _bezetting(qs, opd: int | None) -> tuple[list, list, list]:
    """Filled positions from one GROUP BY jabatan; everything per OPD and per unit derives from it."""
    terisi = dict(qs.values_list("jabatan_id").annotate(n=Count("id")).order_by())
    jabatan_qs = Jabatan.objects.all() if opd is None else Jabatan.objects.filter(unit_kerja__opd_id=opd)
    group_kode, group_nama = (
        ("unit_kerja__opd__kode", "unit_kerja__opd__nama")
        if opd is None
        else ("unit_kerja__kode", "unit_kerja__nama")
    )
    rows = jabatan_qs.values(
        "id", "nama", "kebutuhan", "unit_kerja__nama", "unit_kerja__opd__nama", group_kode, group_nama
    )
    per_group: dict = defaultdict(lambda: {"terisi": 0, "kebutuhan": 0})
    kekurangan = []
    for j in rows:
        j["terisi"] = terisi.get(j["id"], 0)
        j["kurang"] = j["kebutuhan"] - j["terisi"]
        if j["kurang"] > 0:
            kekurangan.append(j)
        group = per_group[(j[group_kode], j[group_nama])]
        group["terisi"] += j["terisi"]
        group["kebutuhan"] += j["kebutuhan"]
    kekurangan.sort(key=lambda j: (-j["kurang"], j["nama"]))
    sebaran = sorted(
        ({"label": nama, "n": v["terisi"]} for (_kode, nama), v in per_group.items() if v["terisi"]),
        key=lambda r: (-r["n"], r["label"]),
    )
    bezetting = sorted(
        (
            {
                "nama": nama,
                "kode": kode,
                "terisi": v["terisi"],
                "kebutuhan": v["kebutuhan"],
                "selisih": v["terisi"] - v["kebutuhan"],
            }
            for (kode, nama), v in per_group.items()
        ),
        key=lambda r: (r["selisih"], r["nama"]),
    )
    return kekurangan[:15], sebaran, bezetting[:10]


def dasbor_instansi(*, opd: int | None) -> dict:
    today = timezone.localdate()
    qs = _scope(opd)
    rows = _profile_counts(qs, today)
    status = _sum_by(rows, "status_kepegawaian")
    sex = _sum_by(rows, "jenis_kelamin")
    kekurangan, sebaran, bezetting = _bezetting(qs, opd)
    pensiun_qs = qs.filter(tanggal_pensiun__gte=today, tanggal_pensiun__lt=add_months(today, 12))
    kgb_qs = qs.filter(tanggal_kgb_berikutnya__gte=today, tanggal_kgb_berikutnya__lt=add_months(today, 3))
    usulan = UsulanPerubahanData.objects.filter(status__in=["diajukan", "diverifikasi"])
    if opd is not None:
        usulan = usulan.filter(pegawai__opd_id=opd)
    return {
        "total": sum(r["n"] for r in rows),
        "pns": status["PNS"],
        "cpns": status["CPNS"],
        "pppk": status["PPPK"] + status["PPPK Paruh Waktu"],
        "laki": sex["L"],
        "perempuan": sex["P"],
        "grafik": {
            "opd": {"labels": [r["label"] for r in sebaran], "data": [r["n"] for r in sebaran]},
            "golongan": _golongan_chart(rows),
            "pendidikan": _pendidikan_chart(rows),
            "piramida": _pyramid(rows),
        },
        "judul_sebaran": "Pegawai per OPD" if opd is None else "Pegawai per unit kerja",
        "pensiun_jumlah": pensiun_qs.count(),
        "pensiun": list(
            pensiun_qs.select_related("jabatan", "opd", "golongan").order_by("tanggal_pensiun", "nama")[:25]
        ),
        "kgb_jumlah": kgb_qs.count(),
        "kgb": list(kgb_qs.select_related("opd", "golongan").order_by("tanggal_kgb_berikutnya", "nama")[:25]),
        "kekurangan": kekurangan,
        "bezetting_opd": bezetting,
        "usulan_terbuka": usulan.count(),
        "hari_ini": today,
    }


TIM_DI_DASBOR = 20


def dasbor_atasan(*, atasan_id: int) -> dict:
    """The head's team block: how many direct reports, how many with a KGB within 3 months or retiring
    within 12, and the first TIM_DI_DASBOR of them (those two first, then by name) with a link to the
    full list. One query: the counts are window aggregates over the whole team, the rows are only the
    shown ones (a head of 300 teachers loaded every report as four model instances and sorted them in
    Python: 11.5 ms of the dashboard at 50,000 employees)."""
    today = timezone.localdate()
    segera_pensiun = Q(tanggal_pensiun__lt=add_months(today, 12))  # NULL dates never count
    segera_kgb = Q(tanggal_kgb_berikutnya__lt=add_months(today, 3))
    kolom = ["nip", "nama", "gelar_depan", "gelar_belakang", "tanggal_pensiun", "tanggal_kgb_berikutnya"]
    kolom += ["jabatan__nama", "golongan__kode", "unit_kerja__nama"]
    tim = list(
        Pegawai.objects.filter(atasan_id=atasan_id, aktif=True)
        .select_related("jabatan", "golongan", "unit_kerja")
        .only(*kolom)
        .annotate(
            segera_pensiun=Case(When(segera_pensiun, then=True), default=False),
            segera_kgb=Case(When(segera_kgb, then=True), default=False),
            jumlah_tim=Window(Count("id")),
            jumlah_pensiun=Window(Count("id", filter=segera_pensiun)),
            jumlah_kgb=Window(Count("id", filter=segera_kgb)),
        )
        .order_by(Case(When(segera_pensiun | segera_kgb, then=0), default=1), "nama", "pk")[:TIM_DI_DASBOR]
    )
    pertama = tim[0] if tim else None
    return {
        "jumlah_tim": pertama.jumlah_tim if pertama else 0,
        "tim_ditampilkan": tim,
        "jumlah_pensiun": pertama.jumlah_pensiun if pertama else 0,
        "jumlah_kgb": pertama.jumlah_kgb if pertama else 0,
        "hari_ini": today,
    }


def dasbor_pegawai(*, pegawai: Pegawai | None) -> dict:
    today = timezone.localdate()
    if pegawai is None:
        return {"me": None}
    return {
        "me": pegawai,
        "mkg": pegawai.mkg_pada(today),
        "usulan": list(UsulanPerubahanData.objects.filter(pegawai=pegawai).order_by("-dibuat")[:10]),
        "bup": pegawai.batas_usia_pensiun(),
        "hari_ini": today,
    }
