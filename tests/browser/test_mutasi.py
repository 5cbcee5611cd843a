"""The whole transfer journey in Chromium (issue 13 point 13): the Operator OPD proposes a move and
uploads the checklist → the Admin BKD verifies → the placement team's recommendation is recorded at a
meeting → the employee objects with a reason → the Pimpinan sees the objection and approves → the Admin
BKD issues one collective SK for it and a second approved move (the PDF is fetched and rendered) → the TMT
(1 December 2026, passed) is applied → the profile shows the new post, the employee finds the petikan on
/mutasi/saya/, and the December TPP slip pays the new kelas jabatan and says why."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from django.apps import apps
from playwright.sync_api import expect

from mutasi import services
from mutasi.models import PegawaiSKMutasi, SKMutasi, UsulanMutasi
from mutasi.reference import seed_all
from mutasi.services import sk as services_sk
from pegawai.models import Pegawai
from penggajian.models import RekapKehadiran, Slip
from tests.browser.conftest import ARTIFACTS, login
from tests.factories import JabatanFactory, PegawaiFactory
from tests.mutasi.conftest import buat_usulan, lengkapi_dokumen
from tests.penggajian.bantu import hitung

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n% uji\n"


def test_propose_verify_recommend_answer_approve_sk_tmt_pay(bergaji, users, petugas, new_page):
    org = bergaji
    seed_all(lambda name: apps.get_model("mutasi", name))  # the flush of transactional tests removes them
    JabatanFactory(unit_kerja=org.opd_b, nama="Analis Data Kesehatan", jenis="pelaksana", kelas_jabatan=7)

    # 1. The Operator OPD makes the proposal, uploads every checklist document and submits it.
    operator = new_page()
    operator.on("dialog", lambda dialog: dialog.accept())
    login(operator, "operator_opd")
    operator.get_by_role("button", name="Mutasi").click()
    operator.get_by_role("link", name="Usulan mutasi", exact=True).click()
    operator.get_by_role("link", name="Usulan baru").click()
    operator.get_by_label("NIP pegawai", exact=False).first.fill(org.staf_a.nip)
    operator.get_by_label("Jabatan tujuan").select_option(label="Analis Data Kesehatan — Dinas Kesehatan")
    operator.get_by_label("TMT yang direncanakan").fill("2026-12-01")  # today is 2 December 2026
    operator.get_by_label("Alasan usulan").fill(
        "Dinas Kesehatan kekurangan analis data; latar pendidikan sesuai."
    )
    operator.get_by_role("button", name="Simpan").click()
    expect(operator.get_by_test_id("status")).to_have_text("Draf")
    expect(operator.get_by_test_id("guard")).to_contain_text("Masa dalam jabatan")
    inputs = operator.locator("[data-testid=checklist] input[type=file]")
    for i in range(inputs.count()):
        operator.locator("[data-testid=checklist] input[type=file]").nth(i).set_input_files(
            {"name": f"dokumen-{i}.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        operator.locator("[data-testid=checklist] button", has_text="Unggah").nth(i).click()
        expect(operator.get_by_role("alert").first).to_contain_text("diunggah")
    operator.get_by_role("button", name="Ajukan").click()
    expect(operator.get_by_test_id("status")).to_have_text("Diajukan")
    usulan = UsulanMutasi.objects.get()

    # 2. The Admin BKD verifies the file, then records the team's meeting and its recommendation.
    admin = new_page()
    admin.on("dialog", lambda dialog: dialog.accept())
    login(admin, "admin_bkd")
    admin.goto(f"/mutasi/usulan/{usulan.pk}/")
    admin.get_by_label("Catatan verifikasi").fill("Berkas lengkap")
    admin.get_by_role("button", name="Verifikasi berkas").click()
    expect(admin.get_by_test_id("status")).to_have_text("Diverifikasi")
    admin.get_by_role("button", name="Mutasi").click()
    admin.get_by_role("link", name="Tim Penilai Kinerja").click()
    expect(admin.get_by_test_id("menunggu-tpk")).to_contain_text(org.staf_a.nama)
    admin.get_by_label("Tanggal sidang").fill("2026-12-01")
    admin.get_by_label("Tempat").fill("Ruang Rapat BKPSDM")
    admin.get_by_role("button", name="Catat sidang").click()
    admin.goto(f"/mutasi/usulan/{usulan.pk}/")
    admin.get_by_label("Sidang TPK").select_option(index=1)
    admin.get_by_label("Rekomendasi", exact=True).select_option(label="Setuju")
    admin.get_by_role("button", name="Catat rekomendasi").click()
    expect(admin.get_by_test_id("status")).to_have_text("Dipertimbangkan TPK")

    # 3. The employee sees the proposal about them and objects with a reason.
    pegawai = new_page()
    pegawai.on("dialog", lambda dialog: dialog.accept())
    login(pegawai, "pegawai")
    pegawai.goto("/mutasi/saya/")
    expect(pegawai.get_by_test_id("usulan-saya")).to_contain_text("Analis Data Kesehatan")
    pegawai.get_by_label("Keberatan").check()
    pegawai.get_by_label("Alasan").first.fill("Saya sedang menyelesaikan pendataan sekolah semester ini.")
    pegawai.get_by_role("button", name="Kirim tanggapan").click()
    expect(pegawai.get_by_test_id("usulan-saya")).to_contain_text("Tanggapan saya: Keberatan")

    # 4. The Pimpinan sees the objection before deciding, and approves.
    pimpinan = new_page()
    pimpinan.on("dialog", lambda dialog: dialog.accept())
    login(pimpinan, "pimpinan")
    pimpinan.goto("/")
    expect(pimpinan.get_by_test_id("dasbor-mutasi")).to_contain_text("menunggu persetujuan Anda")
    pimpinan.goto(f"/mutasi/usulan/{usulan.pk}/")
    expect(pimpinan.get_by_test_id("tanggapan")).to_contain_text("menyelesaikan pendataan sekolah")
    expect(pimpinan.get_by_test_id("aksi")).to_contain_text("Pegawai menyatakan keberatan")
    pimpinan.get_by_role("button", name="Setujui").click()
    expect(pimpinan.get_by_test_id("status")).to_have_text("Disetujui PPK")
    usulan.refresh_from_db()
    assert usulan.status == "disetujui"
    assert [h.history_user.username for h in usulan.history.order_by("history_date")][-1] == "pimpinan"

    # 5. A second move approved through the services (an Operator OPD's proposal for another employee),
    # so the SK is collective.
    jab_kedua = JabatanFactory(
        unit_kerja=org.bidang_a, nama="Analis Kurikulum", jenis="pelaksana", kelas_jabatan=7
    )
    rina = PegawaiFactory(
        jabatan=Pegawai.objects.get(pk=org.staf_a.pk).jabatan, nama="Rina Marlina",
        tmt_jabatan=dt.date(2020, 1, 1), nama_bank="Bank Sulteng", nomor_rekening="0099",
    )  # fmt: skip
    kedua = buat_usulan(users["admin_bkd"], rina, jab_kedua, tmt_rencana=dt.date(2026, 12, 1))
    lengkapi_dokumen(users["admin_bkd"], kedua)
    kedua = services.usulan_mutasi_submit(actor=users["admin_bkd"], usulan=kedua)
    kedua = services.usulan_mutasi_verify(actor=petugas["verifikator"], usulan=kedua)
    services.rekomendasi_tpk_record(
        actor=users["admin_bkd"], sidang=usulan.rekomendasi_tpk.get().sidang, usulan=kedua,
        keputusan="setuju", catatan="Sesuai kebutuhan",
    )  # fmt: skip
    kedua.refresh_from_db()
    services.usulan_mutasi_approve(actor=users["pimpinan"], usulan=kedua)

    # 6. The Admin BKD issues one collective SK for both, from the SK page.
    admin.goto("/mutasi/sk/baru/")
    expect(admin.get_by_text("Pegawai keberatan")).to_be_visible()  # the objection shows on the SK page
    for cb in admin.locator("input[name=usulan]").all():
        cb.check()
    admin.get_by_role("button", name="Terbitkan SK").click()
    expect(admin.get_by_role("alert").first).to_contain_text("diterbitkan")
    sk = SKMutasi.objects.get()
    assert sk.pegawai_list.count() == 2 and sk.nomor == "800/1/BKPSDM/2026"
    expect(admin.locator("body")).to_contain_text(sk.nomor)
    pdf = admin.request.get(f"/mutasi/sk/{sk.pk}/pdf/")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    ARTIFACTS.mkdir(exist_ok=True)
    berkas = ARTIFACTS / "sk_mutasi_kolektif.pdf"
    berkas.write_bytes(pdf.body())
    if shutil.which("pdftoppm"):  # page 1 and the lampiran, to look at the layout
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(berkas), str(ARTIFACTS / "sk_mutasi_kolektif")], check=True
        )
    if shutil.which("pdftotext"):
        teks = " ".join(
            subprocess.run(
                ["pdftotext", str(berkas), "-"], check=True, capture_output=True, text=True
            ).stdout.split()
        )
        assert "MEMUTUSKAN" in teks.upper() and org.staf_a.nama in teks and "Rina Marlina" in teks

    # 7. The TMT (1 December 2026) has passed: the beat task's service applies both moves (idempotent: the
    # on-commit run after issuing may already have done so).
    services_sk.mutasi_apply_due()
    assert set(PegawaiSKMutasi.objects.values_list("status", flat=True)) == {"berlaku"}
    admin.goto(f"/pegawai/{org.staf_a.nip}/")
    expect(admin.locator("body")).to_contain_text("Analis Data Kesehatan")

    # 8. The employee finds the petikan on their own page.
    pegawai.goto("/mutasi/saya/")
    expect(pegawai.get_by_test_id("sk-saya")).to_contain_text(sk.nomor)
    petikan = pegawai.request.get(pegawai.get_by_role("link", name="Petikan (PDF)").get_attribute("href"))
    assert petikan.ok and petikan.body().startswith(b"%PDF")

    # 9. The December TPP slip pays the new class (kelas 7, pagu Rp3.500.000 in the demo TPP rule; kelas 6
    # before) and says where it comes from.
    for p in Pegawai.objects.filter(aktif=True):
        RekapKehadiran.objects.get_or_create(pegawai=p, tahun=2026, bulan=12, defaults={"hari_kerja": 21})
    run = hitung(petugas["pembuat"], 12, "tpp")
    slip = Slip.objects.get(run=run, pegawai=org.staf_a)
    assert slip.kolom["pagu_tpp"] == 3_500_000 and slip.masukan["kelas_jabatan"] == 7
    admin.goto(f"/gaji/slip/{slip.pk}/")
    expect(admin.locator("body")).to_contain_text(
        "Kelas jabatan mengikuti jabatan Analis Data Kesehatan (TMT 1 Desember 2026)"
    )
