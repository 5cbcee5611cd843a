"""Printed documents: PDF rendering with WeasyPrint, QR codes, verification records."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from .models import DokumenTerverifikasi


def dokumen_register(
    *, jenis: str, judul: str, fakta: dict[str, str], actor_name: str = ""
) -> DokumenTerverifikasi:
    """Record a document about to be printed and return it (its kode goes into the QR code)."""
    return DokumenTerverifikasi.objects.create(jenis=jenis, judul=judul, fakta=fakta, dibuat_oleh=actor_name)


def verifikasi_url(dokumen: DokumenTerverifikasi) -> str:
    return settings.ASN_BASE_URL.rstrip("/") + reverse("verifikasi", args=[dokumen.kode])


def qr_svg_data_uri(text: str) -> str:
    import segno

    return segno.make(text, error="m").svg_data_uri(scale=3, border=1)


def qr_png_data_uri(text: str) -> str:
    """The same QR code as a small PNG: cheaper for WeasyPrint to parse and draw than an SVG path, which
    counts when hundreds of documents go into one PDF (bulk pay slips)."""
    import segno

    return segno.make(text, error="m").png_data_uri(scale=4, border=1)


def letterhead_context() -> dict[str, str]:
    """The deployment's identity for letterheads and signature blocks (from settings / environment)."""
    return {
        "pemda": settings.ASN_NAMA_PEMDA,
        "instansi": settings.ASN_NAMA_INSTANSI,
        "instansi_singkat": getattr(settings, "ASN_NAMA_INSTANSI_SINGKAT", "BKPSDM"),
        "kota": settings.ASN_KOTA,
    }


def render_pdf(template_name: str, context: dict, *, base_url: str | None = None) -> bytes:
    """Render a Django template to PDF bytes with WeasyPrint."""
    from weasyprint import HTML

    html = render_to_string(template_name, {**letterhead_context(), **context})
    return HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).write_pdf()
