"""A new dated version of one form's JP rule (issue 14 point 6). Versions are never edited: the rule
in force on an activity's end date stays the one that credited it; a change is a new row from a date
on or after today. Records actor and reason in the history (core.history)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.history import alasan_bersih, catat_riwayat

from .models import AturanJP, Bentuk, jalur_bentuk

MAKS_NILAI = Decimal(9999)


def _periksa(*, bentuk, basis, nilai, maks_per_tahun, dasar_hukum, berlaku_mulai, hari_ini) -> dict[str, str]:
    errors: dict[str, str] = {}
    if bentuk not in Bentuk.values:
        errors["bentuk"] = f"Bentuk '{bentuk}' tidak dikenal (Peraturan LAN 10/2018)."
    if basis not in AturanJP.Basis.values:
        errors["basis"] = "Dasar perhitungan tidak dikenal."
    if nilai is None or not Decimal(0) <= nilai <= MAKS_NILAI:
        errors["nilai"] = "Nilai wajib diisi, antara 0 dan 9999."
    elif basis in ("menit", "sesi", "hari", "tetap") and nilai <= 0:
        satuan = {"menit": "menit per JP", "sesi": "JP per sesi", "hari": "JP per hari", "tetap": "JP"}
        errors["nilai"] = f"Nilai harus lebih dari 0 untuk dasar '{basis}' ({satuan[basis]})."
    if maks_per_tahun is not None and not Decimal(0) < maks_per_tahun <= MAKS_NILAI:
        errors["maks_per_tahun"] = (
            "Maksimal JP per tahun harus lebih dari 0 dan paling besar 9999 (kosongkan bila tidak ada)."
        )
    if not (dasar_hukum or "").strip():
        errors["dasar_hukum"] = "Dasar hukum wajib diisi."
    elif len(dasar_hukum.strip()) > 300:
        errors["dasar_hukum"] = (
            f"Dasar hukum paling panjang 300 karakter (sekarang {len(dasar_hukum.strip())})."
        )
    if berlaku_mulai is None:
        errors["berlaku_mulai"] = "Tanggal berlaku mulai wajib diisi."
    elif berlaku_mulai < hari_ini:
        errors["berlaku_mulai"] = (
            "Berlaku mulai tidak boleh sebelum hari ini: JP yang sudah diakui tidak dihitung ulang."
        )
    return errors


def aturan_versi_baru(
    *,
    actor,
    bentuk: str,
    basis: str,
    nilai: Decimal | None,
    maks_per_tahun: Decimal | None,
    wajib_bukti: bool,
    dasar_hukum: str,
    berlaku_mulai: dt.date | None,
    alasan: str,
    hari_ini: dt.date | None = None,
) -> AturanJP:
    """Add a version of `bentuk`'s rule in force from `berlaku_mulai` (today or later)."""
    hari_ini = hari_ini or timezone.localdate()
    alasan = alasan_bersih(alasan)
    if basis == "sertifikat" and nilai is None:
        nilai = Decimal(0)  # the certificate's JP is credited; the value is not used
    errors = _periksa(
        bentuk=bentuk,
        basis=basis,
        nilai=nilai,
        maks_per_tahun=maks_per_tahun,
        dasar_hukum=dasar_hukum,
        berlaku_mulai=berlaku_mulai,
        hari_ini=hari_ini,
    )
    if not alasan:
        errors["alasan"] = "Alasan wajib diisi."
    if errors:
        raise ValidationError(errors)
    assert nilai is not None and berlaku_mulai is not None  # checked above
    with transaction.atomic():
        if AturanJP.objects.select_for_update().filter(bentuk=bentuk, berlaku_mulai=berlaku_mulai).exists():
            raise ValidationError(
                {
                    "berlaku_mulai": f"Sudah ada versi aturan bentuk ini yang berlaku mulai {berlaku_mulai:%d-%m-%Y}."
                }
            )
        aturan = AturanJP(
            bentuk=bentuk,
            jalur=jalur_bentuk(bentuk),
            basis=basis,
            nilai=nilai,
            maks_per_tahun=maks_per_tahun,
            wajib_bukti=wajib_bukti,
            dasar_hukum=dasar_hukum.strip(),
            perlu_ditinjau=False,
            berlaku_mulai=berlaku_mulai,
        )
        catat_riwayat(aturan, actor=actor, alasan=alasan)
        aturan.save()
    return aturan
