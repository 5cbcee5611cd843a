"""The inputs of every employee of a pay month in a constant number of queries."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet

from core.dates import add_months, format_tanggal
from kinerja import selectors as kinerja_selectors
from pegawai.models import Jabatan, Keluarga, Pegawai, RiwayatHukumanDisiplin
from pegawai.selectors import jabatan_pada_bulk_tmt

from ..hitung import MasukanPegawai
from ..models import (
    KenaikanGajiBerkala,
    RekapKehadiran,
    bulan_label,
)
from .aturan import akhir_bulan, awal_bulan, tpp_acuan
from .setahun import penghasilan_setahun, setahun_kosong

# --- inputs -----------------------------------------------------------------------------------------

KOLOM_PEGAWAI = [
    "id", "nip", "nama", "gelar_depan", "gelar_belakang", "status_kepegawaian", "jenis_kelamin",
    "status_perkawinan", "golongan__kode", "tmt_golongan", "mkg_tahun", "jabatan__jenis", "jabatan__eselon",
    "jabatan__jenjang_fungsional", "jabatan__nama", "jabatan__kelas_jabatan", "nama_bank", "nomor_rekening",
    "opd_id", "opd__kode", "opd__nama", "pasangan", "anak", "jabatan_id", "tmt_jabatan",
]  # fmt: skip

KOLOM_JABATAN = ["id", "jenis", "eselon", "jenjang_fungsional", "nama", "kelas_jabatan"]


def jabatan_bulan_gaji(rows: list[dict], tahun: int, bulan: int) -> tuple[dict[int, dict], dict[int, str]]:
    """Pay follows the position held on the 1st of the month (issue 13 point 10): for value rows of
    pegawai_digaji (with `jabatan_id`, `tmt_jabatan`), the position paid in that month where it is not the
    current one (pegawai id → its KOLOM_JABATAN values), and the slip's note for an employee whose position
    changed in that month or the previous one. Three queries whatever the number of employees.

    An employee with no position known on the 1st (every one began later: a new record) is paid on the
    current one, as before."""
    awal = awal_bulan(tahun, bulan)
    akhir = akhir_bulan(tahun, bulan)
    bulan_lalu = add_months(awal, -1)
    pada_awal = jabatan_pada_bulk_tmt([r["id"] for r in rows], awal)
    lain: dict[int, int] = {}
    for r in rows:
        tmt_jabatan = pada_awal.get(r["id"])
        if tmt_jabatan is not None and tmt_jabatan[1] != r["jabatan_id"]:
            lain[r["id"]] = tmt_jabatan[1]
    data = {
        j["id"]: j for j in Jabatan.objects.filter(pk__in=set(lain.values())).values(*KOLOM_JABATAN)
    }  # fmt: skip
    catatan: dict[int, str] = {}
    depan = add_months(awal, 1)
    bulan_depan = bulan_label(depan.year, depan.month)
    for r in rows:
        pid = r["id"]
        tmt, _jid = pada_awal.get(pid, (dt.date.min, r["jabatan_id"]))
        nama = data[lain[pid]]["nama"] if pid in lain else r["jabatan__nama"]
        teks = []
        if bulan_lalu <= tmt <= awal:
            teks.append(f"Kelas jabatan mengikuti jabatan {nama} (TMT {format_tanggal(tmt)})")
        tmt_kini = r["tmt_jabatan"]
        if pid in lain and tmt_kini and awal < tmt_kini <= akhir:
            teks.append(
                f"Kelas jabatan bulan ini mengikuti jabatan {nama} yang dipegang pada tanggal 1; jabatan "
                f"{r['jabatan__nama']} (TMT {format_tanggal(tmt_kini)}) dibayar mulai {bulan_depan}"
            )
        if teks:
            catatan[pid] = "; ".join(teks)
    return {pid: data[jid] for pid, jid in lain.items() if jid in data}, catatan


def pegawai_digaji(qs: QuerySet[Pegawai] | None = None) -> QuerySet[Pegawai]:
    """Active employees with what the pay needs, as value rows (one query, family counts included)."""
    qs = Pegawai.objects.filter(aktif=True) if qs is None else qs.filter(aktif=True)
    ditunjang = Q(keluarga__dapat_tunjangan=True)
    return qs.annotate(
        pasangan=Count(
            "keluarga",
            filter=ditunjang & Q(keluarga__hubungan__in=[Keluarga.Hubungan.SUAMI, Keluarga.Hubungan.ISTRI]),
        ),
        anak=Count("keluarga", filter=ditunjang & Q(keluarga__hubungan=Keluarga.Hubungan.ANAK)),
    ).order_by("id")


def mkg_berlaku(
    mkg_pangkat: int, tmt_pangkat: dt.date | None, golongan: str | None, kgb: KenaikanGajiBerkala | None
) -> tuple[int, str]:
    """The MKG a pay month uses and the decree it comes from: the latest SK in force on the 1st of the
    month, either the pangkat SK (the employee's golongan, TMT golongan and the MKG recorded on it) or
    the latest KGB of the same golongan with TMT on or before that day (`kgb`, chosen by the caller).
    MKG advances only by decrees (a KGB every two years, PP 7/1977 Pasal 9), never by the calendar."""
    sumber = f"SK pangkat TMT {tmt_pangkat:%d-%m-%Y}" if tmt_pangkat else ""
    if kgb is not None and kgb.golongan == golongan and (tmt_pangkat is None or kgb.tmt >= tmt_pangkat):
        return kgb.mkg_tahun, f"KGB TMT {kgb.tmt:%d-%m-%Y}"
    return mkg_pangkat, sumber


def masukan_pegawai(
    qs: QuerySet[Pegawai], *, tahun: int, bulan: int, tpp: bool, tambahan: bool = False
) -> tuple[list[MasukanPegawai], dict[int, dict]]:
    """The inputs of every active employee in `qs` for one pay month, in a constant number of queries:
    employees with family counts, KGBs in force, and for TPP the attendance recap, punishments in force
    and the predikat from kinerja. Returns (inputs, extra facts per employee id for the slip header)."""
    rows = list(pegawai_digaji(qs).values(*KOLOM_PEGAWAI))
    ids = [r["id"] for r in rows]
    awal = awal_bulan(tahun, bulan)
    jabatan_lain, catatan_jabatan = jabatan_bulan_gaji(rows, tahun, bulan)
    for r in rows:
        j = jabatan_lain.get(r["id"])
        if j is not None:
            r.update({f"jabatan__{k}": v for k, v in j.items() if k != "id"})
    kgb: dict[int, KenaikanGajiBerkala] = {}
    for k in KenaikanGajiBerkala.objects.filter(
        pegawai_id__any=ids, status=KenaikanGajiBerkala.Status.DITETAPKAN, tmt__lte=awal
    ).order_by("pegawai_id", "tmt"):
        kgb[k.pegawai_id] = k
    rekap: dict[int, dict] = {}
    hukdis: dict[int, tuple[str, str]] = {}
    predikat: dict[int, tuple[str, str]] = {}
    if tpp:
        for pid, hari_kerja, tk, jumlah in RekapKehadiran.objects.filter(
            pegawai_id__any=ids, tahun=tahun, bulan=bulan
        ).values_list("pegawai_id", "hari_kerja", "tanpa_keterangan", "jumlah"):
            rekap[pid] = {"hari_kerja": hari_kerja, "tanpa_keterangan": tk, "jumlah": jumlah or {}}
        # The employee's disciplinary history (pegawai, filled by import_hukuman_disiplin or the admin): a
        # punishment cuts the TPP of a month when it is in force on its first day, so a six-month
        # punishment cuts six pay months whatever day its TMT falls on (one starting mid-month cuts from
        # the next month). The heaviest one in force counts; ringan does not cut.
        urutan = {"sedang": 1, "berat": 2}
        for pid, tingkat, jenis, nomor_sk in (
            RiwayatHukumanDisiplin.objects.filter(
                pegawai_id__any=ids,
                tingkat__in=list(urutan),
                tmt__lte=awal,
            )
            .filter(Q(tanggal_selesai__isnull=True) | Q(tanggal_selesai__gte=awal))
            .order_by("pegawai_id", "tmt")
            .values_list("pegawai_id", "tingkat", "jenis", "nomor_sk")
        ):
            lama = hukdis.get(pid)
            if lama is None or urutan[tingkat] > urutan[lama[0]]:
                hukdis[pid] = (tingkat, f"{jenis}{', SK ' + nomor_sk if nomor_sk else ''}")
        predikat = kinerja_selectors.predikat_untuk_bulan(tahun=tahun, bulan=bulan, pegawai_ids=ids)
    tahunan = bulan == 12 and not tambahan
    setahun = penghasilan_setahun(ids, tahun) if tahunan else {}
    acuan = tpp_acuan(ids, tahun, bulan) if tambahan else {}
    hasil: list[MasukanPegawai] = []
    extra: dict[int, dict] = {}
    for r in rows:
        pid = r["id"]
        mkg, sumber_mkg = mkg_berlaku(r["mkg_tahun"], r["tmt_golongan"], r["golongan__kode"], kgb.get(pid))
        p = predikat.get(pid)
        h = hukdis.get(pid)
        nama = r["nama"]
        if r["gelar_depan"]:
            nama = f"{r['gelar_depan']} {nama}"
        if r["gelar_belakang"]:
            nama = f"{nama}, {r['gelar_belakang']}"
        hasil.append(
            MasukanPegawai(
                pegawai_id=pid,
                nip=r["nip"],
                nama=nama,
                status_kepegawaian=r["status_kepegawaian"],
                jenis_kelamin=r["jenis_kelamin"],
                status_perkawinan=r["status_perkawinan"] or "",
                golongan=r["golongan__kode"],
                mkg_tahun=mkg,
                sumber_mkg=sumber_mkg,
                jenis_jabatan=r["jabatan__jenis"] or "",
                eselon=r["jabatan__eselon"] or "",
                jenjang=r["jabatan__jenjang_fungsional"] or "",
                nama_jabatan=r["jabatan__nama"] or "",
                kelas_jabatan=r["jabatan__kelas_jabatan"],
                catatan_jabatan=catatan_jabatan.get(pid, ""),
                pasangan_ditunjang=min(r["pasangan"], 1),
                anak_ditunjang=r["anak"],
                nama_bank=r["nama_bank"] or "",
                nomor_rekening=r["nomor_rekening"] or "",
                predikat=p[0] if p else None,
                periode_predikat=p[1] if p else "",
                rekap=rekap.get(pid),
                hukdis=h[0] if h else None,
                hukdis_keterangan=h[1] if h else "",
                setahun=(setahun.get(pid) or setahun_kosong()) if tahunan else None,
                tpp_acuan=acuan.get(pid),
            )
        )
        extra[pid] = {"opd_id": r["opd_id"], "kode_unit": r["opd__kode"], "nama_unit": r["opd__nama"]}
    return hasil, extra
