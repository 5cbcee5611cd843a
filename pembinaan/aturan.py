"""The JP rule worked out: pure functions, no database (the tests check them by hand)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, Decimal

from core.angka import format_desimal

SEN = Decimal("0.01")


class JPTidakDapatDihitung(ValueError):
    """The activity lacks what its form's rule needs (the message names the field)."""

    def __init__(self, field: str, pesan: str) -> None:
        super().__init__(pesan)
        self.field, self.pesan = field, pesan


def hitung_jp(
    aturan,
    *,
    jp_tertera: Decimal | None,
    durasi_menit: int | None,
    tanggal_mulai: dt.date,
    tanggal_selesai: dt.date,
    jumlah_sesi: int | None = None,
) -> Decimal:
    """JP credited for one activity by `aturan` (an AturanJP or anything with basis and nilai).

    The JP stated on the certificate is credited when given (CONTRACT `pelatihan`); otherwise the rule's
    basis: per minute (one JP per full `nilai` minutes), per session, per day (both days counted), flat.
    """
    if jp_tertera is not None:
        return Decimal(jp_tertera).quantize(SEN, ROUND_DOWN)
    nilai = Decimal(aturan.nilai)
    basis = aturan.basis
    if basis == "sertifikat":
        raise JPTidakDapatDihitung("jp", "bentuk ini diakui sesuai JP tertera pada sertifikat; isi JP.")
    if basis == "menit":
        if durasi_menit is None:
            raise JPTidakDapatDihitung("durasi_menit", "isi JP atau durasi (menit).")
        if nilai <= 0:
            raise JPTidakDapatDihitung("durasi_menit", "aturan JP bentuk ini belum mengatur menit per JP.")
        return Decimal(int(Decimal(durasi_menit) // nilai)).quantize(SEN)
    if basis == "sesi":
        return (nilai * (jumlah_sesi or 1)).quantize(SEN, ROUND_DOWN)
    if basis == "hari":
        hari = (tanggal_selesai - tanggal_mulai).days + 1
        return (nilai * hari).quantize(SEN, ROUND_DOWN)
    return nilai.quantize(SEN, ROUND_DOWN)  # tetap


def batasi_per_tahun(jumlah: Decimal, maks: Decimal | None) -> Decimal:
    """The JP of one form in one year, capped at the rule's yearly maximum when it has one."""
    return jumlah if maks is None else min(jumlah, Decimal(maks))


def uraian_basis(basis: str, nilai) -> str:
    """The rule's basis in words for the rules page: "1 JP per 45 menit penuh", "2 JP per sesi"."""
    angka = format_desimal(nilai)
    if basis == "sertifikat":
        return "sesuai sertifikat"
    if basis == "menit":
        return f"1 JP per {angka} menit penuh"
    if basis == "sesi":
        return f"{angka} JP per sesi"
    if basis == "hari":
        return f"{angka} JP per hari"
    return f"{angka} JP per kegiatan"
