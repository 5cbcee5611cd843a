"""Writes of the decrees: issue an SK mutasi (individual or collective), cancel it, record the SPMT, and
apply the moves whose TMT has come (the beat task and import_mutasi go the same path).

Numbers come from core.penomoran inside the issuing transaction (gap-free: a rollback takes the number
back); a cancelled SK keeps its number, marked cancelled, and its prints verify as cancelled.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.bulk import update_dengan_riwayat
from core.dates import format_tanggal
from core.documents import dokumen_register, dokumen_revoke
from core.history import catat_riwayat
from core.penomoran import batalkan_nomor, terbitkan_nomor
from pegawai.models import Pegawai, Penandatangan
from pegawai.selectors import penandatangan_for
from pegawai.services_perpindahan import Keluar, Perpindahan, pegawai_keluar_bulk, perpindahan_apply_bulk

from .. import dokumen, permissions
from ..models import JenisUsulan, PegawaiSKMutasi, SKMutasi, UsulanMutasi
from ._common import require, teks_pendek, teks_wajib

logger = logging.getLogger(__name__)

S = UsulanMutasi.Status
I = PegawaiSKMutasi.Status  # noqa: E741

TEKS_MAKS = 5000  # Menimbang, Mengingat, Memperhatikan, Tembusan: printed text, not history reasons


def _nama_aktor(actor) -> str:
    if actor is None:
        return ""
    return actor.get_full_name() or actor.username


def _pangkat(pegawai: Pegawai) -> str:
    g = pegawai.golongan
    if g is None:
        return ""
    return f"{g.pangkat} ({g.kode})" if g.pangkat else g.kode


def _item_dari_usulan(sk: SKMutasi, urutan: int, u: UsulanMutasi) -> PegawaiSKMutasi:
    p = u.pegawai
    assert p is not None
    tujuan = u.jabatan_tujuan
    return PegawaiSKMutasi(
        sk=sk,
        urutan=urutan,
        usulan=u,
        pegawai=p,
        jenis=u.jenis,
        nama=p.nama_lengkap[:200],
        nip=p.nip,
        pangkat=_pangkat(p),
        jabatan_asal=u.jabatan_asal or p.jabatan,
        nama_jabatan_asal=(u.nama_jabatan_asal or (p.jabatan.nama if p.jabatan_id else ""))[:200],
        nama_unit_asal=(u.nama_unit_asal or (p.unit_kerja.nama if p.unit_kerja_id else ""))[:200],
        opd_asal_id=u.opd_asal_id or p.opd_id,
        jabatan_tujuan=tujuan,
        nama_jabatan_tujuan=tujuan.nama if tujuan else (u.jabatan_instansi_lain or "")[:200],
        nama_unit_tujuan=tujuan.unit_kerja.nama if tujuan else "",
        opd_tujuan_id=(tujuan.unit_kerja.opd_id or tujuan.unit_kerja_id) if tujuan else None,
        instansi=u.instansi,
        nomor_pertek=u.pertek_nomor,
        tanggal_pertek=u.pertek_tanggal,
        tmt=u.tmt_rencana,
    )


def _periksa_usulan(usulan_list: list[UsulanMutasi]) -> None:
    """Only approved proposals go into an SK; each refusal names the proposal."""
    if not usulan_list:
        raise ValidationError({"usulan": "Pilih paling sedikit satu usulan mutasi yang sudah disetujui PPK."})
    errors = []
    for u in usulan_list:
        siapa = f"Usulan mutasi {u.nama_tampil} (NIP {u.nip_tampil or '-'}, no. {u.pk})"
        if u.status != S.DISETUJUI:
            errors.append(
                f"{siapa} berstatus {u.get_status_display()}; hanya usulan yang sudah disetujui PPK "
                "yang dapat dimasukkan ke SK."
            )
        elif u.pegawai is None:
            errors.append(f"{siapa}: data pegawai belum ada di aplikasi; catat pegawai terlebih dahulu.")
        elif not u.pegawai.aktif:
            errors.append(f"{siapa}: pegawai tidak aktif.")
    if errors:
        raise ValidationError({"usulan": errors})


@transaction.atomic
def sk_mutasi_issue(
    *,
    actor,
    usulan_list: list[UsulanMutasi],
    tanggal: dt.date,
    tentang: str = "",
    menimbang: str = "",
    mengingat: str = "",
    memperhatikan: str | None = None,
    tembusan: str = "",
) -> SKMutasi:
    """Issue one SK for the approved proposals given (one: an individual SK; several: collective, with a
    lampiran and one petikan each). The proposals move to sk_terbit; the number is taken last."""
    require(permissions.can_issue_sk_mutasi(actor))
    if not isinstance(tanggal, dt.date):
        raise ValidationError({"tanggal": "Tanggal SK wajib diisi."})
    if tanggal > timezone.localdate():
        raise ValidationError({"tanggal": f"Tanggal SK {format_tanggal(tanggal)} belum tiba."})
    ids = sorted({u.pk for u in usulan_list})
    terkunci = list(
        UsulanMutasi.objects.select_for_update(of=("self",))
        .select_related(
            "pegawai",
            "pegawai__golongan",
            "pegawai__jabatan",
            "pegawai__unit_kerja",
            "jabatan_asal",
            "jabatan_tujuan",
            "jabatan_tujuan__unit_kerja",
        )
        .prefetch_related("rekomendasi_tpk__sidang")
        .filter(pk__in=ids)
        .order_by("tmt_rencana", "pegawai__nama", "id")
    )
    _periksa_usulan(terkunci)
    if memperhatikan is None:
        memperhatikan = dokumen.memperhatikan_untuk(terkunci)
    sk = SKMutasi(
        nomor="",
        tanggal=tanggal,
        sumber=SKMutasi.Sumber.APLIKASI,
        tentang=teks_pendek(tentang or dokumen.TENTANG_BAWAAN, field="tentang", label="Tentang", panjang=300),
        menimbang=teks_pendek(menimbang, field="menimbang", label="Menimbang", panjang=TEKS_MAKS),
        mengingat=teks_pendek(mengingat, field="mengingat", label="Mengingat", panjang=TEKS_MAKS),
        memperhatikan=teks_pendek(
            memperhatikan, field="memperhatikan", label="Memperhatikan", panjang=TEKS_MAKS
        ),
        tembusan=teks_pendek(tembusan, field="tembusan", label="Tembusan", panjang=TEKS_MAKS),
        pejabat_penetap=dokumen.kepala_daerah()[:200],
        penandatangan=penandatangan_for(Penandatangan.Peran.PPK, None, tanggal),
        diterbitkan_oleh=actor,
    )
    if not sk.menimbang or not sk.mengingat:
        raise ValidationError("Menimbang dan Mengingat wajib diisi.")
    # The number last: the register row stays locked until this transaction commits.
    sk.save()
    nomor = terbitkan_nomor(jenis="sk_mutasi", tanggal=tanggal, actor=actor, sumber=f"mutasi.sk:{sk.pk}")
    sk.nomor = nomor.nomor
    sk.nomor_dokumen = nomor
    items = [_item_dari_usulan(sk, i, u) for i, u in enumerate(terkunci, start=1)]
    nama = _nama_aktor(actor)
    sk_dok = dokumen_register(
        jenis=dokumen.JENIS_SK,
        judul=f"SK mutasi {sk.nomor}",
        fakta=dokumen.fakta_sk(sk, items),
        actor_name=nama,
        sumber=sk.sumber_dokumen,
    )
    sk.kode_verifikasi = sk_dok.kode
    catat_riwayat(sk, actor=actor, alasan=f"SK mutasi {sk.nomor} diterbitkan untuk {len(items)} pegawai")
    sk.save(update_fields=["nomor", "nomor_dokumen", "kode_verifikasi", "diubah"])
    for item in items:
        catat_riwayat(item, actor=actor, alasan=f"Dalam SK mutasi {sk.nomor}")
        item.save()
        petikan = dokumen_register(
            jenis=dokumen.JENIS_PETIKAN,
            judul=f"Petikan SK mutasi {sk.nomor} — {item.nama}",
            fakta=dokumen.fakta_item(sk, item),
            actor_name=nama,
            sumber=item.sumber_petikan,
        )
        item.kode_petikan = petikan.kode
        item.save(update_fields=["kode_petikan", "diubah"])
    for u in terkunci:
        u.transition_to(S.SK_TERBIT)
        u.catatan_status = f"SK {sk.nomor}"
        catat_riwayat(u, actor=actor, alasan=f"SK mutasi {sk.nomor} tanggal {format_tanggal(tanggal)} terbit")
        u.save(update_fields=["status", "catatan_status", "diubah"])
    if any(item.tmt <= timezone.localdate() for item in items):
        _jadwalkan_penerapan()
    return sk


def _jadwalkan_penerapan() -> None:
    """A TMT already passed takes effect at once: queue the apply task after commit."""

    def kirim() -> None:
        from ..tasks import mutasi_apply_due_task

        try:
            mutasi_apply_due_task.delay()
        except Exception:  # broker down: the nightly run catches up (the task is idempotent)
            logger.warning("Tugas penerapan mutasi tidak dapat diantrekan; diterapkan pada jadwal malam.")

    transaction.on_commit(kirim)


@transaction.atomic
def sk_mutasi_cancel(*, actor, sk: SKMutasi, alasan: str) -> SKMutasi:
    """Cancel an SK whose moves have not taken effect: the number stays in the register marked cancelled,
    the prints verify as cancelled, the proposals return to disetujui (a new SK may carry them)."""
    sk = SKMutasi.objects.select_for_update().get(pk=sk.pk)
    require(permissions.can_cancel_sk_mutasi(actor, sk))
    alasan = teks_wajib(alasan, field="alasan", label="Alasan pembatalan")
    items = list(PegawaiSKMutasi.objects.select_for_update().filter(sk=sk).order_by("urutan"))
    berlaku = [i for i in items if i.status == I.BERLAKU]
    if berlaku:
        raise ValidationError(
            {
                "alasan": "SK ini sudah berlaku untuk "
                + ", ".join(f"{i.nama} (NIP {i.nip}, TMT {format_tanggal(i.tmt)})" for i in berlaku)
                + "; SK yang sudah berlaku tidak dapat dibatalkan. Terbitkan SK baru untuk memindahkan kembali."
            }
        )
    sk.transition_to(SKMutasi.Status.DIBATALKAN)
    sk.dibatalkan_oleh = actor
    sk.dibatalkan_pada = timezone.now()
    sk.alasan_batal = alasan
    catat_riwayat(sk, actor=actor, alasan=f"Dibatalkan: {alasan}")
    sk.save(update_fields=["status", "dibatalkan_oleh", "dibatalkan_pada", "alasan_batal", "diubah"])
    usulan_ids = []
    for item in items:
        item.transition_to(I.BATAL)
        catat_riwayat(item, actor=actor, alasan=f"SK {sk.nomor} dibatalkan: {alasan}")
        item.save(update_fields=["status", "diubah"])
        if item.nomor_spmt_dokumen is not None:
            batalkan_nomor(
                item.nomor_spmt_dokumen, actor=actor, alasan=f"SK {sk.nomor} dibatalkan: {alasan}"[:500]
            )
        if item.usulan_id:
            usulan_ids.append(item.usulan_id)
    for u in UsulanMutasi.objects.select_for_update().filter(pk__in=usulan_ids, status=S.SK_TERBIT):
        u.transition_to(S.DISETUJUI)
        u.catatan_status = f"SK {sk.nomor} dibatalkan: {alasan}"[:500]
        catat_riwayat(u, actor=actor, alasan=f"SK mutasi {sk.nomor} dibatalkan: {alasan}")
        u.save(update_fields=["status", "catatan_status", "diubah"])
    if sk.nomor_dokumen is not None:
        batalkan_nomor(sk.nomor_dokumen, actor=actor, alasan=alasan)
    dokumen_revoke(sumber_prefix=sk.sumber_dokumen, alasan=f"SK dibatalkan: {alasan}")
    return sk


@transaction.atomic
def spmt_record(*, actor, item: PegawaiSKMutasi, tanggal_spmt: dt.date) -> PegawaiSKMutasi:
    """Record the date the employee actually started at the new unit; the SPMT gets its number (kind
    spmt) the first time. A later correction of the date keeps the number."""
    item = PegawaiSKMutasi.objects.select_for_update().select_related("sk").get(pk=item.pk)
    require(permissions.can_record_spmt(actor, item))
    if not isinstance(tanggal_spmt, dt.date):
        raise ValidationError({"tanggal_spmt": "Tanggal mulai melaksanakan tugas wajib diisi."})
    if tanggal_spmt > timezone.localdate():
        raise ValidationError({"tanggal_spmt": f"Tanggal {format_tanggal(tanggal_spmt)} belum tiba."})
    if tanggal_spmt < item.sk.tanggal:
        raise ValidationError(
            {
                "tanggal_spmt": f"Tanggal SPMT tidak boleh sebelum tanggal SK ({format_tanggal(item.sk.tanggal)})."
            }
        )
    if tanggal_spmt < item.tmt:
        raise ValidationError(
            {"tanggal_spmt": f"Tanggal SPMT tidak boleh sebelum TMT mutasi ({format_tanggal(item.tmt)})."}
        )
    item.tanggal_spmt = tanggal_spmt
    item.spmt_dicatat_oleh = actor
    fields = ["tanggal_spmt", "spmt_dicatat_oleh", "diubah"]
    if not item.nomor_spmt_dokumen_id:
        nomor = terbitkan_nomor(jenis="spmt", tanggal=tanggal_spmt, actor=actor, sumber=item.sumber_spmt)
        item.nomor_spmt = nomor.nomor
        item.nomor_spmt_dokumen = nomor
        dok = dokumen_register(
            jenis=dokumen.JENIS_SPMT,
            judul=f"SPMT {nomor.nomor} — {item.nama}",
            fakta={**dokumen.fakta_item(item.sk, item), "Nomor SPMT": nomor.nomor},
            actor_name=_nama_aktor(actor),
            sumber=item.sumber_spmt,
        )
        item.kode_spmt = dok.kode
        fields += ["nomor_spmt", "nomor_spmt_dokumen", "kode_spmt"]
    catat_riwayat(item, actor=actor, alasan=f"SPMT: mulai melaksanakan tugas {format_tanggal(tanggal_spmt)}")
    item.save(update_fields=fields)
    return item


# --- taking effect on the TMT ---------------------------------------------------------------------------


def _terapkan(items: list[PegawaiSKMutasi], *, actor, sumber: str) -> int:
    """Apply the moves of one SK (inside the caller's transaction): the record follows the decree through
    pegawai.services_perpindahan (a move within the government: the new post; a move out to another
    government: the employee leaves, aktif=False); the rows and their proposals become berlaku. In bulk:
    a fixed number of statements whatever the number of rows."""
    sk = items[0].sk
    pindah = [
        Perpindahan(
            pegawai=item.pegawai,
            jabatan_baru=item.jabatan_tujuan,
            tmt=item.tmt,
            nomor_sk=sk.nomor,
            tanggal_sk=sk.tanggal,
            alasan=f"SK mutasi {sk.nomor}",
        )
        for item in items
        if item.jabatan_tujuan is not None
    ]
    if pindah:
        perpindahan_apply_bulk(actor=actor, daftar=pindah, sumber=sumber)
    keluar = [
        Keluar(
            pegawai=item.pegawai,
            tmt=item.tmt,
            nomor_sk=sk.nomor,
            tanggal_sk=sk.tanggal,
            instansi=item.instansi,
        )
        for item in items
        if item.jenis == JenisUsulan.KELUAR and item.jabatan_tujuan is None
    ]
    if keluar:
        pegawai_keluar_bulk(actor=actor, daftar=keluar, sumber=sumber)
    now = timezone.now()
    usulan_ids = []
    for item in items:
        item.transition_to(I.BERLAKU)
        item.diterapkan_pada = now
        item.diubah = now
        catat_riwayat(item, actor=actor, alasan=f"Berlaku TMT {format_tanggal(item.tmt)}")
        if item.usulan_id:
            usulan_ids.append(item.usulan_id)
    update_dengan_riwayat(items, PegawaiSKMutasi, ["status", "diterapkan_pada", "diubah"], batch_size=1000)
    usulan = list(UsulanMutasi.objects.select_for_update().filter(pk__in=usulan_ids, status=S.SK_TERBIT))
    for u in usulan:
        u.transition_to(S.BERLAKU)
        u.diubah = now
        catat_riwayat(
            u, actor=actor, alasan=f"Mutasi berlaku TMT {format_tanggal(u.tmt_rencana)} (SK {sk.nomor})"
        )
    if usulan:
        update_dengan_riwayat(usulan, UsulanMutasi, ["status", "diubah"], batch_size=1000)
    return len(items)


def terapkan_jatuh_tempo(item_ids: list[int], *, actor, sumber: str) -> int:
    """Apply at once, inside the caller's transaction, the given rows whose TMT has come (import_mutasi:
    all or nothing with the import). A refusal raises ValidationError naming the NIP."""
    hari_ini = timezone.localdate()
    items = list(
        PegawaiSKMutasi.objects.select_for_update(of=("self",))
        .select_related("sk", "pegawai", "jabatan_tujuan")
        .filter(pk__in=item_ids, status=I.MENUNGGU_TMT, sk__status=SKMutasi.Status.TERBIT, tmt__lte=hari_ini)
        .order_by("tmt", "sk_id", "urutan")
    )
    per_sk: dict[int, list[PegawaiSKMutasi]] = defaultdict(list)
    for item in items:
        per_sk[item.sk_id].append(item)
    return sum(_terapkan(daftar, actor=actor, sumber=sumber) for daftar in per_sk.values())


def mutasi_apply_due(*, hari_ini: dt.date | None = None, actor=None) -> dict[str, int]:
    """Apply every move of an issued SK whose TMT is on or before today (idempotent: a row applied is
    berlaku and never picked again; perpindahan_apply itself ignores a decree applied before). One
    transaction per SK, so one refused move (e.g. the employee retired meanwhile) holds back only its
    SK, which is logged and retried on the next run. The actor is the SK's issuer (the officer who
    decided it), or `actor` for an imported SK."""
    hari_ini = hari_ini or timezone.localdate()
    from ..selectors_sk import pindah_jatuh_tempo

    per_sk: dict[int, list[int]] = defaultdict(list)
    for sk_id, pk in pindah_jatuh_tempo(hari_ini).values_list("sk_id", "pk").order_by("sk_id", "urutan"):
        per_sk[sk_id].append(pk)
    hasil = {"diterapkan": 0, "gagal": 0}
    for sk_id, pks in per_sk.items():
        try:
            with transaction.atomic():
                items = list(
                    PegawaiSKMutasi.objects.select_for_update(of=("self",))
                    .select_related("sk", "sk__diterbitkan_oleh", "pegawai", "jabatan_tujuan")
                    .filter(pk__in=pks, status=I.MENUNGGU_TMT, sk__status=SKMutasi.Status.TERBIT)
                    .order_by("urutan")
                )
                if items:
                    pelaku = items[0].sk.diterbitkan_oleh or actor
                    hasil["diterapkan"] += _terapkan(items, actor=pelaku, sumber="mutasi")
        except ValidationError as exc:
            hasil["gagal"] += len(pks)
            logger.error("SK mutasi %s belum dapat diterapkan: %s", sk_id, "; ".join(exc.messages))
    return hasil
