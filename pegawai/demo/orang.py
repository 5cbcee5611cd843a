"""The demo's people: names, NIPs, careers, families and the histories (pegawai.demo.DemoBuilder)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from core.dates import add_months, months_between
from core.nip import make_nip

from ..demo_data import (
    AGAMA,
    CAP_GOLONGAN,
    INSTITUSI,
    JURUSAN,
    PNS_ORDER,
    PPPK_GOLONGAN,
    START_GOLONGAN,
    TEMPAT,
)
from ..demo_organisasi import Posisi
from ..models import (
    Keluarga,
    Pegawai,
    RiwayatHukumanDisiplin,
    RiwayatJabatan,
    RiwayatPangkat,
    RiwayatPendidikan,
    UnitKerja,
)


class OrangDemo:
    """Mixin of DemoBuilder: the employees of every position, their families and histories."""

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
