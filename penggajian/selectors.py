"""Reading pay rules and inputs in bulk, and what each user may see."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Count, DecimalField, Q, QuerySet, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.http import Http404

from akun import roles
from core.dates import add_months, format_tanggal
from kinerja import selectors as kinerja_selectors
from pegawai.biaya_tpp import PaguTpp
from pegawai.models import Jabatan, Keluarga, Pegawai, RiwayatHukumanDisiplin
from pegawai.selectors import cakupan_for, jabatan_pada_bulk_tmt

from .hitung import SETAHUN_KUNCI, AturanGajiData, AturanTambahanData, AturanTppData, MasukanPegawai
from .models import (
    AturanGaji,
    AturanTambahan,
    AturanTpp,
    GajiPokok,
    KenaikanGajiBerkala,
    PenghasilanLuarSistem,
    RapelGaji,
    RekapKehadiran,
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


def _rupiah_kolom(nama: str) -> Sum:
    return Sum(Cast(KT(f"kolom__{nama}"), DecimalField(max_digits=14, decimal_places=0)))


BULAN_SEBELUM_DESEMBER = range(1, 12)


def setahun_kosong() -> dict:
    """An employee with nothing paid in January–November: the sums at zero, no month imported, every month
    without data (see penghasilan_setahun)."""
    return {
        **dict.fromkeys(SETAHUN_KUNCI, 0),
        "impor": {"induk": [], "tpp": []},
        "tanpa_data": {"induk": list(BULAN_SEBELUM_DESEMBER), "tpp": list(BULAN_SEBELUM_DESEMBER)},
    }


def penghasilan_setahun(pegawai_ids: list[int], tahun: int) -> dict[int, dict]:
    """What January–November of `tahun` paid each employee, for the December PPh 21 (two queries): months
    with pay, PPh bruto of salary and of TPP, deductible contributions, PPh withheld on each.

    A month and kind (induk, tpp) is taken from the employee's slip of the locked run; without one, from
    the pay imported for the months before the system was used (PenghasilanLuarSistem); a month with
    neither has no income. Runs not locked are not paid yet and do not count (the run page says so).
    Each entry also names the months taken from the import ("impor") and those with no data at all
    ("tanpa_data"), per kind, for the slip's explanation. Employees with nothing at all are left out."""
    hasil: dict[int, dict] = {}
    bulan_slip: dict[tuple[int, str], set[int]] = {}
    rows = (
        Slip.objects.filter(
            pegawai_id__in=pegawai_ids,
            run__tahun=tahun,
            run__bulan__lt=12,
            run__status=RunGaji.Status.DIKUNCI,
        )
        .values("pegawai_id", "run__jenis")
        .annotate(
            daftar_bulan=ArrayAgg("run__bulan", distinct=True, default=[]),
            bruto=Sum("bruto_pph"),
            iuran=_rupiah_kolom("potongan_iwp"),
            pph=_rupiah_kolom("potongan_pph"),
        )
    )
    for r in rows:
        d = hasil.setdefault(r["pegawai_id"], setahun_kosong())
        bruto, pph = int(r["bruto"] or 0), int(r["pph"] or 0)
        if r["run__jenis"] == RunGaji.Jenis.TPP:
            d["bruto_tpp"] += bruto
            d["pph_tpp"] += pph
            bulan_slip[(r["pegawai_id"], "tpp")] = set(r["daftar_bulan"])
        else:
            # Gaji induk, and THR / gaji ke-13 (salary income too; their PPh is the government's).
            d["bruto_gaji"] += bruto
            d["pph_gaji"] += pph
            d["iuran"] += int(r["iuran"] or 0)
            if r["run__jenis"] == RunGaji.Jenis.INDUK:
                bulan_slip[(r["pegawai_id"], "induk")] = set(r["daftar_bulan"])
    for pid, bulan, jenis, bruto, iuran, pph in PenghasilanLuarSistem.objects.filter(
        pegawai_id__in=pegawai_ids, tahun=tahun, bulan__lt=12
    ).values_list("pegawai_id", "bulan", "jenis", "bruto", "iuran_pensiun", "pph21"):
        if bulan in bulan_slip.get((pid, jenis), ()):
            continue  # the locked run's slip wins over an import made before the month was locked
        d = hasil.setdefault(pid, setahun_kosong())
        d["impor"][jenis].append(bulan)
        d["iuran"] += int(iuran)
        if jenis == PenghasilanLuarSistem.Jenis.TPP:
            d["bruto_tpp"] += int(bruto)
            d["pph_tpp"] += int(pph)
        else:
            d["bruto_gaji"] += int(bruto)
            d["pph_gaji"] += int(pph)
    for pid, d in hasil.items():
        for jenis in ("induk", "tpp"):
            d["impor"][jenis].sort()
            ada = bulan_slip.get((pid, jenis), set()) | set(d["impor"][jenis])
            d["tanpa_data"][jenis] = [b for b in BULAN_SEBELUM_DESEMBER if b not in ada]
        d["bulan"] = 11 - len(d["tanpa_data"]["induk"])
    return hasil


def bulan_tanpa_run_terkunci(run: RunGaji) -> list[dict]:
    """For a December run: every month of January–November without a locked run of a kind its annual
    PPh 21 reads (gaji induk; for TPP also TPP), with the run of that month if one exists and how many
    employees have pay imported for it, which is what the tax then uses (two queries). Empty in the other
    months."""
    if run.bulan != 12 or run.tambahan:
        return []
    jenis = [PenghasilanLuarSistem.Jenis.INDUK]
    if run.jenis == RunGaji.Jenis.TPP:
        jenis.append(PenghasilanLuarSistem.Jenis.TPP)
    runs = {
        (r.bulan, r.jenis): r
        for r in RunGaji.objects.filter(tahun=run.tahun, bulan__lt=12, jenis__in=jenis).exclude(
            status=RunGaji.Status.DRAF
        )
    }
    impor = {
        (r["bulan"], r["jenis"]): r["n"]
        for r in PenghasilanLuarSistem.objects.filter(tahun=run.tahun, bulan__lt=12)
        .values("bulan", "jenis")
        .annotate(n=Count("id"))
    }
    hasil = []
    for j in jenis:
        for bulan in BULAN_SEBELUM_DESEMBER:
            r = runs.get((bulan, j))
            if r is not None and r.status == RunGaji.Status.DIKUNCI:
                continue
            hasil.append(
                {
                    "bulan": bulan_label(run.tahun, bulan),
                    "jenis": PenghasilanLuarSistem.Jenis(j).label,
                    "run": r,
                    "impor": impor.get((bulan, j), 0),
                }
            )
    return hasil


def peringatan_pph_desember(run: RunGaji) -> dict | None:
    """For a December run not yet locked: the runs of January–November whose pay the annual PPh 21 left
    out (not locked yet) or took before they were locked (locked after December was computed), so the
    officer recomputes December once they are locked. None when nothing is missing."""
    if run.bulan != 12 or run.tambahan or run.status in (RunGaji.Status.DIKUNCI, RunGaji.Status.DRAF):
        return None
    jenis = list(RunGaji.Jenis.values)
    if run.jenis != RunGaji.Jenis.TPP:
        jenis.remove(RunGaji.Jenis.TPP)
    lainnya = list(
        RunGaji.objects.filter(tahun=run.tahun, bulan__lt=12, jenis__in=jenis)
        .exclude(status=RunGaji.Status.DRAF)
        .order_by("bulan", "jenis")
    )
    belum = [r for r in lainnya if r.status != RunGaji.Status.DIKUNCI]
    terlambat = [
        r for r in lainnya
        if r.status == RunGaji.Status.DIKUNCI and run.dihitung_pada and r.dikunci_pada
        and r.dikunci_pada > run.dihitung_pada
    ]  # fmt: skip
    if not belum and not terlambat:
        return None
    return {"belum": belum, "terlambat": terlambat}


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


# --- totals per OPD --------------------------------------------------------------------------------


def rekap_opd_hitung(run: RunGaji) -> list[dict]:
    """Slips, gross, deductions and net of a run per OPD (whole rupiah), by OPD name, in one query."""
    rows = (
        Slip.objects.filter(run=run)
        .values("opd_id", "opd__nama")
        .annotate(
            jumlah=Count("id"),
            kotor=Sum("jumlah_kotor"),
            potongan=Sum("jumlah_potongan"),
            bersih=Sum("jumlah_bersih"),
        )
        .order_by("opd__nama")
    )
    return [
        {
            "opd_id": r["opd_id"], "opd__nama": r["opd__nama"], "jumlah": r["jumlah"],
            "kotor": int(r["kotor"] or 0), "potongan": int(r["potongan"] or 0), "bersih": int(r["bersih"] or 0),
        }
        for r in rows
    ]  # fmt: skip


def rekap_opd(run: RunGaji) -> list[dict]:
    """The run's totals per OPD: stored when the run was computed; summed now while it is computing, and
    for runs computed before the totals were stored (no migration rewrites those: a locked run's row is
    guarded by a trigger)."""
    if run.sedang_berjalan or (not run.rekap_opd and run.jumlah_slip):
        return rekap_opd_hitung(run)
    return run.rekap_opd


def rapel_rekap_opd(rapel: RapelGaji) -> list[dict]:
    """Corrections of a rapel per OPD: count and totals (one query)."""
    return [
        dict(r)
        for r in rapel.penyesuaian.values("slip_asal__opd_id", "slip_asal__opd__nama")
        .annotate(
            jumlah=Count("pk"),
            pegawai=Count("pegawai_id", distinct=True),
            kotor=Sum("selisih_kotor"),
            potongan=Sum("selisih_potongan"),
            bersih=Sum("selisih_bersih"),
            dibayar=Count("pk", filter=Q(run_tujuan__isnull=False)),
        )
        .order_by("slip_asal__opd__nama")
    ]


# --- visibility -------------------------------------------------------------------------------------


def run_list_visible_to(*, user) -> QuerySet[RunGaji]:
    """Pay runs: the Admin BKD and the Pimpinan see every run; nobody else sees the run pages."""
    if roles.is_admin_bkd(user) or roles.is_pimpinan(user):
        return RunGaji.objects.all()
    return RunGaji.objects.none()


def run_get_visible(*, user, pk: int) -> RunGaji:
    run = run_list_visible_to(user=user).filter(pk=pk).first()
    if run is None:
        raise Http404
    return run


def slip_list_visible_to(*, user) -> QuerySet[Slip]:
    """Slips: the Admin BKD and Pimpinan all, an Operator OPD those of their OPD, anyone their own.
    Only slips of locked runs are shown to employees (what was paid)."""
    if roles.is_admin_bkd(user) or roles.is_pimpinan(user):
        return Slip.objects.all()
    cakupan = cakupan_for(user)
    own = (
        Q(pegawai_id=cakupan.pegawai_id, run__status=RunGaji.Status.DIKUNCI)
        if cakupan.pegawai_id
        else Q(pk__in=[])
    )
    if roles.is_operator_opd(user) and cakupan.opd_id:
        return Slip.objects.filter(Q(opd_id=cakupan.opd_id) | own)
    return Slip.objects.filter(own)


def slip_saya_visible_to(*, user) -> QuerySet[Slip]:
    """The user's own slips ("Slip saya"): those of locked runs only (what was paid)."""
    pegawai_id = cakupan_for(user).pegawai_id
    if pegawai_id is None:
        return Slip.objects.none()
    return Slip.objects.filter(pegawai_id=pegawai_id, run__status=RunGaji.Status.DIKUNCI)


def slip_get_visible(*, user, pk: int) -> Slip:
    slip = slip_list_visible_to(user=user).select_related("run", "pegawai").filter(pk=pk).first()
    if slip is None:
        raise Http404
    return slip
