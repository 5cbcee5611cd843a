"""A full recompute replaces the run's slips (deleted in one statement, never loaded) and gives the same
amounts; a run whose slips already back a correction is refused with a message."""

import pytest
from django.core.exceptions import ValidationError

from penggajian import services
from penggajian.models import Penyesuaian, Slip
from tests.penggajian.bantu import hitung

pytestmark = pytest.mark.django_db


def test_recompute_replaces_every_slip_with_the_same_amounts(bergaji, petugas):
    run = hitung(petugas["pembuat"])
    before = {s.pegawai_id: (s.pk, s.jumlah_bersih) for s in Slip.objects.filter(run=run)}
    assert len(before) == 4
    run = hitung(petugas["pembuat"])
    after = {s.pegawai_id: (s.pk, s.jumlah_bersih) for s in Slip.objects.filter(run=run)}
    assert after.keys() == before.keys()
    assert all(after[p][1] == before[p][1] for p in before)
    assert not {pk for pk, _ in before.values()} & {pk for pk, _ in after.values()}
    assert run.jumlah_slip == 4
    assert run.jumlah_bersih == sum(b for _, b in before.values())


def test_recompute_refused_when_a_slip_backs_a_correction(bergaji, petugas):
    run = hitung(petugas["pembuat"])
    slip = Slip.objects.filter(run=run).first()
    Penyesuaian.objects.create(
        pegawai_id=slip.pegawai_id,
        slip_asal=slip,
        selisih_kotor=0,
        selisih_potongan=0,
        selisih_bersih=0,
        penjelasan="uji",
        alasan="uji",
        dibuat_oleh=petugas["pembuat"],
    )
    with pytest.raises(ValidationError, match="sudah menjadi dasar koreksi"):
        services.run_hitung(actor=petugas["pembuat"], jenis="induk", tahun=2026, bulan=11, antrikan=False)
    assert Slip.objects.filter(run=run).count() == 4


def test_totals_per_opd_are_stored_with_the_run(bergaji, petugas, org):
    run = hitung(petugas["pembuat"])
    by_opd = {r["opd_id"]: r for r in run.rekap_opd}
    assert set(by_opd) == {org.opd_a.pk, org.opd_b.pk}
    for opd_id, row in by_opd.items():
        slips = list(Slip.objects.filter(run=run, opd_id=opd_id))
        assert row["jumlah"] == len(slips)
        assert row["bersih"] == sum(s.jumlah_bersih for s in slips)
        assert row["kotor"] == sum(s.jumlah_kotor for s in slips)
    # By OPD name: Dinas Kesehatan (B, one employee) before Dinas Pendidikan (A, three).
    assert [r["jumlah"] for r in run.rekap_opd] == [1, 3]
    assert run.jumlah_bersih == sum(r["bersih"] for r in run.rekap_opd)
