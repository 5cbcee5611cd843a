"""Printed documents: PDF rendering with WeasyPrint, QR codes, verification records."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import DokumenTerverifikasi


def dokumen_register(
    *,
    jenis: str,
    judul: str,
    fakta: dict[str, str],
    actor_name: str = "",
    sumber: str = "",
    draf: bool = False,
    kode: str | None = None,
) -> DokumenTerverifikasi:
    """Record a document about to be printed and return it (its kode goes into the QR code).

    With `kode` the record is fetched or created under that code (a pay slip reuses its own code, so
    printing it again does not multiply records). A final (non-draft) document names itself the
    replacement of earlier revoked or draft prints of the same `sumber`.
    """
    values: dict[str, object] = {
        "jenis": jenis, "judul": judul[:255], "fakta": fakta, "dibuat_oleh": actor_name,
        "sumber": sumber, "draf": draf,
    }  # fmt: skip
    if kode is None:
        dokumen = DokumenTerverifikasi.objects.create(**values)
    else:
        dokumen, _ = DokumenTerverifikasi.objects.get_or_create(kode=kode, defaults=values)
    if sumber and not dokumen.draf:
        dokumen_link_replacement([sumber])
    return dokumen


def dokumen_link_replacement(sumber: list[str]) -> int:
    """Point earlier revoked or draft prints of each sumber to the latest valid print of it, if any."""
    if not sumber:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE core_dokumenterverifikasi AS lama SET diganti_oleh_id = baru.id
            FROM (
                SELECT DISTINCT ON (sumber) id, sumber FROM core_dokumenterverifikasi
                WHERE sumber = ANY(%s) AND dicabut IS NULL AND NOT draf
                ORDER BY sumber, dibuat DESC, id DESC
            ) AS baru
            WHERE lama.sumber = baru.sumber AND lama.id <> baru.id
              AND (lama.dicabut IS NOT NULL OR lama.draf)
              AND lama.diganti_oleh_id IS DISTINCT FROM baru.id
            """,
            [list(sumber)],
        )
        return cursor.rowcount


def dokumen_revoke(*, sumber_prefix: str, alasan: str) -> int:
    """Revoke every still-valid print whose sumber starts with the prefix (e.g. the slips of a run that
    is being recomputed); their verification page then says they are no longer valid."""
    return DokumenTerverifikasi.objects.filter(sumber__startswith=sumber_prefix, dicabut__isnull=True).update(
        dicabut=timezone.now(), alasan_dicabut=alasan[:255]
    )


# What the public verification page shows of a document: enough for a verifier to tell which document
# it is and whether it is valid (UU 27/2022 PDP, data minimisation). Any other fact (net pay, predikat,
# ratings, …) is not shown; a verifier holding the paper can check that its value matches.
FAKTA_PUBLIK = (
    "Nomor",
    "Pegawai",
    "NIP",
    "Periode",
    "Periode penilaian",
    "Terhitung mulai",
    "OPD",
    "Keadaan per",
)


def fakta_publik(dokumen: DokumenTerverifikasi) -> list[tuple[str, str]]:
    from .nip import mask_nip

    return [
        (label, mask_nip(str(nilai)) if label == "NIP" else str(nilai))
        for label, nilai in dokumen.fakta.items()
        if label in FAKTA_PUBLIK
    ]


def fakta_tersembunyi(dokumen: DokumenTerverifikasi) -> list[str]:
    """The labels a verifier may check against the paper without the page showing their value."""
    return [label for label in dokumen.fakta if label not in FAKTA_PUBLIK]


def _normal(text: str) -> str:
    text = "".join(ch for ch in str(text).casefold() if ch.isalnum())
    return text.removeprefix("rp")


def fakta_cocok(dokumen: DokumenTerverifikasi, label: str, nilai: str) -> bool | None:
    """Whether a value read from the paper matches the record (spaces, dots and "Rp" ignored);
    None when the document has no such fact."""
    if label not in fakta_tersembunyi(dokumen):
        return None
    return bool(_normal(nilai)) and _normal(nilai) == _normal(dokumen.fakta[label])


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
