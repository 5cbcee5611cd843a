"""Editing an e-learning module's content (issue 14 point 4): a lesson or a quiz question is edited in
place and moved up or down. The module may already have learners: text is simply edited; a quiz change
never touches past attempts — each PercobaanKuis keeps the score, the count of right answers and the
pass it was given, and IkutModul keeps its best score, pass date, ledger line and certificate. The
change applies to the next attempt. Every write takes `actor` and records history (questions have no
history of their own: the module's history names the question changed)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from core.history import alasan_bersih, catat_riwayat

from .models import Modul, Pelajaran, PercobaanKuis, Pilihan, Soal
from .services_belajar import periksa_pelajaran, periksa_soal


def _alasan_atau_galat(alasan: str, errors: dict) -> str:
    """The reason cleaned; the content's errors and the reason's raised together, so the form shows all."""
    try:
        alasan = alasan_bersih(alasan)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return alasan


def pelajaran_ubah(*, actor, pelajaran: Pelajaran, data: dict, berkas=None, alasan: str = "") -> Pelajaran:
    """Edit a lesson's title, kind and content. A PDF lesson keeps its file unless a new one is given."""
    errors = periksa_pelajaran(data, berkas, ada_berkas=bool(pelajaran.berkas))
    alasan = _alasan_atau_galat(alasan, errors)
    with transaction.atomic():
        Modul.objects.select_for_update().get(pk=pelajaran.modul_id)
        p = Pelajaran.objects.select_for_update().get(pk=pelajaran.pk)
        p.judul = data["judul"].strip()
        p.jenis = data["jenis"]
        p.isi = data.get("isi") or ""
        p.tautan_video = data.get("tautan_video") or ""
        if berkas and p.jenis == Pelajaran.Jenis.PDF:
            p.berkas = berkas
        catat_riwayat(p, actor=actor, alasan=alasan or "Pelajaran diubah")
        p.save()
    return p


def soal_ubah(*, actor, soal: Soal, teks: str, pilihan: list[str], benar: int, alasan: str = "") -> Soal:
    """Edit a question and its choices (position i of `pilihan` is the question's i-th choice; an emptied
    position removes that choice). Past attempts keep their scores: they are stored, never recomputed."""
    teks = (teks or "").strip()
    pilihan = [p.strip() for p in pilihan]
    errors = periksa_soal(teks, pilihan, benar)
    alasan = _alasan_atau_galat(alasan, errors)
    with transaction.atomic():
        modul = Modul.objects.select_for_update().get(pk=soal.modul_id)
        s = Soal.objects.get(pk=soal.pk)
        s.teks = teks
        s.save(update_fields=["teks"])
        ada = list(s.pilihan.order_by("id"))
        hapus = []
        for i, isi in enumerate(pilihan):
            lama = ada[i] if i < len(ada) else None
            if lama is None and isi:
                Pilihan.objects.create(soal=s, teks=isi, benar=i == benar)
            elif lama is not None and isi:
                lama.teks, lama.benar = isi, i == benar
                lama.save(update_fields=["teks", "benar"])
            elif lama is not None:
                hapus.append(lama.pk)
        hapus += [p.pk for p in ada[len(pilihan) :]]
        Pilihan.objects.filter(pk__in=hapus).delete()
        percobaan = PercobaanKuis.objects.filter(ikut__modul=modul).count()
        catatan = f"; {percobaan} percobaan tercatat tetap dengan nilainya" if percobaan else ""
        catat_riwayat(modul, actor=actor, alasan=alasan or f"Soal {s.urutan} diubah{catatan}")
        modul.save(update_fields=["diubah"])
    return s


def urutan_pindah(*, actor, modul: Modul, jenis: str, pk: int, arah: str) -> None:
    """Move a lesson (`jenis` "pelajaran") or a question ("soal") one place up ("naik") or down ("turun")
    by swapping its number with its neighbour's. The first item going up or the last going down stays."""
    if jenis not in ("pelajaran", "soal") or arah not in ("naik", "turun"):
        raise ValidationError("Perintah urutan tidak dikenal.")
    model: type[Pelajaran] | type[Soal] = Pelajaran if jenis == "pelajaran" else Soal
    with transaction.atomic():
        modul = Modul.objects.select_for_update().get(pk=modul.pk)
        item = model.objects.filter(modul=modul, pk=pk).first()
        if item is None:
            raise ValidationError(f"{jenis.capitalize()} tidak ada pada modul {modul.judul}.")
        qs = model.objects.filter(modul=modul)
        if arah == "naik":
            tetangga = qs.filter(urutan__lt=item.urutan).order_by("-urutan").first()
        else:
            tetangga = qs.filter(urutan__gt=item.urutan).order_by("urutan").first()
        if tetangga is None:
            return
        a, b = item.urutan, tetangga.urutan
        # (modul, urutan) is unique for lessons: park one number past the end while swapping.
        parkir = (qs.aggregate(m=Max("urutan"))["m"] or 0) + 1
        model.objects.filter(pk=item.pk).update(urutan=parkir)
        model.objects.filter(pk=tetangga.pk).update(urutan=a)
        model.objects.filter(pk=item.pk).update(urutan=b)
        nama = "Pelajaran" if jenis == "pelajaran" else "Soal"
        catat_riwayat(modul, actor=actor, alasan=f"{nama} '{str(item)[:80]}' dipindah dari nomor {a} ke {b}")
        modul.save(update_fields=["diubah"])
