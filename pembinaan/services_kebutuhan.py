"""Development needs (issue 14 point 1): generated set-based for the whole government by a Celery job,
the orientation need of a new position (receiver of pegawai.signals.jabatan_berubah), and needs proposed
by the employee or the atasan.

Sources (CONTRACT `kebutuhan` export, `sumber`), for plan year T:
- kinerja: a FINAL annual predikat of T-1 of Butuh Perbaikan or below → bimbingan/konseling kinerja and a
  training (PermenPANRB 6/2022); a final annual rating perilaku kerja Di Bawah Ekspektasi → a BerAKHLAK
  topic (the values on which the atasan set a specific expectation). Only once T-1 has ended: a year still
  running has no annual predikat.
- kompetensi: each competency the position lists (pegawai.Jabatan.kompetensi, `;`-separated, the same
  list pegawai.syarat checks) that the employee's profile (KompetensiPegawai) lacks (PP 17/2020 Pasal 205).
- jabatan_baru: a position taken up in year T (orientation; a need in the year of its TMT).
- talenta: the 9-box of T-1 (final predikat × potential valid on 31 December) whose follow-up
  (PermenPANRB 3/2020, kinerja.KotakTalenta) asks for bimbingan, konseling or competency development.
- jp: fewer JP in T-1 than the target of the employee's status (PP 17/2020 Pasal 203(4)).
- usulan: proposed by the employee or the atasan (a form; kebutuhan_usulkan).

Every step is ONE `INSERT … SELECT … ON CONFLICT DO NOTHING` on the unique (pegawai, tahun, sumber, kunci):
no per-employee query, and running again adds nothing twice.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from core.history import alasan_bersih, catat_riwayat
from kinerja.models import Predikat
from kinerja.selectors import PREDIKAT_BUTUH_PENGEMBANGAN, PREDIKAT_KE_KINERJA_TALENTA, AturanTalenta
from pegawai.models import Pegawai

from . import permissions, selectors
from .models import Bentuk, GenerasiKebutuhan, KebutuhanPengembangan, SumberKebutuhan

KOLOM = (
    "pegawai_id, tahun, sumber, kunci, topik, uraian, bentuk_saran, status, generasi_id, dibuat_oleh_id, "
    "dibuat, diubah"
)
NILAI = "%(tahun)s, {sumber}, {kunci}, {topik}, {uraian}, {bentuk}, 'terbuka', %(run)s, %(user)s, %(now)s, %(now)s"


def _insert(select_sql: str, **kolom: str) -> str:
    """One step's statement from module constants (every value is a query parameter)."""
    select_sql = select_sql.replace("{PENILAIAN_FINAL}", PENILAIAN_FINAL)
    return (
        f"INSERT INTO pembinaan_kebutuhanpengembangan ({KOLOM})\n"
        f"SELECT x.pegawai_id, {NILAI.format(**kolom)}\n"
        f"FROM ({select_sql}) x\n"
        "ON CONFLICT (pegawai_id, tahun, sumber, kunci) DO NOTHING"
    )


PENILAIAN_FINAL = """
    SELECT p.pegawai_id, p.predikat, p.rating_perilaku_kerja, p.skp_id
    FROM kinerja_penilaian p
    JOIN kinerja_periodekinerja k ON k.id = p.periode_kinerja_id
    JOIN pegawai_pegawai g ON g.id = p.pegawai_id AND g.aktif
    WHERE k.tahun = %(lalu)s AND p.periode = 'tahunan' AND p.status = 'final'
"""

SQL_PREDIKAT = _insert(
    """SELECT n.pegawai_id, n.predikat, s.jenis, s.topik, s.bentuk, s.saran
        FROM ({PENILAIAN_FINAL}) n
        CROSS JOIN (VALUES
            ('bimbingan', 'Bimbingan dan konseling kinerja', 'bimbingan_di_tempat_kerja',
             'Bimbingan dan konseling kinerja oleh atasan (PermenPANRB 6/2022).'),
            ('pelatihan', 'Pelatihan peningkatan kinerja sesuai tugas jabatan', 'pelatihan_teknis',
             'Pelatihan untuk memperbaiki hasil kerja.')
        ) AS s(jenis, topik, bentuk, saran)
        WHERE n.predikat = ANY(%(predikat_lemah)s)""",
    sumber="'kinerja'",
    kunci="'predikat:' || %(lalu)s || ':' || x.jenis",
    topik="x.topik",
    uraian="left('Predikat kinerja tahunan ' || %(lalu)s || ': ' || (%(label)s::jsonb ->> x.predikat) || ' (final). ' || x.saran, 500)",
    bentuk="x.bentuk",
)

SQL_PERILAKU = _insert(
    """SELECT n.pegawai_id, a.aspek
        FROM ({PENILAIAN_FINAL}) n
        LEFT JOIN LATERAL (
            SELECT string_agg(initcap(pk.aspek), ', ' ORDER BY pk.id) AS aspek
            FROM kinerja_perilakukerja pk WHERE pk.skp_id = n.skp_id AND pk.ekspektasi_khusus <> ''
        ) a ON true
        WHERE n.rating_perilaku_kerja = 'di bawah ekspektasi'""",
    sumber="'kinerja'",
    kunci="'perilaku:' || %(lalu)s",
    topik="left('Penguatan nilai dasar BerAKHLAK' || COALESCE(': ' || x.aspek, ''), 200)",
    uraian="left('Rating perilaku kerja tahunan ' || %(lalu)s || ': Di Bawah Ekspektasi (final)' || COALESCE('; ekspektasi khusus atasan pada ' || x.aspek, '') || '.', 500)",
    bentuk="'pelatihan_sosial_kultural'",
)

SQL_KOMPETENSI = _insert(
    """SELECT DISTINCT ON (r.pegawai_id, lower(r.komp)) r.pegawai_id, r.komp, r.jabatan, r.jenis
        FROM (
            SELECT g.id AS pegawai_id, j.nama AS jabatan, j.jenis, btrim(k) AS komp
            FROM pegawai_pegawai g
            JOIN pegawai_jabatan j ON j.id = g.jabatan_id
            CROSS JOIN LATERAL unnest(string_to_array(j.kompetensi, ';')) AS k
            WHERE g.aktif AND j.kompetensi <> ''
        ) r
        WHERE r.komp <> '' AND NOT EXISTS (
            SELECT 1 FROM pembinaan_kompetensipegawai kp
            WHERE kp.pegawai_id = r.pegawai_id AND lower(kp.nama) = lower(r.komp)
        )""",
    sumber="'kompetensi'",
    kunci="'kompetensi:' || left(lower(x.komp), 100)",
    topik="left(x.komp, 200)",
    uraian="left('Jabatan ' || x.jabatan || ' membutuhkan kompetensi ' || x.komp || '; belum tercatat pada profil kompetensi pegawai.', 500)",
    bentuk="CASE WHEN x.jenis = 'fungsional' THEN 'pelatihan_fungsional' ELSE 'pelatihan_teknis' END",
)

SQL_JABATAN_BARU = _insert(
    """SELECT r.pegawai_id, r.id, r.nama_jabatan, r.nama_unit, r.tmt, r.nomor_sk
        FROM pegawai_riwayatjabatan r
        JOIN pegawai_pegawai g ON g.id = r.pegawai_id AND g.aktif
        WHERE r.tmt >= make_date(%(tahun)s, 1, 1) AND r.tmt <= LEAST(make_date(%(tahun)s, 12, 31), %(hari_ini)s)""",
    sumber="'jabatan_baru'",
    kunci="'jabatan:' || x.id",
    topik="left('Orientasi jabatan baru: ' || x.nama_jabatan, 200)",
    uraian="left('Menduduki jabatan ' || x.nama_jabatan || COALESCE(NULLIF(' (' || x.nama_unit || ')', ' ()'), '') || ' TMT ' || to_char(x.tmt, 'DD-MM-YYYY') || COALESCE(NULLIF(' berdasarkan SK ' || x.nomor_sk, ' berdasarkan SK '), '') || '.', 500)",
    bentuk="'bimbingan_di_tempat_kerja'",
)

SQL_TALENTA = _insert(
    """SELECT n.pegawai_id, kt.kotak, kt.rekomendasi, n.kinerja, n.potensial
        FROM (
            SELECT f.pegawai_id, (%(ke_kinerja)s::jsonb ->> f.predikat) AS kinerja,
                   CASE WHEN pot.skor >= %(batas_tinggi)s THEN 'tinggi'
                        WHEN pot.skor >= %(batas_menengah)s THEN 'menengah' ELSE 'rendah' END AS potensial
            FROM ({PENILAIAN_FINAL}) f
            JOIN (
                SELECT DISTINCT ON (pegawai_id) pegawai_id, skor FROM kinerja_penilaianpotensial
                WHERE tanggal <= %(akhir_lalu)s AND berlaku_sampai >= %(akhir_lalu)s
                ORDER BY pegawai_id, tanggal DESC, id DESC
            ) pot ON pot.pegawai_id = f.pegawai_id
        ) n
        JOIN kinerja_kotaktalenta kt
          ON kt.berlaku_mulai = %(kotak_mulai)s AND kt.kinerja = n.kinerja AND kt.potensial = n.potensial
        WHERE kt.kotak = ANY(%(kotak)s)""",
    sumber="'talenta'",
    kunci="'talenta:' || %(lalu)s",
    topik="'Tindak lanjut kotak talenta ' || x.kotak",
    uraian="left('Kotak talenta ' || x.kotak || ' tahun ' || %(lalu)s || ' (kinerja ' || x.kinerja || ', potensial ' || x.potensial || '): ' || x.rekomendasi || ' (PermenPANRB 3/2020).', 500)",
    bentuk="CASE WHEN x.rekomendasi ILIKE '%%bimbingan%%' OR x.rekomendasi ILIKE '%%konseling%%' THEN 'coaching' ELSE 'pelatihan_manajerial' END",
)

SQL_JP = _insert(
    """SELECT g.id AS pegawai_id, COALESCE(r.jp_total, 0) AS jp,
              (%(target)s::jsonb ->> g.status_kepegawaian)::numeric AS target
        FROM pegawai_pegawai g
        LEFT JOIN pembinaan_rekapjp r ON r.pegawai_id = g.id AND r.tahun = %(lalu)s
        WHERE g.aktif AND (g.tmt_cpns IS NULL OR g.tmt_cpns <= %(akhir_lalu)s)
          AND COALESCE(r.jp_total, 0) < (%(target)s::jsonb ->> g.status_kepegawaian)::numeric""",
    sumber="'jp'",
    kunci="'jp:' || %(lalu)s",
    topik="'Pemenuhan JP pengembangan kompetensi'",
    uraian="'JP tahun ' || %(lalu)s || ': ' || trim_scale(x.jp) || ' dari target ' || trim_scale(x.target) || ' JP (kurang ' || trim_scale(x.target - x.jp) || ' JP; PP 17/2020 Pasal 203 ayat (4)).'",
    bentuk="'e_learning'",
)

KATA_PENGEMBANGAN = ("bimbingan", "konseling", "pengembangan kompetensi", "tugas belajar")


def _kotak_pengembangan(aturan: AturanTalenta) -> list[int]:
    """Boxes whose follow-up asks for development (read from the rule data, not hard-coded)."""
    return sorted(
        k.kotak for k in aturan.kotak.values() if any(w in k.rekomendasi.lower() for w in KATA_PENGEMBANGAN)
    )


class Langkah(NamedTuple):
    kode: str
    label: str
    sql: str
    hanya_tahun_selesai: bool  # reads T-1's annual results: only once that year has ended


LANGKAH = [
    Langkah("predikat", "Predikat kinerja tahunan", SQL_PREDIKAT, True),
    Langkah("perilaku", "Perilaku kerja", SQL_PERILAKU, True),
    Langkah("kompetensi", "Kesenjangan kompetensi", SQL_KOMPETENSI, False),
    Langkah("jabatan_baru", "Jabatan baru", SQL_JABATAN_BARU, False),
    Langkah("talenta", "Kotak talenta", SQL_TALENTA, True),
    Langkah("jp", "Kekurangan JP", SQL_JP, True),
]


def _params(tahun: int, *, run_id: int | None, user_id: int | None, hari_ini: dt.date) -> dict:
    lalu = tahun - 1
    akhir_lalu = dt.date(lalu, 12, 31)
    aturan = AturanTalenta.untuk(lalu)
    return {
        "tahun": tahun,
        "lalu": lalu,
        "akhir_lalu": akhir_lalu,
        "hari_ini": hari_ini,
        "run": run_id,
        "user": user_id,
        "now": timezone.now(),
        "predikat_lemah": [str(p) for p in PREDIKAT_BUTUH_PENGEMBANGAN],
        "label": json.dumps({str(v): str(label) for v, label in Predikat.choices}),
        "ke_kinerja": json.dumps({str(k): str(v) for k, v in PREDIKAT_KE_KINERJA_TALENTA.items()}),
        "batas_tinggi": aturan.ambang.batas_tinggi if aturan else None,
        "batas_menengah": aturan.ambang.batas_menengah if aturan else None,
        "kotak_mulai": next(iter(aturan.kotak.values())).berlaku_mulai if aturan else None,
        "kotak": _kotak_pengembangan(aturan) if aturan else [],
        "target": json.dumps(dict(selectors.target_per_status(lalu))),
        "_talenta_ada": aturan is not None,
    }


def kebutuhan_bentuk(
    tahun: int,
    *,
    actor=None,
    generasi: GenerasiKebutuhan | None = None,
    hari_ini: dt.date | None = None,
    setelah_langkah: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Generate the needs of plan year `tahun` for every active employee; returns new rows per step.
    Each step is one statement in its own transaction (a crash keeps the steps done; rerunning adds
    nothing twice)."""
    hari_ini = hari_ini or timezone.localdate()
    params = _params(
        tahun,
        run_id=generasi.pk if generasi else None,
        user_id=actor.pk if getattr(actor, "is_authenticated", False) else None,
        hari_ini=hari_ini,
    )
    tahun_lalu_selesai = params["akhir_lalu"] < hari_ini
    hasil: dict[str, int] = {}
    for langkah in LANGKAH:
        jumlah = 0
        jalan = tahun_lalu_selesai or not langkah.hanya_tahun_selesai
        if langkah.kode == "talenta" and not params["_talenta_ada"]:
            jalan = False
        if jalan:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(langkah.sql, params)
                jumlah = max(cursor.rowcount, 0)
        hasil[langkah.kode] = jumlah
        if setelah_langkah:
            setelah_langkah(langkah.kode, jumlah)
    return hasil


# --- the Celery run -------------------------------------------------------------------------------------


def _enqueue(run_id: int) -> None:
    from .tasks_kebutuhan import kebutuhan_bentuk_task  # call-time: services never import tasks at load

    transaction.on_commit(lambda: kebutuhan_bentuk_task.delay(run_id))


@transaction.atomic
def generasi_mulai(*, actor, tahun: int) -> GenerasiKebutuhan:
    """Queue the generation of the needs of plan year `tahun` (Admin BKD)."""
    if not permissions.can_generate_kebutuhan(actor):
        raise PermissionDenied
    hari_ini = timezone.localdate()
    if not 2000 <= tahun <= hari_ini.year + 1:
        raise ValidationError(
            {"tahun": f"Tahun rencana {tahun} tidak valid (paling jauh {hari_ini.year + 1})."}
        )
    if (
        GenerasiKebutuhan.objects.select_for_update()
        .filter(tahun=tahun, status__in=[GenerasiKebutuhan.Status.ANTRI, GenerasiKebutuhan.Status.BERJALAN])
        .exists()
    ):
        raise ValidationError("Pembentukan kebutuhan tahun ini sedang berjalan.")
    run = GenerasiKebutuhan(tahun=tahun, dijalankan_oleh=actor, total_langkah=len(LANGKAH))
    catat_riwayat(run, actor=actor, alasan=f"Pembentukan kebutuhan {tahun} dijalankan")
    run.save()
    _enqueue(run.pk)
    return run


def generasi_jalankan(run_id: int) -> GenerasiKebutuhan:
    """The task's body: run every step, updating the progress after each."""
    run = GenerasiKebutuhan.objects.select_related("dijalankan_oleh").get(pk=run_id)
    GenerasiKebutuhan.objects.filter(pk=run.pk).update(
        status=GenerasiKebutuhan.Status.BERJALAN, mulai=timezone.now(), langkah_selesai=0, rincian={}
    )
    rincian: dict[str, int] = {}

    def maju(kode: str, jumlah: int) -> None:
        rincian[kode] = jumlah
        GenerasiKebutuhan.objects.filter(pk=run.pk).update(
            langkah_selesai=F("langkah_selesai") + 1, rincian=dict(rincian)
        )

    try:
        kebutuhan_bentuk(run.tahun, actor=run.dijalankan_oleh, generasi=run, setelah_langkah=maju)
    except Exception as exc:
        GenerasiKebutuhan.objects.filter(pk=run.pk).update(
            status=GenerasiKebutuhan.Status.GAGAL, pesan_galat=str(exc)[:2000]
        )
        raise
    with transaction.atomic():
        run = GenerasiKebutuhan.objects.select_for_update().get(pk=run.pk)
        run.status = GenerasiKebutuhan.Status.SELESAI
        run.selesai = timezone.now()
        run.jumlah_baru = sum(rincian.values())
        catat_riwayat(
            run, actor=run.dijalankan_oleh, alasan=f"Pembentukan selesai: {run.jumlah_baru} kebutuhan baru"
        )
        run.save()
    return run


# --- new position (receiver of pegawai.signals.jabatan_berubah) -----------------------------------------


class JabatanBaru(NamedTuple):
    pegawai_id: int
    riwayat_id: int
    nama_jabatan: str
    nama_unit: str
    tmt: dt.date
    nomor_sk: str


def orientasi_jabatan_baru(perpindahan: Iterable[JabatanBaru], *, actor=None) -> int:
    """One orientation need per move, in the year of its TMT (same key as the generation's sweep, so the
    two never double). Takes a list: one statement for a whole collective decree."""
    baru = [
        KebutuhanPengembangan(
            pegawai_id=p.pegawai_id,
            tahun=p.tmt.year,
            sumber=SumberKebutuhan.JABATAN_BARU,
            kunci=f"jabatan:{p.riwayat_id}",
            topik=f"Orientasi jabatan baru: {p.nama_jabatan}"[:200],
            uraian=(
                f"Menduduki jabatan {p.nama_jabatan}{f' ({p.nama_unit})' if p.nama_unit else ''} "
                f"TMT {p.tmt:%d-%m-%Y}{f' berdasarkan SK {p.nomor_sk}' if p.nomor_sk else ''}."
            )[:500],
            bentuk_saran=Bentuk.BIMBINGAN_DI_TEMPAT_KERJA,
            dibuat_oleh=actor if getattr(actor, "is_authenticated", False) else None,
        )
        for p in perpindahan
    ]
    if not baru:
        return 0
    return len(KebutuhanPengembangan.objects.bulk_create(baru, ignore_conflicts=True))


def _jabatan_baru(*, pegawai, jabatan_baru, unit_baru, tmt, nomor_sk, riwayat, **kwargs) -> JabatanBaru:
    return JabatanBaru(
        pegawai_id=pegawai.pk,
        riwayat_id=riwayat.pk,
        nama_jabatan=jabatan_baru.nama,
        nama_unit=unit_baru.nama if unit_baru else "",
        tmt=tmt,
        nomor_sk=nomor_sk or "",
    )


def on_jabatan_berubah_massal(sender, *, perpindahan: list[dict], actor=None, **kwargs) -> None:
    """Receiver of pegawai.signals.jabatan_berubah_massal (every move, any source — a collective SK on its
    TMT, import_mutasi, one move alike): one statement for all the moves."""
    orientasi_jabatan_baru([_jabatan_baru(**m) for m in perpindahan], actor=actor)


# --- proposed needs -------------------------------------------------------------------------------------


def kebutuhan_usulkan(
    *, actor, pegawai: Pegawai, tahun: int, topik: str, uraian: str, bentuk_saran: str = ""
) -> KebutuhanPengembangan:
    """The employee (for themselves) or their atasan proposes a need."""
    if not permissions.can_propose_kebutuhan(actor, pegawai):
        raise PermissionDenied
    errors: dict[str, str] = {}
    topik = (topik or "").strip()
    if not topik:
        errors["topik"] = "Topik wajib diisi."
    elif len(topik) > 200:
        errors["topik"] = f"Topik paling panjang 200 karakter (sekarang {len(topik)})."
    try:
        uraian = alasan_bersih(uraian, field="uraian", label="Uraian")
    except ValidationError as exc:
        errors["uraian"] = exc.message_dict["uraian"][0]
    else:
        if not uraian:
            errors["uraian"] = "Uraian (alasan kebutuhan) wajib diisi."
    if bentuk_saran and bentuk_saran not in Bentuk.values:
        errors["bentuk_saran"] = f"Bentuk '{bentuk_saran}' tidak dikenal (Peraturan LAN 10/2018)."
    hari_ini = timezone.localdate()
    if not hari_ini.year <= tahun <= hari_ini.year + 1:
        errors["tahun"] = f"Tahun rencana harus {hari_ini.year} atau {hari_ini.year + 1}."
    if errors:
        raise ValidationError(errors)
    pengusul = "pegawai" if pegawai.user_id == actor.pk else "atasan"
    obj = KebutuhanPengembangan(
        pegawai=pegawai,
        tahun=tahun,
        sumber=SumberKebutuhan.USULAN,
        kunci=f"usulan:{timezone.now():%Y%m%d%H%M%S%f}:{actor.pk}",
        topik=topik,
        uraian=uraian,
        bentuk_saran=bentuk_saran,
        dibuat_oleh=actor,
    )
    catat_riwayat(obj, actor=actor, alasan=f"Kebutuhan diusulkan oleh {pengusul}")
    obj.save()
    return obj
