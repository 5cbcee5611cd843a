"""The one content check every upload passes before it is stored or read.

The extension says what a file claims to be; the first bytes say what it is. An executable renamed
`bukti.pdf` is refused here, before anything is written to storage.

- PDF, PNG, JPG: their magic bytes.
- XLSX, DOCX: a ZIP whose member list holds `[Content_Types].xml` and the part of that format
  (`xl/workbook.xml`, `word/document.xml`); only the ZIP directory is read, not the members.
- CSV: text — no NUL byte and valid UTF-8 in the first 64 KB.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError

SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}
OOXML_PART = {".xlsx": "xl/workbook.xml", ".docx": "word/document.xml"}
CSV_SNIFF_BYTES = 64 * 1024

BUKTI_EKSTENSI = (".pdf", ".jpg", ".jpeg", ".png", ".xlsx", ".docx")
GAMBAR_PDF_EKSTENSI = (".pdf", ".jpg", ".jpeg", ".png")
SPREADSHEET_EKSTENSI = (".xlsx", ".csv")

_NAMA = {".pdf": "PDF", ".png": "PNG", ".jpg": "JPG", ".jpeg": "JPG", ".xlsx": "XLSX", ".docx": "DOCX"}


def _label(allowed: tuple[str, ...]) -> str:
    names = list(dict.fromkeys(_NAMA.get(ext, ext[1:].upper()) for ext in allowed))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " atau " + names[-1]


def upload_check(berkas, *, allowed: tuple[str, ...], max_bytes: int, field: str = "berkas") -> str:
    """Check an uploaded file's extension, size and content; return its extension (lower case).

    Raises ValidationError keyed by `field` with an Indonesian message. Reads at most 64 KB and the ZIP
    directory; leaves the file positioned at its start.
    """
    ext = Path(berkas.name or "").suffix.lower()
    if ext not in allowed:
        raise ValidationError(
            {field: f"Jenis berkas {ext or '(tanpa ekstensi)'} tidak diterima; gunakan {_label(allowed)}."}
        )
    if berkas.size > max_bytes:
        raise ValidationError(
            {
                field: f"Berkas {berkas.size / 1024 / 1024:.1f} MB terlalu besar; maksimal "
                f"{max_bytes // 1024 // 1024} MB.".replace(".", ",", 1)
            }
        )
    if not _content_matches(berkas, ext):
        raise ValidationError({field: f"Isi berkas bukan {_NAMA.get(ext, ext[1:].upper())} yang sah."})
    return ext


def _content_matches(berkas, ext: str) -> bool:
    berkas.seek(0)
    try:
        if ext in SIGNATURES:
            return berkas.read(16).startswith(SIGNATURES[ext])
        if ext in OOXML_PART:
            if not berkas.read(4).startswith(b"PK\x03\x04"):
                return False
            berkas.seek(0)
            try:
                with zipfile.ZipFile(berkas) as archive:
                    names = set(archive.namelist())
            except (zipfile.BadZipFile, OSError, ValueError, EOFError):
                return False
            return "[Content_Types].xml" in names and OOXML_PART[ext] in names
        if ext == ".csv":
            head = berkas.read(CSV_SNIFF_BYTES)
            if b"\x00" in head:
                return False
            try:
                head.decode("utf-8")
            except UnicodeDecodeError as exc:
                # A multi-byte character cut by the sniff window is fine; anything earlier is not UTF-8.
                return len(head) == CSV_SNIFF_BYTES and exc.start >= len(head) - 3
            return True
        return False
    finally:
        berkas.seek(0)
