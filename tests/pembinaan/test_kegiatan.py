"""The ledger: seeded rules, claims and their verification, the yearly recap, bad input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core import workflow
from pembinaan import services
from pembinaan.models import AturanJP, KegiatanPengembangan, RekapJP, TargetJP
from pembinaan.reference import BENTUK_KLASIKAL, BENTUK_NONKLASIKAL

from .conftest import data_kegiatan, pdf

pytestmark = pytest.mark.django_db


def rekap(pegawai, tahun=2026):
    r = RekapJP.objects.filter(pegawai=pegawai, tahun=tahun).first()
    return (r.jp_klasikal, r.jp_nonklasikal, r.jp_total) if r else None


def test_aturan_bawaan_per_bentuk():
    # Peraturan LAN 10/2018: 11 klasikal, 12 nonklasikal; each starts at one JP per full 45 minutes.
    assert len(BENTUK_KLASIKAL) == 11 and len(BENTUK_NONKLASIKAL) == 12
    assert AturanJP.objects.count() == 23
    assert set(AturanJP.objects.filter(jalur="klasikal").values_list("bentuk", flat=True)) == set(
        BENTUK_KLASIKAL
    )
    assert set(AturanJP.objects.values_list("basis", "nilai").distinct()) == {("menit", Decimal(45))}
    assert TargetJP.objects.get(status_kepegawaian="PNS").target_jp == 20


def test_klaim_dihitung_setelah_diverifikasi(org, users, klaim):
    assert klaim.status == "diajukan" and klaim.jp_diakui == Decimal(24)
    assert klaim.aturan == AturanJP.objects.get(bentuk="bimbingan_teknis")
    assert rekap(org.staf_a) is None  # a claim counts only once verified
    services.klaim_verifikasi(actor=users["operator_opd"], kegiatan=klaim)
    klaim.refresh_from_db()
    assert klaim.status == "diverifikasi" and klaim.diverifikasi_oleh == users["operator_opd"]
    assert rekap(org.staf_a) == (Decimal(24), Decimal(0), Decimal(24))
    last = klaim.history.first()
    assert last.history_user == users["operator_opd"]


def test_klaim_ditolak_tidak_dihitung(org, users, klaim):
    with pytest.raises(ValidationError):
        services.klaim_tolak(actor=users["operator_opd"], kegiatan=klaim, alasan="")
    with pytest.raises(ValidationError) as exc:
        services.klaim_tolak(actor=users["operator_opd"], kegiatan=klaim, alasan="x" * 501)
    assert "500" in str(exc.value)
    services.klaim_tolak(actor=users["operator_opd"], kegiatan=klaim, alasan="Sertifikat tidak terbaca.")
    klaim.refresh_from_db()
    assert klaim.status == "ditolak" and klaim.catatan == "Sertifikat tidak terbaca."
    assert rekap(org.staf_a) is None
    with pytest.raises(workflow.TransisiTidakSah):
        services.klaim_verifikasi(actor=users["admin_bkd"], kegiatan=klaim)


def test_tabel_transisi():
    harapan = {("diajukan", "diverifikasi"), ("diajukan", "ditolak")}
    for dari, ke, boleh in workflow.semua_pasangan(KegiatanPengembangan):
        assert boleh == ((dari, ke) in harapan), (dari, ke)


def test_durasi_dan_tahun_tanggal_selesai(org, users):
    # 200 minutes without a stated JP → 4 JP; ends 2 January 2026 → counts in 2026, not 2025.
    k = services.kegiatan_catat(
        actor=users["admin_bkd"],
        pegawai=org.staf_b,
        sumber="event",
        data=data_kegiatan(
            bentuk="e_learning",
            jp_tertera=None,
            durasi_menit=200,
            tanggal_mulai=dt.date(2025, 12, 30),
            tanggal_selesai=dt.date(2026, 1, 2),
        ),
    )
    assert (k.tahun, k.jp_diakui, k.jalur, k.status) == (2026, Decimal(4), "nonklasikal", "diverifikasi")
    assert rekap(org.staf_b) == (Decimal(0), Decimal(4), Decimal(4))
    assert rekap(org.staf_b, 2025) is None


def test_maksimal_per_tahun_dan_versi_aturan(org, users):
    # A new version from 1 July 2026: seminars per day, 8 JP a day, at most 10 JP a year.
    baru = AturanJP.objects.create(
        bentuk="seminar",
        jalur="klasikal",
        basis="hari",
        nilai=Decimal(8),
        maks_per_tahun=Decimal(10),
        dasar_hukum="Perwali uji",
        berlaku_mulai=dt.date(2026, 7, 1),
    )
    lama = AturanJP.objects.get(bentuk="seminar", berlaku_mulai=dt.date(2000, 1, 1))
    catat = {"actor": users["admin_bkd"], "pegawai": org.staf_a, "sumber": "event"}
    k1 = services.kegiatan_catat(
        **catat,
        data=data_kegiatan(
            nama_pelatihan="Seminar A",
            bentuk="seminar",
            jp_tertera=None,
            durasi_menit=100,
            tanggal_mulai=dt.date(2026, 6, 10),
            tanggal_selesai=dt.date(2026, 6, 10),
        ),
    )
    k2 = services.kegiatan_catat(
        **catat,
        data=data_kegiatan(
            nama_pelatihan="Seminar B",
            bentuk="seminar",
            jp_tertera=None,
            durasi_menit=100,
            tanggal_mulai=dt.date(2026, 8, 10),
            tanggal_selesai=dt.date(2026, 8, 11),
        ),
    )
    # Old version: 100 min → 2 JP; new version: 2 days × 8 = 16 JP.
    assert (k1.aturan, k1.jp_diakui) == (lama, Decimal(2))
    assert (k2.aturan, k2.jp_diakui) == (baru, Decimal(16))
    # 2 + 16 = 18 seminar JP, capped at the yearly maximum of 10; a workshop adds 3 (not capped).
    services.kegiatan_catat(
        **catat,
        data=data_kegiatan(
            nama_pelatihan="Workshop C",
            bentuk="workshop",
            jp_tertera=Decimal(3),
            tanggal_mulai=dt.date(2026, 9, 1),
            tanggal_selesai=dt.date(2026, 9, 1),
        ),
    )
    assert rekap(org.staf_a) == (Decimal(13), Decimal(0), Decimal(13))


@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        ({"tanggal_selesai": dt.date(2026, 3, 1)}, "tanggal_selesai", "sebelum tanggal mulai"),
        ({"bentuk": "arisan"}, "bentuk", "tidak dikenal"),
        ({"jp_tertera": None, "durasi_menit": None}, "jp", "JP"),
        ({"tanggal_selesai": dt.date(2026, 12, 3)}, "tanggal_selesai", "masa depan"),
        ({"catatan": "x" * 501}, "catatan", "500"),
        ({"nama_pelatihan": ""}, "nama_pelatihan", "wajib"),
    ],
)
def test_masukan_salah_tidak_menulis_apa_pun(org, users, ubah, field, pesan):
    with pytest.raises(ValidationError) as exc:
        services.klaim_ajukan(
            actor=users["pegawai"], pegawai=org.staf_a, data=data_kegiatan(**ubah), bukti=pdf()
        )
    assert pesan in " ".join(exc.value.message_dict[field])
    assert not KegiatanPengembangan.objects.exists()
    assert not KegiatanPengembangan.history.exists()


def test_nomor_sertifikat_dua_kali(org, users, klaim):
    with pytest.raises(ValidationError) as exc:
        services.klaim_ajukan(
            actor=users["admin_bkd"],
            pegawai=org.staf_b,
            data=data_kegiatan(nama_pelatihan="Lain", nomor_sertifikat="ANRI/2026/77"),
            bukti=pdf(),
        )
    assert "sudah dipakai" in exc.value.message_dict["nomor_sertifikat"][0]
    assert KegiatanPengembangan.objects.count() == 1


def test_klaim_wajib_bukti_dan_berkas_diperiksa(org, users):
    with pytest.raises(ValidationError) as exc:
        services.klaim_ajukan(actor=users["pegawai"], pegawai=org.staf_a, data=data_kegiatan(), bukti=None)
    assert "bukti" in exc.value.message_dict
    from django.core.files.uploadedfile import SimpleUploadedFile

    palsu = SimpleUploadedFile("sertifikat.pdf", b"MZ\x90\x00 bukan pdf")
    with pytest.raises(ValidationError) as exc:
        services.klaim_ajukan(actor=users["pegawai"], pegawai=org.staf_a, data=data_kegiatan(), bukti=palsu)
    assert "bukan PDF" in exc.value.message_dict["bukti"][0]
    assert not KegiatanPengembangan.objects.exists()
