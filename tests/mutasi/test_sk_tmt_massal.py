"""Moves of one collective SK on the TMT, written in bulk (issue 13 speed): a move out (keluar) makes
the employee inactive on the TMT with the actor and the reason in the history; a refused move holds back
the whole SK (all or nothing per SK); a second run changes nothing."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from mutasi.models import PegawaiSKMutasi, SKMutasi
from mutasi.services import sk as services_sk
from pegawai.models import Pegawai, RiwayatJabatan
from tests.factories import JabatanFactory, PegawaiFactory

TMT = dt.date(2026, 11, 1)


def _sk(users, baris, nomor="800/77/BKPSDM/2026") -> SKMutasi:
    sk = SKMutasi.objects.create(
        nomor=nomor,
        tanggal=dt.date(2026, 10, 20),
        sumber="impor",
        tentang="uji",
        diterbitkan_oleh=users["admin_bkd"],
    )
    PegawaiSKMutasi.objects.bulk_create(
        PegawaiSKMutasi(
            sk=sk,
            urutan=i,
            pegawai=p,
            jenis=jenis,
            nama=p.nama,
            nip=p.nip,
            jabatan_tujuan=jab,
            nama_jabatan_tujuan=jab.nama if jab else "",
            nama_unit_tujuan=jab.unit_kerja.nama if jab else "",
            instansi="Pemerintah Provinsi Sulawesi Tengah" if jenis == "keluar" else "",
            tmt=tmt,
        )
        for i, (p, jenis, jab, tmt) in enumerate(baris, 1)
    )
    return sk


def test_keluar_nonaktif_pada_tmt_dengan_pelaku_dan_alasan(users, org, time_machine):
    jab = JabatanFactory(
        unit_kerja=org.opd_b, nama="Analis Data Kesehatan", jenis="pelaksana", kelas_jabatan=7
    )
    nanti = dt.date(2026, 12, 1)
    sk = _sk(users, [(org.staf_a, "dalam_pemda", jab, TMT), (org.staf_b, "keluar", None, TMT)])
    sk_nanti = _sk(users, [(org.kabid_a, "keluar", None, nanti)], nomor="800/78/BKPSDM/2026")
    assert services_sk.mutasi_apply_due() == {"diterapkan": 2, "gagal": 0}

    keluar = Pegawai.objects.get(pk=org.staf_b.pk)
    assert keluar.aktif is False
    h = keluar.history.first()
    assert h.history_user == users["admin_bkd"]
    assert h.history_change_reason == (
        "Mutasi keluar ke Pemerintah Provinsi Sulawesi Tengah (mutasi) SK 800/77/BKPSDM/2026 TMT 1 November 2026; "
        "tidak aktif lagi"
    )
    assert keluar.history.filter(aktif=True).exists()  # the state before is kept
    assert Pegawai.objects.get(pk=org.staf_a.pk).jabatan == jab
    assert set(sk.pegawai_list.values_list("status", flat=True)) == {PegawaiSKMutasi.Status.BERLAKU}
    assert sk.pegawai_list.get(urutan=2).history.first().history_user == users["admin_bkd"]
    # the TMT to come: still active until then
    assert Pegawai.objects.get(pk=org.kabid_a.pk).aktif is True
    assert sk_nanti.pegawai_list.get().status == PegawaiSKMutasi.Status.MENUNGGU_TMT

    # a second run changes nothing
    jumlah = (keluar.history.count(), RiwayatJabatan.objects.count(), Pegawai.history.count())
    assert services_sk.mutasi_apply_due() == {"diterapkan": 0, "gagal": 0}
    assert (keluar.history.count(), RiwayatJabatan.objects.count(), Pegawai.history.count()) == jumlah

    time_machine.move_to(dt.datetime(2026, 12, 1, 0, 15, tzinfo=ZoneInfo("Asia/Makassar")))
    assert services_sk.mutasi_apply_due() == {"diterapkan": 1, "gagal": 0}
    assert Pegawai.objects.get(pk=org.kabid_a.pk).aktif is False


def test_satu_pindah_ditolak_seluruh_sk_tertahan(users, org):
    jab = JabatanFactory(
        unit_kerja=org.opd_b, nama="Analis Data Kesehatan", jenis="pelaksana", kelas_jabatan=7
    )
    pensiun = PegawaiFactory(jabatan=org.staf_a.jabatan, nama="Sudah Pensiun")
    Pegawai.objects.filter(pk=pensiun.pk).update(tanggal_pensiun=dt.date(2026, 10, 1))
    pensiun.refresh_from_db()
    sk = _sk(
        users,
        [
            (org.staf_a, "dalam_pemda", jab, TMT),
            (org.staf_b, "keluar", None, TMT),
            (pensiun, "dalam_pemda", jab, TMT),
        ],
    )
    sebelum = (RiwayatJabatan.objects.count(), Pegawai.history.count())
    assert services_sk.mutasi_apply_due() == {"diterapkan": 0, "gagal": 3}
    assert Pegawai.objects.get(pk=org.staf_a.pk).jabatan == org.staf_a.jabatan
    assert Pegawai.objects.get(pk=org.staf_b.pk).aktif is True
    assert (RiwayatJabatan.objects.count(), Pegawai.history.count()) == sebelum
    assert set(sk.pegawai_list.values_list("status", flat=True)) == {PegawaiSKMutasi.Status.MENUNGGU_TMT}
