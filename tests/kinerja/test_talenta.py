"""The 9-box talent grid (PermenPANRB 3/2020), the names in a box, potential scores by form and import.

Boxes follow kinerja/data/talenta_9box_permenpanrb3_2020.csv: rows potensial Tinggi 6-8-9, Menengah
3-5-7, Rendah 1-2-4 (kinerja di bawah → di atas); succession group = kotak 7, 8, 9. The potential
thresholds are the seeded agency values: menengah from 60, tinggi from 80.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.models import Penilaian, PenilaianPotensial, PeriodeKinerja
from tests.factories import PegawaiFactory

RATING = {  # a rating pair giving each predikat under the PermenPANRB 6/2022 matrix
    "sangat baik": ("di atas ekspektasi", "di atas ekspektasi"),
    "baik": ("sesuai ekspektasi", "sesuai ekspektasi"),
    "butuh perbaikan": ("di bawah ekspektasi", "sesuai ekspektasi"),
}


def _nilai(pegawai, periode, predikat: str) -> Penilaian:
    hk, pk = RATING[predikat]
    return Penilaian.objects.create(
        periode_kinerja=periode,
        periode="tahunan",
        pegawai=pegawai,
        opd_id=pegawai.opd_id,
        rating_hasil_kerja=hk,
        rating_perilaku_kerja=pk,
        predikat=predikat,
    )


def _potensial(pegawai, user, skor: str, tanggal=dt.date(2026, 6, 1), berlaku_sampai=dt.date(2028, 5, 31)):
    return PenilaianPotensial.objects.create(
        pegawai=pegawai, skor=Decimal(skor), tanggal=tanggal, berlaku_sampai=berlaku_sampai, dicatat_oleh=user
    )


@pytest.fixture
def talenta(org, users, periode):
    """staf_a → kotak 9, kabid_a → kotak 8, kepala_a → kotak 1 (OPD A); staf_b → kotak 5 (OPD B)."""
    admin = users["admin_bkd"]
    _nilai(org.staf_a, periode, "sangat baik")
    _potensial(org.staf_a, admin, "85")
    _nilai(org.kabid_a, periode, "baik")
    _potensial(org.kabid_a, admin, "50", tanggal=dt.date(2025, 1, 10), berlaku_sampai=dt.date(2027, 12, 31))
    _potensial(org.kabid_a, admin, "80.00")  # the later assessment counts: exactly the tinggi threshold
    _nilai(org.kepala_a, periode, "butuh perbaikan")
    _potensial(org.kepala_a, admin, "59.99")
    _nilai(org.staf_b, periode, "baik")
    _potensial(org.staf_b, admin, "60")
    # Not on the grid: a potential score that expired before 31 December, and a score without a predikat.
    lama = PegawaiFactory(jabatan=org.staf_a.jabatan, nama="Rina Kedaluwarsa")
    _nilai(lama, periode, "baik")
    _potensial(lama, admin, "90", tanggal=dt.date(2024, 1, 1), berlaku_sampai=dt.date(2026, 12, 30))
    _potensial(PegawaiFactory(jabatan=org.staf_a.jabatan, nama="Tono Tanpa Predikat"), admin, "90")
    return periode


def _grid(response) -> list[list[int | None]]:
    return [[sel["kotak"].kotak if sel else None for sel in row["sel"]] for row in response.context["rows"]]


def _counts(response) -> dict[int, int]:
    return dict(zip(range(1, 10), response.context["grafik"]["data"], strict=True))


# --- access ----------------------------------------------------------------------------------------


def test_who_sees_the_talent_grid(client_as, talenta, org):
    url = reverse("kinerja:talenta")
    for role in ("atasan", "pegawai"):
        assert client_as(role).get(url).status_code == 403, role
    for role in ("admin_bkd", "pimpinan", "operator_opd"):
        assert client_as(role).get(url).status_code == 200, role
    operator = client_as("operator_opd")
    assert operator.get(url, {"opd": org.opd_b.pk}).status_code == 404
    assert operator.get(reverse("kinerja:talenta_kotak", args=[5]), {"opd": org.opd_b.pk}).status_code == 404
    assert operator.get(url, {"opd": "x"}).status_code == 404
    assert operator.get(url, {"tahun": 2031}).status_code == 404


def test_anonymous_is_sent_to_login(client, talenta):
    response = client.get(reverse("kinerja:talenta"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# --- the grid --------------------------------------------------------------------------------------


def test_grid_layout_counts_and_follow_up_for_the_whole_government(client_as, talenta):
    response = client_as("admin_bkd").get(reverse("kinerja:talenta"), {"tahun": 2026})
    assert _grid(response) == [[6, 8, 9], [3, 5, 7], [1, 2, 4]]
    assert response.context["label_kinerja"] == [
        "Di Bawah Ekspektasi",
        "Sesuai Ekspektasi",
        "Di Atas Ekspektasi",
    ]
    assert _counts(response) == {1: 1, 2: 0, 3: 0, 4: 0, 5: 1, 6: 0, 7: 0, 8: 1, 9: 1}
    assert response.context["grafik"]["labels"][0] == "Kotak 1"
    assert response.context["grafik"]["suksesi"] == [False] * 6 + [True] * 3
    assert response.context["total"] == 4
    assert response.context["kelompok_suksesi"] == 2  # kotak 8 and 9
    assert response.context["belum_dipetakan"] == 1  # Rina: predikat, but her potential expired
    html = response.content.decode()
    assert "Dipromosikan dan dipertahankan" in html  # kotak 9 follow-up from the regulation's table
    assert "Rencana suksesi Instansi &amp; Nasional" in html
    assert 'id="talenta-grafik-data"' in html
    assert "js/talenta.js" in html
    assert "onclick" not in html


def test_grid_filtered_to_one_opd(client_as, talenta, org):
    response = client_as("admin_bkd").get(reverse("kinerja:talenta"), {"tahun": 2026, "opd": org.opd_b.pk})
    assert _counts(response) == {1: 0, 2: 0, 3: 0, 4: 0, 5: 1, 6: 0, 7: 0, 8: 0, 9: 0}
    assert f"opd={org.opd_b.pk}" in response.context["query"]


def test_operator_sees_only_their_opd(client_as, talenta):
    response = client_as("operator_opd").get(reverse("kinerja:talenta"))
    assert response.context["opd"].nama == "Dinas Pendidikan"
    assert _counts(response) == {1: 1, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0, 8: 1, 9: 1}
    assert response.context["daftar_opd"] == []


def test_default_year_is_the_latest_with_annual_ratings(client_as, talenta):
    PeriodeKinerja.objects.create(tahun=2027)  # opened, nobody rated yet
    response = client_as("admin_bkd").get(reverse("kinerja:talenta"))
    assert response.context["periode"].tahun == 2026
    assert response.context["total"] == 4


def test_box_lists_the_names_with_predikat_and_score(client_as, talenta, org):
    client = client_as("admin_bkd")
    url = reverse("kinerja:talenta_kotak", args=[9])
    response = client.get(url, {"tahun": 2026}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html  # a fragment for htmx
    assert "Andi Pratama" in html
    assert (
        " ".join([org.staf_a.nip[:8], org.staf_a.nip[8:14], org.staf_a.nip[14], org.staf_a.nip[15:]]) in html
    )
    assert "Pengelola Data Pendidikan" in html and "Dinas Pendidikan" in html
    assert "Sangat Baik" in html and "85,00" in html
    assert response.context["jumlah"] == 1
    assert [
        p.pegawai.nama for p in client.get(reverse("kinerja:talenta_kotak", args=[5])).context["daftar"]
    ] == ["Dewi Lestari"]
    assert [
        p.pegawai.nama for p in client.get(reverse("kinerja:talenta_kotak", args=[1])).context["daftar"]
    ] == ["Budi Santoso"]
    assert "<html" in client.get(url).content.decode()  # without htmx: a full page
    assert client.get(reverse("kinerja:talenta_kotak", args=[10])).status_code == 404


def test_box_of_the_operator_is_limited_to_their_opd(client_as, talenta):
    response = client_as("operator_opd").get(reverse("kinerja:talenta_kotak", args=[5]))
    assert response.context["jumlah"] == 0
    assert "Tidak ada pegawai di kotak ini." in response.content.decode()


def test_box_list_is_capped_with_the_full_count(client_as, talenta, org, users, periode, monkeypatch):
    monkeypatch.setattr("kinerja.views.talenta.BATAS_DAFTAR", 2)
    for nama in ("Zaki", "Yani"):
        p = PegawaiFactory(jabatan=org.staf_a.jabatan, nama=nama)
        _nilai(p, periode, "sangat baik")
        _potensial(p, users["admin_bkd"], "95")
    response = client_as("admin_bkd").get(reverse("kinerja:talenta_kotak", args=[9]))
    assert response.context["jumlah"] == 3
    assert [p.pegawai.nama for p in response.context["daftar"]] == ["Andi Pratama", "Yani"]
    assert "Menampilkan 2 pertama dari 3 pegawai" in response.content.decode()


def test_grid_counts_the_latest_valid_score_per_employee_like_the_box_lists(client_as, org, users, periode):
    """The grid (one DISTINCT ON pass) and the names in each box (a subquery per evaluation) read the
    same score per employee: valid on 31 December, the latest assessment date, on a tie the one recorded
    last; checked against a plain reading of the rows, over several years of assessments."""
    import random

    from kinerja import selectors
    from pegawai.models import Pegawai

    rng = random.Random(12)
    admin = users["admin_bkd"]
    tanggal = [dt.date(2023, 3, 1), dt.date(2024, 12, 31), dt.date(2025, 6, 1), dt.date(2026, 12, 31)]
    tanggal += [dt.date(2027, 1, 2)]  # after the year's reference date: not yet valid on 31 December 2026
    for i in range(60):
        p = PegawaiFactory(jabatan=[org.staf_a, org.staf_b][i % 2].jabatan, nama=f"Talenta {i:02d}")
        if i % 10 != 9:  # some without an annual predikat: not on the grid
            _nilai(p, periode, rng.choice(list(RATING)))
        for _ in range(rng.randint(0, 4)):
            mulai = rng.choice(tanggal)
            sampai = rng.choice([mulai, dt.date(2026, 12, 30), dt.date(2026, 12, 31), dt.date(2029, 1, 1)])
            skor = rng.choice(["59.99", "60", "60.00", "79.99", "80", "95.5", "10"])
            _potensial(p, admin, skor, tanggal=mulai, berlaku_sampai=max(sampai, mulai))
        if i % 7 == 0:  # two assessments on the same day: the one recorded later counts
            _potensial(p, admin, "85", tanggal=dt.date(2025, 6, 1), berlaku_sampai=dt.date(2027, 6, 1))
            _potensial(p, admin, "40", tanggal=dt.date(2025, 6, 1), berlaku_sampai=dt.date(2027, 6, 1))

    aturan = selectors.AturanTalenta.untuk(2026)
    acuan = dt.date(2026, 12, 31)
    expected: dict[int, int] = {}
    rated = 0
    for n in Penilaian.objects.filter(periode_kinerja=periode, periode="tahunan"):
        rated += 1
        valid = [
            x for x in PenilaianPotensial.objects.filter(pegawai_id=n.pegawai_id)
            if x.tanggal <= acuan <= x.berlaku_sampai
        ]  # fmt: skip
        if valid:
            latest = max(valid, key=lambda x: (x.tanggal, x.pk))
            nomor = aturan.nomor(n.predikat, latest.skor)
            expected[nomor] = expected.get(nomor, 0) + 1

    jumlah, dinilai = selectors.hitung_kotak(aturan, Pegawai.objects.all(), periode)

    assert dinilai == rated
    assert dict(jumlah) == expected
    assert len(expected) >= 6  # the data spreads over the grid
    qs = selectors.penilaian_tahunan_dengan_potensial(Pegawai.objects.all(), periode)
    for nomor, kotak in aturan.kotak.items():
        assert qs.filter(aturan.q_kotak(kotak)).count() == expected.get(nomor, 0), nomor
    page = client_as("admin_bkd").get(reverse("kinerja:talenta"), {"tahun": 2026})
    assert _counts(page) == {n: expected.get(n, 0) for n in range(1, 10)}


def _grow(org, users, periode, n: int) -> None:
    for i in range(n):
        p = PegawaiFactory(jabatan=org.staf_a.jabatan, nama=f"Talenta {i}")
        _nilai(p, periode, ["sangat baik", "baik", "butuh perbaikan"][i % 3])
        _potensial(p, users["admin_bkd"], str(55 + 10 * (i % 4)))


@pytest.mark.parametrize(
    ("role", "url", "params"),
    [
        ("admin_bkd", "kinerja:talenta", {}),
        ("operator_opd", "kinerja:talenta", {}),
        ("admin_bkd", "kinerja:talenta_kotak", {}),
        ("admin_bkd", "kinerja:talenta_potensial", {}),
    ],
)
def test_query_count_does_not_grow_with_headcount(client_as, org, users, periode, role, url, params):
    client = client_as(role)
    target = reverse(url, args=[9]) if url.endswith("kotak") else reverse(url)
    _grow(org, users, periode, 3)
    client.get(target, params)  # warm (session, content types)
    counts, sql = [], []
    for extra in (0, 7):
        _grow(org, users, periode, extra)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(target, params).status_code == 200
        counts.append(len(ctx))
        sql.append("\n".join(q["sql"] for q in ctx.captured_queries))
    assert counts[0] == counts[1], f"{counts}\n" + sql[1]


# --- potential score form --------------------------------------------------------------------------


def test_admin_records_a_potential_score_with_the_default_validity(client_as, org, users):
    client = client_as("admin_bkd")
    response = client.post(
        reverse("kinerja:talenta_potensial"),
        {"nip": org.staf_b.nip, "tanggal": "2026-03-15", "skor": "78.5", "sumber": "Asesmen terpadu"},
    )
    assert response.status_code == 302
    row = PenilaianPotensial.objects.get()
    assert (row.pegawai, row.skor, row.tanggal, row.sumber, row.dicatat_oleh) == (
        org.staf_b,
        Decimal("78.50"),
        dt.date(2026, 3, 15),
        "Asesmen terpadu",
        users["admin_bkd"],
    )
    assert row.berlaku_sampai == dt.date(2029, 3, 14)  # 3 years (Peraturan BKN 26/2019 Pasal 29 ayat (4))
    page = client.get(reverse("kinerja:talenta_potensial")).content.decode()
    assert "Skor potensial Dewi Lestari (78,50) tersimpan." in page
    assert "78,50" in page and "14 Maret 2029" in page


def test_potential_form_errors_are_indonesian_and_save_nothing(client_as, org):
    client = client_as("admin_bkd")
    url = reverse("kinerja:talenta_potensial")
    response = client.post(url, {"nip": org.staf_a.nip, "tanggal": "2026-03-15", "skor": "100.5"})
    assert response.context["form"].errors["skor"] == [
        "Pastikan nilai ini lebih kecil dari atau sama dengan 100."
    ]
    response = client.post(
        url, {"nip": org.staf_a.nip, "tanggal": "2026-03-15", "skor": "70", "berlaku_sampai": "2026-03-14"}
    )
    assert response.context["form"].errors["berlaku_sampai"] == [
        "Tidak boleh sebelum tanggal asesmen (15 Maret 2026)."
    ]
    response = client.post(url, {"nip": "199901012020011999", "tanggal": "2026-03-15", "skor": "70"})
    assert response.context["form"].errors["nip"] == [
        "Pegawai dengan NIP 199901012020011999 tidak ditemukan."
    ]
    assert not PenilaianPotensial.objects.exists()


def test_potential_form_access(client_as, org):
    url = reverse("kinerja:talenta_potensial")
    for role in ("pimpinan", "atasan", "pegawai"):
        assert client_as(role).get(url).status_code == 403, role
    operator = client_as("operator_opd")
    assert operator.get(url).status_code == 200
    response = operator.post(url, {"nip": org.staf_b.nip, "tanggal": "2026-03-15", "skor": "70"})
    assert response.context["form"].errors["nip"] == [f"Pegawai dengan NIP {org.staf_b.nip} tidak ditemukan."]
    assert not PenilaianPotensial.objects.exists()


# --- import ----------------------------------------------------------------------------------------

KOLOM = ["nip", "tanggal", "skor", "berlaku_sampai", "keterangan"]


def _csv(path, rows, header=KOLOM):
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_import_reports_every_bad_row_and_writes_nothing(org, users, tmp_path, capsys):
    path = _csv(
        tmp_path / "potensial.csv",
        [
            [org.staf_a.nip, "2026-03-15", "78,5", "", "Asesmen terpadu"],  # valid
            ["199901012020011999", "2026-03-15", "70", "", ""],
            [org.staf_b.nip, "15/03/2026", "abc", "", ""],
            [org.kabid_a.nip, "2026-03-15", "100.01", "", ""],
            [org.kepala_a.nip, "2026-02-30", "70", "", ""],
            [org.kepala_a.nip, "2026-03-15", "70.125", "2026-03-01", ""],
            [org.staf_a.nip, "15-03-2026", "80", "", ""],
            ["", "", "", "", ""],  # blank rows are skipped
            [org.staf_b.nip, "", "", "", "x" * 201],
        ],
    )
    with pytest.raises(CommandError, match="10 kesalahan; tidak ada data yang disimpan"):
        call_command("import_potensial", str(path), user="admin_bkd")
    assert capsys.readouterr().err.splitlines() == [
        "baris 3, kolom nip: tidak ada pegawai dengan NIP 199901012020011999.",
        "baris 4, kolom skor: 'abc' bukan angka.",
        "baris 5, kolom skor: harus antara 0 dan 100.",
        "baris 6, kolom tanggal: tanggal '2026-02-30' tidak valid; gunakan YYYY-MM-DD, DD-MM-YYYY atau DD/MM/YYYY.",
        "baris 7, kolom berlaku_sampai: tidak boleh sebelum tanggal asesmen (15 Maret 2026).",
        "baris 7, kolom skor: paling banyak dua angka di belakang koma.",
        f"baris 8, kolom tanggal: NIP {org.staf_a.nip} tanggal 15 Maret 2026 sudah ada di baris 2.",
        "baris 10, kolom keterangan: paling panjang 200 karakter.",
        "baris 10, kolom skor: wajib diisi.",
        "baris 10, kolom tanggal: wajib diisi.",
    ]
    assert not PenilaianPotensial.objects.exists()


def test_import_command_needs_a_user_unless_dry_run(org, tmp_path, capsys):
    path = _csv(tmp_path / "p.csv", [[org.staf_a.nip, "2026-03-15", "78.5", "", ""]])
    with pytest.raises(CommandError, match="Sebutkan --user"):
        call_command("import_potensial", str(path))
    with pytest.raises(CommandError, match="Pengguna tidak_ada tidak ditemukan"):
        call_command("import_potensial", str(path), user="tidak_ada")
    call_command("import_potensial", str(path), dry_run=True)
    assert capsys.readouterr().out.strip() == (
        "Pemeriksaan (--dry-run, tidak ada yang disimpan): 1 baris valid: 1 baru, 0 sudah ada "
        "(diperbarui bila ada yang berbeda)."
    )
    assert not PenilaianPotensial.objects.exists()


def test_import_upserts_by_nip_and_date_and_a_second_run_changes_nothing(org, users, tmp_path, capsys):
    admin = users["admin_bkd"]
    _potensial(org.staf_b, admin, "40", tanggal=dt.date(2026, 3, 15), berlaku_sampai=dt.date(2026, 12, 31))
    path = _csv(
        tmp_path / "asesmen.csv",
        [
            [org.staf_a.nip, "2026-03-15", "78,5", "", "Asesmen terpadu"],
            [org.staf_b.nip, "15-03-2026", "82", "2027-12-31", "Ulang"],
        ],
    )
    call_command("import_potensial", str(path), user="admin_bkd")
    assert capsys.readouterr().out.strip() == (
        "Impor selesai: 2 baris valid: 1 baru, 1 diperbarui, 0 tidak berubah."
    )
    rows = {
        p.pegawai_id: (p.skor, p.tanggal, p.berlaku_sampai, p.sumber, p.dicatat_oleh_id)
        for p in PenilaianPotensial.objects.all()
    }
    assert rows == {
        org.staf_a.pk: (
            Decimal("78.50"),
            dt.date(2026, 3, 15),
            dt.date(2029, 3, 14),
            "Asesmen terpadu",
            admin.pk,
        ),
        org.staf_b.pk: (Decimal("82.00"), dt.date(2026, 3, 15), dt.date(2027, 12, 31), "Ulang", admin.pk),
    }
    staf_a = PenilaianPotensial.objects.get(pegawai=org.staf_a)
    assert staf_a.history.first().history_change_reason == "Impor berkas asesmen.csv"
    assert staf_a.history.first().history_user_id == admin.pk
    call_command("import_potensial", str(path), user="admin_bkd")
    assert capsys.readouterr().out.strip() == (
        "Impor selesai: 2 baris valid: 0 baru, 0 diperbarui, 2 tidak berubah."
    )
    assert PenilaianPotensial.objects.count() == 2


def test_browser_import_preview_then_confirm(client_as, org, tmp_path):
    client = client_as("admin_bkd")
    url = reverse("kinerja:talenta_potensial_impor")
    assert client.get(url).status_code == 200
    template = client.get(reverse("kinerja:talenta_potensial_templat"))
    assert template["Content-Disposition"] == 'attachment; filename="templat-impor-potensial.xlsx"'
    content = "\n".join(
        [",".join(KOLOM), f"{org.staf_a.nip},2026-03-15,78.5,,Asesmen", f"{org.staf_b.nip},2026-03-15,61,,"]
    ).encode()
    response = client.post(url, {"berkas": SimpleUploadedFile("potensial.csv", content, "text/csv")})
    html = response.content.decode()
    assert "Semua baris valid. 2 baris valid: 2 baru, 0 sudah ada" in html
    assert "Konfirmasi impor" in html and "onclick" not in html
    assert not PenilaianPotensial.objects.exists()  # the preview writes nothing
    response = client.post(
        reverse("kinerja:talenta_potensial_impor_konfirmasi"),
        {"token": response.context["token"]},
        follow=True,
    )
    assert "Impor penilaian potensial dari potensial.csv selesai." in response.content.decode()
    assert set(PenilaianPotensial.objects.values_list("pegawai__nama", "skor")) == {
        ("Andi Pratama", Decimal("78.50")),
        ("Dewi Lestari", Decimal("61.00")),
    }


def test_operator_import_is_limited_to_their_opd(client_as, org):
    client = client_as("operator_opd")
    tidak_ada = "199001012015011999"
    content = "\n".join(
        [
            ",".join(KOLOM),
            f"{org.staf_a.nip},2026-03-15,70,,",
            f"{org.staf_b.nip},2026-03-15,61,,",
            f"{tidak_ada},2026-03-15,61,,",
        ]
    )
    response = client.post(
        reverse("kinerja:talenta_potensial_impor"),
        {"berkas": SimpleUploadedFile("p.csv", content.encode(), "text/csv")},
    )
    # Another OPD's employee reads exactly like a NIP that does not exist: the import reveals nothing.
    assert [str(e) for e in response.context["report"].errors] == [
        f"baris 3, kolom nip: tidak ada pegawai dengan NIP {org.staf_b.nip} dalam cakupan Anda.",
        f"baris 4, kolom nip: tidak ada pegawai dengan NIP {tidak_ada} dalam cakupan Anda.",
    ]
    assert "Tidak ada data yang disimpan" in response.content.decode()
    assert not PenilaianPotensial.objects.exists()
    assert client_as("pegawai").get(reverse("kinerja:talenta_potensial_impor")).status_code == 403
