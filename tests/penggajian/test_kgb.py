"""KGB: overdue and due in the next three months, the performance condition (the annual predikat of the
last two finalised years before the TMT at least Baik; "belum dapat ditentukan" while one is missing),
issued one by one or for a whole OPD at once, postponed, the SK KGB PDF with its own legal basis, the
decree on the employee's profile, and the raise paid from its TMT (amounts from PP 5/2024)."""

from __future__ import annotations

import datetime as dt
import subprocess
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.models import Penilaian, PeriodeKinerja
from kinerja.selectors import SyaratKinerja, syarat_kinerja_kenaikan, tahun_syarat_kinerja
from pegawai.models import Pegawai, Penandatangan
from penggajian.models import KenaikanGajiBerkala, Slip
from tests.factories import PegawaiFactory
from tests.penggajian.bantu import hitung

TMT_2027 = dt.date(2027, 1, 1)


@pytest.fixture
def hari_ini(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, tzinfo=ZoneInfo("Asia/Makassar")))


def atur(pegawai, *, tmt_golongan, mkg, mkg_bulan=0) -> Pegawai:
    p = Pegawai.objects.get(pk=pegawai.pk)
    p.tmt_golongan, p.mkg_tahun, p.mkg_bulan = tmt_golongan, mkg, mkg_bulan
    p.refresh_derived(timezone.localdate())
    p.save()
    return p


@pytest.fixture
def tenang(bergaji, hari_ini):
    """Every fixture employee had their last decree on 1 April 2026 (MKG 10): no KGB due or overdue."""
    for p in (bergaji.kepala_a, bergaji.kabid_a, bergaji.staf_a, bergaji.staf_b):
        atur(p, tmt_golongan=dt.date(2026, 4, 1), mkg=10)
    return bergaji


@pytest.fixture
def jatuh_tempo(tenang):
    """staf_b (III/a) got MKG 10 with the decree of 1 January 2025, so reaches MKG 12 on 1 January 2027."""
    p = atur(tenang.staf_b, tmt_golongan=dt.date(2025, 1, 1), mkg=10)
    assert p.tanggal_kgb_berikutnya == TMT_2027
    return p


def tahunan(pegawai, tahun, predikat, *, status="final", ditutup=True):
    periode, _ = PeriodeKinerja.objects.get_or_create(tahun=tahun, defaults={"jenis_evaluasi": "triwulanan"})
    if ditutup and periode.status != "ditutup":
        periode.status = "ditutup"
        periode.save()
    Penilaian.objects.create(
        periode_kinerja=periode, periode="tahunan", pegawai=pegawai, opd_id=pegawai.opd_id, status=status,
        rating_hasil_kerja="sesuai ekspektasi", rating_perilaku_kerja="sesuai ekspektasi", predikat=predikat,
    )  # fmt: skip


def teks_pdf(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "dok.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


# --- the rule ------------------------------------------------------------------------------------


def test_the_years_are_the_last_two_finalised_before_the_tmt():
    # Autumn 2026: 2026 is still running, so a TMT in January 2027 is judged on 2024 and 2025 …
    assert tahun_syarat_kinerja(dt.date(2027, 1, 1), {2024, 2025}) == (2024, 2025)
    # … and once 2026 is closed, on 2025 and 2026.
    assert tahun_syarat_kinerja(dt.date(2027, 1, 1), {2024, 2025, 2026}) == (2025, 2026)
    assert tahun_syarat_kinerja(dt.date(2026, 12, 1), {2025}) == (2024, 2025)
    # Never further back than the two years before the TMT's year.
    assert tahun_syarat_kinerja(dt.date(2027, 1, 1), set()) == (2024, 2025)


@pytest.mark.django_db
def test_met_not_met_and_not_yet_determinable(tenang):
    kepala, kabid, staf, staf_b = tenang.kepala_a, tenang.kabid_a, tenang.staf_a, tenang.staf_b
    tahunan(kepala, 2024, "baik")
    tahunan(kepala, 2025, "sangat baik")
    tahunan(kabid, 2025, "baik")  # no 2024 appraisal
    tahunan(staf, 2024, "baik")
    tahunan(staf, 2025, "baik", status="keberatan")
    tahunan(staf_b, 2024, "baik")
    tahunan(staf_b, 2025, "butuh perbaikan")
    hasil = syarat_kinerja_kenaikan(tmt_per_pegawai={p.pk: TMT_2027 for p in (kepala, kabid, staf, staf_b)})

    assert hasil[kepala.pk].status == SyaratKinerja.MEMENUHI
    assert hasil[kepala.pk].tahun == (2024, 2025)
    assert hasil[kepala.pk].uraian_predikat == "2024: Baik; 2025: Sangat Baik"
    assert (hasil[kabid.pk].status, hasil[kabid.pk].alasan) == (
        SyaratKinerja.BELUM_DAPAT_DITENTUKAN,
        "predikat tahunan 2024 tidak ada",
    )
    assert (hasil[staf.pk].status, hasil[staf.pk].alasan) == (
        SyaratKinerja.BELUM_DAPAT_DITENTUKAN,
        "predikat tahunan 2025 belum final (keberatan belum diputus)",
    )
    assert (hasil[staf_b.pk].status, hasil[staf_b.pk].alasan) == (
        SyaratKinerja.BELUM_MEMENUHI,
        "predikat tahunan 2025 Butuh Perbaikan (minimal Baik)",
    )


@pytest.mark.django_db
def test_a_year_not_closed_is_not_final(tenang):
    tahunan(tenang.staf_b, 2025, "baik")
    tahunan(tenang.staf_b, 2026, "baik", status="diterima", ditutup=False)
    # A TMT in December 2026 needs 2024 and 2025; 2025 is closed, 2024 does not exist.
    hasil = syarat_kinerja_kenaikan(tmt_per_pegawai={tenang.staf_b.pk: dt.date(2026, 12, 1)})
    assert hasil[tenang.staf_b.pk].alasan == "predikat tahunan 2024 tidak ada"
    PeriodeKinerja.objects.filter(tahun=2025).update(status="dibuka")
    hasil = syarat_kinerja_kenaikan(tmt_per_pegawai={tenang.staf_b.pk: dt.date(2026, 12, 1)})
    assert hasil[tenang.staf_b.pk].tahun == (2023, 2024)
    assert (
        hasil[tenang.staf_b.pk].alasan == "predikat tahunan 2023 tidak ada; predikat tahunan 2024 tidak ada"
    )


# --- the page, issuing, the decree ----------------------------------------------------------------


@pytest.mark.django_db
def test_an_eligible_kgb_is_issued_with_its_own_legal_basis_and_raises_the_pay_from_its_tmt(
    jatuh_tempo, users, petugas, client, tmp_path
):
    tahunan(jatuh_tempo, 2024, "baik")
    tahunan(jatuh_tempo, 2025, "sangat baik")
    client.force_login(users["admin_bkd"])
    page = client.get(reverse("penggajian:kgb_list")).content.decode()
    # PP 5/2024 III/a: MKG 10 3.252.900 → MKG 12 3.355.400.
    assert "Rp3.252.900 → <strong>Rp3.355.400</strong>" in page
    assert "Memenuhi" in page and "2024: Baik; 2025: Sangat Baik" in page
    assert 'text-bg-danger">Terlambat' not in page
    client.post(
        reverse("penggajian:kgb_tetapkan", args=[jatuh_tempo.pk]), {"nomor_sk": "822.3/101/BKPSDM/2026"}
    )
    kgb = KenaikanGajiBerkala.objects.get()
    assert (kgb.status, kgb.tmt, kgb.mkg_tahun, int(kgb.gaji_pokok_baru)) == (
        "ditetapkan",
        TMT_2027,
        12,
        3_355_400,
    )
    assert kgb.syarat_kinerja == "2024: Baik; 2025: Sangat Baik"
    assert kgb.history.first().history_user == users["admin_bkd"]

    teks = teks_pdf(client.get(reverse("penggajian:kgb_sk_pdf", args=[kgb.pk])).content, tmp_path)
    datar = " ".join(teks.split())
    assert "PP Nomor 5 Tahun 2024 (Perubahan Kesembilan Belas atas PP 7/1977), Lampiran" in datar
    assert "Peraturan Pemerintah Nomor 7 Tahun 1977 tentang Peraturan Gaji Pegawai Negeri Sipil" in datar
    assert "1 Januari 2027" in datar and "1 Januari 2029" in datar  # TMT and the next KGB
    assert "2024: Baik; 2025: Sangat Baik" in datar
    assert "IWP" not in datar and "BPJS" not in datar
    assert "[Penandatangan Kepala BKPSDM belum dicatat" in datar
    Penandatangan.objects.create(
        peran="kepala_bkpsdm", jabatan="Kepala Badan Kepegawaian dan Pengembangan SDM",
        pegawai=Pegawai.objects.get(nama="Budi Santoso"), berlaku_mulai=dt.date(2026, 1, 1),
    )  # fmt: skip
    teks = teks_pdf(client.get(reverse("penggajian:kgb_sk_pdf", args=[kgb.pk])).content, tmp_path)
    assert "Budi Santoso" in teks and "belum dicatat" not in teks

    # December 2026 is paid at the recorded MKG 10 (3.252.900); the KGB only counts from its TMT.
    desember = hitung(petugas["pembuat"], bulan=12)
    assert int(Slip.objects.get(run=desember, pegawai=jatuh_tempo).kolom["gaji_pokok"]) == 3_252_900


@pytest.mark.django_db
def test_the_raise_counts_from_the_tmt_month(jatuh_tempo, petugas):
    KenaikanGajiBerkala.objects.create(
        pegawai=jatuh_tempo, golongan="III/a", mkg_tahun=12, tmt=dt.date(2026, 12, 1),
        gaji_pokok_lama=3_252_900, gaji_pokok_baru=3_355_400, status="ditetapkan",
    )  # fmt: skip
    november, desember = hitung(petugas["pembuat"], bulan=11), hitung(petugas["pembuat"], bulan=12)
    assert int(Slip.objects.get(run=november, pegawai=jatuh_tempo).kolom["gaji_pokok"]) == 3_252_900
    assert int(Slip.objects.get(run=desember, pegawai=jatuh_tempo).kolom["gaji_pokok"]) == 3_355_400
    assert (
        "KGB TMT 01-12-2026" in Slip.objects.get(run=desember, pegawai=jatuh_tempo).rincian[0]["penjelasan"]
    )


@pytest.mark.django_db
def test_not_yet_determinable_is_said_with_what_is_missing_and_refused(jatuh_tempo, users, client):
    tahunan(jatuh_tempo, 2025, "baik")
    client.force_login(users["admin_bkd"])
    page = client.get(reverse("penggajian:kgb_list")).content.decode()
    assert "Belum dapat ditentukan" in page and "predikat tahunan 2024 tidak ada" in page
    assert "Belum memenuhi" not in page
    page = client.post(
        reverse("penggajian:kgb_tetapkan", args=[jatuh_tempo.pk]), {"nomor_sk": "X"}, follow=True
    ).content.decode()
    assert "syarat kinerja belum dapat ditentukan (predikat tahunan 2024 tidak ada)" in page
    assert not KenaikanGajiBerkala.objects.exists()


@pytest.mark.django_db
def test_an_ineligible_kgb_is_refused_and_can_be_postponed_with_a_long_reason(jatuh_tempo, users, client):
    tahunan(jatuh_tempo, 2024, "baik")
    tahunan(jatuh_tempo, 2025, "butuh perbaikan")
    client.force_login(users["admin_bkd"])
    page = client.post(
        reverse("penggajian:kgb_tetapkan", args=[jatuh_tempo.pk]), {"nomor_sk": "X"}, follow=True
    ).content.decode()
    assert "predikat tahunan 2025 Butuh Perbaikan (minimal Baik)" in page
    assert not KenaikanGajiBerkala.objects.exists()
    response = client.post(
        reverse("penggajian:kgb_tunda", args=[jatuh_tempo.pk]), {"alasan": "x" * 501}, follow=True
    )
    assert response.status_code == 200
    assert "paling panjang 500 karakter (sekarang 501)" in response.content.decode()
    client.post(
        reverse("penggajian:kgb_tunda", args=[jatuh_tempo.pk]), {"alasan": "Predikat 2025 Butuh Perbaikan"}
    )
    kgb = KenaikanGajiBerkala.objects.get()
    assert (kgb.status, kgb.tmt) == ("ditunda", TMT_2027)
    assert kgb.history.first().history_change_reason == "KGB ditunda: Predikat 2025 Butuh Perbaikan"


@pytest.mark.django_db
def test_an_overdue_kgb_is_shown_apart_on_the_first_of_the_month_and_can_be_issued(tenang, users, client):
    # MKG 0 on 15 January 2015 and no KGB since: MKG 10 was reached on 15 January 2025, so that KGB took
    # effect on 1 February 2025 and was never issued; the next one is 1 February 2027.
    p = atur(tenang.staf_b, tmt_golongan=dt.date(2015, 1, 15), mkg=0)
    assert p.tanggal_kgb_berikutnya == dt.date(2027, 2, 1)
    tahunan(p, 2023, "baik")
    tahunan(p, 2024, "baik")
    client.force_login(users["admin_bkd"])
    page = client.get(reverse("penggajian:kgb_list")).content.decode()
    assert "1 KGB terlambat" in page
    assert "1 Februari 2025" in page and 'text-bg-danger">Terlambat' in page
    # PP 5/2024 III/a: MKG 8 3.153.600 → MKG 10 3.252.900 (judged on 2023 and 2024, before the TMT).
    assert "Rp3.153.600 → <strong>Rp3.252.900</strong>" in page
    assert "2023: Baik; 2024: Baik" in page
    hanya = client.get(reverse("penggajian:kgb_list"), {"tampil": "akan_datang"}).content.decode()
    assert p.nama not in hanya
    page = client.post(
        reverse("penggajian:kgb_tetapkan", args=[p.pk]), {"nomor_sk": "822.3/7/BKPSDM/2026"}, follow=True
    ).content.decode()
    assert "Koreksi" in page  # locked months are paid through a correction
    kgb = KenaikanGajiBerkala.objects.get()
    assert (kgb.tmt, kgb.mkg_tahun, int(kgb.gaji_pokok_baru)) == (dt.date(2025, 2, 1), 10, 3_252_900)
    page = client.get(reverse("penggajian:kgb_list")).content.decode()
    assert "KGB terlambat" not in page and 'text-bg-danger">Terlambat' not in page


@pytest.mark.django_db
def test_issuing_for_a_whole_opd_is_all_or_nothing(tenang, users, client):
    kepala, kabid, staf = (
        atur(p, tmt_golongan=dt.date(2025, 1, 1), mkg=10)
        for p in (tenang.kepala_a, tenang.kabid_a, tenang.staf_a)
    )
    for p in (kepala, kabid):
        tahunan(p, 2024, "baik")
        tahunan(p, 2025, "baik")
    tahunan(staf, 2025, "baik")  # 2024 missing: not yet determinable, left out
    KenaikanGajiBerkala.objects.create(
        pegawai=tenang.staf_b, golongan="III/a", mkg_tahun=10, tmt=dt.date(2026, 4, 1), nomor_sk="822.3/102/BKPSDM/2026",
        gaji_pokok_lama=3_153_600, gaji_pokok_baru=3_252_900, status="ditetapkan",
    )  # fmt: skip
    data = {"opd": tenang.opd_a.pk, "format_nomor": "822.3/{nomor}/BKPSDM/2026", "nomor_awal": "101"}

    client.force_login(users["operator_opd"])
    assert client.post(reverse("penggajian:kgb_tetapkan_opd"), data).status_code == 403
    client.force_login(users["admin_bkd"])
    page = client.get(reverse("penggajian:kgb_list"), {"opd": tenang.opd_a.pk}).content.decode()
    assert "2 pegawai memenuhi syarat dan belum ditetapkan" in page
    assert 'data-confirm="Tetapkan 2 KGB untuk Dinas Pendidikan?' in page

    page = client.post(reverse("penggajian:kgb_tetapkan_opd"), data, follow=True).content.decode()
    assert "Tidak ada KGB yang ditetapkan: Nomor SK 822.3/102/BKPSDM/2026 sudah dipakai." in page
    assert KenaikanGajiBerkala.objects.count() == 1

    page = client.post(
        reverse("penggajian:kgb_tetapkan_opd"), {**data, "format_nomor": "822.3/BKPSDM/2026"}, follow=True
    ).content.decode()
    assert "harus memuat {nomor} tepat satu kali" in page

    page = client.post(reverse("penggajian:kgb_tetapkan_opd"), {**data, "nomor_awal": "201"}, follow=True)
    assert "2 KGB Dinas Pendidikan ditetapkan" in page.content.decode()
    issued = dict(
        KenaikanGajiBerkala.objects.filter(pegawai__opd=tenang.opd_a).values_list("pegawai__nama", "nomor_sk")
    )
    assert issued == {"Budi Santoso": "822.3/201/BKPSDM/2026", "Siti Rahmawati": "822.3/202/BKPSDM/2026"}


@pytest.mark.django_db
def test_the_decree_is_on_the_profile_of_those_who_may_see_pay(jatuh_tempo, tenang, users, client):
    staf = atur(tenang.staf_a, tmt_golongan=dt.date(2025, 1, 1), mkg=10)
    kgb = KenaikanGajiBerkala.objects.create(
        pegawai=staf, golongan="III/a", mkg_tahun=12, tmt=TMT_2027, nomor_sk="822.3/9/BKPSDM/2026",
        tanggal_sk=dt.date(2026, 11, 2), gaji_pokok_lama=3_252_900, gaji_pokok_baru=3_355_400, status="ditetapkan",
    )  # fmt: skip
    profil = reverse("pegawai:detail", args=[staf.nip])
    tab = reverse("pegawai:detail_tab", args=[staf.nip, "kgb"])  # loaded on demand by the profile
    sk = reverse("penggajian:kgb_sk_pdf", args=[kgb.pk])
    for role in ("pegawai", "operator_opd", "admin_bkd"):
        client.force_login(users[role])
        page = client.get(profil).content.decode()
        assert "Gaji berkala (KGB)" in page and f'hx-get="{tab}"' in page, role
        assert sk in client.get(tab).content.decode(), role
    client.force_login(users["atasan"])  # sees the profile, not the pay
    page = client.get(profil)
    assert page.status_code == 200 and "Gaji berkala (KGB)" not in page.content.decode()
    assert client.get(tab).status_code == 404
    assert client.get(sk).status_code == 404


@pytest.mark.django_db
def test_scope_and_query_count(jatuh_tempo, users, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(users["pegawai"])
    assert client.get(reverse("penggajian:kgb_list")).status_code == 403
    client.force_login(users["operator_opd"])  # OPD A: staf_b is in OPD B
    assert jatuh_tempo.nama not in client.get(reverse("penggajian:kgb_list")).content.decode()
    assert client.get(reverse("penggajian:kgb_list"), {"opd": jatuh_tempo.opd_id}).status_code == 404
    assert (
        client.post(reverse("penggajian:kgb_tunda", args=[jatuh_tempo.pk]), {"alasan": "x"}).status_code
        == 404
    )

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("penggajian:kgb_list"))
        return len(ctx.captured_queries)

    client.force_login(users["admin_bkd"])

    def tambah(n):
        for i in range(n):
            p = PegawaiFactory(
                jabatan=jatuh_tempo.jabatan, nama=f"KGB {i}", tmt_golongan=dt.date(2025, 1, 1), mkg_tahun=10
            )
            assert p.tanggal_kgb_berikutnya == TMT_2027

    tambah(2)
    sedikit = queries()
    tambah(7)
    assert queries() == sedikit


@pytest.mark.django_db
def test_the_demo_has_eligible_undeterminable_and_overdue_kgbs(time_machine):
    from django.core.management import call_command

    from penggajian import services

    time_machine.move_to(dt.datetime(2026, 12, 1, 9, tzinfo=ZoneInfo("Asia/Makassar")))
    call_command("seed_demo", pegawai=300, seed=1, force=True)
    hari_ini = dt.date(2026, 12, 1)
    daftar = list(services.kgb_daftar(Pegawai.objects.all(), hari_ini=hari_ini))
    usulan = services.usulan_untuk(daftar, hari_ini=hari_ini)
    status = {(u.terlambat, u.syarat.status) for u in usulan}
    assert (False, SyaratKinerja.MEMENUHI) in status  # due in the next three months, eligible
    assert (False, SyaratKinerja.BELUM_DAPAT_DITENTUKAN) in status
    assert (True, SyaratKinerja.MEMENUHI) in status  # overdue
    for u in usulan:
        assert u.tmt.day == 1
        # Overdue: TMT already passed and nothing issued; otherwise due within three months.
        if u.terlambat:
            assert u.tmt <= hari_ini and u.kgb is None
        else:
            assert hari_ini <= u.tmt < dt.date(2027, 3, 1)
        # 2026 is still running: every TMT here is judged on the finalised 2024 and 2025.
        assert u.syarat.tahun == (2024, 2025)
    assert Penandatangan.objects.filter(peran="kepala_bkpsdm").exists()
