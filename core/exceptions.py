class DomainError(Exception):
    """A business rule refused the action; the message is shown to the user (Indonesian)."""


def label_field(name: str, model=None) -> str:
    """What a user calls a field: the model field's verbose name ('Nomor rekening'), else the name in
    words — never the raw `nomor_rekening`."""
    from django.core.exceptions import FieldDoesNotExist
    from django.utils.text import capfirst

    if model is not None:
        try:
            return capfirst(str(model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            pass
    return capfirst(name.removesuffix("_id").replace("_", " "))


def pesan_validasi(exc, model=None) -> list[str]:
    """The messages of a ValidationError, each keyed one prefixed with its field's label
    ('Nomor rekening: hanya angka.')."""
    from django.core.exceptions import NON_FIELD_ERRORS

    if not hasattr(exc, "error_dict"):
        return list(getattr(exc, "messages", [str(exc)]))
    return [
        pesan if field == NON_FIELD_ERRORS else f"{label_field(field, model)}: {pesan}"
        for field, daftar in exc.message_dict.items()
        for pesan in daftar
    ]
