"""The transition table of HasilRotasi (a rotation computation), pair by pair."""

import pytest

from core.workflow import TransisiTidakSah, semua_pasangan, transition
from mutasi.models import HasilRotasi

# Written out independently of the model: a change to the table must be made here too, on purpose.
DIHARAPKAN = {
    ("antri", "berjalan"),
    ("antri", "gagal"),
    ("berjalan", "selesai"),
    ("berjalan", "gagal"),
    ("selesai", "diusulkan"),
    ("gagal", "berjalan"),
}


@pytest.mark.parametrize(
    ("dari", "ke"), [(d, k) for d, k, _ in semua_pasangan(HasilRotasi)], ids=lambda v: str(v)
)
def test_every_pair(dari, ke):
    obj = HasilRotasi(status=dari)
    if (dari, ke) in DIHARAPKAN:
        transition(obj, ke)
        assert obj.status == ke
    else:
        with pytest.raises(TransisiTidakSah):
            transition(obj, ke)
