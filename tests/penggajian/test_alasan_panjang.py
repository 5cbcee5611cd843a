"""Pay pages: every free-text reason takes 500 characters, stored whole (also in the history and where it
is copied), and 501 is a message naming the field, not a server error. The maker does not see
"Kembalikan" on their own run, and the edit pages of the pay rules open."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from core.history import MAX_ALASAN
from penggajian.models import (
    AturanTambahan,
    AturanTpp,
    KenaikanGajiBerkala,
    Penyesuaian,
    RunGaji,
    Slip,
)
from tests.penggajian.bantu import hitung, kunci

from .test_kgb import hari_ini, jatuh_tempo, tahunan, tenang  # noqa: F401 - fixtures
from .test_penyesuaian import staf  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def teks(n: int) -> str:
    """A realistic reason of exactly `n` characters (no surrounding spaces to strip)."""
    kalimat = "Koreksi sesuai SK nomor 800/1234/BKPSDM/2026 yang diterima setelah bulan dikunci. "
    return (kalimat * (n // len(kalimat) + 1))[: n - 1] + "."


PANJANG, KEPANJANGAN = teks(MAX_ALASAN), teks(MAX_ALASAN + 1)


def _pesan(label: str) -> str:
    return f"{label} paling panjang 500 karakter (sekarang 501)."


def test_verifying_and_returning_a_run_with_long_notes(bergaji, petugas, client):
    run = hitung(petugas["pembuat"])
    client.force_login(petugas["verifikator"])
    url = reverse("penggajian:run_verifikasi", args=[run.pk])
    page = client.post(url, {"catatan": KEPANJANGAN}, follow=True).content.decode()
    assert _pesan("Catatan verifikasi") in page
    assert RunGaji.objects.get().status == RunGaji.Status.DIHITUNG
    client.post(url, {"catatan": PANJANG})
    run.refresh_from_db()
    assert (run.status, run.catatan) == (RunGaji.Status.DIVERIFIKASI, PANJANG)
    assert run.history.first().history_change_reason == f"Diverifikasi: {PANJANG}"

    client.force_login(petugas["pimpinan"])
    url = reverse("penggajian:run_kembalikan", args=[run.pk])
    page = client.post(url, {"alasan": KEPANJANGAN}, follow=True).content.decode()
    assert _pesan("Alasan pengembalian") in page
    assert RunGaji.objects.get().status == RunGaji.Status.DIVERIFIKASI
    client.post(url, {"alasan": PANJANG})
    run.refresh_from_db()
    assert (run.status, run.catatan) == (RunGaji.Status.DIHITUNG, PANJANG)
    riwayat = run.history.first()
    assert (riwayat.history_change_reason, riwayat.history_user) == (
        f"Dikembalikan: {PANJANG}",
        petugas["pimpinan"],
    )


def test_the_maker_does_not_see_kembalikan_on_their_own_run(bergaji, petugas, client):
    run = hitung(petugas["pembuat"])
    url = reverse("penggajian:run_detail", args=[run.pk])
    kembalikan = reverse("penggajian:run_kembalikan", args=[run.pk])
    for status in (RunGaji.Status.DIHITUNG, RunGaji.Status.DIVERIFIKASI):
        client.force_login(petugas["pembuat"])
        page = client.get(url).content.decode()
        assert kembalikan not in page and ">Kembalikan<" not in page, status
        for checker in ("verifikator", "pimpinan"):
            client.force_login(petugas[checker])
            assert kembalikan in client.get(url).content.decode(), (status, checker)
        if status == RunGaji.Status.DIHITUNG:
            client.force_login(petugas["verifikator"])
            client.post(reverse("penggajian:run_verifikasi", args=[run.pk]), {"catatan": ""})
            assert RunGaji.objects.get().status == RunGaji.Status.DIVERIFIKASI


def test_a_correction_of_a_locked_month_with_a_long_reason(staf, petugas, client):  # noqa: F811
    oktober = kunci(petugas, hitung(petugas["pembuat"], 10), catatan="Pegawai lain tanpa rekening")
    slip = Slip.objects.get(run=oktober, pegawai=staf)
    KenaikanGajiBerkala.objects.create(
        pegawai=staf, golongan="III/a", mkg_tahun=2, tmt=dt.date(2026, 10, 1),
        gaji_pokok_lama=2_785_700, gaji_pokok_baru=2_873_500, status="ditetapkan",
    )  # fmt: skip
    client.force_login(petugas["pembuat"])
    url = reverse("penggajian:penyesuaian_buat", args=[slip.pk])
    page = client.post(url, {"alasan": KEPANJANGAN}, follow=True).content.decode()
    assert _pesan("Alasan koreksi") in page
    assert not Penyesuaian.objects.exists()
    page = client.post(url, {"alasan": PANJANG}, follow=True).content.decode()
    assert "dibayarkan pada run berikutnya" in page
    adj = Penyesuaian.objects.get()
    assert adj.alasan == PANJANG
    assert adj.history.first().history_change_reason == f"Koreksi {oktober}: {PANJANG}"
    # Paid by November's run: the reason travels into the slip's lines whole.
    november = hitung(petugas["pembuat"], 11)
    rincian = Slip.objects.get(run=november, pegawai=staf).rincian
    assert any(PANJANG in str(baris) for baris in rincian)


def test_postponing_a_kgb_with_a_long_reason(jatuh_tempo, users, client):  # noqa: F811
    tahunan(jatuh_tempo, 2024, "baik")
    tahunan(jatuh_tempo, 2025, "butuh perbaikan")
    client.force_login(users["admin_bkd"])
    url = reverse("penggajian:kgb_tunda", args=[jatuh_tempo.pk])
    page = client.post(url, {"alasan": KEPANJANGAN}, follow=True).content.decode()
    assert _pesan("Alasan penundaan") in page
    assert not KenaikanGajiBerkala.objects.exists()
    client.post(url, {"alasan": PANJANG})
    kgb = KenaikanGajiBerkala.objects.get()
    assert (kgb.status, kgb.alasan_tunda) == ("ditunda", PANJANG)
    riwayat = kgb.history.first()
    assert (riwayat.history_change_reason, riwayat.history_user) == (
        f"KGB ditunda: {PANJANG}",
        users["admin_bkd"],
    )


def test_a_kgb_decree_number_too_long_is_a_message(jatuh_tempo, users, client):  # noqa: F811
    tahunan(jatuh_tempo, 2024, "baik")
    tahunan(jatuh_tempo, 2025, "baik")
    client.force_login(users["admin_bkd"])
    url = reverse("penggajian:kgb_tetapkan", args=[jatuh_tempo.pk])
    page = client.post(url, {"nomor_sk": "8" * 101}, follow=True).content.decode()
    assert "Nomor SK paling panjang 100 karakter (sekarang 101)." in page
    assert not KenaikanGajiBerkala.objects.exists()


def test_every_edit_page_of_the_pay_rules_opens(bergaji, users, client):
    client.force_login(users["admin_bkd"])
    aturan = AturanTpp.objects.first()
    assert aturan is not None
    urls = [
        reverse("penggajian:aturan_tpp_detail", args=[aturan.pk]),
        reverse("penggajian:tunjangan_fungsional"),
        *[f"{reverse('penggajian:aturan_tambahan')}?ubah={a.pk}" for a in AturanTambahan.objects.all()],
        reverse("penggajian:kehadiran_list"),
        reverse("penggajian:kehadiran_isi"),
        f"{reverse('penggajian:kehadiran_isi')}?nip={bergaji.staf_a.nip}&bulan=2026-11",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    salinan = client.post(reverse("penggajian:aturan_tpp_salin", args=[aturan.pk]), follow=True)
    assert salinan.status_code == 200 and "Draf baru disalin" in salinan.content.decode()
    draf = AturanTpp.objects.get(status=AturanTpp.Status.DRAF)
    assert client.get(reverse("penggajian:aturan_tpp_detail", args=[draf.pk])).status_code == 200
