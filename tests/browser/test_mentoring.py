"""Mentoring in Chromium: the atasan (kabid_a) confirms a proposed pair kepala_a → staf_a, logs a
90-minute session (one JP per full 45 minutes by the seeded mentoring rule: 2 JP), and the mentee sees
the 2 JP credited on their JP page and dashboard."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from playwright.sync_api import expect

from pembinaan import services_mentoring
from pembinaan.reference import seed_all
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pasangan(org, users, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 2, 9, tzinfo=ZoneInfo("Asia/Makassar")))
    seed_all(lambda name: apps.get_model("pembinaan", name))  # the flush of transactional tests removes them
    return services_mentoring.usulkan(
        actor=users["operator_opd"],
        mentor=org.kepala_a,
        mentee=org.staf_a,
        jenis="mentoring",
        tujuan="Orientasi tugas baru",
    )


def test_atasan_mencatat_sesi_mentee_melihat_jp(org, users, pasangan, new_page):
    atasan = new_page()
    login(atasan, "atasan")
    atasan.get_by_role("button", name="Pembinaan").click()
    atasan.get_by_role("link", name="Mentoring & coaching").click()
    atasan.get_by_test_id(f"pasangan-{pasangan.pk}").get_by_role("link", name=org.staf_a.nama_lengkap).click()
    expect(atasan.get_by_test_id("status-pasangan")).to_have_text("Diusulkan")
    atasan.get_by_role("button", name="Konfirmasi").click()
    expect(atasan.get_by_test_id("status-pasangan")).to_have_text("Aktif")

    form = atasan.get_by_test_id("form-sesi")
    form.get_by_label("Tanggal").fill("2026-11-30")
    form.get_by_label("Durasi (menit)").fill("90")
    form.get_by_label("Agenda").fill("Menyusun rencana kerja triwulan")
    form.get_by_label("Tindak lanjut yang disepakati").fill("Draf rencana dikirim Jumat")
    form.get_by_role("button", name="Simpan sesi").click()
    expect(atasan.get_by_text("Sesi dicatat; 2 JP dikreditkan ke mentor dan mentee.")).to_be_visible()
    expect(atasan.get_by_text("Menyusun rencana kerja triwulan")).to_be_visible()

    mentee = new_page()
    login(mentee, "pegawai")
    expect(mentee.get_by_test_id("dasbor-jp-total")).to_have_text("2")
    mentee.get_by_role("link", name="JP saya →").click()
    expect(mentee.get_by_test_id("jp-total")).to_have_text("2")
    expect(mentee.get_by_test_id("daftar-kegiatan")).to_contain_text("Mentoring oleh Budi Santoso")
