"""Texts of the kinerja demo data: realistic Indonesian hasil kerja per kind of position, BerAKHLAK
expectations, notes and assessors. Data only; kinerja.demo draws from it."""

from __future__ import annotations

from .models import PerilakuKerja

HASIL_KERJA = {
    "Guru": [
        (
            "Terlaksananya pembelajaran tatap muka sesuai jadwal pada mata pelajaran yang diampu",
            "Jumlah jam pelajaran yang terlaksana per minggu",
            24,
            "jam pelajaran",
        ),
        (
            "Tersusunnya modul ajar dan asesmen Kurikulum Merdeka untuk kelas yang diampu",
            "Jumlah modul ajar yang disusun",
            12,
            "modul",
        ),
        (
            "Meningkatnya hasil belajar peserta didik pada mata pelajaran yang diampu",
            "Persentase peserta didik yang mencapai kriteria ketercapaian tujuan pembelajaran",
            85,
            "%",
        ),
    ],
    "Pengawas Sekolah": [
        (
            "Terlaksananya supervisi akademik dan manajerial pada sekolah binaan",
            "Jumlah sekolah binaan yang disupervisi",
            10,
            "sekolah",
        ),
        ("Tersusunnya laporan hasil pengawasan sekolah binaan", "Jumlah laporan pengawasan", 2, "laporan"),
    ],
    "Perawat": [
        (
            "Terlaksananya asuhan keperawatan pasien sesuai standar",
            "Jumlah pasien yang mendapat asuhan keperawatan",
            600,
            "pasien",
        ),
        (
            "Terdokumentasinya asuhan keperawatan secara lengkap",
            "Persentase catatan asuhan keperawatan yang lengkap",
            95,
            "%",
        ),
    ],
    "Dokter": [
        (
            "Terlaksananya pelayanan medis pasien rawat jalan di puskesmas",
            "Jumlah pasien yang dilayani",
            2400,
            "pasien",
        ),
        (
            "Terlaksananya rujukan pasien sesuai indikasi medis",
            "Persentase rujukan yang sesuai indikasi",
            100,
            "%",
        ),
    ],
    "Bidan": [
        (
            "Terlaksananya pelayanan kesehatan ibu hamil dan nifas di wilayah kerja",
            "Jumlah kunjungan pemeriksaan kehamilan",
            480,
            "kunjungan",
        ),
        (
            "Terlaksananya pertolongan persalinan oleh tenaga kesehatan",
            "Persentase persalinan yang ditolong tenaga kesehatan",
            95,
            "%",
        ),
    ],
    "Apoteker": [
        (
            "Terkelolanya sediaan farmasi dan bahan medis habis pakai di puskesmas",
            "Persentase ketersediaan obat esensial",
            90,
            "%",
        ),
        (
            "Terlaksananya pelayanan informasi obat kepada pasien",
            "Jumlah pasien yang mendapat pelayanan informasi obat",
            1200,
            "pasien",
        ),
    ],
    "Analis Keuangan": [
        (
            "Tersusunnya laporan keuangan perangkat daerah tepat waktu",
            "Jumlah laporan keuangan yang disusun",
            4,
            "laporan",
        ),
        (
            "Terverifikasinya dokumen pertanggungjawaban belanja",
            "Jumlah SPJ yang diverifikasi",
            1200,
            "dokumen",
        ),
    ],
    "Analis Sumber Daya Manusia": [
        (
            "Terselesaikannya usulan kenaikan pangkat dan pensiun tepat waktu",
            "Persentase usulan yang diproses dalam 10 hari kerja",
            95,
            "%",
        ),
        (
            "Termutakhirkannya data kepegawaian ASN di SIASN",
            "Jumlah data pegawai yang dimutakhirkan",
            2000,
            "data",
        ),
    ],
    "Auditor": [
        (
            "Terlaksananya audit kinerja perangkat daerah sesuai PKPT",
            "Jumlah laporan hasil audit yang terbit",
            8,
            "LHA",
        ),
        (
            "Terpantaunya tindak lanjut rekomendasi hasil pemeriksaan",
            "Persentase rekomendasi yang ditindaklanjuti",
            85,
            "%",
        ),
    ],
    "Pranata Komputer": [
        (
            "Terpeliharanya aplikasi dan jaringan layanan pemerintah daerah",
            "Persentase ketersediaan layanan aplikasi",
            99,
            "%",
        ),
        (
            "Terselesaikannya permintaan dukungan teknis pengguna",
            "Jumlah tiket dukungan yang diselesaikan",
            300,
            "tiket",
        ),
    ],
    "Statistisi": [
        (
            "Tersedianya data statistik sektoral Kota Palu",
            "Jumlah set data yang dipublikasikan di Satu Data",
            40,
            "set data",
        ),
        (
            "Tersusunnya publikasi statistik sektoral perangkat daerah",
            "Jumlah publikasi yang terbit",
            2,
            "publikasi",
        ),
    ],
    "Perencana": [
        (
            "Tersusunnya dokumen perencanaan pembangunan daerah tepat waktu",
            "Jumlah dokumen perencanaan yang disusun",
            3,
            "dokumen",
        ),
        (
            "Terlaksananya evaluasi capaian program perangkat daerah",
            "Jumlah laporan evaluasi triwulanan",
            4,
            "laporan",
        ),
    ],
    "Analis Kebijakan": [
        (
            "Tersusunnya rekomendasi kebijakan bagi pimpinan",
            "Jumlah policy brief yang disampaikan",
            4,
            "naskah",
        ),
        ("Terlaksananya analisis dampak kebijakan daerah", "Jumlah kajian yang diselesaikan", 2, "kajian"),
    ],
    "Arsiparis": [
        (
            "Tertatanya arsip inaktif unit kerja",
            "Jumlah berkas arsip yang ditata dan dideskripsikan",
            1500,
            "berkas",
        ),
        (
            "Terlaksananya layanan peminjaman arsip",
            "Persentase permintaan arsip yang dilayani hari itu",
            95,
            "%",
        ),
    ],
    "Pengadministrasi Perkantoran": [
        (
            "Terkelolanya surat masuk dan surat keluar di SRIKANDI",
            "Jumlah naskah dinas yang diagendakan",
            1800,
            "naskah",
        ),
        (
            "Tersedianya dokumen administrasi kegiatan unit kerja",
            "Jumlah berkas kegiatan yang lengkap",
            48,
            "berkas",
        ),
    ],
    "Penata Layanan Operasional": [
        (
            "Terlaksananya layanan administrasi kepada masyarakat sesuai standar pelayanan",
            "Jumlah permohonan layanan yang diselesaikan",
            900,
            "permohonan",
        ),
        ("Tersusunnya laporan pelayanan bulanan", "Jumlah laporan pelayanan", 12, "laporan"),
    ],
    "Pengolah Data dan Informasi": [
        (
            "Tersedianya data dan informasi unit kerja yang mutakhir",
            "Jumlah laporan rekapitulasi data",
            12,
            "laporan",
        ),
        (
            "Termutakhirkannya basis data layanan unit kerja",
            "Jumlah rekaman data yang diverifikasi",
            2500,
            "rekaman",
        ),
    ],
    "Operator Layanan Operasional": [
        (
            "Terlaksananya dukungan operasional kegiatan unit kerja",
            "Jumlah kegiatan yang didukung",
            48,
            "kegiatan",
        ),
        ("Terpeliharanya sarana dan prasarana kantor", "Jumlah laporan pemeliharaan", 12, "laporan"),
    ],
    "Penelaah Teknis Kebijakan": [
        (
            "Tersusunnya telaahan staf atas permasalahan teknis unit kerja",
            "Jumlah telaahan staf yang disampaikan",
            24,
            "telaahan",
        ),
        ("Tersusunnya bahan rancangan kebijakan teknis", "Jumlah konsep kebijakan yang disusun", 4, "konsep"),
    ],
    "Pengelola Umum Operasional": [
        (
            "Terkelolanya barang milik daerah di unit kerja",
            "Jumlah barang yang diinventarisasi dan dilabel",
            400,
            "unit",
        ),
        ("Tersusunnya laporan barang milik daerah semesteran", "Jumlah laporan barang", 2, "laporan"),
    ],
    # Unit heads: {unit} is the unit they lead.
    "kepala": [
        ("Meningkatnya capaian kinerja {unit}", "Persentase indikator kinerja {unit} yang tercapai", 90, "%"),
        (
            "Terlaksananya program dan kegiatan {unit} sesuai rencana aksi tahun {tahun}",
            "Persentase realisasi kegiatan terhadap rencana aksi",
            95,
            "%",
        ),
        (
            "Tersusunnya dokumen perencanaan dan laporan kinerja {unit} tepat waktu",
            "Jumlah dokumen perencanaan dan laporan kinerja yang ditetapkan",
            3,
            "dokumen",
        ),
        (
            "Terserapnya anggaran {unit} sesuai rencana penarikan dana",
            "Persentase realisasi anggaran",
            95,
            "%",
        ),
    ],
    "umum": [
        (
            "Terlaksananya tugas teknis unit kerja sesuai rencana kerja",
            "Jumlah keluaran tugas yang diselesaikan",
            24,
            "keluaran",
        ),
        ("Tersusunnya laporan pelaksanaan tugas", "Jumlah laporan yang disampaikan", 12, "laporan"),
    ],
}
HASIL_KERJA_TAMBAHAN = [
    (
        "Terlaksananya tugas sebagai anggota Tim Reformasi Birokrasi perangkat daerah",
        "Kualitas dukungan kepada tim",
        "Bahan rapat dan laporan tim disampaikan tepat waktu",
    ),
    (
        "Tersusunnya usulan inovasi pelayanan publik unit kerja",
        "Usulan inovasi",
        "Satu usulan inovasi diajukan pada kompetisi inovasi daerah",
    ),
    (
        "Terlaksananya publikasi kegiatan unit kerja di media sosial resmi",
        "Keteraturan publikasi",
        "Setiap kegiatan utama dipublikasikan paling lambat 2 hari setelah pelaksanaan",
    ),
    (
        "Terlaksananya tugas sebagai pendamping pegawai baru",
        "Kualitas pendampingan",
        "Pegawai yang didampingi mampu melaksanakan tugas secara mandiri dalam 3 bulan",
    ),
]
# fmt: on
WALI_KELAS = (
    "Terlaksananya tugas tambahan sebagai wali kelas",
    "Penyampaian laporan hasil belajar",
    "Laporan hasil belajar disampaikan kepada orang tua tepat waktu setiap semester",
)
EKSPEKTASI = {
    PerilakuKerja.Aspek.BERORIENTASI_PELAYANAN: (
        "Memberikan layanan yang cepat, ramah dan solutif kepada pengguna layanan",
        "Menindaklanjuti keluhan pengguna layanan paling lambat 3 hari kerja",
    ),
    PerilakuKerja.Aspek.AKUNTABEL: (
        "Menyelesaikan tugas tepat waktu dan melaporkan hasilnya secara tertulis",
        "Menggunakan anggaran dan barang milik daerah secara bertanggung jawab dan efisien",
    ),
    PerilakuKerja.Aspek.KOMPETEN: (
        "Mengikuti paling sedikit 20 jam pelajaran pengembangan kompetensi dalam setahun",
        "Membagikan pengetahuan hasil pelatihan kepada rekan kerja",
    ),
    PerilakuKerja.Aspek.HARMONIS: (
        "Menghargai setiap orang apa pun latar belakangnya dan menjaga suasana kerja yang kondusif",
        "Suka menolong rekan kerja dan membangun lingkungan kerja yang saling menghargai",
    ),
    PerilakuKerja.Aspek.LOYAL: (
        "Menjaga nama baik instansi serta kerahasiaan jabatan dan negara",
        "Memegang teguh Pancasila dan UUD 1945 serta setia kepada NKRI",
    ),
    PerilakuKerja.Aspek.ADAPTIF: (
        "Cepat menyesuaikan diri dengan aplikasi kerja baru (SRIKANDI, SIASN)",
        "Proaktif mengusulkan perbaikan proses kerja unit",
    ),
    PerilakuKerja.Aspek.KOLABORATIF: (
        "Aktif berbagi data dan informasi dengan unit kerja lain",
        "Terbuka bekerja sama dengan rekan dan mitra untuk menghasilkan nilai tambah",
    ),
}
CATATAN_DI_BAWAH = [
    "Perlu meningkatkan ketepatan waktu penyelesaian tugas.",
    "Target hasil kerja belum tercapai; ikuti bimbingan kinerja bersama atasan.",
    "Kehadiran dan disiplin kerja perlu diperbaiki.",
]
SUMBER_POTENSIAL = [
    "Asesmen potensi UPT Penilaian Kompetensi BKPSDM Kota Palu",
    "Uji kompetensi manajerial (assessment center) Provinsi Sulawesi Tengah",
    "Asesmen potensi Kantor Regional IV BKN Makassar",
]
