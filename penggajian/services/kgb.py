"""Periodic raises (KGB; PP 7/1977 on Peraturan Gaji PNS, last amended by PP 5/2024): who is due in the
next three months or overdue, whether their performance allows it (the annual predikat of the last two
finalised years at least Baik, kinerja.selectors.syarat_kinerja_kenaikan), and issuing or postponing the
decree, one at a time or for every eligible employee of an OPD at once. A KGB ditetapkan raises the gaji
pokok from its TMT (see selectors.masukan_pegawai).

A KGB's TMT is the first of a month (Pegawai.hitung_kgb_berikutnya). It is *overdue* (terlambat) when the
latest TMT on or before today came after the employee's last pangkat decree (TMT golongan) and no KGB has
been issued for it; issuing it late pays the months still open from its TMT, locked months go through a
correction (Koreksi) on the slip."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import (
    BooleanField,
    Case,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.dates import add_months
from core.history import alasan_bersih, catat_riwayat
from core.penomoran import nomor_get, terbitkan_nomor
from kinerja import selectors as kinerja_selectors
from kinerja.selectors import SyaratKinerja
from pegawai.models import Pegawai, UnitKerja

from .. import permissions, selectors
from ..hitung import GalatHitung
from ..models import KenaikanGajiBerkala

JENDELA_BULAN = 3
PENANDA_NOMOR = "{nomor}"
# The register kind of SK KGB numbers (core.penomoran; seeded, format edited by a superuser in the admin).
JENIS_NOMOR = "sk_kgb"

NOMOR_SK_MAKS = KenaikanGajiBerkala._meta.get_field("nomor_sk").max_length


@dataclass
class UsulanKgb:
    pegawai: Pegawai
    tmt: dt.date
    terlambat: bool
    mkg_lama: int
    mkg_baru: int
    gaji_lama: Decimal | None
    gaji_baru: Decimal | None
    dasar: str
    syarat: SyaratKinerja
    kgb: KenaikanGajiBerkala | None

    @property
    def layak(self) -> bool:
        return self.syarat.memenuhi

    @property
    def alasan(self) -> str:
        return self.syarat.alasan

    @property
    def boleh_ditetapkan(self) -> bool:
        """Eligible, and no decree yet (a postponed one may still be issued)."""
        return self.layak and (self.kgb is None or self.kgb.status != KenaikanGajiBerkala.Status.DITETAPKAN)


def _tmt_sebelumnya():
    return Func(
        F("tanggal_kgb_berikutnya"),
        template="(%(expressions)s - interval '24 months')::date",
        output_field=DateField(),
    )


def kgb_daftar(
    qs: QuerySet[Pegawai], *, hari_ini: dt.date, bulan: int = JENDELA_BULAN, tampil: str = ""
) -> QuerySet[Pegawai]:
    """Civil servants whose KGB falls in the next `bulan` months or is overdue, overdue first, each
    annotated with `tmt_kgb` (the TMT the decree is for) and `kgb_terlambat`. `tampil`: "terlambat" or
    "akan_datang" narrows to one of the two."""
    ditetapkan = KenaikanGajiBerkala.objects.filter(
        pegawai=OuterRef("pk"),
        status=KenaikanGajiBerkala.Status.DITETAPKAN,
        tmt__gte=OuterRef("kgb_sebelumnya"),
    )
    qs = qs.filter(
        aktif=True,
        status_kepegawaian__in=[Pegawai.Status.PNS, Pegawai.Status.CPNS],
        tanggal_kgb_berikutnya__isnull=False,
    ).annotate(kgb_sebelumnya=_tmt_sebelumnya(), sk_terakhir=Coalesce("tmt_golongan", "tmt_cpns"))
    terlambat = Q(kgb_sebelumnya__lte=hari_ini, kgb_sebelumnya__gt=F("sk_terakhir")) & ~Exists(ditetapkan)
    akan_datang = Q(
        tanggal_kgb_berikutnya__gte=hari_ini, tanggal_kgb_berikutnya__lt=add_months(hari_ini, bulan)
    )
    qs = qs.annotate(
        kgb_terlambat=ExpressionWrapper(terlambat, output_field=BooleanField()),
    ).annotate(
        tmt_kgb=Case(
            When(kgb_terlambat=True, then=F("kgb_sebelumnya")),
            default=F("tanggal_kgb_berikutnya"),
            output_field=DateField(),
        )
    )
    if tampil == "terlambat":
        qs = qs.filter(kgb_terlambat=True)
    elif tampil == "akan_datang":  # an overdue KGB comes first: it is listed as overdue only
        qs = qs.filter(akan_datang, kgb_terlambat=False)
    else:
        qs = qs.filter(Q(kgb_terlambat=True) | akan_datang)
    return qs.select_related("golongan", "opd", "jabatan").order_by("-kgb_terlambat", "tmt_kgb", "nama", "id")


def usulan_untuk(pegawai_list: list[Pegawai], *, hari_ini: dt.date | None = None) -> list[UsulanKgb]:
    """Old and new gaji pokok (the table in force at the TMT), the performance condition and any decree on
    record, for one page of employees from kgb_daftar, in a fixed number of queries."""
    if not pegawai_list:
        return []
    hari_ini = hari_ini or timezone.localdate()
    tmt_per_pegawai = {}
    terlambat_per_pegawai = {}
    for p in pegawai_list:
        tmt = getattr(p, "tmt_kgb", None) or p.tanggal_kgb_berikutnya or p.hitung_kgb_berikutnya(hari_ini)
        tmt_per_pegawai[p.pk] = tmt
        terlambat_per_pegawai[p.pk] = bool(getattr(p, "kgb_terlambat", False))
    syarat = kinerja_selectors.syarat_kinerja_kenaikan(tmt_per_pegawai=tmt_per_pegawai)
    ada = {
        (k.pegawai_id, k.tmt): k
        for k in KenaikanGajiBerkala.objects.filter(pegawai_id__in=list(tmt_per_pegawai))
    }
    tabel: dict[tuple[int, int], object] = {}
    hasil = []
    for p in pegawai_list:
        tmt = tmt_per_pegawai[p.pk]
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
        hasil.append(
            UsulanKgb(
                pegawai=p, tmt=tmt, terlambat=terlambat_per_pegawai[p.pk], mkg_lama=mkg_lama, mkg_baru=mkg_baru,
                gaji_lama=lama, gaji_baru=baru, dasar=data.dasar_gaji_pokok.get("PNS", ""), syarat=syarat[p.pk],
                kgb=ada.get((p.pk, tmt)),
            )
        )  # fmt: skip
    return hasil


def _usulan_pegawai(pegawai: Pegawai, hari_ini: dt.date) -> UsulanKgb:
    p = kgb_daftar(Pegawai.objects.filter(pk=pegawai.pk), hari_ini=hari_ini).first()
    if p is None:
        raise ValidationError(
            f"{pegawai.nama} tidak mempunyai KGB yang jatuh tempo dalam {JENDELA_BULAN} bulan ke depan "
            "atau yang terlambat."
        )
    return usulan_untuk([p], hari_ini=hari_ini)[0]


def _tetapkan(*, actor, usulan: UsulanKgb, nomor_sk: str, tanggal_sk: dt.date) -> KenaikanGajiBerkala:
    """Issue one KGB decree. A blank `nomor_sk` takes the next number of the SK KGB register (gap-free:
    issued inside this transaction, after every check, so a refusal or a rollback consumes none); a
    number typed in (a decree numbered outside the system) must not be one the register issued."""
    pegawai = usulan.pegawai
    if not usulan.layak:
        kata = (
            "belum dapat ditentukan" if usulan.syarat.status == SyaratKinerja.BELUM_DAPAT_DITENTUKAN else ""
        )
        raise ValidationError(
            f"KGB {pegawai.nama} tidak dapat ditetapkan: syarat kinerja {kata or 'belum memenuhi'} "
            f"({usulan.alasan})."
        )
    if usulan.gaji_baru is None:
        raise ValidationError(
            f"KGB {pegawai.nama}: gaji pokok golongan {pegawai.golongan.kode} MKG {usulan.mkg_baru} "
            "tidak ada di tabel."
        )
    kgb = usulan.kgb
    if kgb is not None and kgb.status == KenaikanGajiBerkala.Status.DITETAPKAN:
        raise ValidationError(f"KGB {pegawai.nama} TMT {usulan.tmt:%d-%m-%Y} sudah ditetapkan.")
    if nomor_sk and nomor_get(jenis=JENIS_NOMOR, nomor=nomor_sk) is not None:
        raise ValidationError(
            {"nomor_sk": f"Nomor SK {nomor_sk} sudah diterbitkan oleh register SK KGB; kosongkan nomor "
             "agar diambil nomor berikutnya dari register."}
        )  # fmt: skip
    if kgb is None:
        kgb = KenaikanGajiBerkala(pegawai=pegawai, tmt=usulan.tmt)
    if not nomor_sk:
        nomor_sk = terbitkan_nomor(
            jenis=JENIS_NOMOR,
            tanggal=tanggal_sk,
            actor=actor,
            sumber=f"penggajian.kgb:{pegawai.nip}:{usulan.tmt}",
        ).nomor
    kgb.golongan, kgb.mkg_tahun, kgb.mkg_bulan = pegawai.golongan.kode, usulan.mkg_baru, 0
    kgb.gaji_pokok_lama, kgb.gaji_pokok_baru = usulan.gaji_lama, usulan.gaji_baru
    kgb.status, kgb.nomor_sk, kgb.tanggal_sk = KenaikanGajiBerkala.Status.DITETAPKAN, nomor_sk, tanggal_sk
    kgb.ditetapkan_oleh, kgb.syarat_kinerja = actor, usulan.syarat.uraian_predikat
    catat_riwayat(
        kgb,
        actor=actor,
        alasan=f"KGB ditetapkan, SK {nomor_sk}; predikat tahunan {usulan.syarat.uraian_predikat}",
    )
    kgb.save()
    return kgb


@transaction.atomic
def kgb_tetapkan(
    *, actor, pegawai: Pegawai, nomor_sk: str = "", tanggal_sk: dt.date | None = None
) -> KenaikanGajiBerkala:
    """Issue the KGB decree for the employee's overdue or next KGB. Refused unless the performance
    condition is met. Without `nomor_sk` the number comes from the SK KGB register (core.penomoran)."""
    if not permissions.can_issue_kgb(actor):
        raise PermissionDenied
    nomor_sk = (nomor_sk or "").strip()
    if len(nomor_sk) > NOMOR_SK_MAKS:
        raise ValidationError(
            {"nomor_sk": f"Nomor SK paling panjang {NOMOR_SK_MAKS} karakter (sekarang {len(nomor_sk)})."}
        )
    if pegawai.tanggal_kgb_berikutnya is None or pegawai.golongan_id is None:
        raise ValidationError("Pegawai ini tidak mempunyai tanggal KGB berikutnya atau golongan.")
    hari_ini = timezone.localdate()
    usulan = _usulan_pegawai(pegawai, hari_ini)
    return _tetapkan(actor=actor, usulan=usulan, nomor_sk=nomor_sk, tanggal_sk=tanggal_sk or hari_ini)


def nomor_sk_berurutan(format_nomor: str, nomor_awal: int, jumlah: int) -> list[str]:
    """'822.3/{nomor}/BKPSDM/2026' from 101: 822.3/101/BKPSDM/2026, 822.3/102/BKPSDM/2026, …"""
    return [format_nomor.replace(PENANDA_NOMOR, str(nomor_awal + i)) for i in range(jumlah)]


@transaction.atomic
def kgb_tetapkan_opd(
    *,
    actor,
    opd: UnitKerja,
    format_nomor: str = "",
    nomor_awal: int | None = None,
    tanggal_sk: dt.date | None = None,
) -> list[KenaikanGajiBerkala]:
    """Issue one decree for every employee of the OPD whose KGB is due (next three months) or overdue,
    meets the performance condition and has no decision yet, numbered in order: from the SK KGB register
    when no `format_nomor` is given, else from `nomor_awal` in that format. All or nothing: any problem
    (a number already used, a missing table row) names every case and issues none (register numbers
    included: they roll back with the transaction)."""
    if not permissions.can_issue_kgb(actor):
        raise PermissionDenied
    format_nomor = (format_nomor or "").strip()
    if not format_nomor:
        return _tetapkan_opd_register(actor=actor, opd=opd, tanggal_sk=tanggal_sk)
    if format_nomor.count(PENANDA_NOMOR) != 1:
        raise ValidationError(
            {"format_nomor": f"Format nomor SK harus memuat {PENANDA_NOMOR} tepat satu kali, mis. "
             f"822.3/{PENANDA_NOMOR}/BKPSDM/2026."}
        )  # fmt: skip
    if nomor_awal is None or nomor_awal < 1:
        raise ValidationError({"nomor_awal": "Nomor urut awal harus bilangan bulat ≥ 1."})
    hari_ini = timezone.localdate()
    daftar = list(kgb_daftar(Pegawai.objects.filter(opd=opd), hari_ini=hari_ini))
    usulan = [u for u in usulan_untuk(daftar, hari_ini=hari_ini) if u.layak and u.kgb is None]
    if not usulan:
        raise ValidationError(f"Tidak ada KGB di {opd.nama} yang memenuhi syarat dan belum ditetapkan.")
    nomor = nomor_sk_berurutan(format_nomor, nomor_awal, len(usulan))
    dipakai = set(KenaikanGajiBerkala.objects.filter(nomor_sk__in=nomor).values_list("nomor_sk", flat=True))
    galat = [f"Nomor SK {n} sudah dipakai." for n in nomor if n in dipakai]
    hasil = []
    for u, n in zip(usulan, nomor, strict=True):
        if n in dipakai:
            continue
        try:
            with transaction.atomic():
                hasil.append(_tetapkan(actor=actor, usulan=u, nomor_sk=n, tanggal_sk=tanggal_sk or hari_ini))
        except ValidationError as exc:
            galat.extend(exc.messages)
    if galat:
        raise ValidationError(galat)
    return hasil


def _tetapkan_opd_register(*, actor, opd: UnitKerja, tanggal_sk: dt.date | None) -> list[KenaikanGajiBerkala]:
    hari_ini = timezone.localdate()
    daftar = list(kgb_daftar(Pegawai.objects.filter(opd=opd), hari_ini=hari_ini))
    usulan = [u for u in usulan_untuk(daftar, hari_ini=hari_ini) if u.layak and u.kgb is None]
    if not usulan:
        raise ValidationError(f"Tidak ada KGB di {opd.nama} yang memenuhi syarat dan belum ditetapkan.")
    hasil, galat = [], []
    for u in usulan:
        try:
            with transaction.atomic():
                hasil.append(_tetapkan(actor=actor, usulan=u, nomor_sk="", tanggal_sk=tanggal_sk or hari_ini))
        except ValidationError as exc:
            galat.extend(exc.messages)
    if galat:
        raise ValidationError(galat)
    return hasil


@transaction.atomic
def kgb_tunda(*, actor, pegawai: Pegawai, alasan: str) -> KenaikanGajiBerkala:
    """Postpone the overdue or next KGB with a reason (recorded; it may be issued later)."""
    if not permissions.can_issue_kgb(actor):
        raise PermissionDenied
    alasan = alasan_bersih(alasan, label="Alasan penundaan")
    if not alasan:
        raise ValidationError({"alasan": "Alasan penundaan wajib diisi."})
    usulan = _usulan_pegawai(pegawai, timezone.localdate())
    kgb = usulan.kgb
    if kgb is not None and kgb.status == KenaikanGajiBerkala.Status.DITETAPKAN:
        raise ValidationError("KGB ini sudah ditetapkan; tidak dapat ditunda.")
    if kgb is None:
        kgb = KenaikanGajiBerkala(
            pegawai=pegawai, tmt=usulan.tmt, golongan=pegawai.golongan.kode, mkg_tahun=usulan.mkg_baru,
            gaji_pokok_lama=usulan.gaji_lama or 0, gaji_pokok_baru=usulan.gaji_baru or 0,
        )  # fmt: skip
    kgb.status, kgb.alasan_tunda = KenaikanGajiBerkala.Status.DITUNDA, alasan
    catat_riwayat(kgb, actor=actor, alasan=f"KGB ditunda: {alasan}")
    kgb.save()
    return kgb
