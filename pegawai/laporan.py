"""Statutory lists: DUK (daftar urut kepangkatan, PP 15/1979) and daftar nominatif. Reads only."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from core.dates import months_between

from .models import Jabatan, Pegawai

ESELON_RANK = {code: rank for rank, code in enumerate(Jabatan.Eselon.values, start=1)}  # I.a = 1 (highest)
PENDIDIKAN_RANK = {
    code: rank for rank, code in enumerate(reversed(Pegawai.Pendidikan.values), start=1)
}  # S3 = 1


def _rank(field: str, ranks: dict[str, int], default: int) -> Case:
    return Case(
        *[When(**{field: k}, then=Value(v)) for k, v in ranks.items()],
        default=Value(default),
        output_field=IntegerField(),
    )


def duk_queryset(base: QuerySet[Pegawai]) -> QuerySet[Pegawai]:
    """PNS and CPNS in DUK order (PP 15/1979 Pasal 5–9): pangkat, TMT pangkat, jabatan (eselon),
    masa kerja (TMT CPNS), pendidikan, usia. Latihan jabatan is not recorded yet and is skipped."""
    return (
        base.filter(aktif=True, status_kepegawaian__in=[Pegawai.Status.PNS, Pegawai.Status.CPNS])
        .select_related("golongan", "jabatan", "unit_kerja", "opd")
        .annotate(
            eselon_rank=_rank("jabatan__eselon", ESELON_RANK, 99),
            pendidikan_rank=_rank("pendidikan_jenjang", PENDIDIKAN_RANK, 99),
        )
        .order_by(
            "-golongan__urutan",
            "tmt_golongan",
            "eselon_rank",
            "tmt_cpns",
            "pendidikan_rank",
            "tanggal_lahir",
            "nip",
        )
    )


def nominatif_queryset(base: QuerySet[Pegawai]) -> QuerySet[Pegawai]:
    """All active ASN grouped by unit in tree order, heads first."""
    return (
        base.filter(aktif=True)
        .select_related("golongan", "jabatan", "unit_kerja", "opd")
        .order_by(
            "unit_kerja__path", "-jabatan__is_kepala", "-golongan__jenis", "-golongan__urutan", "nama", "nip"
        )
    )


LAPORAN = {
    "duk": {"judul": "Daftar Urut Kepangkatan", "template": "duk", "queryset": duk_queryset},
    "nominatif": {
        "judul": "Daftar Nominatif Pegawai",
        "template": "nominatif",
        "queryset": nominatif_queryset,
    },
}


def masa_kerja(pegawai: Pegawai, today) -> str:
    if not pegawai.tmt_cpns:
        return "-"
    tahun, bulan = divmod(max(months_between(pegawai.tmt_cpns, today), 0), 12)
    return f"{tahun} th {bulan} bl"


def usia(pegawai: Pegawai, today) -> int:
    return (
        today.year
        - pegawai.tanggal_lahir.year
        - ((today.month, today.day) < (pegawai.tanggal_lahir.month, pegawai.tanggal_lahir.day))
    )
