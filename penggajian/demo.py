"""Pay demo data: attendance recaps for the last three months (so TPP runs compute) and, for civil
servants, the periodic raises (KGB) since their pangkat SK, so each month's pay uses the MKG then in force. Deterministic with the
seed; written with COPY (a few seconds at 50,000 employees)."""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from core.dates import add_months, months_between
from core.db import analyze_after_bulk_write, copy_rows
from pegawai.models import Pegawai, tmt_kgb_ke

from . import selectors
from .hitung import GalatHitung
from .models import KenaikanGajiBerkala, RekapKehadiran

BULAN_DEMO = 3
BULAN_TERLAMBAT = 3
KODE = ["TL1", "TL2", "TL3", "TL4", "PSW1", "PSW2", "PSW3", "PSW4", "APEL"]
BOBOT_KODE = [30, 8, 3, 2, 12, 4, 2, 1, 10]


@dataclass
class GajiDemoResult:
    rekap: int
    kgb: int


class GajiDemoBuilder:
    def __init__(self, seed: int, *, today: dt.date | None = None) -> None:
        self.rng = random.Random(f"gaji-{seed}")  # noqa: S311 - demo data, not security
        self.seed = seed
        self.today = today or timezone.localdate()

    def bulan(self) -> list[tuple[int, int]]:
        awal = self.today.replace(day=1)
        return [((d := add_months(awal, -i)).year, d.month) for i in range(BULAN_DEMO - 1, -1, -1)]

    def run(self) -> GajiDemoResult:
        with transaction.atomic():
            rekap = self._rekap()
            kgb = self._kgb()
        analyze_after_bulk_write(RekapKehadiran, KenaikanGajiBerkala)
        return GajiDemoResult(rekap=rekap, kgb=kgb)

    def _rekap(self) -> int:
        rng = self.rng
        ids = list(Pegawai.objects.filter(aktif=True).order_by("id").values_list("id", flat=True))
        now = timezone.now()
        rows = []
        for tahun, bulan in self.bulan():
            hari_kerja = 21 if bulan != 2 else 19
            for pid in ids:
                jumlah = {}
                if rng.random() < 0.35:
                    for kode in rng.choices(KODE, weights=BOBOT_KODE, k=rng.randint(1, 4)):
                        jumlah[kode] = jumlah.get(kode, 0) + 1
                tk = rng.choice([1, 1, 2, 3]) if rng.random() < 0.02 else 0
                rows.append((pid, tahun, bulan, hari_kerja, tk, json.dumps(jumlah), now, now))
        fields = [
            "pegawai_id",
            "tahun",
            "bulan",
            "hari_kerja",
            "tanpa_keterangan",
            "jumlah",
            "dibuat",
            "diubah",
        ]
        return copy_rows(RekapKehadiran, fields, rows)

    def _kgb(self) -> int:
        """The KGB decrees of each PNS/CPNS since their pangkat SK: one every two years of MKG counted from
        the MKG on the pangkat SK (the same schedule Pegawai.hitung_kgb_berikutnya follows, TMT on the 1st),
        up to today. So the pangkat SK, the latest KGB and today agree, and every month's pay uses the MKG
        of the SK then in force: a month-over-month diff shows steps of two years, not a jump to today's
        MKG. About half of the steps whose TMT fell in the last three months are left unissued (the KGB
        page lists them as overdue). Amounts from the table in force at each TMT (PP 15/2019 for TMTs
        before 2024: the oldest seeded)."""
        tabel = {
            tahun: selectors.aturan_gaji_data(selectors.aturan_gaji_model(tahun, 1), tahun, 1)
            for tahun in (2019, 2024)
        }
        now = timezone.now()
        rows = []
        terlambat = random.Random(f"kgb-terlambat-{self.seed}")  # noqa: S311 - demo data, not security
        qs = Pegawai.objects.filter(
            aktif=True, status_kepegawaian__in=["PNS", "CPNS"], golongan__isnull=False
        )
        for p in qs.select_related("golongan").only(
            "id", "tmt_golongan", "tmt_cpns", "mkg_tahun", "mkg_bulan", "golongan__kode", "status_kepegawaian"
        ):
            awal = p.mkg_awal()
            if awal is None or p.tmt_golongan is None:
                continue
            mkg_lama = p.mkg_tahun
            mkg = (months_between(awal, p.tmt_golongan) // 24 + 1) * 2  # the first step after the SK
            while (tmt := tmt_kgb_ke(awal, mkg // 2)) <= self.today:
                if tmt > add_months(self.today, -BULAN_TERLAMBAT) and terlambat.random() < 0.5:
                    break  # not issued yet: the KGB page lists it as overdue
                data = tabel[2024 if tmt >= dt.date(2024, 1, 1) else 2019]
                langkah = data.gaji_pokok.get(("PNS", p.golongan.kode))
                if not langkah or mkg > langkah[-1][0]:
                    break  # the top of the golongan's table: no further KGB
                try:
                    lama = data.gaji_pokok_tabel("PNS", p.golongan.kode, mkg_lama)
                    baru = data.gaji_pokok_tabel("PNS", p.golongan.kode, mkg)
                except GalatHitung:
                    break
                nomor = f"822.3/{self.rng.randint(100, 999)}/BKPSDM/{tmt.year}"
                rows.append(
                    (p.pk, p.golongan.kode, mkg, 0, tmt, lama, baru, "ditetapkan", "", nomor, add_months(tmt, -1), "", now, now)
                )  # fmt: skip
                mkg_lama, mkg = mkg, mkg + 2
        fields = [
            "pegawai_id", "golongan", "mkg_tahun", "mkg_bulan", "tmt", "gaji_pokok_lama", "gaji_pokok_baru", "status",
            "alasan_tunda", "nomor_sk", "tanggal_sk", "syarat_kinerja", "dibuat", "diubah",
        ]  # fmt: skip
        return copy_rows(KenaikanGajiBerkala, fields, rows)
