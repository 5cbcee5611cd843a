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

    def pilihan(self) -> list[dict]:
        """The filter selects as plain data: one values() query per model choice, no model instances.

        Iterating a ModelChoiceField renders each option through a widget template and builds a model
        instance per row; at 40 OPDs and 34 golongan that was a third of the list page's time.
        """
        model_options = {
            "opd": lambda qs: qs.values_list("pk", "nama"),
            "golongan": lambda qs: [
                (kode, f"{pangkat} ({kode})" if pangkat else kode)
                for kode, pangkat in qs.values_list("kode", "pangkat")
            ],
        }
        data = self.form.data
        result = []
        for name, field in self.form.fields.items():
            if field.widget.is_hidden:
                continue
            if name in model_options:
                options = [("", field.empty_label), *model_options[name](field.queryset)]
            else:
                options = list(field.choices)
            current = str(data.get(name, "") or "")
            result.append(
                {
                    "name": name,
                    "id": f"id_{name}",
                    "label": field.label,
                    "options": [(str(value), label, str(value) == current) for value, label in options],
                }
            )
        return result
