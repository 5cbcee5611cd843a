"""Mentoring and coaching: candidates from the latest finalised 9-box and position history, capacity,
confirmation, sessions credited in JP to both by the form's rule, links to bimbingan records, bad input,
permissions, 404 across OPDs, query counts flat for 3 and 10 rows.

The organisation (tests/conftest.py): OPD A kepala_a → kabid_a (the `atasan` login) → staf_a (the
`pegawai` login); OPD B staf_b. Today is 2 December 2026; 2025 is the latest closed appraisal year.
Boxes (kinerja/data/talenta_9box_permenpanrb3_2020.csv, thresholds menengah 60, tinggi 80):
sangat baik + 85 → 9; baik + 65 → 5; butuh perbaikan + 50 → 1.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from akun import roles
from kinerja.models import SKP, SesiPembinaan
from pegawai.models import Pegawai, RiwayatJabatan
from pembinaan import selectors_mentoring as sm
from pembinaan import services_mentoring as svc
from pembinaan.models import KegiatanPengembangan, PasanganMentoring, RekapJP, SesiMentoring
from tests.factories import PegawaiFactory, UserFactory, bind_operator
from tests.querycount import assert_same_queries, get_queries

from . import data_kinerja as dk

pytestmark = pytest.mark.django_db


@pytest.fixture
def talenta(org, users):
    admin = users["admin_bkd"]
    dk.nilai(org.kepala_a, 2025, "sangat baik")
    dk.potensial(org.kepala_a, admin, "85")  # box 9: mentor
    dk.nilai(org.kabid_a, 2025, "baik")
    dk.potensial(org.kabid_a, admin, "65")  # box 5: neither
    dk.nilai(org.staf_a, 2025, "butuh perbaikan")
    dk.potensial(org.staf_a, admin, "50")  # box 1: mentee
    dk.nilai(org.staf_b, 2025, "sangat baik")
    dk.potensial(org.staf_b, admin, "90")  # box 9 in OPD B: never a mentor for OPD A
    return org


@pytest.fixture
def pasangan(org, users, talenta):
    """kepala_a mentors staf_a, confirmed."""
    p = svc.usulkan(actor=users["operator_opd"], mentor=org.kepala_a, mentee=org.staf_a, jenis="mentoring")
    return svc.putuskan(actor=users["atasan"], pasangan=p, setuju=True)


def test_kotak_dari_9box_final_terakhir(org, talenta):
    tahun, kotak = sm.kotak_per_pegawai(Pegawai.objects.all())
    assert tahun == 2025
    assert kotak == {org.kepala_a.pk: 9, org.kabid_a.pk: 5, org.staf_a.pk: 1, org.staf_b.pk: 9}


def test_tahun_berjalan_tidak_dibaca(org, users, talenta):
    """A FINAL-looking annual evaluation of the running year (2026, not closed) is never the grid."""
    dk.nilai(org.kabid_a, 2026, "sangat baik", ditutup=False)
    dk.potensial(org.kabid_a, users["admin_bkd"], "95", tanggal=dt.date(2026, 6, 1))
    tahun, kotak = sm.kotak_per_pegawai(Pegawai.objects.all())
    assert (tahun, kotak[org.kabid_a.pk]) == (2025, 5)


def test_tanpa_tahun_final_tidak_ada_kotak(org):
    assert sm.kotak_per_pegawai(Pegawai.objects.all()) == (None, {})


def test_kandidat_kapasitas_dan_tidak_dobel(org, users, talenta):
    cpns = PegawaiFactory(jabatan=org.staf_a.jabatan, nama="Ahmad Cpns", status_kepegawaian="CPNS")
    pindah = PegawaiFactory(jabatan=org.staf_a.jabatan, nama="Budi Pindah")
    RiwayatJabatan.objects.create(pegawai=pindah, nama_jabatan="Analis", tmt=dt.date(2026, 3, 1))
    lama = PegawaiFactory(jabatan=org.staf_a.jabatan, nama="Citra Lama")
    RiwayatJabatan.objects.create(pegawai=lama, nama_jabatan="Analis", tmt=dt.date(2025, 11, 30))
    Pegawai.objects.filter(pk=lama.pk).update(tmt_jabatan=dt.date(2025, 11, 30))
    svc.atur_kapasitas(actor=users["admin_bkd"], mentor=org.kepala_a, maks=2)
    kandidat = sm.kandidat_pasangan(org.opd_a.pk, dt.date(2026, 12, 2))
    # Mentees by name: Ahmad (CPNS), Andi = staf_a (box 1), Budi (moved 2026-03-01); Citra moved more
    # than 12 months ago. The only mentor (kepala_a, box 9) takes 2: the first two by name.
    assert [(k.mentee.nama, k.mentor.pk) for k in kandidat] == [
        ("Ahmad Cpns", org.kepala_a.pk),
        ("Andi Pratama", org.kepala_a.pk),
    ]
    assert kandidat[0].alasan == "CPNS"
    assert (kandidat[1].alasan, kandidat[1].kotak_mentee, kandidat[1].kotak_mentor) == (
        "kotak talenta 1 (2025)",
        1,
        9,
    )
    assert cpns.pk == kandidat[0].mentee.pk
    dibuat = svc.usulkan_otomatis(actor=users["operator_opd"], opd_id=org.opd_a.pk)
    assert len(dibuat) == 2
    assert svc.usulkan_otomatis(actor=users["operator_opd"], opd_id=org.opd_a.pk) == []  # full, nothing twice
    svc.atur_kapasitas(actor=users["admin_bkd"], mentor=org.kepala_a, maks=3)
    ketiga = svc.usulkan_otomatis(actor=users["operator_opd"], opd_id=org.opd_a.pk)
    assert [(p.mentee.nama, p.kotak_mentee, p.alasan_usulan) for p in ketiga] == [
        ("Budi Pindah", None, "pindah jabatan ≤ 12 bulan")
    ]
    assert PasanganMentoring.objects.count() == 3
    h = ketiga[0].history.first()
    assert h.history_user == users["operator_opd"] and h.history_change_reason.startswith(
        "Diusulkan otomatis"
    )


def test_usulan_manual_kapasitas_dan_teks_panjang(org, users, talenta):
    svc.atur_kapasitas(actor=users["admin_bkd"], mentor=org.kepala_a, maks=1)
    with pytest.raises(Exception, match="Tujuan paling panjang 500"):
        svc.usulkan(
            actor=users["operator_opd"],
            mentor=org.kepala_a,
            mentee=org.staf_a,
            jenis="coaching",
            tujuan="x" * 501,
        )
    svc.usulkan(actor=users["operator_opd"], mentor=org.kepala_a, mentee=org.staf_a, jenis="coaching")
    with pytest.raises(Exception, match="kapasitas 1"):
        svc.usulkan(actor=users["operator_opd"], mentor=org.kepala_a, mentee=org.kabid_a, jenis="coaching")
    assert PasanganMentoring.objects.count() == 1


def test_halaman_usulan_manual(org, users, talenta, client_as):
    c = client_as("operator_opd")
    r = c.post(
        "/pembinaan/mentoring/usulkan/",
        {
            "mentor_nip": org.kepala_a.nip,
            "mentee_nip": org.staf_a.nip,
            "jenis": "mentoring",
            "tujuan": "y" * 501,
        },
    )
    assert r.status_code == 400 and PasanganMentoring.objects.count() == 0
    # Another OPD's employee is not in the operator's scope.
    r = c.post(
        "/pembinaan/mentoring/usulkan/",
        {"mentor_nip": org.kepala_a.nip, "mentee_nip": org.staf_b.nip, "jenis": "mentoring", "tujuan": ""},
    )
    assert r.status_code == 400 and "tidak ditemukan" in r.content.decode()
    r = c.post(
        "/pembinaan/mentoring/usulkan/",
        {
            "mentor_nip": org.kepala_a.nip,
            "mentee_nip": org.staf_a.nip,
            "jenis": "mentoring",
            "tujuan": "Orientasi",
        },
    )
    assert r.status_code == 302
    assert client_as("pegawai").post("/pembinaan/mentoring/usulkan/", {}).status_code == 403


def test_konfirmasi_oleh_atasan_mentee(org, users, talenta, client_as):
    p = svc.usulkan(actor=users["operator_opd"], mentor=org.kepala_a, mentee=org.staf_a, jenis="mentoring")
    # The mentee cannot confirm their own pair; a rejection needs a reason ≤ 500 characters.
    assert (
        client_as("pegawai").post(f"/pembinaan/mentoring/{p.pk}/putus/", {"aksi": "setuju"}).status_code
        == 403
    )
    c = client_as("atasan")
    c.post(f"/pembinaan/mentoring/{p.pk}/putus/", {"aksi": "tolak", "catatan": "z" * 501})
    p.refresh_from_db()
    assert p.status == "diusulkan"
    c.post(f"/pembinaan/mentoring/{p.pk}/putus/", {"aksi": "setuju", "catatan": "Mulai Januari"})
    p.refresh_from_db()
    assert (p.status, p.catatan, p.diputus_oleh) == ("aktif", "Mulai Januari", users["atasan"])


def test_atasan_mencatat_sesi_jp_untuk_keduanya(org, users, pasangan, client_as):
    skp = SKP.objects.filter(pegawai=org.staf_a).first()
    bimbingan = None
    if skp is None:
        from kinerja.models import PeriodeKinerja

        skp = SKP.objects.create(
            periode=PeriodeKinerja.objects.get_or_create(tahun=2026)[0],
            pegawai=org.staf_a,
            jabatan=org.staf_a.jabatan,
            unit_kerja=org.staf_a.unit_kerja,
            opd=org.staf_a.opd,
            pejabat_penilai=org.kabid_a,
        )
    bimbingan = SesiPembinaan.objects.create(
        skp=skp,
        jenis="bimbingan",
        tanggal=dt.date(2026, 11, 20),
        permasalahan="Target",
        dicatat_oleh=users["atasan"],
    )
    c = client_as("atasan")
    r = c.post(
        f"/pembinaan/mentoring/{pasangan.pk}/sesi/",
        {
            "tanggal": "2026-11-20",
            "durasi_menit": "100",
            "agenda": "Menyusun rencana kerja",
            "catatan": "c" * 500,
            "tindak_lanjut": "Draf rencana minggu depan",
        },
    )
    assert r.status_code == 302
    sesi = SesiMentoring.objects.get()
    # The mentoring rule seeded by the migration: one JP per full 45 minutes → 100 min = 2 JP each.
    assert sesi.kegiatan_mentee.jp_diakui == Decimal("2.00")
    assert sesi.kegiatan_mentor.jp_diakui == Decimal("2.00")
    assert (sesi.kegiatan_mentee.pegawai, sesi.kegiatan_mentor.pegawai) == (org.staf_a, org.kepala_a)
    assert sesi.kegiatan_mentee.sumber == "mentoring" and sesi.kegiatan_mentee.status == "diverifikasi"
    assert sesi.kegiatan_mentee.bentuk == "mentoring" and sesi.kegiatan_mentee.aturan.bentuk == "mentoring"
    assert sesi.sesi_kinerja == bimbingan
    assert RekapJP.objects.get(pegawai=org.staf_a, tahun=2026).jp_nonklasikal == Decimal("2.00")
    assert RekapJP.objects.get(pegawai=org.kepala_a, tahun=2026).jp_total == Decimal("2.00")
    assert sesi.history.last().history_user == users["atasan"]
    # A second session of 45 minutes: 1 JP more.
    svc.catat_sesi(
        actor=users["atasan"],
        pasangan=pasangan,
        data={"tanggal": dt.date(2026, 11, 27), "durasi_menit": 45, "agenda": "Evaluasi draf"},
    )
    assert RekapJP.objects.get(pegawai=org.staf_a, tahun=2026).jp_total == Decimal("3.00")
    # The mentee sees it on their JP page.
    r = client_as("pegawai").get("/pembinaan/saya/")
    assert r.context["ringkasan"]["jp_total"] == Decimal("3.00")


@pytest.mark.parametrize(
    ("ubah", "field"),
    [
        ({"catatan": "c" * 501}, "catatan"),
        ({"tindak_lanjut": "t" * 501}, "tindak_lanjut"),
        ({"agenda": ""}, "agenda"),
        ({"tanggal": "2026-12-10"}, "tanggal"),
        ({"durasi_menit": "0"}, "durasi_menit"),
    ],
)
def test_sesi_input_buruk_tidak_menulis_apa_pun(org, users, pasangan, client_as, ubah, field):
    data = {
        "tanggal": "2026-11-20",
        "durasi_menit": "60",
        "agenda": "Agenda",
        "catatan": "",
        "tindak_lanjut": "",
    }
    r = client_as("atasan").post(f"/pembinaan/mentoring/{pasangan.pk}/sesi/", {**data, **ubah})
    assert r.status_code == 400
    assert r.context["form"].errors.get(field)
    assert SesiMentoring.objects.count() == 0
    assert KegiatanPengembangan.objects.count() == 0


def test_sesi_hanya_pasangan_aktif_dan_bukan_mentee(org, users, talenta, client_as):
    p = svc.usulkan(actor=users["operator_opd"], mentor=org.kepala_a, mentee=org.staf_a, jenis="mentoring")
    data = {"tanggal": "2026-11-20", "durasi_menit": "60", "agenda": "Agenda"}
    assert (
        client_as("atasan").post(f"/pembinaan/mentoring/{p.pk}/sesi/", data).status_code == 403
    )  # not active
    svc.putuskan(actor=users["atasan"], pasangan=p, setuju=True)
    assert (
        client_as("pegawai").post(f"/pembinaan/mentoring/{p.pk}/sesi/", data).status_code == 403
    )  # the mentee
    assert client_as("operator_opd").post(f"/pembinaan/mentoring/{p.pk}/sesi/", data).status_code == 302
    svc.selesaikan(actor=users["atasan"], pasangan=p)
    assert client_as("atasan").post(f"/pembinaan/mentoring/{p.pk}/sesi/", data).status_code == 403


def test_404_lintas_opd(org, users, talenta, client):
    p_b = svc.usulkan(
        actor=users["admin_bkd"],
        mentor=org.staf_b,
        mentee=PegawaiFactory(jabatan=org.staf_b.jabatan, nama="Eka B"),
        jenis="mentoring",
    )
    client.force_login(users["operator_opd"])  # OPD A
    for url in (f"/pembinaan/mentoring/{p_b.pk}/", f"/pembinaan/mentoring/{p_b.pk}/sesi/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/pembinaan/mentoring/{p_b.pk}/putus/", {"aksi": "setuju"}).status_code == 404
    assert client.post("/pembinaan/mentoring/usulkan-otomatis/", {"opd": org.opd_b.pk}).status_code == 404
    client.force_login(users["pegawai"])
    assert client.get(f"/pembinaan/mentoring/{p_b.pk}/").status_code == 404
    operator_b = UserFactory(username="operator_b", roles=[roles.OPERATOR_OPD])
    bind_operator(operator_b, org.opd_b)
    client.force_login(operator_b)
    assert client.get(f"/pembinaan/mentoring/{p_b.pk}/").status_code == 200


def _pasangan_banyak(org, users, n: int) -> PasanganMentoring:
    svc.atur_kapasitas(actor=users["admin_bkd"], mentor=org.kepala_a, maks=20)
    pertama = None
    for i in range(n):
        mentee = PegawaiFactory(jabatan=org.staf_a.jabatan, nama=f"Mentee {i:02d}")
        p = svc.usulkan(actor=users["admin_bkd"], mentor=org.kepala_a, mentee=mentee, jenis="mentoring")
        pertama = pertama or svc.putuskan(actor=users["admin_bkd"], pasangan=p, setuju=True)
    return pertama


def test_query_count_daftar_dan_detail(org, users, talenta, client_as):
    c = client_as("operator_opd")
    p = _pasangan_banyak(org, users, 3)
    for i in range(3):
        svc.catat_sesi(
            actor=users["admin_bkd"],
            pasangan=p,
            data={"tanggal": dt.date(2026, 11, 1 + i), "durasi_menit": 60, "agenda": "A"},
        )
    kecil = get_queries(c, "/pembinaan/mentoring/")
    kecil_detail = get_queries(c, f"/pembinaan/mentoring/{p.pk}/")
    _pasangan_banyak(org, users, 7)
    for i in range(7):
        svc.catat_sesi(
            actor=users["admin_bkd"],
            pasangan=p,
            data={"tanggal": dt.date(2026, 11, 10 + i), "durasi_menit": 60, "agenda": "A"},
        )
    r = c.get("/pembinaan/mentoring/")
    assert len(r.context["page"].object_list) == 10
    assert_same_queries(kecil, get_queries(c, "/pembinaan/mentoring/"), "daftar mentoring")
    assert_same_queries(kecil_detail, get_queries(c, f"/pembinaan/mentoring/{p.pk}/"), "detail mentoring")


def test_atur_kapasitas_mentor(org, users, client_as):
    c = client_as("operator_opd")
    assert (
        c.post(
            "/pembinaan/mentoring/kapasitas/", {"mentor_nip": org.kepala_a.nip, "maks_mentee": "5"}
        ).status_code
        == 302
    )
    assert org.kepala_a.kapasitas_mentor.maks_mentee == 5
    assert org.kepala_a.kapasitas_mentor.history.first().history_user == users["operator_opd"]
    c.post("/pembinaan/mentoring/kapasitas/", {"mentor_nip": org.kepala_a.nip, "maks_mentee": "21"})
    org.kepala_a.kapasitas_mentor.refresh_from_db()
    assert org.kepala_a.kapasitas_mentor.maks_mentee == 5
    c.post("/pembinaan/mentoring/kapasitas/", {"mentor_nip": org.staf_b.nip, "maks_mentee": "2"})  # OPD B
    from pembinaan.models import KapasitasMentor

    assert not KapasitasMentor.objects.filter(pegawai=org.staf_b).exists()
    assert client_as("atasan").post("/pembinaan/mentoring/kapasitas/", {}).status_code == 403
