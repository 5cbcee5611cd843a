"""Every write of pembinaan: the ledger (claims, verification, activities from other sources) and the
yearly JP recap it feeds. Each takes `actor` and records history (core.history)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from core.history import alasan_bersih, catat_riwayat
from core.uploads import BUKTI_EKSTENSI, upload_check
from core.workflow import transition
from pegawai.models import Pegawai

from . import selectors
from .aturan import JPTidakDapatDihitung, hitung_jp
from .models import Bentuk, KegiatanPengembangan, jalur_bentuk

BUKTI_MAKS_BYTES = 5 * 1024 * 1024


def periksa_kegiatan(
    *,
    bentuk: str,
    tanggal_mulai: dt.date | None,
    tanggal_selesai: dt.date | None,
    jp_tertera: Decimal | None,
    durasi_menit: int | None,
    jumlah_sesi: int | None = None,
    index=None,
    hari_ini: dt.date | None = None,
):
    """Check one activity's values; return (errors [(field, message)], jp credited, rule used).
    Shared by the services and the importer, so a bad value reads the same everywhere."""
    errors: list[tuple[str, str]] = []
    if bentuk not in Bentuk.values:
        errors.append(("bentuk", f"bentuk '{bentuk}' tidak dikenal (Peraturan LAN 10/2018)."))
    if tanggal_mulai and tanggal_selesai and tanggal_selesai < tanggal_mulai:
        errors.append(("tanggal_selesai", "tanggal selesai tidak boleh sebelum tanggal mulai."))
    hari_ini = hari_ini or timezone.localdate()
    if tanggal_selesai and tanggal_selesai > hari_ini:
        errors.append(
            ("tanggal_selesai", "kegiatan yang dicatat harus sudah selesai (tanggal selesai di masa depan).")
        )
    if jp_tertera is None and durasi_menit is None:
        errors.append(("jp", "isi JP (tertera pada sertifikat) atau durasi (menit)."))
    if jp_tertera is not None and not Decimal(0) <= jp_tertera <= Decimal(9999):
        errors.append(("jp", "JP harus antara 0 dan 9999."))
    if errors:
        return errors, None, None
    index = selectors.aturan_index() if index is None else index
    aturan = selectors.aturan_berlaku(index, bentuk, tanggal_selesai)
    if aturan is None:
        return (
            [("bentuk", f"belum ada aturan JP untuk bentuk '{bentuk}' pada {tanggal_selesai:%d-%m-%Y}.")],
            None,
            None,
        )
    try:
        jp = hitung_jp(
            aturan,
            jp_tertera=jp_tertera,
            durasi_menit=durasi_menit,
            tanggal_mulai=tanggal_mulai,
            tanggal_selesai=tanggal_selesai,
            jumlah_sesi=jumlah_sesi,
        )
    except JPTidakDapatDihitung as exc:
        return [(exc.field, exc.pesan)], None, None
    return [], jp, aturan


def _kesalahan(errors: list[tuple[str, str]]) -> ValidationError:
    pesan: dict[str, list[str]] = {}
    for field, text in errors:
        pesan.setdefault(field, []).append(text[0].upper() + text[1:])
    return ValidationError(pesan)


def _sertifikat_dipakai(nomor: str, *, kecuali: int | None = None) -> bool:
    qs = KegiatanPengembangan.objects.filter(nomor_sertifikat=nomor).exclude(
        status=KegiatanPengembangan.Status.DITOLAK
    )
    if kecuali:
        qs = qs.exclude(pk=kecuali)
    return bool(nomor) and qs.exists()


def _buat(*, actor, pegawai: Pegawai, sumber: str, status: str, data: dict, bukti=None, alasan: str):
    nama = (data.get("nama_pelatihan") or "").strip()
    errors: list[tuple[str, str]] = []
    if not nama:
        errors.append(("nama_pelatihan", "nama pelatihan wajib diisi."))
    elif len(nama) > 300:
        errors.append(("nama_pelatihan", "nama pelatihan paling panjang 300 karakter."))
    if not data.get("tanggal_mulai"):
        errors.append(("tanggal_mulai", "tanggal mulai wajib diisi."))
    if not data.get("tanggal_selesai"):
        errors.append(("tanggal_selesai", "tanggal selesai wajib diisi."))
    salah, jp, aturan = periksa_kegiatan(
        bentuk=data.get("bentuk") or "",
        tanggal_mulai=data.get("tanggal_mulai"),
        tanggal_selesai=data.get("tanggal_selesai"),
        jp_tertera=data.get("jp_tertera"),
        durasi_menit=data.get("durasi_menit"),
        jumlah_sesi=data.get("jumlah_sesi"),
    )
    errors += salah
    nomor = (data.get("nomor_sertifikat") or "").strip()
    if len(nomor) > 100:
        errors.append(("nomor_sertifikat", "nomor sertifikat paling panjang 100 karakter."))
    elif _sertifikat_dipakai(nomor):
        errors.append(("nomor_sertifikat", f"nomor sertifikat {nomor} sudah dipakai kegiatan lain."))
    penyelenggara = (data.get("penyelenggara") or "").strip()
    if len(penyelenggara) > 200:
        errors.append(("penyelenggara", "penyelenggara paling panjang 200 karakter."))
    catatan = data.get("catatan") or ""
    try:
        catatan = alasan_bersih(catatan, field="catatan", label="Catatan")
    except ValidationError as exc:
        errors.append(("catatan", exc.message_dict["catatan"][0]))
    if (
        nama
        and data.get("tanggal_mulai")
        and KegiatanPengembangan.objects.filter(
            pegawai=pegawai, nama_pelatihan=nama, tanggal_mulai=data["tanggal_mulai"]
        ).exists()
    ):
        errors.append(("nama_pelatihan", "kegiatan dengan nama dan tanggal mulai yang sama sudah tercatat."))
    if (
        aturan is not None
        and aturan.wajib_bukti
        and sumber == KegiatanPengembangan.Sumber.KLAIM
        and not bukti
    ):
        errors.append(("bukti", "unggah bukti (sertifikat) kegiatan ini."))
    if bukti:
        try:
            upload_check(bukti, allowed=BUKTI_EKSTENSI, max_bytes=BUKTI_MAKS_BYTES, field="bukti")
        except ValidationError as exc:
            errors.append(("bukti", exc.message_dict["bukti"][0]))
    if errors:
        raise _kesalahan(errors)
    obj = KegiatanPengembangan(
        pegawai=pegawai,
        nama_pelatihan=nama,
        bentuk=data["bentuk"],
        jalur=jalur_bentuk(data["bentuk"]),
        program=data.get("program"),
        penyelenggara=penyelenggara,
        jenis_penyelenggara=data.get("jenis_penyelenggara") or "",
        tanggal_mulai=data["tanggal_mulai"],
        tanggal_selesai=data["tanggal_selesai"],
        tahun=data["tanggal_selesai"].year,
        jp_tertera=data.get("jp_tertera"),
        durasi_menit=data.get("durasi_menit"),
        jumlah_sesi=data.get("jumlah_sesi"),
        nomor_sertifikat=nomor,
        sumber=sumber,
        status=status,
        jp_diakui=jp,
        aturan=aturan,
        catatan=catatan,
        diajukan_oleh=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if bukti:
        obj.bukti = bukti
    with transaction.atomic():
        catat_riwayat(obj, actor=actor, alasan=alasan)
        obj.save()
        rekap_hitung_ulang([(pegawai.pk, obj.tahun)])
    return obj


def klaim_ajukan(*, actor, pegawai: Pegawai, data: dict, bukti=None) -> KegiatanPengembangan:
    """An employee claims an external activity with its evidence; it counts once verified."""
    return _buat(
        actor=actor,
        pegawai=pegawai,
        sumber=KegiatanPengembangan.Sumber.KLAIM,
        status=KegiatanPengembangan.Status.DIAJUKAN,
        data=data,
        bukti=bukti,
        alasan="Klaim kegiatan pengembangan diajukan",
    )


def kegiatan_catat(*, actor, pegawai: Pegawai, sumber: str, data: dict, bukti=None) -> KegiatanPengembangan:
    """An activity completed through the BKD's own channels (an event, e-learning): credited at once."""
    return _buat(
        actor=actor,
        pegawai=pegawai,
        sumber=sumber,
        status=KegiatanPengembangan.Status.DIVERIFIKASI,
        data=data,
        bukti=bukti,
        alasan=f"Kegiatan pengembangan dicatat ({sumber})",
    )


def klaim_verifikasi(*, actor, kegiatan: KegiatanPengembangan, catatan: str = "") -> KegiatanPengembangan:
    catatan = alasan_bersih(catatan, field="catatan", label="Catatan")
    with transaction.atomic():
        kegiatan = KegiatanPengembangan.objects.select_for_update().get(pk=kegiatan.pk)
        transition(kegiatan, KegiatanPengembangan.Status.DIVERIFIKASI)
        kegiatan.diverifikasi_oleh = actor
        if catatan:
            kegiatan.catatan = catatan
        catat_riwayat(kegiatan, actor=actor, alasan=catatan or "Klaim diverifikasi")
        kegiatan.save()
        rekap_hitung_ulang([(kegiatan.pegawai_id, kegiatan.tahun)])
    return kegiatan


def klaim_tolak(*, actor, kegiatan: KegiatanPengembangan, alasan: str) -> KegiatanPengembangan:
    alasan = alasan_bersih(alasan, field="alasan", label="Alasan")
    if not alasan:
        raise ValidationError({"alasan": "Alasan penolakan wajib diisi."})
    with transaction.atomic():
        kegiatan = KegiatanPengembangan.objects.select_for_update().get(pk=kegiatan.pk)
        transition(kegiatan, KegiatanPengembangan.Status.DITOLAK)
        kegiatan.diverifikasi_oleh = actor
        kegiatan.catatan = alasan
        catat_riwayat(kegiatan, actor=actor, alasan=alasan)
        kegiatan.save()
        rekap_hitung_ulang([(kegiatan.pegawai_id, kegiatan.tahun)])
    return kegiatan


HAPUS_REKAP_SQL = """
DELETE FROM pembinaan_rekapjp r USING unnest(%s::int[], %s::int[]) AS x(pid, th)
WHERE r.pegawai_id = x.pid AND r.tahun = x.th
"""

REKAP_SQL = """
WITH x AS (SELECT DISTINCT * FROM unnest(%s::int[], %s::int[]) AS x(pid, th)),
per_bentuk AS (
    SELECT k.pegawai_id, k.tahun, k.jalur,
           LEAST(SUM(k.jp_diakui), COALESCE(MIN(a.maks_per_tahun), SUM(k.jp_diakui))) AS jp
    FROM pembinaan_kegiatanpengembangan k
    JOIN x ON k.pegawai_id = x.pid AND k.tahun = x.th
    LEFT JOIN pembinaan_aturanjp a ON a.id = k.aturan_id
    WHERE k.status = 'diverifikasi'
    GROUP BY k.pegawai_id, k.tahun, k.jalur, k.bentuk
)
INSERT INTO pembinaan_rekapjp (pegawai_id, tahun, jp_klasikal, jp_nonklasikal, jp_total)
SELECT pegawai_id, tahun,
       COALESCE(SUM(jp) FILTER (WHERE jalur = 'klasikal'), 0),
       COALESCE(SUM(jp) FILTER (WHERE jalur = 'nonklasikal'), 0),
       SUM(jp)
FROM per_bentuk GROUP BY pegawai_id, tahun
"""


def rekap_hitung_ulang(pasangan: Iterable[tuple[int, int]]) -> None:
    """Rewrite the yearly recap of these (employee, year) pairs from the verified ledger, set-based:
    JP per form capped at the rule's yearly maximum, summed per route. Two statements for any number."""
    pasangan = set(pasangan)
    if not pasangan:
        return
    pids = [p for p, _ in pasangan]
    tahun = [t for _, t in pasangan]
    with connection.cursor() as cursor:
        cursor.execute(HAPUS_REKAP_SQL, [pids, tahun])
        cursor.execute(REKAP_SQL, [pids, tahun])
