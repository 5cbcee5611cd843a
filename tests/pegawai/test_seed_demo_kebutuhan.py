"""seed_demo gives believable needs: requirements fitting the OPD, ABK task rows whose computed need is the
position's need, and both shortages and excesses."""

import pytest
from django.core.management import call_command

from akun.models import User
from mutasi.kebutuhan import kebutuhan_pemda
from pegawai.abk import hitung_kebutuhan
from pegawai.models import Jabatan, Pegawai
from pegawai.syarat import cek_syarat


@pytest.mark.django_db
def test_demo_needs_requirements_and_abk():
    # 1,200: below about 700 employees every position has one holder (heads first), so no excess exists.
    call_command("seed_demo", pegawai=1200, force=True)
    perawat = Jabatan.objects.filter(nama__startswith="Perawat", unit_kerja__opd__nama="Dinas Kesehatan")
    assert perawat.exists()
    assert set(perawat.values_list("syarat_jurusan", flat=True)) == {"Keperawatan; Ners"}
    kabid = Jabatan.objects.filter(nama__startswith="Kepala Bidang", unit_kerja__opd__nama="Dinas Kesehatan")
    assert set(kabid.values_list("syarat_jurusan", flat=True)) == {
        "Kesehatan Masyarakat; Kedokteran; Keperawatan"
    }
    assert not Jabatan.objects.filter(syarat_pendidikan="").exists()
    abk = list(Jabatan.objects.filter(sumber_kebutuhan="abk").prefetch_related("uraian_tugas"))
    assert len(abk) >= 3
    for jabatan in abk:
        tugas = [(t.volume_per_tahun, t.waktu_penyelesaian_menit) for t in jabatan.uraian_tugas.all()]
        assert len(tugas) == 4
        assert hitung_kebutuhan(tugas).kebutuhan == jabatan.kebutuhan
    _, total = kebutuhan_pemda(user=User.objects.get(username="admin_bkd"))
    assert total.bezetting == 1200
    assert total.kurang > 0 and total.lebih > 0
    # Most holders of a position with a field requirement meet it; some do not.
    hasil = [
        h.terpenuhi
        for p in Pegawai.objects.select_related("golongan", "jabatan__syarat_golongan").filter(
            jabatan__syarat_jurusan__gt=""
        )
        for h in cek_syarat(p, p.jabatan)
        if h.nama_syarat == "Jurusan pendidikan"
    ]
    assert 0.6 < sum(hasil) / len(hasil) < 1
