"""Printed kinerja documents (PermenPANRB 6/2022, Lampiran): the SKP and the Dokumen Evaluasi Kinerja
Pegawai (DEKP).

Each print is registered as a `DokumenTerverifikasi` whose QR code points to the public
/verifikasi/<kode>/ page, which shows the facts recorded here. Every query is fixed in number (rows
come with `select_related`/`prefetch_related`), so a long SKP costs no more queries than a short one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch
from django.utils import timezone

from core.dates import format_tanggal
from core.documents import dokumen_register, qr_svg_data_uri, render_pdf, verifikasi_url
from core.nip import format_nip
from pegawai.models import Jabatan, Pegawai, UnitKerja

from .models import (
    PERIODE_SEMUA,
    PERIODE_TAHUNAN,
    SKP,
    HasilKerja,
    Indikator,
    Penilaian,
    PerilakuKerja,
    PeriodeKinerja,
    PredikatUnit,
    Realisasi,
)

JENIS_SKP = "Sasaran Kinerja Pegawai"
JENIS_DEKP = "Dokumen Evaluasi Kinerja Pegawai"

# Panduan perilaku of the core values ASN BerAKHLAK (SE MenPANRB 20/2021), printed under each aspect
# as the SKP form of PermenPANRB 6/2022 does.
PANDUAN_PERILAKU: dict[str, list[str]] = {
    PerilakuKerja.Aspek.BERORIENTASI_PELAYANAN: [
        "Memahami dan memenuhi kebutuhan masyarakat",
        "Ramah, cekatan, solutif, dan dapat diandalkan",
        "Melakukan perbaikan tiada henti",
    ],
    PerilakuKerja.Aspek.AKUNTABEL: [
        "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
        "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
        "Tidak menyalahgunakan kewenangan jabatan",
    ],
    PerilakuKerja.Aspek.KOMPETEN: [
        "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
        "Membantu orang lain belajar",
        "Melaksanakan tugas dengan kualitas terbaik",
    ],
    PerilakuKerja.Aspek.HARMONIS: [
        "Menghargai setiap orang apa pun latar belakangnya",
        "Suka menolong orang lain",
        "Membangun lingkungan kerja yang kondusif",
    ],
    PerilakuKerja.Aspek.LOYAL: [
        "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, "
        "setia kepada Negara Kesatuan Republik Indonesia serta pemerintahan yang sah",
        "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
        "Menjaga rahasia jabatan dan negara",
    ],
    PerilakuKerja.Aspek.ADAPTIF: [
        "Cepat menyesuaikan diri menghadapi perubahan",
        "Terus berinovasi dan mengembangkan kreativitas",
        "Bertindak proaktif",
    ],
    PerilakuKerja.Aspek.KOLABORATIF: [
        "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
        "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
        "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
    ],
}

_ORANG = ("golongan", "jabatan", "unit_kerja")
_SKP_RELATED = (
    "periode",
    "opd",
    "jabatan",
    "unit_kerja",
    "pegawai__golongan",
    *(f"pejabat_penilai__{f}" for f in _ORANG),
    *(f"atasan_pejabat_penilai__{f}" for f in _ORANG),
)


@dataclass(frozen=True)
class Pihak:
    """One person in a document's identity table and signature block."""

    peran: str
    nama: str = "-"
    nip: str = ""
    pangkat: str = "-"
    jabatan: str = "-"
    unit_kerja: str = "-"

    @classmethod
    def dari(
        cls,
        peran: str,
        pegawai: Pegawai | None,
        *,
        jabatan: Jabatan | None = None,
        unit_kerja: UnitKerja | None = None,
    ) -> Pihak:
        """`jabatan`/`unit_kerja` override the current ones (an SKP keeps those of its year)."""
        if pegawai is None:
            return cls(peran=peran)
        return cls(
            peran=peran,
            nama=pegawai.nama_lengkap,
            nip=pegawai.nip,
            pangkat=str(pegawai.golongan),
            jabatan=(jabatan or pegawai.jabatan).nama,
            unit_kerja=(unit_kerja or pegawai.unit_kerja).nama,
        )


@dataclass(frozen=True)
class Kelompok:
    """Hasil kerja rows of one kind (A. Utama, B. Tambahan)."""

    huruf: str
    judul: str
    rows: list[HasilKerja]


def _pihak_skp(skp: SKP) -> list[Pihak]:
    return [
        Pihak.dari("Pegawai yang dinilai", skp.pegawai, jabatan=skp.jabatan, unit_kerja=skp.unit_kerja),
        Pihak.dari("Pejabat penilai kinerja", skp.pejabat_penilai),
        Pihak.dari("Atasan pejabat penilai kinerja", skp.atasan_pejabat_penilai),
    ]


def _hasil_kerja(skp: SKP, *, realisasi_periode: str | None = None) -> list[Kelompok]:
    """The SKP's rows with their indicators, grouped Utama then Tambahan. With `realisasi_periode`,
    each indicator also carries `realisasi_tampil` and `capaian_persen` of that period."""
    indikator = Indikator.objects.order_by("id")
    if realisasi_periode is not None:
        indikator = indikator.prefetch_related(
            Prefetch(
                "realisasi",
                queryset=Realisasi.objects.filter(periode=realisasi_periode),
                to_attr="realisasi_periode",
            )
        )
    rows = list(
        HasilKerja.objects.filter(skp=skp)
        .select_related("mendukung")
        .prefetch_related(Prefetch("indikator", queryset=indikator))
        .order_by("urutan", "id")
    )
    if realisasi_periode is not None:
        for row in rows:
            for ind in row.indikator.all():
                realisasi = ind.realisasi_periode[0] if ind.realisasi_periode else None
                ind.realisasi_tampil = _realisasi_tampil(ind, realisasi)
                ind.capaian_persen = realisasi.capaian_persen if realisasi else None
    return [
        Kelompok("A", "Utama", [r for r in rows if r.jenis == HasilKerja.Jenis.UTAMA]),
        Kelompok("B", "Tambahan", [r for r in rows if r.jenis == HasilKerja.Jenis.TAMBAHAN]),
    ]


def _realisasi_tampil(indikator: Indikator, realisasi: Realisasi | None) -> str:
    """Like `Indikator.target_tampil`: "126 sekolah", or the qualitative text; "-" when not entered."""
    if realisasi is None:
        return "-"
    if realisasi.realisasi_angka is not None:
        return f"{realisasi.realisasi_angka.normalize():f} {indikator.satuan}".strip()
    return realisasi.realisasi_teks or "-"


def _perilaku(skp: SKP) -> list[dict]:
    urutan = PerilakuKerja.Aspek.values
    rows = sorted(skp.perilaku.all(), key=lambda p: urutan.index(p.aspek) if p.aspek in urutan else 99)
    return [
        {"aspek": p.get_aspek_display(), "panduan": PANDUAN_PERILAKU.get(p.aspek, []), "ekspektasi": p}
        for p in rows
    ]


def _actor_name(actor) -> str:
    return actor.get_full_name() or actor.username


def _qr_context(dokumen) -> dict:
    url = verifikasi_url(dokumen)
    return {"dokumen": dokumen, "qr": qr_svg_data_uri(url), "verifikasi_url": url}


def _periode_penilaian(tahun: int) -> str:
    return f"{format_tanggal(dt.date(tahun, 1, 1))} s.d. {format_tanggal(dt.date(tahun, 12, 31))}"


def skp_draf(skp: SKP) -> bool:
    """An SKP printed before the pejabat penilai agreed it is a draft: stamped DRAF on paper and on the
    verification page (as a slip of a pay run not yet approved, penggajian.dokumen.slip_dokumen)."""
    return skp.status != SKP.Status.DISETUJUI


def dekp_draf(tahunan: Penilaian) -> bool:
    """A DEKP printed before its annual rating is final (the period closed, or the objection decided and
    closed) is a draft: the rating may still change."""
    return tahunan.status != Penilaian.Status.FINAL


def skp_pdf(*, skp: SKP, actor) -> bytes:
    """The SKP of one year as signed by the employee and the pejabat penilai kinerja."""
    skp = SKP.objects.select_related(*_SKP_RELATED).get(pk=skp.pk)
    kelompok = _hasil_kerja(skp)
    tanggal_disetujui = timezone.localdate(skp.disetujui_pada) if skp.disetujui_pada else None
    pihak = _pihak_skp(skp)
    tahun = skp.periode.tahun
    dokumen = dokumen_register(
        jenis=JENIS_SKP,
        judul=f"SKP {tahun} — {pihak[0].nama}",
        fakta={
            "Pegawai": pihak[0].nama,
            "NIP": format_nip(pihak[0].nip),
            "Jabatan": pihak[0].jabatan,
            "Unit kerja": pihak[0].unit_kerja,
            "Periode penilaian": _periode_penilaian(tahun),
            "Pejabat penilai kinerja": pihak[1].nama,
            "Status SKP": str(skp.get_status_display()),
            "Tanggal persetujuan": format_tanggal(tanggal_disetujui),
            "Jumlah hasil kerja": str(sum(len(k.rows) for k in kelompok)),
        },
        actor_name=_actor_name(actor),
        sumber=f"kinerja.skp:{skp.pk}",
        draf=skp_draf(skp),
    )
    return render_pdf(
        "kinerja/pdf/skp.html",
        {
            **_qr_context(dokumen),
            "judul": JENIS_SKP,
            "skp": skp,
            "pegawai_dinilai": pihak[0],
            "pejabat_penilai": pihak[1],
            "kelompok": kelompok,
            "perilaku": _perilaku(skp),
            "periode_penilaian": _periode_penilaian(tahun),
            "tanggal_disetujui": tanggal_disetujui,
            "tanggal_ttd": tanggal_disetujui or timezone.localdate(),
        },
    )


def _predikat_organisasi(skp: SKP) -> PredikatUnit | None:
    """The unit's annual predikat (capaian kinerja organisasi): the employee's own unit, else the OPD."""
    rows = {
        u.unit_kerja_id: u
        for u in PredikatUnit.objects.filter(
            periode_id=skp.periode_id, unit_kerja_id__in={skp.unit_kerja_id, skp.opd_id}
        ).select_related("unit_kerja")
    }
    return rows.get(skp.unit_kerja_id) or rows.get(skp.opd_id)


def dekp_pdf(*, pegawai: Pegawai, periode_kinerja: PeriodeKinerja, actor) -> bytes:
    """The annual evaluation document: the annual rating and predikat, the periodic ones of the year,
    and the hasil kerja with target, annual realisasi and capaian.

    Raises ValidationError while there is no annual Penilaian for the employee and year.
    """
    tahun = periode_kinerja.tahun
    penilaian = list(
        Penilaian.objects.filter(pegawai=pegawai, periode_kinerja=periode_kinerja)
        .select_related(*(f"pejabat_penilai__{f}" for f in _ORANG))
        .order_by()
    )
    tahunan = next((p for p in penilaian if p.periode == PERIODE_TAHUNAN), None)
    if tahunan is None:
        raise ValidationError(f"Penilaian tahunan {tahun} untuk {pegawai.nama} belum ada.")
    urutan = {kode: i for i, kode in enumerate(PERIODE_SEMUA)}
    periodik = sorted(
        (p for p in penilaian if p.periode != PERIODE_TAHUNAN), key=lambda p: urutan.get(p.periode, 99)
    )
    # The annual evaluation is on the SKP running at the year's end (the last one after a move).
    skp = (
        SKP.objects.select_related(*_SKP_RELATED)
        .filter(pegawai=pegawai, periode=periode_kinerja)
        .order_by(F("tanggal_selesai").desc(nulls_first=True))
        .first()
    )
    if skp is not None:
        pihak = _pihak_skp(skp)
        kelompok = _hasil_kerja(skp, realisasi_periode=PERIODE_TAHUNAN)
        organisasi = _predikat_organisasi(skp)
        opd = skp.opd
    else:
        # Imported ratings may have no SKP in the app: the people as they are now.
        orang = Pegawai.objects.select_related("opd", *_ORANG).get(pk=pegawai.pk)
        penilai = tahunan.pejabat_penilai
        pihak = [
            Pihak.dari("Pegawai yang dinilai", orang),
            Pihak.dari("Pejabat penilai kinerja", penilai),
            Pihak.dari("Atasan pejabat penilai kinerja", None),
        ]
        kelompok, organisasi, opd = [], None, orang.opd
    dokumen = dokumen_register(
        jenis=JENIS_DEKP,
        judul=f"DEKP {tahun} — {pihak[0].nama}",
        fakta={
            "Pegawai": pihak[0].nama,
            "NIP": format_nip(pihak[0].nip),
            "Jabatan": pihak[0].jabatan,
            "Periode penilaian": _periode_penilaian(tahun),
            "Pejabat penilai kinerja": pihak[1].nama,
            "Rating hasil kerja": str(tahunan.get_rating_hasil_kerja_display()),
            "Rating perilaku kerja": str(tahunan.get_rating_perilaku_kerja_display()),
            "Predikat kinerja pegawai": str(tahunan.get_predikat_display()),
            "Status penilaian": str(tahunan.get_status_display()),
        },
        actor_name=_actor_name(actor),
        sumber=f"kinerja.dekp:{pegawai.pk}:{periode_kinerja.pk}",
        draf=dekp_draf(tahunan),
    )
    return render_pdf(
        "kinerja/pdf/dekp.html",
        {
            **_qr_context(dokumen),
            "judul": JENIS_DEKP,
            "tahun": tahun,
            "periode_penilaian": _periode_penilaian(tahun),
            "pihak": pihak,
            "pegawai_dinilai": pihak[0],
            "pejabat_penilai": pihak[1],
            "opd": opd,
            "tahunan": tahunan,
            "periodik": periodik,
            "organisasi": organisasi,
            "kelompok": kelompok,
            "hari_ini": timezone.localdate(),
        },
    )
