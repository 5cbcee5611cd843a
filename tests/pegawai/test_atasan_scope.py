"""A manual atasan gains read access to the employee, so an Operator OPD may name only someone in their
own OPD — and a NIP outside it answers exactly like a NIP that does not exist (form, service, import)."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError

from pegawai import services
from pegawai.impor import PegawaiImporter
from pegawai.models import Pegawai
from pegawai.selectors import pegawai_list_visible_to, unit_kerja_visible_to
from tests.pegawai.test_import import _row, _write_csv
from tests.pegawai.test_pegawai_edit import _form_data

PESAN = "Tidak ada pegawai dengan NIP ini dalam cakupan Anda."
TIDAK_ADA = "199001012015011999"


def _post(client, org, nip_atasan):
    return client.post(
        f"/pegawai/{org.staf_a.nip}/ubah/",
        _form_data(org.staf_a, atasan_manual="on", nip_atasan=nip_atasan),
    )


def test_operator_cannot_name_someone_of_another_opd_and_learns_nothing(org, users, client_as):
    client = client_as("operator_opd")
    pages = [_post(client, org, nip).content.decode() for nip in (org.staf_b.nip, TIDAK_ADA)]
    for page in pages:
        assert PESAN in page
    # Same answer for both: the page does not tell whether the NIP exists elsewhere (CSRF tokens aside).
    pages = [re.sub(r"[A-Za-z0-9]{64}", "", page) for page in pages]
    assert pages[0].replace(org.staf_b.nip, TIDAK_ADA) == pages[1]
    pegawai = Pegawai.objects.get(pk=org.staf_a.pk)
    assert (pegawai.atasan_id, pegawai.atasan_manual) == (org.kabid_a.pk, False)
    assert not pegawai_list_visible_to(user=users["pegawai"]).filter(pk=org.staf_b.pk).exists()


def test_operator_may_name_someone_in_their_opd(org, client_as):
    assert _post(client_as("operator_opd"), org, org.kepala_a.nip).status_code == 302
    assert Pegawai.objects.get(pk=org.staf_a.pk).atasan_id == org.kepala_a.pk


def test_admin_bkd_may_name_anyone(org, client_as):
    assert _post(client_as("admin_bkd"), org, org.staf_b.nip).status_code == 302
    assert Pegawai.objects.get(pk=org.staf_a.pk).atasan_id == org.staf_b.pk


def test_the_service_holds_the_rule_whatever_the_caller(org, users):
    pegawai = Pegawai.objects.get(pk=org.staf_a.pk)
    pegawai.atasan_manual = True
    pegawai.atasan = org.staf_b
    with pytest.raises(ValidationError) as err:
        services.pegawai_save(actor=users["operator_opd"], pegawai=pegawai)
    assert err.value.message_dict == {"nip_atasan": [PESAN]}
    assert Pegawai.objects.get(pk=org.staf_a.pk).atasan_id == org.kabid_a.pk


def _operator_import(users, path):
    importer = PegawaiImporter(
        user=users["operator_opd"], units=unit_kerja_visible_to(user=users["operator_opd"])
    )
    return importer.run(path, filename=path.name)


def test_operator_import_names_atasan_only_in_scope_with_one_message(org, users, tmp_path):
    rows = [_row(nip_atasan=org.staf_b.nip), _row(urut=1, nip_atasan=TIDAK_ADA)]
    report = _operator_import(users, _write_csv(tmp_path / "p.csv", rows))
    assert [str(e) for e in report.errors] == [
        f"baris 2, kolom nip_atasan: tidak ada pegawai dengan NIP {org.staf_b.nip} dalam cakupan Anda.",
        f"baris 3, kolom nip_atasan: tidak ada pegawai dengan NIP {TIDAK_ADA} dalam cakupan Anda.",
    ]
    ok = _operator_import(users, _write_csv(tmp_path / "q.csv", [_row(nip_atasan=org.kepala_a.nip)]))
    assert ok.errors == []
    assert Pegawai.objects.get(nama="Rahmawati").atasan_id == org.kepala_a.pk


def test_operator_import_cannot_take_over_another_opds_employee(org, users, tmp_path):
    row = _row(nip=org.staf_b.nip, nama="Dewi Lestari")
    report = _operator_import(users, _write_csv(tmp_path / "p.csv", [row]))
    assert any(
        str(e).startswith(f"baris 2, kolom nip: NIP {org.staf_b.nip} sudah terdaftar di luar cakupan Anda")
        for e in report.errors
    )
    assert Pegawai.objects.get(pk=org.staf_b.pk).opd_id == org.opd_b.pk


@pytest.mark.parametrize(
    ("importer", "header", "rest"),
    [
        ("pegawai.impor.KeluargaImporter", "nip,hubungan,nama,tanggal_lahir,dapat_tunjangan", "anak,Budi,,Y"),
        (
            "kinerja.impor.PenilaianImporter",
            "nip,tahun,periode,rating_hasil_kerja,rating_perilaku_kerja",
            "2026,tahunan,sesuai ekspektasi,sesuai ekspektasi",
        ),
        ("penggajian.impor.KehadiranImporter", "nip,tahun,bulan,hari_kerja,tanpa_keterangan", "2026,11,21,0"),
        (
            "kinerja.impor_potensial.PotensialImporter",
            "nip,tanggal,skor,berlaku_sampai,keterangan",
            "2026-03-15,70,,",
        ),
    ],
)
def test_every_scoped_import_answers_the_same_for_unknown_and_out_of_scope_nips(
    org, users, tmp_path, importer, header, rest
):
    from django.utils.module_loading import import_string

    path = tmp_path / "x.csv"
    path.write_text(f"{header}\n{org.staf_b.nip},{rest}\n{TIDAK_ADA},{rest}\n")
    report = import_string(importer)(
        user=users["operator_opd"], units=unit_kerja_visible_to(user=users["operator_opd"])
    ).run(path, filename="x.csv", dry_run=True)
    assert [str(e) for e in report.errors if e.kolom == "nip"] == [
        f"baris 2, kolom nip: tidak ada pegawai dengan NIP {org.staf_b.nip} dalam cakupan Anda.",
        f"baris 3, kolom nip: tidak ada pegawai dengan NIP {TIDAK_ADA} dalam cakupan Anda.",
    ]
