"""Form fields every app shares."""

from __future__ import annotations

from django import forms

from .history import MAX_ALASAN


class AlasanField(forms.CharField):
    """A free-text reason or note that ends up in the history: at most MAX_ALASAN characters, with a
    message naming the field (the browser's `maxlength` stops typing there; the server checks anyway)."""

    def __init__(self, *, label: str, required: bool = True, rows: int = 3, widget=None, **kwargs):
        if widget is None:
            widget = forms.Textarea(attrs={"class": "form-control", "rows": rows})
        super().__init__(label=label, required=required, max_length=MAX_ALASAN, widget=widget, **kwargs)
        self.error_messages["max_length"] = (
            f"{label} paling panjang {MAX_ALASAN} karakter (sekarang %(show_value)d)."
        )
