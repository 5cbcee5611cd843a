"""The proposal journey in Chromium: the Operator OPD proposes a move and uploads the checklist → the
Admin BKD verifies → the placement team's recommendation is recorded at a meeting → the employee objects
with a reason → the Pimpinan sees the objection and approves. (SK, numbering and the TMT are built by
their own work and continue from the approved proposal.)"""

from __future__ import annotations

import pytest
from django.apps import apps
from playwright.sync_api import expect

from mutasi.models import UsulanMutasi
from mutasi.reference import seed_all
from tests.browser.conftest import login
from tests.factories import JabatanFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n% uji\n"


def test_propose_verify_recommend_answer_approve(org, users, new_page):
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
    operator.get_by_label("TMT yang direncanakan").fill("2027-01-01")
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
