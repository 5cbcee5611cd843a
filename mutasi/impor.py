"""import_mutasi / export_mutasi (CONTRACT.md, the **mutasi** file format).

Moves already decided (SK signed outside the application), upsert by (nip, nomor_sk). Each takes effect
on its TMT exactly as one decided in the application: the row becomes a PegawaiSKMutasi of an SK with
sumber "impor"; a TMT on or before today is applied at once (inside the import's transaction, through
the same mutasi.services.sk path and pegawai.services_perpindahan), a later one on that day by the beat
task. All-or-nothing; every problem reported as `baris N, kolom X: pesan`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.history import catat_riwayat
from pegawai.impor.base import Importer, ImportReport, RowContext, choices_of, nip_unknown_message
from pegawai.models import Jabatan, Pegawai, UnitKerja

from .models import JenisUsulan, PegawaiSKMutasi, SKMutasi

COLUMNS = [
    "nip",
    "jenis",
    "kode_unit_tujuan",
    "jabatan_tujuan",
    "tmt",
    "nomor_sk",
    "tanggal_sk",
    "pejabat_penetap",
    "instansi",
    "nomor_pertek",
    "tanggal_pertek",
]
EXPORT_COLUMNS = [*COLUMNS, "nama", "kode_unit_asal", "jabatan_asal", "status"]
ITEM_FIELDS = ("jenis", "jabatan_tujuan_id", "tmt", "instansi", "nomor_pertek", "tanggal_pertek")

SISTEM = "sistem-mutasi"


def akun_sistem():
    """The account recorded for moves imported without --user (it cannot log in)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(username=SISTEM, defaults={"is_active": False})
    if created:
        user.set_unusable_password()
        user.first_name = "Impor mutasi"
        user.save()
    return user


@dataclass
class _Baris:
    number: int
    pegawai: Pegawai
    jabatan: Jabatan | None
    values: dict
    item: PegawaiSKMutasi | None = None


@dataclass
class _Rencana:
    sk_baru: dict[str, dict] = field(default_factory=dict)  # nomor → SK fields
    sk_ubah: list[SKMutasi] = field(default_factory=list)
    baris: list[_Baris] = field(default_factory=list)


class MutasiImporter(Importer):
    label = "mutasi"
    columns = COLUMNS
    required = ["nip", "jenis", "tmt", "nomor_sk", "tanggal_sk"]

    def validate(self, table, report: ImportReport):
        hari_ini = timezone.localdate()
        semua = list(table.rows)  # read twice: the NIPs and numbers first, to fetch what exists in bulk
        nips = {table.get(row, "nip").replace(" ", "") for _n, row in semua}
        pegawai = {
            p.nip: p
            for p in Pegawai.objects.filter(nip__in=nips).select_related("jabatan", "unit_kerja", "golongan")
        }
        units = dict(UnitKerja.objects.values_list("kode", "id"))
        jabatan = {
            (j.unit_kerja_id, j.nama.casefold()): j
            for j in Jabatan.objects.filter(unit_kerja_id__in=set(units.values())).select_related(
                "unit_kerja"
            )
        }
        nomor_list = {table.get(row, "nomor_sk") for _n, row in semua}
        sk_ada = {sk.nomor: sk for sk in SKMutasi.objects.filter(nomor__in=nomor_list)}
        item_ada = {
            (i.sk.nomor, i.pegawai_id): i
            for i in PegawaiSKMutasi.objects.filter(sk__nomor__in=nomor_list).select_related("sk")
        }
        jenis_choices = choices_of(JenisUsulan)
        rencana = _Rencana()
        seen: dict[tuple[str, str], int] = {}
        sk_di_berkas: dict[str, tuple[int, dt.date | None, str]] = {}
        for number, row in semua:
            ctx = RowContext(table, number, row, report.errors)
            nip = ctx.text("nip", required=True).replace(" ", "")
            jenis = ctx.choice("jenis", jenis_choices, required=True)
            kode_unit = ctx.text("kode_unit_tujuan")
            nama_jabatan = ctx.text("jabatan_tujuan", max_length=200)
            values = {
                "jenis": jenis,
                "tmt": ctx.date("tmt", required=True),
                "nomor_sk": ctx.text("nomor_sk", required=True, max_length=100),
                "tanggal_sk": ctx.date("tanggal_sk", required=True),
                "pejabat_penetap": ctx.text("pejabat_penetap", max_length=200),
                "instansi": ctx.text("instansi", max_length=200),
                "nomor_pertek": ctx.text("nomor_pertek", max_length=100),
                "tanggal_pertek": ctx.date("tanggal_pertek"),
            }
            p = pegawai.get(nip)
            if nip and p is None:
                ctx.error("nip", nip_unknown_message(nip, scoped=False))
            elif p is not None:
                if not p.aktif:
                    ctx.error("nip", f"{p.nama} (NIP {nip}) tidak aktif; mutasinya tidak dapat dicatat.")
                elif values["tmt"] and p.tanggal_pensiun and p.tanggal_pensiun <= values["tmt"]:
                    ctx.error(
                        "nip", f"{p.nama} (NIP {nip}) pensiun sebelum TMT; mutasinya tidak dapat dicatat."
                    )
            jab = None
            if jenis and jenis != JenisUsulan.KELUAR:
                if not kode_unit:
                    ctx.error("kode_unit_tujuan", "wajib diisi kecuali untuk jenis keluar.")
                elif kode_unit not in units:
                    ctx.error("kode_unit_tujuan", f"tidak ada unit kerja dengan kode {kode_unit}.")
                elif not nama_jabatan:
                    ctx.error("jabatan_tujuan", "wajib diisi kecuali untuk jenis keluar.")
                else:
                    jab = jabatan.get((units[kode_unit], nama_jabatan.casefold()))
                    if jab is None:
                        ctx.error(
                            "jabatan_tujuan",
                            f"tidak ada jabatan '{nama_jabatan}' di unit {kode_unit}; impor jabatan dulu.",
                        )
                    elif (
                        p is not None
                        and jab.pk == p.jabatan_id
                        and values["tmt"]
                        and (p.tmt_jabatan is None or values["tmt"] > p.tmt_jabatan)
                    ):
                        ctx.error("jabatan_tujuan", f"{p.nama} sudah menduduki jabatan {jab.nama}.")
            elif jenis == JenisUsulan.KELUAR and not values["instansi"]:
                ctx.error("instansi", "wajib diisi untuk mutasi keluar (instansi tujuan).")
            if values["tanggal_sk"] and values["tanggal_sk"] > hari_ini:
                ctx.error(
                    "tanggal_sk",
                    f"{values['tanggal_sk']:%Y-%m-%d} belum tiba; impor hanya SK yang sudah ditandatangani.",
                )
            nomor = values["nomor_sk"]
            if nip and nomor:
                if (nip, nomor) in seen:
                    ctx.error(
                        "nomor_sk", f"NIP {nip} dengan SK {nomor} sudah ada di baris {seen[(nip, nomor)]}."
                    )
                else:
                    seen[(nip, nomor)] = number
                sebelumnya = sk_di_berkas.get(nomor)
                if sebelumnya is None:
                    sk_di_berkas[nomor] = (number, values["tanggal_sk"], values["pejabat_penetap"])
                elif sebelumnya[1:] != (values["tanggal_sk"], values["pejabat_penetap"]):
                    ctx.error(
                        "tanggal_sk",
                        f"SK {nomor} di baris {sebelumnya[0]} bertanggal/berpejabat lain; satu SK satu tanggal dan pejabat.",
                    )
            if ctx.failed or p is None:
                continue
            baris = _Baris(number, p, jab, values)
            sk = sk_ada.get(nomor)
            item = item_ada.get((nomor, p.pk))
            baru_nilai = {
                "jenis": jenis,
                "jabatan_tujuan_id": jab.pk if jab else None,
                "tmt": values["tmt"],
                "instansi": values["instansi"],
                "nomor_pertek": values["nomor_pertek"],
                "tanggal_pertek": values["tanggal_pertek"],
            }
            berubah_item = item is not None and any(getattr(item, f) != baru_nilai[f] for f in ITEM_FIELDS)
            berubah_sk = sk is not None and (sk.tanggal, sk.pejabat_penetap) != (
                values["tanggal_sk"],
                values["pejabat_penetap"],
            )
            if (
                sk is not None
                and sk.sumber == SKMutasi.Sumber.APLIKASI
                and (item is None or berubah_item or berubah_sk)
            ):
                ctx.error(
                    "nomor_sk",
                    f"SK {nomor} diterbitkan di aplikasi; ubah atau batalkan lewat halaman SK mutasi.",
                )
            elif (
                item is not None
                and item.status != PegawaiSKMutasi.Status.MENUNGGU_TMT
                and (berubah_item or berubah_sk)
            ):
                ctx.error(
                    "nomor_sk",
                    f"mutasi NIP {nip} dengan SK {nomor} sudah {item.get_status_display().lower()}; tidak dapat diubah.",
                )
            if ctx.failed:
                continue
            if item is not None and not berubah_item and not berubah_sk:
                report.tidak_berubah += 1
                continue
            baris.item = item
            rencana.baris.append(baris)
            if sk is None:
                rencana.sk_baru.setdefault(
                    nomor, {"tanggal": values["tanggal_sk"], "pejabat": values["pejabat_penetap"]}
                )
            elif berubah_sk and sk not in rencana.sk_ubah:
                sk.tanggal, sk.pejabat_penetap = values["tanggal_sk"], values["pejabat_penetap"]
                rencana.sk_ubah.append(sk)
            if len(report.contoh) < 10:
                report.contoh.append(
                    {"nip": nip, "nomor_sk": nomor, "tmt": values["tmt"].isoformat(), "baru": item is None}
                )
        if report.errors:
            return None
        report.baru = sum(1 for b in rencana.baris if b.item is None)
        report.diperbarui = len(rencana.baris) - report.baru + report.tidak_berubah
        return rencana

    def write(self, state: _Rencana, report: ImportReport, *, reason: str) -> None:
        from .services.sk import terapkan_jatuh_tempo

        actor = self.user or akun_sistem()
        sk_by_nomor: dict[str, SKMutasi] = {}
        for nomor, data in state.sk_baru.items():
            sk = SKMutasi(
                nomor=nomor,
                tanggal=data["tanggal"],
                sumber=SKMutasi.Sumber.IMPOR,
                tentang="Pemindahan dan Penempatan Pegawai Negeri Sipil",
                pejabat_penetap=data["pejabat"],
                diterbitkan_oleh=actor,
            )
            catat_riwayat(sk, actor=actor, alasan=reason)
            sk.save()
            sk_by_nomor[nomor] = sk
        for sk in state.sk_ubah:
            catat_riwayat(sk, actor=actor, alasan=reason)
            sk.save(update_fields=["tanggal", "pejabat_penetap", "diubah"])
            sk_by_nomor[sk.nomor] = sk
        urutan: dict[int, int] = {}
        ditulis = []
        for b in state.baris:
            v, p, jab = b.values, b.pegawai, b.jabatan
            item = b.item
            if item is None:
                sk = sk_by_nomor.get(v["nomor_sk"]) or SKMutasi.objects.get(nomor=v["nomor_sk"])
                if sk.pk not in urutan:
                    urutan[sk.pk] = sk.pegawai_list.count()
                urutan[sk.pk] += 1
                item = PegawaiSKMutasi(
                    sk=sk,
                    urutan=urutan[sk.pk],
                    pegawai=p,
                    nama=p.nama_lengkap[:200],
                    nip=p.nip,
                    pangkat=(f"{p.golongan.pangkat} ({p.golongan.kode})" if p.golongan_id else ""),
                    jabatan_asal=p.jabatan,
                    nama_jabatan_asal=p.jabatan.nama if p.jabatan_id else "",
                    nama_unit_asal=p.unit_kerja.nama if p.unit_kerja_id else "",
                    opd_asal_id=p.opd_id,
                )
            item.jenis = v["jenis"]
            item.jabatan_tujuan = jab
            item.nama_jabatan_tujuan = jab.nama if jab else ""
            item.nama_unit_tujuan = jab.unit_kerja.nama if jab else ""
            item.opd_tujuan_id = (jab.unit_kerja.opd_id or jab.unit_kerja_id) if jab else None
            item.instansi = v["instansi"]
            item.nomor_pertek = v["nomor_pertek"]
            item.tanggal_pertek = v["tanggal_pertek"]
            item.tmt = v["tmt"]
            catat_riwayat(item, actor=actor, alasan=reason)
            item.save()
            ditulis.append(item.pk)
        report.baru = sum(1 for b in state.baris if b.item is None)
        report.diperbarui = len(state.baris) - report.baru
        terapkan_jatuh_tempo(ditulis, actor=actor, sumber="import_mutasi")


def mutasi_export_rows(tahun: int) -> Iterable[list]:
    qs = (
        PegawaiSKMutasi.objects.filter(tmt__year=tahun)
        .select_related("sk", "jabatan_tujuan__unit_kerja", "jabatan_asal__unit_kerja")
        .order_by("tmt", "sk__nomor", "urutan", "id")
    )
    for i in qs.iterator(chunk_size=2000):
        yield [
            i.nip,
            i.jenis,
            i.jabatan_tujuan.unit_kerja.kode if i.jabatan_tujuan_id else "",
            i.nama_jabatan_tujuan if i.jabatan_tujuan_id else "",
            i.tmt.isoformat(),
            i.sk.nomor,
            i.sk.tanggal.isoformat(),
            i.sk.pejabat_penetap,
            i.instansi,
            i.nomor_pertek,
            i.tanggal_pertek.isoformat() if i.tanggal_pertek else "",
            i.nama,
            i.jabatan_asal.unit_kerja.kode if i.jabatan_asal_id else "",
            i.nama_jabatan_asal,
            i.status,
        ]
