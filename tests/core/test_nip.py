import datetime as dt

import pytest

from core.nip import format_nip, make_nip, nip_errors, parse_nip


def test_pns_nip_parsed_from_the_reference_example():
    info = parse_nip("197107121993031009", pppk=False)
    assert info.tanggal_lahir == dt.date(1971, 7, 12)
    assert info.jenis_kelamin == "L"
    assert (info.tahun_tmt, info.bulan_tmt) == (1993, 3)
    assert format_nip("197107121993031009") == "19710712 199303 1 009"


def test_pppk_nip_has_digit_13_two():
    nip = make_nip(
        tanggal_lahir=dt.date(1990, 1, 5), jenis_kelamin="P", nomor_urut=4, tmt=dt.date(2022, 1, 1), pppk=True
    )
    assert nip == "199001052022212005"
    info = parse_nip(nip, pppk=True)
    assert info.jenis_kelamin == "P"
    assert nip_errors(
        nip, pppk=False, tanggal_lahir=None, jenis_kelamin=None
    )  # month "21" is invalid for PNS


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("19710712199303100", "18 digit"),
        ("19711312199303 1009".replace(" ", ""), "tanggal lahir"),
        ("197107121993131009", "bulan TMT"),
        ("197107121993033009", "jenis kelamin"),
        ("197107121993031000", "000"),
    ],
)
def test_invalid_pns_nip_messages(nip, message):
    errors = nip_errors(nip, pppk=False, tanggal_lahir=None, jenis_kelamin=None)
    assert errors and message in errors[0]


def test_nip_must_agree_with_birth_date_and_sex():
    errors = nip_errors(
        "197107121993031009", pppk=False, tanggal_lahir=dt.date(1971, 7, 13), jenis_kelamin="P"
    )
    assert errors == ["NIP tidak cocok dengan tanggal lahir.", "NIP tidak cocok dengan jenis kelamin."]
