"""The TPP cut for a disciplinary punishment reads the employee's history that import_hukuman_disiplin
fills (pegawai.RiwayatHukumanDisiplin): a punishment cuts the TPP of a pay month when it is in force on
that month's first day. Amounts worked by hand from the demo TPP rule (tpp_aturan_contoh.csv)."""

from __future__ import annotations

import csv

from django.core.management import call_command

from kinerja.models import Penilaian, PeriodeKinerja
from pegawai.models import Pegawai
from penggajian import selectors
from penggajian.models import RekapKehadiran, Slip
from tests.penggajian.bantu import hitung

SEDANG = "Pemotongan tunjangan kinerja 25% selama 6 bulan"


def _impor(tmp_path, rows):
    path = tmp_path / "hukdis.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["nip", "tingkat", "jenis", "nomor_sk", "tmt", "tanggal_selesai"])
        writer.writerows(rows)
    call_command("import_hukuman_disiplin", str(path))


def test_a_punishment_in_force_cuts_the_tpp_of_the_pay_month(bergaji, petugas, tmp_path):
    staf_a, staf_b = bergaji.staf_a, bergaji.staf_b
    _impor(
        tmp_path,
        [
            # In force on 1 November (June–November, six months): cuts November.
            [staf_b.nip, "sedang", SEDANG, "800.1.6/12/BKPSDM/2026", "2026-06-01", "2026-11-30"],
            # A ringan punishment in force never cuts the TPP.
            [staf_b.nip, "ringan", "Teguran tertulis", "", "2026-10-01", ""],
            # Starts mid-November: not in force on 1 November, so it cuts from December.
            [staf_a.nip, "sedang", SEDANG, "800.1.6/13/BKPSDM/2026", "2026-11-15", ""],
        ],
    )
    periode = PeriodeKinerja.objects.create(tahun=2026, jenis_evaluasi="triwulanan")
    for p in (staf_a, staf_b):
        Penilaian.objects.create(
            periode_kinerja=periode, periode="triwulan-3", pegawai=p, opd_id=p.opd_id,
            rating_hasil_kerja="di bawah ekspektasi", rating_perilaku_kerja="sesuai ekspektasi",
            predikat="butuh perbaikan", status=Penilaian.Status.FINAL,
        )  # fmt: skip
        RekapKehadiran.objects.create(
            pegawai=p, tahun=2026, bulan=11, hari_kerja=21, jumlah={"TL1": 2, "APEL": 1}
        )
    run = hitung(petugas["pembuat"], 11, "tpp")
    slip = Slip.objects.get(run=run, pegawai=staf_b)
    # staf_b: kelas jabatan 5, pagu 2.750.000 (PNS, 100 %).
    # Kinerja 60 % × 2.750.000 × 80 % (butuh perbaikan, Triwulan III 2026) = 1.320.000.
    # Disiplin: 100 % − (TL1 2 × 0,5 % + APEL 1 × 2 %) = 97 %; 40 % × 2.750.000 × 97 % = 1.067.000.
    # Hukuman disiplin sedang in force: 25 % × (1.320.000 + 1.067.000 = 2.387.000) = 596.750.
    # TPP bruto 2.387.000 − 596.750 = 1.790.250. BPJS Kesehatan: the salary base (III/a MKG 0: gaji pokok +
    # tunjangan umum, under 3.000.000) leaves room under the 12.000.000 cap for the whole TPP: 1 % ×
    # 1.790.250 = 17.902,50 → 17.903 (half up); the employer's 4 % = 71.610 is PPh income. PPh: TK/0, TER A,
    # salary bruto (under 3.200.000) + 1.790.250 + 71.610 stays under 5.400.000 → 0 %.
    assert {k: slip.kolom[k] for k in ("tpp_kinerja", "tpp_disiplin", "potongan_hukdis", "tpp_bruto")} == {
        "tpp_kinerja": 1_320_000, "tpp_disiplin": 1_067_000, "potongan_hukdis": 596_750, "tpp_bruto": 1_790_250,
    }  # fmt: skip
    assert (slip.kolom["potongan_bpjs"], slip.kolom["potongan_pph"], slip.kolom["tpp_bersih"]) == (
        17_903, 0, 1_772_347,
    )  # fmt: skip
    assert int(slip.bruto_pph) == 1_790_250 + 71_610
    cut = next(b for b in slip.rincian if b["kode"] == "potongan_hukdis")
    assert cut["label"] == "Potongan hukuman disiplin sedang"
    assert cut["penjelasan"] == f"25 % × Rp2.387.000 ({SEDANG}, SK 800.1.6/12/BKPSDM/2026)"

    # staf_a's punishment starts on 15 November: November is not cut (same inputs otherwise).
    slip_a = Slip.objects.get(run=run, pegawai=staf_a)
    assert (slip_a.kolom["potongan_hukdis"], slip_a.masukan["hukdis"]) == (0, None)

    # December: staf_a's punishment is in force on the 1st, staf_b's ended on 30 November.
    masukan, _extra = selectors.masukan_pegawai(
        Pegawai.objects.filter(pk__in=[staf_a.pk, staf_b.pk]), tahun=2026, bulan=12, tpp=True
    )
    assert {m.pegawai_id: m.hukdis for m in masukan} == {staf_a.pk: "sedang", staf_b.pk: None}
