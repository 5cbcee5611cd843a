"""Month-over-month diff of a run: who is new, who is gone, whose net pay changed, and why (from the input
snapshots stored on both slips). The changed set is found in SQL; only those slips are loaded."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection

from core.money import format_rupiah

from .models import RunGaji, Slip

SQL_BERUBAH = """
SELECT COALESCE(a.pegawai_id, b.pegawai_id), a.jumlah_bersih, b.jumlah_bersih
  FROM (SELECT pegawai_id, jumlah_bersih FROM penggajian_slip WHERE run_id = %(run)s) a
  FULL OUTER JOIN (SELECT pegawai_id, jumlah_bersih FROM penggajian_slip WHERE run_id = %(lalu)s) b
    ON a.pegawai_id = b.pegawai_id
 WHERE a.jumlah_bersih IS DISTINCT FROM b.jumlah_bersih
"""

LABEL_PREDIKAT = {
    "sangat baik": "Sangat Baik",
    "baik": "Baik",
    "butuh perbaikan": "Butuh Perbaikan",
    "kurang": "Kurang",
    "sangat kurang": "Sangat Kurang",
    None: "belum ada",
}


def run_sebelumnya(run: RunGaji) -> RunGaji | None:
    tahun, bulan = (run.tahun, run.bulan - 1) if run.bulan > 1 else (run.tahun - 1, 12)
    return RunGaji.objects.filter(jenis=run.jenis, tahun=tahun, bulan=bulan).first()


# A KGB raises the MKG by two years (PP 7/1977 Pasal 9); a bigger step from one month to the next means a
# decree was skipped or mistyped, or the recorded MKG and the KGB history disagree.
LANGKAH_MKG = 2


def peringatan_mkg(lama: dict, baru: dict) -> str:
    """A warning with the numbers when the MKG of two input snapshots differs by more than two years."""
    a, b = lama.get("mkg_tahun"), baru.get("mkg_tahun")
    if not isinstance(a, int) or not isinstance(b, int) or abs(b - a) <= LANGKAH_MKG:
        return ""
    sumber_lama = f" ({lama['sumber_mkg']})" if lama.get("sumber_mkg") else ""
    sumber_baru = f" ({baru['sumber_mkg']})" if baru.get("sumber_mkg") else ""
    return (
        f"MKG berubah {abs(b - a)} tahun sekaligus: {a} tahun{sumber_lama} → {b} tahun{sumber_baru}; "
        f"KGB menaikkan MKG {LANGKAH_MKG} tahun sekali, periksa SK pangkat dan KGB pegawai ini"
    )


def alasan_perubahan(lama: dict, baru: dict, kolom_lama: dict, kolom_baru: dict, koreksi: bool) -> list[str]:
    """Short Indonesian reasons from two input snapshots (and register columns)."""
    alasan = []
    if lama.get("golongan") != baru.get("golongan"):
        alasan.append(f"golongan {lama.get('golongan') or '-'} → {baru.get('golongan') or '-'}")
    if lama.get("mkg_tahun") != baru.get("mkg_tahun"):
        sumber = f" ({baru['sumber_mkg']})" if baru.get("sumber_mkg") else ""
        alasan.append(f"MKG {lama.get('mkg_tahun')} → {baru.get('mkg_tahun')} tahun{sumber}")
    if lama.get("status_kepegawaian") != baru.get("status_kepegawaian"):
        alasan.append(f"status {lama.get('status_kepegawaian')} → {baru.get('status_kepegawaian')}")
    if (lama.get("pasangan_ditunjang"), lama.get("anak_ditunjang")) != (
        baru.get("pasangan_ditunjang"),
        baru.get("anak_ditunjang"),
    ):
        alasan.append(
            f"tanggungan keluarga {lama.get('pasangan_ditunjang', 0)} pasangan/{lama.get('anak_ditunjang', 0)} anak → "
            f"{baru.get('pasangan_ditunjang', 0)}/{baru.get('anak_ditunjang', 0)}"
        )
    if lama.get("nama_jabatan") != baru.get("nama_jabatan") or lama.get("eselon") != baru.get("eselon"):
        alasan.append(f"jabatan {lama.get('nama_jabatan') or '-'} → {baru.get('nama_jabatan') or '-'}")
    if lama.get("kelas_jabatan") != baru.get("kelas_jabatan"):
        alasan.append(f"kelas jabatan {lama.get('kelas_jabatan')} → {baru.get('kelas_jabatan')}")
    if lama.get("predikat") != baru.get("predikat"):
        alasan.append(
            f"predikat {LABEL_PREDIKAT.get(lama.get('predikat'), lama.get('predikat'))} → "
            f"{LABEL_PREDIKAT.get(baru.get('predikat'), baru.get('predikat'))}"
        )
    if (
        str(kolom_lama.get("persen_disiplin")) != str(kolom_baru.get("persen_disiplin"))
        and "persen_disiplin" in kolom_baru
    ):
        alasan.append(
            f"capaian disiplin {kolom_lama.get('persen_disiplin', '-')} % → {kolom_baru.get('persen_disiplin')} %"
        )
    if lama.get("hukdis") != baru.get("hukdis"):
        alasan.append(
            f"hukuman disiplin {lama.get('hukdis') or 'tidak ada'} → {baru.get('hukdis') or 'tidak ada'}"
        )
    if lama.get("aturan") != baru.get("aturan"):
        alasan.append("versi aturan berubah")
    if koreksi:
        alasan.append("ada koreksi bulan sebelumnya")
    if not alasan and int(kolom_lama.get("potongan_pph", 0) or 0) != int(
        kolom_baru.get("potongan_pph", 0) or 0
    ):
        alasan.append("PPh 21 berubah")
    return alasan or ["pembulatan atau komponen lain"]


def perubahan_run(run: RunGaji) -> dict:
    lalu = run_sebelumnya(run)
    if lalu is None:
        return {"lalu": None, "baris": [], "ringkasan": {}}
    with connection.cursor() as cursor:
        cursor.execute(SQL_BERUBAH, {"run": run.pk, "lalu": lalu.pk})
        berubah = {pid: (baru, lama) for pid, baru, lama in cursor.fetchall()}
    fields = ("pegawai_id", "nip", "nama", "nama_unit", "jumlah_bersih", "masukan", "kolom", "rincian")
    slips_baru = {
        r[0]: r for r in Slip.objects.filter(run=run, pegawai_id__in=list(berubah)).values_list(*fields)
    }
    slips_lama = {
        r[0]: r for r in Slip.objects.filter(run=lalu, pegawai_id__in=list(berubah)).values_list(*fields)
    }
    baris = []
    ringkasan = {"baru": 0, "keluar": 0, "berubah": 0, "peringatan": 0, "selisih": Decimal(0)}
    for pid in berubah:
        peringatan = ""
        b, a = slips_baru.get(pid), slips_lama.get(pid)
        ref = b or a
        bersih_baru = b[4] if b else Decimal(0)
        bersih_lama = a[4] if a else Decimal(0)
        if b and not a:
            jenis, alasan = (
                "baru",
                ["tidak ada slip bulan lalu (pegawai baru atau sebelumnya gagal dihitung)"],
            )
            ringkasan["baru"] += 1
        elif a and not b:
            jenis, alasan = (
                "keluar",
                ["tidak ada slip bulan ini (tidak aktif, dikecualikan, atau gagal dihitung)"],
            )
            ringkasan["keluar"] += 1
        else:
            jenis = "berubah"
            koreksi = any(r.get("kode") == "koreksi" for r in (b[7] or []))
            alasan = alasan_perubahan(a[5] or {}, b[5] or {}, a[6] or {}, b[6] or {}, koreksi)
            peringatan = peringatan_mkg(a[5] or {}, b[5] or {})
            ringkasan["berubah"] += 1
            ringkasan["peringatan"] += bool(peringatan)
        ringkasan["selisih"] += bersih_baru - bersih_lama
        baris.append(
            {
                "pegawai_id": pid,
                "nip": ref[1],
                "nama": ref[2],
                "unit": ref[3],
                "jenis": jenis,
                "lama": bersih_lama,
                "baru": bersih_baru,
                "selisih": bersih_baru - bersih_lama,
                "alasan": "; ".join(alasan),
                "peringatan": peringatan,
            }
        )
    # Warnings first, then the biggest differences.
    baris.sort(key=lambda r: (not r["peringatan"], -abs(r["selisih"]), r["nama"]))
    ringkasan["selisih_rp"] = format_rupiah(ringkasan["selisih"])
    return {"lalu": lalu, "baris": baris, "ringkasan": ringkasan}
