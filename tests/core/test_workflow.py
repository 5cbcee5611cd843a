"""Every transition table, pair by pair: each allowed move passes, every other pair of states is
refused with an Indonesian message naming both states (core.workflow)."""

import pytest

from core.exceptions import DomainError
from core.workflow import TransisiTidakSah, semua_pasangan, transition
from kinerja.models import SKP, Penilaian
from pegawai.models import UsulanPerubahanData
from penggajian.models import RapelGaji, RunGaji

# The tables written out independently of the models, so a change to a model's table must be made
# here too, on purpose.
DIHARAPKAN = {
    SKP: {
        ("draft", "diajukan"),
        ("dikembalikan", "diajukan"),
        ("diajukan", "disetujui"),
        ("diajukan", "dikembalikan"),
        ("disetujui", "draft"),
    },
    Penilaian: {
        ("dinilai", "dinilai"),
        ("dinilai", "diterima"),
        ("dinilai", "keberatan"),
        ("dinilai", "final"),
        ("diterima", "dinilai"),
        ("diterima", "keberatan"),
        ("diterima", "final"),
        ("keberatan", "diterima"),
        ("final", "dinilai"),
        ("final", "diterima"),
    },
    RunGaji: {
        ("draf", "antri"),
        ("antri", "menghitung"),
        ("antri", "gagal"),
        ("menghitung", "dihitung"),
        ("menghitung", "gagal"),
        ("dihitung", "antri"),
        ("dihitung", "dihitung"),
        ("dihitung", "diverifikasi"),
        ("diverifikasi", "antri"),
        ("diverifikasi", "dihitung"),
        ("diverifikasi", "disetujui"),
        ("disetujui", "dihitung"),
        ("disetujui", "dikunci"),
        ("gagal", "antri"),
    },
    RapelGaji: {
        ("antri", "berjalan"),
        ("berjalan", "selesai"),
        ("berjalan", "gagal"),
        ("selesai", "dibatalkan"),
        ("gagal", "berjalan"),
        ("gagal", "dibatalkan"),
    },
    UsulanPerubahanData: {
        ("diajukan", "diverifikasi"),
        ("diajukan", "ditolak"),
        ("diverifikasi", "disetujui"),
        ("diverifikasi", "ditolak"),
    },
}

KASUS = [
    pytest.param(model, dari, ke, id=f"{model.__name__}:{dari}->{ke}")
    for model in DIHARAPKAN
    for dari, ke, _boleh in semua_pasangan(model)
]


@pytest.mark.parametrize(("model", "dari", "ke"), KASUS)
def test_every_pair_of_every_table(model, dari, ke):
    obj = model(status=dari)
    if (dari, ke) in DIHARAPKAN[model]:
        transition(obj, ke)
        assert obj.status == ke
    else:
        with pytest.raises(TransisiTidakSah) as info:
            transition(obj, ke)
        assert obj.status == dari
        label = dict(model.Status.choices)
        assert str(info.value).endswith(f"berstatus {label[dari]} tidak dapat diubah menjadi {label[ke]}.")


def test_the_tables_name_only_real_states():
    for model in DIHARAPKAN:
        states = set(model.Status.values)
        for dari, tujuan in model.TRANSISI.items():
            assert dari in states and set(tujuan) <= states, model


def test_refusal_is_a_domain_error_and_a_validation_error_with_a_plain_message():
    from django.core.exceptions import ValidationError

    with pytest.raises(DomainError) as info:
        transition(RunGaji(status="dikunci"), "dihitung")
    assert isinstance(info.value, ValidationError)
    assert str(info.value) == "Run gaji berstatus Dikunci tidak dapat diubah menjadi Dihitung."
    assert info.value.messages == ["Run gaji berstatus Dikunci tidak dapat diubah menjadi Dihitung."]
