"""Writes of a transfer proposal: make, edit, submit, verify, return, reject, approve, override a guard,
upload a checklist document, the employee's answer, and the employee's own request (APS).

Every write takes the actor, checks the predicate of permissions.py, moves the status only through
core.workflow (the TRANSISI table of UsulanMutasi) and records the actor and the reason in the history.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from akun import roles
from core.dates import format_tanggal
from core.history import alasan_bersih, catat_riwayat
from core.uploads import GAMBAR_PDF_EKSTENSI, upload_check
from pegawai.models import Jabatan, Pegawai
from pegawai.selectors import cakupan_for

from .. import permissions, selectors
from ..guard import HasilGuard, cek_guard
from ..models import DokumenUsulan, KodeGuard, PengecualianGuard, SyaratDokumen, UsulanMutasi
from ._common import require, teks_pendek, teks_wajib

S = UsulanMutasi.Status
J = UsulanMutasi.Jenis

# Optional fields a form may set on a proposal (inter-government data and the incoming person).
DETAIL_FIELDS = (
    "nama_pegawai",
    "nip_pegawai",
    "instansi",
    "jabatan_instansi_lain",
    "persetujuan_asal_nomor",
    "persetujuan_asal_tanggal",
    "pertek_nomor",
    "pertek_tanggal",
    "pejabat_penetap",
    "penetapan_nomor",
    "penetapan_tanggal",
)
PANJANG = {
    "nama_pegawai": 150,
    "nip_pegawai": 18,
    "instansi": 200,
    "jabatan_instansi_lain": 200,
    "persetujuan_asal_nomor": 100,
    "pertek_nomor": 100,
    "penetapan_nomor": 100,
}


def _sumber_for(actor) -> str:
    return UsulanMutasi.Sumber.ADMIN_BKD if roles.is_admin_bkd(actor) else UsulanMutasi.Sumber.OPERATOR_OPD


def _lingkup(usulan: UsulanMutasi) -> str:
    if usulan.jenis != J.DALAM_PEMDA:
        return UsulanMutasi.Lingkup.ANTAR_INSTANSI
    tujuan = usulan.jabatan_tujuan
    assert tujuan is not None  # required within the government (_isi)
    if tujuan.unit_kerja_id == usulan.unit_asal_id:
        return UsulanMutasi.Lingkup.ROTASI
    if tujuan.unit_kerja.opd_id == usulan.opd_asal_id:
        return UsulanMutasi.Lingkup.ANTAR_UNIT
    return UsulanMutasi.Lingkup.ANTAR_OPD


def _require_cakupan(actor, *, jenis: str, pegawai: Pegawai | None, jabatan_tujuan: Jabatan | None) -> None:
    """An Operator OPD works on the proposals of its own OPD, origin or destination."""
    if roles.is_admin_bkd(actor):
        return
    opd_id = cakupan_for(actor).opd_id
    asal = pegawai.opd_id if pegawai is not None and jenis != J.MASUK else None
    tujuan = jabatan_tujuan.unit_kerja.opd_id if jabatan_tujuan is not None else None
    if opd_id is None or opd_id not in (asal, tujuan):
        raise PermissionDenied


def _isi(
    usulan: UsulanMutasi,
    *,
    actor,
    jenis: str,
    pegawai: Pegawai | None,
    jabatan_tujuan: Jabatan | None,
    tmt_rencana: dt.date | None,
    alasan: str,
    detail: dict,
) -> None:
    """Set and check the proposal's data (not saved). Errors name their field, all at once."""
    unknown = set(detail) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    errors: dict[str, str] = {}
    if jenis not in J.values:
        raise ValidationError({"jenis": "Jenis mutasi tidak dikenal."})
    try:
        alasan = teks_wajib(alasan, field="alasan", label="Alasan usulan")
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    for name, value in detail.items():
        if name in PANJANG:
            try:
                detail[name] = teks_pendek(
                    value, field=name, label=name.replace("_", " ").capitalize(), panjang=PANJANG[name]
                )
            except ValidationError as exc:
                errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if tmt_rencana is None:
        errors["tmt_rencana"] = "TMT yang direncanakan wajib diisi."
    if jenis == J.MASUK:
        pegawai_ada = pegawai is not None
        if not pegawai_ada and not (detail.get("nama_pegawai") and detail.get("nip_pegawai")):
            errors["nama_pegawai"] = "Untuk mutasi masuk isi nama dan NIP pegawai dari instansi asal."
    elif pegawai is None:
        errors["pegawai"] = "Pegawai wajib dipilih."
    if jenis == J.KELUAR:
        jabatan_tujuan = None
        if not detail.get("instansi"):
            errors["instansi"] = "Instansi tujuan wajib diisi untuk mutasi keluar."
    else:
        if jabatan_tujuan is None:
            errors["jabatan_tujuan"] = "Jabatan tujuan wajib dipilih."
        if jenis == J.MASUK and not detail.get("instansi"):
            errors["instansi"] = "Instansi asal wajib diisi untuk mutasi masuk."
    if pegawai is not None and jenis != J.MASUK:
        if not pegawai.aktif:
            errors["pegawai"] = (
                f"{pegawai.nama_lengkap} tidak aktif; pegawai tidak aktif tidak dapat dimutasi."
            )
        elif tmt_rencana and pegawai.tanggal_pensiun and pegawai.tanggal_pensiun <= tmt_rencana:
            errors["pegawai"] = (
                f"{pegawai.nama_lengkap} pensiun pada {format_tanggal(pegawai.tanggal_pensiun)}, "
                f"sebelum TMT yang direncanakan."
            )
        elif jabatan_tujuan is not None and jabatan_tujuan.pk == pegawai.jabatan_id:
            errors["jabatan_tujuan"] = "Jabatan tujuan sama dengan jabatan pegawai sekarang."
    if errors:
        raise ValidationError(errors)
    if actor is not None:
        _require_cakupan(actor, jenis=jenis, pegawai=pegawai, jabatan_tujuan=jabatan_tujuan)
    usulan.jenis = jenis
    usulan.pegawai = pegawai
    usulan.jabatan_tujuan = jabatan_tujuan
    usulan.tmt_rencana = tmt_rencana  # type: ignore[assignment]  # checked above
    usulan.alasan = alasan
    for name, value in detail.items():
        setattr(usulan, name, value if value is not None or name.endswith("tanggal") else "")
    if pegawai is not None and jenis != J.MASUK:
        usulan.unit_asal_id = pegawai.unit_kerja_id
        usulan.opd_asal_id = pegawai.opd_id
        usulan.jabatan_asal_id = pegawai.jabatan_id
        usulan.nama_jabatan_asal = pegawai.jabatan.nama
        usulan.nama_unit_asal = pegawai.unit_kerja.nama
    else:
        usulan.unit_asal = usulan.opd_asal = usulan.jabatan_asal = None
        usulan.nama_jabatan_asal = detail.get("jabatan_instansi_lain", "") if jenis == J.MASUK else ""
        usulan.nama_unit_asal = detail.get("instansi", "")
    if pegawai is not None:
        usulan.nama_pegawai = pegawai.nama_lengkap
        usulan.nip_pegawai = pegawai.nip
    usulan.opd_tujuan_id = jabatan_tujuan.unit_kerja.opd_id if jabatan_tujuan is not None else None
    usulan.lingkup = _lingkup(usulan)


@transaction.atomic
def usulan_mutasi_create(
    *,
    actor,
    jenis: str,
    pegawai: Pegawai | None,
    jabatan_tujuan: Jabatan | None,
    tmt_rencana: dt.date | None,
    alasan: str,
    **detail,
) -> UsulanMutasi:
    """A new proposal in draft, by an Operator OPD or the Admin BKD."""
    require(permissions.can_create_usulan_mutasi(actor))
    usulan = UsulanMutasi(sumber=_sumber_for(actor), dibuat_oleh=actor)
    _isi(
        usulan,
        actor=actor,
        jenis=jenis,
        pegawai=pegawai,
        jabatan_tujuan=jabatan_tujuan,
        tmt_rencana=tmt_rencana,
        alasan=alasan,
        detail=detail,
    )
    usulan.full_clean()
    catat_riwayat(usulan, actor=actor, alasan="Usulan dibuat")
    usulan.save()
    return usulan


@transaction.atomic
def usulan_mutasi_update(
    *,
    actor,
    usulan: UsulanMutasi,
    jenis: str,
    pegawai: Pegawai | None,
    jabatan_tujuan: Jabatan | None,
    tmt_rencana: dt.date | None,
    alasan: str,
    **detail,
) -> UsulanMutasi:
    """Edit a draft or returned proposal."""
    usulan = UsulanMutasi.objects.select_for_update().get(pk=usulan.pk)
    require(permissions.can_edit_usulan_mutasi(actor, usulan))
    _isi(
        usulan,
        actor=actor,
        jenis=jenis,
        pegawai=pegawai,
        jabatan_tujuan=jabatan_tujuan,
        tmt_rencana=tmt_rencana,
        alasan=alasan,
        detail=detail,
    )
    usulan.full_clean()
    catat_riwayat(usulan, actor=actor, alasan="Usulan diubah")
    usulan.save()
    return usulan


def guard_usulan(usulan: UsulanMutasi) -> list[HasilGuard]:
    """The guards for this proposal as of its planned TMT."""
    return cek_guard(
        usulan.pegawai,
        usulan.jabatan_tujuan,
        usulan.tmt_rencana,
        jenis_usulan=usulan.jenis,
        sumber=usulan.sumber,
    )


def guard_terbuka(usulan: UsulanMutasi) -> list[HasilGuard]:
    """Violated guards without an override."""
    dikecualikan = set(PengecualianGuard.objects.filter(usulan=usulan).values_list("kode_guard", flat=True))
    return [h for h in guard_usulan(usulan) if h.dilanggar and h.kode not in dikecualikan]


def _cek_guard_atau_tolak(usulan: UsulanMutasi) -> None:
    terbuka = guard_terbuka(usulan)
    if terbuka:
        raise ValidationError(
            [f"{h.nama}: {h.penjelasan} ({h.dasar_hukum})" for h in terbuka]
            + [
                "Usulan tidak dapat diteruskan selama aturan ini dilanggar, kecuali dicatat pengecualian "
                "dengan alasan dan dokumen persetujuannya (nomor dan tanggal)."
            ]
        )


def _lock(usulan: UsulanMutasi) -> UsulanMutasi:
    return (
        UsulanMutasi.objects.select_for_update(of=("self",))
        .select_related("pegawai", "pegawai__jabatan", "pegawai__unit_kerja", "jabatan_tujuan")
        .get(pk=usulan.pk)
    )


def _require_aktif(usulan: UsulanMutasi, langkah: str) -> None:
    pegawai = usulan.pegawai
    if pegawai is not None and not pegawai.aktif:
        raise ValidationError(f"{pegawai.nama_lengkap} tidak aktif; usulan tidak dapat {langkah}.")


@transaction.atomic
def usulan_mutasi_submit(*, actor, usulan: UsulanMutasi, catatan: str = "") -> UsulanMutasi:
    """Draft (or returned) → diajukan. Refused while a guard is violated without an override."""
    usulan = _lock(usulan)
    require(permissions.can_submit_usulan_mutasi(actor, usulan))
    catatan = alasan_bersih(catatan, field="catatan", label="Catatan")
    _require_aktif(usulan, "diajukan")
    _cek_guard_atau_tolak(usulan)
    usulan.transition_to(S.DIAJUKAN)
    usulan.diajukan_oleh = actor
    usulan.diajukan_pada = timezone.now()
    usulan.catatan_status = catatan
    catat_riwayat(usulan, actor=actor, alasan=f"Diajukan. {catatan}".strip())
    usulan.save(update_fields=["status", "diajukan_oleh", "diajukan_pada", "catatan_status", "diubah"])
    return usulan


def kekurangan_berkas(usulan: UsulanMutasi) -> list[str]:
    """What the kind's checklist still misses: required uploads and inter-government data."""
    kurang = [
        f"Dokumen belum diunggah: {s.nama}." for s, d in selectors.checklist(usulan) if s.wajib and d is None
    ]
    if usulan.antar_instansi:
        if not usulan.instansi:
            kurang.append("Instansi lain belum diisi.")
        if not (usulan.persetujuan_asal_nomor and usulan.persetujuan_asal_tanggal):
            kurang.append("Nomor dan tanggal persetujuan PPK instansi asal belum diisi.")
    return kurang


@transaction.atomic
def usulan_mutasi_verify(*, actor, usulan: UsulanMutasi, catatan: str = "") -> UsulanMutasi:
    """Diajukan → diverifikasi, when every required checklist document and datum is there."""
    usulan = _lock(usulan)
    require(permissions.can_verify_usulan_mutasi(actor, usulan))
    catatan = alasan_bersih(catatan, field="catatan", label="Catatan")
    kurang = kekurangan_berkas(usulan)
    if kurang:
        raise ValidationError(kurang)
    usulan.transition_to(S.DIVERIFIKASI)
    usulan.catatan_status = catatan
    catat_riwayat(usulan, actor=actor, alasan=f"Berkas diverifikasi lengkap. {catatan}".strip())
    usulan.save(update_fields=["status", "catatan_status", "diubah"])
    return usulan


@transaction.atomic
def usulan_mutasi_return(*, actor, usulan: UsulanMutasi, alasan: str) -> UsulanMutasi:
    """Back to the proposer with a reason (from any step before the SK)."""
    usulan = _lock(usulan)
    require(permissions.can_return_usulan_mutasi(actor, usulan))
    alasan = teks_wajib(alasan, field="alasan", label="Alasan pengembalian")
    usulan.transition_to(S.DIKEMBALIKAN)
    usulan.catatan_status = alasan
    catat_riwayat(usulan, actor=actor, alasan=f"Dikembalikan: {alasan}")
    usulan.save(update_fields=["status", "catatan_status", "diubah"])
    return usulan


@transaction.atomic
def usulan_mutasi_reject(*, actor, usulan: UsulanMutasi, alasan: str) -> UsulanMutasi:
    usulan = _lock(usulan)
    require(permissions.can_reject_usulan_mutasi(actor, usulan))
    alasan = teks_wajib(alasan, field="alasan", label="Alasan penolakan")
    usulan.transition_to(S.DITOLAK)
    usulan.catatan_status = alasan
    usulan.diputuskan_oleh = actor
    usulan.diputuskan_pada = timezone.now()
    catat_riwayat(usulan, actor=actor, alasan=f"Ditolak: {alasan}")
    usulan.save(update_fields=["status", "catatan_status", "diputuskan_oleh", "diputuskan_pada", "diubah"])
    return usulan


@transaction.atomic
def usulan_mutasi_approve(*, actor, usulan: UsulanMutasi, catatan: str = "") -> UsulanMutasi:
    """The PPK approves (Peraturan BKN 5/2019; PP 11/2017 Pasal 191). The guards are checked again as
    of the planned TMT: a rule violated since submission still stops it unless overridden."""
    usulan = _lock(usulan)
    require(permissions.can_approve_usulan_mutasi(actor, usulan))
    catatan = alasan_bersih(catatan, field="catatan", label="Catatan")
    _require_aktif(usulan, "disetujui")
    _cek_guard_atau_tolak(usulan)
    usulan.transition_to(S.DISETUJUI)
    usulan.diputuskan_oleh = actor
    usulan.diputuskan_pada = timezone.now()
    usulan.catatan_status = catatan
    catat_riwayat(usulan, actor=actor, alasan=f"Disetujui PPK. {catatan}".strip())
    usulan.save(update_fields=["status", "diputuskan_oleh", "diputuskan_pada", "catatan_status", "diubah"])
    return usulan


@transaction.atomic
def usulan_mutasi_override_guard(
    *,
    actor,
    usulan: UsulanMutasi,
    kode_guard: str,
    alasan: str,
    nomor_dokumen: str,
    tanggal_dokumen: dt.date | None,
) -> PengecualianGuard:
    """Record why a violated guard may be passed and the document that approves it (e.g. the Mendagri's
    written approval in an election freeze): reason, number and date are all required."""
    usulan = _lock(usulan)
    require(permissions.can_override_guard_usulan_mutasi(actor, usulan))
    errors: dict[str, str] = {}
    if kode_guard not in KodeGuard.values:
        errors["kode_guard"] = "Aturan tidak dikenal."
    try:
        alasan = teks_wajib(alasan, field="alasan", label="Alasan pengecualian")
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    nomor = (nomor_dokumen or "").strip()
    if not nomor:
        errors["nomor_dokumen"] = "Nomor dokumen persetujuan wajib diisi."
    elif len(nomor) > 100:
        errors["nomor_dokumen"] = f"Nomor dokumen paling panjang 100 karakter (sekarang {len(nomor)})."
    if tanggal_dokumen is None:
        errors["tanggal_dokumen"] = "Tanggal dokumen persetujuan wajib diisi."
    elif tanggal_dokumen > timezone.localdate():
        errors["tanggal_dokumen"] = "Tanggal dokumen persetujuan tidak boleh di masa depan."
    if errors:
        raise ValidationError(errors)
    pengecualian = PengecualianGuard.objects.filter(usulan=usulan, kode_guard=kode_guard).first()
    if pengecualian is None:
        pengecualian = PengecualianGuard(usulan=usulan, kode_guard=kode_guard, dibuat_oleh=actor)
    pengecualian.alasan = alasan
    pengecualian.nomor_dokumen = nomor
    pengecualian.tanggal_dokumen = tanggal_dokumen  # type: ignore[assignment]  # checked above
    pengecualian.dibuat_oleh = actor
    catat_riwayat(pengecualian, actor=actor, alasan=alasan)
    pengecualian.save()
    label = KodeGuard(kode_guard).label
    catat_riwayat(
        usulan,
        actor=actor,
        alasan=f"Pengecualian {label}: {nomor} tanggal {format_tanggal(tanggal_dokumen)}",
    )
    usulan.save(update_fields=["diubah"])
    return pengecualian


@transaction.atomic
def usulan_mutasi_upload_dokumen(
    *, actor, usulan: UsulanMutasi, syarat: SyaratDokumen, berkas
) -> DokumenUsulan:
    """Upload (or replace) the file of one checklist item: PDF, JPG or PNG, content checked."""
    usulan = _lock(usulan)
    require(permissions.can_upload_dokumen_usulan_mutasi(actor, usulan))
    if not syarat.berlaku_untuk(usulan):
        raise ValidationError({"syarat": f"“{syarat.nama}” bukan syarat untuk usulan ini."})
    upload_check(berkas, allowed=GAMBAR_PDF_EKSTENSI, max_bytes=settings.ASN_BUKTI_MAX_BYTES)
    nama = Path(berkas.name).name[:255]
    dokumen = DokumenUsulan.objects.filter(usulan=usulan, syarat=syarat).first()
    if dokumen is None:
        dokumen = DokumenUsulan(usulan=usulan, syarat=syarat, diunggah_oleh=actor)
    dokumen.nama_berkas = nama
    dokumen.ukuran = berkas.size
    dokumen.diunggah_oleh = actor
    dokumen.berkas.save(nama, berkas, save=False)
    catat_riwayat(dokumen, actor=actor, alasan=f"Unggah {syarat.nama}")
    dokumen.save()
    return dokumen


@transaction.atomic
def usulan_mutasi_respond(*, actor, usulan: UsulanMutasi, tanggapan: str, alasan: str = "") -> UsulanMutasi:
    """The employee concerned agrees or objects (with a reason) before the PPK decides."""
    usulan = _lock(usulan)
    require(permissions.can_respond_usulan_mutasi(actor, usulan))
    if tanggapan not in UsulanMutasi.Tanggapan.values:
        raise ValidationError({"tanggapan": "Pilih setuju atau keberatan."})
    if tanggapan == UsulanMutasi.Tanggapan.KEBERATAN:
        alasan = teks_wajib(alasan, field="alasan", label="Alasan keberatan")
    else:
        alasan = alasan_bersih(alasan, field="alasan", label="Catatan")
    usulan.tanggapan = tanggapan
    usulan.tanggapan_alasan = alasan
    usulan.ditanggapi_pada = timezone.now()
    label = UsulanMutasi.Tanggapan(tanggapan).label
    catat_riwayat(usulan, actor=actor, alasan=f"Tanggapan pegawai: {label}. {alasan}".strip())
    usulan.save(update_fields=["tanggapan", "tanggapan_alasan", "ditanggapi_pada", "diubah"])
    return usulan


@transaction.atomic
def aps_create(
    *,
    actor,
    jabatan_tujuan: Jabatan | None,
    alasan: str,
    tmt_rencana: dt.date | None = None,
    instansi: str = "",
) -> UsulanMutasi:
    """The employee's own request to move (atas permintaan sendiri), outside a rotation round: a draft
    of source APS that the Operator OPD or the Admin BKD completes and submits. With `instansi` and no
    position it is a request to move out to another government."""
    require(permissions.can_file_aps(actor))
    pegawai = Pegawai.objects.select_related("jabatan", "unit_kerja").get(user=actor)
    jenis = J.KELUAR if instansi and jabatan_tujuan is None else J.DALAM_PEMDA
    usulan = UsulanMutasi(sumber=UsulanMutasi.Sumber.APS, dibuat_oleh=actor)
    if tmt_rencana is None:
        tmt_rencana = timezone.localdate() + dt.timedelta(days=90)
    if not pegawai.aktif:
        raise ValidationError("Pegawai tidak aktif tidak dapat mengajukan permintaan pindah.")
    detail = {"instansi": instansi} if jenis == J.KELUAR else {}
    _isi(
        usulan,
        actor=None,  # the employee asks for themself; the officer scope check does not apply
        jenis=jenis,
        pegawai=pegawai,
        jabatan_tujuan=jabatan_tujuan,
        tmt_rencana=tmt_rencana,
        alasan=alasan,
        detail=detail,
    )
    usulan.full_clean()
    catat_riwayat(usulan, actor=actor, alasan="Permintaan pindah atas permintaan sendiri (APS)")
    usulan.save()
    return usulan


__all__ = [
    "aps_create",
    "guard_terbuka",
    "guard_usulan",
    "kekurangan_berkas",
    "usulan_mutasi_approve",
    "usulan_mutasi_create",
    "usulan_mutasi_override_guard",
    "usulan_mutasi_reject",
    "usulan_mutasi_respond",
    "usulan_mutasi_return",
    "usulan_mutasi_submit",
    "usulan_mutasi_update",
    "usulan_mutasi_upload_dokumen",
    "usulan_mutasi_verify",
]
