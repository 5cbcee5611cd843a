"""The shortlist ranked in SQL (mutasi.rekomendasi.peringkat) against the Python scoring it replaced
(daftar_pendek_python, nilai_cepat over the bulk-loaded facts): the same candidates in the same order,
the same verdict and score for each, the same requirement lines and points with evidence for the rows
shown, on the demo data, for positions of every kind, on several dates and within one OPD."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from mutasi.models import PilihanTujuan, PreferensiMutasi, PutaranRotasi
from mutasi.rekomendasi import daftar_pendek, daftar_pendek_python, jabatan_untuk_rekomendasi
from pegawai.models import Jabatan, Pegawai, RiwayatHukumanDisiplin, RiwayatJabatan


def _sama(jabatan: Jabatan, tanggal: dt.date, opd_id: int | None = None) -> int:
    sql = daftar_pendek(jabatan, tanggal, opd_id=opd_id)
    py = daftar_pendek_python(jabatan, tanggal, opd_id=opd_id)
    assert sql.jumlah == py.jumlah
    assert sql.jumlah_memenuhi == py.jumlah_memenuhi
    # (pegawai id, meets every requirement, score) in rank order, for every candidate
    assert sql._urut == py._urut
    assert [k.snapshot() for k in sql.teratas(50)] == [k.snapshot() for k in py.teratas(50)]
    return sql.jumlah


@pytest.fixture
def demo(db):
    from django.apps import apps

    from pembinaan.models import AturanJP

    if (
        not AturanJP.objects.exists()
    ):  # flushed by a transactional test earlier in the run (seed_demo needs it)
        from pembinaan.reference import seed_all

        seed_all(lambda name: apps.get_model("pembinaan", name))
    from mutasi.reference_rekomendasi import seed_bobot_rekomendasi

    seed_bobot_rekomendasi(
        lambda name: apps.get_model("mutasi", name)
    )  # the weights in force (data migration)
    call_command("seed_demo", pegawai=400, seed=3, force=True)
    hari_ini = dt.date(2026, 11, 2)
    # Make the rarer rules bite: punishments in force (one ended), a stay request, wishes for a
    # position and for a unit, a history row of the same position name in another case.
    jab = (
        Jabatan.objects.annotate(n=Count("pemangku", filter=Q(pemangku__aktif=True)))
        .exclude(syarat_pendidikan="")
        .order_by("-n", "id")
        .first()
    )
    orang = list(Pegawai.objects.filter(aktif=True).exclude(jabatan=jab).order_by("nip")[:12])
    RiwayatHukumanDisiplin.objects.create(
        pegawai=orang[0],
        tingkat="sedang",
        jenis="Penundaan kenaikan pangkat",
        tmt=hari_ini - dt.timedelta(days=30),
    )
    RiwayatHukumanDisiplin.objects.create(
        pegawai=orang[1],
        tingkat="ringan",
        jenis="Teguran lisan",
        tmt=dt.date(2024, 1, 1),
        tanggal_selesai=dt.date(2024, 6, 30),
    )
    RiwayatJabatan.objects.create(
        pegawai=orang[2],
        tmt=dt.date(2015, 1, 1),
        jabatan=None,
        nama_jabatan=jab.nama.upper(),
        nama_unit="Lama",
    )
    putaran = PutaranRotasi.objects.filter(tanggal_mulai__lte=hari_ini, tanggal_selesai__gte=hari_ini).first()
    if putaran is None:
        putaran = PutaranRotasi.objects.create(
            nama="Uji",
            tanggal_mulai=hari_ini - dt.timedelta(days=5),
            tanggal_selesai=hari_ini + dt.timedelta(days=5),
        )
    for i, p in enumerate(orang[3:6], 1):
        pref, _ = PreferensiMutasi.objects.update_or_create(
            putaran=putaran, pegawai=p, defaults={"tetap": False}
        )
        pref.pilihan.all().delete()
        PilihanTujuan.objects.create(
            preferensi=pref, urutan=i, jabatan=jab if i != 2 else None, unit_kerja=jab.unit_kerja
        )
    PreferensiMutasi.objects.update_or_create(putaran=putaran, pegawai=orang[6], defaults={"tetap": True})
    # study leave: one in force (open-ended), one in force until a date, one ended, one starting later
    Pegawai.objects.filter(pk=orang[7].pk).update(tugas_belajar_mulai=dt.date(2025, 9, 1))
    Pegawai.objects.filter(pk=orang[8].pk).update(
        tugas_belajar_mulai=dt.date(2025, 2, 1), tugas_belajar_selesai=dt.date(2027, 1, 31)
    )
    Pegawai.objects.filter(pk=orang[9].pk).update(
        tugas_belajar_mulai=dt.date(2023, 2, 1), tugas_belajar_selesai=dt.date(2025, 1, 31)
    )
    Pegawai.objects.filter(pk=orang[10].pk).update(tugas_belajar_mulai=dt.date(2027, 2, 1))
    return jab, hari_ini


def test_sql_ranking_equals_python_scoring_on_demo_data(demo):
    jab, hari_ini = demo
    dipegang = Jabatan.objects.annotate(n=Count("pemangku", filter=Q(pemangku__aktif=True))).order_by(
        "-n", "id"
    )
    jabatan = [
        jab,
        *dipegang[:2],
        Jabatan.objects.filter(jenis=Jabatan.Jenis.JPT).order_by("id").first(),
        Jabatan.objects.filter(is_kepala=True).exclude(jenis=Jabatan.Jenis.JPT).order_by("-id").first(),
        Jabatan.objects.exclude(syarat_jurusan="").order_by("-id").first(),
    ]
    # a position accepting named fields of study (partial, case-insensitive match)
    dengan_jurusan = Jabatan.objects.exclude(pk__in=[j.pk for j in jabatan if j]).order_by("id").first()
    dengan_jurusan.syarat_jurusan = "hukum; Ekonomi; Teknik Informatika"
    dengan_jurusan.save()
    jabatan.append(dengan_jurusan)
    jabatan = [jabatan_untuk_rekomendasi(pk) for pk in dict.fromkeys(j.pk for j in jabatan if j is not None)]
    assert len(jabatan) >= 4
    for j in jabatan:
        for tanggal in (hari_ini, dt.date(2026, 1, 15), dt.date(2027, 6, 30)):
            assert _sama(j, tanggal) > 300
    # the punished employee fails for the first position; the wishes count
    daftar = daftar_pendek(jabatan[0], hari_ini)
    assert any(not k.memenuhi for k in daftar.teratas(0))
    assert any(f.kode == "keinginan" and f.poin > 0 for k in daftar.teratas(0) for f in k.faktor)
    # the employee on open-ended study leave never meets every requirement; the one whose leave ended may
    belajar = Pegawai.objects.get(tugas_belajar_mulai=dt.date(2025, 9, 1))
    verdict = {pid: ok for pid, ok, _ in daftar._urut}
    assert verdict[belajar.pk] is False
    # within one OPD (an operator's scope)
    assert _sama(jabatan[0], hari_ini, opd_id=jabatan[0].unit_kerja.opd_id) > 0
