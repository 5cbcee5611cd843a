"""Indonesian number formats (issue 12 point 22): percentages as "60 %" and "74,5 %", decimals with a
comma, thousands with a dot, and field labels instead of raw field names."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.template import Context, Template

from core.angka import format_desimal, format_persen
from core.exceptions import label_field, pesan_validasi


def test_percentages_and_decimals():
    assert format_persen(Decimal("60.000")) == "60 %"
    assert format_persen(Decimal("74.5")) == "74,5 %"
    assert format_persen(Decimal("74.50")) == "74,5 %"
    assert format_persen(Decimal("33.3333")) == "33,33 %"
    assert format_persen(Decimal("0.24")) == "0,24 %"
    assert format_persen(100) == "100 %"
    assert format_persen("3.25") == "3,25 %"
    assert format_persen(None) == "-"
    assert format_desimal(Decimal("1234567.5")) == "1.234.567,5"
    assert format_desimal(Decimal("-2.125")) == "-2,13"  # half up
    assert format_desimal(Decimal("3.105"), 1) == "3,1"
    assert format_desimal(Decimal("27000000.00")) == "27.000.000"


def test_template_filters():
    html = Template(
        "{% load asn %}{{ a|persen }} · {{ b|persen:1 }} · {{ c|desimal }} · {{ d|rupiah }} · {{ e|angka }}"
    ).render(Context({"a": Decimal("60.000"), "b": Decimal("74.55"), "c": 3.5, "d": 27000000, "e": 12345}))
    assert html == "60 % · 74,6 % · 3,5 · Rp27.000.000 · 12.345"


def test_field_labels_not_raw_names():
    from pegawai.models import Pegawai

    assert label_field("nomor_rekening", Pegawai) == "Nomor rekening"
    assert label_field("gelar_depan", Pegawai) == "Gelar depan"
    assert label_field("unit_kerja_id") == "Unit kerja"
    exc = ValidationError({"nomor_rekening": ["Hanya angka."], "__all__": ["Data tidak lengkap."]})
    assert pesan_validasi(exc, Pegawai) == ["Nomor rekening: Hanya angka.", "Data tidak lengkap."]
