"""Certificates of events and e-learning: a number from core.penomoran (kind ``sertifikat_pelatihan``),
a verification record (core.documents) whose QR code points to /verifikasi/<kode>/, and the PDF.

`sertifikat_catat` runs inside the caller's transaction: the number, the ledger line and the verification
record are written together or not at all (a number already in the ledger refuses the whole write and the
register's counter rolls back with it).
"""

from __future__ import annotations

from decimal import Decimal

from core.dates import format_tanggal
from core.documents import dokumen_register, qr_png_data_uri, render_pdf, verifikasi_url
from core.models import DokumenTerverifikasi
from core.penomoran import terbitkan_nomor
from pegawai.models import Pegawai, Penandatangan
from pegawai.selectors import penandatangan_for

from . import services
from .models import KegiatanPengembangan

JENIS_NOMOR = "sertifikat_pelatihan"
JENIS_DOKUMEN = "Sertifikat pengembangan kompetensi"


def _nama_aktor(actor) -> str:
    if not getattr(actor, "is_authenticated", False):
        return "sistem"
    return (actor.get_full_name() or actor.get_username())[:150]


def sertifikat_catat(
    *,
    actor,
    pegawai: Pegawai,
    sumber: str,
    sumber_dokumen: str,
    data: dict,
) -> tuple[KegiatanPengembangan, DokumenTerverifikasi]:
    """Issue the certificate number, credit the activity in the ledger (verified at once, JP by the rule)
    and register the certificate for verification. Call inside `transaction.atomic()`."""
    nomor = terbitkan_nomor(
        jenis=JENIS_NOMOR, tanggal=data["tanggal_selesai"], actor=actor, sumber=sumber_dokumen
    )
    kegiatan = services.kegiatan_catat(
        actor=actor, pegawai=pegawai, sumber=sumber, data={**data, "nomor_sertifikat": nomor.nomor}
    )
    dokumen = dokumen_register(
        jenis=JENIS_DOKUMEN,
        judul=f"Sertifikat {kegiatan.nama_pelatihan}"[:255],
        fakta={
            "Nomor": nomor.nomor,
            "Pegawai": pegawai.nama,
            "NIP": pegawai.nip,
            "Periode": f"{format_tanggal(kegiatan.tanggal_mulai)} s.d. {format_tanggal(kegiatan.tanggal_selesai)}",
            "Pelatihan": kegiatan.nama_pelatihan,
            "JP": _jp_teks(kegiatan.jp_diakui),
        },
        actor_name=_nama_aktor(actor),
        sumber=sumber_dokumen,
    )
    return kegiatan, dokumen


def _jp_teks(jp: Decimal) -> str:
    return f"{jp.normalize():f}".replace(".", ",")


def sertifikat_pdf(
    *, kegiatan: KegiatanPengembangan, kode: str, penyelenggara: str, kualifikasi: str
) -> bytes:
    dokumen = DokumenTerverifikasi.objects.filter(kode=kode).first() if kode else None
    url = verifikasi_url(dokumen) if dokumen else ""
    pegawai = kegiatan.pegawai
    return render_pdf(
        "pembinaan/pdf/sertifikat.html",
        {
            "kegiatan": kegiatan,
            "pegawai": pegawai,
            "jp": _jp_teks(kegiatan.jp_diakui),
            "penyelenggara": penyelenggara,
            "kualifikasi": kualifikasi,
            "qr": qr_png_data_uri(url) if url else "",
            "verifikasi_url": url,
            "dokumen": {"kode": kode, "draf": False},
            # signed by the Kepala BKPSDM in office on the day the activity ended (/penandatangan/)
            "ttd": penandatangan_for(Penandatangan.Peran.KEPALA_BKPSDM, None, kegiatan.tanggal_selesai),
        },
    )
