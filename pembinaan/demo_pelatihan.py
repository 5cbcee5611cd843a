"""The events and e-learning part of the pembinaan demo (called from demo.PembinaanDemoBuilder.run).

Four runs of catalogue programmes at different stages: one finished with results (certificates issued,
JP credited through the ledger), one finished waiting for results (attendance recorded), one with
registration closed, one open for enrolment with OPD quotas and a waiting list, where the `pegawai` login
is enrolled. Two published e-learning modules with quizzes (one with a PDF lesson); the `pegawai` login
has one in progress (its JP story is the claim's), five employees without a login passed one (certificate
and JP by the e-learning rule, through services_belajar).
Everything goes through the services (a few dozen participants), so the demo is as the app would write it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile

from pegawai.models import Pegawai

from . import services_belajar as belajar
from . import services_pelatihan as pelatihan
from .models import Modul, Pelaksanaan, Program


def pdf_satu_halaman(baris: list[str]) -> bytes:
    """A tiny valid one-page PDF (A4, Helvetica) showing `baris` (ASCII text), with its cross-reference table."""
    teks = " ".join(
        f"({b.replace(chr(92), '').replace('(', '').replace(')', '')}) Tj 0 -18 Td" for b in baris
    )
    isi = f"BT /F1 12 Tf 56 780 Td {teks} ET".encode()
    objek = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
        b"<</Length %d>>stream\n" % len(isi) + isi + b"\nendstream",
    ]
    hasil, letak = b"%PDF-1.4\n", []
    for i, o in enumerate(objek, start=1):
        letak.append(len(hasil))
        hasil += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(hasil)
    hasil += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objek) + 1)
    hasil += b"".join(b"%010d 00000 n \n" % n for n in letak)
    return hasil + b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objek) + 1, xref)


# The demo builds runs that already ended: their participants are recorded after the fact.
SUSULAN = "Data demo: peserta dicatat setelah pelaksanaan"


def _run(admin, program: Program, nama: str, mulai: dt.date, hari: int, kuota: int, **kwargs) -> Pelaksanaan:
    kuota_opd = kwargs.pop("kuota_opd", None)
    run = pelatihan.pelaksanaan_simpan(
        actor=admin,
        pelaksanaan=Pelaksanaan(
            program=program,
            nama=nama,
            tanggal_mulai=mulai,
            tanggal_selesai=mulai + dt.timedelta(days=hari - 1),
            tempat=kwargs.pop("tempat", "Aula BKPSDM"),
            kuota=kuota,
            biaya=kwargs.pop("biaya", Decimal(750_000)),
            jp=program.jp,
            **kwargs,
        ),
        kuota_opd=kuota_opd,
    )
    for i in range(hari):
        pelatihan.sesi_tambah(
            actor=admin,
            pelaksanaan=run,
            data={
                "tanggal": run.tanggal_mulai + dt.timedelta(days=i),
                "jam_mulai": dt.time(8),
                "jam_selesai": dt.time(16),
                "tempat": run.tempat,
                "materi": f"Materi hari {i + 1}",
            },
        )
    return run


def buat(*, today: dt.date, admin, login_pegawai: int | None) -> str:
    programs = {p.nama: p for p in Program.objects.all()}
    orang = list(
        Pegawai.objects.filter(aktif=True, user__isnull=True)
        .select_related("opd")
        .order_by("nip")[: 53 * 29 + 1]
    )[::53]  # every 53rd employee without a login, 30 of them (only those rows are read)
    saya = Pegawai.objects.select_related("opd").filter(user_id=login_pegawai).first()

    selesai = _run(
        admin, programs["Bimbingan Teknis Penyusunan SKP"], "Angkatan I", today - dt.timedelta(days=30), 2, 25
    )
    lulus = [
        pelatihan.peserta_daftar(actor=admin, pelaksanaan=selesai, pegawai=p, catatan=SUSULAN)
        for p in orang[:8]
    ]
    for sesi in selesai.sesi.all():
        pelatihan.kehadiran_simpan(actor=admin, sesi=sesi, hadir={p.pk for p in lulus[:7]})
    for i, peserta in enumerate(lulus):
        pelatihan.hasil_tetapkan(actor=admin, peserta=peserta, lulus=i < 7)  # the eighth missed the sessions
    pelatihan.pelaksanaan_status(actor=admin, pelaksanaan=selesai, ke="selesai")

    menunggu = _run(
        admin, programs["Pelatihan Pelayanan Prima"], "Angkatan II", today - dt.timedelta(days=6), 3, 20
    )
    hadir = {
        pelatihan.peserta_daftar(actor=admin, pelaksanaan=menunggu, pegawai=p, catatan=SUSULAN).pk
        for p in orang[8:14]
    }
    pelatihan.pelaksanaan_status(actor=admin, pelaksanaan=menunggu, ke="ditutup")
    for sesi in menunggu.sesi.all():
        pelatihan.kehadiran_simpan(actor=admin, sesi=sesi, hadir=hadir)

    ditutup = _run(
        admin,
        programs["Workshop Penyusunan Anjab dan ABK"],
        "Angkatan I",
        today + dt.timedelta(days=3),
        2,
        10,
    )
    for p in orang[14:18]:
        pelatihan.peserta_daftar(actor=admin, pelaksanaan=ditutup, pegawai=p)
    pelatihan.pelaksanaan_status(actor=admin, pelaksanaan=ditutup, ke="ditutup")

    opd_saya = saya.opd_id if saya else orang[0].opd_id
    dibuka = _run(
        admin,
        programs["Pelatihan Pengadaan Barang/Jasa Tingkat Dasar"],
        "Angkatan III",
        today + dt.timedelta(days=14),
        3,
        12,
        tempat="Zoom BKPSDM",
        daring=True,
        kuota_opd={opd_saya: 3},
    )
    if saya:
        pelatihan.peserta_daftar(actor=saya.user, pelaksanaan=dibuka, pegawai=saya)
    for p in orang[18:29]:
        pelatihan.peserta_daftar(actor=admin, pelaksanaan=dibuka, pegawai=p, tunggu=True)

    modul = _modul(
        admin,
        today,
        "Etika dan Integritas ASN",
        "Nilai dasar BerAKHLAK dan kode etik ASN.",
        200,
        [
            (
                "Nilai dasar BerAKHLAK",
                "teks",
                "Berorientasi pelayanan, akuntabel, kompeten, harmonis, loyal, adaptif, kolaboratif.",
            ),
            ("Video: integritas dalam pelayanan", "video", "https://www.youtube.com/watch?v=integritas-asn"),
            ("Konflik kepentingan", "teks", "Kenali, laporkan dan hindari konflik kepentingan dalam tugas."),
        ],
        [
            ("Apa kepanjangan huruf A pertama dalam BerAKHLAK?", ["Akuntabel", "Aktif", "Adil"]),
            (
                "Apa yang dilakukan saat ada konflik kepentingan?",
                ["Melaporkan kepada atasan", "Diam saja", "Menunda"],
            ),
            ("Nilai dasar ASN ditetapkan oleh?", ["Pemerintah", "Pegawai sendiri", "Masyarakat"]),
        ],
    )
    wawasan = _modul(
        admin,
        today,
        "Wawasan Kebangsaan",
        "Empat konsensus dasar berbangsa dan bernegara.",
        135,
        [
            (
                "Pancasila dan UUD 1945",
                "teks",
                "Pancasila sebagai dasar negara dan UUD 1945 sebagai konstitusi.",
            ),
            (
                "NKRI dan Bhinneka Tunggal Ika",
                "teks",
                "Keberagaman sebagai kekuatan dalam satu negara kesatuan.",
            ),
            ("Bahan bacaan: empat konsensus dasar", "pdf", "wawasan-kebangsaan.pdf"),
        ],
        [
            (
                "Semboyan bangsa Indonesia adalah?",
                ["Bhinneka Tunggal Ika", "Tut Wuri Handayani", "Jalesveva Jayamahe"],
            ),
            ("Dasar negara Indonesia adalah?", ["Pancasila", "Piagam Jakarta", "Trisakti"]),
        ],
    )
    if saya:
        belajar.pelajaran_selesai(
            actor=saya.user, pelajaran=modul.pelajaran.order_by("urutan").first(), pegawai=saya
        )
    # Employees who finished a module: every lesson read, the quiz passed (the second of them at the
    # second attempt): JP credited by the e-learning rule and the certificate issued by the service.
    # The last five employees without a login by NIP (apart from the every-53rd above in a big demo).
    lulusan = list(Pegawai.objects.filter(aktif=True, user__isnull=True).order_by("-nip")[:5])
    for m, peserta in ((modul, lulusan[:3]), (wawasan, lulusan[3:])):
        for i, p in enumerate(peserta):
            _lulus_modul(admin, m, p, gagal_dulu=i == 1)
    return "4 pelaksanaan pelatihan (selesai, menunggu hasil, pendaftaran ditutup, dibuka) dan 2 modul e-learning"


def _lulus_modul(admin, modul: Modul, pegawai: Pegawai, *, gagal_dulu: bool) -> None:
    """`pegawai` (no login: the Admin BKD records it) reads every lesson and passes the quiz."""
    for pelajaran in modul.pelajaran.order_by("urutan"):
        belajar.pelajaran_selesai(actor=admin, pelajaran=pelajaran, pegawai=pegawai)
    soal = list(modul.soal.prefetch_related("pilihan").order_by("urutan"))
    benar = {s.pk: next(p.pk for p in s.pilihan.all() if p.benar) for s in soal}
    if gagal_dulu:
        salah = {s.pk: next(p.pk for p in s.pilihan.all() if not p.benar) for s in soal}
        belajar.kuis_jawab(actor=admin, modul=modul, pegawai=pegawai, jawaban=salah)
    belajar.kuis_jawab(actor=admin, modul=modul, pegawai=pegawai, jawaban=benar)


def _modul(admin, today, judul, deskripsi, durasi, pelajaran, soal) -> Modul:
    m = belajar.modul_simpan(
        actor=admin,
        modul=Modul(
            judul=judul,
            deskripsi=deskripsi,
            durasi_menit=durasi,
            nilai_lulus=70,
            dibuka=today - dt.timedelta(days=20),
            ditutup=today + dt.timedelta(days=40),
        ),
    )
    for judul_p, jenis, isi in pelajaran:
        data = {"judul": judul_p, "jenis": jenis}
        berkas = None
        if jenis == "pdf":  # a real file through the upload storage (the field's storage)
            berkas = ContentFile(pdf_satu_halaman([judul, judul_p, deskripsi]), name=isi)
        else:
            data["tautan_video" if jenis == "video" else "isi"] = isi
        belajar.pelajaran_tambah(actor=admin, modul=m, data=data, berkas=berkas)
    for teks, pilihan in soal:
        belajar.soal_tambah(actor=admin, modul=m, teks=teks, pilihan=pilihan, benar=0)
    m.terbit = True
    return belajar.modul_simpan(actor=admin, modul=m, alasan="Diterbitkan")
