"""Writes of the event side (issue 14 point 3): catalogue, runs, sessions, enrolment with quotas and a
waiting list, attendance, results. Every write takes `actor` and records history.

Quotas hold under concurrency: enrolment, cancellation and promotion from the waiting list lock the run's
row (SELECT … FOR UPDATE) before counting, so two officers filling the last seat at once are served one
after the other and the second one is refused (or waits in the list).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from core.angka import format_persen
from core.history import alasan_bersih, catat_riwayat
from core.workflow import transition
from pegawai.models import Pegawai, UnitKerja

from . import jadwal_pelatihan as jadwal
from . import permissions
from .models import Kehadiran, KuotaOPD, Pelaksanaan, Peserta, Program, Sesi
from .sertifikat import sertifikat_catat

P = Peserta.Status


def _panjang(errors: dict, field: str, label: str, teks: str, maks: int) -> None:
    if len(teks or "") > maks:
        errors.setdefault(field, []).append(f"{label} paling panjang {maks} karakter (sekarang {len(teks)}).")


def program_simpan(*, actor, program: Program, alasan: str = "") -> Program:
    """Create or edit a catalogue entry (Admin BKD)."""
    errors: dict[str, list[str]] = {}
    program.nama = (program.nama or "").strip()
    if not program.nama:
        errors["nama"] = ["Nama program wajib diisi."]
    _panjang(errors, "nama", "Nama program", program.nama, 300)
    _panjang(errors, "kompetensi", "Kompetensi", program.kompetensi, 200)
    _panjang(errors, "penyelenggara", "Penyelenggara", program.penyelenggara, 200)
    if program.jp is None or program.jp < 0:
        errors.setdefault("jp", []).append("JP tidak boleh negatif.")
    alasan = alasan_bersih(alasan)
    if errors:
        raise ValidationError(errors)
    baru = program.pk is None
    catat_riwayat(
        program, actor=actor, alasan=alasan or ("Program ditambahkan" if baru else "Program diubah")
    )
    program.save()
    return program


def pelaksanaan_simpan(
    *, actor, pelaksanaan: Pelaksanaan, kuota_opd: dict[int, int] | None = None, alasan: str = ""
) -> Pelaksanaan:
    """Create or edit a run. An end before the start is refused with a message, nothing written."""
    errors: dict[str, list[str]] = {}
    p = pelaksanaan
    p.nama = (p.nama or "").strip()
    if not p.nama:
        errors["nama"] = ["Nama angkatan wajib diisi."]
    _panjang(errors, "nama", "Nama angkatan", p.nama, 200)
    _panjang(errors, "tempat", "Tempat", p.tempat, 200)
    try:
        p.keterangan = alasan_bersih(p.keterangan, field="keterangan", label="Keterangan")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if p.tanggal_mulai and p.tanggal_selesai and p.tanggal_selesai < p.tanggal_mulai:
        errors.setdefault("tanggal_selesai", []).append(
            f"Tanggal selesai ({p.tanggal_selesai:%d-%m-%Y}) tidak boleh sebelum tanggal mulai "
            f"({p.tanggal_mulai:%d-%m-%Y})."
        )
    if p.kehadiran_minimal is None or not 0 <= p.kehadiran_minimal <= 100:
        errors.setdefault("kehadiran_minimal", []).append("Kehadiran minimal harus antara 0 dan 100 %.")
    if p.kuota is None or p.kuota < 1:
        errors.setdefault("kuota", []).append("Kuota peserta paling sedikit 1.")
    if p.jp is not None and p.jp <= 0:
        errors.setdefault("jp", []).append(
            "JP pelaksanaan harus lebih dari 0 (JP peserta yang lulus diambil dari sini)."
        )
    if kuota_opd and sum(kuota_opd.values()) > (p.kuota or 0):
        errors.setdefault("kuota", []).append(
            f"Jumlah kuota per OPD ({sum(kuota_opd.values())}) melebihi kuota peserta ({p.kuota})."
        )
    alasan = alasan_bersih(alasan)
    if errors:
        raise ValidationError(errors)
    baru = p.pk is None
    with transaction.atomic():
        if baru:
            p.dibuat_oleh = actor if getattr(actor, "is_authenticated", False) else None
        elif p.kuota < Peserta.objects.filter(pelaksanaan=p, status=P.TERDAFTAR).count():
            raise ValidationError({"kuota": "Kuota tidak boleh lebih kecil dari jumlah peserta terdaftar."})
        elif kuota_opd:
            _kuota_opd_cukup(p, kuota_opd)
        catat_riwayat(
            p, actor=actor, alasan=alasan or ("Pelaksanaan dibuat" if baru else "Pelaksanaan diubah")
        )
        p.save()
        if kuota_opd is not None:
            KuotaOPD.objects.filter(pelaksanaan=p).exclude(opd_id__in=list(kuota_opd)).delete()
            for opd_id, kuota in kuota_opd.items():
                KuotaOPD.objects.update_or_create(pelaksanaan=p, opd_id=opd_id, defaults={"kuota": kuota})
    return p


def _kuota_opd_cukup(p: Pelaksanaan, kuota_opd: dict[int, int]) -> None:
    """An OPD's quota may not drop below the OPD's employees already enrolled."""
    isi = dict(
        Peserta.objects.filter(pelaksanaan=p, status=P.TERDAFTAR, pegawai__opd_id__in=list(kuota_opd))
        .values("pegawai__opd_id")
        .annotate(n=Count("id"))
        .values_list("pegawai__opd_id", "n")
    )
    kurang = [opd_id for opd_id, kuota in kuota_opd.items() if kuota < isi.get(opd_id, 0)]
    if kurang:
        nama = dict(UnitKerja.objects.filter(pk__in=kurang).values_list("pk", "nama"))
        raise ValidationError(
            {
                "kuota_opd": "; ".join(
                    f"Kuota {nama[o]} ({kuota_opd[o]}) lebih kecil dari pegawainya yang sudah terdaftar ({isi[o]})"
                    for o in kurang
                )
                + "."
            }
        )


def sesi_tambah(*, actor, pelaksanaan: Pelaksanaan, data: dict) -> Sesi:
    errors: dict[str, list[str]] = {}
    tanggal = data.get("tanggal")
    if tanggal and not pelaksanaan.tanggal_mulai <= tanggal <= pelaksanaan.tanggal_selesai:
        errors["tanggal"] = [
            f"Tanggal sesi harus di antara {pelaksanaan.tanggal_mulai:%d-%m-%Y} dan "
            f"{pelaksanaan.tanggal_selesai:%d-%m-%Y}."
        ]
    if data.get("jam_mulai") and data.get("jam_selesai") and data["jam_selesai"] <= data["jam_mulai"]:
        errors["jam_selesai"] = ["Jam selesai harus setelah jam mulai."]
    for field, label, maks in (("tempat", "Tempat", 300), ("materi", "Materi", 300)):
        _panjang(errors, field, label, data.get(field) or "", maks)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Pelaksanaan.objects.select_for_update().get(pk=pelaksanaan.pk)
        urutan = (pelaksanaan.sesi.order_by("-urutan").values_list("urutan", flat=True).first() or 0) + 1
        sesi = Sesi.objects.create(pelaksanaan=pelaksanaan, urutan=urutan, **data)
        catat_riwayat(pelaksanaan, actor=actor, alasan=f"Sesi {urutan} ditambahkan")
        pelaksanaan.save(update_fields=["diubah"])
    return sesi


def _kursi(pelaksanaan: Pelaksanaan, opd_id: int | None) -> tuple[int, int, int | None, int]:
    """(taken, quota) for the run and (taken, quota or None) for the OPD, counted under the run's lock."""
    terdaftar = Peserta.objects.filter(pelaksanaan=pelaksanaan, status=P.TERDAFTAR)
    kuota_opd = KuotaOPD.objects.filter(pelaksanaan=pelaksanaan, opd_id=opd_id).values_list(
        "kuota", flat=True
    )
    batas_opd = kuota_opd.first() if opd_id else None
    return (
        terdaftar.count(),
        pelaksanaan.kuota,
        batas_opd,
        terdaftar.filter(pegawai__opd_id=opd_id).count() if batas_opd is not None else 0,
    )


def _penuh(pelaksanaan: Pelaksanaan, pegawai: Pegawai) -> str:
    """Why there is no seat for this employee ('' when there is one)."""
    total, kuota, batas_opd, isi_opd = _kursi(pelaksanaan, pegawai.opd_id)
    if total >= kuota:
        return f"Kuota {pelaksanaan} penuh ({total} dari {kuota} kursi terisi)."
    if batas_opd is not None and isi_opd >= batas_opd:
        nama_opd = pegawai.opd.nama if pegawai.opd_id else "OPD"
        return f"Kuota {nama_opd} pada {pelaksanaan} penuh ({isi_opd} dari {batas_opd} kursi terisi)."
    return ""


def _syarat_waktu(run: Pelaksanaan, pegawai: Pegawai, actor, catatan: str) -> bool:
    """Refuse an enrolment the calendar no longer allows (see jadwal_pelatihan); True when it is a
    "pencatatan susulan" (the organiser recording a participant after the run ended)."""
    penyelenggara = permissions.can_manage_pelatihan(actor)
    if jadwal.sudah_berakhir(run):
        if not penyelenggara:
            raise ValidationError(
                f"{pegawai.nama} tidak dapat didaftarkan: {run} sudah berakhir "
                f"({run.tanggal_selesai:%d-%m-%Y}). Peserta susulan hanya dicatat oleh penyelenggara."
            )
        if run.status == Pelaksanaan.Status.BATAL:
            raise ValidationError(f"{run} dibatalkan; {pegawai.nama} tidak dapat dicatat.")
        if not catatan:
            raise ValidationError(
                {
                    "catatan": f"Alasan pencatatan susulan {pegawai.nama} wajib diisi: {run} sudah "
                    f"berakhir ({run.tanggal_selesai:%d-%m-%Y})."
                }
            )
        return True
    if run.status != Pelaksanaan.Status.DIBUKA:
        raise ValidationError(f"Pendaftaran {run} tidak dibuka (status: {run.get_status_display().lower()}).")
    mulai = jadwal.mulai_sesi_pertama(run)
    if not penyelenggara and timezone.now() >= mulai:
        raise ValidationError(
            f"{pegawai.nama} tidak dapat didaftarkan: pendaftaran {run} ditutup sejak sesi pertama "
            f"dimulai ({jadwal.format_mulai(mulai)}). Hubungi penyelenggara (Admin BKD)."
        )
    return False


def peserta_daftar(
    *, actor, pelaksanaan: Pelaksanaan, pegawai: Pegawai, tunggu: bool = False, catatan: str = ""
) -> Peserta:
    """Enrol (or nominate) an employee. No seat: refused with the reason, or with `tunggu` put on the
    waiting list. The run is locked while the seats are counted. Self-enrolment and nomination close when
    the first session starts; after the run ended only the organiser records a participant, with the
    reason in `catatan` ("pencatatan susulan", never on the waiting list)."""
    catatan = alasan_bersih(catatan, field="catatan", label="Catatan")
    with transaction.atomic():
        run = Pelaksanaan.objects.select_for_update().select_related("program").get(pk=pelaksanaan.pk)
        susulan = _syarat_waktu(run, pegawai, actor, catatan)
        if not pegawai.aktif:
            raise ValidationError({"pegawai": f"{pegawai.nama} bukan pegawai aktif."})
        ada = Peserta.objects.filter(pelaksanaan=run, pegawai=pegawai).first()
        if ada is not None and ada.status != P.BATAL:
            raise ValidationError(
                {"pegawai": f"{pegawai.nama} sudah tercatat pada {run} ({ada.get_status_display().lower()})."}
            )
        alasan_penuh = _penuh(run, pegawai)
        if alasan_penuh and (susulan or not tunggu):
            lanjut = (
                "Naikkan kuota lebih dulu." if susulan else "Pendaftaran tidak disimpan; pilih daftar tunggu."
            )
            raise ValidationError({"pegawai": f"{alasan_penuh} {lanjut}"})
        status = P.TUNGGU if alasan_penuh else P.TERDAFTAR
        peserta = ada or Peserta(pelaksanaan=run, pegawai=pegawai)
        peserta.status = status
        peserta.hasil = Peserta.Hasil.BELUM
        peserta.diusulkan_oleh = actor if getattr(actor, "is_authenticated", False) else None
        peserta.catatan = catatan
        sendiri = pegawai.user_id is not None and pegawai.user_id == getattr(actor, "pk", None)
        if susulan:
            alasan = f"Pencatatan susulan: {catatan}"
        else:
            alasan = "Mendaftar sendiri" if sendiri else "Dinominasikan"
            alasan = f"{alasan}: {peserta.get_status_display().lower()}"
        catat_riwayat(peserta, actor=actor, alasan=alasan[:500])
        peserta.save()
    return peserta


def peserta_batal(*, actor, peserta: Peserta, alasan: str = "") -> Peserta:
    """Cancel a place; the first on the waiting list who now has a seat moves up."""
    alasan = alasan_bersih(alasan)
    with transaction.atomic():
        run = Pelaksanaan.objects.select_for_update().get(pk=peserta.pelaksanaan_id)
        peserta = Peserta.objects.select_for_update().get(pk=peserta.pk)
        if peserta.hasil != Peserta.Hasil.BELUM:
            raise ValidationError("Peserta yang sudah memiliki hasil tidak dapat dibatalkan.")
        berakhir = jadwal.sudah_berakhir(run)
        if berakhir and peserta.status == P.TERDAFTAR:
            nama = Pegawai.objects.filter(pk=peserta.pegawai_id).values_list("nama", flat=True).first()
            raise ValidationError(
                f"{nama} tidak dapat dibatalkan: {run} sudah berakhir ({run.tanggal_selesai:%d-%m-%Y}). "
                "Catat hasilnya (tidak lulus) di halaman hasil."
            )
        transition(peserta, P.BATAL)
        catat_riwayat(peserta, actor=actor, alasan=alasan or "Dibatalkan")
        peserta.save()
        if berakhir:  # nobody moves up into a run that is over
            return peserta
        for calon in (
            Peserta.objects.select_related("pegawai__opd")
            .filter(pelaksanaan=run, status=P.TUNGGU)
            .order_by("dibuat", "id")
        ):
            if not _penuh(run, calon.pegawai):
                transition(calon, P.TERDAFTAR)
                catat_riwayat(calon, actor=actor, alasan="Naik dari daftar tunggu")
                calon.save()
                break
    return peserta


def kehadiran_simpan(*, actor, sesi: Sesi, hadir: set[int]) -> int:
    """Attendance of a session for every enrolled participant (ids in `hadir` present)."""
    if sesi.tanggal > timezone.localdate():
        raise ValidationError(
            f"Sesi {sesi.urutan} baru berlangsung {sesi.tanggal:%d-%m-%Y}; kehadiran belum dapat dicatat."
        )
    peserta = list(Peserta.objects.filter(pelaksanaan_id=sesi.pelaksanaan_id, status=P.TERDAFTAR))
    with transaction.atomic():
        Kehadiran.objects.bulk_create(
            [Kehadiran(peserta=p, sesi=sesi, hadir=p.pk in hadir, dicatat_oleh=actor) for p in peserta],
            update_conflicts=True,
            unique_fields=["peserta", "sesi"],
            update_fields=["hadir", "dicatat_oleh"],
        )
        run = sesi.pelaksanaan
        catat_riwayat(
            run, actor=actor, alasan=f"Kehadiran sesi {sesi.urutan}: {len(hadir)} dari {len(peserta)} hadir"
        )
        run.save(update_fields=["diubah"])
    return len(peserta)


def kurang_hadir(run: Pelaksanaan, nama: str, hadir: int, jumlah_sesi: int) -> str:
    """Why a participant present at `hadir` of the run's `jumlah_sesi` sessions cannot pass ('' when they
    can). A run without sessions has no attendance to check. Integer arithmetic: 4 of 5 = 80 % passes a
    minimum of 80 %."""
    if not jumlah_sesi or hadir * 100 >= run.kehadiran_minimal * jumlah_sesi:
        return ""
    persen = format_persen(Decimal(hadir * 100) / jumlah_sesi, 1)
    return (
        f"{nama} tidak dapat dinyatakan lulus: hadir {hadir} dari {jumlah_sesi} sesi ({persen}), "
        f"di bawah kehadiran minimal {run.kehadiran_minimal} %."
    )


def hasil_tetapkan(
    *, actor, peserta: Peserta, lulus: bool, catatan: str = "", hari_ini: dt.date | None = None
) -> Peserta:
    """Lulus or tidak lulus, once the run has ended. Lulus needs the run's minimum attendance (every
    session counts; one without a recorded presence is an absence), credits JP in the ledger by the rule
    and issues the numbered certificate; all in one transaction."""
    catatan = alasan_bersih(catatan, field="catatan", label="Catatan")
    hari_ini = hari_ini or timezone.localdate()
    with transaction.atomic():
        peserta = (
            Peserta.objects.select_for_update(of=("self",))
            .select_related("pelaksanaan__program", "pegawai")
            .get(pk=peserta.pk)
        )
        run = peserta.pelaksanaan
        if run.tanggal_selesai > hari_ini:
            raise ValidationError(
                f"{run} belum selesai ({run.tanggal_selesai:%d-%m-%Y}); hasil belum dapat diisi."
            )
        if peserta.status != P.TERDAFTAR:
            raise ValidationError(f"{peserta.pegawai.nama} bukan peserta terdaftar.")
        if peserta.hasil != Peserta.Hasil.BELUM:
            raise ValidationError(
                f"Hasil {peserta.pegawai.nama} sudah ditetapkan ({peserta.get_hasil_display()})."
            )
        if lulus:
            hadir = Kehadiran.objects.filter(peserta=peserta, sesi__pelaksanaan=run, hadir=True).count()
            alasan = kurang_hadir(run, peserta.pegawai.nama, hadir, run.sesi.count())
            if alasan:
                raise ValidationError(alasan)
        peserta.hasil = Peserta.Hasil.LULUS if lulus else Peserta.Hasil.TIDAK_LULUS
        peserta.catatan = catatan or peserta.catatan
        if lulus:
            program = run.program
            kegiatan, dokumen = sertifikat_catat(
                actor=actor,
                pegawai=peserta.pegawai,
                sumber="event",
                sumber_dokumen=f"pembinaan.peserta:{peserta.pk}",
                data={
                    "nama_pelatihan": f"{program.nama} — {run.nama}"[:300],
                    "bentuk": program.bentuk,
                    "program": program,
                    "penyelenggara": program.penyelenggara,
                    "jenis_penyelenggara": program.jenis_penyelenggara,
                    "tanggal_mulai": run.tanggal_mulai,
                    "tanggal_selesai": run.tanggal_selesai,
                    "jp_tertera": run.jp,
                    "jumlah_sesi": run.sesi.count() or None,
                },
            )
            peserta.kegiatan = kegiatan
            peserta.kode_verifikasi = dokumen.kode
        catat_riwayat(peserta, actor=actor, alasan=catatan or f"Hasil: {peserta.get_hasil_display()}")
        peserta.save()
    return peserta


def pelaksanaan_status(*, actor, pelaksanaan: Pelaksanaan, ke: str, alasan: str = "") -> Pelaksanaan:
    alasan = alasan_bersih(alasan)
    with transaction.atomic():
        run = Pelaksanaan.objects.select_for_update().get(pk=pelaksanaan.pk)
        if ke == Pelaksanaan.Status.DIBUKA and jadwal.sudah_berakhir(run):
            raise ValidationError(
                f"Pendaftaran {run} tidak dapat dibuka kembali: pelaksanaan sudah berakhir "
                f"({run.tanggal_selesai:%d-%m-%Y}). Peserta yang hadir dicatat lewat pencatatan susulan."
            )
        transition(run, ke)
        catat_riwayat(run, actor=actor, alasan=alasan or f"Status: {run.get_status_display()}")
        run.save()
    return run
