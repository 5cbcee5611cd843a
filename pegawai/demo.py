"""A realistic, deterministic demo city government (Kota Palu style) for `seed_demo` and benchmarks.

Everything comes from one random.Random(seed) and a Faker seeded with the same value, so the same
seed gives the same organisation, people and NIPs. Writes use bulk_create; no per-row queries.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from faker import Faker

from akun import roles
from akun.models import User
from core.dates import add_months, months_between
from core.nip import make_nip

from .demo_data import (
    AGAMA,
    CAP_GOLONGAN,
    INSTITUSI,
    JURUSAN,
    PNS_ORDER,
    PPPK_GOLONGAN,
    START_GOLONGAN,
    TEMPAT,
)
from .demo_kebutuhan import KebutuhanDemo
from .demo_organisasi import OrganisasiDemo, Posisi
from .models import (
    AksesOpd,
    Golongan,
    Jabatan,
    Keluarga,
    Pegawai,
    Penandatangan,
    RiwayatHukumanDisiplin,
    RiwayatJabatan,
    RiwayatPangkat,
    RiwayatPendidikan,
    UnitKerja,
    UraianTugasJabatan,
)
from .services import atasan_recompute


@dataclass
class DemoResult:
    opd: int
    unit: int
    jabatan: int
    pegawai: int
    logins: dict[str, str]


class DemoBuilder(OrganisasiDemo, KebutuhanDemo):
    def __init__(self, *, pegawai: int, seed: int, password: str) -> None:
        self.target = pegawai
        self.seed = seed
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not security
        self.fake = Faker("id_ID")
        self.fake.seed_instance(seed)
        self.password = password
        self.today = timezone.localdate()
        self.units: list[UnitKerja] = []
        self.posisi: list[Posisi] = []
        self.golongan = {g.kode: g for g in Golongan.objects.all()}
        self.nip_seen: set[str] = set()
        self.serial: dict[str, int] = defaultdict(int)
        self.names_l = sorted({self.fake.first_name_male() for _ in range(600)})
        self.names_p = sorted({self.fake.first_name_female() for _ in range(600)})
        self.last = sorted({self.fake.last_name() for _ in range(600)})

    # --- people ---------------------------------------------------------------------------------
    def _nama(self, sex: str) -> str:
        first = self.rng.choice(self.names_l if sex == "L" else self.names_p)
        if self.rng.random() < 0.6:
            return f"{first} {self.rng.choice(self.last)}"
        return first

    def _nip(self, lahir: dt.date, sex: str, tmt: dt.date, pppk: bool) -> str:
        while True:
            key = f"{lahir:%Y%m%d}{tmt:%Y%m}{sex}{pppk}"
            self.serial[key] += 1
            nip = make_nip(
                tanggal_lahir=lahir, jenis_kelamin=sex, nomor_urut=self.serial[key] - 1, tmt=tmt, pppk=pppk
            )
            if nip not in self.nip_seen:
                self.nip_seen.add(nip)
                return nip

    def _person(self, posisi: Posisi) -> tuple[Pegawai, list]:
        rng = self.rng
        sex = "L" if rng.random() < (0.62 if posisi.kepala else 0.48) else "P"
        pendidikan = rng.choice(posisi.pendidikan)
        pppk = not posisi.kepala and rng.random() < 0.12
        cpns = not pppk and not posisi.kepala and rng.random() < 0.04
        if posisi.pns:  # a demo login's position (Admin BKD): a PNS
            pppk = cpns = False
        if posisi.kepala:
            age = rng.randint(40, 59)
        elif cpns:
            age = rng.randint(23, 32)
        else:
            age = min(int(rng.triangular(23, 60, 44)), 58)
        lahir = dt.date(self.today.year - age, rng.randint(1, 12), rng.randint(1, 28))
        if rng.random() < 0.03 and not cpns:  # a few retire within the next twelve months (never a CPNS)
            lahir = add_months(self.today, -(58 * 12) + rng.randint(1, 11)).replace(day=rng.randint(1, 28))
        # Nobody active is past retirement: born earlier in the year than today, a 58-year-old (or a 59-year-old
        # head whose post retires at 58) would have retired already; such a person is a year or two younger.
        while Pegawai(jabatan=posisi.jabatan, tanggal_lahir=lahir).hitung_tanggal_pensiun() <= self.today:
            lahir = add_months(lahir, 12)
        start_age = {"SMA": 20, "D3": 23, "D4": 24, "S1": 24, "S2": 27, "S3": 30}.get(
            pendidikan, 22
        ) + rng.randint(0, 6)
        tmt_cpns = dt.date(lahir.year + start_age, rng.choice([1, 3, 4, 12]), 1)
        if cpns:
            tmt_cpns = dt.date(self.today.year - 1 if self.today.month < 7 else self.today.year, 1, 1)
        if pppk:
            tmt_cpns = dt.date(rng.choice([2019, 2021, 2022, 2023, 2024]), rng.choice([1, 3, 4]), 1)
        tmt_cpns = min(tmt_cpns, add_months(self.today.replace(day=1), -2))
        masa = max((self.today - tmt_cpns).days // 365, 0)
        if pppk:
            gol_kode = PPPK_GOLONGAN[pendidikan]
            tmt_gol, mkg, mkg_bulan = tmt_cpns, 0, 0
            status = "PPPK"
        else:
            start = PNS_ORDER.index(START_GOLONGAN[pendidikan])
            steps = 0 if cpns else min(masa // 5, PNS_ORDER.index(CAP_GOLONGAN[pendidikan]) - start)
            idx = max(start + steps, min(PNS_ORDER.index(posisi.min_golongan), start + masa // 3))
            idx = min(idx, len(PNS_ORDER) - 1)
            gol_kode = PNS_ORDER[idx]
            naik = idx - start
            tmt_gol = add_months(tmt_cpns, naik * 60 + rng.randint(0, 3) * 12) if naik else tmt_cpns
            tmt_gol = min(tmt_gol, add_months(self.today.replace(day=1), -1))  # a TMT is the 1st of a month
            # MKG on the pangkat SK: the service from TMT CPNS to TMT golongan (years and months), so the
            # MKG, the TMT golongan and the KGBs the pay demo derives from them agree.
            mkg, mkg_bulan = divmod(max(months_between(tmt_cpns, tmt_gol), 0), 12)
            mkg += 3 if gol_kode.startswith("II/") and START_GOLONGAN[pendidikan] == "II/a" and naik else 0
            status = "CPNS" if cpns else "PNS"
        mkg = min(mkg, 45)
        rng.randint(0, 11)  # was the random MKG months; still drawn so a seed keeps giving the same people
        jurusan = rng.choice(JURUSAN.get(pendidikan, [""]))
        tmt_jabatan = max(tmt_cpns, add_months(self.today, -rng.randint(3, 120)))
        pegawai = Pegawai(
            nip=self._nip(lahir, sex, tmt_cpns, pppk),
            nama=self._nama(sex),
            gelar_depan="dr."
            if "Dokter" in posisi.jabatan.nama
            else ("Drs." if pendidikan == "S1" and age > 55 and rng.random() < 0.3 else ""),
            gelar_belakang={
                "S1": rng.choice(["S.Sos", "S.E.", "S.H.", "S.Kom", "S.Pd", "S.T.", "S.K.M."]),
                "S2": rng.choice(["M.Si", "M.M.", "M.Kes", "M.H."]),
                "D3": "A.Md",
                "S3": "Dr.",
            }.get(pendidikan, "")
            if pendidikan != "S3"
            else "",
            tempat_lahir=rng.choice(TEMPAT),
            tanggal_lahir=lahir,
            jenis_kelamin=sex,
            agama=rng.choice(AGAMA),
            status_perkawinan="kawin"
            if age > 27 and rng.random() < 0.82
            else ("belum kawin" if age < 35 else rng.choice(["cerai hidup", "cerai mati", "kawin"])),
            status_kepegawaian=status,
            golongan=self.golongan[gol_kode],
            tmt_golongan=tmt_gol,
            mkg_tahun=mkg,
            mkg_bulan=mkg_bulan,
            tmt_cpns=tmt_cpns,
            unit_kerja=posisi.unit,
            jabatan=posisi.jabatan,
            tmt_jabatan=tmt_jabatan,
            pendidikan_jenjang=pendidikan,
            pendidikan_jurusan=jurusan,
            npwp=f"{rng.randint(10, 99)}.{rng.randint(100, 999)}.{rng.randint(100, 999)}.{rng.randint(1, 9)}-{rng.randint(800, 899)}.000",
            nama_bank=rng.choice(["Bank Sulteng", "Bank Sulteng", "BRI", "BNI", "Bank Mandiri", "BSI"]),
            nomor_rekening=str(rng.randint(10**9, 10**10 - 1)),
            telepon=f"08{rng.randint(11, 59)}{rng.randint(10**7, 10**8 - 1)}",
        )
        pegawai.email = f"{pegawai.nip}@palukota.go.id"
        pegawai.refresh_derived(self.today)
        return pegawai, [pendidikan, jurusan, age]

    def _posisi_login(self, staf: list[Posisi]) -> list[int]:
        """Indices into `staf` of the positions the demo logins need (create_logins): two staff of the
        BKPSDM (admin_bkd, verifikator), a pelaksana directly in a bidang of the Dinas Pendidikan (the
        "pegawai", whose atasan is the demo "atasan") and a pelaksana in one of its subbagian (the
        operator). Filled whatever the size, so a small demo has the same logins as a large one."""

        def opd(unit: UnitKerja) -> UnitKerja:
            while unit.induk is not None:
                unit = unit.induk
            return unit

        def cari(syarat, n: int = 1) -> list[int]:
            return [i for i, p in enumerate(staf) if p.jabatan.jenis == "pelaksana" and syarat(p)][:n]

        pendidikan = "Dinas Pendidikan dan Kebudayaan"
        return [
            *cari(lambda p: opd(p.unit).nama.startswith("Badan Kepegawaian"), 2),
            *cari(lambda p: opd(p.unit).nama == pendidikan and p.unit.jenis == "bidang"),
            *cari(lambda p: opd(p.unit).nama == pendidikan and p.unit.jenis == "subbidang"),
        ]

    def build_people(self) -> list[Pegawai]:
        kepala = [p for p in self.posisi if p.kepala]
        staf = [p for p in self.posisi if not p.kepala]
        wajib = self._posisi_login(staf)
        counts: dict[int, int] = defaultdict(int)
        if self.target >= len(kepala) + len(wajib):
            remaining = self.target - len(kepala)
            weights = [
                3
                if p.jabatan.jenis == "fungsional"
                and ("Guru" in p.jabatan.nama or "Perawat" in p.jabatan.nama)
                else 1
                for p in staf
            ]
            for posisi in self.rng.choices(range(len(staf)), weights=weights, k=remaining):
                counts[posisi] += 1
            for i in wajib:  # a login's position left empty takes one person from the fullest position
                if counts[i] == 0:
                    donor = max(
                        (k for k, n in counts.items() if n > (1 if k in wajib else 0)),
                        key=lambda k: (counts[k], -k),
                    )
                    counts[donor] -= 1
                    counts[i] = 1
                    staf[i].pns = True
        else:
            # Fewer people than head positions: the heads above the logins' positions (and the
            # Sekretaris Daerah, the first) first, then the others in order; one person per login position.
            perlu: set[int] = {id(kepala[0].unit)}
            for i in wajib:
                counts[i] = 1
                staf[i].pns = True
                unit = staf[i].unit
                while unit is not None:
                    perlu.add(id(unit))
                    unit = unit.induk
            utama = [p for p in kepala if id(p.unit) in perlu]
            sisa = max(self.target - len(wajib) - len(utama), 0)
            lain = {id(p) for p in [p for p in kepala if id(p.unit) not in perlu][:sisa]}
            kepala = [p for p in kepala if id(p.unit) in perlu or id(p) in lain]
        people = []
        self.extra = {}
        for posisi in kepala[: self.target]:
            pegawai, extra = self._person(posisi)
            people.append(pegawai)
            self.extra[pegawai.nip] = extra
        for index, posisi in enumerate(staf):
            n = counts.get(index, 0)
            # ABK need close to the filled headcount, with some gaps and some surplus.
            posisi.jabatan.kebutuhan = max(1, n + self.rng.choice([-1, 0, 0, 0, 1, 1, 2]))
            for _ in range(n):
                pegawai, extra = self._person(posisi)
                people.append(pegawai)
                self.extra[pegawai.nip] = extra
        return people

    def families_and_histories(self, people: list[Pegawai]):
        rng = self.rng
        keluarga, rjab, rpang, rpend, hukdis = [], [], [], [], []
        for pegawai in people:
            pendidikan, jurusan, _age = self.extra[pegawai.nip]
            if pegawai.status_perkawinan == "kawin":
                sex = "P" if pegawai.jenis_kelamin == "L" else "L"
                keluarga.append(
                    Keluarga(
                        pegawai=pegawai,
                        hubungan="istri" if sex == "P" else "suami",
                        nama=self._nama(sex),
                        tanggal_lahir=add_months(pegawai.tanggal_lahir, rng.randint(-60, 60)),
                        dapat_tunjangan=True,
                    )
                )
                for n in range(rng.choice([0, 1, 1, 2, 2, 2, 3])):
                    lahir = add_months(pegawai.tanggal_lahir, (rng.randint(26, 38) + 2 * n) * 12)
                    if lahir >= self.today:
                        continue
                    dewasa = (self.today - lahir).days > 21 * 365
                    keluarga.append(
                        Keluarga(
                            pegawai=pegawai,
                            hubungan="anak",
                            nama=self._nama(rng.choice("LP")),
                            tanggal_lahir=lahir,
                            dapat_tunjangan=not dewasa and n < 2,
                        )
                    )
            rjab.append(
                RiwayatJabatan(
                    pegawai=pegawai,
                    jabatan=pegawai.jabatan,
                    nama_jabatan=pegawai.jabatan.nama,
                    nama_unit=pegawai.unit_kerja.nama,
                    tmt=pegawai.tmt_jabatan,
                    nomor_sk=f"821.2/{rng.randint(100, 999)}/BKPSDM/{pegawai.tmt_jabatan.year}",
                )
            )
            rpang.append(
                RiwayatPangkat(
                    pegawai=pegawai,
                    golongan=pegawai.golongan,
                    tmt=pegawai.tmt_golongan,
                    mkg_tahun=pegawai.mkg_tahun,
                    mkg_bulan=pegawai.mkg_bulan,
                    nomor_sk=f"823.3/{rng.randint(100, 999)}/BKPSDM/{pegawai.tmt_golongan.year}",
                )
            )
            rpend.append(
                RiwayatPendidikan(
                    pegawai=pegawai,
                    jenjang=pendidikan,
                    jurusan=jurusan,
                    institusi=rng.choice(INSTITUSI)
                    if pendidikan not in ("SMA", "SMP", "SD")
                    else f"{pendidikan} Negeri {rng.randint(1, 9)} Palu",
                    tahun_lulus=max(
                        pegawai.tanggal_lahir.year + 18, pegawai.tmt_cpns.year - rng.randint(1, 3)
                    ),
                )
            )
            if rng.random() < 0.006:
                tmt = add_months(self.today, -rng.randint(1, 30))
                tingkat = rng.choice(["ringan", "ringan", "sedang", "berat"])
                hukdis.append(
                    RiwayatHukumanDisiplin(
                        pegawai=pegawai,
                        tingkat=tingkat,
                        jenis={
                            "ringan": "Teguran tertulis",
                            "sedang": "Pemotongan tunjangan kinerja 25% selama 6 bulan",
                            "berat": "Penurunan jabatan setingkat lebih rendah selama 12 bulan",
                        }[tingkat],
                        nomor_sk=f"800.1.6/{rng.randint(10, 99)}/BKPSDM/{tmt.year}",
                        tmt=tmt,
                        # Six (berat: twelve) months counted from the TMT, the last day included.
                        tanggal_selesai=add_months(tmt, 6 if tingkat != "berat" else 12)
                        - dt.timedelta(days=1),
                    )
                )
        return keluarga, rjab, rpang, rpend, hukdis

    # --- logins ---------------------------------------------------------------------------------
    def create_logins(self, people: list[Pegawai]) -> dict[str, str]:
        groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles.ASSIGNED_ROLES}
        by_jabatan = defaultdict(list)
        for p in people:
            by_jabatan[p.jabatan_id].append(p)

        def first_holding(predicate):
            for p in people:
                if predicate(p):
                    return p
            return people[0]

        bkpsdm = next(u for u in self.units if u.nama.startswith("Badan Kepegawaian"))
        pendidikan = next(u for u in self.units if u.nama == "Dinas Pendidikan dan Kebudayaan")
        pimpinan = first_holding(lambda p: p.unit_kerja_id == bkpsdm.id and p.jabatan.is_kepala)
        admin = first_holding(
            lambda p: p.opd_id == bkpsdm.id and not p.jabatan.is_kepala and p.status_kepegawaian == "PNS"
        )

        # A second Admin BKD officer checks pay runs (whoever computes a run may not verify it).
        verifikator = first_holding(
            lambda p: (
                p.opd_id == bkpsdm.id
                and not p.jabatan.is_kepala
                and p.status_kepegawaian == "PNS"
                and p.pk != getattr(admin, "pk", None)
            )
        )

        def kabid_di(opd_filter: dict):
            """A bidang head with staff (the demo "atasan"), in Dinas Pendidikan when it has one."""
            kabid_ids = Pegawai.objects.filter(
                atasan__isnull=False, jabatan__is_kepala=False, **opd_filter
            ).values("atasan_id")
            return (
                Pegawai.objects.filter(
                    id__in=kabid_ids, jabatan__jenis="administrator", unit_kerja__jenis="bidang"
                )
                .order_by("nip")
                .first()
            )

        kabid = kabid_di({"opd": pendidikan}) or kabid_di({})
        bawahan = (
            # not retiring within two years: the demo proposals about them plan a TMT months ahead
            Pegawai.objects.filter(
                atasan=kabid, jabatan__is_kepala=False, tanggal_pensiun__gt=add_months(self.today, 24)
            )
            .order_by("nip")
            .first()
            if kabid
            else None
        )
        operator = first_holding(
            lambda p: (
                p.opd_id == pendidikan.id
                and p.jabatan.jenis == "pelaksana"
                and p.unit_kerja.jenis == "subbidang"
            )
        )
        plan = [
            ("admin_bkd", roles.ADMIN_BKD, admin),
            ("operator_opd", roles.OPERATOR_OPD, operator),
            ("atasan", roles.PEGAWAI, kabid),
            ("pegawai", roles.PEGAWAI, bawahan),
            ("pimpinan", roles.PIMPINAN, pimpinan),
            ("verifikator", roles.ADMIN_BKD, verifikator),
        ]
        logins = {}
        used: set[int] = set()
        for username, group, pegawai in plan:
            user = User(
                username=username,
                first_name=(pegawai.nama if pegawai else username),
                email=f"{username}@palukota.go.id",
            )
            user.set_password(self.password)
            user.save()
            user.groups.add(groups[group])
            if group != roles.PEGAWAI:
                user.groups.add(groups[roles.PEGAWAI])
            if pegawai is not None and pegawai.pk not in used:
                Pegawai.objects.filter(pk=pegawai.pk).update(user=user)
                used.add(pegawai.pk)
                logins[username] = f"{pegawai.nama} ({pegawai.jabatan.nama})"
            else:
                logins[username] = username
        AksesOpd.objects.create(user=User.objects.get(username="operator_opd"), opd=pendidikan)
        root = User(username="superuser", first_name="Administrator Sistem", is_staff=True, is_superuser=True)
        root.set_password(self.password)
        root.save()
        logins["superuser"] = "Administrator sistem"
        return logins

    @transaction.atomic
    def create_signatories(self) -> int:
        """Who signs the printed documents since 1 January (pegawai.Penandatangan): the Kepala BKPSDM and
        the Sekretaris Daerah (the heads of those OPDs), a Wali Kota outside the employee data, and for
        every OPD its head and a Bendahara Pengeluaran (its first staff member by NIP)."""
        rng = random.Random(f"ttd-{self.seed}")  # noqa: S311 - demo data, not security
        mulai = dt.date(self.today.year, 1, 1)
        kepala, staf, opd_nama = {}, {}, {}
        # 50,000 rows: only the columns read here (building every column took seconds).
        kolom = ["nip", "status_kepegawaian", "opd", "opd__nama", "jabatan", "jabatan__nama"]
        kolom += ["jabatan__is_kepala", "jabatan__unit_kerja"]
        orang = (
            Pegawai.objects.filter(aktif=True).select_related("jabatan", "opd").only(*kolom).order_by("nip")
        )
        for p in orang:
            opd_nama[p.opd_id] = p.opd.nama
            if p.jabatan.is_kepala and p.jabatan.unit_kerja_id == p.opd_id:
                kepala.setdefault(p.opd_id, p)
            elif not p.is_pppk:
                # A staff member if there is one (small demos are all unit heads): the lowest position.
                lama = staf.get(p.opd_id)
                if lama is None or (lama.jabatan.is_kepala and not p.jabatan.is_kepala):
                    staf[p.opd_id] = p
        rows = []
        P = Penandatangan.Peran
        for opd_id, p in kepala.items():
            rows.append(Penandatangan(peran=P.KEPALA_OPD, opd_id=opd_id, jabatan=p.jabatan.nama, pegawai=p))
            if p.opd.nama == "Sekretariat Daerah":
                rows.append(Penandatangan(peran=P.SEKRETARIS_DAERAH, jabatan="Sekretaris Daerah", pegawai=p))
        bkpsdm = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
        kepala_bkpsdm = next((p for p in kepala.values() if p.opd.nama == bkpsdm), None)
        rows.append(
            Penandatangan(
                peran=P.KEPALA_BKPSDM,
                jabatan=f"Kepala {bkpsdm}",
                pegawai=kepala_bkpsdm,
                nama="" if kepala_bkpsdm else f"{rng.choice(self.names_l)} {rng.choice(self.last)}",
            )
        )
        for opd_id, p in staf.items():
            rows.append(
                Penandatangan(
                    peran=P.BENDAHARA_PENGELUARAN,
                    opd_id=opd_id,
                    jabatan=f"Bendahara Pengeluaran {opd_nama[opd_id]}",
                    pegawai=p,
                )
            )
        kota = getattr(settings, "ASN_KOTA", "")
        rows.append(
            Penandatangan(
                peran=P.PPK,
                jabatan=f"Wali Kota {kota}".strip(),
                nama=f"{rng.choice(self.names_l)} {rng.choice(self.last)}",
            )
        )
        for row in rows:
            row.berlaku_mulai = mulai
        return len(Penandatangan.objects.bulk_create(rows))

    def run(self) -> DemoResult:
        self.build_organisation()
        # Units: insert top-down so parents have ids, then point each OPD at itself.
        for depth in sorted({u.kedalaman for u in self.units}):
            level = [u for u in self.units if u.kedalaman == depth]
            for u in level:
                u.induk_id = u.induk.id if u.induk else None
            UnitKerja.objects.bulk_create(level, batch_size=1000)
        opd_of = {}
        for u in self.units:
            opd_of[u.kode] = u if u.induk is None else opd_of[u.path.split("/")[0]]
            u.opd = opd_of[u.kode]
        UnitKerja.objects.bulk_update(self.units, ["opd"], batch_size=1000)
        people = self.build_people()
        self.apply_syarat(people)
        Jabatan.objects.bulk_create([p.jabatan for p in self.posisi], batch_size=2000)
        UraianTugasJabatan.objects.bulk_create(self.build_abk(), batch_size=2000)
        # OPD heads and camat report to the Sekretaris Daerah (their pejabat penilai).
        sekda = self.posisi[0].jabatan
        heads = [
            p.jabatan for p in self.posisi if p.kepala and p.unit.induk is None and p.jabatan is not sekda
        ]
        for jabatan in heads:
            jabatan.atasan_override = sekda
        Jabatan.objects.bulk_update(heads, ["atasan_override"])
        for pegawai in people:
            # Assign the saved objects, not their ids: setting jabatan_id from None drops the cached
            # jabatan, and every later `pegawai.jabatan` was a query (50,000 at 50,000 employees).
            pegawai.jabatan = pegawai.jabatan
            pegawai.unit_kerja = pegawai.unit_kerja
            pegawai.opd = pegawai.unit_kerja.opd
        Pegawai.objects.bulk_create(people, batch_size=2000)
        keluarga, rjab, rpang, rpend, hukdis = self.families_and_histories(people)
        for model, rows in (
            (Keluarga, keluarga),
            (RiwayatJabatan, rjab),
            (RiwayatPangkat, rpang),
            (RiwayatPendidikan, rpend),
            (RiwayatHukumanDisiplin, hukdis),
        ):
            model.objects.bulk_create(rows, batch_size=5000)
        atasan_recompute()
        logins = self.create_logins(people)
        self.create_signatories()
        return DemoResult(
            opd=sum(1 for u in self.units if u.induk is None),
            unit=len(self.units),
            jabatan=len(self.posisi),
            pegawai=len(people),
            logins=logins,
        )


PENGGAJIAN_DEMO_TABLES = [
    "Penyesuaian", "HistoricalPenyesuaian", "CetakSlipMassal", "GalatSlip", "Slip", "RunGaji", "HistoricalRunGaji",
    "RekapKehadiran", "HistoricalRekapKehadiran", "KenaikanGajiBerkala", "HistoricalKenaikanGajiBerkala",
]  # fmt: skip

MUTASI_ATURAN = {
    "AturanGuard", "HistoricalAturanGuard", "MasaLarangan", "HistoricalMasaLarangan", "SyaratDokumen",
    "HistoricalSyaratDokumen",
}  # fmt: skip


def demo_reset() -> None:
    """Delete all organisation and personnel data and the demo logins (keeps reference tables).

    kinerja's data points at people, units, positions and logins (several with PROTECT), so it goes
    first: every kinerja table but the effective-dated rule tables (those with `berlaku_mulai`) and
    their history, in one TRUNCATE. Found through the app registry: pegawai does not import kinerja.
    """
    from django.apps import apps
    from django.db import connection

    from .models import UsulanPerubahanData

    with transaction.atomic():
        if apps.is_installed("kinerja"):
            tables = [
                connection.ops.quote_name(model._meta.db_table)
                for model in apps.get_app_config("kinerja").get_models(include_auto_created=True)
                if not any(
                    f.name == "berlaku_mulai" for f in getattr(model, "instance_type", model)._meta.fields
                )
            ]
            if apps.is_installed("penggajian"):
                # Pay data (runs, slips, recaps, KGBs, corrections), not the pay rule tables. TRUNCATE
                # fires no row triggers; the statement trigger that refuses it while a run is locked
                # (penggajian migration 0011) lets this transaction through, so locked demo runs go too.
                tables += [
                    connection.ops.quote_name(apps.get_model("penggajian", name)._meta.db_table)
                    for name in PENGGAJIAN_DEMO_TABLES
                ]
            if apps.is_installed("mutasi"):
                # Proposals, the team, rounds and wishes; not the rules (guards, freeze windows, checklists).
                tables += [
                    connection.ops.quote_name(model._meta.db_table)
                    for model in apps.get_app_config("mutasi").get_models(include_auto_created=True)
                    if model._meta.object_name not in MUTASI_ATURAN
                ]
            # Issued document numbers (core.penomoran: SK mutasi, SPMT, …) name their issuing logins;
            # the registers go with the demo data, the kinds and their formats stay.
            tables += [
                connection.ops.quote_name(apps.get_model("core", name)._meta.db_table)
                for name in (
                    "NomorDokumen",
                    "HistoricalNomorDokumen",
                    "RegisterNomor",
                    "HistoricalRegisterNomor",
                )
            ]
            if apps.is_installed("pembinaan"):
                # The JP ledger, its recap and the catalogue; not the dated rules (JP per form, targets).
                tables += [
                    connection.ops.quote_name(model._meta.db_table)
                    for model in apps.get_app_config("pembinaan").get_models(include_auto_created=True)
                    if not any(
                        f.name == "berlaku_mulai" for f in getattr(model, "instance_type", model)._meta.fields
                    )
                ]
            with connection.cursor() as cursor:
                # Fire pending deferred FK checks first: TRUNCATE refuses tables with pending trigger
                # events (rows written earlier in the same transaction, as in tests).
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                if apps.is_installed("penggajian"):
                    cursor.execute("SET LOCAL penggajian.izinkan_kosongkan = 'on'")
                cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        UsulanPerubahanData.objects.all().delete()
        Penandatangan.objects.all().delete()
        AksesOpd.objects.all().delete()
        for model in (Keluarga, RiwayatJabatan, RiwayatPangkat, RiwayatPendidikan, RiwayatHukumanDisiplin):
            model.objects.all().delete()
        Pegawai.objects.update(atasan=None)
        Pegawai.objects.all().delete()
        Jabatan.objects.update(atasan_override=None)
        Jabatan.objects.all().delete()
        UnitKerja.objects.update(opd=None)
        for depth in sorted(set(UnitKerja.objects.values_list("kedalaman", flat=True)), reverse=True):
            UnitKerja.objects.filter(kedalaman=depth).delete()
        User.objects.filter(
            username__in=[
                "admin_bkd",
                "operator_opd",
                "atasan",
                "pegawai",
                "pimpinan",
                "verifikator",
                "superuser",
                "sistem-gaji",
            ]
        ).delete()
        for model in (
            Pegawai,
            Keluarga,
            UnitKerja,
            Jabatan,
            UraianTugasJabatan,
            RiwayatJabatan,
            RiwayatPangkat,
            RiwayatPendidikan,
            RiwayatHukumanDisiplin,
        ):
            model.history.all().delete()
