"""The mutasi demo data of `seed_demo`: proposals at every stage of the workflow, a round open today with
wishes (a couple linked), the placement team with a meeting and minutes, work for the demo logins, and a
reset that removes it all but the rules."""

from __future__ import annotations

from collections import Counter

from django.core.management import call_command

from akun.models import User
from mutasi import selectors
from mutasi.models import (
    AturanGuard,
    PengecualianGuard,
    PreferensiMutasi,
    RekomendasiTPK,
    SidangTPK,
    SyaratDokumen,
    UsulanMutasi,
)

S = UsulanMutasi.Status


def test_demo_has_every_stage_and_work_for_each_login(db):
    call_command("seed_demo", pegawai=600, seed=1, force=True)
    status = Counter(UsulanMutasi.objects.values_list("status", flat=True))
    for s in (
        S.DRAFT,
        S.DIAJUKAN,
        S.DIVERIFIKASI,
        S.DIREKOMENDASIKAN,
        S.DISETUJUI,
        S.DIKEMBALIKAN,
        S.DITOLAK,
    ):
        assert status[s] >= 1, s
    assert set(UsulanMutasi.objects.values_list("jenis", flat=True)) == {"dalam_pemda", "masuk", "keluar"}
    assert UsulanMutasi.objects.filter(sumber="aps").exists()
    assert PengecualianGuard.objects.exists()
    assert SidangTPK.objects.get().notulen
    assert RekomendasiTPK.objects.count() >= 2
    assert PreferensiMutasi.objects.count() >= 20
    assert PreferensiMutasi.objects.filter(pasangan__isnull=False).count() in (0, 2)
    # the employee login has a proposal to answer; the pimpinan has something to approve
    pegawai = User.objects.get(username="pegawai")
    assert any(u.status == S.DIREKOMENDASIKAN for u in selectors.usulan_saya(user=pegawai))
    pimpinan = User.objects.get(username="pimpinan")
    assert selectors.usulan_list_visible_to(user=pimpinan).filter(status=S.DIREKOMENDASIKAN).exists()
    operator = User.objects.get(username="operator_opd")
    assert selectors.usulan_list_visible_to(user=operator).filter(status=S.DRAFT).exists()

    call_command("seed_demo", pegawai=600, seed=1, force=True, reset=True)
    assert UsulanMutasi.objects.count() == sum(status.values())
    assert AturanGuard.objects.filter(kode="masa_jabatan").exists() and SyaratDokumen.objects.exists()
