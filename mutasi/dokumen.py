"""Printed decrees of a move: the SK mutasi (with its lampiran), one petikan per person, the SPMT.

Texts follow reference §1.7 (from ../shared/reference/mutasi_pembinaan.md, copied here): KEPUTUSAN
WALI KOTA … TENTANG PEMINDAHAN DAN PENEMPATAN PEGAWAI NEGERI SIPIL; Menimbang; Mengingat (UU 20/2023,
PP 11/2017 jo. PP 17/2020, PP 94/2021, Perda SOTK); Memperhatikan for moves between governments;
MEMUTUSKAN KESATU/KEDUA with the correction clause; tembusan. The defaults below are what the new-SK form
starts with; the BKD edits them per SK.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from core.dates import format_tanggal
from core.documents import qr_png_data_uri, render_pdf, verifikasi_url
from core.models import DokumenTerverifikasi
from core.nip import format_nip

from .models import PegawaiSKMutasi, SKMutasi, UsulanMutasi

JENIS_SK = "SK mutasi"
JENIS_PETIKAN = "Petikan SK mutasi"
JENIS_SPMT = "SPMT"

TENTANG_BAWAAN = "Pemindahan dan Penempatan Pegawai Negeri Sipil"


def kepala_daerah() -> str:
    return getattr(settings, "ASN_KEPALA_DAERAH", "") or f"Wali Kota {settings.ASN_KOTA}"


def menimbang_bawaan() -> str:
    return (
        "a. bahwa dalam rangka pembinaan karier, peningkatan kinerja organisasi, dan pemenuhan kebutuhan "
        "pegawai sesuai analisis jabatan dan analisis beban kerja, dipandang perlu melakukan pemindahan dan "
        "penempatan Pegawai Negeri Sipil;\n"
        "b. bahwa Pegawai Negeri Sipil yang namanya tercantum dalam Keputusan ini dipandang memenuhi syarat "
        "dan cakap untuk dipindahkan dan ditempatkan dalam jabatan sebagaimana dimaksud;\n"
        f"c. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan "
        f"Keputusan {kepala_daerah()} tentang {TENTANG_BAWAAN};"
    )


MENGINGAT_BAWAAN = (
    "1. Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;\n"
    "2. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa kali diubah "
    "terakhir dengan Undang-Undang Nomor 6 Tahun 2023;\n"
    "3. Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil sebagaimana telah "
    "diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020;\n"
    "4. Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil;\n"
    "5. Peraturan Badan Kepegawaian Negara Nomor 5 Tahun 2019 tentang Tata Cara Pelaksanaan Mutasi;\n"
    "6. Peraturan Daerah tentang Pembentukan dan Susunan Perangkat Daerah;"
)

TEMBUSAN_BAWAAN = (
    "Kepala Kantor Regional Badan Kepegawaian Negara\n"
    "Gubernur\n"
    "Kepala Badan Pengelolaan Keuangan dan Aset Daerah\n"
    "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia\n"
    "Inspektur\n"
    "Kepala Perangkat Daerah yang bersangkutan\n"
    "Arsip"
)


def memperhatikan_untuk(usulan_list: list[UsulanMutasi]) -> str:
    """Memperhatikan: the documents behind moves between governments and the placement team's minutes,
    number and date each, from the proposals' fields."""
    baris: list[str] = []

    def tambah(teks: str) -> None:
        if teks not in baris:
            baris.append(teks)

    for u in usulan_list:
        siapa = u.nama_tampil
        if u.antar_instansi:
            if u.persetujuan_asal_nomor:
                tambah(
                    f"Persetujuan PPK {u.instansi or 'instansi asal'} Nomor {u.persetujuan_asal_nomor} "
                    f"tanggal {format_tanggal(u.persetujuan_asal_tanggal)} (a.n. {siapa})"
                )
            if u.pertek_nomor:
                tambah(
                    f"Pertimbangan Teknis Kepala BKN Nomor {u.pertek_nomor} "
                    f"tanggal {format_tanggal(u.pertek_tanggal)} (a.n. {siapa})"
                )
            if u.penetapan_nomor:
                tambah(
                    f"Keputusan {u.get_pejabat_penetap_display()} Nomor {u.penetapan_nomor} "
                    f"tanggal {format_tanggal(u.penetapan_tanggal)} (a.n. {siapa})"
                )
        for rek in u.rekomendasi_tpk.all():
            sidang = rek.sidang
            nomor = f" Nomor {sidang.nomor_berita_acara}" if sidang.nomor_berita_acara else ""
            tambah(
                f"Berita Acara Sidang Tim Penilai Kinerja PNS{nomor} tanggal {format_tanggal(sidang.tanggal)}"
            )
    return "\n".join(f"{i}. {teks};" for i, teks in enumerate(baris, start=1))


def _baris(teks: str) -> list[str]:
    return [b.strip() for b in (teks or "").splitlines() if b.strip()]


def _qr(kode: str) -> tuple[str, str]:
    dokumen = DokumenTerverifikasi.objects.filter(kode=kode).first() if kode else None
    if dokumen is None:
        return "", ""
    url = verifikasi_url(dokumen)
    return qr_png_data_uri(url), url


def _konteks(sk: SKMutasi, items: list[PegawaiSKMutasi], kode: str) -> dict:
    qr, url = _qr(kode)
    return {
        "sk": sk,
        "items": items,
        "kepala_daerah": kepala_daerah(),
        "menimbang": _baris(sk.menimbang),
        "mengingat": _baris(sk.mengingat),
        "memperhatikan": _baris(sk.memperhatikan),
        "tembusan": _baris(sk.tembusan),
        "ttd": sk.penandatangan,
        "qr": qr,
        "verifikasi_url": url,
        "dokumen": {"kode": kode, "draf": False},
        "dibatalkan": sk.status == SKMutasi.Status.DIBATALKAN,
        "kolektif": len(items) > 1,
    }


def sk_pdf(sk: SKMutasi) -> bytes:
    """The whole SK; a collective SK carries its lampiran (No, Nama/NIP, Pangkat/Gol., jabatan lama and
    baru with unit, TMT)."""
    items = list(sk.pegawai_list.all())
    return render_pdf("mutasi/pdf/sk.html", _konteks(sk, items, sk.kode_verifikasi))


def petikan_pdf(sk: SKMutasi, item: PegawaiSKMutasi) -> bytes:
    """Petikan for one person: only their row, certified by the Kepala BKPSDM."""
    from pegawai.models import Penandatangan
    from pegawai.selectors import penandatangan_for

    konteks = _konteks(sk, [item], item.kode_petikan)
    konteks["petikan"] = True
    konteks["item"] = item
    konteks["ttd_petikan"] = penandatangan_for(Penandatangan.Peran.KEPALA_BKPSDM, None, sk.tanggal)
    return render_pdf("mutasi/pdf/petikan.html", konteks)


def spmt_pdf(sk: SKMutasi, item: PegawaiSKMutasi) -> bytes:
    """Surat pernyataan melaksanakan tugas, signed by the head of the new OPD on record at its date."""
    from pegawai.models import Penandatangan
    from pegawai.selectors import penandatangan_for

    konteks = _konteks(sk, [item], item.kode_spmt)
    konteks["item"] = item
    tanggal = item.tanggal_spmt or timezone.localdate()
    konteks["ttd"] = penandatangan_for(Penandatangan.Peran.KEPALA_OPD, item.opd_tujuan_id, tanggal)
    return render_pdf("mutasi/pdf/spmt.html", konteks)


def fakta_sk(sk: SKMutasi, items: list[PegawaiSKMutasi]) -> dict[str, str]:
    fakta = {"Nomor": sk.nomor, "Tanggal": format_tanggal(sk.tanggal), "Jumlah pegawai": str(len(items))}
    if len(items) == 1:
        fakta |= {"Pegawai": items[0].nama, "NIP": format_nip(items[0].nip)}
    tmt = sorted({i.tmt for i in items})
    if tmt:
        fakta["Terhitung mulai"] = ", ".join(format_tanggal(t) for t in tmt)
    return fakta


def fakta_item(sk: SKMutasi, item: PegawaiSKMutasi) -> dict[str, str]:
    return {
        "Nomor": sk.nomor,
        "Pegawai": item.nama,
        "NIP": format_nip(item.nip),
        "Terhitung mulai": format_tanggal(item.tmt),
        "Jabatan baru": item.tujuan_tampil,
    }
