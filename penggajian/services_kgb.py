"""Periodic raises (KGB, PP 7/1977 Pasal 17 jo. PP 5/2024): who is due in the next three months, whether
their performance allows it (kinerja: predikat at least Baik in the two previous years), and issuing or
postponing the decree. A KGB ditetapkan raises the gaji pokok from its TMT (see selectors.masukan_pegawai)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from akun import roles
from core.dates import add_months
from core.history import alasan_bersih, catat_riwayat
from kinerja import selectors as kinerja_selectors
from pegawai.models import Pegawai

from . import selectors
from .hitung import GalatHitung
from .models import KenaikanGajiBerkala

NOMOR_SK_MAKS = KenaikanGajiBerkala._meta.get_field("nomor_sk").max_length


@dataclass
class UsulanKgb:
    pegawai: Pegawai
    tmt: dt.date
    mkg_lama: int
    mkg_baru: int
    gaji_lama: Decimal | None
    gaji_baru: Decimal | None
    dasar: str
    layak: bool
    alasan: str
    kgb: KenaikanGajiBerkala | None


def kgb_jatuh_tempo(qs: QuerySet[Pegawai], *, hari_ini: dt.date, bulan: int = 3) -> QuerySet[Pegawai]:
    return (
        qs.filter(
            aktif=True,
            status_kepegawaian__in=[Pegawai.Status.PNS, Pegawai.Status.CPNS],
            tanggal_kgb_berikutnya__gte=hari_ini,
            tanggal_kgb_berikutnya__lt=add_months(hari_ini, bulan),
        )
        .select_related("golongan", "opd", "jabatan")
        .order_by("tanggal_kgb_berikutnya", "nama", "id")
    )


def usulan_untuk(pegawai_list: list[Pegawai]) -> list[UsulanKgb]:
    """Old and new gaji pokok (the table in force at the TMT), eligibility and any decree on record, for one
    page of employees, in a fixed number of queries."""
    if not pegawai_list:
        return []
    ids = [p.pk for p in pegawai_list]
    tabel: dict[tuple[int, int], object] = {}
    tahun_set = {p.tanggal_kgb_berikutnya.year for p in pegawai_list}
    layak: dict[int, bool] = {}
    for tahun in tahun_set:
        layak.update(
            kinerja_selectors.eligible_kenaikan(
                pegawai_ids=[p.pk for p in pegawai_list if p.tanggal_kgb_berikutnya.year == tahun],
                tahun=tahun,
            )
        )
    ada = {(k.pegawai_id, k.tmt): k for k in KenaikanGajiBerkala.objects.filter(pegawai_id__in=ids)}
    hasil = []
    for p in pegawai_list:
        tmt = p.tanggal_kgb_berikutnya
        kunci = (tmt.year, tmt.month)
        if kunci not in tabel:
            tabel[kunci] = selectors.aturan_gaji_data(selectors.aturan_gaji_model(*kunci), *kunci)
        data = tabel[kunci]
        mkg_baru = p.mkg_pada(tmt)[0]
        mkg_lama = max(mkg_baru - 2, 0)
        try:
            lama = data.gaji_pokok_tabel("PNS", p.golongan.kode, mkg_lama)
            baru = data.gaji_pokok_tabel("PNS", p.golongan.kode, mkg_baru)
        except (GalatHitung, AttributeError):
            lama = baru = None
        ok = layak.get(p.pk, False)
        alasan = (
            "" if ok else f"predikat tahunan {tmt.year - 2} dan {tmt.year - 1} belum keduanya minimal Baik"
        )
        hasil.append(
            UsulanKgb(
                pegawai=p, tmt=tmt, mkg_lama=mkg_lama, mkg_baru=mkg_baru, gaji_lama=lama, gaji_baru=baru,
                dasar=data.dasar_gaji_pokok.get("PNS", ""), layak=ok, alasan=alasan, kgb=ada.get((p.pk, tmt)),
            )
        )  # fmt: skip
    return hasil


@transaction.atomic
def kgb_tetapkan(
    *, actor, pegawai: Pegawai, nomor_sk: str, tanggal_sk: dt.date | None = None
) -> KenaikanGajiBerkala:
    """Issue the KGB decree for the employee's next KGB date. Refused when performance does not allow it."""
    if not roles.is_admin_bkd(actor):
        raise PermissionDenied
    nomor_sk = (nomor_sk or "").strip()
    if not nomor_sk:
        raise ValidationError({"nomor_sk": "Nomor SK wajib diisi."})
    if len(nomor_sk) > NOMOR_SK_MAKS:
        raise ValidationError(
            {"nomor_sk": f"Nomor SK paling panjang {NOMOR_SK_MAKS} karakter (sekarang {len(nomor_sk)})."}
        )
    if pegawai.tanggal_kgb_berikutnya is None or pegawai.golongan_id is None:
        raise ValidationError("Pegawai ini tidak mempunyai tanggal KGB berikutnya atau golongan.")
    usulan = usulan_untuk([pegawai])[0]
    if not usulan.layak:
        raise ValidationError(
            f"KGB {pegawai.nama} tidak dapat ditetapkan: {usulan.alasan}. Tunda dengan alasan."
        )
    if usulan.gaji_baru is None:
        raise ValidationError(
            f"Gaji pokok golongan {pegawai.golongan.kode} MKG {usulan.mkg_baru} tidak ada di tabel."
        )
    kgb = KenaikanGajiBerkala(
        pegawai=pegawai, golongan=pegawai.golongan.kode, mkg_tahun=usulan.mkg_baru, tmt=usulan.tmt,
        gaji_pokok_lama=usulan.gaji_lama, gaji_pokok_baru=usulan.gaji_baru, status=KenaikanGajiBerkala.Status.DITETAPKAN,
        nomor_sk=nomor_sk, tanggal_sk=tanggal_sk or timezone.localdate(), ditetapkan_oleh=actor,
    )  # fmt: skip
    kgb._change_reason = f"KGB ditetapkan, SK {nomor_sk}"
    try:
        with transaction.atomic():
            kgb.save()
    except IntegrityError as exc:
        raise ValidationError(f"KGB {pegawai.nama} TMT {usulan.tmt:%d-%m-%Y} sudah tercatat.") from exc
    return kgb


@transaction.atomic
def kgb_tunda(*, actor, pegawai: Pegawai, alasan: str) -> KenaikanGajiBerkala:
    if not roles.is_admin_bkd(actor):
        raise PermissionDenied
    alasan = alasan_bersih(alasan, label="Alasan penundaan")
    if not alasan:
        raise ValidationError({"alasan": "Alasan penundaan wajib diisi."})
    usulan = usulan_untuk([pegawai])[0]
    kgb = KenaikanGajiBerkala.objects.select_for_update().filter(pegawai=pegawai, tmt=usulan.tmt).first()
    if kgb is None:
        kgb = KenaikanGajiBerkala(
            pegawai=pegawai, tmt=usulan.tmt, golongan=pegawai.golongan.kode, mkg_tahun=usulan.mkg_baru,
            gaji_pokok_lama=usulan.gaji_lama or 0, gaji_pokok_baru=usulan.gaji_baru or 0,
        )  # fmt: skip
    elif kgb.status == KenaikanGajiBerkala.Status.DITETAPKAN:
        raise ValidationError("KGB ini sudah ditetapkan; tidak dapat ditunda.")
    kgb.status = KenaikanGajiBerkala.Status.DITUNDA
    kgb.alasan_tunda = alasan
    catat_riwayat(kgb, actor=actor, alasan=f"KGB ditunda: {alasan}")
    kgb.save()
    return kgb
