"""Issue 14 point 9's journey in Chromium: the atasan agrees the employee's development plan → the employee,
on a phone (390×844), enrols in an event and passes an e-learning module → the certificate PDF → the ledger
(/pembinaan/saya/) shows exactly the 20 JP target reached → the OPD's compliance page counts one more
employee meeting the target."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pembinaan import services, services_rencana
from pembinaan.models import KegiatanPengembangan, Peserta, RencanaPengembangan
from tests.browser.conftest import login
from tests.browser.test_pembinaan_belajar import _tanpa_gulir_samping
from tests.pembinaan import pelatihan_data as d

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("aturan_jp"),
]


def _catat(actor, pegawai, *, nama, bentuk, mulai, selesai, jp=None, menit=None) -> KegiatanPengembangan:
    return services.kegiatan_catat(
        actor=actor,
        pegawai=pegawai,
        sumber=KegiatanPengembangan.Sumber.IMPOR,
        data={
            "nama_pelatihan": nama,
            "bentuk": bentuk,
            "tanggal_mulai": mulai,
            "tanggal_selesai": selesai,
            "jp_tertera": jp,
            "durasi_menit": menit,
            "penyelenggara": "BKPSDM",
        },
    )


def _memenuhi_opd(page, kode: str) -> str:
    """The 'Memenuhi' cell (third column) of the OPD's row on /pembinaan/."""
    return page.get_by_test_id(f"opd-{kode}").locator("td").nth(2).inner_text().strip()


def test_rencana_disetujui_pegawai_belajar_di_ponsel_jp_dan_kepatuhan_opd(org, users, new_page, tmp_path):
    admin, pegawai_user = users["admin_bkd"], users["pegawai"]
    hari_ini = timezone.localdate()
    tahun = hari_ini.year
    awal_tahun = dt.date(tahun, 1, 1)

    # The ledger before the journey, every figure by the seeded rule (AturanJP, every form: the JP on the
    # certificate when stated, otherwise one JP per FULL 45 minutes):
    #   the kepala: certificate states 24 JP → 24 ≥ 20, already meets the target (OPD A's "memenuhi" = 1);
    #   staf_a: seminar 450 min → 450 // 45 = 10 JP; bimtek 300 min → 300 // 45 = 6 JP (6.67 floored) → 16.
    _catat(
        admin,
        org.kepala_a,
        nama="Pelatihan Kepemimpinan",
        bentuk="pelatihan_kepemimpinan",
        mulai=awal_tahun + dt.timedelta(days=40),
        selesai=awal_tahun + dt.timedelta(days=42),
        jp=Decimal(24),
    )
    seminar = _catat(
        admin,
        org.staf_a,
        nama="Seminar Kurikulum Merdeka",
        bentuk="seminar",
        mulai=awal_tahun + dt.timedelta(days=60),
        selesai=awal_tahun + dt.timedelta(days=60),
        menit=450,
    )
    bimtek = _catat(
        admin,
        org.staf_a,
        nama="Bimtek Dapodik",
        bentuk="bimbingan_teknis",
        mulai=awal_tahun + dt.timedelta(days=90),
        selesai=awal_tahun + dt.timedelta(days=90),
        menit=300,
    )
    assert (seminar.jp_diakui, bimtek.jp_diakui) == (Decimal(10), Decimal(6))

    # The employee's plan of the year (drafted and submitted by the employee), waiting for the atasan.
    rencana = services_rencana.rencana_susun(actor=pegawai_user, pegawai=org.staf_a, tahun=tahun)
    services_rencana.kegiatan_simpan(
        actor=pegawai_user,
        rencana=rencana,
        data={
            "nama_kegiatan": "E-learning Etika dan Integritas ASN",
            "bentuk": "e_learning",
            "target_jp": Decimal(4),
            "waktu_mulai": hari_ini,
            "waktu_selesai": hari_ini,
            "biaya": 0,
            "sumber_dana": "apbd",
        },
    )
    services_rencana.rencana_ajukan(actor=pegawai_user, rencana=rencana, catatan="Mohon persetujuan")

    run = d.pelaksanaan(
        admin,
        tanggal_mulai=hari_ini + dt.timedelta(days=7),
        tanggal_selesai=hari_ini + dt.timedelta(days=9),
        kuota=20,
    )
    # 200 minutes, e_learning rule: one JP per full 45 minutes → 200 // 45 = 4 JP (4.44 floored).
    modul = d.modul(admin, dibuka=hari_ini - dt.timedelta(days=5), ditutup=hari_ini + dt.timedelta(days=20))

    # The OPD's compliance before: OPD A (kepala, kabid, staf_a) has only the kepala at target.
    operator = new_page()
    login(operator, "operator_opd")
    operator.goto(f"/pembinaan/?tahun={tahun}")
    sebelum = int(_memenuhi_opd(operator, "A"))
    assert sebelum == 1
    expect(operator.get_by_test_id("memenuhi")).to_have_text("1")

    # 1. The atasan (kabid_a) agrees the plan.
    atasan = new_page()
    login(atasan, "atasan")
    atasan.goto(f"/pembinaan/rencana/?tahun={tahun}")
    atasan.get_by_test_id(f"rencana-{rencana.pk}").get_by_role("link", name="Buka").click()
    expect(atasan.get_by_test_id("status-rencana")).to_have_text("Diajukan ke atasan")
    expect(atasan.get_by_test_id("total-jp")).to_have_text("4")
    atasan.get_by_role("button", name="Setujui rencana").click()
    expect(atasan.get_by_test_id("status-rencana")).to_have_text("Disetujui atasan")
    rencana.refresh_from_db()
    assert rencana.status == RencanaPengembangan.Status.DISETUJUI
    assert rencana.diputus_oleh_id == users["atasan"].pk

    # 2. The employee on a phone: enrols in the event, follows the module and passes its quiz.
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "pegawai")
    page.goto(f"/pembinaan/rencana/saya/?tahun={tahun}")  # the page opens on next year's plan by default
    page.get_by_role("link", name="Buka rencana").click()
    expect(page.get_by_test_id("status-rencana")).to_have_text("Disetujui atasan")
    _tanpa_gulir_samping(page)

    page.goto("/pembinaan/pelatihan/")
    page.get_by_role("link", name=f"{run.program.nama} — {run.nama}").click()
    page.get_by_role("button", name="Daftar").click()
    expect(page.get_by_test_id("status-saya")).to_contain_text("Terdaftar")
    _tanpa_gulir_samping(page)
    assert Peserta.objects.get(pegawai=org.staf_a).status == "terdaftar"

    page.goto("/belajar/")
    page.get_by_role("link", name=modul.judul).click()
    page.get_by_role("link", name="1. Nilai BerAKHLAK").click()
    page.get_by_role("button", name="Tandai selesai").click()
    expect(page.get_by_role("heading", name="2. Video pengantar")).to_be_visible()
    page.get_by_role("button", name="Tandai selesai").click()
    expect(page.get_by_test_id("daftar-pelajaran").get_by_text("selesai")).to_have_count(2)
    page.goto("/belajar/")
    page.get_by_role("link", name=modul.judul).click()
    page.get_by_role("link", name="Kerjakan kuis").click()
    _tanpa_gulir_samping(page)
    page.get_by_label("Benar 1").check()
    page.get_by_label("Benar 2").check()
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_test_id("lulus")).to_contain_text("nilai 100 · 4 JP tercatat")

    # 3. The certificate: a real PDF naming the employee and the 4 JP, rendered to PNG.
    with page.expect_download() as unduhan:
        page.get_by_role("link", name="Unduh sertifikat").click()
    path = tmp_path / "sertifikat.pdf"
    unduhan.value.save_as(path)
    assert path.read_bytes()[:4] == b"%PDF"
    if shutil.which("pdftotext"):
        teks = " ".join(
            subprocess.run(
                ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
            ).stdout.split()
        )
        assert "SERTIFIKAT" in teks and org.staf_a.nama in teks and "4 jam pelajaran" in teks
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(tmp_path / "s")], check=True)
        png = tmp_path / "s-1.png"
        assert png.stat().st_size > 5_000
        salinan = os.environ.get("SIMPAN_SERTIFIKAT_PNG")
        if salinan:  # a person looks at the rendered certificate
            shutil.copy(png, salinan)

    # 4. The ledger: 10 + 6 + 4 = 20 JP, exactly the PNS target of 20 (PP 11/2017 jo. PP 17/2020 Ps. 203(4)).
    page.goto(f"/pembinaan/saya/?tahun={tahun}")
    expect(page.get_by_test_id("jp-total")).to_have_text("20")
    ringkasan = page.get_by_test_id("ringkasan-jp")
    expect(ringkasan).to_contain_text("dari target 20 JP")
    expect(ringkasan).to_contain_text("Target terpenuhi")
    expect(ringkasan).to_contain_text("Klasikal 16 JP · nonklasikal 4 JP")
    kegiatan = page.get_by_test_id("daftar-kegiatan")
    for nama in ("E-learning: Etika dan Integritas ASN", "Seminar Kurikulum Merdeka", "Bimtek Dapodik"):
        expect(kegiatan).to_contain_text(nama)
    expect(page.get_by_test_id("pelatihan-saya")).to_contain_text(run.nama)
    _tanpa_gulir_samping(page)

    # 5. The OPD's compliance moved by exactly one; the other OPD's did not.
    operator.goto(f"/pembinaan/?tahun={tahun}")
    assert int(_memenuhi_opd(operator, "A")) == sebelum + 1
    expect(operator.get_by_test_id("memenuhi")).to_have_text("2")
    expect(operator.get_by_test_id("opd-B")).to_have_count(0)  # the operator sees only their OPD
