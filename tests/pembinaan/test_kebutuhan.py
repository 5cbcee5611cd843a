"""Development needs (issue 14 point 1): every source with its evidence, only finalised annual results of a
year that has ended, idempotent regeneration, the orientation need of a move (any source), proposals,
the Celery job on a real worker with its progress, and the `export_kebutuhan` command.

Today is 2026-12-02 (tests/pembinaan/conftest.py). Plan year 2026 reads the annual results of 2025 (ended);
plan year 2027 would read 2026, still running, so those sources give nothing.
Box numbers: kinerja/data/talenta_9box_permenpanrb3_2020.csv; potential thresholds menengah 60, tinggi 80.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from kinerja.models import SKP, Penilaian, PenilaianPotensial, PerilakuKerja, PeriodeKinerja
from pegawai.models import Pegawai, RiwayatJabatan
from pembinaan import services_kebutuhan as svc
from pembinaan.models import GenerasiKebutuhan, KebutuhanPengembangan, KompetensiPegawai, RekapJP
from tests.factories import JabatanFactory


def _nilai(pegawai, periode, hasil, perilaku, predikat, status="final"):
    return Penilaian.objects.create(
        periode_kinerja=periode,
        periode="tahunan",
        pegawai=pegawai,
        opd_id=pegawai.opd_id,
        rating_hasil_kerja=hasil,
        rating_perilaku_kerja=perilaku,
        predikat=predikat,
        status=status,
    )


@pytest.fixture
def data(org, users):
    """2025 (ended): staf_a Butuh Perbaikan final, potential 65 → kotak 3; kabid_a Kurang final (perilaku
    di bawah, the atasan's specific expectation on Kolaboratif); kepala_a Butuh Perbaikan NOT final;
    staf_b Sangat Baik final, 24 JP. 2026 (running): staf_b has a final Sangat Kurang — must be ignored.
    staf_a's position asks for two competencies; the profile holds one (other case)."""
    Pegawai.objects.filter(pk__in=[org.staf_a.pk, org.kabid_a.pk, org.kepala_a.pk, org.staf_b.pk]).update(
        tmt_cpns=dt.date(2010, 3, 1)
    )
    p25 = PeriodeKinerja.objects.create(tahun=2025, status="ditutup")
    p26 = PeriodeKinerja.objects.create(tahun=2026)
    _nilai(org.staf_a, p25, "di bawah ekspektasi", "sesuai ekspektasi", "butuh perbaikan")
    PenilaianPotensial.objects.create(
        pegawai=org.staf_a,
        skor=Decimal(65),
        tanggal=dt.date(2025, 6, 1),
        berlaku_sampai=dt.date(2027, 5, 31),
        dicatat_oleh=users["admin_bkd"],
    )
    skp = SKP.objects.create(
        periode=p25,
        pegawai=org.kabid_a,
        jabatan=org.kabid_a.jabatan,
        unit_kerja=org.kabid_a.unit_kerja,
        opd=org.kabid_a.opd,
    )
    PerilakuKerja.objects.create(skp=skp, aspek="kolaboratif", ekspektasi_khusus="Berbagi data antarbidang")
    PerilakuKerja.objects.create(skp=skp, aspek="adaptif", ekspektasi_khusus="")
    nilai = _nilai(org.kabid_a, p25, "sesuai ekspektasi", "di bawah ekspektasi", "kurang")
    nilai.skp = skp
    nilai.save(update_fields=["skp"])
    _nilai(org.kepala_a, p25, "di bawah ekspektasi", "sesuai ekspektasi", "butuh perbaikan", status="dinilai")
    _nilai(org.staf_b, p25, "di atas ekspektasi", "di atas ekspektasi", "sangat baik")
    _nilai(org.staf_b, p26, "di bawah ekspektasi", "di bawah ekspektasi", "sangat kurang")
    RekapJP.objects.create(pegawai=org.staf_b, tahun=2025, jp_klasikal=24, jp_total=24)
    RekapJP.objects.create(
        pegawai=org.staf_a, tahun=2025, jp_klasikal=Decimal("12.5"), jp_total=Decimal("12.5")
    )
    jabatan = org.staf_a.jabatan
    jabatan.kompetensi = "Analisis data; Pengelolaan arsip ;"
    jabatan.save(update_fields=["kompetensi"])
    KompetensiPegawai.objects.create(pegawai=org.staf_a, nama="analisis DATA")
    return org


def _semua(tahun=2026) -> dict[tuple[str, str, str], KebutuhanPengembangan]:
    return {
        (k.pegawai.nip, k.sumber, k.kunci): k
        for k in KebutuhanPengembangan.objects.filter(tahun=tahun).select_related("pegawai")
    }


def test_every_source_with_its_evidence(data, users):
    org = data
    hasil = svc.kebutuhan_bentuk(2026, actor=users["admin_bkd"])
    semua = _semua()
    a, kabid, kepala = org.staf_a.nip, org.kabid_a.nip, org.kepala_a.nip
    assert set(semua) == {
        (a, "kinerja", "predikat:2025:bimbingan"),
        (a, "kinerja", "predikat:2025:pelatihan"),
        (a, "talenta", "talenta:2025"),
        (a, "kompetensi", "kompetensi:pengelolaan arsip"),
        (a, "jp", "jp:2025"),
        (kabid, "kinerja", "predikat:2025:bimbingan"),
        (kabid, "kinerja", "predikat:2025:pelatihan"),
        (kabid, "kinerja", "perilaku:2025"),
        (kabid, "jp", "jp:2025"),
        (kepala, "jp", "jp:2025"),  # not final: no kinerja need
    }
    assert hasil == {"predikat": 4, "perilaku": 1, "kompetensi": 1, "jabatan_baru": 0, "talenta": 1, "jp": 3}
    assert semua[(a, "kinerja", "predikat:2025:bimbingan")].uraian == (
        "Predikat kinerja tahunan 2025: Butuh Perbaikan (final). "
        "Bimbingan dan konseling kinerja oleh atasan (PermenPANRB 6/2022)."
    )
    assert semua[(kabid, "kinerja", "predikat:2025:pelatihan")].uraian.startswith(
        "Predikat kinerja tahunan 2025: Kurang/Misconduct (final)."
    )
    perilaku = semua[(kabid, "kinerja", "perilaku:2025")]
    assert perilaku.topik == "Penguatan nilai dasar BerAKHLAK: Kolaboratif"
    assert perilaku.uraian == (
        "Rating perilaku kerja tahunan 2025: Di Bawah Ekspektasi (final); "
        "ekspektasi khusus atasan pada Kolaboratif."
    )
    assert perilaku.bentuk_saran == "pelatihan_sosial_kultural"
    kompetensi = semua[(a, "kompetensi", "kompetensi:pengelolaan arsip")]
    assert kompetensi.topik == "Pengelolaan arsip"
    assert kompetensi.uraian == (
        "Jabatan Pengelola Data Pendidikan membutuhkan kompetensi Pengelolaan arsip; "
        "belum tercatat pada profil kompetensi pegawai."
    )
    talenta = semua[(a, "talenta", "talenta:2025")]
    assert talenta.topik == "Tindak lanjut kotak talenta 3"
    assert "(kinerja di bawah ekspektasi, potensial menengah)" in talenta.uraian
    assert talenta.bentuk_saran == "coaching"
    assert semua[(a, "jp", "jp:2025")].uraian == (
        "JP tahun 2025: 12.5 dari target 20 JP (kurang 7.5 JP; PP 17/2020 Pasal 203 ayat (4))."
    )
    assert semua[(kepala, "jp", "jp:2025")].uraian.startswith(
        "JP tahun 2025: 0 dari target 20 JP (kurang 20 JP"
    )
    assert {k.dibuat_oleh_id for k in semua.values()} == {users["admin_bkd"].pk}
    assert {k.status for k in semua.values()} == {"terbuka"}


def test_rerun_adds_nothing_twice(data, users):
    svc.kebutuhan_bentuk(2026, actor=users["admin_bkd"])
    sebelum = KebutuhanPengembangan.objects.count()
    assert sebelum == 10
    assert sum(svc.kebutuhan_bentuk(2026, actor=users["admin_bkd"]).values()) == 0
    assert KebutuhanPengembangan.objects.count() == sebelum


def test_unique_key_refuses_a_duplicate_row(data):
    from django.db import IntegrityError, transaction

    baris = {
        "pegawai": data.staf_a,
        "tahun": 2026,
        "sumber": "jp",
        "kunci": "jp:2025",
        "topik": "x",
        "uraian": "y",
    }
    KebutuhanPengembangan.objects.create(**baris)
    with pytest.raises(IntegrityError), transaction.atomic():
        KebutuhanPengembangan.objects.create(**baris)


def test_a_year_still_running_gives_no_appraisal_needs(data, users):
    """Plan 2027 would read 2026's annual results: the year has not ended, so nothing from them, even
    though staf_b has a (premature) final Sangat Kurang and no JP yet in 2026."""
    hasil = svc.kebutuhan_bentuk(2027, actor=users["admin_bkd"])
    assert hasil["predikat"] == hasil["perilaku"] == hasil["talenta"] == hasil["jp"] == 0
    assert not KebutuhanPengembangan.objects.filter(tahun=2027).exclude(sumber="kompetensi").exists()
    # the position's competency gap is about now, so it does count for next year's plan
    assert KebutuhanPengembangan.objects.filter(tahun=2027, sumber="kompetensi").count() == 1


def test_competency_gained_closes_the_gap_for_the_next_run(data, users):
    KompetensiPegawai.objects.create(pegawai=data.staf_a, nama="PENGELOLAAN ARSIP")
    svc.kebutuhan_bentuk(2026, actor=users["admin_bkd"])
    assert not KebutuhanPengembangan.objects.filter(sumber="kompetensi").exists()


def test_inactive_employees_get_no_needs(data, users):
    Pegawai.objects.filter(pk=data.kepala_a.pk).update(aktif=False)
    svc.kebutuhan_bentuk(2026, actor=users["admin_bkd"])
    assert not KebutuhanPengembangan.objects.filter(pegawai=data.kepala_a).exists()


# --- a new position ---------------------------------------------------------------------------------------


def test_a_move_opens_an_orientation_need_in_the_year_of_its_tmt(org, users):
    from pegawai.services_perpindahan import perpindahan_apply

    jabatan = JabatanFactory(
        unit_kerja=org.opd_b, nama="Analis Kebijakan", jenis="fungsional", kelas_jabatan=9
    )
    riwayat = perpindahan_apply(
        actor=users["admin_bkd"],
        pegawai=org.staf_a,
        jabatan_baru=jabatan,
        tmt=dt.date(2026, 11, 1),
        nomor_sk="800/77/BKPSDM/2026",
        tanggal_sk=dt.date(2026, 10, 20),
        alasan="Rotasi",
    )
    need = KebutuhanPengembangan.objects.get(pegawai=org.staf_a, sumber="jabatan_baru")
    assert (need.tahun, need.kunci) == (2026, f"jabatan:{riwayat.pk}")
    assert need.topik == "Orientasi jabatan baru: Analis Kebijakan"
    assert need.uraian == (
        "Menduduki jabatan Analis Kebijakan (Dinas Kesehatan) TMT 01-11-2026 berdasarkan SK 800/77/BKPSDM/2026."
    )
    assert need.dibuat_oleh == users["admin_bkd"]
    # the generation's sweep of the year's moves finds the same move: nothing twice
    assert svc.kebutuhan_bentuk(2026, actor=users["admin_bkd"])["jabatan_baru"] == 0
    assert KebutuhanPengembangan.objects.filter(sumber="jabatan_baru").count() == 1


def test_import_mutasi_opens_the_need_too(org, users, tmp_path):
    JabatanFactory(unit_kerja=org.opd_b, nama="Analis Kebijakan", jenis="fungsional", kelas_jabatan=9)
    berkas = tmp_path / "mutasi.csv"
    berkas.write_text(
        "nip,jenis,kode_unit_tujuan,jabatan_tujuan,tmt,nomor_sk,tanggal_sk\n"
        f"{org.staf_a.nip},dalam_pemda,B,Analis Kebijakan,2026-11-01,800/78/BKPSDM/2026,2026-10-20\n"
    )
    call_command("import_mutasi", str(berkas), stdout=io.StringIO())
    need = KebutuhanPengembangan.objects.get(pegawai=org.staf_a, sumber="jabatan_baru")
    assert need.tahun == 2026 and "800/78/BKPSDM/2026" in need.uraian


def test_a_move_rolled_back_leaves_no_need(org, users):
    from django.db import transaction

    jabatan = JabatanFactory(
        unit_kerja=org.opd_b, nama="Analis Kebijakan", jenis="fungsional", kelas_jabatan=9
    )
    from pegawai.services_perpindahan import perpindahan_apply

    with pytest.raises(RuntimeError), transaction.atomic():
        perpindahan_apply(
            actor=users["admin_bkd"],
            pegawai=org.staf_a,
            jabatan_baru=jabatan,
            tmt=dt.date(2026, 11, 1),
            nomor_sk="800/79/BKPSDM/2026",
            tanggal_sk=dt.date(2026, 10, 20),
            alasan="Rotasi",
        )
        raise RuntimeError("gagal sesudahnya")
    assert not KebutuhanPengembangan.objects.exists()


def test_sweep_finds_a_move_recorded_before_the_receiver_existed(org, users):
    r = RiwayatJabatan.objects.create(
        pegawai=org.staf_b, jabatan=org.staf_b.jabatan, nama_jabatan="Pengadministrasi Umum",
        nama_unit="Dinas Kesehatan", tmt=dt.date(2026, 2, 1), nomor_sk="",
    )  # fmt: skip
    RiwayatJabatan.objects.create(
        pegawai=org.staf_b, jabatan=org.staf_b.jabatan, nama_jabatan="Lama", tmt=dt.date(2025, 2, 1)
    )
    svc.kebutuhan_bentuk(2026, actor=users["admin_bkd"])
    need = KebutuhanPengembangan.objects.get(pegawai=org.staf_b, sumber="jabatan_baru")
    assert need.kunci == f"jabatan:{r.pk}"
    assert need.uraian == "Menduduki jabatan Pengadministrasi Umum (Dinas Kesehatan) TMT 01-02-2026."


# --- proposals ----------------------------------------------------------------------------------------------


def test_employee_and_atasan_propose_others_may_not(org, users):
    sendiri = svc.kebutuhan_usulkan(
        actor=users["pegawai"], pegawai=org.staf_a, tahun=2027, topik="Bahasa Inggris",
        uraian="Melayani tamu asing di loket", bentuk_saran="kursus",
    )  # fmt: skip
    atasan = svc.kebutuhan_usulkan(
        actor=users["atasan"], pegawai=org.staf_a, tahun=2027, topik="Analisis data", uraian="Laporan bulanan"
    )
    assert sendiri.sumber == atasan.sumber == "usulan" and sendiri.kunci != atasan.kunci
    assert sendiri.history.first().history_change_reason == "Kebutuhan diusulkan oleh pegawai"
    assert atasan.history.first().history_change_reason == "Kebutuhan diusulkan oleh atasan"
    for role, pegawai in (("pegawai", org.staf_b), ("operator_opd", org.staf_a), ("atasan", org.staf_b)):
        with pytest.raises(PermissionDenied):
            svc.kebutuhan_usulkan(actor=users[role], pegawai=pegawai, tahun=2027, topik="x", uraian="y")


def test_proposal_bad_input_names_the_field_and_writes_nothing(org, users):
    with pytest.raises(ValidationError) as exc:
        svc.kebutuhan_usulkan(
            actor=users["pegawai"],
            pegawai=org.staf_a,
            tahun=2030,
            topik="",
            uraian="u" * 501,
            bentuk_saran="ngopi",
        )
    pesan = exc.value.message_dict
    assert set(pesan) == {"topik", "uraian", "bentuk_saran", "tahun"}
    assert "paling panjang 500" in pesan["uraian"][0]
    assert not KebutuhanPengembangan.objects.exists()


# --- the job ------------------------------------------------------------------------------------------------


def test_only_the_admin_bkd_starts_the_job(org, users):
    for role in ("operator_opd", "pimpinan", "pegawai"):
        with pytest.raises(PermissionDenied):
            svc.generasi_mulai(actor=users[role], tahun=2027)


def test_job_records_progress_and_counts(data, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        run = svc.generasi_mulai(actor=users["admin_bkd"], tahun=2026)
    assert (run.status, run.persen, run.total_langkah) == ("antri", 0, 6)
    with pytest.raises(ValidationError):
        svc.generasi_mulai(actor=users["admin_bkd"], tahun=2026)  # one run at a time
    run = svc.generasi_jalankan(run.pk)
    assert (run.status, run.persen, run.langkah_selesai, run.jumlah_baru) == ("selesai", 100, 6, 10)
    assert run.rincian["predikat"] == 4
    assert KebutuhanPengembangan.objects.filter(generasi=run).count() == 10
    assert run.history.first().history_user == users["admin_bkd"]


@pytest.mark.django_db(transaction=True)
def test_job_on_a_real_worker(data, users):
    from celery.contrib.testing.worker import start_worker

    from asn_portal.celery import app

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        run = svc.generasi_mulai(actor=users["admin_bkd"], tahun=2026)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            run.refresh_from_db()
            if run.status in ("selesai", "gagal"):
                break
            time.sleep(0.2)
    assert run.status == GenerasiKebutuhan.Status.SELESAI, run.pesan_galat
    assert run.jumlah_baru == 10 and run.persen == 100
    assert KebutuhanPengembangan.objects.filter(tahun=2026).count() == 10


# --- export_kebutuhan ---------------------------------------------------------------------------------------


def test_export_kebutuhan_csv_one_row_per_need_formula_safe(data, users, tmp_path):
    svc.kebutuhan_bentuk(2026, actor=users["admin_bkd"])
    svc.kebutuhan_usulkan(
        actor=users["pegawai"], pegawai=data.staf_a, tahun=2026, topik="Spreadsheet", uraian='=HYPERLINK("x")'
    )
    # a follow-up of a failed training: its own code inside the app, the CONTRACT's "kompetensi" outside
    KebutuhanPengembangan.objects.create(
        pegawai=data.staf_b,
        tahun=2026,
        sumber="tindak_lanjut",
        kunci="tindak_lanjut:1",
        topik="Tindak lanjut Kursus Statistik",
        uraian="Tidak lulus Kursus Statistik.",
    )
    berkas = tmp_path / "kebutuhan.csv"
    out = io.StringIO()
    call_command("export_kebutuhan", "2026", str(berkas), stdout=out)
    rows = list(csv.reader(io.StringIO(berkas.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["nip", "nama", "kode_unit", "sumber", "uraian", "status"]
    assert len(rows) == 13
    assert "12 kebutuhan dari 4 pegawai" in out.getvalue()  # staf_b has only the follow-up
    tindak = next(r for r in rows if r[4] == "Tidak lulus Kursus Statistik.")
    assert (tindak[0], tindak[3]) == (data.staf_b.nip, "kompetensi")
    usulan = next(r for r in rows if r[3] == "usulan")
    assert usulan[4] == '\'=HYPERLINK("x")'
    assert usulan[:3] == [data.staf_a.nip, data.staf_a.nama_lengkap, data.staf_a.unit_kerja.kode]
    assert {r[3] for r in rows[1:]} == {"kinerja", "kompetensi", "talenta", "jp", "usulan"}


def test_export_kebutuhan_xlsx_and_bad_arguments(data, users, tmp_path):
    from openpyxl import load_workbook

    svc.kebutuhan_bentuk(2026, actor=users["admin_bkd"])
    berkas = tmp_path / "kebutuhan.xlsx"
    call_command("export_kebutuhan", "2026", str(berkas), stdout=io.StringIO())
    ws = load_workbook(berkas).active
    assert ws.max_row == 11
    with pytest.raises(CommandError, match="berakhiran"):
        call_command("export_kebutuhan", "2026", str(tmp_path / "x.txt"))
    with pytest.raises(CommandError, match="tidak valid"):
        call_command("export_kebutuhan", "3000", str(berkas))
