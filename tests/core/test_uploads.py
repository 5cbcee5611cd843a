"""One content check for every upload: the first bytes, not the extension, decide; nothing is stored
of a refused file; a hostile spreadsheet gives a message, never a 500."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from core.uploads import BUKTI_EKSTENSI, SPREADSHEET_EKSTENSI, upload_check
from pegawai.models import UsulanPerubahanData

MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64  # a Windows executable


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def _zip(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("nama", "isi", "lolos"),
    [
        ("a.pdf", b"%PDF-1.7\n", True),
        ("a.png", b"\x89PNG\r\n\x1a\n....", True),
        ("a.jpg", b"\xff\xd8\xff\xe0..JFIF", True),
        ("a.xlsx", _xlsx(), True),
        ("a.docx", _zip(**{"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}), True),
        ("a.pdf", MZ, False),
        ("a.jpg", MZ, False),
        ("a.png", b"%PDF-1.7", False),
        ("a.xlsx", MZ, False),
        ("a.xlsx", b"PK\x03\x04 bukan zip", False),
        ("a.xlsx", _zip(**{"evil.exe": "MZ"}), False),  # a ZIP, but not a workbook
        ("a.docx", _xlsx(), False),  # a workbook named .docx
        ("a.exe", MZ, False),
    ],
)
def test_content_decides_not_the_extension(nama, isi, lolos):
    berkas = SimpleUploadedFile(nama, isi)
    if lolos:
        assert upload_check(berkas, allowed=BUKTI_EKSTENSI, max_bytes=5_000_000) == Path(nama).suffix
        assert berkas.tell() == 0
    else:
        with pytest.raises(ValidationError) as err:
            upload_check(berkas, allowed=BUKTI_EKSTENSI, max_bytes=5_000_000)
        assert err.value.message_dict["berkas"][0].startswith(("Isi berkas bukan", "Jenis berkas .exe"))


def test_csv_must_be_utf8_text():
    ok = SimpleUploadedFile("a.csv", "nip,nama\n1,Ãndi Pråtama\n".encode())
    assert upload_check(ok, allowed=SPREADSHEET_EKSTENSI, max_bytes=1_000_000) == ".csv"
    for isi in (MZ, "nip,nama\n1,Andi\n".encode("utf-16"), b"nip\n\xff\xfe\xfa\n"):
        with pytest.raises(ValidationError, match="Isi berkas bukan CSV yang sah"):
            upload_check(SimpleUploadedFile("a.csv", isi), allowed=SPREADSHEET_EKSTENSI, max_bytes=1_000_000)


def test_an_executable_named_pdf_is_not_stored_as_correction_evidence(
    org, users, client_as, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = client_as("pegawai")
    response = client.post(
        "/usulan-perubahan/ajukan/",
        {
            "field": "nomor_rekening",
            "nilai_baru": "1234567890",
            "alasan": "Pindah bank",
            "bukti": SimpleUploadedFile("buku-rekening.pdf", MZ, content_type="application/pdf"),
        },
    )
    assert response.status_code == 200
    assert "Isi berkas bukan PDF yang sah." in response.content.decode()
    assert not UsulanPerubahanData.objects.exists()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_the_service_refuses_it_too(org, users):
    from pegawai import services

    with pytest.raises(ValidationError) as err:
        services.usulan_perubahan_create(
            actor=users["pegawai"],
            pegawai=org.staf_a,
            field="nomor_rekening",
            nilai_baru="1234567890",
            alasan="Pindah bank",
            bukti=SimpleUploadedFile("a.pdf", MZ),
        )
    assert err.value.message_dict == {"bukti": ["Isi berkas bukan PDF yang sah."]}


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("p.xlsx", b"PK\x03\x04 rusak", "Isi berkas bukan XLSX yang sah."),
        ("p.xlsx", MZ, "Isi berkas bukan XLSX yang sah."),
        ("p.csv", MZ, "Isi berkas bukan CSV yang sah."),
        ("p.csv", b"nip," + b"x" * 200_000 + b"\n1,2\n", "isian lebih panjang dari 131.072 karakter"),
        ("p.csv", b'nip,nama\n1,"tak ditutup\n', None),  # an open quote runs to the end: one row, no 500
        (
            "p.xlsx",
            _zip(**{"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook><sheets><sheet"}),
            "bukan spreadsheet Excel",
        ),
    ],
)
@pytest.mark.parametrize("halaman", ["/impor/pegawai/", "/kinerja/talenta/potensial/impor/"])
def test_hostile_import_files_give_a_message_and_leave_no_file(
    org, users, client_as, settings, tmp_path, nama, isi, pesan, halaman
):
    settings.MEDIA_ROOT = tmp_path
    response = client_as("admin_bkd").post(halaman, {"berkas": SimpleUploadedFile(nama, isi)})
    assert response.status_code in (200, 400)
    if pesan:
        assert response.status_code == 400
        assert pesan in response.content.decode()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
