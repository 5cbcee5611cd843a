"""One state-machine helper for every workflow model (SKP, Penilaian, RunGaji, RapelGaji,
UsulanPerubahanData, and the mutasi/pembinaan ones to come).

A model declares its moves as a class attribute next to its `Status` choices::

    TRANSISI = {Status.DRAFT: {Status.DIAJUKAN}, Status.DIAJUKAN: {Status.DISETUJUI, ...}, ...}

and a service moves it with `transition(obj, to)`, which refuses any pair not in the table with an
Indonesian message naming both states. Services stay the only place a status changes; the table is the
one place that says which changes exist (bulk SQL steps, such as closing a period, follow the same table).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import capfirst

from .exceptions import DomainError

Transisi = Mapping[str, Collection[str]]


class TransisiTidakSah(DomainError, ValidationError):
    """A move the transition table does not allow. Both a DomainError and a ValidationError, so views
    that turn either into a message keep working."""

    def __init__(self, message: str) -> None:
        ValidationError.__init__(self, message)

    def __str__(self) -> str:
        return str(self.message)


def tabel(model: Any) -> Transisi:
    """The transition table a model (class or instance) declares."""
    return model.TRANSISI


def boleh(model: Any, dari: str, ke: str) -> bool:
    """Whether the table of `model` allows the move `dari` → `ke`."""
    return ke in tabel(model).get(dari, ())


def semua_status(model: Any, field: str = "status") -> list[str]:
    return [value for value, _label in model._meta.get_field(field).choices]


def semua_pasangan(model: Any, field: str = "status") -> Iterator[tuple[str, str, bool]]:
    """Every (from, to) pair of a model's states with whether the table allows it (for the table tests)."""
    states = semua_status(model, field)
    for dari in states:
        for ke in states:
            yield dari, ke, boleh(model, dari, ke)


def _label(obj: Any, field: str, value: str) -> str:
    return str(dict(obj._meta.get_field(field).choices).get(value, value))


def transition(obj: Any, to: str, *, field: str = "status") -> None:
    """Move `obj` to state `to` (not saved), or raise TransisiTidakSah when the table forbids it."""
    dari = getattr(obj, field)
    if not boleh(obj, dari, to):
        raise TransisiTidakSah(
            f"{capfirst(str(obj._meta.verbose_name))} berstatus {_label(obj, field, dari)} "
            f"tidak dapat diubah menjadi {_label(obj, field, to)}."
        )
    setattr(obj, field, to)
