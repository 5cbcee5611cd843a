"""Printed plans: the employee's development plan and the rencana pengembangan kompetensi (OPD or
government), WeasyPrint PDFs with a verification QR (core.documents). A plan not yet agreed (or a roll-up
not yet approved by the PPK) prints as DRAF."""

from __future__ import annotations

from django.utils import timezone

from core.documents import dokumen_register, qr_png_data_uri, render_pdf, verifikasi_url
from core.money import format_rupiah
from core.nip import format_nip

from . import selectors_kebutuhan as sk
from .models import RencanaKompetensi, RencanaPengembangan

JENIS_RENCANA = "Rencana pengembangan kompetensi pegawai"
JENIS_REKAP = "Rencana pengembangan kompetensi"


def rencana_pdf(rencana: RencanaPengembangan, *, actor_name: str = "") -> bytes:
    kegiatan = sk.kegiatan_rencana(rencana)
    total_jp = sum((k.target_jp for k in kegiatan), 0)
    total_biaya = sum(k.biaya for k in kegiatan)
    dokumen = dokumen_register(
        jenis=JENIS_RENCANA,
        judul=f"Rencana pengembangan {rencana.tahun} — {rencana.pegawai.nama_lengkap}",
        fakta={
            "Pegawai": rencana.pegawai.nama_lengkap,
            "NIP": format_nip(rencana.pegawai.nip),
            "Tahun": str(rencana.tahun),
            "Target JP": f"{total_jp:g}",
            "Biaya": format_rupiah(total_biaya),
        },
        actor_name=actor_name,
        sumber=f"pembinaan.rencana:{rencana.pk}",
        draf=rencana.status != RencanaPengembangan.Status.DISETUJUI,
    )
    return render_pdf(
        "pembinaan/pdf/rencana.html",
        {
            "rencana": rencana,
            "pegawai": rencana.pegawai,
            "kegiatan": kegiatan,
            "kebutuhan": sk.kebutuhan_pegawai(rencana.pegawai, rencana.tahun),
            "total_jp": total_jp,
            "total_biaya": total_biaya,
            "dokumen": dokumen,
            "qr": qr_png_data_uri(verifikasi_url(dokumen)),
            "verifikasi_url": verifikasi_url(dokumen),
            "hari_ini": timezone.localdate(),
        },
    )


def rekap_pdf(tahun: int, opd, *, actor_name: str = "") -> bytes:
    opd_id = opd.pk if opd else None
    rows = sk.rekap_per_opd(None, tahun, opd_id=opd_id)
    angka = sk.rekap_angka(None, tahun, opd_id=opd_id)
    persetujuan = (
        RencanaKompetensi.objects.filter(tahun=tahun, opd=opd).select_related("disetujui_oleh").first()
    )
    disetujui = persetujuan is not None and persetujuan.status == RencanaKompetensi.Status.DISETUJUI
    nama = opd.nama if opd else "Pemerintah Daerah"
    dokumen = dokumen_register(
        jenis=JENIS_REKAP,
        judul=f"Rencana pengembangan kompetensi {tahun} — {nama}",
        fakta={
            "Cakupan": nama,
            "Tahun": str(tahun),
            "JP direncanakan": f"{angka['jp_disetujui']:g}",
            "Biaya": format_rupiah(angka["biaya_disetujui"]),
        },
        actor_name=actor_name,
        sumber=f"pembinaan.rpk:{tahun}:{opd_id or 'pemda'}",
        draf=not disetujui,
    )
    return render_pdf(
        "pembinaan/pdf/rekap.html",
        {
            "tahun": tahun,
            "opd": opd,
            "nama": nama,
            "rows": rows,
            "angka": angka,
            "per_bentuk": sk.rekap_per_bentuk(None, tahun, opd_id=opd_id),
            "per_sumber": sk.rekap_per_sumber(None, tahun, opd_id=opd_id),
            "persetujuan": persetujuan if disetujui else None,
            "dokumen": dokumen,
            "qr": qr_png_data_uri(verifikasi_url(dokumen)),
            "verifikasi_url": verifikasi_url(dokumen),
            "hari_ini": timezone.localdate(),
        },
    )
