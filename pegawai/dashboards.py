"""Dashboard figures (reads only). Every figure is one aggregate query: the count never grows with headcount."""

from __future__ import annotations

from django.db.models import Count, F, Q, Sum
from django.db.models.expressions import RawSQL
from django.utils import timezone

from core.dates import add_months

from .models import Jabatan, Pegawai, UnitKerja, UsulanPerubahanData


def _scope(opd: int | None):
    qs = Pegawai.objects.filter(aktif=True)
    return qs if opd is None else qs.filter(opd_id=opd)


def _pyramid(qs, today) -> dict:
    """Headcount per 5-year age band and sex (bands 20–24 … 60+)."""
    band = RawSQL("LEAST(FLOOR(DATE_PART('year', AGE(%s::date, tanggal_lahir)) / 5), 12)", [today])
    rows = qs.annotate(band=band).values("band", "jenis_kelamin").annotate(n=Count("id"))
    bands = list(range(4, 13))
    labels = [f"{b * 5}–{b * 5 + 4}" if b < 12 else "60+" for b in bands]
    laki = dict.fromkeys(bands, 0)
    perempuan = dict.fromkeys(bands, 0)
    for row in rows:
        b = min(max(int(row["band"]), 4), 12)
        (laki if row["jenis_kelamin"] == "L" else perempuan)[b] += row["n"]
    return {"labels": labels, "laki": [-laki[b] for b in bands], "perempuan": [perempuan[b] for b in bands]}


def dasbor_instansi(*, opd: int | None) -> dict:
    today = timezone.localdate()
    qs = _scope(opd)
    counts = qs.aggregate(
        total=Count("id"),
        pns=Count("id", filter=Q(status_kepegawaian="PNS")),
        cpns=Count("id", filter=Q(status_kepegawaian="CPNS")),
        pppk=Count("id", filter=Q(status_kepegawaian__in=["PPPK", "PPPK Paruh Waktu"])),
        laki=Count("id", filter=Q(jenis_kelamin="L")),
        perempuan=Count("id", filter=Q(jenis_kelamin="P")),
    )
    # The whole government: per OPD. One OPD: per unit kerja inside it.
    group = "opd__nama" if opd is None else "unit_kerja__nama"
    opd_chart = [
        {"opd__nama": row[group], "n": row["n"]}
        for row in qs.values(group).annotate(n=Count("id")).order_by("-n", group)
    ]
    per_golongan = list(
        qs.values("golongan__kode", "golongan__jenis", "golongan__urutan")
        .annotate(n=Count("id"))
        .order_by("golongan__jenis", "golongan__urutan")
    )
    order = [c for c, _ in Pegawai.Pendidikan.choices]
    pendidikan = dict(qs.values_list("pendidikan_jenjang").annotate(n=Count("id")))
    pensiun_qs = qs.filter(tanggal_pensiun__gte=today, tanggal_pensiun__lt=add_months(today, 12))
    kgb_qs = qs.filter(tanggal_kgb_berikutnya__gte=today, tanggal_kgb_berikutnya__lt=add_months(today, 3))
    jabatan = Jabatan.objects.all() if opd is None else Jabatan.objects.filter(unit_kerja__opd_id=opd)
    kekurangan = list(
        jabatan.annotate(terisi=Count("pemangku", filter=Q(pemangku__aktif=True)))
        .annotate(kurang=F("kebutuhan") - F("terisi"))
        .filter(kurang__gt=0)
        .select_related("unit_kerja", "unit_kerja__opd")
        .order_by("-kurang", "nama")[:15]
    )
    units = UnitKerja.objects.filter(jenis="opd") if opd is None else UnitKerja.objects.filter(pk=opd)
    kebutuhan_opd = dict(
        Jabatan.objects.filter(unit_kerja__opd__in=units)
        .values_list("unit_kerja__opd_id")
        .annotate(s=Sum("kebutuhan"))
    )
    terisi_opd = dict(qs.filter(opd__in=units).values_list("opd_id").annotate(n=Count("id")))
    bezetting_opd = sorted(
        (
            {
                "nama": u.nama,
                "kode": u.kode,
                "kebutuhan": kebutuhan_opd.get(u.id, 0),
                "terisi": terisi_opd.get(u.id, 0),
            }
            for u in units.only("id", "nama", "kode")
        ),
        key=lambda r: r["terisi"] - r["kebutuhan"],
    )[:10]
    for row in bezetting_opd:
        row["selisih"] = row["terisi"] - row["kebutuhan"]
    usulan = UsulanPerubahanData.objects.filter(status__in=["diajukan", "diverifikasi"])
    if opd is not None:
        usulan = usulan.filter(pegawai__opd_id=opd)
    return {
        **counts,
        "grafik": {
            "opd": {"labels": [r["opd__nama"] for r in opd_chart], "data": [r["n"] for r in opd_chart]},
            "golongan": {
                "labels": [r["golongan__kode"] for r in per_golongan],
                "data": [r["n"] for r in per_golongan],
            },
            "pendidikan": {
                "labels": [label for code, label in Pegawai.Pendidikan.choices if pendidikan.get(code)]
                + (["Tidak diisi"] if pendidikan.get("") else []),
                "data": [pendidikan[c] for c in order if pendidikan.get(c)]
                + ([pendidikan[""]] if pendidikan.get("") else []),
            },
            "piramida": _pyramid(qs, today),
        },
        "pensiun_jumlah": pensiun_qs.count(),
        "pensiun": list(
            pensiun_qs.select_related("jabatan", "opd", "golongan").order_by("tanggal_pensiun", "nama")[:25]
        ),
        "kgb_jumlah": kgb_qs.count(),
        "kgb": list(kgb_qs.select_related("opd", "golongan").order_by("tanggal_kgb_berikutnya", "nama")[:25]),
        "kekurangan": kekurangan,
        "bezetting_opd": bezetting_opd,
        "usulan_terbuka": usulan.count(),
        "judul_sebaran": "Pegawai per OPD" if opd is None else "Pegawai per unit kerja",
        "hari_ini": today,
    }


def dasbor_atasan(*, atasan_id: int) -> dict:
    today = timezone.localdate()
    tim = list(
        Pegawai.objects.filter(atasan_id=atasan_id, aktif=True)
        .select_related("jabatan", "golongan", "unit_kerja")
        .order_by("nama")
    )
    batas_pensiun, batas_kgb = add_months(today, 12), add_months(today, 3)
    for p in tim:
        p.segera_pensiun = p.tanggal_pensiun is not None and p.tanggal_pensiun < batas_pensiun
        p.segera_kgb = p.tanggal_kgb_berikutnya is not None and p.tanggal_kgb_berikutnya < batas_kgb
    return {
        "tim": tim,
        "jumlah_pensiun": sum(p.segera_pensiun for p in tim),
        "jumlah_kgb": sum(p.segera_kgb for p in tim),
        "hari_ini": today,
    }


def dasbor_pegawai(*, pegawai: Pegawai | None) -> dict:
    today = timezone.localdate()
    if pegawai is None:
        return {"me": None}
    return {
        "me": pegawai,
        "mkg": pegawai.mkg_pada(today),
        "usulan": list(UsulanPerubahanData.objects.filter(pegawai=pegawai).order_by("-dibuat")[:10]),
        "bup": pegawai.batas_usia_pensiun(),
        "hari_ini": today,
    }
