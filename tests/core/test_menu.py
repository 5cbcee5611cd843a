"""The navigation bar is drawn from one map (core.menu) filled by each app with its permission
predicates: each role sees exactly its entries."""

from __future__ import annotations

import pytest

from core.menu import menu_untuk


def _judul(user) -> dict[str, list]:
    hasil = {}
    for tempat, items in menu_untuk(user).items():
        hasil[tempat] = [
            (item["judul"], [a["judul"] for a in item["anak"]]) if "anak" in item else item["judul"]
            for item in items
        ]
    return hasil


GAJI_BKD = [
    "Run gaji",
    "Penyesuaian (koreksi)",
    "Rapel (koreksi massal)",
    "Aturan TPP",
    "Tunjangan fungsional",
    "Aturan THR & gaji ke-13",
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "utama", "akun"),
    [
        (
            "admin_bkd",
            [
                "Dasbor", "Pegawai", "Organisasi",
                ("Laporan", ["Daftar Urut Kepangkatan (DUK)", "Daftar Nominatif", "Penandatangan dokumen"]),
                "Impor data",
                ("Kinerja", [
                    "Sebaran predikat per OPD", "Manajemen talenta (9-box)", "Survei kepuasan layanan",
                    "Sasaran unit kerja", "Predikat unit kerja", "Periode kinerja",
                ]),
                ("Gaji", [*GAJI_BKD, "Rekap kehadiran", "Kenaikan gaji berkala"]),
                ("Mutasi", [
                    "Kebutuhan pegawai (bezetting)", "Usulan mutasi", "SK mutasi", "Tim Penilai Kinerja",
                    "Putaran rotasi", "Bobot rekomendasi", "Aturan mutasi",
                ]),
                ("Pembinaan", [
                    "Kepatuhan JP", "Pegawai & JP", "Verifikasi klaim JP", "Rencana pengembangan", "Kebutuhan pengembangan", "Rencana pengembangan kompetensi", "Pelatihan", "Katalog program", "Aturan JP", "Kelola e-learning", "Mentoring & coaching", "Efek pelatihan",
                ]),
                "Usulan perubahan data",
            ],
            [],
        ),
        (
            "operator_opd",
            [
                "Dasbor", "Pegawai", "Organisasi",
                ("Laporan", ["Daftar Urut Kepangkatan (DUK)", "Daftar Nominatif"]),
                ("Kinerja", ["Sebaran predikat per OPD", "Manajemen talenta (9-box)", "Survei kepuasan layanan"]),
                ("Gaji", ["Rekap kehadiran", "Kenaikan gaji berkala"]),
                ("Mutasi", [
                    "Kebutuhan pegawai (bezetting)", "Usulan mutasi", "SK mutasi", "Putaran rotasi",
                    "Bobot rekomendasi", "Aturan mutasi",
                ]),
                ("Pembinaan", [
                    "Kepatuhan JP", "Pegawai & JP", "Verifikasi klaim JP", "Rencana pengembangan", "Kebutuhan pengembangan", "Rencana pengembangan kompetensi", "Pelatihan", "Katalog program", "Aturan JP", "Mentoring & coaching", "Efek pelatihan",
                ]),
                "Usulan perubahan data",
            ],
            [],
        ),
        (
            "atasan",
            [
                "Dasbor", "Pegawai",
                ("Kinerja", [
                    "SKP saya", "Umpan balik rekan kerja", "Kinerja tim", "Survei kepuasan layanan",
                    "Sasaran unit kerja", "Predikat unit kerja",
                ]),
                ("Gaji", ["Slip saya"]),
                ("Mutasi", ["Mutasi saya"]),
                ("Pembinaan", [
                    "JP saya", "Kepatuhan JP", "Pegawai & JP", "Rencana pengembangan", "Kebutuhan pengembangan", "Pelatihan", "Katalog program", "E-learning", "Mentoring & coaching", "Cek penerapan pelatihan",
                ]),
                "Usulan perubahan data",
            ],
            ["Profil saya"],
        ),
        (
            "pegawai",
            [
                "Dasbor",
                ("Kinerja", ["SKP saya", "Umpan balik rekan kerja"]),
                ("Gaji", ["Slip saya"]),
                ("Mutasi", ["Mutasi saya"]),
                ("Pembinaan", [
                    "JP saya", "Rencana pengembangan", "Kebutuhan pengembangan", "Pelatihan", "Katalog program",
                    "E-learning", "Mentoring & coaching",
                ]),
                "Usulan perubahan data",
            ],
            ["Profil saya"],
        ),
    ],
)  # fmt: skip
def test_each_role_sees_exactly_its_entries(users, role, utama, akun):
    menu = _judul(users[role])
    assert menu["utama"] == utama
    assert menu["akun"] == akun
    assert menu["kanan"] == []


@pytest.mark.django_db
def test_the_superuser_also_gets_the_admin_link_and_a_divider_only_between_entries(users):
    menu = menu_untuk(users["superuser"])
    assert menu["kanan"] == [{"judul": "Admin sistem", "url": "/admin/", "pemisah": False}]
    kinerja = next(i for i in menu["utama"] if i.get("judul") == "Kinerja")
    assert [a["pemisah"] for a in kinerja["anak"]][-1] is True
    assert kinerja["anak"][0]["pemisah"] is False


def test_nobody_signed_in_sees_no_menu():
    from django.contrib.auth.models import AnonymousUser

    assert menu_untuk(AnonymousUser()) == {"utama": [], "kanan": [], "akun": []}


@pytest.mark.django_db
def test_the_page_draws_the_menu(client_as):
    page = client_as("pegawai").get("/").content.decode()
    assert '<a class="dropdown-item" href="/gaji/slip/">Slip saya</a>' in page
    assert "Run gaji" not in page and "Admin sistem" not in page
