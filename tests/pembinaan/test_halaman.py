"""The pages: compliance, employee list with early warning, my JP with a claim, verification, the
profile tab; permissions and 404 across OPDs; query counts flat for 3 and 10 rows."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from akun import roles
from pembinaan import services
from pembinaan.models import KegiatanPengembangan, RekapJP
from tests.factories import PegawaiFactory, UserFactory, bind_operator
from tests.querycount import assert_same_queries, get_queries

from .conftest import FORM_KLAIM, data_kegiatan, pdf

pytestmark = pytest.mark.django_db


def catat(org, users, pegawai, jp, nama="Bimtek"):
    return services.kegiatan_catat(
        actor=users["admin_bkd"],
        pegawai=pegawai,
        sumber="event",
        data=data_kegiatan(nama_pelatihan=nama, jp_tertera=Decimal(jp)),
    )


def test_kepatuhan_pemda_dan_opd(org, users, client_as):
    catat(org, users, org.staf_a, 24)
    catat(org, users, org.kabid_a, 8, nama="Seminar")
    r = client_as("admin_bkd").get("/pembinaan/?tahun=2026")
    assert r.status_code == 200
    rows = {row["kode"]: row for row in r.context["rows"]}
    # OPD A: kepala (0), kabid (8), staf (24) → 1 of 3 meets 20 JP; OPD B: staf_b (0) → 0 of 1.
    assert (rows["A"]["jumlah"], rows["A"]["memenuhi"], rows["A"]["persen"]) == (3, 1, 33.3)
    assert (rows["B"]["jumlah"], rows["B"]["memenuhi"]) == (1, 0)
    # Rows (and the chart's bars) by OPD name: Dinas Kesehatan (B) before Dinas Pendidikan (A).
    assert r.context["grafik"]["datasets"][0]["data"] == [0.0, 33.3]
    operator = client_as("operator_opd").get("/pembinaan/")
    assert [row["kode"] for row in operator.context["rows"]] == ["A"]
    x = client_as("admin_bkd").get("/pembinaan/?tahun=2026&unduh=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(x.content)).active
    data = list(sheet.iter_rows(values_only=True))
    assert data[0][:3] == ("kode_opd", "nama_opd", "jumlah_pegawai")
    assert data[[d[0] for d in data].index("A")][:5] == ("A", "Dinas Pendidikan", 3, 1, 2)


def test_peringatan_dini_dan_cakupan(org, users, client_as):
    catat(org, users, org.staf_a, 12)
    r = client_as("admin_bkd").get("/pembinaan/pegawai/?tahun=2026&di_bawah=10")
    nips = {p.nip for p in r.context["page"]}
    assert nips == {org.kepala_a.nip, org.kabid_a.nip, org.staf_b.nip}  # staf_a has 12
    # The operator of OPD A asking for OPD B sees OPD A only (the filter offers only visible OPDs).
    r = client_as("operator_opd").get(f"/pembinaan/pegawai/?opd={org.opd_b.pk}")
    assert org.staf_b.nip not in {p.nip for p in r.context["page"]}


def test_pegawai_tidak_boleh_melihat_kepatuhan(client_as):
    assert client_as("pegawai").get("/pembinaan/").status_code == 403
    assert client_as("pegawai").get("/pembinaan/klaim/").status_code == 403


def test_saya_klaim_dan_verifikasi(org, users, client):
    client.force_login(users["pegawai"])
    data = {**FORM_KLAIM, "catatan": "x" * 501, "bukti": pdf()}
    r = client.post("/pembinaan/saya/", data)
    assert r.status_code == 200 and "catatan" in r.context["form"].errors
    assert not KegiatanPengembangan.objects.exists()
    data["catatan"], data["bukti"] = "", pdf()
    r = client.post("/pembinaan/saya/", data)
    assert r.status_code == 302
    k = KegiatanPengembangan.objects.get()
    assert (k.status, k.jp_diakui, k.sumber) == ("diajukan", Decimal(20), "klaim")  # 900 min / 45
    # The operator of OPD A verifies; JP 20 reaches the target.
    client.force_login(users["operator_opd"])
    assert k.pk in [x.pk for x in client.get("/pembinaan/klaim/").context["page"]]
    client.post(f"/pembinaan/klaim/{k.pk}/putus/", {"aksi": "verifikasi"})
    k.refresh_from_db()
    assert k.status == "diverifikasi"
    client.force_login(users["pegawai"])
    r = client.get("/pembinaan/saya/")
    assert r.context["ringkasan"]["memenuhi"] and r.context["ringkasan"]["persen"] == 100
    assert client.get(f"/pembinaan/kegiatan/{k.pk}/bukti/").status_code == 200


def test_tolak_alasan_501_ditolak(org, users, klaim, client_as):
    c = client_as("operator_opd")
    c.post(f"/pembinaan/klaim/{klaim.pk}/putus/", {"aksi": "tolak", "alasan": "x" * 501})
    klaim.refresh_from_db()
    assert klaim.status == "diajukan"


def test_opd_lain_404(org, users, klaim, client):
    operator_b = UserFactory(username="operator_b", roles=[roles.OPERATOR_OPD])
    bind_operator(operator_b, org.opd_b)
    client.force_login(operator_b)
    assert client.post(f"/pembinaan/klaim/{klaim.pk}/putus/", {"aksi": "verifikasi"}).status_code == 404
    assert client.get(f"/pembinaan/kegiatan/{klaim.pk}/bukti/").status_code == 404
    assert klaim.pk not in [x.pk for x in client.get("/pembinaan/klaim/").context["page"]]
    pegawai_b = UserFactory(username="pegawai_b", roles=[roles.PEGAWAI])
    org.staf_b.user = pegawai_b
    org.staf_b.save(update_fields=["user"])
    client.force_login(pegawai_b)
    assert client.get(f"/pembinaan/kegiatan/{klaim.pk}/bukti/").status_code == 404


def test_tidak_memverifikasi_klaim_sendiri(org, users, client):
    # An operator who is also an employee claims; they cannot verify their own claim.
    k = services.klaim_ajukan(
        actor=users["operator_opd"], pegawai=org.staf_a, data=data_kegiatan(), bukti=pdf()
    )
    client.force_login(users["operator_opd"])
    assert client.post(f"/pembinaan/klaim/{k.pk}/putus/", {"aksi": "verifikasi"}).status_code == 403


def test_tab_profil(org, users, client_as):
    catat(org, users, org.staf_a, 6)
    client = client_as("operator_opd")
    profil = client.get(f"/pegawai/{org.staf_a.nip}/").content.decode()
    # the profile shows the tab and loads its content on demand from the tab's own URL
    url = f"/pegawai/{org.staf_a.nip}/tab/jp/"
    assert 'id="tab-jp"' in profil and f'hx-get="{url}"' in profil and "Bimtek" not in profil
    r = client.get(url)
    assert r.status_code == 200
    assert b'data-testid="ringkasan-jp"' in r.content and b"Bimtek" in r.content


def _isi(org, users, n: int, awal: int = 0) -> None:
    for i in range(awal, awal + n):
        p = PegawaiFactory(jabatan=org.staf_a.jabatan)
        RekapJP.objects.create(pegawai=p, tahun=2026, jp_klasikal=i, jp_total=i)
        KegiatanPengembangan.objects.create(
            pegawai=org.staf_a if i % 2 else p,
            nama_pelatihan=f"Kegiatan {i}",
            bentuk="seminar",
            jalur="klasikal",
            tanggal_mulai=dt.date(2026, 5, 1),
            tanggal_selesai=dt.date(2026, 5, 1),
            tahun=2026,
            jp_tertera=2,
            sumber="klaim",
            status="diajukan",
            jp_diakui=2,
            diajukan_oleh=users["pegawai"],
        )


@pytest.mark.parametrize(
    ("login", "url"),
    [
        ("admin_bkd", "/pembinaan/"),
        ("operator_opd", "/pembinaan/"),
        ("admin_bkd", "/pembinaan/pegawai/"),
        ("operator_opd", "/pembinaan/pegawai/?di_bawah=10"),
        ("pegawai", "/pembinaan/saya/"),
        ("admin_bkd", "/pembinaan/klaim/"),
        ("operator_opd", "/pembinaan/klaim/"),
    ],
)
def test_jumlah_query_datar(org, users, client_as, login, url):
    c = client_as(login)
    _isi(org, users, 3)
    kecil = get_queries(c, url)
    _isi(org, users, 7, awal=3)
    besar = get_queries(c, url)
    assert_same_queries(kecil, besar, url)
