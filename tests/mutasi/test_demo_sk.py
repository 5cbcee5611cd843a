"""seed_demo gains an issued collective SK mutasi with a petikan per person, one move already in force
with its SPMT, and two waiting for their TMT."""

from __future__ import annotations

from django.core.management import call_command

from core.models import DokumenTerverifikasi
from mutasi.models import PegawaiSKMutasi, SKMutasi, UsulanMutasi
from pegawai.models import RiwayatJabatan


def test_demo_sk_kolektif_dengan_petikan_spmt_dan_satu_berlaku(db):
    call_command("seed_demo", pegawai=600, seed=1, force=True)
    sk = SKMutasi.objects.get()
    items = list(sk.pegawai_list.order_by("urutan"))
    assert len(items) == 3
    assert all(i.kode_petikan for i in items)
    assert DokumenTerverifikasi.objects.filter(sumber__startswith=sk.sumber_dokumen).count() >= 4
    berlaku = [i for i in items if i.status == PegawaiSKMutasi.Status.BERLAKU]
    assert len(berlaku) == 1 and berlaku[0].tanggal_spmt and berlaku[0].nomor_spmt
    item = berlaku[0]
    item.pegawai.refresh_from_db()
    assert item.pegawai.jabatan_id == item.jabatan_tujuan_id
    assert RiwayatJabatan.objects.filter(pegawai=item.pegawai, nomor_sk=sk.nomor).exists()
    assert UsulanMutasi.objects.filter(status="berlaku").count() == 1
    assert UsulanMutasi.objects.filter(status="sk_terbit").count() == 2
