"""Demo data of mutasi for `seed_demo`, on top of the people pegawai.demo.DemoBuilder made.

A placement team (TPK) with a meeting and its minutes, a rotation round open today with about forty
employees' wishes (one married couple linked), and proposals at every stage — draft, submitted,
verified, considered by the team, approved, returned, rejected — including one whose guard was
overridden with the approving document, one request of the employee themself (APS), an incoming and an
outgoing move between governments, and one about the demo `pegawai` login awaiting their answer.

Every write goes through the services (as the demo logins), so the history reads like real use.
Deterministic for a seed: one random.Random, employees in NIP order.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from akun.models import User
from core.dates import add_months
from pegawai.models import Jabatan, Pegawai, UnitKerja

from . import selectors, services
from .guard import aturan_berlaku, cek_guard
from .models import UsulanMutasi

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

ALASAN = [
    "Pemerataan pegawai sesuai analisis beban kerja; unit tujuan kekurangan {n} orang.",
    "Penyegaran organisasi; pegawai sudah lebih dari lima tahun pada jabatan yang sama.",
    "Kesesuaian latar pendidikan dengan tugas jabatan tujuan.",
    "Pengembangan karier sesuai pola karier dan hasil pemetaan talenta.",
]
ALASAN_PREFERENSI = {
    "keluarga": "Mendekatkan dengan keluarga yang tinggal di kecamatan lain.",
    "kesehatan": "Kondisi kesehatan memerlukan kontrol rutin di rumah sakit dekat kantor tujuan.",
    "domisili": "Rumah saya lebih dekat dengan kantor tujuan.",
    "karier": "Ingin mengembangkan kompetensi di bidang yang sesuai pendidikan saya.",
}


@dataclass
class MutasiDemoResult:
    usulan: dict
    preferensi: int


def _pdf(nama: str) -> ContentFile:
    return ContentFile(PDF, name=nama)


class MutasiDemoBuilder:
    def __init__(self, seed: int, *, today: dt.date | None = None) -> None:
        self.rng = random.Random(f"mutasi-{seed}")  # noqa: S311 - demo data, not security
        self.today = today or timezone.localdate()
        self.tmt = add_months(self.today.replace(day=1), 2)

    def run(self) -> MutasiDemoResult:
        with transaction.atomic():
            self.admin = User.objects.get(username="admin_bkd")
            self.verifikator = User.objects.get(username="verifikator")
            self.operator = User.objects.get(username="operator_opd")
            self.pimpinan = User.objects.get(username="pimpinan")
            self.pegawai_login = User.objects.get(username="pegawai")
            self.berlaku = aturan_berlaku(self.tmt)
            self._tpk()
            preferensi = self._putaran()
            usulan = self._usulan()
            self._sk(usulan)
        return MutasiDemoResult(usulan=usulan, preferensi=preferensi)

    # --- people ---------------------------------------------------------------------------------------

    def _bebas_guard(
        self, pegawai: Pegawai, jabatan: Jabatan | None, *, sumber: str = "", tanggal: dt.date | None = None
    ) -> bool:
        hasil = cek_guard(pegawai, jabatan, tanggal or self.tmt, sumber=sumber, berlaku=self.berlaku)
        return not any(h.dilanggar for h in hasil)

    def _kandidat(self, qs, n: int, *, bebas: bool = True, tanggal: dt.date | None = None) -> list[Pegawai]:
        """n employees of `qs` (NIP order, shuffled by the seed) whose guards pass (or fail) on `tanggal`
        (default: the planned TMT)."""
        orang = list(
            qs.filter(
                aktif=True,
                jabatan__is_kepala=False,
                user__isnull=True,
                tanggal_pensiun__gt=add_months(self.tmt, 12),  # not retiring before the planned TMT
            )
            .select_related("jabatan", "unit_kerja")
            .order_by("nip")[:300]
        )
        self.rng.shuffle(orang)
        hasil = []
        for p in orang:
            if p.pk in self.dipakai:
                continue
            if self._bebas_guard(p, None, tanggal=tanggal) is bebas:
                hasil.append(p)
                self.dipakai.add(p.pk)
            if len(hasil) == n:
                break
        return hasil

    def _tujuan(self, pegawai: Pegawai, *, opd_lain: bool) -> Jabatan:
        qs = Jabatan.objects.filter(jenis=pegawai.jabatan.jenis, is_kepala=False).exclude(
            pk=pegawai.jabatan_id
        )
        qs = (
            qs.exclude(unit_kerja__opd=pegawai.opd_id)
            if opd_lain
            else qs.filter(unit_kerja__opd=pegawai.opd_id)
        )
        pilihan = list(qs.select_related("unit_kerja").order_by("id")[:50]) or list(
            Jabatan.objects.filter(is_kepala=False).exclude(pk=pegawai.jabatan_id).order_by("id")[:50]
        )
        return self.rng.choice(pilihan)

    # --- team and round -------------------------------------------------------------------------------

    def _tpk(self) -> None:
        kepala = list(
            Pegawai.objects.filter(aktif=True, jabatan__jenis="jpt")
            .select_related("jabatan")
            .order_by("nip")[:5]
        )
        peran = ["ketua", "sekretaris", "anggota", "anggota", "anggota"]
        self.anggota = [
            services.anggota_tpk_save(actor=self.admin, pegawai=p, peran=r)
            for p, r in zip(kepala, peran, strict=False)
        ]
        self.sidang = services.sidang_tpk_create(
            actor=self.admin,
            tanggal=self.today - dt.timedelta(days=7),
            tempat="Ruang Rapat BKPSDM",
            agenda="Pertimbangan usulan mutasi dalam pemerintah daerah",
            nomor_berita_acara=f"800/{self.rng.randint(100, 999)}/TPK/{self.today.year}",
            anggota_hadir=self.anggota,
        )
        services.sidang_tpk_upload_notulen(
            actor=self.admin, sidang=self.sidang, berkas=_pdf("notulen-sidang-tpk.pdf")
        )

    def _putaran(self) -> int:
        putaran = services.putaran_rotasi_open(
            actor=self.admin,
            nama=f"Putaran rotasi {self.today.year + 1}",
            tanggal_mulai=self.today - dt.timedelta(days=7),
            tanggal_selesai=self.today + dt.timedelta(days=21),
            keterangan="Pegawai menyatakan keinginan pindah atau tetap sebelum rotasi tahunan.",
        )
        orang = list(
            Pegawai.objects.filter(aktif=True, user__isnull=True, jabatan__is_kepala=False)
            .select_related("jabatan")
            .order_by("nip")[:400]
        )
        self.rng.shuffle(orang)
        jabatan = list(Jabatan.objects.filter(is_kepala=False).order_by("id").values_list("id", flat=True))
        units = list(
            Pegawai.objects.values_list("unit_kerja_id", flat=True).distinct().order_by("unit_kerja_id")
        )
        pasangan = [p for p in orang[:40] if p.status_perkawinan == "kawin"][:2]
        n = 0
        for p in orang[:40]:
            user = self._akun(p)
            tetap = self.rng.random() < 0.25
            kategori = self.rng.choice(list(ALASAN_PREFERENSI))
            pilihan: list = []
            if not tetap:
                for _ in range(self.rng.randint(1, 3)):
                    if self.rng.random() < 0.7:
                        j = Jabatan.objects.select_related("unit_kerja").get(pk=self.rng.choice(jabatan))
                        if j.pk != p.jabatan_id and j not in pilihan:
                            pilihan.append(j)
                    else:
                        u = UnitKerja.objects.get(pk=self.rng.choice(units))
                        if u not in pilihan:
                            pilihan.append(u)
                tetap = not pilihan
            nip_pasangan = ""
            if p in pasangan and len(pasangan) == 2:
                nip_pasangan = pasangan[1].nip if p == pasangan[0] else pasangan[0].nip
            services.preferensi_mutasi_save(
                actor=user,
                putaran=putaran,
                tetap=tetap,
                kategori=kategori,
                alasan=("Ingin tetap: " if tetap else "") + ALASAN_PREFERENSI[kategori],
                pilihan=pilihan,
                nip_pasangan=nip_pasangan,
            )
            n += 1
        return n

    # --- proposals ------------------------------------------------------------------------------------

    def _lengkapi(self, actor, usulan: UsulanMutasi) -> None:
        for syarat, dokumen in selectors.checklist(usulan):
            if dokumen is None:
                services.usulan_mutasi_upload_dokumen(
                    actor=actor, usulan=usulan, syarat=syarat, berkas=_pdf(f"{syarat.nama[:40]}.pdf")
                )

    def _buat(self, actor, pegawai: Pegawai, jabatan: Jabatan | None, **kwargs) -> UsulanMutasi:
        data = {
            "jenis": "dalam_pemda",
            "tmt_rencana": self.tmt,
            "alasan": self.rng.choice(ALASAN).format(n=self.rng.randint(1, 3)),
        }
        data.update(kwargs)
        return services.usulan_mutasi_create(actor=actor, pegawai=pegawai, jabatan_tujuan=jabatan, **data)

    def _sampai(self, usulan: UsulanMutasi, status: str, *, maker) -> UsulanMutasi:
        """Carry a draft along the path up to `status` as the demo logins would."""
        S = UsulanMutasi.Status
        urutan = [S.DIAJUKAN, S.DIVERIFIKASI, S.DIREKOMENDASIKAN, S.DISETUJUI]
        target = urutan.index(status) if status in urutan else -1
        if status in (S.DIKEMBALIKAN, S.DITOLAK):
            target = 1
        self._lengkapi(maker, usulan)
        checker = self.verifikator if maker == self.admin else self.admin
        if target >= 0:
            services.usulan_mutasi_submit(actor=maker, usulan=usulan)
        if target >= 1:
            services.usulan_mutasi_verify(actor=checker, usulan=usulan, catatan="Berkas lengkap.")
        if status == S.DIKEMBALIKAN:
            services.usulan_mutasi_return(
                actor=self.admin, usulan=usulan, alasan="Rekomendasi atasan langsung belum ditandatangani."
            )
        elif status == S.DITOLAK:
            services.usulan_mutasi_reject(
                actor=self.admin, usulan=usulan, alasan="Jabatan tujuan sudah terisi melalui usulan lain."
            )
        if target >= 2:
            services.rekomendasi_tpk_record(
                actor=self.admin,
                sidang=self.sidang,
                usulan=usulan,
                keputusan="setuju",
                catatan="Sesuai kebutuhan unit tujuan dan kompetensi pegawai.",
            )
        if target >= 3:
            services.usulan_mutasi_respond(
                actor=self._akun(usulan.pegawai), usulan=usulan, tanggapan="setuju"
            )
            services.usulan_mutasi_approve(actor=self.pimpinan, usulan=usulan, catatan="Disetujui.")
        usulan.refresh_from_db()
        return usulan

    def _akun(self, pegawai: Pegawai) -> User:
        """The employee's own login (no password set: they would sign in through the usual account
        procedure), so what they state or answer is attributed to them in the history."""
        if pegawai.user_id:
            return pegawai.user
        user, _ = User.objects.get_or_create(
            username=f"asn-{pegawai.nip}", defaults={"first_name": pegawai.nama}
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        Pegawai.objects.filter(pk=pegawai.pk).update(user=user)
        pegawai.user = user
        return user

    def _usulan(self) -> dict:
        S = UsulanMutasi.Status
        self.dipakai: set[int] = set()
        opd_operator = self.operator.akses_opd.opd_id
        dalam_opd = Pegawai.objects.filter(opd_id=opd_operator)
        lain = Pegawai.objects.exclude(opd_id=opd_operator)
        hasil: dict[str, int] = {}

        def catat(u: UsulanMutasi) -> None:
            hasil[u.status] = hasil.get(u.status, 0) + 1

        # The operator's own OPD: returned, draft, verified, submitted (what its OPD lacks in people, the
        # Admin BKD proposes elsewhere, so every stage is there even in a small demo).
        rencana_operator = [S.DIKEMBALIKAN, S.DRAFT, S.DIVERIFIKASI, S.DIAJUKAN]
        orang = self._kandidat(dalam_opd, len(rencana_operator))
        for p, status in zip(orang, rencana_operator, strict=False):
            u = self._buat(self.operator, p, self._tujuan(p, opd_lain=self.rng.random() < 0.5))
            catat(u if status == S.DRAFT else self._sampai(u, status, maker=self.operator))
        # The Admin BKD between other OPDs: submitted, verified, considered by the team, approved, rejected.
        rencana_admin = [S.DIAJUKAN, S.DIVERIFIKASI, S.DIREKOMENDASIKAN, S.DISETUJUI, S.DITOLAK]
        rencana_admin += rencana_operator[len(orang) :]
        for p, status in zip(self._kandidat(lain, len(rencana_admin)), rencana_admin, strict=False):
            u = self._buat(self.admin, p, self._tujuan(p, opd_lain=True))
            catat(u if status == S.DRAFT else self._sampai(u, status, maker=self.admin))
        # A guard violated (too short in the post) and overridden with the approving document.
        for p in self._kandidat(lain, 1, bebas=False):
            u = self._buat(self.admin, p, self._tujuan(p, opd_lain=True))
            for h in services.guard_terbuka(u):
                services.usulan_mutasi_override_guard(
                    actor=self.admin,
                    usulan=u,
                    kode_guard=h.kode,
                    alasan="Pengisian jabatan pelayanan dasar yang kosong; disetujui Sekretaris Daerah.",
                    nomor_dokumen=f"800.1/{self.rng.randint(100, 999)}/SETDA/{self.today.year}",
                    tanggal_dokumen=self.today - dt.timedelta(days=3),
                )
            catat(self._sampai(u, S.DIAJUKAN, maker=self.admin))
        # The demo employee: a proposal the team has considered, waiting for their answer and the PPK.
        saya = Pegawai.objects.select_related("jabatan", "unit_kerja").filter(user=self.pegawai_login).first()
        if saya is not None:
            u = self._buat(self.operator, saya, self._tujuan(saya, opd_lain=False))
            for h in services.guard_terbuka(u):
                services.usulan_mutasi_override_guard(
                    actor=self.admin,
                    usulan=u,
                    kode_guard=h.kode,
                    alasan="Penataan pegawai setelah perubahan struktur organisasi.",
                    nomor_dokumen=f"800.1/{self.rng.randint(100, 999)}/BKPSDM/{self.today.year}",
                    tanggal_dokumen=self.today - dt.timedelta(days=10),
                )
            catat(self._sampai(u, S.DIREKOMENDASIKAN, maker=self.operator))
        # An employee's own request (APS), a draft for the operator to complete.
        for p in self._kandidat(dalam_opd, 1) or self._kandidat(lain, 1):
            user = self._akun(p)
            catat(
                services.aps_create(
                    actor=user,
                    jabatan_tujuan=self._tujuan(p, opd_lain=True),
                    alasan="Mengikuti suami yang bertugas di kecamatan lain.",
                )
            )
        # Between governments: an incoming and an outgoing move.
        jab_masuk = Jabatan.objects.filter(is_kepala=False, jenis="fungsional").order_by("id").first() or (
            Jabatan.objects.filter(is_kepala=False).order_by("id").first()
        )
        masuk = services.usulan_mutasi_create(
            actor=self.admin,
            jenis="masuk",
            pegawai=None,
            jabatan_tujuan=jab_masuk,
            tmt_rencana=add_months(self.tmt, 1),
            alasan="Mengisi kekurangan tenaga fungsional; pegawai mengikuti pasangan.",
            nama_pegawai="Rahmawati Lamaluta, S.Kep.",
            nip_pegawai="199104122015032004",
            instansi="Pemerintah Kabupaten Sigi",
            jabatan_instansi_lain="Perawat Terampil",
            persetujuan_asal_nomor=f"800/{self.rng.randint(100, 999)}/BKPSDM-SIGI/{self.today.year}",
            persetujuan_asal_tanggal=self.today - dt.timedelta(days=20),
            pejabat_penetap="gubernur",
        )
        catat(self._sampai(masuk, S.DIVERIFIKASI, maker=self.admin))
        for p in self._kandidat(lain, 1):
            catat(
                self._buat(
                    self.admin,
                    p,
                    None,
                    jenis="keluar",
                    instansi="Pemerintah Provinsi Sulawesi Tengah",
                    jabatan_instansi_lain="Analis Kebijakan",
                    pejabat_penetap="gubernur",
                )
            )
        return hasil

    # --- decrees (SK mutasi) ----------------------------------------------------------------------------

    def _sk(self, hasil: dict) -> None:
        """One collective SK issued a week ago for three approved moves: two take effect on the planned TMT,
        one took effect three days ago (applied, with its SPMT recorded the day after). Each has a petikan."""
        from . import dokumen
        from .services import sk as services_sk

        S = UsulanMutasi.Status
        lain = Pegawai.objects.exclude(opd_id=self.operator.akses_opd.opd_id).filter(
            tanggal_pensiun__gt=add_months(self.tmt, 12)
        )
        tmt_lalu = self.today - dt.timedelta(days=3)
        usulan = []
        # Free of the guards on the earliest TMT used (time in post only grows towards the later one).
        for i, p in enumerate(self._kandidat(lain, 3, tanggal=tmt_lalu)):
            u = self._buat(
                self.admin, p, self._tujuan(p, opd_lain=True), tmt_rencana=tmt_lalu if i == 0 else self.tmt
            )
            usulan.append(self._sampai(u, S.DISETUJUI, maker=self.admin))
        usulan = [u for u in usulan if u.status == S.DISETUJUI]
        if not usulan:
            return
        sk = services_sk.sk_mutasi_issue(
            actor=self.admin,
            usulan_list=usulan,
            tanggal=self.today - dt.timedelta(days=7),
            menimbang=dokumen.menimbang_bawaan(),
            mengingat=dokumen.MENGINGAT_BAWAAN,
            tembusan=dokumen.TEMBUSAN_BAWAAN,
        )
        services_sk.mutasi_apply_due(hari_ini=self.today)
        for item in sk.pegawai_list.filter(tmt__lte=self.today):
            services_sk.spmt_record(actor=self.admin, item=item, tanggal_spmt=item.tmt + dt.timedelta(days=1))
        for u in UsulanMutasi.objects.filter(pk__in=[u.pk for u in usulan]):
            hasil[u.status] = hasil.get(u.status, 0) + 1
