"""Pembinaan (issue 14): the JP ledger and the catalogue it grows from.

- AturanJP: the government's dated rule per form of development (Peraturan LAN 10/2018) that turns an
  activity into JP credited; TargetJP: the yearly JP target per employment status (PP 17/2020 Pasal 203(4)).
- Program: a catalogue entry (competence, form, JP, kind of organiser); events, plans, e-learning and
  mentoring build on it later.
- KegiatanPengembangan: one completed activity of one employee (imported, claimed, from e-learning or an
  event) with the JP credited by the rule in force and that rule's version. Only verified activities count.
- RekapJP: per employee and year the JP credited (the yearly maximum per form applied), kept by the
  services so every compliance page is one aggregate over it.
"""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from pegawai.models import Pegawai


class Jalur(models.TextChoices):
    KLASIKAL = "klasikal", _("Klasikal")
    NONKLASIKAL = "nonklasikal", _("Nonklasikal")


class Bentuk(models.TextChoices):
    """Forms of competency development by training (Peraturan LAN 10/2018); the CONTRACT's codes."""

    PELATIHAN_KEPEMIMPINAN = "pelatihan_kepemimpinan", _("Pelatihan struktural kepemimpinan")
    PELATIHAN_MANAJERIAL = "pelatihan_manajerial", _("Pelatihan manajerial")
    PELATIHAN_TEKNIS = "pelatihan_teknis", _("Pelatihan teknis")
    PELATIHAN_FUNGSIONAL = "pelatihan_fungsional", _("Pelatihan fungsional")
    PELATIHAN_SOSIAL_KULTURAL = "pelatihan_sosial_kultural", _("Pelatihan sosial kultural")
    SEMINAR = "seminar", _("Seminar/konferensi/sarasehan")
    WORKSHOP = "workshop", _("Workshop/lokakarya")
    KURSUS = "kursus", _("Kursus")
    PENATARAN = "penataran", _("Penataran")
    BIMBINGAN_TEKNIS = "bimbingan_teknis", _("Bimbingan teknis")
    SOSIALISASI = "sosialisasi", _("Sosialisasi")
    COACHING = "coaching", _("Coaching")
    MENTORING = "mentoring", _("Mentoring")
    E_LEARNING = "e_learning", _("E-learning")
    PELATIHAN_JARAK_JAUH = "pelatihan_jarak_jauh", _("Pelatihan jarak jauh")
    DETASERING = "detasering", _("Detasering (secondment)")
    PEMBELAJARAN_ALAM_TERBUKA = "pembelajaran_alam_terbuka", _("Pembelajaran alam terbuka (outbound)")
    PATOK_BANDING = "patok_banding", _("Patok banding (benchmarking)")
    PERTUKARAN_PEGAWAI = "pertukaran_pegawai", _("Pertukaran PNS dengan pegawai swasta/BUMN/BUMD")
    BELAJAR_MANDIRI = "belajar_mandiri", _("Belajar mandiri")
    KOMUNITAS_BELAJAR = "komunitas_belajar", _("Komunitas belajar")
    BIMBINGAN_DI_TEMPAT_KERJA = "bimbingan_di_tempat_kerja", _("Bimbingan di tempat kerja")
    MAGANG = "magang", _("Magang/praktik kerja")


BENTUK_KLASIKAL = frozenset(
    {
        Bentuk.PELATIHAN_KEPEMIMPINAN,
        Bentuk.PELATIHAN_MANAJERIAL,
        Bentuk.PELATIHAN_TEKNIS,
        Bentuk.PELATIHAN_FUNGSIONAL,
        Bentuk.PELATIHAN_SOSIAL_KULTURAL,
        Bentuk.SEMINAR,
        Bentuk.WORKSHOP,
        Bentuk.KURSUS,
        Bentuk.PENATARAN,
        Bentuk.BIMBINGAN_TEKNIS,
        Bentuk.SOSIALISASI,
    }
)


def jalur_bentuk(bentuk: str) -> str:
    return Jalur.KLASIKAL if bentuk in BENTUK_KLASIKAL else Jalur.NONKLASIKAL


class AturanJP(TimeStampedModel):
    """How one form of development is credited in JP from a date on (a new version = a new row)."""

    class Basis(models.TextChoices):
        SERTIFIKAT = "sertifikat", _("Sesuai sertifikat")
        MENIT = "menit", _("Per menit (1 JP per sekian menit penuh)")
        SESI = "sesi", _("Per sesi")
        HARI = "hari", _("Per hari")
        TETAP = "tetap", _("Tetap per kegiatan")

    bentuk = models.CharField(_("bentuk"), max_length=32, choices=Bentuk.choices)
    jalur = models.CharField(_("jalur"), max_length=12, choices=Jalur.choices)
    basis = models.CharField(_("dasar perhitungan"), max_length=12, choices=Basis.choices)
    # MENIT: minutes per JP (45 = one JP per full 45 minutes); SESI/HARI: JP per session/day; TETAP: JP.
    nilai = models.DecimalField(_("nilai"), max_digits=6, decimal_places=2)
    maks_per_tahun = models.DecimalField(
        _("maksimal JP per tahun"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    wajib_bukti = models.BooleanField(_("wajib bukti"), default=True)
    dasar_hukum = models.CharField(_("dasar hukum"), max_length=300)
    keterangan = models.CharField(_("keterangan"), max_length=500, blank=True)
    perlu_ditinjau = models.BooleanField(
        _("perlu ditinjau"), default=False, help_text=_("Nilai dari praktik umum, bukan ketentuan nasional.")
    )
    berlaku_mulai = models.DateField(_("berlaku mulai"))
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("aturan JP")
        verbose_name_plural = _("aturan JP")
        ordering = ["bentuk", "-berlaku_mulai"]
        constraints = [
            models.UniqueConstraint(fields=["bentuk", "berlaku_mulai"], name="aturanjp_satu_per_tanggal"),
            models.CheckConstraint(condition=Q(nilai__gte=0), name="aturanjp_nilai_positif"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_bentuk_display()} ({self.get_basis_display()}, sejak {self.berlaku_mulai:%d-%m-%Y})"
        )


class TargetJP(TimeStampedModel):
    """The yearly JP target of one employment status from a date on."""

    status_kepegawaian = models.CharField(
        _("status kepegawaian"), max_length=16, choices=Pegawai.Status.choices
    )
    target_jp = models.PositiveSmallIntegerField(_("target JP per tahun"))
    dasar_hukum = models.CharField(_("dasar hukum"), max_length=300)
    keterangan = models.CharField(_("keterangan"), max_length=500, blank=True)
    perlu_ditinjau = models.BooleanField(_("perlu ditinjau"), default=False)
    berlaku_mulai = models.DateField(_("berlaku mulai"))
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("target JP")
        verbose_name_plural = _("target JP")
        ordering = ["status_kepegawaian", "-berlaku_mulai"]
        constraints = [
            models.UniqueConstraint(
                fields=["status_kepegawaian", "berlaku_mulai"], name="targetjp_satu_per_tanggal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.status_kepegawaian}: {self.target_jp} JP (sejak {self.berlaku_mulai:%d-%m-%Y})"


class JenisPenyelenggara(models.TextChoices):
    BKD = "bkd", _("BKD/BKPSDM")
    BPSDM = "bpsdm", _("BPSDM provinsi")
    LAN = "lan", _("LAN")
    UNIVERSITAS = "universitas", _("Universitas")
    PERUSAHAAN = "perusahaan", _("Perusahaan")
    ASOSIASI = "asosiasi", _("Asosiasi profesi")
    LAINNYA = "lainnya", _("Lainnya")


class Program(TimeStampedModel):
    """A catalogue entry: a programme of development the government offers or recognises."""

    nama = models.CharField(_("nama program"), max_length=300)
    kompetensi = models.CharField(_("kompetensi"), max_length=200, blank=True)
    bentuk = models.CharField(_("bentuk"), max_length=32, choices=Bentuk.choices)
    jp = models.DecimalField(_("JP"), max_digits=6, decimal_places=2)
    jenis_penyelenggara = models.CharField(
        _("jenis penyelenggara"), max_length=16, choices=JenisPenyelenggara.choices
    )
    penyelenggara = models.CharField(_("penyelenggara"), max_length=200, blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("program pengembangan")
        verbose_name_plural = _("program pengembangan")
        ordering = ["nama"]
        constraints = [models.CheckConstraint(condition=Q(jp__gte=0), name="program_jp_positif")]

    def __str__(self) -> str:
        return self.nama

    @property
    def jalur(self) -> str:
        return jalur_bentuk(self.bentuk)


def bukti_kegiatan_upload_to(instance, filename: str) -> str:
    return f"pembinaan/bukti/{secrets.token_urlsafe(16)}/{PurePath(filename).name}"


class KegiatanPengembangan(TimeStampedModel):
    """One completed development activity of one employee: the JP ledger's line."""

    class Sumber(models.TextChoices):
        IMPOR = "impor", _("Impor")
        KLAIM = "klaim", _("Klaim pegawai")
        E_LEARNING = "e_learning", _("E-learning")
        EVENT = "event", _("Kegiatan BKD")
        MENTORING = "mentoring", _("Mentoring/coaching")

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", _("Diajukan")
        DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
        DITOLAK = "ditolak", _("Ditolak")

    TRANSISI = {
        Status.DIAJUKAN: {Status.DIVERIFIKASI, Status.DITOLAK},
        Status.DIVERIFIKASI: set(),
        Status.DITOLAK: set(),
    }

    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="kegiatan_pengembangan"
    )
    nama_pelatihan = models.CharField(_("nama pelatihan"), max_length=300)
    bentuk = models.CharField(_("bentuk"), max_length=32, choices=Bentuk.choices)
    jalur = models.CharField(_("jalur"), max_length=12, choices=Jalur.choices, editable=False)
    program = models.ForeignKey(
        Program, verbose_name=_("program"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    penyelenggara = models.CharField(_("penyelenggara"), max_length=200, blank=True)
    jenis_penyelenggara = models.CharField(
        _("jenis penyelenggara"), max_length=16, choices=JenisPenyelenggara.choices, blank=True
    )
    tanggal_mulai = models.DateField(_("tanggal mulai"))
    tanggal_selesai = models.DateField(_("tanggal selesai"))
    tahun = models.PositiveSmallIntegerField(_("tahun"), editable=False)  # of tanggal_selesai
    jp_tertera = models.DecimalField(_("JP tertera"), max_digits=6, decimal_places=2, null=True, blank=True)
    durasi_menit = models.PositiveIntegerField(_("durasi (menit)"), null=True, blank=True)
    jumlah_sesi = models.PositiveSmallIntegerField(_("jumlah sesi"), null=True, blank=True)
    nomor_sertifikat = models.CharField(_("nomor sertifikat"), max_length=100, blank=True)
    bukti = models.FileField(_("bukti"), upload_to=bukti_kegiatan_upload_to, blank=True, max_length=300)
    sumber = models.CharField(_("sumber"), max_length=12, choices=Sumber.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    jp_diakui = models.DecimalField(_("JP diakui"), max_digits=6, decimal_places=2)
    aturan = models.ForeignKey(
        AturanJP,
        verbose_name=_("aturan JP yang dipakai"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    catatan = models.TextField(_("catatan"), blank=True)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("kegiatan pengembangan")
        verbose_name_plural = _("kegiatan pengembangan")
        ordering = ["-tanggal_selesai", "-id"]
        indexes = [
            models.Index(fields=["tahun", "status", "pegawai"], name="kegiatan_tahun_status"),
            models.Index(fields=["status", "sumber"], name="kegiatan_status_sumber"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "nama_pelatihan", "tanggal_mulai"], name="kegiatan_satu_per_mulai"
            ),
            models.UniqueConstraint(
                fields=["nomor_sertifikat"],
                condition=~Q(nomor_sertifikat="") & ~Q(status="ditolak"),
                name="kegiatan_sertifikat_unik",
                violation_error_message=_("Nomor sertifikat sudah dipakai kegiatan lain."),
            ),
            models.CheckConstraint(
                condition=Q(tanggal_selesai__gte=F("tanggal_mulai")),
                name="kegiatan_selesai_setelah_mulai",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama_pelatihan} ({self.tanggal_selesai:%d-%m-%Y})"


class RekapJP(models.Model):
    """JP credited to one employee in one year (verified activities, yearly maximum per form applied).
    Derived: rewritten by services.rekap_hitung_ulang after every ledger write, never edited."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="rekap_jp")
    tahun = models.PositiveSmallIntegerField()
    jp_klasikal = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    jp_nonklasikal = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    jp_total = models.DecimalField(max_digits=8, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("rekap JP")
        verbose_name_plural = _("rekap JP")
        constraints = [models.UniqueConstraint(fields=["pegawai", "tahun"], name="rekapjp_satu_per_tahun")]
        indexes = [models.Index(fields=["tahun", "pegawai"], name="rekapjp_tahun_pegawai")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.tahun}: {self.jp_total} JP"
