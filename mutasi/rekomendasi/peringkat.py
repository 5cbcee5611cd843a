"""The shortlist of one position ranked over the whole government in one SQL statement (issue 13 speed).

The same rules as `nilai.nilai_cepat` (the Python reference, kept for the rotation round and for the
texts), computed by PostgreSQL for every candidate at once:

- the score: each factor's points `round(weight × fraction, 2)` (half-up, nilai.poin) computed exactly in
  integer hundredths (weight × fraction × 100 over the fraction's own denominator: quarters for the
  predikat, ninths for the box, sixtieths for months in post), summed; the fractions (pendidikan, kompetensi, kinerja, talenta, pengalaman, keinginan,
  masa jabatan) from CTEs over the ratings, the potential scores, the position history and the wishes;
- the hard requirements: what depends on a few distinct values is judged in Python by the very
  functions the texts use, once per distinct value, and handed to the statement as arrays —
  the position's syarat per distinct (jenjang, jurusan, golongan), the guards per distinct (status,
  months in post, JPT or not) and per employee with a punishment in force, the accepted fields of study
  per distinct jurusan, the 9-box number per (predikat, potential level); retirement within a year is
  a date comparison;
- the order: meeting every requirement first, then score descending, ties by name and NIP compared as
  Python compares strings (COLLATE "C": UTF-8 byte order is code-point order).

Only (id, meets, score) come back, 50,000 light rows; the texts are built for the rows shown
(`daftar.DaftarPendek.teratas`). Four queries besides the facts of the date (weights, guards, years).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db import connection
from django.db.models import Q

from kinerja.models import Penilaian as PenilaianKinerja
from kinerja.models import PenilaianPotensial, PeriodeKinerja
from kinerja.selectors import PREDIKAT_KE_KINERJA_TALENTA, AturanTalenta
from pegawai.models import Golongan, Jabatan, Pegawai, RiwayatHukumanDisiplin, RiwayatJabatan, UnitKerja

from ..guard import Hukuman, aturan_berlaku
from ..models import PilihanTujuan, PreferensiMutasi, PutaranRotasi
from .dasar import BULAN_PENUH, NILAI_PILIHAN_JABATAN, NILAI_PILIHAN_UNIT, NILAI_PREDIKAT
from .fakta import FaktaKandidat, bobot_berlaku, tahun_kinerja_ditutup
from .nilai import _guard_lulus, _syarat_jabatan

T_PEGAWAI = Pegawai._meta.db_table
T_JABATAN = Jabatan._meta.db_table
T_UNIT = UnitKerja._meta.db_table
T_PENILAIAN = PenilaianKinerja._meta.db_table
T_PERIODE = PeriodeKinerja._meta.db_table
T_POTENSIAL = PenilaianPotensial._meta.db_table
T_RIWAYAT = RiwayatJabatan._meta.db_table
T_PILIHAN = PilihanTujuan._meta.db_table
T_PREFERENSI = PreferensiMutasi._meta.db_table
T_PUTARAN = PutaranRotasi._meta.db_table

# Whole months from tmt_jabatan to the date (core.dates.months_between), at least 0; NULL without a TMT.
BULAN_SQL = (
    "GREATEST(((%(th)s - date_part('year', p.tmt_jabatan)) * 12 + (%(bl)s - date_part('month', p.tmt_jabatan))"
    " - CASE WHEN %(hr)s < date_part('day', p.tmt_jabatan) THEN 1 ELSE 0 END)::int, 0)"
)


def _kandidat_sql(opd_id: int | None) -> str:
    opd = " AND p.opd_id = %(opd_id)s" if opd_id is not None else ""
    return f"""
        SELECT p.id, p.nama, p.nip, p.status_kepegawaian AS status, p.golongan_id, p.tmt_jabatan,
               p.tmt_cpns, p.opd_id, p.jabatan_id, p.tanggal_pensiun,
               COALESCE(p.pendidikan_jenjang, '') AS jenjang, COALESCE(p.pendidikan_jurusan, '') AS jurusan,
               COALESCE(j.jenis = %(jpt)s, false) AS jpt, {BULAN_SQL} AS bulan
        FROM {T_PEGAWAI} p LEFT JOIN {T_JABATAN} j ON j.id = p.jabatan_id
        WHERE p.aktif AND p.jabatan_id IS DISTINCT FROM %(jabatan_id)s{opd}
    """  # noqa: S608 (table names and placeholders only; every value is a parameter)


def _case(kolom: str, nilai: dict, nama: str, params: dict, skala: int) -> str:
    """CASE kolom WHEN k THEN v × skala … ELSE 0 END, the values as exact integers."""
    bagian = []
    for i, (k, v) in enumerate(nilai.items()):
        kali = Decimal(str(v)) * skala
        if kali != int(kali):
            raise ValueError(f"{v} × {skala} bukan bilangan bulat")
        params[f"{nama}_k{i}"] = k
        bagian.append(f"WHEN %({nama}_k{i})s THEN {int(kali)}")
    return f"CASE {kolom} {' '.join(bagian)} ELSE 0 END"


def peringkat(jabatan: Jabatan, tanggal: dt.date, *, opd_id: int | None = None):
    """(bobot, [(pegawai id, meets every requirement, score)] in rank order) of every active employee not
    holding `jabatan` (within `opd_id` when given)."""
    bobot = bobot_berlaku(tanggal)
    berlaku = aturan_berlaku(tanggal)
    tahun = tahun_kinerja_ditutup(tanggal)
    aturan_talenta = AturanTalenta.untuk(tahun[-1]) if tahun else None
    opd_tujuan = jabatan.unit_kerja.opd_id
    diterima = [d.strip() for d in (jabatan.syarat_jurusan or "").split(";") if d.strip()]
    params: dict = {
        "th": tanggal.year,
        "bl": tanggal.month,
        "hr": tanggal.day,
        "tanggal": tanggal,
        "jpt": Jabatan.Jenis.JPT,
        "jabatan_id": jabatan.pk,
        "opd_id": opd_id,
    }
    kandidat = _kandidat_sql(opd_id)
    fakta = FaktaKandidat(
        tanggal=tanggal,
        bobot=bobot,
        berlaku=berlaku,
        pegawai=[],
        golongan={g.pk: g for g in Golongan.objects.all()},
        hukuman=defaultdict(list),
        tahun_kinerja=tahun,
        predikat={},
        potensial={},
        aturan_talenta=aturan_talenta,
        riwayat={},
        pilihan={},
        minta_tetap={},
    )

    # 1. The distinct values the requirements depend on (one query), judged in Python.
    with connection.cursor() as cur:
        cur.execute(
            f"""
            WITH c AS ({kandidat})
            SELECT 's', jenjang, jurusan, golongan_id, NULL::date, NULL::date, NULL::bool, NULL::int
              FROM c GROUP BY jenjang, jurusan, golongan_id
            UNION ALL
            SELECT 'g', status, NULL, NULL, min(tmt_jabatan), min(tmt_cpns), jpt, bulan
              FROM c GROUP BY status, jpt, bulan
            """,  # noqa: S608
            params,
        )
        nilai_beda = cur.fetchall()
    syarat_ok: list[tuple[str, str, int]] = []
    guard_gagal: list[tuple[str, bool, int]] = []
    jurusan_cocok: set[str] = set()
    for jenis, a, b, c, tmt_jabatan, tmt_cpns, jpt, bulan in nilai_beda:
        if jenis == "s":
            p = {"pendidikan_jenjang": a, "pendidikan_jurusan": b, "golongan_id": c}
            if all(s.terpenuhi for s in _syarat_jabatan(fakta, p, jabatan)):
                syarat_ok.append((a, b, c))
            if b and b not in jurusan_cocok and diterima:
                if any(d.casefold() in b.casefold() for d in diterima):
                    jurusan_cocok.add(b)
        else:
            p = {
                "id": None,
                "status_kepegawaian": a,
                "tmt_jabatan": tmt_jabatan,
                "tmt_cpns": tmt_cpns,
                "jabatan__jenis": Jabatan.Jenis.JPT if jpt else "",
                # people on study leave on the date are judged one by one below
                "tugas_belajar_mulai": None,
                "tugas_belajar_selesai": None,
            }
            if not _guard_lulus(fakta, p):
                guard_gagal.append((a, jpt, -1 if bulan is None else bulan))

    # 2. Employees with a punishment in force or on study leave: their guards judged one by one.
    label_tingkat = dict(RiwayatHukumanDisiplin.Tingkat.choices)
    hk_qs = RiwayatHukumanDisiplin.objects.filter(pegawai__aktif=True, tmt__lte=tanggal).filter(
        Q(tanggal_selesai__isnull=True) | Q(tanggal_selesai__gte=tanggal)
    )
    for pid, tingkat, jenis, tmt, selesai in hk_qs.values_list(
        "pegawai_id", "tingkat", "jenis", "tmt", "tanggal_selesai"
    ):
        fakta.hukuman[pid].append(
            Hukuman(str(label_tingkat.get(tingkat, tingkat)).lower(), jenis, tmt, selesai)
        )
    belajar = Pegawai.objects.filter(aktif=True, tugas_belajar_mulai__lte=tanggal).filter(
        Q(tugas_belajar_selesai__isnull=True) | Q(tugas_belajar_selesai__gte=tanggal)
    )
    satu_satu = set(fakta.hukuman) | set(belajar.values_list("pk", flat=True))
    hk_lulus = [
        p["id"]
        for p in Pegawai.objects.filter(pk__in=list(satu_satu)).values(
            "id",
            "status_kepegawaian",
            "tmt_jabatan",
            "tmt_cpns",
            "jabatan__jenis",
            "tugas_belajar_mulai",
            "tugas_belajar_selesai",
        )
        if _guard_lulus(fakta, p)
    ]

    # 3. The statement.
    params.update(
        {
            "sy_jenjang": [s[0] for s in syarat_ok],
            "sy_jurusan": [s[1] for s in syarat_ok],
            "sy_golongan": [s[2] for s in syarat_ok],
            "gg_status": [g[0] for g in guard_gagal],
            "gg_jpt": [g[1] for g in guard_gagal],
            "gg_bulan": [g[2] for g in guard_gagal],
            "hk_ids": list(satu_satu),
            "hk_lulus": hk_lulus,
            "jurusan_cocok": sorted(jurusan_cocok),
            "tahun": tahun,
            "tahun_akhir": tahun[-1] if tahun else None,
            "ditutup": PeriodeKinerja.Status.DITUTUP,
            "final": PenilaianKinerja.Status.FINAL,
            "nama_jabatan": jabatan.nama,
            "opd_tujuan": opd_tujuan,
            "unit_tujuan": jabatan.unit_kerja_id,
            "batas_pensiun": fakta.batas_pensiun,
            "penuh": BULAN_PENUH,
        }
    )
    for kode, w in bobot.bobot().items():
        params[f"w_{kode}"] = w
    # The final annual ratings of the (at most two) closed years: one row per employee and period
    # (constraint penilaian_satu_per_periode), so a join per year.
    periode_ids = dict(
        PeriodeKinerja.objects.filter(tahun__in=tahun, status=PeriodeKinerja.Status.DITUTUP).values_list(
            "tahun", "id"
        )
    )
    kin_join, nilai_kin = [], []
    for i, th in enumerate(tahun):
        params[f"periode_{i}"] = periode_ids[th]
        kin_join.append(
            f"LEFT JOIN {T_PENILAIAN} n{i} ON n{i}.pegawai_id = c.id AND n{i}.periode_kinerja_id = %(periode_{i})s"
            f" AND n{i}.periode = 'tahunan' AND n{i}.status = %(final)s"
        )
        nilai_kin.append(_case(f"n{i}.predikat", NILAI_PREDIKAT, f"pk{i}", params, 4))
    kinerja = f"({' + '.join(nilai_kin)})" if tahun else "0"  # quarters: 0–8 over two years
    akhir = f"n{len(tahun) - 1}.predikat" if tahun else "NULL"
    pilihan_jabatan = _case("pt.urutan", NILAI_PILIHAN_JABATAN, "pj", params, 100)
    pilihan_unit = _case("pt.urutan", NILAI_PILIHAN_UNIT, "pu", params, 100)
    if not diterima:
        pendidikan = "50"
    else:
        pendidikan = "CASE WHEN c.jurusan <> '' AND c.jurusan = ANY(%(jurusan_cocok)s) THEN 100 ELSE 0 END"
    tingkat = "''"
    talenta = "0"
    if aturan_talenta is not None and tahun:
        ambang = aturan_talenta.ambang
        params["batas_tinggi"] = ambang.batas_tinggi
        params["batas_menengah"] = ambang.batas_menengah
        # The potential level (AturanTalenta.potensial) once per score row, then the box per level.
        tingkat = "CASE WHEN skor >= %(batas_tinggi)s THEN 't' WHEN skor >= %(batas_menengah)s THEN 'm' ELSE 'r' END"
        when = []
        for i, pr in enumerate(PREDIKAT_KE_KINERJA_TALENTA):
            params[f"tk_p{i}"] = pr
            for lv, contoh in (
                ("t", ambang.batas_tinggi),
                ("m", ambang.batas_menengah),
                ("r", Decimal(ambang.batas_menengah) - 1),
            ):
                nomor = aturan_talenta.nomor(pr, Decimal(contoh)) or 0
                when.append(f"WHEN {akhir} = %(tk_p{i})s AND pot.tingkat = '{lv}' THEN {int(nomor)}")
        talenta = f"CASE WHEN {akhir} IS NULL OR pot.skor IS NULL THEN 0 {' '.join(when)} ELSE 0 END"
    kin_sql = "\n            ".join(kin_join)

    sql = f"""
        WITH c AS ({kandidat}),
        pot AS (
            SELECT DISTINCT ON (pegawai_id) pegawai_id, skor, {tingkat} AS tingkat,
                   round(%(w_kompetensi)s * skor)::int AS kompetensi
            FROM {T_POTENSIAL}
            WHERE tanggal <= %(tanggal)s AND berlaku_sampai >= %(tanggal)s
            ORDER BY pegawai_id, tanggal DESC, id DESC
        ),
        rw AS (
            SELECT r.pegawai_id,
                   bool_or(lower(r.nama_jabatan) = lower(%(nama_jabatan)s)) AS sama,
                   bool_or(u.opd_id IS NOT DISTINCT FROM %(opd_tujuan)s) AS di_opd
            FROM {T_RIWAYAT} r
            LEFT JOIN {T_JABATAN} rj ON rj.id = r.jabatan_id LEFT JOIN {T_UNIT} u ON u.id = rj.unit_kerja_id
            WHERE upper(r.nama_jabatan) = upper(%(nama_jabatan)s) OR u.opd_id IS NOT DISTINCT FROM %(opd_tujuan)s
            GROUP BY r.pegawai_id
        ),
        pil AS (
            SELECT pm.pegawai_id,
                   max(CASE WHEN pt.jabatan_id = %(jabatan_id)s THEN {pilihan_jabatan}
                            WHEN pt.jabatan_id IS NULL AND pt.unit_kerja_id = %(unit_tujuan)s
                            THEN {pilihan_unit} ELSE 0 END) AS nilai
            FROM {T_PILIHAN} pt JOIN {T_PREFERENSI} pm ON pm.id = pt.preferensi_id
            JOIN {T_PUTARAN} pr ON pr.id = pm.putaran_id
            WHERE NOT pm.tetap AND pr.tanggal_mulai <= %(tanggal)s AND pr.tanggal_selesai >= %(tanggal)s
              AND (pt.jabatan_id = %(jabatan_id)s OR (pt.jabatan_id IS NULL AND pt.unit_kerja_id = %(unit_tujuan)s))
            GROUP BY pm.pegawai_id
        ),
        tetap AS (
            SELECT DISTINCT pm.pegawai_id FROM {T_PREFERENSI} pm JOIN {T_PUTARAN} pr ON pr.id = pm.putaran_id
            WHERE pm.tetap AND pr.tanggal_mulai <= %(tanggal)s AND pr.tanggal_selesai >= %(tanggal)s
        ),
        sy AS (
            SELECT DISTINCT * FROM unnest(%(sy_jenjang)s::text[], %(sy_jurusan)s::text[], %(sy_golongan)s::int[])
                AS s(jenjang, jurusan, golongan_id)
        ),
        gg AS (
            SELECT DISTINCT * FROM unnest(%(gg_status)s::text[], %(gg_jpt)s::bool[], %(gg_bulan)s::int[])
                AS g(status, jpt, bulan)
        ),
        nilai AS (
            SELECT c.id, c.nama, c.nip,
                (sy.jenjang IS NOT NULL
                 AND CASE WHEN c.id = ANY(%(hk_ids)s::int[]) THEN c.id = ANY(%(hk_lulus)s::int[])
                          ELSE gg.status IS NULL END
                 AND NOT (c.tanggal_pensiun IS NOT NULL AND c.tanggal_pensiun <= %(batas_pensiun)s)
                ) AS memenuhi,
                -- points in hundredths, each rounded half-up as nilai.poin does, in integers:
                -- weight × fraction × 100 with the fraction's own denominator
                %(w_pendidikan)s * ({pendidikan})
                + COALESCE(pot.kompetensi, 0)
                + (%(w_kinerja)s * ({kinerja}) * 25 + 1) / 2
                + (200 * %(w_talenta)s * ({talenta}) + 9) / 18
                + %(w_pengalaman)s * (CASE WHEN rw.sama THEN 100
                      WHEN rw.di_opd OR c.opd_id IS NOT DISTINCT FROM %(opd_tujuan)s THEN 50 ELSE 0 END)
                + %(w_keinginan)s * (CASE WHEN tetap.pegawai_id IS NOT NULL
                      THEN CASE WHEN c.jabatan_id = %(jabatan_id)s THEN 100 ELSE 0 END
                      ELSE COALESCE(pil.nilai, 0) END)
                + (200 * %(w_masa_jabatan)s * COALESCE(LEAST(c.bulan, %(penuh)s), 0) + %(penuh)s) / (2 * %(penuh)s)
                AS skor
            FROM c
            {kin_sql}
            LEFT JOIN pot ON pot.pegawai_id = c.id
            LEFT JOIN rw ON rw.pegawai_id = c.id
            LEFT JOIN pil ON pil.pegawai_id = c.id
            LEFT JOIN tetap ON tetap.pegawai_id = c.id
            LEFT JOIN sy ON sy.jenjang = c.jenjang AND sy.jurusan = c.jurusan AND sy.golongan_id = c.golongan_id
            LEFT JOIN gg ON gg.status = c.status AND gg.jpt = c.jpt AND gg.bulan = COALESCE(c.bulan, -1)
        )
        SELECT id, memenuhi, skor FROM nilai
        ORDER BY memenuhi DESC, skor DESC, nama COLLATE "C", nip COLLATE "C"
    """  # noqa: S608
    with connection.cursor() as cur:
        cur.execute(sql, params)
        rows = [(pid, memenuhi, sen / 100) for pid, memenuhi, sen in cur.fetchall()]
    return bobot, rows
