"""Writes of e-learning (issue 14 point 4): authoring by the BKD, an employee's progress per lesson, the
quiz and what passing it does (JP credited by the e_learning rule through the ledger, a numbered
certificate). Every write takes `actor` and records history."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.history import alasan_bersih, catat_riwayat
from core.uploads import upload_check
from pegawai.models import Pegawai

from .models import Bentuk, IkutModul, Modul, Pelajaran, PercobaanKuis, Pilihan, Soal
from .sertifikat import sertifikat_catat

PDF_MAKS_BYTES = 10 * 1024 * 1024


def modul_simpan(*, actor, modul: Modul, alasan: str = "") -> Modul:
    errors: dict[str, list[str]] = {}
    modul.judul = (modul.judul or "").strip()
    if not modul.judul:
        errors["judul"] = ["Judul modul wajib diisi."]
    elif len(modul.judul) > 200:
        errors["judul"] = [f"Judul paling panjang 200 karakter (sekarang {len(modul.judul)})."]
    if len(modul.kompetensi or "") > 200:
        errors["kompetensi"] = [f"Kompetensi paling panjang 200 karakter (sekarang {len(modul.kompetensi)})."]
    if modul.dibuka and modul.ditutup and modul.ditutup < modul.dibuka:
        errors["ditutup"] = [
            f"Tanggal tutup ({modul.ditutup:%d-%m-%Y}) tidak boleh sebelum tanggal buka ({modul.dibuka:%d-%m-%Y})."
        ]
    if modul.nilai_lulus is None or not 0 < modul.nilai_lulus <= 100:
        errors["nilai_lulus"] = ["Nilai lulus harus antara 1 dan 100."]
    if not modul.durasi_menit:
        errors["durasi_menit"] = ["Durasi belajar (menit) wajib diisi; JP dihitung darinya."]
    alasan = alasan_bersih(alasan)
    if errors:
        raise ValidationError(errors)
    baru = modul.pk is None
    if baru:
        modul.dibuat_oleh = actor if getattr(actor, "is_authenticated", False) else None
    if modul.terbit and not baru and not modul.soal.exists():
        raise ValidationError({"terbit": "Modul tanpa soal kuis belum dapat diterbitkan."})
    if modul.terbit and baru:
        raise ValidationError({"terbit": "Tambahkan pelajaran dan soal kuis sebelum menerbitkan modul."})
    catat_riwayat(modul, actor=actor, alasan=alasan or ("Modul dibuat" if baru else "Modul diubah"))
    modul.save()
    return modul


def periksa_pelajaran(data: dict, berkas=None, *, ada_berkas: bool = False) -> dict[str, list[str]]:
    """Problems of a lesson's values per field (a PDF lesson being edited may keep its file)."""
    errors: dict[str, list[str]] = {}
    judul = (data.get("judul") or "").strip()
    jenis = data.get("jenis")
    if not judul:
        errors["judul"] = ["Judul pelajaran wajib diisi."]
    elif len(judul) > 200:
        errors["judul"] = [f"Judul paling panjang 200 karakter (sekarang {len(judul)})."]
    if jenis == Pelajaran.Jenis.TEKS and not (data.get("isi") or "").strip():
        errors["isi"] = ["Isi pelajaran teks wajib diisi."]
    if jenis == Pelajaran.Jenis.VIDEO and not data.get("tautan_video"):
        errors["tautan_video"] = ["Tautan video wajib diisi."]
    if jenis == Pelajaran.Jenis.PDF:
        if berkas:
            try:
                upload_check(berkas, allowed=(".pdf",), max_bytes=PDF_MAKS_BYTES, field="berkas")
            except ValidationError as exc:
                errors.update(exc.message_dict)
        elif not ada_berkas:
            errors["berkas"] = ["Unggah berkas PDF pelajaran."]
    if jenis not in Pelajaran.Jenis.values:
        errors["jenis"] = ["Jenis pelajaran tidak dikenal."]
    return errors


def pelajaran_tambah(*, actor, modul: Modul, data: dict, berkas=None) -> Pelajaran:
    errors = periksa_pelajaran(data, berkas)
    if errors:
        raise ValidationError(errors)
    judul = data["judul"].strip()
    jenis = data["jenis"]
    with transaction.atomic():
        modul = Modul.objects.select_for_update().get(pk=modul.pk)
        urutan = (modul.pelajaran.order_by("-urutan").values_list("urutan", flat=True).first() or 0) + 1
        pelajaran = Pelajaran(
            modul=modul,
            urutan=urutan,
            judul=judul,
            jenis=jenis,
            isi=data.get("isi") or "",
            tautan_video=data.get("tautan_video") or "",
        )
        if berkas and jenis == Pelajaran.Jenis.PDF:
            pelajaran.berkas = berkas
        catat_riwayat(pelajaran, actor=actor, alasan="Pelajaran ditambahkan")
        pelajaran.save()
    return pelajaran


def periksa_soal(teks: str, pilihan: list[str], benar: int) -> dict[str, list[str]]:
    """Problems of a multiple-choice question per field (`teks` and `pilihan` already stripped)."""
    errors: dict[str, list[str]] = {}
    if not teks:
        errors["teks"] = ["Pertanyaan wajib diisi."]
    elif len(teks) > 500:
        errors["teks"] = [f"Pertanyaan paling panjang 500 karakter (sekarang {len(teks)})."]
    if sum(1 for p in pilihan if p) < 2:
        errors["pilihan"] = ["Isi paling sedikit dua pilihan jawaban."]
    if any(len(p) > 300 for p in pilihan):
        errors.setdefault("pilihan", []).append("Pilihan jawaban paling panjang 300 karakter.")
    if not 0 <= benar < len(pilihan) or not pilihan[benar]:
        errors["benar"] = ["Tandai satu pilihan yang terisi sebagai jawaban benar."]
    return errors


def soal_tambah(*, actor, modul: Modul, teks: str, pilihan: list[str], benar: int) -> Soal:
    """A multiple-choice question: at least two non-empty choices, `benar` the index of the right one."""
    teks = (teks or "").strip()
    pilihan = [p.strip() for p in pilihan]
    errors = periksa_soal(teks, pilihan, benar)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        modul = Modul.objects.select_for_update().get(pk=modul.pk)
        urutan = (modul.soal.order_by("-urutan").values_list("urutan", flat=True).first() or 0) + 1
        soal = Soal.objects.create(modul=modul, urutan=urutan, teks=teks)
        Pilihan.objects.bulk_create(
            [Pilihan(soal=soal, teks=p, benar=i == benar) for i, p in enumerate(pilihan) if p]
        )
        catat_riwayat(modul, actor=actor, alasan=f"Soal {urutan} ditambahkan")
        modul.save(update_fields=["diubah"])
    return soal


def _tertutup(modul: Modul, hari_ini: dt.date) -> str:
    if hari_ini < modul.dibuka:
        return f"Modul {modul.judul} baru dibuka {modul.dibuka:%d-%m-%Y}."
    if hari_ini > modul.ditutup:
        return f"Modul {modul.judul} sudah ditutup sejak {modul.ditutup:%d-%m-%Y}; jawaban tidak diterima."
    return ""


def ikut(*, actor, modul: Modul, pegawai: Pegawai) -> IkutModul:
    obj, baru = IkutModul.objects.get_or_create(pegawai=pegawai, modul=modul)
    if baru:
        catat_riwayat(obj, actor=actor, alasan="Mulai mengikuti modul")
        obj.save()
    return obj


def pelajaran_selesai(*, actor, pelajaran: Pelajaran, pegawai: Pegawai) -> IkutModul:
    """Mark a lesson done (saved progress); refused when the module is not open."""
    alasan = _tertutup(pelajaran.modul, timezone.localdate())
    if alasan:
        raise ValidationError(alasan)
    with transaction.atomic():
        obj = ikut(actor=actor, modul=pelajaran.modul, pegawai=pegawai)
        obj.pelajaran_selesai.add(pelajaran)
    return obj


def kuis_jawab(*, actor, modul: Modul, pegawai: Pegawai, jawaban: dict[int, int]) -> PercobaanKuis:
    """Score an attempt (`jawaban`: soal id → pilihan id). Refused after the module closed and for an
    unanswered question. Passing the first time credits JP (bentuk e_learning: the module's minutes by
    the rule in force) and issues the certificate, in the same transaction."""
    hari_ini = timezone.localdate()
    alasan = _tertutup(modul, hari_ini)
    if alasan:
        raise ValidationError(alasan)
    soal = list(modul.soal.prefetch_related("pilihan"))
    if not soal:
        raise ValidationError("Modul ini belum memiliki soal kuis.")
    kosong = [s.urutan for s in soal if s.pk not in jawaban]
    if kosong:
        raise ValidationError(f"Jawab semua soal; belum dijawab: nomor {', '.join(map(str, kosong))}.")
    benar = 0
    for s in soal:
        pilihan = {p.pk: p for p in s.pilihan.all()}
        if jawaban[s.pk] not in pilihan:
            raise ValidationError(f"Jawaban soal nomor {s.urutan} tidak dikenal.")
        benar += pilihan[jawaban[s.pk]].benar
    nilai = round(100 * benar / len(soal))
    lulus = nilai >= modul.nilai_lulus
    with transaction.atomic():
        obj = ikut(actor=actor, modul=modul, pegawai=pegawai)
        obj = IkutModul.objects.select_for_update().get(pk=obj.pk)
        percobaan = PercobaanKuis.objects.create(
            ikut=obj,
            benar=benar,
            jumlah_soal=len(soal),
            nilai=nilai,
            lulus=lulus,
            jawaban={str(k): v for k, v in jawaban.items()},
        )
        obj.nilai_terbaik = max(obj.nilai_terbaik or 0, nilai)
        if lulus and obj.lulus_pada is None:
            obj.lulus_pada = hari_ini
            mulai = min(timezone.localdate(obj.dibuat) if obj.dibuat else hari_ini, hari_ini)
            kegiatan, dokumen = sertifikat_catat(
                actor=actor,
                pegawai=pegawai,
                sumber="e_learning",
                sumber_dokumen=f"pembinaan.belajar:{obj.pk}",
                data={
                    "nama_pelatihan": f"E-learning: {modul.judul}"[:300],
                    "bentuk": Bentuk.E_LEARNING,
                    "program": modul.program,
                    "penyelenggara": "BKPSDM",
                    "jenis_penyelenggara": "bkd",
                    "tanggal_mulai": mulai,
                    "tanggal_selesai": hari_ini,
                    "jp_tertera": None,
                    "durasi_menit": modul.durasi_menit,
                },
            )
            obj.kegiatan = kegiatan
            obj.kode_verifikasi = dokumen.kode
        catat_riwayat(obj, actor=actor, alasan=f"Kuis: nilai {nilai}{' (lulus)' if lulus else ''}")
        obj.save()
    return percobaan
