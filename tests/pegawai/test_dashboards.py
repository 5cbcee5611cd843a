"""Each role sees its own dashboard at `/`, scoped to what it may see."""

import datetime as dt

from django.utils import timezone

from core.dates import add_months
from pegawai.models import Pegawai


def test_admin_dashboard_counts_and_charts(org, client_as):
    response = client_as("admin_bkd").get("/")
    assert response.status_code == 200
    assert "Dasbor Admin BKD" in response.content.decode()
    ctx = response.context
    assert ctx["total"] == 4
    assert ctx["grafik"]["golongan"]["labels"] == ["III/a"]
    assert sum(ctx["grafik"]["opd"]["data"]) == 4
    pyramid = ctx["grafik"]["piramida"]
    assert -sum(pyramid["laki"]) + sum(pyramid["perempuan"]) == 4


def test_pimpinan_sees_the_same_figures(org, client_as):
    response = client_as("pimpinan").get("/")
    assert "Dasbor Pimpinan" in response.content.decode()
    assert response.context["total"] == 4


def test_operator_dashboard_is_limited_to_the_opd(org, client_as):
    Pegawai.objects.filter(pk=org.staf_b.pk).update(
        tanggal_pensiun=timezone.localdate() + dt.timedelta(days=30)
    )
    Pegawai.objects.filter(pk=org.staf_a.pk).update(
        tanggal_pensiun=timezone.localdate() + dt.timedelta(days=40)
    )
    response = client_as("operator_opd").get("/")
    page = response.content.decode()
    assert "Dasbor Operator OPD" in page
    assert response.context["total"] == 3
    assert org.staf_a.nama in page
    assert org.staf_b.nama not in page


def test_atasan_dashboard_lists_the_team(org, client_as):
    response = client_as("atasan").get("/")
    assert response.context["jumlah_tim"] == 1
    assert [p.nip for p in response.context["tim_ditampilkan"]] == [org.staf_a.nip]
    assert "Tim saya" in response.content.decode()


def test_pegawai_dashboard_is_personal(org, client_as):
    response = client_as("pegawai").get("/")
    page = response.content.decode()
    assert response.context["me"] == org.staf_a
    assert "Ringkasan kepegawaian" in page
    assert org.kabid_a.nama not in page


def test_a_large_team_shows_the_first_rows_and_links_to_the_list(org, client_as):
    from tests.factories import PegawaiFactory

    for i in range(24):
        PegawaiFactory(
            jabatan=org.staf_a.jabatan, nama=f"Anggota {i:02d}", atasan=org.kabid_a, atasan_manual=True
        )
    response = client_as("atasan").get("/")
    assert response.context["jumlah_tim"] == 25
    assert len(response.context["tim_ditampilkan"]) == 20
    assert "Menampilkan 20 dari 25 bawahan" in response.content.decode()


def test_the_team_block_counts_the_whole_team_and_lists_those_due_first(org, client_as):
    """KGB within 3 months or retirement within 12 months come first (then by name) and are counted
    over the whole team, also beyond the 20 rows shown. Today + 3 months and + 12 months are the
    bounds, excluded; an employee without the date never counts."""
    from tests.factories import PegawaiFactory

    today = timezone.localdate()
    # staf_a (already kabid_a's report) gets dates far away: counted in the team, not due.
    jauh = {"tanggal_kgb_berikutnya": today + dt.timedelta(days=400), "tanggal_pensiun": dt.date(2050, 1, 1)}
    Pegawai.objects.filter(pk=org.staf_a.pk).update(**jauh)
    # 22 more reports, "Zaenal 00" … "Zaenal 21", none due: the due ones must still reach the first rows.
    for i in range(22):
        p = PegawaiFactory(
            jabatan=org.staf_a.jabatan, nama=f"Zaenal {i:02d}", atasan=org.kabid_a, atasan_manual=True
        )
        Pegawai.objects.filter(pk=p.pk).update(**jauh)
    kasus = {
        "Yusuf KGB 2 bulan": {"tanggal_kgb_berikutnya": today + dt.timedelta(days=60)},
        "Wati pensiun 11 bulan": {"tanggal_pensiun": today + dt.timedelta(days=330)},
        "Budi KGB dan pensiun": {
            "tanggal_kgb_berikutnya": today + dt.timedelta(days=10),
            "tanggal_pensiun": today + dt.timedelta(days=20),
        },
        "Citra KGB tepat 3 bulan": {"tanggal_kgb_berikutnya": add_months(today, 3)},
        "Dodi pensiun tepat 12 bulan": {"tanggal_pensiun": add_months(today, 12)},
        "Eka tanpa tanggal": {"tanggal_kgb_berikutnya": None, "tanggal_pensiun": None},
    }
    for nama, tanggal in kasus.items():
        p = PegawaiFactory(jabatan=org.staf_a.jabatan, nama=nama, atasan=org.kabid_a, atasan_manual=True)
        Pegawai.objects.filter(pk=p.pk).update(**{**jauh, **tanggal})
    PegawaiFactory(
        jabatan=org.staf_a.jabatan, nama="Ani nonaktif", atasan=org.kabid_a, atasan_manual=True, aktif=False
    )

    ctx = client_as("atasan").get("/").context
    # 1 + 22 + 6 active reports; due: KGB Yusuf, Budi (2); retirement Wati, Budi (2).
    assert (ctx["jumlah_tim"], ctx["jumlah_kgb"], ctx["jumlah_pensiun"]) == (29, 2, 2)
    nama = [p.nama for p in ctx["tim_ditampilkan"]]
    assert nama[:3] == ["Budi KGB dan pensiun", "Wati pensiun 11 bulan", "Yusuf KGB 2 bulan"]
    # then everyone else by name, cut at 20 rows
    assert org.staf_a.nama == "Andi Pratama"
    assert nama[3:7] == [
        "Andi Pratama",
        "Citra KGB tepat 3 bulan",
        "Dodi pensiun tepat 12 bulan",
        "Eka tanpa tanggal",
    ]
    assert len(nama) == 20 and nama[-1] == "Zaenal 12"
    budi = ctx["tim_ditampilkan"][0]
    assert (budi.segera_kgb, budi.segera_pensiun) == (True, True)
    assert [(p.segera_kgb, p.segera_pensiun) for p in ctx["tim_ditampilkan"][1:5]] == [
        (False, True),
        (True, False),
        (False, False),
        (False, False),
    ]
