"""ABK: kebutuhan = Σ (volume × waktu penyelesaian) ÷ waktu kerja efektif, rounded half up; figures worked
by hand below. And the page and service that keep a position's need equal to its task rows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pegawai.abk import hitung_kebutuhan
from pegawai.models import Jabatan, UraianTugasJabatan

# A Pengelola Data of a Puskesmas (worked by hand):
#   register visits     1,200 × 30 min  = 36,000
#   monthly report         12 × 480 min =  5,760
#   weekly recap           52 × 600 min = 31,200
#   validate claims       240 × 150 min = 36,000
#                                   Σ  = 108,960 minutes
#   ÷ 75,000 = 1.4528 → 1.45 → 1 person;  ÷ 72,000 = 1.5133 → 1.51 → 2 persons
TUGAS = [(1200, 30), (12, 480), (52, 600), (240, 150)]


def test_worked_example_at_both_constants():
    hasil = hitung_kebutuhan(TUGAS, 75_000)
    assert (hasil.beban_menit, hasil.kebutuhan_pecahan, hasil.kebutuhan) == (108_960, Decimal("1.45"), 1)
    hasil = hitung_kebutuhan(TUGAS, 72_000)
    assert (hasil.beban_menit, hasil.kebutuhan_pecahan, hasil.kebutuhan) == (108_960, Decimal("1.51"), 2)


@pytest.mark.parametrize(
    ("tugas", "kebutuhan", "pecahan"),
    [
        ([(2000, 60), (500, 90), (250, 240)], 3, Decimal("3.00")),  # 120,000 + 45,000 + 60,000 = 225,000
        ([(750, 50)], 1, Decimal("0.50")),  # 37,500: exactly half rounds up
        ([(1, 37_499)], 0, Decimal("0.50")),  # 0.49999 → 0 people (shown with a merge warning)
        ([(1500, 75)], 2, Decimal("1.50")),  # 112,500 = 1.5 → 2
        ([(1, 112_499)], 1, Decimal("1.50")),  # 1.49999 → 1
        ([], 0, Decimal("0.00")),
    ],
)
def test_rounding_half_up(tugas, kebutuhan, pecahan):
    hasil = hitung_kebutuhan(tugas, 75_000)
    assert (hasil.kebutuhan, hasil.kebutuhan_pecahan) == (kebutuhan, pecahan)


def test_default_constant_is_the_setting(settings):
    settings.ASN_WAKTU_KERJA_EFEKTIF_MENIT = 72_000
    assert hitung_kebutuhan(TUGAS).kebutuhan == 2
    settings.ASN_WAKTU_KERJA_EFEKTIF_MENIT = 75_000
    assert hitung_kebutuhan(TUGAS).kebutuhan == 1


def _post(jabatan, rows, alasan="Hasil ABK 2026", existing=()):
    data = {
        "tugas-TOTAL_FORMS": str(len(existing) + len(rows)),
        "tugas-INITIAL_FORMS": str(len(existing)),
        "tugas-MIN_NUM_FORMS": "0",
        "tugas-MAX_NUM_FORMS": "1000",
        "alasan_perubahan": alasan,
    }
    for i, (pk, uraian, volume, menit, hapus) in enumerate(existing):
        data.update({f"tugas-{i}-id": str(pk), f"tugas-{i}-uraian": uraian,
                     f"tugas-{i}-volume_per_tahun": str(volume), f"tugas-{i}-waktu_penyelesaian_menit": str(menit)})  # fmt: skip
        if hapus:
            data[f"tugas-{i}-DELETE"] = "on"
    for j, (uraian, volume, menit) in enumerate(rows, start=len(existing)):
        data.update({f"tugas-{j}-uraian": uraian, f"tugas-{j}-volume_per_tahun": str(volume),
                     f"tugas-{j}-waktu_penyelesaian_menit": str(menit)})  # fmt: skip
    return data


def test_page_saves_rows_recomputes_the_need_and_audits(org, users, client_as):
    client = client_as("admin_bkd")
    jabatan = org.staf_a.jabatan
    url = f"/organisasi/jabatan/{jabatan.pk}/abk/"
    assert client.get(url).status_code == 200
    rows = [("Registrasi kunjungan", 1200, 30), ("Laporan bulanan", 12, 480), ("Rekap mingguan", 52, 600),
            ("Validasi klaim", 240, 150), ("Koordinasi", 2000, 60)]  # fmt: skip
    response = client.post(url, _post(jabatan, rows))
    assert response.status_code == 302
    jabatan.refresh_from_db()
    # 108,960 + 120,000 = 228,960 ÷ 75,000 = 3.05 → 3
    assert (jabatan.kebutuhan, jabatan.sumber_kebutuhan) == (3, Jabatan.SumberKebutuhan.ABK)
    h = jabatan.history.first()
    assert (h.kebutuhan, h.history_user, h.history_change_reason) == (3, users["admin_bkd"], "Hasil ABK 2026")
    assert UraianTugasJabatan.history.filter(history_user=users["admin_bkd"]).count() == 5

    # The edit form shows the need as computed, and a typed value does not override it.
    page = client.get(f"/organisasi/jabatan/{jabatan.pk}/ubah/")
    assert "Dihitung dari uraian tugas (ABK)" in page.content.decode()

    # Deleting every row leaves the last need, now as typed.
    existing = [(t.pk, t.uraian, t.volume_per_tahun, t.waktu_penyelesaian_menit, True)
                for t in jabatan.uraian_tugas.order_by("id")]  # fmt: skip
    assert client.post(url, _post(jabatan, [], existing=existing)).status_code == 302
    jabatan.refresh_from_db()
    assert (jabatan.kebutuhan, jabatan.sumber_kebutuhan) == (3, Jabatan.SumberKebutuhan.ISIAN)


def test_page_rejects_501_characters_and_bad_numbers(org, client_as):
    client = client_as("admin_bkd")
    jabatan = org.staf_a.jabatan
    url = f"/organisasi/jabatan/{jabatan.pk}/abk/"
    response = client.post(url, _post(jabatan, [("x" * 501, 10, 10)]))
    assert response.status_code == 200
    assert "paling banyak 500 karakter" in response.content.decode() or "500" in response.content.decode()
    response = client.post(url, _post(jabatan, [("Tugas", 0, 10)]))
    assert response.status_code == 200
    response = client.post(url, _post(jabatan, [("Tugas", 10, 10)], alasan="a" * 501))
    assert "Alasan perubahan paling panjang 500 karakter (sekarang 501)." in response.content.decode()
    assert not UraianTugasJabatan.objects.exists()
    jabatan.refresh_from_db()
    assert jabatan.sumber_kebutuhan == Jabatan.SumberKebutuhan.ISIAN


def test_page_is_admin_only_and_scoped(org, client_as):
    jabatan = org.staf_a.jabatan
    assert client_as("operator_opd").get(f"/organisasi/jabatan/{jabatan.pk}/abk/").status_code == 403


def test_jabatan_form_edits_requirements_with_history(org, users, client_as):
    from pegawai.models import Golongan

    client = client_as("admin_bkd")
    jabatan = org.staf_a.jabatan
    data = {
        "unit_kerja": jabatan.unit_kerja_id, "nama": jabatan.nama, "jenis": "pelaksana", "kelas_jabatan": "6",
        "kebutuhan": "4", "syarat_pendidikan": "D3", "syarat_jurusan": "Administrasi; Manajemen",
        "syarat_golongan": Golongan.objects.get(kode="II/c").pk, "kompetensi": "Pengelolaan data",
        "alasan_perubahan": "Peta jabatan 2026",
    }  # fmt: skip
    assert client.post(f"/organisasi/jabatan/{jabatan.pk}/ubah/", data).status_code == 302
    jabatan.refresh_from_db()
    assert (jabatan.kebutuhan, jabatan.syarat_pendidikan, jabatan.syarat_jurusan, jabatan.syarat_golongan.kode) == (
        4, "D3", "Administrasi; Manajemen", "II/c",
    )  # fmt: skip
    assert jabatan.history.first().history_change_reason == "Peta jabatan 2026"
    for field in ("syarat_jurusan", "kompetensi", "alasan_perubahan"):
        response = client.post(f"/organisasi/jabatan/{jabatan.pk}/ubah/", {**data, field: "y" * 501})
        assert response.status_code == 200, field
        assert "501" in response.content.decode(), field


def test_abk_page_query_count_same_for_3_and_10_rows(org, client_as):
    from tests.querycount import assert_same_queries_after

    client = client_as("admin_bkd")
    jabatan = org.staf_a.jabatan
    for i in range(3):
        UraianTugasJabatan.objects.create(
            jabatan=jabatan, uraian=f"Tugas {i}", volume_per_tahun=10, waktu_penyelesaian_menit=5
        )

    def fetch():
        assert client.get(f"/organisasi/jabatan/{jabatan.pk}/abk/").status_code == 200

    def grow():
        for i in range(7):
            UraianTugasJabatan.objects.create(
                jabatan=jabatan, uraian=f"Lagi {i}", volume_per_tahun=10, waktu_penyelesaian_menit=5
            )

    assert_same_queries_after(fetch, grow)
