"""The transition table of UsulanMutasi, pair by pair (the same shape as tests/core/test_workflow.py)."""

import pytest

from core.workflow import TransisiTidakSah, semua_pasangan, transition
from mutasi.models import UsulanMutasi

# Written out independently of the model: a change to the table must be made here too, on purpose.
DIHARAPKAN = {
    ("draft", "diajukan"),
    ("dikembalikan", "diajukan"),
    ("diajukan", "diverifikasi"),
    ("diajukan", "dikembalikan"),
    ("diajukan", "ditolak"),
    ("diverifikasi", "direkomendasikan"),
    ("diverifikasi", "dikembalikan"),
    ("diverifikasi", "ditolak"),
    ("direkomendasikan", "disetujui"),
    ("direkomendasikan", "dikembalikan"),
    ("direkomendasikan", "ditolak"),
    ("disetujui", "sk_terbit"),
    ("disetujui", "dikembalikan"),
    ("sk_terbit", "berlaku"),
    ("sk_terbit", "disetujui"),  # the SK is cancelled
}


@pytest.mark.parametrize(
    ("dari", "ke"), [(d, k) for d, k, _ in semua_pasangan(UsulanMutasi)], ids=lambda v: str(v)
)
def test_every_pair(dari, ke):
    obj = UsulanMutasi(status=dari)
    if (dari, ke) in DIHARAPKAN:
        transition(obj, ke)
        assert obj.status == ke
    else:
        with pytest.raises(TransisiTidakSah) as info:
            transition(obj, ke)
        label = dict(UsulanMutasi.Status.choices)
        assert str(info.value).endswith(f"berstatus {label[dari]} tidak dapat diubah menjadi {label[ke]}.")


def test_table_names_only_real_states():
    states = set(UsulanMutasi.Status.values)
    for dari, tujuan in UsulanMutasi.TRANSISI.items():
        assert dari in states and set(tujuan) <= states
