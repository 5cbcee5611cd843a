"""The employee list: search by name and NIP, filters, sort, export of the filtered list."""

import io

from openpyxl import load_workbook

from pegawai.models import Golongan, Pegawai


def _names(response):
    return [p.nama for p in response.context["page"].object_list]


def test_search_by_name_and_nip(org, client_as):
    client = client_as("admin_bkd")
    assert _names(client.get("/pegawai/", {"q": "rahma"})) == ["Siti Rahmawati"]
    grouped = f"{org.staf_b.nip[:8]} {org.staf_b.nip[8:14]}"  # as printed: 19710712 199303
    assert _names(client.get("/pegawai/", {"q": grouped})) == ["Dewi Lestari"]
    assert _names(client.get("/pegawai/", {"q": org.kepala_a.nip})) == ["Budi Santoso"]


def test_filters_sort_and_selected_options(org, client_as):
    Pegawai.objects.filter(pk=org.kepala_a.pk).update(golongan=Golongan.objects.get(kode="IV/c"))
    client = client_as("admin_bkd")
    response = client.get("/pegawai/", {"golongan": "IV/c"})
    assert _names(response) == ["Budi Santoso"]
    assert '<option value="IV/c" selected>' in response.content.decode()
    assert _names(client.get("/pegawai/", {"opd": org.opd_b.pk})) == ["Dewi Lestari"]
    assert _names(client.get("/pegawai/", {"jenis_jabatan": "administrator"})) == ["Siti Rahmawati"]
    assert _names(client.get("/pegawai/", {"urut": "-golongan"}))[0] == "Budi Santoso"
    assert _names(client.get("/pegawai/", {"urut": "nama"})) == sorted(
        _names(client.get("/pegawai/", {"urut": "nama"}))
    )


def test_export_contains_exactly_the_filtered_rows(org, client_as):
    response = client_as("operator_opd").get("/pegawai/", {"q": "a", "format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "NIP"
    assert sorted(r[0] for r in rows[1:]) == sorted([org.kepala_a.nip, org.kabid_a.nip, org.staf_a.nip])


def test_pegawai_role_has_no_export(org, client_as):
    assert client_as("pegawai").get("/pegawai/", {"format": "xlsx"}).status_code == 403
