"""Writes of mentoring and coaching: proposals (from the talent grid and position history, or by hand),
the decision on a proposal, sessions with JP credited to both through the JP ledger, the end of a pair,
a mentor's capacity. Each takes `actor` and records history (core.history); bad input raises a
ValidationError naming the field and writes nothing."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.dates import format_tanggal
from core.history import alasan_bersih, catat_riwayat
from core.workflow import transition
from kinerja.models import SesiPembinaan
from pegawai.models import Pegawai

from . import selectors_mentoring as sm
from . import services
from .models import JenisMentoring, KapasitasMentor, KegiatanPengembangan, PasanganMentoring, SesiMentoring


def _cek_kapasitas(mentor: Pegawai, *, tambah: int = 1) -> None:
    maks = sm.kapasitas([mentor.pk])[mentor.pk]
    beban = sm.beban_mentor([mentor.pk]).get(mentor.pk, 0)
    if beban + tambah > maks:
        raise ValidationError(
            {"mentor": f"{mentor.nama_lengkap} sudah mendampingi {beban} mentee (kapasitas {maks})."}
        )


def usulkan_otomatis(*, actor, opd_id: int, jenis: str = JenisMentoring.MENTORING) -> list[PasanganMentoring]:
    """Store the OPD's candidate pairs as proposals (status diusulkan); rerunning adds nothing twice
    (candidates exclude mentees in an open pair, and mentors are filled up to their capacity)."""
    hari_ini = timezone.localdate()
    dibuat = []
    with transaction.atomic():
        for k in sm.kandidat_pasangan(opd_id, hari_ini):
            obj = PasanganMentoring(
                mentor=k.mentor,
                mentee=k.mentee,
                jenis=jenis,
                alasan_usulan=k.alasan[:300],
                kotak_mentor=k.kotak_mentor,
                kotak_mentee=k.kotak_mentee,
                tahun_talenta=k.tahun_talenta,
                diusulkan_oleh=actor if getattr(actor, "is_authenticated", False) else None,
            )
            catat_riwayat(obj, actor=actor, alasan=f"Diusulkan otomatis: {k.alasan}"[:500])
            obj.save()
            dibuat.append(obj)
    return dibuat


def usulkan(*, actor, mentor: Pegawai, mentee: Pegawai, jenis: str, tujuan: str = "") -> PasanganMentoring:
    """A proposal by hand (Operator OPD / Admin BKD)."""
    tujuan = alasan_bersih(tujuan, field="tujuan", label="Tujuan")
    if jenis not in JenisMentoring.values:
        raise ValidationError({"jenis": "Pilih mentoring atau coaching."})
    if mentor.pk == mentee.pk:
        raise ValidationError({"mentee": "Mentor dan mentee tidak boleh orang yang sama."})
    if not (mentor.aktif and mentee.aktif):
        raise ValidationError({"mentee": "Mentor dan mentee harus pegawai aktif."})
    with transaction.atomic():
        Pegawai.objects.select_for_update().filter(pk=mentor.pk).first()  # capacity checked under a lock
        _cek_kapasitas(mentor)
        if PasanganMentoring.objects.filter(
            mentor=mentor, mentee=mentee, jenis=jenis, status__in=PasanganMentoring.TERBUKA
        ).exists():
            raise ValidationError({"mentee": "Pasangan ini sudah diusulkan atau aktif."})
        obj = PasanganMentoring(
            mentor=mentor,
            mentee=mentee,
            jenis=jenis,
            tujuan=tujuan,
            alasan_usulan="Diusulkan manual",
            diusulkan_oleh=actor if getattr(actor, "is_authenticated", False) else None,
        )
        catat_riwayat(obj, actor=actor, alasan=tujuan or "Pasangan mentoring diusulkan")
        try:
            obj.save()
        except IntegrityError as exc:  # a concurrent identical proposal
            raise ValidationError({"mentee": "Pasangan ini sudah diusulkan atau aktif."}) from exc
    return obj


def putuskan(*, actor, pasangan: PasanganMentoring, setuju: bool, catatan: str = "") -> PasanganMentoring:
    """The mentee's atasan or the operator confirms (aktif) or rejects (ditolak, reason required)."""
    catatan = alasan_bersih(catatan, field="catatan", label="Catatan")
    if not setuju and not catatan:
        raise ValidationError({"catatan": "Alasan penolakan wajib diisi."})
    with transaction.atomic():
        pasangan = PasanganMentoring.objects.select_for_update().get(pk=pasangan.pk)
        transition(pasangan, PasanganMentoring.Status.AKTIF if setuju else PasanganMentoring.Status.DITOLAK)
        pasangan.catatan = catatan
        pasangan.diputus_oleh = actor if getattr(actor, "is_authenticated", False) else None
        pasangan.diputus_pada = timezone.now()
        catat_riwayat(pasangan, actor=actor, alasan=catatan or ("Dikonfirmasi" if setuju else "Ditolak"))
        pasangan.save()
    return pasangan


def selesaikan(*, actor, pasangan: PasanganMentoring, catatan: str = "") -> PasanganMentoring:
    catatan = alasan_bersih(catatan, field="catatan", label="Catatan")
    with transaction.atomic():
        pasangan = PasanganMentoring.objects.select_for_update().get(pk=pasangan.pk)
        transition(pasangan, PasanganMentoring.Status.SELESAI)
        if catatan:
            pasangan.catatan = catatan
        catat_riwayat(pasangan, actor=actor, alasan=catatan or "Mentoring selesai")
        pasangan.save()
    return pasangan


def atur_kapasitas(*, actor, mentor: Pegawai, maks: int) -> KapasitasMentor:
    if not 0 <= maks <= 20:
        raise ValidationError({"maks_mentee": "Kapasitas mentor antara 0 dan 20 mentee."})
    obj = KapasitasMentor.objects.filter(pegawai=mentor).first() or KapasitasMentor(pegawai=mentor)
    obj.maks_mentee = maks
    catat_riwayat(obj, actor=actor, alasan=f"Kapasitas mentor {maks}")
    obj.save()
    return obj


def _teks(data: dict, field: str, label: str, maks: int, errors: dict, *, wajib: bool = False) -> str:
    teks = (data.get(field) or "").strip()
    if wajib and not teks:
        errors.setdefault(field, []).append(f"{label} wajib diisi.")
    elif len(teks) > maks:
        errors.setdefault(field, []).append(f"{label} paling panjang {maks} karakter (sekarang {len(teks)}).")
    return teks


def catat_sesi(*, actor, pasangan: PasanganMentoring, data: dict) -> SesiMentoring:
    """Log one session of an active pair and credit JP to mentor and mentee by the form's dated rule
    (one ledger line each, source `mentoring`, verified at once). Linked to kinerja's bimbingan record
    of the mentee on the same day, when there is one. All or nothing."""
    pasangan = PasanganMentoring.objects.select_related("mentor", "mentee", "mentee__opd").get(pk=pasangan.pk)
    errors: dict[str, list[str]] = {}
    agenda = _teks(data, "agenda", "Agenda", 300, errors, wajib=True)
    catatan = _teks(data, "catatan", "Catatan", 500, errors)
    tindak_lanjut = _teks(data, "tindak_lanjut", "Tindak lanjut", 500, errors)
    tanggal: dt.date | None = data.get("tanggal")
    durasi = data.get("durasi_menit")
    if tanggal is None:
        errors.setdefault("tanggal", []).append("Tanggal wajib diisi.")
    elif tanggal > timezone.localdate():
        errors.setdefault("tanggal", []).append("Tanggal sesi tidak boleh di masa depan.")
    if durasi is None or not 1 <= int(durasi) <= 600:
        errors.setdefault("durasi_menit", []).append("Durasi antara 1 dan 600 menit.")
    if pasangan.status != PasanganMentoring.Status.AKTIF:
        errors.setdefault("__all__", []).append("Sesi hanya dapat dicatat untuk pasangan yang aktif.")
    if errors:
        raise ValidationError(errors)
    assert tanggal is not None
    with transaction.atomic():
        PasanganMentoring.objects.select_for_update().filter(pk=pasangan.pk).first()
        if SesiMentoring.objects.filter(pasangan=pasangan, tanggal=tanggal, agenda__iexact=agenda).exists():
            # the mentor and the operator logging the same meeting would credit its JP twice
            raise ValidationError(
                {
                    "agenda": f"Sesi dengan agenda '{agenda}' pada {format_tanggal(tanggal)} sudah dicatat "
                    "untuk pasangan ini; JP tidak dikreditkan dua kali."
                }
            )
        sesi = SesiMentoring(
            pasangan=pasangan,
            tanggal=tanggal,
            durasi_menit=int(durasi),
            agenda=agenda,
            catatan=catatan,
            tindak_lanjut=tindak_lanjut,
            dicatat_oleh=actor if getattr(actor, "is_authenticated", False) else None,
            sesi_kinerja=SesiPembinaan.objects.filter(skp__pegawai=pasangan.mentee, tanggal=tanggal)
            .order_by("pk")
            .first(),
        )
        catat_riwayat(
            sesi, actor=actor, alasan=f"Sesi {pasangan.get_jenis_display().lower()}: {agenda}"[:500]
        )
        sesi.save()
        jenis = pasangan.get_jenis_display()
        umum = {
            "bentuk": pasangan.jenis,
            "tanggal_mulai": tanggal,
            "tanggal_selesai": tanggal,
            "jp_tertera": None,
            "durasi_menit": int(durasi),
            "penyelenggara": pasangan.mentee.opd.nama[:200] if pasangan.mentee.opd_id else "",
            "catatan": agenda,
        }
        sesi.kegiatan_mentee = services.kegiatan_catat(
            actor=actor,
            pegawai=pasangan.mentee,
            sumber=KegiatanPengembangan.Sumber.MENTORING,
            data={**umum, "nama_pelatihan": f"{jenis} oleh {pasangan.mentor.nama} (sesi #{sesi.pk})"[:300]},
        )
        sesi.kegiatan_mentor = services.kegiatan_catat(
            actor=actor,
            pegawai=pasangan.mentor,
            sumber=KegiatanPengembangan.Sumber.MENTORING,
            data={**umum, "nama_pelatihan": f"{jenis} untuk {pasangan.mentee.nama} (sesi #{sesi.pk})"[:300]},
        )
        catat_riwayat(sesi, actor=actor, alasan="JP dikreditkan ke mentor dan mentee")
        sesi.save(update_fields=["kegiatan_mentee", "kegiatan_mentor", "diubah"])
    return sesi
