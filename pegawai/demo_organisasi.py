"""Organisation part of the demo government: OPDs, units and positions (Kota Palu style)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .demo_data import (
    BAGIAN_SETDA,
    BIDANG_BADAN,
    BIDANG_DINAS,
    FUNGSIONAL,
    FUNGSIONAL_UMUM,
    KECAMATAN,
    PELAKSANA,
)
from .models import Jabatan, UnitKerja


@dataclass
class Posisi:
    jabatan: Jabatan
    unit: UnitKerja
    kepala: bool
    min_golongan: str = "II/a"
    pendidikan: list[str] = field(default_factory=lambda: ["SMA", "D3", "S1"])
    pns: bool = False  # a demo login's position that had to be filled: its holder is a PNS


class OrganisasiDemo:
    """Mixin of DemoBuilder: fills self.units and self.posisi (needs self.rng and self.fake)."""

    # --- organisation ---------------------------------------------------------------------------
    def _unit(self, kode: str, nama: str, jenis: str, induk: UnitKerja | None) -> UnitKerja:
        unit = UnitKerja(kode=kode, nama=nama, jenis=jenis, induk=induk)
        unit.path = kode if induk is None else f"{induk.path}/{kode}"
        unit.kedalaman = 0 if induk is None else induk.kedalaman + 1
        self.units.append(unit)
        return unit

    def _jabatan(
        self,
        unit,
        nama,
        jenis,
        *,
        kelas,
        eselon="",
        jenjang="",
        kepala=False,
        min_gol="II/a",
        pendidikan=None,
    ):
        jabatan = Jabatan(
            unit_kerja=unit,
            nama=nama,
            jenis=jenis,
            eselon=eselon,
            jenjang_fungsional=jenjang,
            kelas_jabatan=kelas,
            is_kepala=kepala,
            kebutuhan=1,
        )
        self.posisi.append(Posisi(jabatan, unit, kepala, min_gol, pendidikan or ["SMA", "D3", "S1"]))
        return jabatan

    def build_organisation(self) -> None:
        opds: list[tuple[str, str, str]] = [
            ("Sekretariat Daerah", "setda", "II.a"),
            ("Sekretariat DPRD", "setwan", "II.b"),
        ]
        opds += [(nama, "dinas", "II.b") for nama in BIDANG_DINAS]
        opds += [(nama, "badan", "II.b") for nama in BIDANG_BADAN]
        opds += [(f"Kecamatan {nama}", "kecamatan", "III.a") for nama in KECAMATAN]
        opds += [("Rumah Sakit Umum Daerah Anutapura", "rsud", "II.b")]
        for i, (nama, tipe, eselon_kepala) in enumerate(opds, start=1):
            kode = f"{i:02d}"
            opd = self._unit(kode, nama, "opd", None)
            if tipe == "setda":
                self._jabatan(
                    opd,
                    "Sekretaris Daerah",
                    "jpt",
                    kelas=15,
                    eselon="II.a",
                    kepala=True,
                    min_gol="IV/c",
                    pendidikan=["S2"],
                )
                for j, bagian in enumerate(BAGIAN_SETDA, start=1):
                    unit = self._unit(f"{kode}.{j:02d}", f"Bagian {bagian}", "bagian", opd)
                    self._jabatan(
                        unit,
                        f"Kepala Bagian {bagian}",
                        "administrator",
                        kelas=11,
                        eselon="III.a",
                        kepala=True,
                        min_gol="IV/a",
                        pendidikan=["S1", "S2"],
                    )
                    self._staff(unit, nama, 3)
                continue
            if tipe == "kecamatan":
                camat = nama.replace("Kecamatan", "Camat")
                self._jabatan(
                    opd,
                    camat,
                    "administrator",
                    kelas=12,
                    eselon="III.a",
                    kepala=True,
                    min_gol="IV/a",
                    pendidikan=["S1", "S2"],
                )
                sekre = self._unit(f"{kode}.01", f"Sekretariat {nama}", "bagian", opd)
                self._jabatan(
                    sekre,
                    f"Sekretaris {nama}",
                    "administrator",
                    kelas=10,
                    eselon="III.b",
                    kepala=True,
                    min_gol="III/d",
                    pendidikan=["S1"],
                )
                self._staff(sekre, nama, 2)
                for j, seksi in enumerate(
                    ["Pemerintahan", "Ketenteraman dan Ketertiban Umum", "Pemberdayaan Masyarakat"], start=2
                ):
                    unit = self._unit(f"{kode}.{j:02d}", f"Seksi {seksi}", "seksi", opd)
                    self._jabatan(
                        unit,
                        f"Kepala Seksi {seksi}",
                        "pengawas",
                        kelas=9,
                        eselon="IV.a",
                        kepala=True,
                        min_gol="III/c",
                        pendidikan=["S1"],
                    )
                    self._staff(unit, nama, 2)
                for k, kel in enumerate(
                    ["Kelurahan " + self.fake.city_name().replace("Kota ", "") for _ in range(2)], start=5
                ):
                    unit = self._unit(f"{kode}.{k:02d}", kel, "upt", opd)
                    self._jabatan(
                        unit,
                        f"Lurah {kel.removeprefix('Kelurahan ')}",
                        "pengawas",
                        kelas=9,
                        eselon="IV.a",
                        kepala=True,
                        min_gol="III/c",
                        pendidikan=["S1"],
                    )
                    self._staff(unit, nama, 2)
                continue
            judul = {"setwan": "Sekretaris DPRD", "rsud": "Direktur RSUD Anutapura"}.get(tipe)
            if judul is None:
                judul = (
                    "Kepala " + nama
                    if tipe != "badan" or not nama.startswith("Inspektorat")
                    else "Inspektur Daerah"
                )
            self._jabatan(
                opd,
                judul,
                "jpt",
                kelas=14,
                eselon=eselon_kepala,
                kepala=True,
                min_gol="IV/b",
                pendidikan=["S2"],
            )
            sekre = self._unit(
                f"{kode}.01", "Sekretariat" if tipe != "rsud" else "Bagian Tata Usaha", "bagian", opd
            )
            self._jabatan(
                sekre,
                "Sekretaris" if tipe != "rsud" else "Kepala Bagian Tata Usaha",
                "administrator",
                kelas=11,
                eselon="III.a",
                kepala=True,
                min_gol="IV/a",
                pendidikan=["S1", "S2"],
            )
            for j, sub in enumerate(
                ["Umum dan Kepegawaian", "Keuangan", "Perencanaan dan Pelaporan"], start=1
            ):
                unit = self._unit(f"{kode}.01.{j}", f"Subbagian {sub}", "subbidang", sekre)
                self._jabatan(
                    unit,
                    f"Kepala Subbagian {sub}",
                    "pengawas",
                    kelas=9,
                    eselon="IV.a",
                    kepala=True,
                    min_gol="III/c",
                    pendidikan=["S1"],
                )
                self._staff(unit, nama, 3)
            bidang_list = (
                BIDANG_DINAS.get(nama)
                or BIDANG_BADAN.get(nama)
                or (
                    ["Pelayanan Medik", "Keperawatan", "Penunjang"]
                    if tipe == "rsud"
                    else ["Persidangan dan Perundang-undangan", "Keuangan dan Umum"]
                )
            )
            for b, bidang in enumerate(bidang_list, start=2):
                prefix = "Inspektur Pembantu" if bidang.startswith("Inspektur") else "Bidang"
                nama_bidang = bidang if prefix == "Inspektur Pembantu" else f"Bidang {bidang}"
                unit = self._unit(f"{kode}.{b:02d}", nama_bidang, "bidang", opd)
                kabid = nama_bidang.replace("Bidang", "Kepala Bidang", 1) if prefix == "Bidang" else bidang
                self._jabatan(
                    unit,
                    kabid,
                    "administrator",
                    kelas=11,
                    eselon="III.b",
                    kepala=True,
                    min_gol="III/d",
                    pendidikan=["S1", "S2"],
                )
                self._staff(unit, nama, 3, fungsional=True)
                for s, seksi in enumerate(["Program", "Pelaksanaan"], start=1):
                    jenis = "seksi" if tipe == "dinas" else "subbidang"
                    label = "Seksi" if jenis == "seksi" else "Subbidang"
                    sub = self._unit(f"{kode}.{b:02d}.{s}", f"{label} {seksi} {bidang}", jenis, unit)
                    self._jabatan(
                        sub,
                        f"Kepala {label} {seksi} {bidang}",
                        "pengawas",
                        kelas=9,
                        eselon="IV.a",
                        kepala=True,
                        min_gol="III/c",
                        pendidikan=["S1"],
                    )
                    self._staff(sub, nama, 2)
            if tipe in ("dinas",) and nama in ("Dinas Pendidikan dan Kebudayaan", "Dinas Kesehatan"):
                label = "SD Negeri" if "Pendidikan" in nama else "Puskesmas"
                for u in range(1, 7):
                    unit = self._unit(f"{kode}.U{u:02d}", f"UPT {label} {u} Palu", "upt", opd)
                    self._jabatan(
                        unit,
                        f"Kepala UPT {label} {u}",
                        "pengawas",
                        kelas=9,
                        eselon="IV.b",
                        kepala=True,
                        min_gol="III/c",
                        pendidikan=["S1"],
                    )
                    self._staff(unit, nama, 2, fungsional=True)

    def _staff(self, unit: UnitKerja, opd_nama: str, count: int, *, fungsional: bool = False) -> None:
        names = self.rng.sample(PELAKSANA, k=min(count, len(PELAKSANA)))
        for nama, kelas in names:
            self._jabatan(unit, nama, "pelaksana", kelas=kelas)
        if fungsional or self.rng.random() < 0.3:
            for nama, jenjang, kelas in FUNGSIONAL.get(opd_nama, FUNGSIONAL_UMUM)[:3]:
                jenis_pend = (
                    ["D3"] if jenjang in ("terampil", "mahir", "penyelia", "pemula") else ["S1", "S2"]
                )
                self._jabatan(
                    unit,
                    f"{nama} {jenjang.title()}",
                    "fungsional",
                    kelas=kelas,
                    jenjang=jenjang,
                    min_gol="III/a" if jenis_pend != ["D3"] else "II/c",
                    pendidikan=jenis_pend,
                )
