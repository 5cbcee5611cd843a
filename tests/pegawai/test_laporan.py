"""DUK and daftar nominatif: order by PP 15/1979, scope, XLSX, PDF with a verification QR."""

import datetime as dt
import io
import subprocess

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from core.models import DokumenTerverifikasi
from pegawai.models import Golongan, Pegawai
from tests.factories import JabatanFactory, PegawaiFactory


def _duk_names(client, **params):
    response = client.get("/laporan/duk/", {"opd": "A", **params})
    assert response.status_code == 200
    return [p.nama for p in response.context["page"].object_list]


def test_duk_order_follows_pp_15_1979(org, client_as):
    gol = {k: Golongan.objects.get(kode=k) for k in ("III/a", "III/b", "IX")}
    unit = org.bidang_a
    jab = JabatanFactory(unit_kerja=unit, nama="Analis")
    jab_eselon = JabatanFactory(
        unit_kerja=unit, nama="Kasubbid", jenis="pengawas", eselon="IV.a", is_kepala=False
    )
    Pegawai.objects.update(aktif=False)  # only the people below take part
    base = {"tmt_cpns": dt.date(2010, 1, 1)}
    PegawaiFactory(
        nama="E-tmt-later", golongan=gol["III/b"], tmt_golongan=dt.date(2020, 4, 1), jabatan=jab, **base
    )
    PegawaiFactory(
        nama="A-highest-gol",
        golongan=gol["III/b"],
        tmt_golongan=dt.date(2019, 4, 1),
        jabatan=jab_eselon,
        **base,
    )
    PegawaiFactory(
        nama="B-same-tmt-no-eselon",
        golongan=gol["III/b"],
        tmt_golongan=dt.date(2019, 4, 1),
        jabatan=jab,
        **base,
    )
    PegawaiFactory(
        nama="D-lower-gol", golongan=gol["III/a"], tmt_golongan=dt.date(2010, 1, 1), jabatan=jab, **base
    )
    PegawaiFactory(
        nama="C-PPPK",
        golongan=gol["IX"],
        status_kepegawaian="PPPK",
        jabatan=jab,
        tmt_cpns=dt.date(2022, 1, 1),
        tmt_golongan=dt.date(2022, 1, 1),
    )
    names = _duk_names(client_as("admin_bkd"))
    # eselon decides between A and B (same golongan and TMT); PPPK are not in the DUK.
    assert names == ["A-highest-gol", "B-same-tmt-no-eselon", "E-tmt-later", "D-lower-gol"]


def test_nominatif_groups_by_unit_and_includes_pppk(org, client_as):
    response = client_as("operator_opd").get("/laporan/nominatif/")
    assert response.status_code == 200
    assert response.context["opd"] == org.opd_a
    names = [p.nama for p in response.context["page"].object_list]
    assert names[0] == org.kepala_a.nama  # the OPD head's unit comes first in tree order
    assert org.staf_b.nama not in names


def test_scope_of_statutory_lists(org, client_as):
    assert client_as("operator_opd").get("/laporan/duk/", {"opd": "B"}).status_code == 404
    assert client_as("pegawai").get("/laporan/duk/").status_code == 403
    assert client_as("atasan").get("/laporan/nominatif/").status_code == 403
    assert client_as("pimpinan").get("/laporan/nominatif/", {"opd": "B"}).status_code == 200


def test_xlsx_has_every_row(org, client_as):
    response = client_as("admin_bkd").get("/laporan/nominatif/", {"opd": "A", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("No", "Unit kerja", "Nama", "NIP")
    assert {r[3] for r in rows[1:]} == {org.kepala_a.nip, org.kabid_a.nip, org.staf_a.nip}


def test_pdf_is_registered_verifiable_and_renders(
    org, client_as, client, tmp_path, django_capture_on_commit_callbacks
):
    from pegawai.cetak_laporan import cetak_laporan_execute
    from pegawai.models import CetakLaporan

    admin = client_as("admin_bkd")
    # The old link now leads to the page, where the PDF is printed in the background.
    assert (
        admin.get("/laporan/duk/", {"opd": "A", "format": "pdf"})["Location"]
        == "/laporan/duk/?opd=A#cetak-laporan"
    )
    with django_capture_on_commit_callbacks(execute=False) as antre:
        assert admin.post("/laporan/duk/cetak/", {"opd": "A"}).status_code == 302
    assert len(antre) == 1  # the task is queued once the job is committed
    job = CetakLaporan.objects.get()
    assert (job.jenis, job.opd, job.jumlah, job.status) == ("duk", org.opd_a, 3, "antri")
    page = admin.get("/laporan/duk/", {"opd": "A"}).content.decode()
    assert 'hx-trigger="every 2s"' in page and "Dalam antrean" in page
    job = cetak_laporan_execute(job.pk)
    assert (job.status, job.selesai_dicetak, job.persen) == ("selesai", 3, 100)
    assert 'hx-trigger="every 2s"' not in admin.get("/laporan/duk/cetak/", {"opd": "A"}).content.decode()
    response = admin.get(f"/laporan/cetak/{job.pk}/unduh/")
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    dokumen = DokumenTerverifikasi.objects.get()
    assert dokumen.jenis == "Daftar Urut Kepangkatan"
    assert dokumen.fakta["Jumlah pegawai"] == "3"
    # Scoped download: the OPD B-less operator of A may have it, nobody without the list may.
    assert client_as("operator_opd").get(f"/laporan/cetak/{job.pk}/unduh/").status_code == 200
    assert client_as("pegawai").get(f"/laporan/cetak/{job.pk}/unduh/").status_code == 404
    client.logout()
    page = client.get(f"/verifikasi/{dokumen.kode}/")
    assert page.status_code == 200
    assert "Dinas Pendidikan" in page.content.decode()
    pdf = tmp_path / "duk.pdf"
    pdf.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "hal")], check=True
    )
    png = tmp_path / "hal-1.png"
    assert png.read_bytes().startswith(b"\x89PNG")
    assert png.stat().st_size > 5000  # a real page with a table, not a blank one


def test_the_all_opd_duk_has_an_opd_column_and_numbers_pages_across_parts(org, users, monkeypatch, tmp_path):
    from pegawai import cetak_laporan
    from pegawai.models import CetakLaporan

    monkeypatch.setattr(cetak_laporan, "BARIS_PER_BAGIAN", 2)  # 3 PNS/CPNS in A + 1 in B: two parts
    job = cetak_laporan.cetak_laporan_minta(actor=users["admin_bkd"], jenis="duk", opd=None)
    job = cetak_laporan.cetak_laporan_execute(job.pk)
    assert (job.status, job.jumlah) == ("selesai", 4), job.pesan_galat
    pdf = tmp_path / "duk.pdf"
    pdf.write_bytes(job.berkas.read())
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Seluruh OPD" in text and "OPD" in text.split("Unit kerja")[0]
    assert "Dinas Kesehatan" in text  # OPD B's employee, in the OPD column
    assert org.staf_b.nip[:8] + " " + org.staf_b.nip[8:14] in text  # grouped NIP on one line
    assert [n for n in range(1, 5) if f"{n} " in text]  # numbered rows 1..4 across the parts
    # each page says its number across the parts and which part it belongs to
    halaman = text.split("\f")
    assert "Halaman 1 · bagian 1 dari 2" in halaman[0]
    assert "Halaman 2 · bagian 2 dari 2" in halaman[-2 if halaman[-1].strip() == "" else -1]
    assert text.count("Kepala ") >= 1 and text.count("DAFTAR URUT KEPANGKATAN") == 1
    with pytest.raises(PermissionDenied):
        cetak_laporan.cetak_laporan_minta(actor=users["operator_opd"], jenis="duk", opd=None)
    assert CetakLaporan.objects.count() == 1


def test_duk_screen_query_count_does_not_grow(org, client_as):
    from tests.querycount import assert_same_queries_after, get_queries

    client = client_as("admin_bkd")

    def grow():
        for i in range(7):
            PegawaiFactory(jabatan=org.staf_a.jabatan, nama=f"Tambahan {i}")

    assert_same_queries_after(lambda: get_queries(client, "/laporan/duk/?opd=A"), grow)


def test_the_all_opd_duk_on_screen_and_in_excel_names_the_opd(org, client_as):
    client = client_as("admin_bkd")
    assert (
        '<div class="small text-muted">Dinas Kesehatan</div>' in client.get("/laporan/duk/").content.decode()
    )
    sheet = load_workbook(io.BytesIO(client.get("/laporan/duk/", {"format": "xlsx"}).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    kolom = rows[0].index("OPD")
    assert rows[0][kolom + 1] == "Unit kerja"
    assert {r[kolom] for r in rows[1:]} == {"Dinas Pendidikan", "Dinas Kesehatan"}
