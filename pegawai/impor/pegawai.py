"""import_pegawai / export_pegawai: upsert by NIP, positions created under their unit when new."""

from __future__ import annotations

from django.utils import timezone

from core.nip import nip_errors

from ..models import Golongan, Jabatan, Pegawai, UnitKerja
from ..services import atasan_recompute, pegawai_bulk_set_atasan
from .base import Importer, ImportReport, RowContext, RowError, choices_of, history_bulk, nip_unknown_message

PEGAWAI_COLUMNS = [
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "agama",
    "status_perkawinan",
    "status_kepegawaian",
    "golongan",
    "tmt_golongan",
    "mkg_tahun",
    "mkg_bulan",
    "tmt_cpns",
    "kode_unit",
    "jabatan",
    "jenis_jabatan",
    "eselon",
    "jenjang_fungsional",
    "kelas_jabatan",
    "tmt_jabatan",
    "nip_atasan",
    "pendidikan_jenjang",
    "pendidikan_jurusan",
    "npwp",
    "nama_bank",
    "nomor_rekening",
    "email",
    "telepon",
]
REQUIRED = [
    "nip",
    "nama",
    "tanggal_lahir",
    "jenis_kelamin",
    "status_kepegawaian",
    "golongan",
    "mkg_tahun",
    "kode_unit",
    "jabatan",
    "jenis_jabatan",
]
# Plain model fields copied from a row (the rest are resolved: golongan, unit, jabatan, atasan).
FIELDS = [
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "agama",
    "status_perkawinan",
    "status_kepegawaian",
    "golongan_id",
    "tmt_golongan",
    "mkg_tahun",
    "mkg_bulan",
    "tmt_cpns",
    "unit_kerja_id",
    "jabatan_id",
    "tmt_jabatan",
    "atasan_manual",
    "pendidikan_jenjang",
    "pendidikan_jurusan",
    "npwp",
    "nama_bank",
    "nomor_rekening",
    "email",
    "telepon",
]
DERIVED = ["opd_id", "tanggal_pensiun", "tanggal_kgb_berikutnya"]
JABATAN_FIELDS = ["jenis", "eselon", "jenjang_fungsional", "kelas_jabatan"]

JENIS_KELAMIN = {"l": "L", "p": "P", "laki-laki": "L", "perempuan": "P"}
PENDIDIKAN = choices_of(
    Pegawai.Pendidikan, ("sma/smk", "SMA"), ("smk", "SMA"), ("d-iii", "D3"), ("d-iv", "D4")
)


class PegawaiImporter(Importer):
    label = "pegawai"
    columns = PEGAWAI_COLUMNS
    required = REQUIRED
    bulk_models = (Pegawai, Pegawai.history.model)

    def validate(self, table, report: ImportReport) -> list[dict]:
        plans = self._validate(table, report)
        report.baru = sum(1 for plan in plans if plan["existing"] is None)
        report.diperbarui = len(plans) - report.baru
        return plans

    def _validate(self, table, report: ImportReport) -> list[dict]:
        errors = report.errors
        golongan = {g.kode.upper(): g for g in Golongan.objects.all()}
        units = {u.kode: u for u in UnitKerja.objects.only("id", "kode", "opd_id", "nama")}
        jabatan = {(j.unit_kerja_id, j.nama.lower()): j for j in Jabatan.objects.all()}
        existing = {p.nip: p for p in Pegawai.objects.all().iterator(chunk_size=5000)}
        nip_rows: dict[str, int] = {}
        status_choices = choices_of(Pegawai.Status)
        agama = choices_of(Pegawai.Agama)
        perkawinan = choices_of(Pegawai.StatusPerkawinan)
        jenis_jabatan = choices_of(Jabatan.Jenis)
        eselon = choices_of(Jabatan.Eselon)
        jenjang = choices_of(Jabatan.Jenjang)
        plans = []
        today = timezone.localdate()
        for number, row in table.rows:
            ctx = RowContext(table, number, row, errors)
            nip = ctx.text("nip", required=True).replace(" ", "")
            values: dict = {
                "nama": ctx.text("nama", required=True, max_length=150),
                "gelar_depan": ctx.text("gelar_depan", max_length=30),
                "gelar_belakang": ctx.text("gelar_belakang", max_length=60),
                "tempat_lahir": ctx.text("tempat_lahir", max_length=80),
                "tanggal_lahir": ctx.date("tanggal_lahir", required=True),
                "jenis_kelamin": ctx.choice("jenis_kelamin", JENIS_KELAMIN, required=True),
                "agama": ctx.choice("agama", agama),
                "status_perkawinan": ctx.choice("status_perkawinan", perkawinan),
                "status_kepegawaian": ctx.choice("status_kepegawaian", status_choices, required=True),
                "tmt_golongan": ctx.date("tmt_golongan"),
                "mkg_tahun": ctx.integer("mkg_tahun", required=True, minimum=0, maximum=45),
                "mkg_bulan": ctx.integer("mkg_bulan", minimum=0, maximum=11) or 0,
                "tmt_cpns": ctx.date("tmt_cpns"),
                "tmt_jabatan": ctx.date("tmt_jabatan"),
                "pendidikan_jenjang": ctx.choice("pendidikan_jenjang", PENDIDIKAN),
                "pendidikan_jurusan": ctx.text("pendidikan_jurusan", max_length=120),
                "npwp": ctx.text("npwp", max_length=20),
                "nama_bank": ctx.text("nama_bank", max_length=60),
                "nomor_rekening": ctx.text("nomor_rekening", max_length=30),
                "email": ctx.text("email", max_length=254),
                "telepon": ctx.text("telepon", max_length=20),
            }
            if values["email"] and ("@" not in values["email"] or " " in values["email"]):
                ctx.error("email", f"alamat email '{values['email']}' tidak valid.")
            if nip:
                if nip in nip_rows:
                    ctx.error("nip", f"NIP {nip} sudah ada di baris {nip_rows[nip]} berkas ini.")
                else:
                    nip_rows[nip] = number
                stored = existing.get(nip)
                if (
                    stored is not None
                    and self.allowed_unit_ids is not None
                    and stored.unit_kerja_id not in self.allowed_unit_ids
                ):
                    # An operator cannot take over (move into their OPD) someone of another OPD.
                    ctx.error("nip", f"NIP {nip} sudah terdaftar di luar cakupan Anda; hubungi Admin BKD.")
            pppk = values["status_kepegawaian"] in (Pegawai.Status.PPPK, Pegawai.Status.PPPK_PARUH_WAKTU)
            if nip and values["status_kepegawaian"]:
                for problem in nip_errors(
                    nip,
                    pppk=pppk,
                    tanggal_lahir=values["tanggal_lahir"],
                    jenis_kelamin=values["jenis_kelamin"] or None,
                ):
                    ctx.error("nip", problem)
            kode_gol = ctx.text("golongan", required=True)
            gol = golongan.get(kode_gol.upper())
            if kode_gol and gol is None:
                ctx.error(
                    "golongan",
                    f"golongan '{kode_gol}' tidak dikenal (contoh: III/a untuk PNS, IX untuk PPPK).",
                )
            elif gol is not None and values["status_kepegawaian"] and (gol.jenis == "PPPK") != pppk:
                ctx.error(
                    "golongan",
                    f"golongan {gol.kode} tidak sesuai dengan status {values['status_kepegawaian']}.",
                )
            kode_unit = ctx.text("kode_unit", required=True)
            unit = units.get(kode_unit)
            if kode_unit and unit is None:
                ctx.error(
                    "kode_unit", f"unit kerja dengan kode '{kode_unit}' tidak ada; impor unit kerja dulu."
                )
            elif (
                unit is not None
                and self.allowed_unit_ids is not None
                and unit.id not in self.allowed_unit_ids
            ):
                ctx.error("kode_unit", f"unit kerja '{kode_unit}' di luar cakupan Anda.")
            jab_values = {
                "jenis": ctx.choice("jenis_jabatan", jenis_jabatan, required=True),
                "eselon": ctx.choice("eselon", eselon),
                "jenjang_fungsional": ctx.choice("jenjang_fungsional", jenjang),
                "kelas_jabatan": ctx.integer("kelas_jabatan", minimum=1, maximum=17),
            }
            if jab_values["jenis"] in Jabatan.STRUKTURAL and not jab_values["eselon"]:
                ctx.error("eselon", "wajib diisi untuk jabatan struktural (jpt, administrator, pengawas).")
            if jab_values["jenis"] == Jabatan.Jenis.FUNGSIONAL and not jab_values["jenjang_fungsional"]:
                ctx.error("jenjang_fungsional", "wajib diisi untuk jabatan fungsional.")
            nama_jabatan = ctx.text("jabatan", required=True, max_length=200)
            lahir = values["tanggal_lahir"]
            if lahir and not (today.year - 75 <= lahir.year <= today.year - 15):
                ctx.error("tanggal_lahir", "usia pegawai tidak masuk akal (harus 15 sampai 75 tahun).")
            for kolom in ("tmt_cpns", "tmt_golongan", "tmt_jabatan"):
                tmt = values[kolom]
                if tmt and lahir and tmt <= lahir:
                    ctx.error(kolom, "tidak boleh sebelum tanggal lahir.")
            nip_atasan = ctx.text("nip_atasan").replace(" ", "")
            if ctx.failed:
                continue
            values["golongan_id"] = gol.id
            values["unit_kerja_id"] = unit.id
            values["atasan_manual"] = bool(nip_atasan)
            plans.append(
                {
                    "baris": number,
                    "nip": nip,
                    "values": values,
                    "unit": unit,
                    "nama_jabatan": nama_jabatan,
                    "jabatan": jab_values,
                    "nip_atasan": nip_atasan,
                    "existing": existing.get(nip),
                }
            )
        # Atasan by NIP: someone already stored or in this file — for an operator, only someone in their
        # scope (a manual atasan gains read access to the employee), with the same message for a NIP
        # outside it as for one that does not exist.
        scoped = self.allowed_unit_ids is not None
        if scoped:
            known = {nip for nip, p in existing.items() if p.unit_kerja_id in self.allowed_unit_ids}
            known |= {plan["nip"] for plan in plans}
        else:
            known = set(existing) | set(nip_rows)
        for plan in plans:
            if plan["nip_atasan"] and plan["nip_atasan"] not in known:
                errors.append(
                    RowError(
                        plan["baris"], "nip_atasan", nip_unknown_message(plan["nip_atasan"], scoped=scoped)
                    )
                )
            elif plan["nip_atasan"] == plan["nip"]:
                errors.append(
                    RowError(
                        plan["baris"], "nip_atasan", "pegawai tidak dapat menjadi atasan dirinya sendiri."
                    )
                )
        self._jabatan = jabatan
        for plan in plans[:10]:
            report.contoh.append(
                {
                    "nip": plan["nip"],
                    "nama": plan["values"]["nama"],
                    "unit": plan["unit"].nama,
                    "jabatan": plan["nama_jabatan"],
                    "baru": plan["existing"] is None,
                }
            )
        return plans

    # --- writing --------------------------------------------------------------------------------
    def write(self, plans: list[dict], report: ImportReport, *, reason: str) -> None:
        today = timezone.localdate()
        jabatan = self._jabatan
        new_jabatan, changed_jabatan = {}, []
        for plan in plans:
            key = (plan["unit"].id, plan["nama_jabatan"].lower())
            attrs = plan["jabatan"]
            current = jabatan.get(key) or new_jabatan.get(key)
            if current is None:
                new_jabatan[key] = Jabatan(
                    unit_kerja_id=plan["unit"].id,
                    nama=plan["nama_jabatan"],
                    is_kepala=attrs["jenis"] in Jabatan.STRUKTURAL,
                    kebutuhan=1,
                    **attrs,
                )
            elif current.pk and any(getattr(current, k) != v for k, v in attrs.items()):
                for k, v in attrs.items():
                    setattr(current, k, v)
                changed_jabatan.append(current)
        Jabatan.objects.bulk_create(list(new_jabatan.values()), batch_size=2000)
        history_bulk(Jabatan, list(new_jabatan.values()), history_type="+", user=self.user, reason=reason)
        if changed_jabatan:
            unique = list({j.pk: j for j in changed_jabatan}.values())
            Jabatan.objects.bulk_update(unique, JABATAN_FIELDS, batch_size=2000)
            history_bulk(Jabatan, unique, history_type="~", user=self.user, reason=reason)
        jabatan.update(new_jabatan)

        created_count = updated_count = 0
        for start in range(0, len(plans), 2000):
            created, updated = [], []
            for plan in plans[start : start + 2000]:
                obj = self._apply(plan, jabatan, today)
                if plan["existing"] is None:
                    created.append(obj)
                elif obj is not None:
                    updated.append(obj)
            Pegawai.objects.bulk_create(created)
            if updated:
                Pegawai.objects.bulk_update(updated, FIELDS + DERIVED)
            history_bulk(Pegawai, created, history_type="+", user=self.user, reason=reason)
            history_bulk(Pegawai, updated, history_type="~", user=self.user, reason=reason)
            created_count += len(created)
            updated_count += len(updated)
        manual = [p for p in plans if p["nip_atasan"]]
        if manual:
            ids = dict(
                Pegawai.objects.filter(
                    nip__in={p["nip_atasan"] for p in manual} | {p["nip"] for p in manual}
                ).values_list("nip", "id")
            )
            pegawai_bulk_set_atasan([(ids[p["nip"]], ids[p["nip_atasan"]]) for p in manual])
        atasan_recompute()
        report.baru, report.diperbarui = created_count, updated_count
        report.tidak_berubah = len(plans) - created_count - updated_count

    @staticmethod
    def _apply(plan: dict, jabatan: dict, today) -> Pegawai | None:
        """The employee with the row's values; None when an existing one would not change."""
        values = plan["values"]
        position = jabatan[(plan["unit"].id, plan["nama_jabatan"].lower())]
        values["jabatan_id"] = position.pk
        existing = plan["existing"]
        obj = existing or Pegawai(nip=plan["nip"])
        before = None if existing is None else tuple(getattr(existing, f) for f in FIELDS)
        for name, value in values.items():
            setattr(obj, name, value)
        obj.opd_id = plan["unit"].opd_id
        obj.jabatan = position  # refresh of derived dates reads the position: from the lookup, no query
        obj.tanggal_pensiun = obj.hitung_tanggal_pensiun()
        obj.tanggal_kgb_berikutnya = obj.hitung_kgb_berikutnya(today)
        if existing is not None and before == tuple(getattr(obj, f) for f in FIELDS):
            return None
        return obj


def pegawai_export_rows(queryset):
    """Rows in PEGAWAI_COLUMNS order; importing them back changes nothing."""
    qs = queryset.select_related("golongan", "unit_kerja", "jabatan", "atasan").order_by("nip")
    for p in qs.iterator(chunk_size=2000):
        j = p.jabatan
        yield [
            p.nip,
            p.nama,
            p.gelar_depan,
            p.gelar_belakang,
            p.tempat_lahir,
            _d(p.tanggal_lahir),
            p.jenis_kelamin,
            p.agama,
            p.status_perkawinan,
            p.status_kepegawaian,
            p.golongan.kode,
            _d(p.tmt_golongan),
            p.mkg_tahun,
            p.mkg_bulan,
            _d(p.tmt_cpns),
            p.unit_kerja.kode,
            j.nama,
            j.jenis,
            j.eselon,
            j.jenjang_fungsional,
            "" if j.kelas_jabatan is None else j.kelas_jabatan,
            _d(p.tmt_jabatan),
            p.atasan.nip if p.atasan_manual and p.atasan_id else "",
            p.pendidikan_jenjang,
            p.pendidikan_jurusan,
            p.npwp,
            p.nama_bank,
            p.nomor_rekening,
            p.email,
            p.telepon,
        ]


def _d(value) -> str:
    return value.isoformat() if value else ""
