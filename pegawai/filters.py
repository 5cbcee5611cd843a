import django_filters
from django import forms

from .models import Golongan, Jabatan, Pegawai, UnitKerja


class PegawaiFilter(django_filters.FilterSet):
    opd = django_filters.ModelChoiceFilter(
        label="OPD", queryset=UnitKerja.objects.none(), empty_label="Semua OPD", field_name="opd"
    )
    golongan = django_filters.ModelChoiceFilter(
        label="Golongan", queryset=Golongan.objects.all(), empty_label="Semua golongan", to_field_name="kode"
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        field_name="status_kepegawaian",
        choices=Pegawai.Status.choices,
        empty_label="Semua status",
    )
    jenis_jabatan = django_filters.ChoiceFilter(
        label="Jenis jabatan",
        field_name="jabatan__jenis",
        choices=Jabatan.Jenis.choices,
        empty_label="Semua jenis",
    )
    pendidikan = django_filters.ChoiceFilter(
        label="Pendidikan",
        field_name="pendidikan_jenjang",
        choices=Pegawai.Pendidikan.choices,
        empty_label="Semua",
    )
    aktif = django_filters.BooleanFilter(label="Aktif", widget=forms.HiddenInput)

    class Meta:
        model = Pegawai
        fields = ["opd", "golongan", "status", "jenis_jabatan", "pendidikan"]

    def __init__(self, *args, opd_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if opd_queryset is not None:
            self.filters["opd"].queryset = opd_queryset
            self.form.fields["opd"].queryset = opd_queryset
