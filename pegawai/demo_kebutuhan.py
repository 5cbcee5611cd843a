"""Requirements (syarat jabatan) and ABK task rows of the demo government's positions.

Uses its own random.Random(seed + 1) so the people, NIPs and families of a seed stay what they were
before this was added. The fields of study fit the position and the OPD (a nurse: Keperawatan; a head of
a Dinas Kesehatan bidang: Kesehatan Masyarakat; Kedokteran; Keperawatan); most holders' recorded field is
set to fit it, about one in seven keeps another one, so the requirement check has misses to show. One staff
position in five with two or more holders needs fewer than it has, so the needs pages show excesses beside the
shortages (the headcounts of build_people lean to shortages, as most regional governments report).
"""

from __future__ import annotations

import random

from .abk import hitung_kebutuhan, waktu_kerja_efektif
from .models import Jabatan, Pegawai, UraianTugasJabatan

# By the start of the position's name (functional positions), then by OPD for structural ones.
JURUSAN_JABATAN = [
    ("Perawat", "Keperawatan; Ners", "Asuhan keperawatan; Pencegahan dan pengendalian infeksi"),
    ("Bidan", "Kebidanan", "Asuhan kebidanan; Kesehatan ibu dan anak"),
    ("Dokter", "Kedokteran", "Pelayanan medis dasar; Kegawatdaruratan"),
    ("Apoteker", "Farmasi", "Pelayanan kefarmasian; Pengelolaan obat"),
    ("Guru", "Pendidikan", "Pedagogik; Kurikulum Merdeka"),
    ("Pengawas Sekolah", "Pendidikan", "Supervisi akademik; Penjaminan mutu pendidikan"),
    ("Auditor", "Akuntansi; Ekonomi; Manajemen; Hukum", "Audit kinerja; Audit keuangan daerah"),
    ("Analis Keuangan", "Akuntansi; Ekonomi; Manajemen", "Penganggaran daerah; Analisis laporan keuangan"),
    ("Pranata Komputer", "Informatika; Komputer; Sistem Informasi", "Pengelolaan jaringan; Pengembangan aplikasi"),
    ("Statistisi", "Statistika; Matematika", "Pengolahan data statistik; Analisis data"),
    ("Perencana", "Perencanaan; Ekonomi; Teknik; Administrasi", "Perencanaan pembangunan; Evaluasi program"),
    ("Analis Sumber Daya Manusia", "Psikologi; Administrasi; Manajemen; Hukum", "Manajemen ASN; Analisis jabatan"),
]  # fmt: skip
JURUSAN_OPD = {
    "Dinas Kesehatan": "Kesehatan Masyarakat; Kedokteran; Keperawatan",
    "Rumah Sakit Umum Daerah Anutapura": "Kedokteran; Keperawatan; Kesehatan Masyarakat",
    "Dinas Pendidikan dan Kebudayaan": "Pendidikan",
    "Dinas Pekerjaan Umum dan Penataan Ruang": "Teknik Sipil; Teknik; Perencanaan Wilayah",
    "Badan Pengelolaan Keuangan dan Aset Daerah": "Akuntansi; Ekonomi; Manajemen",
    "Badan Pendapatan Daerah": "Akuntansi; Ekonomi; Manajemen",
    "Dinas Komunikasi, Informatika dan Persandian": "Informatika; Komputer; Ilmu Komunikasi",
    "Inspektorat Daerah": "Akuntansi; Ekonomi; Hukum",
}
# ABK task rows of a few positions: (uraian tugas, minutes per completion).
TUGAS = {
    "Perawat": [
        ("Melakukan pengkajian keperawatan pasien", 30),
        ("Menyusun rencana asuhan keperawatan", 20),
        ("Melaksanakan tindakan keperawatan", 45),
        ("Mendokumentasikan asuhan keperawatan", 15),
    ],
    "Pengadministrasi Perkantoran": [
        ("Menerima, mencatat dan mendistribusikan surat masuk", 10),
        ("Mengagendakan dan mengirim surat keluar", 15),
        ("Mengarsipkan dokumen unit kerja", 20),
        ("Menyiapkan bahan dan notula rapat", 90),
    ],
    "Analis Sumber Daya Manusia": [
        ("Menganalisis usulan mutasi pegawai", 120),
        ("Memverifikasi berkas kenaikan pangkat", 60),
        ("Menyusun laporan bezetting dan kebutuhan pegawai", 480),
        ("Memutakhirkan data kepegawaian di SIASN", 30),
    ],
}
MAKS_JABATAN_ABK = 14
STRUKTURAL_BIDANG = (
    "Kepala Bidang",
    "Kepala Seksi",
    "Kepala Subbidang",
    "Kepala UPT",
    "Kepala Dinas",
    "Direktur",
)


class KebutuhanDemo:
    """Mixin of DemoBuilder (needs self.seed, self.posisi, self.golongan, self.extra)."""

    def _syarat_jurusan(self, jabatan: Jabatan, opd_nama: str) -> tuple[str, str]:
        for awal, jurusan, kompetensi in JURUSAN_JABATAN:
            if jabatan.nama.startswith(awal):
                return jurusan, kompetensi
        if jabatan.jenis in Jabatan.STRUKTURAL and jabatan.nama.startswith(STRUKTURAL_BIDANG):
            return JURUSAN_OPD.get(opd_nama, ""), ""
        return "", ""

    def apply_syarat(self, people: list[Pegawai]) -> None:
        """Requirements on every position (before they are saved) and fitting fields for most holders."""
        rng = random.Random(self.seed + 1)  # noqa: S311 - demo data
        holders: dict[int, list[Pegawai]] = {}
        for pegawai in people:
            holders.setdefault(id(pegawai.jabatan), []).append(pegawai)
        for posisi in self.posisi:
            jabatan = posisi.jabatan
            opd = posisi.unit
            while opd.induk is not None:
                opd = opd.induk
            jabatan.syarat_pendidikan = min(posisi.pendidikan, key=Pegawai.Pendidikan.values.index)
            jabatan.syarat_golongan = self.golongan[posisi.min_golongan]
            jabatan.syarat_jurusan, jabatan.kompetensi = self._syarat_jurusan(jabatan, opd.nama)
            n = len(holders.get(id(jabatan), []))
            if not posisi.kepala and n >= 2 and rng.random() < 0.2:
                # Some staff positions hold more people than their ABK needs (excess to redistribute).
                jabatan.kebutuhan = max(1, n - rng.choice([1, 1, 2]))
            diterima = [j.strip() for j in jabatan.syarat_jurusan.split(";") if j.strip()]
            if not diterima:
                continue
            for pegawai in holders.get(id(jabatan), []):
                if rng.random() < 0.15:
                    continue
                jurusan = rng.choice(diterima)
                if pegawai.pendidikan_jenjang == "S2":
                    jurusan = f"Magister {jurusan}"
                pegawai.pendidikan_jurusan = jurusan
                self.extra[pegawai.nip][1] = jurusan

    def build_abk(self) -> list[UraianTugasJabatan]:
        """Task rows for a few saved positions, sized so the computed need is the position's need."""
        rng = random.Random(self.seed + 2)  # noqa: S311 - demo data
        wke = waktu_kerja_efektif()
        rows: list[UraianTugasJabatan] = []
        dipilih: list[Jabatan] = []
        for posisi in self.posisi:
            jabatan = posisi.jabatan
            katalog = next((t for awal, t in TUGAS.items() if jabatan.nama.startswith(awal)), None)
            if katalog is None or posisi.kepala or len(dipilih) >= MAKS_JABATAN_ABK:
                continue
            if rng.random() < 0.5:
                continue
            target = max(jabatan.kebutuhan, 1) * wke + rng.randint(-wke // 4, wke // 4)
            bagian = [rng.uniform(0.15, 0.4) for _ in katalog]
            skala = target / sum(bagian)
            tugas = []
            for urutan, ((uraian, menit), b) in enumerate(zip(katalog, bagian, strict=True)):
                volume = max(int(b * skala / menit), 1)
                tugas.append(
                    UraianTugasJabatan(
                        jabatan=jabatan,
                        uraian=uraian,
                        volume_per_tahun=volume,
                        waktu_penyelesaian_menit=menit,
                        urutan=urutan,
                    )
                )
            hasil = hitung_kebutuhan([(t.volume_per_tahun, t.waktu_penyelesaian_menit) for t in tugas], wke)
            jabatan.kebutuhan = hasil.kebutuhan
            jabatan.sumber_kebutuhan = Jabatan.SumberKebutuhan.ABK
            dipilih.append(jabatan)
            rows.extend(tugas)
        if dipilih:
            Jabatan.objects.bulk_update(dipilih, ["kebutuhan", "sumber_kebutuhan"])
        return rows
