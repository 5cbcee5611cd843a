from __future__ import annotations

from django import forms

from core.history import MAX_ALASAN

from .models import Bentuk, Jalur, SumberDana


def _bentuk_grup():
    from .models import jalur_bentuk

    klasikal = [(v, label) for v, label in Bentuk.choices if jalur_bentuk(v) == Jalur.KLASIKAL]
    non = [(v, label) for v, label in Bentuk.choices if jalur_bentuk(v) == Jalur.NONKLASIKAL]
    return [("", "—"), ("Jalur klasikal", klasikal), ("Jalur nonklasikal", non)]


class KegiatanRencanaForm(forms.Form):
    """One planned activity. Limits mirror the model; the service checks again (same messages)."""

    kebutuhan = forms.ChoiceField(label="Menjawab kebutuhan", required=False)
    nama_kegiatan = forms.CharField(label="Nama kegiatan", max_length=300)
    bentuk = forms.ChoiceField(label="Bentuk (Peraturan LAN 10/2018)", choices=())
    target_jp = forms.DecimalField(label="Target JP", min_value=0, max_value=9999, decimal_places=2)
    waktu_mulai = forms.DateField(label="Rencana mulai", widget=forms.DateInput(attrs={"type": "date"}))
    waktu_selesai = forms.DateField(label="Rencana selesai", widget=forms.DateInput(attrs={"type": "date"}))
    biaya = forms.IntegerField(label="Biaya (Rp)", min_value=0, required=False, initial=0)
    sumber_dana = forms.ChoiceField(label="Sumber dana", choices=SumberDana.choices)
    keterangan = forms.CharField(
        label="Keterangan", required=False, max_length=MAX_ALASAN, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, kebutuhan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bentuk"].choices = _bentuk_grup()
        self._kebutuhan = {str(k.pk): k for k in kebutuhan}
        self.fields["kebutuhan"].choices = [("", "— tanpa kebutuhan —")] + [
            (str(k.pk), f"{k.get_sumber_display()}: {k.topik}") for k in kebutuhan
        ]

    def clean_kebutuhan(self):
        nilai = self.cleaned_data.get("kebutuhan") or ""
        return self._kebutuhan.get(nilai)


class UsulanKebutuhanForm(forms.Form):
    pegawai = forms.ChoiceField(label="Pegawai")
    tahun = forms.IntegerField(label="Tahun rencana")
    topik = forms.CharField(label="Topik", max_length=200)
    bentuk_saran = forms.ChoiceField(label="Bentuk yang disarankan", required=False, choices=())
    uraian = forms.CharField(
        label="Uraian (alasan/bukti kebutuhan)",
        max_length=MAX_ALASAN,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, pegawai_pilihan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bentuk_saran"].choices = _bentuk_grup()
        self._pegawai = {str(p.pk): p for p in pegawai_pilihan}
        self.fields["pegawai"].choices = [(str(p.pk), f"{p.nama_lengkap} ({p.nip})") for p in pegawai_pilihan]

    def clean_pegawai(self):
        return self._pegawai[self.cleaned_data["pegawai"]]


class AlasanForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan", max_length=MAX_ALASAN, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BatalKebutuhanForm(forms.Form):
    """The confirmation of cancelling a need; the service checks the reason (required, ≤ 500 chars)."""

    alasan = forms.CharField(
        label="Alasan pembatalan (tercatat di riwayat)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
