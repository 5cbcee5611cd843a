"""Names and distributions for the demo government (Kota Palu style): data only."""

BIDANG_DINAS = {
    "Dinas Pendidikan dan Kebudayaan": [
        "Pembinaan SD",
        "Pembinaan SMP",
        "Kebudayaan",
        "PAUD dan Pendidikan Nonformal",
    ],
    "Dinas Kesehatan": [
        "Kesehatan Masyarakat",
        "Pencegahan dan Pengendalian Penyakit",
        "Pelayanan Kesehatan",
    ],
    "Dinas Pekerjaan Umum dan Penataan Ruang": [
        "Bina Marga",
        "Sumber Daya Air",
        "Cipta Karya",
        "Penataan Ruang",
    ],
    "Dinas Sosial": ["Rehabilitasi Sosial", "Perlindungan dan Jaminan Sosial", "Pemberdayaan Sosial"],
    "Dinas Perhubungan": ["Lalu Lintas", "Angkutan", "Sarana dan Prasarana"],
    "Dinas Kependudukan dan Pencatatan Sipil": [
        "Pelayanan Pendaftaran Penduduk",
        "Pelayanan Pencatatan Sipil",
        "Pengelolaan Informasi Administrasi Kependudukan",
    ],
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu": [
        "Penanaman Modal",
        "Pelayanan Perizinan",
        "Pengaduan dan Pengawasan",
    ],
    "Dinas Lingkungan Hidup": ["Tata Lingkungan", "Pengelolaan Sampah", "Pengendalian Pencemaran"],
    "Dinas Komunikasi, Informatika dan Persandian": [
        "Aplikasi Informatika",
        "Informasi dan Komunikasi Publik",
        "Persandian dan Statistik",
    ],
    "Dinas Pemuda dan Olahraga": ["Kepemudaan", "Olahraga"],
    "Dinas Perumahan dan Kawasan Permukiman": ["Perumahan", "Kawasan Permukiman", "Pertanahan"],
    "Dinas Pertanian dan Ketahanan Pangan": [
        "Tanaman Pangan dan Hortikultura",
        "Peternakan",
        "Ketahanan Pangan",
    ],
    "Dinas Kelautan dan Perikanan": ["Perikanan Tangkap", "Perikanan Budidaya"],
    "Dinas Koperasi, Usaha Kecil dan Menengah": ["Koperasi", "Usaha Mikro"],
    "Dinas Perdagangan dan Perindustrian": ["Perdagangan", "Perindustrian", "Metrologi"],
    "Dinas Pariwisata": ["Destinasi Pariwisata", "Pemasaran Pariwisata"],
    "Dinas Tenaga Kerja dan Transmigrasi": ["Pelatihan dan Penempatan Tenaga Kerja", "Hubungan Industrial"],
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak": ["Pemberdayaan Perempuan", "Perlindungan Anak"],
    "Dinas Pengendalian Penduduk dan Keluarga Berencana": ["Pengendalian Penduduk", "Keluarga Berencana"],
    "Dinas Perpustakaan dan Kearsipan": ["Perpustakaan", "Kearsipan"],
    "Dinas Pemadam Kebakaran dan Penyelamatan": ["Operasi dan Penyelamatan", "Pencegahan Kebakaran"],
    "Satuan Polisi Pamong Praja": [
        "Penegakan Perundang-undangan Daerah",
        "Ketertiban Umum",
        "Perlindungan Masyarakat",
    ],
}
BIDANG_BADAN = {
    "Badan Perencanaan Pembangunan Daerah": [
        "Perencanaan Ekonomi",
        "Perencanaan Pemerintahan dan Pembangunan Manusia",
        "Perencanaan Infrastruktur",
    ],
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia": [
        "Mutasi dan Promosi",
        "Pengadaan dan Informasi Kepegawaian",
        "Pengembangan Kompetensi",
        "Penilaian Kinerja dan Penghargaan",
    ],
    "Badan Pengelolaan Keuangan dan Aset Daerah": ["Anggaran", "Perbendaharaan", "Akuntansi", "Aset"],
    "Badan Pendapatan Daerah": ["Pendataan dan Penetapan", "Penagihan", "Pengembangan Pendapatan"],
    "Badan Penanggulangan Bencana Daerah": [
        "Pencegahan dan Kesiapsiagaan",
        "Kedaruratan dan Logistik",
        "Rehabilitasi dan Rekonstruksi",
    ],
    "Badan Kesatuan Bangsa dan Politik": ["Ideologi dan Wawasan Kebangsaan", "Politik Dalam Negeri"],
    "Inspektorat Daerah": [
        "Inspektur Pembantu Wilayah I",
        "Inspektur Pembantu Wilayah II",
        "Inspektur Pembantu Wilayah III",
    ],
}
KECAMATAN = [
    "Palu Barat",
    "Palu Timur",
    "Palu Selatan",
    "Palu Utara",
    "Mantikulore",
    "Tatanga",
    "Ulujadi",
    "Tawaeli",
]
BAGIAN_SETDA = [
    "Tata Pemerintahan",
    "Hukum",
    "Organisasi",
    "Perekonomian",
    "Administrasi Pembangunan",
    "Umum",
    "Protokol dan Komunikasi Pimpinan",
    "Pengadaan Barang dan Jasa",
]

PELAKSANA = [
    ("Pengadministrasi Perkantoran", 5),
    ("Penata Layanan Operasional", 7),
    ("Pengolah Data dan Informasi", 6),
    ("Operator Layanan Operasional", 5),
    ("Penelaah Teknis Kebijakan", 7),
    ("Pengelola Umum Operasional", 6),
]
FUNGSIONAL = {
    "Dinas Pendidikan dan Kebudayaan": [
        ("Guru", "ahli pertama", 8),
        ("Guru", "ahli muda", 9),
        ("Pengawas Sekolah", "ahli madya", 11),
    ],
    "Dinas Kesehatan": [
        ("Perawat", "terampil", 6),
        ("Perawat", "ahli pertama", 8),
        ("Dokter", "ahli muda", 10),
        ("Bidan", "terampil", 6),
        ("Apoteker", "ahli pertama", 8),
    ],
    "Badan Pengelolaan Keuangan dan Aset Daerah": [("Analis Keuangan Pusat dan Daerah", "ahli pertama", 8)],
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia": [
        ("Analis Sumber Daya Manusia Aparatur", "ahli pertama", 8),
        ("Analis Sumber Daya Manusia Aparatur", "ahli muda", 9),
    ],
    "Inspektorat Daerah": [
        ("Auditor", "ahli pertama", 8),
        ("Auditor", "ahli muda", 9),
        ("Auditor", "ahli madya", 11),
    ],
    "Dinas Komunikasi, Informatika dan Persandian": [
        ("Pranata Komputer", "ahli pertama", 8),
        ("Statistisi", "ahli pertama", 8),
    ],
    "Badan Perencanaan Pembangunan Daerah": [("Perencana", "ahli pertama", 8), ("Perencana", "ahli muda", 9)],
}
FUNGSIONAL_UMUM = [
    ("Analis Kebijakan", "ahli pertama", 8),
    ("Arsiparis", "terampil", 6),
    ("Pranata Komputer", "ahli pertama", 8),
]
JURUSAN = {
    "SMA": ["IPA", "IPS", "Administrasi Perkantoran", "Akuntansi"],
    "D3": ["Keperawatan", "Kebidanan", "Manajemen Informatika", "Akuntansi", "Analis Kesehatan"],
    "D4": ["Keperawatan", "Administrasi Publik"],
    "S1": [
        "Ilmu Pemerintahan",
        "Administrasi Negara",
        "Ekonomi Pembangunan",
        "Akuntansi",
        "Hukum",
        "Teknik Sipil",
        "Pendidikan Guru Sekolah Dasar",
        "Kesehatan Masyarakat",
        "Pendidikan Matematika",
        "Teknik Informatika",
        "Manajemen",
        "Kedokteran",
        "Farmasi",
    ],
    "S2": [
        "Magister Administrasi Publik",
        "Magister Manajemen",
        "Magister Kesehatan Masyarakat",
        "Magister Hukum",
        "Magister Teknik",
    ],
    "S3": ["Ilmu Administrasi", "Ilmu Ekonomi"],
}
INSTITUSI = [
    "Universitas Tadulako",
    "Universitas Muhammadiyah Palu",
    "Universitas Hasanuddin",
    "Universitas Negeri Makassar",
    "STIKes Widya Nusantara Palu",
    "Universitas Alkhairaat",
    "Universitas Gadjah Mada",
    "IPDN",
]
TEMPAT = [
    "Palu",
    "Donggala",
    "Parigi",
    "Poso",
    "Luwuk",
    "Toli-Toli",
    "Makassar",
    "Manado",
    "Gorontalo",
    "Sigi",
    "Ampana",
    "Buol",
]
AGAMA = ["Islam"] * 80 + ["Kristen"] * 14 + ["Katolik"] * 2 + ["Hindu"] * 3 + ["Buddha"]
PNS_ORDER = [
    "I/a",
    "I/b",
    "I/c",
    "I/d",
    "II/a",
    "II/b",
    "II/c",
    "II/d",
    "III/a",
    "III/b",
    "III/c",
    "III/d",
    "IV/a",
    "IV/b",
    "IV/c",
    "IV/d",
    "IV/e",
]
START_GOLONGAN = {
    "SD": "I/a",
    "SMP": "I/c",
    "SMA": "II/a",
    "D3": "II/c",
    "D4": "III/a",
    "S1": "III/a",
    "S2": "III/b",
    "S3": "III/c",
}
CAP_GOLONGAN = {
    "SD": "II/a",
    "SMP": "II/d",
    "SMA": "III/b",
    "D3": "III/c",
    "D4": "III/d",
    "S1": "IV/a",
    "S2": "IV/c",
    "S3": "IV/d",
}
PPPK_GOLONGAN = {
    "SD": "I",
    "SMP": "III",
    "SMA": "V",
    "D3": "VII",
    "D4": "IX",
    "S1": "IX",
    "S2": "X",
    "S3": "XI",
}
