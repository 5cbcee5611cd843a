"""Pay fixtures: the test organisation with bank accounts, and three officers for maker ≠ checker."""

from __future__ import annotations

import pytest

from akun import roles
from pegawai.models import Pegawai
from tests.factories import UserFactory


@pytest.fixture
def bergaji(org):
    """Every employee of the fixture organisation with a bank account (required to be paid)."""
    for p in Pegawai.objects.all():
        p.nama_bank, p.nomor_rekening = "Bank Sulteng", f"00{p.pk:08d}"
        p.save()
    return org


@pytest.fixture
def petugas(users):
    return {
        "pembuat": users["admin_bkd"],
        "verifikator": UserFactory(username="verifikator", roles=[roles.ADMIN_BKD]),
        "pimpinan": users["pimpinan"],
    }
