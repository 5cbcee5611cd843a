"""import_penilaian / export_penilaian (CONTRACT.md): ratings from e-Kinerja/PMM exports.

Upsert by (nip, tahun, periode); the predikat is always computed from the matrix in force, never read
from the file. All-or-nothing: every bad row is reported as `baris N, kolom X: pesan`.
"""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from pegawai.impor.base import (
    Importer,
    ImportReport,
    RowContext,
    RowError,
    choices_of,
    history_bulk,
    nip_unknown_message,
)
from pegawai.models import Pegawai

from . import selectors
from .models import SKP, Penilaian, PenutupanPeriode, PeriodeKinerja, Rating

COLUMNS = ["nip", "tahun", "periode", "rating_hasil_kerja", "rating_perilaku_kerja"]
EXPORT_COLUMNS = ["nip", "nama", "kode_unit", "rating_hasil_kerja", "rating_perilaku_kerja", "predikat"]
TERKUNCI = (Penilaian.Status.FINAL, Penilaian.Status.KEBERATAN)


class PenilaianImporter(Importer):
    label = "penilaian"
    columns = COLUMNS
    required = COLUMNS
    bulk_models = (Penilaian,)

    def validate(self, table, report: ImportReport):
        pegawai = {
            nip: (pid, opd_id, unit_id, atasan_id)
            for nip, pid, opd_id, unit_id, atasan_id in Pegawai.objects.values_list(
                "nip", "id", "opd_id", "unit_kerja_id", "atasan_id"
            )
        }
        periods = {p.tahun: p for p in PeriodeKinerja.objects.all()}
        frozen = set(
            PenutupanPeriode.objects.filter(
                status__in=[
                    PenutupanPeriode.Status.ANTRI,
                    PenutupanPeriode.Status.BERJALAN,
                    PenutupanPeriode.Status.SELESAI,
                ]
            ).values_list("periode_kinerja__tahun", "periode")
        )
        ratings = choices_of(Rating)
        matrices = {}
        seen: dict[tuple[str, int, str], int] = {}
        rows = []
        for number, row in table.rows:
            ctx = RowContext(table, number, row, report.errors)
            nip = ctx.text("nip", required=True).replace(" ", "")
            tahun = ctx.integer("tahun", required=True, minimum=2000, maximum=2100)
            kode = ctx.text("periode", required=True).lower()
            rating_hk = ctx.choice("rating_hasil_kerja", ratings, required=True)
            rating_pk = ctx.choice("rating_perilaku_kerja", ratings, required=True)
            info = pegawai.get(nip)
            if info and self.allowed_unit_ids is not None and info[2] not in self.allowed_unit_ids:
                info = None  # outside the scope reads exactly like a NIP that does not exist
            if nip and info is None:
                ctx.error("nip", nip_unknown_message(nip, scoped=self.allowed_unit_ids is not None))
            periode = periods.get(tahun) if tahun else None
            if tahun and periode is None:
                ctx.error("tahun", f"periode kinerja {tahun} belum dibuka.")
            elif periode is not None:
                if not periode.dibuka:
                    ctx.error("tahun", f"periode kinerja {tahun} sudah ditutup.")
                if kode and kode not in periode.kode_periode_evaluasi:
                    allowed = ", ".join(periode.kode_periode_evaluasi)
                    ctx.error(
                        "periode", f"'{kode}' bukan periode evaluasi tahun {tahun}; gunakan: {allowed}."
                    )
                elif (tahun, kode) in frozen:
                    ctx.error("periode", f"periode {kode} {tahun} sudah ditutup; penilaian dibekukan.")
            key = (nip, tahun, kode)
            if nip and tahun and kode:
                if key in seen:
                    ctx.error("nip", f"NIP {nip} periode {kode} {tahun} sudah ada di baris {seen[key]}.")
                else:
                    seen[key] = number
            if ctx.failed:
                continue
            if tahun not in matrices:
                matrices[tahun] = selectors.matriks_predikat(selectors.tanggal_acuan(tahun))
            predikat = matrices[tahun].get((rating_hk, rating_pk))
            if predikat is None:
                ctx.error("rating_hasil_kerja", f"matriks predikat tahun {tahun} tidak memuat kombinasi ini.")
                continue
            rows.append((number, info, periode, kode, rating_hk, rating_pk, predikat))
        if report.errors:
            return None
        existing = {
            (p.pegawai_id, p.periode_kinerja_id, p.periode): p
            for p in Penilaian.objects.filter(
                pegawai_id__in={r[1][0] for r in rows}, periode_kinerja_id__in={r[2].pk for r in rows}
            )
        }
        skp = dict(
            SKP.objects.filter(pegawai_id__in={r[1][0] for r in rows}, periode_id__in={r[2].pk for r in rows})
            # After a move an employee has several SKPs in a year: the running one (last) wins.
            .order_by(F("tanggal_selesai").asc(nulls_last=True))
            .values_list("pegawai_id", "id")
        )
        create, update = [], []
        now = timezone.now()
        for number, (pid, opd_id, _unit, atasan_id), periode, kode, rating_hk, rating_pk, predikat in rows:
            obj = existing.get((pid, periode.pk, kode))
            if obj is not None and obj.status in TERKUNCI:
                status = obj.get_status_display().lower()
                report.errors.append(
                    RowError(number, "periode", f"penilaian {kode} {periode.tahun} {status}; tidak diubah.")
                )
                continue
            target = obj or Penilaian(pegawai_id=pid, periode_kinerja=periode, periode=kode)
            target.opd_id = opd_id
            target.pejabat_penilai_id = atasan_id if atasan_id != pid else None
            target.skp_id = skp.get(pid) if target.skp_id is None else target.skp_id
            target.rating_hasil_kerja = rating_hk
            target.rating_perilaku_kerja = rating_pk
            target.predikat = predikat
            target.status = Penilaian.Status.DINILAI
            target.sumber = Penilaian.Sumber.IMPOR
            target.dinilai_oleh = self.user
            target.diterima_pada = None
            target.diubah = now
            (update if obj is not None else create).append(target)
        if report.errors:
            report.errors.sort(key=lambda e: (e.baris, e.kolom))
            return None
        report.baru, report.diperbarui = len(create), len(update)
        return create, update

    def write(self, state, report: ImportReport, *, reason: str) -> None:
        create, update = state
        Penilaian.objects.bulk_create(create, batch_size=5000)
        fields = [
            "opd",
            "pejabat_penilai",
            "skp",
            "rating_hasil_kerja",
            "rating_perilaku_kerja",
            "predikat",
            "status",
            "sumber",
            "dinilai_oleh",
            "diterima_pada",
            "diubah",
        ]
        Penilaian.objects.bulk_update(update, fields, batch_size=5000)
        history_bulk(Penilaian, create, history_type="+", user=self.user, reason=reason)
        history_bulk(Penilaian, update, history_type="~", user=self.user, reason=reason)


def penilaian_export_rows(*, tahun: int, periode: str):
    qs = (
        Penilaian.objects.filter(periode_kinerja__tahun=tahun, periode=periode)
        .select_related("pegawai", "pegawai__unit_kerja")
        .order_by("pegawai__opd__nama", "pegawai__nama")
    )
    for p in qs.iterator(chunk_size=2000):
        yield [
            p.pegawai.nip,
            p.pegawai.nama_lengkap,
            p.pegawai.unit_kerja.kode,
            p.rating_hasil_kerja,
            p.rating_perilaku_kerja,
            p.predikat,
        ]
