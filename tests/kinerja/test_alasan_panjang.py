"""Every free-text reason or note of the kinerja pages takes 500 characters, stored whole (also in the
history), and answers 501 with a message naming the field instead of a server error."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from core.history import MAX_ALASAN
from kinerja import services
from kinerja.models import SKP, Keberatan, LogHarian, Penilaian, PenutupanPeriode, PredikatUnit
from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("pada_tanggal_uji")

SESUAI = "sesuai ekspektasi"


def teks(n: int) -> str:
    """A realistic note of exactly `n` characters (no surrounding spaces to strip)."""
    kalimat = "Sesuai hasil reviu Inspektorat nomor 700/123/ITKO/2026 atas capaian kinerja triwulan. "
    return (kalimat * (n // len(kalimat) + 1))[: n - 1] + "."


PANJANG, KEPANJANGAN = teks(MAX_ALASAN), teks(MAX_ALASAN + 1)


def _pesan(label: str) -> str:
    return f"{label} paling panjang 500 karakter (sekarang 501)."


def _diajukan(users, org, periode) -> SKP:
    from .conftest import tambah_hasil_kerja

    skp = services.skp_create(actor=users["pegawai"], pegawai=org.staf_a, periode=periode)
    tambah_hasil_kerja(users["pegawai"], skp)
    return services.skp_submit(actor=users["pegawai"], skp=skp)


def _dinilai(users, skp, periode="triwulan-1") -> Penilaian:
    return services.penilaian_rate(
        actor=users["atasan"],
        skp=skp,
        periode=periode,
        rating_hasil_kerja=SESUAI,
        rating_perilaku_kerja=SESUAI,
    )


def test_returning_an_skp_with_a_long_note(client_as, users, org, periode):
    skp = _diajukan(users, org, periode)
    client = client_as("atasan")
    url = reverse("kinerja:skp_kembalikan", args=[skp.pk])
    page = client.post(url, {"catatan": KEPANJANGAN}, follow=True).content.decode()
    assert _pesan("Catatan perbaikan") in page
    skp.refresh_from_db()
    assert skp.status == SKP.Status.DIAJUKAN
    assert 'maxlength="500"' in client.get(reverse("kinerja:skp_detail", args=[skp.pk])).content.decode()

    page = client.post(url, {"catatan": PANJANG}, follow=True).content.decode()
    assert "dikembalikan dengan catatan" in page
    skp.refresh_from_db()
    assert (skp.status, skp.catatan_atasan) == (SKP.Status.DIKEMBALIKAN, PANJANG)
    assert skp.history.first().history_change_reason == f"SKP dikembalikan: {PANJANG}"


def test_the_rating_note_takes_500_characters(client_as, users, skp_disetujui):
    url = reverse("kinerja:penilaian_form", args=[skp_disetujui.pk, "triwulan-1"])
    client = client_as("atasan")
    data = {"rating_hasil_kerja": SESUAI, "rating_perilaku_kerja": SESUAI}
    page = client.post(url, {**data, "catatan": KEPANJANGAN}).content.decode()
    assert _pesan("Catatan/rekomendasi") in page
    assert not Penilaian.objects.exists()
    client.post(url, {**data, "catatan": PANJANG})
    assert Penilaian.objects.get().catatan_penilai == PANJANG
    assert Penilaian.history.get().catatan_penilai == PANJANG


def test_a_long_qualitative_realisasi_is_a_message_on_the_row(client_as, users, skp_disetujui):
    indikator = skp_disetujui.hasil_kerja.get().indikator.get()
    indikator.jenis, indikator.target_teks = "kualitatif", "Data mutakhir"
    indikator.save()
    url = reverse("kinerja:penilaian_form", args=[skp_disetujui.pk, "triwulan-1"])
    data = {"rating_hasil_kerja": SESUAI, "rating_perilaku_kerja": SESUAI}
    client = client_as("atasan")
    page = client.post(url, {**data, f"realisasi-{indikator.pk}": KEPANJANGAN}).content.decode()
    assert _pesan("Realisasi") in page
    assert not Penilaian.objects.exists()
    client.post(url, {**data, f"realisasi-{indikator.pk}": PANJANG})
    assert indikator.realisasi.get().realisasi_teks == PANJANG


def test_objection_and_its_decision_with_long_reasons(client_as, client, users, org, skp_disetujui):
    kepala = UserFactory(username="kepala")
    org.kepala_a.user = kepala
    org.kepala_a.save(update_fields=["user"])
    penilaian = _dinilai(users, skp_disetujui)
    pegawai = client_as("pegawai")
    url = reverse("kinerja:keberatan_ajukan", args=[penilaian.pk])
    page = pegawai.post(url, {"alasan": KEPANJANGAN}, follow=True).content.decode()
    assert _pesan("Alasan keberatan") in page
    assert not Keberatan.objects.exists()
    pegawai.post(url, {"alasan": PANJANG})
    keberatan = Keberatan.objects.get()
    assert keberatan.alasan == PANJANG
    assert Penilaian.history.filter(history_change_reason=f"Keberatan diajukan: {PANJANG}").exists()

    client.force_login(kepala)
    url = reverse("kinerja:keberatan_putus", args=[keberatan.pk])
    data = {"dikabulkan": "0"}
    page = client.post(url, {**data, "alasan_keputusan": KEPANJANGAN}).content.decode()
    assert _pesan("Alasan keputusan") in page
    keberatan.refresh_from_db()
    assert keberatan.status == Keberatan.Status.DIAJUKAN
    assert client.post(url, {**data, "alasan_keputusan": PANJANG}).status_code == 302
    keberatan.refresh_from_db()
    assert (keberatan.status, keberatan.alasan_keputusan) == (Keberatan.Status.DITOLAK, PANJANG)
    assert Penilaian.history.first().history_change_reason == f"Keberatan ditolak: {PANJANG}"


def test_reopening_a_period_with_a_long_reason(client_as, users, skp_disetujui, periode):
    _dinilai(users, skp_disetujui)
    run = services.penutupan_start(actor=users["admin_bkd"], periode_kinerja=periode, periode="triwulan-1")
    run = services.penutupan_execute(run.pk)
    client = client_as("admin_bkd")
    url = reverse("kinerja:penutupan_reopen", args=[run.pk])
    page = client.post(url, {"alasan": KEPANJANGAN}, follow=True).content.decode()
    assert _pesan("Alasan membuka kembali") in page
    assert PenutupanPeriode.objects.get().status == PenutupanPeriode.Status.SELESAI
    assert Penilaian.objects.get().status == Penilaian.Status.FINAL

    page = client.post(url, {"alasan": PANJANG}, follow=True).content.decode()
    assert "Periode dibuka kembali" in page
    run.refresh_from_db()
    assert (run.status, run.alasan_dibuka_kembali) == (PenutupanPeriode.Status.DIBUKA_KEMBALI, PANJANG)
    assert run.history.first().history_change_reason == f"Dibuka kembali: {PANJANG}"
    penilaian = Penilaian.objects.get()
    assert penilaian.history.first().history_change_reason == f"Periode dibuka kembali: {PANJANG}"


def test_reviewing_a_daily_log_with_a_long_comment(client_as, users, skp_disetujui):
    row = skp_disetujui.hasil_kerja.get()
    log = services.log_harian_create(
        actor=users["pegawai"],
        skp=skp_disetujui,
        hasil_kerja=row,
        tanggal=dt.date(2026, 11, 2),
        uraian="Verifikasi data",
    )
    client = client_as("atasan")
    url = reverse("kinerja:log_reviu", args=[log.pk])
    page = client.post(url, {"komentar": KEPANJANGAN}, follow=True).content.decode()
    assert _pesan("Komentar reviu") in page
    assert LogHarian.objects.get().direviu_pada is None
    client.post(url, {"komentar": PANJANG})
    log.refresh_from_db()
    assert log.direviu_pada is not None and log.komentar_atasan == PANJANG


def test_unit_predikat_has_no_preset_and_takes_a_long_note(client, users, org, periode):
    kepala = UserFactory(username="kepala")
    org.kepala_a.user = kepala
    org.kepala_a.save(update_fields=["user"])
    client.force_login(kepala)
    url = reverse("kinerja:predikat_unit") + "?tahun=2026"
    page = client.get(url).content.decode()
    # Nothing chosen until the leader chooses: the empty option is the selected one.
    assert '<option value="" selected>— pilih predikat —</option>' in page
    assert 'value="istimewa" selected' not in page

    page = client.post(url, {"unit": org.bidang_a.pk, "predikat": ""}, follow=True).content.decode()
    assert "Pilih predikat unit." in page
    data = {"unit": org.bidang_a.pk, "predikat": "baik"}
    page = client.post(url, {**data, "catatan": KEPANJANGAN}, follow=True).content.decode()
    assert _pesan("Catatan") in page
    assert not PredikatUnit.objects.exists()
    client.post(url, {**data, "catatan": PANJANG})
    row = PredikatUnit.objects.get()
    assert (row.predikat, row.catatan) == ("baik", PANJANG)
    assert row.history.first().history_change_reason == f"Predikat Baik: {PANJANG}"
    page = client.get(url).content.decode()
    assert 'value="baik" selected' in page


def test_every_edit_page_of_kinerja_opens(client_as, client, users, org, periode):
    """Edit pages with existing data (the organisation pages answered 500 only when editing)."""
    from .conftest import tambah_hasil_kerja

    skp = services.skp_create(actor=users["pegawai"], pegawai=org.staf_a, periode=periode)
    row = tambah_hasil_kerja(users["pegawai"], skp)
    page = client_as("pegawai").get(reverse("kinerja:hasil_kerja_ubah", args=[skp.pk, row.pk]))
    assert page.status_code == 200 and row.uraian in page.content.decode()
    services.skp_submit(actor=users["pegawai"], skp=skp)
    services.skp_approve(actor=users["atasan"], skp=skp)
    penilaian = services.penilaian_rate(
        actor=users["atasan"],
        skp=skp,
        periode="triwulan-1",
        rating_hasil_kerja=SESUAI,
        rating_perilaku_kerja=SESUAI,
        catatan="Pertahankan",
    )
    page = client_as("atasan").get(reverse("kinerja:penilaian_form", args=[skp.pk, "triwulan-1"]))
    assert page.status_code == 200 and "Pertahankan" in page.content.decode()
    kepala = UserFactory(username="kepala")
    org.kepala_a.user = kepala
    org.kepala_a.save(update_fields=["user"])
    keberatan = services.keberatan_submit(
        actor=users["pegawai"], penilaian=penilaian, alasan="Bukti belum dilihat"
    )
    client.force_login(kepala)
    assert client.get(reverse("kinerja:keberatan_putus", args=[keberatan.pk])).status_code == 200
