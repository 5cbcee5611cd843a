"""Study leave (tugas belajar; Peraturan BKN 5/2019 asks for a statement that the person is not on one):
recorded on the employee (Pegawai.tugas_belajar_mulai/selesai, edited on the employee form with its
history), a guard that stops a proposal unless overridden, and a hard requirement of the shortlist."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mutasi import services
from mutasi.guard import Aturan, Fakta, evaluasi_guard
from mutasi.models import AturanGuard, UsulanMutasi
from mutasi.rekomendasi import daftar_pendek, jabatan_untuk_rekomendasi
from pegawai.models import Pegawai
from pegawai.selectors import sedang_tugas_belajar
from tests.pegawai.test_pegawai_edit import _form_data

from .conftest import buat_usulan, lengkapi_dokumen

TMT = dt.date(2027, 1, 1)
ATURAN = {"tugas_belajar": Aturan("tugas_belajar", 0, 0, dt.date(2019, 1, 1), "Peraturan BKN 5/2019")}


def _hasil(fakta, tanggal):
    return next(h for h in evaluasi_guard(fakta, ATURAN, (), tanggal) if h.kode == "tugas_belajar")


def test_guard_menurut_tanggal():
    fakta = Fakta(tugas_belajar_mulai=dt.date(2025, 9, 1), tugas_belajar_selesai=dt.date(2027, 8, 31))
    h = _hasil(fakta, TMT)
    assert h.dilanggar
    assert h.penjelasan == (
        "Pada 1 Januari 2027 pegawai sedang tugas belajar (1 September 2025 s.d. 31 Agustus 2027)."
    )
    assert not _hasil(fakta, dt.date(2027, 9, 1)).dilanggar  # the day after it ends
    assert not _hasil(fakta, dt.date(2025, 8, 31)).dilanggar  # the day before it starts
    tanpa_selesai = Fakta(tugas_belajar_mulai=dt.date(2025, 9, 1))
    assert "tanpa tanggal selesai" in _hasil(tanpa_selesai, TMT).penjelasan
    assert not _hasil(Fakta(), TMT).dilanggar
    # An incoming person is not in the data: the guard does not apply.
    assert all(
        h.kode != "tugas_belajar" for h in evaluasi_guard(Fakta(jenis_usulan="masuk"), ATURAN, (), TMT)
    )


def test_aturan_tersemai(db):
    a = AturanGuard.objects.get(kode="tugas_belajar")
    assert "Peraturan BKN 5/2019" in a.dasar_hukum and a.aktif


def _belajar(pegawai, mulai, selesai=None) -> Pegawai:
    pegawai.tugas_belajar_mulai, pegawai.tugas_belajar_selesai = mulai, selesai
    pegawai.save(update_fields=["tugas_belajar_mulai", "tugas_belajar_selesai"])
    return pegawai


def test_usulan_terhenti_kecuali_dikecualikan(org, users, jabatan_tujuan):
    staf = _belajar(org.staf_a, dt.date(2025, 9, 1), dt.date(2027, 8, 31))
    usulan = buat_usulan(users["operator_opd"], staf, jabatan_tujuan)
    lengkapi_dokumen(users["operator_opd"], usulan)
    with pytest.raises(ValidationError) as info:
        services.usulan_mutasi_submit(actor=users["operator_opd"], usulan=usulan)
    teks = " ".join(info.value.messages)
    assert "Sedang tugas belajar: Pada 1 Januari 2027 pegawai sedang tugas belajar" in teks
    services.usulan_mutasi_override_guard(
        actor=users["admin_bkd"], usulan=usulan, kode_guard="tugas_belajar",
        alasan="Tugas belajar dihentikan atas permintaan sendiri", nomor_dokumen="800/77/BKPSDM",
        tanggal_dokumen=dt.date(2026, 11, 1),
    )  # fmt: skip
    usulan = services.usulan_mutasi_submit(actor=users["operator_opd"], usulan=usulan)
    assert usulan.status == UsulanMutasi.Status.DIAJUKAN


def test_daftar_pendek_syarat_tugas_belajar(org, jabatan_tujuan):
    # staf_a and staf_b hold the same facts for the guards except study leave: the cached guard verdict
    # must not be shared between them.
    _belajar(org.staf_a, dt.date(2026, 9, 1))
    daftar = {k.nip: k for k in daftar_pendek(jabatan_untuk_rekomendasi(jabatan_tujuan.pk), TMT).kandidat}
    a = {s.nama: (s.terpenuhi, s.uraian) for s in daftar[org.staf_a.nip].syarat}
    assert a["Sedang tugas belajar"] == (
        False, "Pada 1 Januari 2027 pegawai sedang tugas belajar (1 September 2026 tanpa tanggal selesai).",
    )  # fmt: skip
    assert not daftar[org.staf_a.nip].memenuhi
    b = {s.nama: s.terpenuhi for s in daftar[org.staf_b.nip].syarat}
    assert b["Sedang tugas belajar"] is True
    assert sedang_tugas_belajar([org.staf_a.pk, org.staf_b.pk], TMT) == {org.staf_a.pk}
    assert sedang_tugas_belajar([org.staf_a.pk], dt.date(2026, 8, 31)) == set()


def test_formulir_pegawai_mengisi_tugas_belajar_dengan_riwayat(org, users, client_as):
    client = client_as("admin_bkd")
    url = reverse("pegawai:update", args=[org.staf_a.nip])
    assert 'name="tugas_belajar_mulai"' in client.get(url).content.decode()
    # The end before the start: refused with a message, nothing saved.
    page = client.post(
        url,
        _form_data(
            org.staf_a, tugas_belajar_mulai="2026-09-01", tugas_belajar_selesai="2026-08-01",
            alasan_perubahan="SK tugas belajar",
        ),
    ).content.decode()  # fmt: skip
    assert "Tugas belajar selesai harus diisi bersama tanggal mulai dan tidak sebelum tanggal mulai." in page
    assert Pegawai.objects.get(pk=org.staf_a.pk).tugas_belajar_mulai is None
    response = client.post(
        url,
        _form_data(
            org.staf_a, tugas_belajar_mulai="2026-09-01", tugas_belajar_selesai="2028-08-31",
            alasan_perubahan="SK tugas belajar S2 nomor 800/5/BKPSDM/2026",
        ),
    )  # fmt: skip
    assert response.status_code == 302
    staf = Pegawai.objects.get(pk=org.staf_a.pk)
    assert (staf.tugas_belajar_mulai, staf.tugas_belajar_selesai) == (
        dt.date(2026, 9, 1),
        dt.date(2028, 8, 31),
    )
    terakhir = staf.history.first()
    assert terakhir.tugas_belajar_mulai == dt.date(2026, 9, 1)
    assert terakhir.history_change_reason == "SK tugas belajar S2 nomor 800/5/BKPSDM/2026"
    assert terakhir.history_user == users["admin_bkd"]
    profil = client.get(reverse("pegawai:detail", args=[staf.nip])).content.decode()
    assert "1 September 2026 s.d. 31 Agustus 2028" in profil
