"""Mentoring and evaluation demo rows of `seed_demo` (called by pembinaan.demo after the ledger).

Deterministic (the ledger builder's random.Random). A handful of pairs, all through the services so the
ledger, the JP recap and the history stay consistent:
- eight active pairs of an atasan and one of their staff, in different OPDs, with two past
  sessions each (JP credited to both by the mentoring/coaching rule);
- the `pegawai` login as mentee of a proposed pair waiting for the `atasan` login to confirm (so the
  demo's JP of that login is untouched: it stays behind with its claim);
- evaluations of some of last year's activities: feedback by the participant, pre/post test, and the
  atasan's check of use at work where the participant has an atasan with a login.
A few dozen service calls: constant whatever the number of employees.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import F, Q

from akun.models import User
from pegawai.models import Pegawai

from . import services_evaluasi, services_mentoring
from .models import KegiatanPengembangan

PASANGAN = 8
EVALUASI = 16


def _sebar(qs, jumlah: int):
    """About `jumlah` rows spread over `qs` (every n-th id), picked in SQL: a stepped slice of the
    queryset would read every row."""
    langkah = max(qs.count() // jumlah, 1)
    return qs.annotate(sisa_demo=F("id") % langkah).filter(sisa_demo=0)


def buat(
    rng: random.Random, today: dt.date, *, admin: User, login_pegawai: int | None
) -> tuple[int, int, int]:
    """(pairs, sessions, evaluations) created."""
    pasangan = sesi = 0
    dipakai: set[int] = set()
    login = (
        Pegawai.objects.filter(user_id=login_pegawai).select_related("atasan").first()
        if login_pegawai
        else None
    )
    if login is not None:
        dipakai.add(login.pk)
        if login.atasan_id:
            dipakai.add(login.atasan_id)
        mentor = (
            Pegawai.objects.filter(opd_id=login.opd_id, aktif=True)
            .exclude(pk__in=dipakai)
            .filter(Q(bawahan__isnull=False))
            .order_by("nip")
            .first()
        )
        if mentor is not None:
            services_mentoring.usulkan(
                actor=admin,
                mentor=mentor,
                mentee=login,
                jenis="mentoring",
                tujuan="Orientasi tugas dan budaya kerja",
            )
            pasangan += 1
            dipakai.add(mentor.pk)
    semua = (
        Pegawai.objects.filter(aktif=True, atasan__isnull=False, atasan__aktif=True)
        .exclude(pk__in=dipakai)
        .exclude(atasan_id__in=dipakai)
    )
    calon = list(
        _sebar(semua, PASANGAN * 4).select_related("atasan", "atasan__user").order_by("nip")[: PASANGAN * 4]
    )
    opd_terpakai: set[int] = set()
    for p in calon:
        if pasangan >= PASANGAN or p.opd_id in opd_terpakai or p.pk in dipakai or p.atasan_id in dipakai:
            continue
        opd_terpakai.add(p.opd_id)
        dipakai.update({p.pk, p.atasan_id})
        jenis = rng.choice(("mentoring", "coaching"))
        pair = services_mentoring.usulkan(actor=admin, mentor=p.atasan, mentee=p, jenis=jenis)
        pair = services_mentoring.putuskan(actor=admin, pasangan=pair, setuju=True, catatan="Disetujui BKD")
        pasangan += 1
        pelaku = p.atasan.user or admin
        for hari, durasi, agenda in (
            (35, 90, "Menyepakati sasaran pengembangan"),
            (12, 60, "Meninjau kemajuan"),
        ):
            services_mentoring.catat_sesi(
                actor=pelaku,
                pasangan=pair,
                data={
                    "tanggal": today - dt.timedelta(days=hari),
                    "durasi_menit": durasi + rng.choice((0, 15, 30)),
                    "agenda": agenda,
                    "catatan": "Catatan sesi demo.",
                    "tindak_lanjut": "Menyusun langkah berikutnya.",
                },
            )
            sesi += 1
    evaluasi = 0
    lalu = KegiatanPengembangan.objects.filter(
        tahun=today.year - 1, status="diverifikasi", sumber="impor"
    ).exclude(bentuk__in=("mentoring", "coaching"))
    kegiatan = list(
        _sebar(lalu, EVALUASI)
        .select_related("pegawai", "pegawai__user", "pegawai__atasan__user", "program")
        .order_by("id")[:EVALUASI]
    )
    for k in kegiatan:
        services_evaluasi.isi_umpan_balik(
            actor=k.pegawai.user or admin,
            kegiatan=k,
            data={
                "nilai_materi": rng.randint(3, 5),
                "nilai_penyaji": rng.randint(3, 5),
                "nilai_manfaat": rng.randint(2, 5),
                "saran": rng.choice(("", "Materi relevan dengan tugas.", "Perlu lebih banyak praktik.")),
            },
        )
        pre = rng.randint(40, 70)
        services_evaluasi.catat_tes(
            actor=admin, kegiatan=k, pre_test=pre, post_test=min(100, pre + rng.randint(-5, 30)), lulus=None
        )
        atasan = k.pegawai.atasan
        if atasan is not None and atasan.user is not None:
            pilihan = rng.choice(("diterapkan", "diterapkan", "sebagian", "tidak"))
            services_evaluasi.cek_penerapan(
                actor=atasan.user,
                kegiatan=k,
                penerapan=pilihan,
                catatan="Belum ada kesempatan menerapkan." if pilihan == "tidak" else "",
            )
        evaluasi += 1
    return pasangan, sesi, evaluasi
