"""Printed pay documents: the pay slip (one page, the lines with their explanations, QR verification).

A slip's verification record reuses the slip's own code, so printing it again does not multiply records,
and nothing is written for the 50,000 slips of a run until one is printed."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from core.documents import dokumen_register, dokumen_revoke, qr_svg_data_uri, render_pdf, verifikasi_url
from core.models import DokumenTerverifikasi
from core.money import format_rupiah
from core.nip import format_nip
from pegawai.models import Penandatangan
from pegawai.selectors import penandatangan_for

from .models import KenaikanGajiBerkala, RunGaji, Slip, TabelGajiPokok

JENIS_SLIP = "Slip gaji"

SATUAN = [
    "",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
]


def terbilang(n: int) -> str:
    """Whole rupiah in Indonesian words: 1.250.000 → 'satu juta dua ratus lima puluh ribu'."""
    n = int(n)
    if n < 0:
        return "minus " + terbilang(-n)
    if n < 12:
        return SATUAN[n] or "nol"
    if n < 20:
        return f"{SATUAN[n - 10]} belas"
    if n < 100:
        return f"{SATUAN[n // 10]} puluh {terbilang(n % 10) if n % 10 else ''}".strip()
    if n < 200:
        return f"seratus {terbilang(n - 100) if n > 100 else ''}".strip()
    if n < 1000:
        return f"{SATUAN[n // 100]} ratus {terbilang(n % 100) if n % 100 else ''}".strip()
    if n < 2000:
        return f"seribu {terbilang(n - 1000) if n > 1000 else ''}".strip()
    for besar, nama in ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu")):
        if n >= besar:
            depan, sisa = divmod(n, besar)
            return f"{terbilang(depan)} {nama} {terbilang(sisa) if sisa else ''}".strip()
    raise AssertionError("unreachable")


def slip_fakta(slip: Slip) -> dict[str, str]:
    return {
        "Pegawai": slip.nama,
        "NIP": format_nip(slip.nip),
        "Unit kerja": slip.nama_unit,
        "Periode": str(slip.run),
        "Jumlah bersih": format_rupiah(slip.jumlah_bersih),
    }


def slip_sumber(run_id: int, pegawai_id: int | None = None) -> str:
    """The verification records' `sumber` of a run's slips (all of them without pegawai_id)."""
    return f"penggajian.slip:{run_id}:" + ("" if pegawai_id is None else str(pegawai_id))


def slip_final(slip: Slip) -> bool:
    """A slip proves a payment only once its run is approved (or locked); before, it is a draft."""
    return slip.run.status in (RunGaji.Status.DISETUJUI, RunGaji.Status.DIKUNCI)


def slip_dokumen(slip: Slip, actor_name: str = "") -> DokumenTerverifikasi:
    """The verification record of a printed slip.

    A final slip reuses the slip's own code (printing it again adds no record). A draft print gets a
    code of its own, is marked DRAF on paper and on the verification page, and is pointed to the final
    slip once that is printed; recomputing the run revokes every print of its slips (run_hitung).
    """
    return dokumen_register(
        jenis=JENIS_SLIP,
        judul=f"{slip.run} — {slip.nama}",
        fakta=slip_fakta(slip),
        actor_name=actor_name,
        sumber=slip_sumber(slip.run_id, slip.pegawai_id),
        draf=not slip_final(slip),
        kode=slip.kode_verifikasi if slip_final(slip) else None,
    )


def slip_dokumen_revoke(run: RunGaji, *, alasan: str) -> int:
    """Revoke the verification records of every slip printed from the run (it is being recomputed)."""
    return dokumen_revoke(sumber_prefix=slip_sumber(run.pk), alasan=alasan)


def kelompok_rincian(slip: Slip) -> dict[str, list[dict]]:
    grup: dict[str, list[dict]] = {"penghasilan": [], "potongan": [], "info": []}
    for baris in slip.rincian:
        grup.setdefault(baris["jenis"], []).append(baris)
    return grup


def slip_context(slip: Slip) -> dict:
    hari_ini = timezone.localdate()
    return {
        "slip": slip,
        "grup": kelompok_rincian(slip),
        "terbilang": terbilang(int(slip.jumlah_bersih)).capitalize() + " rupiah",
        "hari_ini": hari_ini,
        "ttd": penandatangan_for(Penandatangan.Peran.BENDAHARA_PENGELUARAN, slip.opd_id, hari_ini),
    }


def slip_pdf(*, slip: Slip, actor=None) -> bytes:
    dokumen = slip_dokumen(slip, actor.get_full_name() or actor.username if actor else "")
    url = verifikasi_url(dokumen)
    return render_pdf(
        "penggajian/pdf/slip.html",
        {**slip_context(slip), "dokumen": dokumen, "qr": qr_svg_data_uri(url), "verifikasi_url": url},
    )


def rupiah_int(value) -> int:
    return int(Decimal(value))


JENIS_SK_KGB = "SK Kenaikan Gaji Berkala"


def dasar_hukum_kgb(kgb: KenaikanGajiBerkala) -> dict[str, str]:
    """The legal basis a KGB decree cites: the gaji pokok table in force at its TMT (its own regulation,
    e.g. PP 5/2024, the nineteenth amendment of PP 7/1977, Lampiran) and the KGB rule itself."""
    tabel = (
        TabelGajiPokok.objects.filter(jenis=TabelGajiPokok.Jenis.PNS, berlaku_mulai__lte=kgb.tmt)
        .order_by("-berlaku_mulai")
        .first()
    )
    return {
        "gaji_pokok": tabel.dasar_hukum if tabel else "",
        "kgb": (
            "Peraturan Pemerintah Nomor 7 Tahun 1977 tentang Peraturan Gaji Pegawai Negeri Sipil sebagaimana "
            "telah beberapa kali diubah, terakhir dengan Peraturan Pemerintah Nomor 5 Tahun 2024 (kenaikan gaji "
            "berkala setiap 2 tahun masa kerja golongan)"
        ),
        "kinerja": (
            "Peraturan Pemerintah Nomor 30 Tahun 2019 tentang Penilaian Kinerja Pegawai Negeri Sipil dan "
            "Peraturan Menteri PANRB Nomor 6 Tahun 2022 tentang Pengelolaan Kinerja Pegawai ASN (predikat "
            "kinerja paling rendah Baik dalam 2 tahun terakhir)"
        ),
    }


def sk_kgb_pdf(*, kgb, actor=None) -> bytes:
    """Surat keputusan kenaikan gaji berkala: the gaji pokok table in force at the TMT and the KGB rule as
    legal basis, the predikat that met the performance condition, signed by the Kepala BKPSDM on record
    at the decree's date (Penandatangan)."""
    from core.dates import add_months

    p = kgb.pegawai
    dokumen = dokumen_register(
        jenis=JENIS_SK_KGB,
        judul=f"SK KGB {p.nama} TMT {kgb.tmt:%d-%m-%Y}",
        fakta={
            "Nomor": kgb.nomor_sk,
            "Pegawai": p.nama_lengkap,
            "NIP": format_nip(p.nip),
            "Gaji pokok baru": format_rupiah(kgb.gaji_pokok_baru),
            "Terhitung mulai": f"{kgb.tmt:%d-%m-%Y}",
        },
        actor_name=(actor.get_full_name() or actor.username) if actor else "",
    )
    url = verifikasi_url(dokumen)
    tanggal_sk = kgb.tanggal_sk or timezone.localdate()
    return render_pdf(
        "penggajian/pdf/sk_kgb.html",
        {
            "kgb": kgb,
            "p": p,
            "dasar": dasar_hukum_kgb(kgb),
            "mkg_lama": max(kgb.mkg_tahun - 2, 0),
            "berikutnya": add_months(kgb.tmt, 24),
            "terbilang_baru": terbilang(int(kgb.gaji_pokok_baru)).capitalize() + " rupiah",
            "dokumen": dokumen,
            "qr": qr_svg_data_uri(url),
            "verifikasi_url": url,
            "hari_ini": tanggal_sk,
            "ttd": penandatangan_for(Penandatangan.Peran.KEPALA_BKPSDM, None, tanggal_sk),
        },
    )
