"""Who may do what with a pay run, as one table: person × state of the run → the actions its page offers
(permissions.run_flags, which the run page shows), and the services refusing exactly what the page does
not offer to that person (they ask the same predicates)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from penggajian import permissions, services
from penggajian.models import RunGaji
from tests.penggajian.bantu import hitung

# H recompute, V verify, S approve (setujui), K return (kembalikan), L lock.
HURUF = {
    "boleh_hitung": "H",
    "boleh_verifikasi": "V",
    "boleh_setujui": "S",
    "boleh_kembalikan": "K",
    "boleh_kunci": "L",
}

TABEL = {
    "dihitung": {"pembuat": "H", "verifikator": "HVK", "pimpinan": "K", "operator_opd": "", "pegawai": ""},
    "diverifikasi": {
        "pembuat": "H",
        "verifikator": "HK",
        "pimpinan": "SK",
        "operator_opd": "",
        "pegawai": "",
    },
    "disetujui": {"pembuat": "L", "verifikator": "KL", "pimpinan": "K", "operator_opd": "", "pegawai": ""},
    "dikunci": {"pembuat": "", "verifikator": "", "pimpinan": "", "operator_opd": "", "pegawai": ""},
}


def _orang(users, petugas) -> dict:
    return {**petugas, "operator_opd": users["operator_opd"], "pegawai": users["pegawai"]}


def _tawaran(user, run: RunGaji) -> str:
    flags = permissions.run_flags(user, run)
    return "".join(huruf for kunci, huruf in HURUF.items() if flags[kunci])


def test_what_a_run_page_offers_each_person_in_each_state(bergaji, users, petugas):
    orang = _orang(users, petugas)
    run = hitung(petugas["pembuat"])
    langkah = {
        "diverifikasi": lambda r: services.run_verifikasi(actor=petugas["verifikator"], run=r),
        "disetujui": lambda r: services.run_setujui(actor=petugas["pimpinan"], run=r),
        "dikunci": lambda r: services.run_kunci(actor=petugas["pembuat"], run=r),
    }
    for status, harapan in TABEL.items():
        if status in langkah:
            run = langkah[status](run)
        assert run.status == status
        assert {nama: _tawaran(user, run) for nama, user in orang.items()} == harapan, status
        # Printing every slip is the Admin BKD's (the state is checked when a job is asked for).
        assert [
            nama for nama, user in orang.items() if permissions.run_flags(user, run)["boleh_cetak_massal"]
        ] == [
            "pembuat",
            "verifikator",
        ]


def test_the_services_refuse_what_the_page_does_not_offer(bergaji, users, petugas):
    """A verified run: the maker may neither approve nor return it, the verifier may not approve it, the
    Operator OPD may do nothing; the Pimpinan, offered both, may."""
    orang = _orang(users, petugas)
    run = services.run_verifikasi(actor=petugas["verifikator"], run=hitung(petugas["pembuat"]))
    for nama in ("operator_opd", "pegawai"):
        for aksi in (services.run_setujui, services.run_kunci):
            with pytest.raises(PermissionDenied):
                aksi(actor=orang[nama], run=run)
        with pytest.raises(PermissionDenied):
            services.run_kembalikan(actor=orang[nama], run=run, alasan="Periksa lagi")
    with pytest.raises(ValidationError, match="tidak boleh menyetujui"):
        services.run_setujui(actor=petugas["pembuat"], run=run)
    with pytest.raises(ValidationError, match="tidak boleh menyetujui"):
        services.run_setujui(actor=petugas["verifikator"], run=run)
    with pytest.raises(ValidationError, match=r"yang menghitung run ini .* tidak dapat mengembalikannya"):
        services.run_kembalikan(actor=petugas["pembuat"], run=run, alasan="Saya ingin memperbaikinya")
    run.refresh_from_db()
    assert (run.status, run.diverifikasi_oleh) == ("diverifikasi", petugas["verifikator"])
    assert (
        services.run_kembalikan(actor=petugas["pimpinan"], run=run, alasan="Periksa lagi").status
        == "dihitung"
    )


def test_the_maker_posting_kembalikan_gets_the_message_and_nothing_changes(bergaji, petugas, client):
    run = hitung(petugas["pembuat"])
    client.force_login(petugas["pembuat"])
    page = client.post(
        reverse("penggajian:run_kembalikan", args=[run.pk]), {"alasan": "Salah hitung"}, follow=True
    ).content.decode()
    assert "tidak dapat mengembalikannya" in page
    run.refresh_from_db()
    assert (run.status, run.catatan) == ("dihitung", "")


def test_a_run_being_computed_cannot_be_returned(bergaji, petugas):
    run = services.run_hitung(actor=petugas["pembuat"], jenis="induk", tahun=2026, bulan=11, antrikan=False)
    RunGaji.objects.filter(pk=run.pk).update(status=RunGaji.Status.MENGHITUNG)
    assert not permissions.can_return_run(petugas["pimpinan"], RunGaji.objects.get(pk=run.pk))
    with pytest.raises(ValidationError, match="sedang dihitung: tunggu sampai selesai"):
        services.run_kembalikan(actor=petugas["pimpinan"], run=run, alasan="Salah aturan")
    assert RunGaji.objects.get(pk=run.pk).status == "menghitung"
