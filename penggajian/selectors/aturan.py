"""Pay rules in force for a month, read once per run into plain data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q

from core.dates import add_months
from pegawai.biaya_tpp import PaguTpp

from ..hitung import AturanGajiData, AturanTambahanData, AturanTppData
from ..models import (
    AturanGaji,
    AturanTambahan,
    AturanTpp,
    GajiPokok,
    RunGaji,
    Slip,
    TabelGajiPokok,
    bulan_label,
)


class AturanTidakAda(LookupError):
    """No rule version in force for a pay month."""


def awal_bulan(tahun: int, bulan: int) -> dt.date:
    return dt.date(tahun, bulan, 1)


def akhir_bulan(tahun: int, bulan: int) -> dt.date:
    return add_months(awal_bulan(tahun, bulan), 1) - dt.timedelta(days=1)


# --- rules in force ---------------------------------------------------------------------------------


def aturan_gaji_model(tahun: int, bulan: int) -> AturanGaji:
    aturan = (
        AturanGaji.objects.filter(berlaku_mulai__lte=awal_bulan(tahun, bulan))
        .order_by("-berlaku_mulai")
        .first()
    )
    if aturan is None:
        raise AturanTidakAda(f"Belum ada aturan komponen gaji yang berlaku untuk bulan {bulan:02d}-{tahun}.")
    return aturan


def aturan_tpp_model(tahun: int, bulan: int) -> AturanTpp:
    aturan = (
        AturanTpp.objects.filter(status=AturanTpp.Status.BERLAKU, berlaku_mulai__lte=awal_bulan(tahun, bulan))
        .order_by("-berlaku_mulai")
        .first()
    )
    if aturan is None:
        raise AturanTidakAda(f"Belum ada aturan TPP yang berlaku untuk bulan {bulan:02d}-{tahun}.")
    return aturan


def pagu_tpp_untuk_tanggal(tanggal: dt.date) -> PaguTpp | None:
    """The TPP ceilings per kelas jabatan of the rule in force for the pay month of `tanggal` (registered
    in pegawai.biaya_tpp for mutasi); None when no TPP rule is in force then. Two queries."""
    try:
        aturan = aturan_tpp_model(tanggal.year, tanggal.month)
    except AturanTidakAda:
        return None
    pagu = {kelas: Decimal(jumlah) for kelas, jumlah in aturan.pagu.values_list("kelas_jabatan", "jumlah")}
    return PaguTpp(pagu=pagu, nama_aturan=aturan.nama)


def aturan_tambahan_model(jenis: str, tahun: int) -> AturanTambahan:
    aturan = AturanTambahan.objects.filter(jenis=jenis, tahun=tahun).first()
    if aturan is None:
        raise AturanTidakAda(
            f"Belum ada aturan {AturanTambahan.Jenis(jenis).label} tahun {tahun}: isi dasar hukum (PP tahun itu) "
            "dan komponennya di halaman Aturan THR & gaji ke-13."
        )
    return aturan


def aturan_tambahan_terpakai(aturan: AturanTambahan) -> RunGaji | None:
    """The approved or locked run that paid with this THR / gaji ke-13 rule, if any (it then stays as paid)."""
    return (
        RunGaji.objects.filter(
            aturan_tambahan=aturan, status__in=[RunGaji.Status.DISETUJUI, RunGaji.Status.DIKUNCI]
        )
        .order_by("bulan")
        .first()
    )


def aturan_tambahan_data(aturan: AturanTambahan) -> AturanTambahanData:
    return AturanTambahanData(
        id=aturan.pk, jenis=aturan.jenis, tahun=aturan.tahun, dasar_hukum=aturan.dasar_hukum,
        tunjangan_keluarga=aturan.tunjangan_keluarga, tunjangan_pangan=aturan.tunjangan_pangan,
        tunjangan_jabatan=aturan.tunjangan_jabatan, persen_tpp=aturan.persen_tpp,
    )  # fmt: skip


def tpp_acuan(pegawai_ids: list[int], tahun: int, bulan: int) -> dict[int, dict]:
    """Each employee's TPP bruto on their latest locked TPP slip before the month (one query)."""
    rows = (
        Slip.objects.filter(
            pegawai_id__in=pegawai_ids, run__jenis=RunGaji.Jenis.TPP, run__status=RunGaji.Status.DIKUNCI
        )
        .filter(Q(run__tahun__lt=tahun) | Q(run__tahun=tahun, run__bulan__lt=bulan))
        .order_by("pegawai_id", "-run__tahun", "-run__bulan")
        .distinct("pegawai_id")
        .values_list("pegawai_id", "kolom__tpp_bruto", "run__tahun", "run__bulan")
    )
    return {pid: {"jumlah": int(j or 0), "bulan": bulan_label(t, b)} for pid, j, t, b in rows}


def aturan_gaji_data(aturan: AturanGaji, tahun: int, bulan: int) -> AturanGajiData:
    """Snapshot of the component rates plus the gaji pokok tables in force in that month (4 queries)."""
    tanggal = awal_bulan(tahun, bulan)
    tabel_ids: dict[str, TabelGajiPokok] = {}
    for tabel in TabelGajiPokok.objects.filter(berlaku_mulai__lte=tanggal).order_by(
        "jenis", "-berlaku_mulai"
    ):
        tabel_ids.setdefault(tabel.jenis, tabel)
    if not tabel_ids:
        raise AturanTidakAda(f"Belum ada tabel gaji pokok yang berlaku untuk bulan {bulan:02d}-{tahun}.")
    gaji_pokok: dict[tuple[str, str], list[tuple[int, Decimal]]] = {}
    jenis_by_tabel = {t.pk: t.jenis for t in tabel_ids.values()}
    for tabel_id, golongan, mkg, jumlah in (
        GajiPokok.objects.filter(tabel_id__in=jenis_by_tabel)
        .order_by("golongan", "mkg_tahun")
        .values_list("tabel_id", "golongan", "mkg_tahun", "jumlah")
    ):
        gaji_pokok.setdefault((jenis_by_tabel[tabel_id], golongan), []).append((mkg, jumlah))
    fungsional = sorted(
        aturan.tunjangan_fungsional.values_list("nama", "jenjang", "jumlah"), key=lambda r: -len(r[0])
    )
    return AturanGajiData(
        id=aturan.pk,
        nama=aturan.nama,
        berlaku_mulai=aturan.berlaku_mulai.isoformat(),
        persen_cpns=aturan.persen_cpns,
        persen_tunjangan_pasangan=aturan.persen_tunjangan_pasangan,
        persen_tunjangan_anak=aturan.persen_tunjangan_anak,
        maks_anak=aturan.maks_anak,
        beras_per_jiwa=aturan.beras_per_jiwa,
        maks_jiwa_beras=aturan.maks_jiwa_beras,
        tunjangan_umum={k: Decimal(v) for k, v in (aturan.tunjangan_umum or {}).items()},
        persen_iwp_pns=aturan.persen_iwp_pns,
        persen_iwp_pppk=aturan.persen_iwp_pppk,
        persen_bpjs_pegawai=aturan.persen_bpjs_pegawai,
        persen_bpjs_pemda=aturan.persen_bpjs_pemda,
        batas_dasar_bpjs=aturan.batas_dasar_bpjs,
        persen_jkk=aturan.persen_jkk,
        persen_jkm=aturan.persen_jkm,
        kelipatan_pembulatan=aturan.kelipatan_pembulatan,
        status_dikecualikan=frozenset(aturan.status_dikecualikan or []),
        struktural=dict(aturan.tunjangan_struktural.values_list("eselon", "jumlah")),
        fungsional=tuple(fungsional),
        gaji_pokok={k: tuple(v) for k, v in gaji_pokok.items()},
        dasar_gaji_pokok={t.jenis: t.dasar_hukum.split(" (")[0] for t in tabel_ids.values()},
    )


def aturan_tpp_data(aturan: AturanTpp) -> AturanTppData:
    return AturanTppData(
        id=aturan.pk,
        nama=aturan.nama,
        berlaku_mulai=aturan.berlaku_mulai.isoformat(),
        persen_kinerja=aturan.persen_kinerja,
        persen_disiplin=aturan.persen_disiplin,
        persen_tanpa_keterangan=aturan.persen_tanpa_keterangan,
        lantai_disiplin=aturan.lantai_disiplin,
        persen_tanpa_predikat=aturan.persen_tanpa_predikat,
        persen_hukdis_sedang=aturan.persen_hukdis_sedang,
        persen_hukdis_berat=aturan.persen_hukdis_berat,
        persen_cpns=aturan.persen_cpns,
        status_dikecualikan=frozenset(aturan.status_dikecualikan or []),
        potong_pph=aturan.potong_pph,
        bpjs_termasuk_tpp=aturan.bpjs_termasuk_tpp,
        pagu=dict(aturan.pagu.values_list("kelas_jabatan", "jumlah")),
        persen_predikat=dict(aturan.persen_predikat.values_list("predikat", "persen")),
        kode_potongan={
            kode: (p, satuan, keterangan)
            for kode, p, satuan, keterangan in aturan.kode_potongan.values_list(
                "kode", "persen", "satuan", "keterangan"
            )
        },
    )
