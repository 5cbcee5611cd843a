"""Audit trail display: the history rows of an object turned into 'field: before → after' lines."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Perubahan:
    tanggal: object
    oleh: str
    jenis: str
    objek: str
    alasan: str
    rincian: list[tuple[str, str, str]] = field(default_factory=list)


HISTORY_TYPE = {"+": "Dibuat", "~": "Diubah", "-": "Dihapus"}
SKIP_FIELDS = {"diubah", "dibuat", "id"}


def _display(record, field_name: str, value, names: dict) -> str:
    if value in (None, ""):
        return "—"
    model_field = record.instance_type._meta.get_field(field_name)
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        return names.get((model_field.related_model, value), str(value))
    if hasattr(value, "strftime"):
        from core.dates import format_tanggal

        return format_tanggal(value)
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    return str(value)


def perubahan_from_history(records, *, objek_label) -> list[Perubahan]:
    """records: historical rows of one or more objects, any order; related ids shown as ids."""
    by_object: dict[int, list] = {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        by_object.setdefault(record.id, []).append(record)
    result: list[Perubahan] = []
    pending: list[tuple] = []
    for rows in by_object.values():
        previous = None
        for record in rows:
            entry = Perubahan(
                tanggal=record.history_date,
                oleh=str(record.history_user) if record.history_user_id else "Sistem / impor",
                jenis=HISTORY_TYPE.get(record.history_type, record.history_type),
                objek=objek_label(record),
                alasan=record.history_change_reason or "",
            )
            if previous is not None and record.history_type == "~":
                delta = record.diff_against(previous, foreign_keys_are_objs=False)
                changes = [c for c in delta.changes if c.field not in SKIP_FIELDS]
                pending.extend((entry, record, c) for c in changes)
                if not changes:
                    previous = record
                    continue
            result.append(entry)
            previous = record
    names = _related_names(pending)
    for entry, record, change in pending:
        verbose = str(record.instance_type._meta.get_field(change.field).verbose_name)
        entry.rincian.append(
            (
                verbose,
                _display(record, change.field, change.old, names),
                _display(record, change.field, change.new, names),
            )
        )
    result.sort(key=lambda p: p.tanggal, reverse=True)
    return result


def _related_names(pending) -> dict:
    """One query per related model for every foreign-key value that changed."""
    wanted: dict = {}
    for _entry, record, change in pending:
        model_field = record.instance_type._meta.get_field(change.field)
        if model_field.is_relation:
            ids = wanted.setdefault(model_field.related_model, set())
            ids.update(v for v in (change.old, change.new) if v is not None)
    names = {}
    for model, ids in wanted.items():
        for obj in model._default_manager.filter(pk__in=ids):
            names[(model, obj.pk)] = str(obj)
    return names
