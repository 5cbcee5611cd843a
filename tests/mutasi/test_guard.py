"""Each guard of reference §1.4 with values from the regulation, not from the code:
PP 11/2017 Pasal 190 / Peraturan BKN 5/2019 Pasal 2(3): at least 2 and at most 5 years in a post;
PermenPANRB 27/2021 Pasal 52: a CPNS pledges not to ask for a move for 10 years; UU 5/2014 Pasal 116:
no JPT replaced within 2 years; UU 10/2016 Pasal 71(2), 162(3): freeze windows; PP 94/2021 punishments."""

from __future__ import annotations

import datetime as dt

import pytest

from mutasi.guard import Aturan, Fakta, Hukuman, Larangan, aturan_berlaku, cek_guard, evaluasi_guard, lama
from mutasi.models import AturanGuard, KodeGuard, MasaLarangan
from pegawai.models import RiwayatHukumanDisiplin

ATURAN = {
    "masa_jabatan": Aturan("masa_jabatan", 24, 60, dt.date(2017, 3, 30), "PP 11/2017 Pasal 190"),
    "ikatan_cpns": Aturan("ikatan_cpns", 120, 0, dt.date(2021, 1, 1), "PermenPANRB 27/2021 Pasal 52"),
    "jpt_dua_tahun": Aturan("jpt_dua_tahun", 24, 0, dt.date(2014, 1, 15), "UU 5/2014 Pasal 116"),
    "masa_larangan": Aturan("masa_larangan", 0, 0, dt.date(2016, 7, 1), "UU 10/2016 Pasal 71"),
    "hukuman_disiplin": Aturan("hukuman_disiplin", 0, 0, dt.date(2019, 1, 1), "PP 94/2021"),
}
PILKADA = Larangan(
    "Pemilihan kepala daerah", "Pilkada 2024", dt.date(2024, 3, 22), dt.date(2025, 2, 19), "UU 10/2016"
)


def hasil(kode, fakta, tanggal, larangan=()):
    semua = {h.kode: h for h in evaluasi_guard(fakta, ATURAN, larangan, tanggal)}
    return semua.get(kode)


def test_lama_in_words():
    assert lama(23) == "1 tahun 11 bulan"
    assert lama(24) == "2 tahun"
    assert lama(5) == "5 bulan"
    assert lama(0) == "0 bulan"


def test_one_year_eleven_months_in_post_is_too_short():
    h = hasil("masa_jabatan", Fakta(tmt_jabatan=dt.date(2024, 3, 1)), dt.date(2026, 2, 28))
    assert h.dilanggar
    assert "Baru 1 tahun 11 bulan" in h.penjelasan and "minimal 2 tahun" in h.penjelasan
    assert h.dasar_hukum == "PP 11/2017 Pasal 190"


def test_exactly_two_years_in_post_is_enough():
    h = hasil("masa_jabatan", Fakta(tmt_jabatan=dt.date(2024, 3, 1)), dt.date(2026, 3, 1))
    assert not h.dilanggar
    assert h.penjelasan.startswith("2 tahun dalam jabatan sekarang")
    assert "memenuhi minimal 2 tahun (maksimal 5 tahun)" in h.penjelasan


def test_past_five_years_is_no_block_but_says_rotation_is_due():
    h = hasil("masa_jabatan", Fakta(tmt_jabatan=dt.date(2020, 1, 1)), dt.date(2025, 2, 1))
    assert not h.dilanggar
    assert "5 tahun 1 bulan" in h.penjelasan and "melewati batas maksimal 5 tahun" in h.penjelasan


def test_unknown_tmt_jabatan_blocks():
    assert hasil("masa_jabatan", Fakta(tmt_jabatan=None), dt.date(2026, 1, 1)).dilanggar


def test_incoming_person_has_no_time_in_post_here():
    assert hasil("masa_jabatan", Fakta(jenis_usulan="masuk", ada_pegawai=False), dt.date(2026, 1, 1)) is None


def test_cpns_pledge_ten_years_binds_own_request():
    fakta = Fakta(sumber="aps", tmt_cpns=dt.date(2022, 1, 1), tmt_jabatan=dt.date(2022, 1, 1))
    h = hasil("ikatan_cpns", fakta, dt.date(2031, 12, 31))
    assert h.dilanggar and "Baru 9 tahun 11 bulan" in h.penjelasan and "10 tahun" in h.penjelasan
    assert not hasil("ikatan_cpns", fakta, dt.date(2032, 1, 1)).dilanggar


def test_cpns_pledge_does_not_bind_a_move_the_government_proposes():
    fakta = Fakta(sumber="operator_opd", tmt_cpns=dt.date(2022, 1, 1), tmt_jabatan=dt.date(2022, 1, 1))
    assert hasil("ikatan_cpns", fakta, dt.date(2026, 1, 1)) is None
    keluar = Fakta(jenis_usulan="keluar", sumber="admin_bkd", tmt_cpns=dt.date(2022, 1, 1))
    assert hasil("ikatan_cpns", keluar, dt.date(2026, 1, 1)).dilanggar


def test_cpns_pledge_not_for_those_appointed_before_the_rule():
    fakta = Fakta(sumber="aps", tmt_cpns=dt.date(2019, 3, 1))
    h = hasil("ikatan_cpns", fakta, dt.date(2026, 1, 1))
    assert not h.dilanggar and "sebelum ketentuan berlaku" in h.penjelasan


def test_jpt_two_year_rule():
    fakta = Fakta(jabatan_asal_jpt=True, tmt_jabatan=dt.date(2025, 1, 6))
    h = hasil("jpt_dua_tahun", fakta, dt.date(2026, 12, 31))
    assert h.dilanggar and "baru 1 tahun 11 bulan" in h.penjelasan
    assert not hasil("jpt_dua_tahun", fakta, dt.date(2027, 1, 6)).dilanggar
    assert hasil("jpt_dua_tahun", Fakta(tmt_jabatan=dt.date(2025, 1, 6)), dt.date(2026, 1, 1)) is None


def test_election_freeze_window_blocks_inside_only():
    fakta = Fakta(tmt_jabatan=dt.date(2015, 1, 1))
    h = hasil("masa_larangan", fakta, dt.date(2024, 10, 1), [PILKADA])
    assert h.dilanggar and "Pilkada 2024" in h.penjelasan and "Menteri Dalam Negeri" in h.penjelasan
    assert hasil("masa_larangan", fakta, dt.date(2025, 2, 19), [PILKADA]).dilanggar  # last day inside
    assert not hasil("masa_larangan", fakta, dt.date(2025, 2, 20), [PILKADA]).dilanggar


def test_punishment_in_force_blocks_until_its_end():
    hukdis = Hukuman(
        "sedang", "Penurunan jabatan setingkat lebih rendah", dt.date(2025, 6, 1), dt.date(2026, 5, 31)
    )
    fakta = Fakta(tmt_jabatan=dt.date(2015, 1, 1), hukuman=(hukdis,))
    h = hasil("hukuman_disiplin", fakta, dt.date(2026, 5, 31))
    assert h.dilanggar and "hukuman disiplin sedang" in h.penjelasan and "31 Mei 2026" in h.penjelasan
    assert not hasil("hukuman_disiplin", fakta, dt.date(2026, 6, 1)).dilanggar


# --- the rules as data ------------------------------------------------------------------------------


def test_seeded_rules_carry_the_regulation_values(db):
    mj = AturanGuard.objects.get(kode="masa_jabatan")
    assert (mj.bulan_minimal, mj.bulan_maksimal) == (24, 60)
    assert "PP 11/2017 Pasal 190" in mj.dasar_hukum
    assert AturanGuard.objects.get(kode="ikatan_cpns").bulan_minimal == 120
    assert AturanGuard.objects.get(kode="jpt_dua_tahun").bulan_minimal == 24
    assert MasaLarangan.objects.filter(jenis="pilkada").exists()


def test_a_new_version_applies_from_its_date(db, users):
    from mutasi import services

    services.aturan_guard_create(
        actor=users["admin_bkd"],
        kode="masa_jabatan",
        bulan_minimal=6,
        bulan_maksimal=60,
        berlaku_mulai=dt.date(2027, 1, 1),
        dasar_hukum="Peraturan BKN (uji) tentang masa jabatan 6 bulan",
        alasan="Peraturan baru",
    )
    lama_ = aturan_berlaku(dt.date(2026, 12, 31)).aturan["masa_jabatan"]
    baru = aturan_berlaku(dt.date(2027, 1, 1)).aturan["masa_jabatan"]
    assert (lama_.bulan_minimal, baru.bulan_minimal) == (24, 6)
    assert AturanGuard.objects.get(
        kode="masa_jabatan", berlaku_mulai=dt.date(2017, 3, 30)
    ).berlaku_sampai == dt.date(2026, 12, 31)


def test_a_rule_switched_off_is_not_checked(db, users):
    from mutasi import services

    services.aturan_guard_create(
        actor=users["admin_bkd"],
        kode="hukuman_disiplin",
        bulan_minimal=0,
        bulan_maksimal=0,
        berlaku_mulai=dt.date(2026, 1, 1),
        aktif=False,
        dasar_hukum="Keputusan (uji)",
        alasan="Uji",
    )
    assert "hukuman_disiplin" not in aturan_berlaku(dt.date(2026, 6, 1)).aturan


def test_cek_guard_reads_the_employee_and_the_punishment_history(org):
    org.staf_a.tmt_jabatan = dt.date(2025, 1, 2)
    org.staf_a.save(update_fields=["tmt_jabatan"])
    RiwayatHukumanDisiplin.objects.create(
        pegawai=org.staf_a, tingkat="ringan", jenis="Teguran tertulis", tmt=dt.date(2026, 10, 1)
    )
    semua = {h.kode: h for h in cek_guard(org.staf_a, org.staf_b.jabatan, dt.date(2026, 12, 1))}
    assert semua[KodeGuard.MASA_JABATAN].dilanggar
    assert "Baru 1 tahun 10 bulan" in semua[KodeGuard.MASA_JABATAN].penjelasan
    assert semua[KodeGuard.HUKUMAN_DISIPLIN].dilanggar
    assert "sampai ada keputusan lain" in semua[KodeGuard.HUKUMAN_DISIPLIN].penjelasan
    assert not semua[KodeGuard.MASA_LARANGAN].dilanggar


@pytest.mark.parametrize("tanggal", [dt.date(2024, 3, 22), dt.date(2025, 8, 20)])
def test_seeded_freeze_windows_block(org, tanggal):
    semua = {h.kode: h for h in cek_guard(org.staf_a, org.staf_b.jabatan, tanggal)}
    assert semua[KodeGuard.MASA_LARANGAN].dilanggar
