"""Transfer proposals (usulan mutasi): kinds, the workflow, the document checklist and overrides."""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from pegawai.models import Jabatan, Pegawai, UnitKerja

from ._asal_tujuan import AsalTujuanMutasi


def dokumen_upload_to(instance, filename: str) -> str:
    """A random folder per file (MEDIA_ROOT is never served; only the scoped download view hands it out)."""
    return f"mutasi/{secrets.token_urlsafe(16)}/{PurePath(filename).name}"


class JenisUsulan(models.TextChoices):
    """Kinds of move (reference §1.2): within this government, incoming, outgoing."""

    DALAM_PEMDA = "dalam_pemda", _("Dalam pemerintah daerah")
    MASUK = "masuk", _("Mutasi masuk (dari instansi lain)")
    KELUAR = "keluar", _("Mutasi keluar (ke instansi lain)")


class UsulanMutasi(TimeStampedModel, AsalTujuanMutasi):
    """One proposed move of one employee, from draft to the PPK's decision (SK and TMT are built on it)."""

    Jenis = JenisUsulan

    class Lingkup(models.TextChoices):
        ROTASI = "rotasi", _("Rotasi (unit yang sama)")
        ANTAR_UNIT = "antar_unit", _("Antar unit dalam satu OPD")
        ANTAR_OPD = "antar_opd", _("Antar OPD")
        ANTAR_INSTANSI = "antar_instansi", _("Antar instansi")

    class Sumber(models.TextChoices):
        OPERATOR_OPD = "operator_opd", _("Operator OPD")
        ADMIN_BKD = "admin_bkd", _("Admin BKD")
        APS = "aps", _("Permintaan sendiri (APS)")

    class PejabatPenetap(models.TextChoices):
        PPK = "ppk", _("PPK (Wali Kota/Bupati)")
        GUBERNUR = "gubernur", _("Gubernur")
        MENDAGRI = "mendagri", _("Menteri Dalam Negeri")
        KEPALA_BKN = "kepala_bkn", _("Kepala BKN / Kanreg BKN")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
        DIREKOMENDASIKAN = "direkomendasikan", _("Dipertimbangkan TPK")
        DISETUJUI = "disetujui", _("Disetujui PPK")
        SK_TERBIT = "sk_terbit", _("SK terbit")
        BERLAKU = "berlaku", _("Berlaku")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
        DITOLAK = "ditolak", _("Ditolak")

    TRANSISI = {  # core.workflow; SK_TERBIT and BERLAKU are reached by the SK side (built elsewhere)
        Status.DRAFT: {Status.DIAJUKAN},
        Status.DIKEMBALIKAN: {Status.DIAJUKAN},
        Status.DIAJUKAN: {Status.DIVERIFIKASI, Status.DIKEMBALIKAN, Status.DITOLAK},
        Status.DIVERIFIKASI: {Status.DIREKOMENDASIKAN, Status.DIKEMBALIKAN, Status.DITOLAK},
        Status.DIREKOMENDASIKAN: {Status.DISETUJUI, Status.DIKEMBALIKAN, Status.DITOLAK},
        Status.DISETUJUI: {Status.SK_TERBIT, Status.DIKEMBALIKAN},
        # Cancelling the SK (mutasi.services.sk.sk_mutasi_cancel) returns the proposal to the approved stage.
        Status.SK_TERBIT: {Status.BERLAKU, Status.DISETUJUI},
        Status.BERLAKU: set(),
        Status.DITOLAK: set(),
    }
    DAPAT_DIUBAH = (Status.DRAFT, Status.DIKEMBALIKAN)
    DALAM_PROSES = (Status.DIAJUKAN, Status.DIVERIFIKASI, Status.DIREKOMENDASIKAN)
    # From the review stage on, the employee concerned sees the proposal and may answer until the decision.
    TERLIHAT_PEGAWAI = (
        Status.DIVERIFIKASI,
        Status.DIREKOMENDASIKAN,
        Status.DISETUJUI,
        Status.SK_TERBIT,
        Status.BERLAKU,
        Status.DITOLAK,
    )
    DAPAT_DITANGGAPI = (Status.DIVERIFIKASI, Status.DIREKOMENDASIKAN)

    class Tanggapan(models.TextChoices):
        SETUJU = "setuju", _("Setuju")
        KEBERATAN = "keberatan", _("Keberatan")

    jenis = models.CharField(_("jenis mutasi"), max_length=12, choices=Jenis.choices)
    lingkup = models.CharField(_("lingkup"), max_length=16, choices=Lingkup.choices, editable=False)
    sumber = models.CharField(_("diusulkan oleh"), max_length=14, choices=Sumber.choices)
    pegawai = models.ForeignKey(
        Pegawai,
        verbose_name=_("pegawai"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="usulan_mutasi",
        help_text=_("Kosong hanya untuk mutasi masuk dari pegawai yang belum ada di data."),
    )
    nama_pegawai = models.CharField(_("nama pegawai"), max_length=150, blank=True)
    nip_pegawai = models.CharField(_("NIP"), max_length=18, blank=True)
    # Origin, a snapshot taken when the proposal is made (the employee's record may change later); the
    # rest of the origin and the destination come from AsalTujuanMutasi.
    unit_asal = models.ForeignKey(
        UnitKerja,
        verbose_name=_("unit asal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Destination: a position here (dalam pemda, masuk) or the other government (keluar).
    jabatan_tujuan = models.ForeignKey(
        Jabatan,
        verbose_name=_("jabatan tujuan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="usulan_mutasi_masuk",
    )
    jabatan_instansi_lain = models.CharField(_("jabatan di instansi lain"), max_length=200, blank=True)
    tmt_rencana = models.DateField(_("TMT yang direncanakan"))
    alasan = models.TextField(_("alasan usulan"))
    # Inter-government documents (reference §1.2): numbers and dates of what is decided elsewhere.
    persetujuan_asal_nomor = models.CharField(_("nomor persetujuan PPK asal"), max_length=100, blank=True)
    persetujuan_asal_tanggal = models.DateField(_("tanggal persetujuan PPK asal"), null=True, blank=True)
    pertek_nomor = models.CharField(_("nomor Pertek BKN"), max_length=100, blank=True)
    pertek_tanggal = models.DateField(_("tanggal Pertek BKN"), null=True, blank=True)
    pejabat_penetap = models.CharField(
        _("pejabat yang menetapkan"),
        max_length=12,
        choices=PejabatPenetap.choices,
        default=PejabatPenetap.PPK,
    )
    penetapan_nomor = models.CharField(_("nomor keputusan pejabat penetap"), max_length=100, blank=True)
    penetapan_tanggal = models.DateField(_("tanggal keputusan pejabat penetap"), null=True, blank=True)

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diajukan oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    diputuskan_pada = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    catatan_status = models.TextField(_("catatan status terakhir"), blank=True)
    # Consultation (point 8): the employee's answer before the PPK decides.
    tanggapan = models.CharField(_("tanggapan pegawai"), max_length=10, choices=Tanggapan.choices, blank=True)
    tanggapan_alasan = models.TextField(_("alasan tanggapan"), blank=True)
    ditanggapi_pada = models.DateTimeField(_("ditanggapi pada"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("usulan mutasi")
        verbose_name_plural = _("usulan mutasi")
        ordering = ["-dibuat", "-id"]
        indexes = [
            models.Index(fields=["status", "-dibuat"], name="usulanmutasi_status"),
            models.Index(fields=["opd_asal", "status"], name="usulanmutasi_opd_asal"),
            models.Index(fields=["opd_tujuan", "status"], name="usulanmutasi_opd_tujuan"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis="masuk") | Q(pegawai__isnull=False),
                name="usulanmutasi_pegawai_wajib",
                violation_error_message=_("Pegawai wajib dipilih kecuali untuk mutasi masuk."),
            ),
            models.CheckConstraint(
                condition=Q(jenis="keluar") | Q(jabatan_tujuan__isnull=False),
                name="usulanmutasi_jabatan_tujuan_wajib",
                violation_error_message=_("Jabatan tujuan wajib dipilih kecuali untuk mutasi keluar."),
            ),
            models.CheckConstraint(
                condition=~Q(jabatan_asal=F("jabatan_tujuan")) | Q(jabatan_asal__isnull=True),
                name="usulanmutasi_tujuan_beda",
                violation_error_message=_("Jabatan tujuan sama dengan jabatan asal."),
            ),
        ]

    def __str__(self) -> str:
        return f"Usulan mutasi {self.nama_tampil} ({self.get_status_display()})"

    @property
    def nama_tampil(self) -> str:
        if self.pegawai_id:
            return self.pegawai.nama_lengkap
        return self.nama_pegawai

    @property
    def nip_tampil(self) -> str:
        return self.pegawai.nip if self.pegawai_id else self.nip_pegawai

    @property
    def tujuan_tampil(self) -> str:
        if self.jabatan_tujuan_id:
            return f"{self.jabatan_tujuan.nama} — {self.jabatan_tujuan.unit_kerja.nama}"
        return f"{self.jabatan_instansi_lain or '-'} — {self.instansi}"

    @property
    def asal_tampil(self) -> str:
        if self.jenis == self.Jenis.MASUK and not self.nama_jabatan_asal:
            return self.instansi
        return f"{self.nama_jabatan_asal} — {self.nama_unit_asal}"

    @property
    def antar_instansi(self) -> bool:
        return self.jenis in (self.Jenis.MASUK, self.Jenis.KELUAR)

    @property
    def dapat_diubah(self) -> bool:
        return self.status in self.DAPAT_DIUBAH

    def transition_to(self, status: str) -> None:
        from core.workflow import transition

        transition(self, status)


class SyaratDokumen(TimeStampedModel):
    """One item of the document checklist of a kind of move (reference §1.3), kept as editable data."""

    jenis = models.CharField(_("jenis mutasi"), max_length=12, choices=JenisUsulan.choices)
    nama = models.CharField(_("dokumen"), max_length=200)
    keterangan = models.CharField(_("keterangan"), max_length=300, blank=True)
    dasar_hukum = models.CharField(_("dasar hukum"), max_length=200, blank=True)
    wajib = models.BooleanField(_("wajib"), default=True)
    hanya_aps = models.BooleanField(
        _("hanya untuk permintaan sendiri"),
        default=False,
        help_text=_("Mis. surat permohonan pegawai (APS)."),
    )
    hanya_antar_opd = models.BooleanField(_("hanya untuk mutasi antar OPD"), default=False)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    aktif = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("syarat dokumen mutasi")
        verbose_name_plural = _("syarat dokumen mutasi")
        ordering = ["jenis", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["jenis", "nama"], name="syaratdokumen_unik_nama_per_jenis")
        ]

    def __str__(self) -> str:
        return self.nama

    def berlaku_untuk(self, usulan: UsulanMutasi) -> bool:
        if not self.aktif or self.jenis != usulan.jenis:
            return False
        if self.hanya_aps and usulan.sumber != UsulanMutasi.Sumber.APS:
            return False
        return not (self.hanya_antar_opd and usulan.lingkup != UsulanMutasi.Lingkup.ANTAR_OPD)


class DokumenUsulan(TimeStampedModel):
    """The uploaded file for one checklist item of one proposal (a new upload replaces the old one)."""

    usulan = models.ForeignKey(
        UsulanMutasi, verbose_name=_("usulan"), on_delete=models.CASCADE, related_name="dokumen"
    )
    syarat = models.ForeignKey(
        SyaratDokumen, verbose_name=_("syarat"), on_delete=models.PROTECT, related_name="+"
    )
    berkas = models.FileField(_("berkas"), upload_to=dokumen_upload_to, max_length=255)
    nama_berkas = models.CharField(_("nama berkas"), max_length=255)
    ukuran = models.PositiveIntegerField(_("ukuran (bita)"), default=0)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diunggah oleh"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("dokumen usulan mutasi")
        verbose_name_plural = _("dokumen usulan mutasi")
        ordering = ["usulan", "syarat__urutan"]
        constraints = [
            models.UniqueConstraint(fields=["usulan", "syarat"], name="dokumenusulan_satu_per_syarat")
        ]

    def __str__(self) -> str:
        return self.nama_berkas


class PengecualianGuard(TimeStampedModel):
    """An override of one violated guard for one proposal: the reason and the approving document."""

    usulan = models.ForeignKey(
        UsulanMutasi, verbose_name=_("usulan"), on_delete=models.CASCADE, related_name="pengecualian"
    )
    kode_guard = models.CharField(_("aturan"), max_length=30)
    alasan = models.TextField(_("alasan pengecualian"))
    nomor_dokumen = models.CharField(_("nomor dokumen persetujuan"), max_length=100)
    tanggal_dokumen = models.DateField(_("tanggal dokumen persetujuan"))
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("pengecualian aturan mutasi")
        verbose_name_plural = _("pengecualian aturan mutasi")
        ordering = ["usulan", "kode_guard"]
        constraints = [
            models.UniqueConstraint(fields=["usulan", "kode_guard"], name="pengecualianguard_satu_per_aturan")
        ]

    def __str__(self) -> str:
        return f"{self.kode_guard}: {self.nomor_dokumen}"
