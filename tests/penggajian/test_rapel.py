"""Rapel: PP 5/2024 raised the gaji pokok from 1 January 2024 but was set on 26 January, after January's pay
was computed with the PP 15/2019 table. A rapel recomputes the locked months with the table now in force,
from the employee data as paid, and the next run pays the difference. Amounts worked by hand from the two
tables (III/a MKG 0: PP 15/2019 Rp2.579.400, PP 5/2024 Rp2.785.700)."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from asn_portal.celery import app
from pegawai.models import Golongan
from penggajian import services
from penggajian.models import Penyesuaian, RapelGaji, RunGaji, Slip, TabelGajiPokok
from penggajian.services import rapel as layanan
from tests.penggajian.bantu import kunci
from tests.querycount import assert_same_queries, get_queries

TAHUN = 2024
# staf_b, III/a MKG 0, not married, no children: per month, PP 15/2019 → PP 5/2024.
#   gaji pokok 2.579.400 → 2.785.700 (+206.300)
#   kotor before rounding: + umum III 185.000 + beras 1 × 72.420 = 2.836.820 → 3.043.120
#   IWP 8 % of the gaji pokok 206.352 → 222.856 (+16.504)
#   BPJS 1 % of (gaji pokok + umum) 27.644 → 29.707 (+2.063)
#   PPh 21 TER A 0 % (bruto below Rp5.400.000)
#   bersih 2.602.824 → rounded up to 2.602.900 (pembulatan 76); 2.790.557 → 2.790.600 (pembulatan 43)
#   PPh bruto: + gaji pokok 206.300, JKK 0,24 % 6.191 → 6.686 (+495), JKM 0,72 % 18.572 → 20.057 (+1.485),
#   BPJS pemda 4 % 110.576 → 118.828 (+8.252) = +216.532
SELISIH_BULANAN = {
    "gaji_pokok": 206_300, "pembulatan": -33, "jumlah_kotor": 206_267, "potongan_iwp": 16_504,
    "potongan_bpjs": 2_063, "jumlah_potongan": 18_567, "jumlah_bersih": 187_700, "bruto_pph": 216_532,
}  # fmt: skip


@pytest.fixture
def staf(bergaji):
    p = bergaji.staf_b
    p.refresh_from_db()  # with the bank account `bergaji` gave it
    p.status_perkawinan = "belum kawin"
    p.mkg_tahun = 0
    p.golongan = Golongan.objects.get(kode="III/a")
    p.save()
    return p


def hitung(user, bulan: int, tahun: int = TAHUN, jenis: str = "induk") -> RunGaji:
    run = services.run_hitung(actor=user, jenis=jenis, tahun=tahun, bulan=bulan, antrikan=False)
    return services.run_execute(run.pk)


@pytest.fixture
def dibayar_dengan_tabel_lama(staf, petugas):
    """January and February 2024 locked while PP 5/2024 was not loaded yet, then the PP arrives."""
    tabel = TabelGajiPokok.objects.get(jenis="PNS", berlaku_mulai=dt.date(2024, 1, 1))
    tabel.berlaku_mulai = dt.date(2024, 3, 1)
    tabel.save()
    runs = [kunci(petugas, hitung(petugas["pembuat"], b)) for b in (1, 2)]
    assert Slip.objects.get(run=runs[0], pegawai=staf).jumlah_bersih == Decimal(2_602_900)
    tabel.berlaku_mulai = dt.date(2024, 1, 1)
    tabel.save()
    return runs


def minta(petugas, bulan_mulai=1, bulan_akhir=2, **kwargs) -> RapelGaji:
    rapel = layanan.rapel_minta(
        actor=petugas["pembuat"], jenis="induk", tahun=TAHUN, bulan_mulai=bulan_mulai, bulan_akhir=bulan_akhir,
        alasan=kwargs.pop("alasan", "PP 5/2024 berlaku 1 Januari 2024"), **kwargs,
    )  # fmt: skip
    return layanan.rapel_jalankan(rapel.pk)


@pytest.mark.django_db
def test_a_new_table_in_force_for_locked_months_is_paid_by_the_next_run(
    dibayar_dengan_tabel_lama, staf, petugas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        rapel = minta(petugas)
    assert rapel.status == "selesai"
    assert (rapel.jumlah_slip, rapel.sudah_diperiksa) == (8, 8)
    # Every PNS of the fixture gets more (all four are PNS); nothing skipped.
    assert (rapel.jumlah_koreksi, rapel.jumlah_sama, rapel.jumlah_dilewati) == (8, 0, 0)
    koreksi = Penyesuaian.objects.filter(pegawai=staf).order_by("slip_asal__run__bulan")
    assert [k.selisih for k in koreksi] == [SELISIH_BULANAN, SELISIH_BULANAN]
    assert all(k.rapel == rapel and k.alasan == "PP 5/2024 berlaku 1 Januari 2024" for k in koreksi)
    assert "Gaji pokok Rp2.579.400 → Rp2.785.700 (+Rp206.300)" in koreksi[0].penjelasan
    assert rapel.total_bersih == sum(Penyesuaian.objects.values_list("selisih_bersih", flat=True))
    # The locked months are untouched.
    assert Slip.objects.get(run=dibayar_dengan_tabel_lama[0], pegawai=staf).jumlah_bersih == Decimal(
        2_602_900
    )

    maret = hitung(petugas["pembuat"], 3)
    slip = Slip.objects.get(run=maret, pegawai=staf)
    # March itself at PP 5/2024 (2.790.600) plus January's and February's 187.700.
    assert slip.jumlah_bersih == Decimal(2_790_600 + 2 * 187_700)
    assert slip.kolom["gaji_pokok"] == 2_785_700 + 2 * 206_300
    baris = [(b["label"], b["jumlah"]) for b in slip.rincian if b["kode"] == "koreksi"]
    assert baris == [("Koreksi Januari 2024", 187_700), ("Koreksi Februari 2024", 187_700)]

    # Once paid, a second rapel of the same months finds nothing more to pay.
    kunci(petugas, maret)
    kedua = minta(petugas, alasan="Periksa ulang")
    assert (kedua.jumlah_koreksi, kedua.jumlah_sama, kedua.jumlah_dilewati) == (0, 8, 0)


@pytest.mark.django_db
def test_the_month_is_recomputed_from_the_data_as_paid_not_from_today(
    dibayar_dengan_tabel_lama, staf, petugas
):
    # Promoted to III/b in March: January stays a III/a month.
    staf.golongan = Golongan.objects.get(kode="III/b")
    staf.save()
    minta(petugas, bulan_akhir=1)
    assert Penyesuaian.objects.get(pegawai=staf).selisih == SELISIH_BULANAN


@pytest.mark.django_db
def test_a_correction_waiting_for_its_run_is_skipped_and_named(dibayar_dengan_tabel_lama, staf, petugas):
    slip = Slip.objects.get(run=dibayar_dengan_tabel_lama[0], pegawai=staf)
    services.penyesuaian_buat(actor=petugas["pembuat"], slip=slip, alasan="Koreksi manual")
    rapel = minta(petugas, bulan_akhir=1)
    assert (rapel.jumlah_koreksi, rapel.jumlah_sama, rapel.jumlah_dilewati) == (3, 0, 1)
    assert rapel.catatan_pegawai == [
        {"nip": staf.nip, "nama": slip.nama, "bulan": "Januari 2024",
         "pesan": "Dilewati: koreksi lain untuk bulan ini masih menunggu run berikutnya."}
    ]  # fmt: skip


@pytest.mark.django_db
def test_a_paid_correction_is_not_paid_again_by_the_next_one(staf, petugas):
    """A KGB SK arrives late, its correction is paid; a second correction of the same month pays nothing more."""
    from penggajian.models import KenaikanGajiBerkala

    oktober = kunci(petugas, hitung(petugas["pembuat"], 10, tahun=2026))
    KenaikanGajiBerkala.objects.create(
        pegawai=staf, golongan="III/a", mkg_tahun=2, tmt=dt.date(2026, 10, 1),
        gaji_pokok_lama=2_785_700, gaji_pokok_baru=2_873_500, status="ditetapkan",
    )  # fmt: skip
    slip = Slip.objects.get(run=oktober, pegawai=staf)
    pertama = services.penyesuaian_buat(actor=petugas["pembuat"], slip=slip, alasan="SK KGB terlambat")
    assert pertama.selisih_bersih == Decimal(79_900)  # worked by hand in test_penyesuaian
    assert pertama.masukan["mkg_tahun"] == 2
    kunci(petugas, hitung(petugas["pembuat"], 11, tahun=2026))
    with pytest.raises(ValidationError, match="tidak berubah"):
        services.penyesuaian_buat(actor=petugas["pembuat"], slip=slip, alasan="Sekali lagi")
    # A rapel of October starts from the corrected data (MKG 2), so it does not take the KGB back.
    rapel = layanan.rapel_minta(
        actor=petugas["pembuat"], jenis="induk", tahun=2026, bulan_mulai=10, bulan_akhir=10, alasan="Periksa"
    )
    rapel = layanan.rapel_jalankan(rapel.pk)
    assert (rapel.jumlah_koreksi, rapel.jumlah_sama) == (0, 4)


@pytest.mark.django_db
def test_a_stopped_rapel_resumes_without_correcting_twice(dibayar_dengan_tabel_lama, petugas, staf):
    rapel = layanan.rapel_minta(
        actor=petugas["pembuat"], jenis="induk", tahun=TAHUN, bulan_mulai=1, bulan_akhir=2, alasan="PP 5/2024"
    )
    RapelGaji.objects.filter(pk=rapel.pk).update(status="berjalan")
    bagian = layanan._bagian(rapel)
    assert len(bagian) == 4  # two months × two OPDs
    run, opd_id = bagian[0]
    aturan = layanan._aturan_bulan("induk", TAHUN, run.bulan)
    assert layanan.rapel_bagian(rapel.pk, run, opd_id, aturan) is True
    assert layanan.rapel_bagian(rapel.pk, run, opd_id, aturan) is False  # done once only
    # The worker died here; started again, it does the rest.
    rapel = layanan.rapel_jalankan(rapel.pk)
    assert (rapel.status, rapel.jumlah_koreksi, rapel.sudah_diperiksa) == ("selesai", 8, 8)
    assert Penyesuaian.objects.count() == 8
    assert Penyesuaian.objects.filter(pegawai=staf).count() == 2


@pytest.mark.django_db
def test_bad_requests_are_refused_with_the_reason(dibayar_dengan_tabel_lama, petugas, users):
    def coba(**kwargs):
        data = {"jenis": "induk", "tahun": TAHUN, "bulan_mulai": 1, "bulan_akhir": 2, "alasan": "PP 5/2024"}
        data.update(kwargs)
        with pytest.raises(ValidationError) as exc:
            layanan.rapel_minta(actor=petugas["pembuat"], **data)
        return " ".join(exc.value.messages)

    assert "belum dikunci" in coba(bulan_akhir=3) and "Maret 2024" in coba(bulan_akhir=3)
    assert "Bulan akhir tidak boleh sebelum bulan awal" in coba(bulan_mulai=2, bulan_akhir=1)
    assert "Alasan atau dasar hukum rapel wajib diisi" in coba(alasan="  ")
    assert "TPP Januari 2024, Februari 2024 belum dikunci" in coba(jenis="tpp")
    assert "gaji induk atau TPP" in coba(jenis="thr")
    with pytest.raises(PermissionDenied):
        layanan.rapel_minta(
            actor=users["operator_opd"], jenis="induk", tahun=TAHUN, bulan_mulai=1, bulan_akhir=2, alasan="x"
        )
    assert not RapelGaji.objects.exists()


@pytest.mark.django_db
def test_cancelled_while_nothing_is_paid_and_not_after(
    dibayar_dengan_tabel_lama, staf, petugas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        rapel = minta(petugas)
    assert layanan.rapel_batalkan(actor=petugas["pembuat"], rapel=rapel) == 8
    rapel.refresh_from_db()
    assert rapel.status == "dibatalkan" and not Penyesuaian.objects.exists()
    assert rapel.history.first().history_change_reason == "Dibatalkan: 8 koreksi dihapus"

    with django_capture_on_commit_callbacks(execute=False):
        lagi = minta(petugas)
    hitung(petugas["pembuat"], 3)
    with pytest.raises(ValidationError, match="sudah masuk ke Gaji induk Maret 2024"):
        layanan.rapel_batalkan(actor=petugas["pembuat"], rapel=lagi)
    assert Penyesuaian.objects.filter(rapel=lagi).count() == 8


@pytest.mark.django_db
def test_a_run_of_the_same_kind_waits_while_a_rapel_is_running(dibayar_dengan_tabel_lama, petugas):
    layanan.rapel_minta(
        actor=petugas["pembuat"], jenis="induk", tahun=TAHUN, bulan_mulai=1, bulan_akhir=2, alasan="PP 5/2024"
    )
    with pytest.raises(ValidationError, match="sedang dihitung: tunggu selesai"):
        services.run_hitung(actor=petugas["pembuat"], jenis="induk", tahun=TAHUN, bulan=3, antrikan=False)


# --- pages --------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("admin_bkd", 200), ("pimpinan", 200), ("operator_opd", 403), ("pegawai", 403), ("atasan", 403)],
)
def test_who_may_see_the_rapel_pages(org, client_as, role, status):
    assert client_as(role).get(reverse("penggajian:rapel_list")).status_code == status


@pytest.mark.django_db
def test_only_the_admin_bkd_requests_cancels_or_resumes(dibayar_dengan_tabel_lama, client_as, petugas):
    data = {"jenis": "induk", "tahun": TAHUN, "bulan_mulai": 1, "bulan_akhir": 2, "alasan": "PP 5/2024"}
    assert client_as("pimpinan").post(reverse("penggajian:rapel_list"), data).status_code == 403
    assert not RapelGaji.objects.exists()
    rapel = minta(petugas)
    for name in ("rapel_batalkan", "rapel_lanjutkan"):
        assert client_as("pimpinan").post(reverse(f"penggajian:{name}", args=[rapel.pk])).status_code == 403
    assert (
        client_as("admin_bkd").get(reverse("penggajian:rapel_detail", args=[rapel.pk + 99])).status_code
        == 404
    )


@pytest.mark.django_db
def test_the_form_names_the_field_in_error(dibayar_dengan_tabel_lama, client_as):
    data = {"jenis": "induk", "tahun": TAHUN, "bulan_mulai": 1, "bulan_akhir": 4, "alasan": "PP 5/2024"}
    page = client_as("admin_bkd").post(reverse("penggajian:rapel_list"), data).content.decode()
    assert "Gaji induk Maret 2024, April 2024 belum dikunci" in page
    assert "Rapel belum dimulai: periksa isian yang ditandai." in page
    assert not RapelGaji.objects.exists()


@pytest.mark.django_db
def test_the_rapel_page_shows_totals_per_opd_and_the_skipped(
    dibayar_dengan_tabel_lama, staf, petugas, client_as
):
    slip = Slip.objects.get(run=dibayar_dengan_tabel_lama[0], pegawai=staf)
    services.penyesuaian_buat(actor=petugas["pembuat"], slip=slip, alasan="Koreksi manual")
    rapel = minta(petugas)
    page = client_as("pimpinan").get(reverse("penggajian:rapel_detail", args=[rapel.pk])).content.decode()
    assert "Dinas Kesehatan" in page and "Dinas Pendidikan" in page
    # Dinas Kesehatan: staf_b's February only (January skipped).
    assert "Rp187.700" in page
    assert "masih menunggu run berikutnya" in page
    lst = client_as("admin_bkd").get(
        reverse("penggajian:penyesuaian_list") + f"?status=semua&rapel={rapel.pk}"
    )
    assert lst.content.decode().count("PP 5/2024 berlaku 1 Januari 2024") == 7


@pytest.mark.django_db
def test_the_list_page_query_count_does_not_grow_with_rows(dibayar_dengan_tabel_lama, petugas, client_as):
    def buat(n):
        for _ in range(n):
            RapelGaji.objects.create(
                jenis="induk", tahun=TAHUN, bulan_mulai=1, bulan_akhir=1, alasan="x", status="dibatalkan",
                dibuat_oleh=petugas["pembuat"],
            )  # fmt: skip

    client = client_as("admin_bkd")
    url = reverse("penggajian:rapel_list")
    buat(3)
    tiga = get_queries(client, url)
    buat(7)
    assert_same_queries(tiga, get_queries(client, url))


@pytest.mark.django_db(transaction=True)
def test_requested_on_the_page_and_worked_by_a_real_worker(dibayar_dengan_tabel_lama, staf, client_as):
    client = client_as("admin_bkd")
    data = {"jenis": "induk", "tahun": TAHUN, "bulan_mulai": 1, "bulan_akhir": 2, "alasan": "PP 5/2024"}
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        response = client.post(reverse("penggajian:rapel_list"), data, follow=True)
        assert "sedang dihitung di latar belakang (8 slip)" in response.content.decode()
        rapel = RapelGaji.objects.get()
        batas = time.monotonic() + 60
        while rapel.sedang_berjalan and time.monotonic() < batas:
            time.sleep(0.2)
            rapel.refresh_from_db()
    assert (rapel.status, rapel.jumlah_koreksi) == ("selesai", 8), rapel.pesan_galat
    assert Penyesuaian.objects.get(pegawai=staf, slip_asal__run__bulan=1).selisih == SELISIH_BULANAN


@pytest.mark.django_db
def test_a_stopped_rapel_can_be_cancelled_from_its_page(dibayar_dengan_tabel_lama, petugas, client_as):
    rapel = layanan.rapel_minta(
        actor=petugas["pembuat"], jenis="induk", tahun=TAHUN, bulan_mulai=1, bulan_akhir=2, alasan="PP 5/2024"
    )
    RapelGaji.objects.filter(pk=rapel.pk).update(status="berjalan")
    run, opd_id = layanan._bagian(rapel)[0]
    layanan.rapel_bagian(rapel.pk, run, opd_id, layanan._aturan_bulan("induk", TAHUN, run.bulan))
    RapelGaji.objects.filter(pk=rapel.pk).update(
        status="gagal", pesan_galat="OperationalError: koneksi putus"
    )
    client = client_as("admin_bkd")
    page = client.get(reverse("penggajian:rapel_detail", args=[rapel.pk])).content.decode()
    assert "Rapel terhenti: OperationalError: koneksi putus" in page
    assert "Batalkan rapel" in page and "Lanjutkan" in page
    response = client.post(reverse("penggajian:rapel_batalkan", args=[rapel.pk]), follow=True)
    assert "dibatalkan: 3 koreksi yang menunggu dihapus" in response.content.decode()
    assert not Penyesuaian.objects.exists()
