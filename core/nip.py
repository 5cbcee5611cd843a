"""NIP (Nomor Induk Pegawai) parsing and validation.

PNS (PP 11/2017 jo. Peraturan BKN): 18 digits = birth date YYYYMMDD + TMT CPNS YYYYMM + sex (1 male,
2 female) + serial 001-999.
PPPK: birth date YYYYMMDD + TMT year YYYY + '2' + appointment count 1-9 + sex + serial 001-999;
digit 13 is '2' only for PPPK.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class NipInfo:
    tanggal_lahir: dt.date
    jenis_kelamin: str  # "L" / "P"
    pppk: bool
    tahun_tmt: int
    bulan_tmt: int | None


class NipError(ValueError):
    pass


def parse_nip(nip: str, *, pppk: bool) -> NipInfo:
    """Parse and validate the structure of a NIP; messages are Indonesian."""
    if len(nip) != 18 or not nip.isdigit():
        raise NipError("NIP harus 18 digit angka.")
    try:
        lahir = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise NipError("8 digit pertama NIP bukan tanggal lahir yang valid.") from None
    tahun = int(nip[8:12])
    if pppk:
        if nip[12] != "2":
            raise NipError("Digit ke-13 NIP PPPK harus 2.")
        if nip[13] not in "123456789":
            raise NipError("Digit ke-14 NIP PPPK (pengangkatan ke-) harus 1 sampai 9.")
        sex_digit, serial, bulan = nip[14], nip[15:18], None
    else:
        bulan = int(nip[12:14])
        if not 1 <= bulan <= 12:
            raise NipError("Digit ke-13 dan ke-14 NIP (bulan TMT CPNS) harus 01 sampai 12.")
        sex_digit, serial = nip[14], nip[15:18]
    if sex_digit not in "12":
        raise NipError("Digit jenis kelamin NIP harus 1 (laki-laki) atau 2 (perempuan).")
    if serial == "000":
        raise NipError("Nomor urut NIP tidak boleh 000.")
    if tahun < lahir.year + 14:
        raise NipError("Tahun TMT pada NIP tidak masuk akal untuk tanggal lahirnya.")
    return NipInfo(lahir, "L" if sex_digit == "1" else "P", pppk, tahun, bulan)


def nip_errors(
    nip: str, *, pppk: bool, tanggal_lahir: dt.date | None, jenis_kelamin: str | None
) -> list[str]:
    """All problems of a NIP against the person's record (empty list = valid)."""
    try:
        info = parse_nip(nip, pppk=pppk)
    except NipError as exc:
        return [str(exc)]
    errors = []
    if tanggal_lahir and info.tanggal_lahir != tanggal_lahir:
        errors.append("NIP tidak cocok dengan tanggal lahir.")
    if jenis_kelamin and info.jenis_kelamin != jenis_kelamin:
        errors.append("NIP tidak cocok dengan jenis kelamin.")
    return errors


def format_nip(nip: str | None) -> str:
    """19710712 199303 1 009 (PNS) / 19900101 2022 2 1 1 001 (PPPK)."""
    if not nip:
        return "-"
    if len(nip) != 18:
        return nip
    if nip[12] == "2" and nip[13] != "0" and not 1 <= int(nip[12:14]) <= 12:
        return f"{nip[0:8]} {nip[8:12]} {nip[12]} {nip[13]} {nip[14]} {nip[15:18]}"
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"


def make_nip(
    *,
    tanggal_lahir: dt.date,
    jenis_kelamin: str,
    nomor_urut: int,
    tmt: dt.date,
    pppk: bool = False,
    pengangkatan: int = 1,
) -> str:
    """Build a structurally valid NIP (demo data, tests)."""
    sex = "1" if jenis_kelamin == "L" else "2"
    serial = f"{nomor_urut % 999 + 1:03d}"
    if pppk:
        return f"{tanggal_lahir:%Y%m%d}{tmt.year:04d}2{pengangkatan}{sex}{serial}"
    return f"{tanggal_lahir:%Y%m%d}{tmt.year:04d}{tmt.month:02d}{sex}{serial}"


def mask_nip(nip: str | None) -> str:
    """A NIP for public pages: the first four and last three digits, the rest (birth date, appointment
    date, sex) hidden — enough to tell two people of the same name apart, not to read their data.
    Accepts a NIP with or without spaces; 1988 **** ****** * 001."""
    digits = (nip or "").replace(" ", "")
    if len(digits) != 18 or not digits.isdigit():
        return "-" if not digits else "*" * len(digits)
    masked = digits[:4] + "*" * 11 + digits[-3:]
    return f"{masked[0:4]} {masked[4:8]} {masked[8:14]} {masked[14]} {masked[15:18]}"
