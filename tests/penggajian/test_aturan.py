"""TPP rule versions: a draft copied from the rule in force, edited, compared per OPD (what-if) and put in
force; what keeps a draft from taking effect; who may do what."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.db.models.functions import Cast
from django.urls import reverse

from asn_portal.celery import app
from pegawai.models import Pegawai
from penggajian import services
from penggajian.models import AturanTpp, PaguTpp, RekapKehadiran, RunGaji, Slip
from tests.penggajian.bantu import hitung, kunci

pytestmark = pytest.mark.django_db


@pytest.fixture
def hari_ini(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, tzinfo=ZoneInfo("Asia/Makassar")))


@pytest.fixture
def rekap(bergaji):
    """Attendance recaps for November and December (TPP needs one per employee and month)."""
    RekapKehadiran.objects.bulk_create(
        RekapKehadiran(
            pegawai=p, tahun=2026, bulan=b, hari_kerja=21, tanpa_keterangan=b - 11, jumlah={"TL1": 2}
        )
        for p in Pegawai.objects.all()
        for b in (11, 12)
    )
    return bergaji


def berlaku() -> AturanTpp:
    return AturanTpp.objects.get(status="berlaku")


def test_a_draft_copies_every_value_and_starts_next_month(hari_ini, users):
    sumber = berlaku()
    draf = services.aturan_tpp_salin(actor=users["admin_bkd"], sumber=sumber)
    assert (draf.status, draf.berlaku_mulai) == ("draf", dt.date(2026, 12, 1))
    assert draf.persen_kinerja == sumber.persen_kinerja and draf.persen_disiplin == sumber.persen_disiplin
    for rel, cols in (
        ("pagu", ("kelas_jabatan", "jumlah")),
        ("persen_predikat", ("predikat", "persen")),
        ("kode_potongan", ("kode", "keterangan", "persen", "satuan")),
    ):
        assert set(getattr(draf, rel).values_list(*cols)) == set(getattr(sumber, rel).values_list(*cols))
    # The copy holds the example Perkada's values themselves (tpp_aturan_contoh.csv), not just "the same as
    # the source": 60/40, 17 kelas from Rp1.500.000 to Rp27.000.000, the predikat shares, nine codes.
    assert (draf.persen_kinerja, draf.persen_disiplin) == (Decimal(60), Decimal(40))
    pagu = dict(draf.pagu.values_list("kelas_jabatan", "jumlah"))
    assert (len(pagu), pagu[1], pagu[5], pagu[15], pagu[17]) == (
        17,
        Decimal(1_500_000),
        Decimal(2_750_000),
        Decimal(18_000_000),
        Decimal(27_000_000),
    )
    assert dict(draf.persen_predikat.values_list("predikat", "persen")) == {
        "sangat baik": Decimal(100),
        "baik": Decimal(100),
        "butuh perbaikan": Decimal(80),
        "kurang": Decimal(60),
        "sangat kurang": Decimal(40),
    }
    kode = dict(draf.kode_potongan.values_list("kode", "persen"))
    assert (len(kode), kode["TL1"], kode["TL4"], kode["APEL"]) == (
        9,
        Decimal("0.5"),
        Decimal("1.5"),
        Decimal(2),
    )
    assert services.aturan_tpp_periksa(draf) == []
    riwayat = draf.history.first()
    assert (riwayat.history_change_reason, riwayat.history_user) == (
        f"Draf disalin dari {sumber.nama}",
        users["admin_bkd"],
    )


def test_what_keeps_a_draft_from_taking_effect(hari_ini, users, rekap, petugas):
    draf = services.aturan_tpp_salin(actor=users["admin_bkd"], sumber=berlaku())
    draf.persen_kinerja = Decimal(70)
    draf.save()
    draf.persen_predikat.filter(predikat="kurang").delete()
    masalah = services.aturan_tpp_periksa(draf)
    assert "Bobot kinerja 70 % + disiplin 40 % harus 100 %." in masalah
    assert "Persentase TPP belum diisi untuk predikat: kurang." in masalah
    with pytest.raises(ValidationError):
        services.aturan_tpp_berlakukan(actor=users["admin_bkd"], aturan=draf)
    draf.refresh_from_db()
    assert draf.status == "draf"
    # A month whose TPP is already approved cannot get a new rule.
    draf.persen_kinerja = Decimal(60)
    draf.berlaku_mulai = dt.date(2026, 11, 1)
    draf.save()
    kunci(petugas, hitung(petugas["pembuat"], bulan=11, jenis="tpp"))
    assert any("sudah disetujui (TPP November 2026)" in m for m in services.aturan_tpp_periksa(draf))


def test_a_draft_in_force_is_used_from_its_month_and_can_no_longer_change(hari_ini, users, rekap, petugas):
    admin = users["admin_bkd"]
    draf = services.aturan_tpp_salin(actor=admin, sumber=berlaku())
    with pytest.raises(PermissionDenied):
        services.aturan_tpp_berlakukan(actor=users["pimpinan"], aturan=draf)
    services.aturan_tpp_berlakukan(actor=admin, aturan=draf)
    with pytest.raises(ValidationError, match="sudah berlaku"):
        services.aturan_tpp_hapus(actor=admin, aturan=draf)
    november = hitung(admin, bulan=11, jenis="tpp")
    desember = hitung(admin, bulan=12, jenis="tpp")
    assert {s.masukan["aturan"]["aturan_tpp"] for s in Slip.objects.filter(run=november)} == {
        berlaku_lama_id()
    }
    assert {s.masukan["aturan"]["aturan_tpp"] for s in Slip.objects.filter(run=desember)} == {draf.pk}


def berlaku_lama_id() -> int:
    return AturanTpp.objects.filter(status="berlaku").order_by("berlaku_mulai").first().pk


def _total_per_opd(run: RunGaji) -> dict[str, int]:
    from django.db.models import IntegerField
    from django.db.models.fields.json import KeyTextTransform

    rows = (
        Slip.objects.filter(run=run)
        .values("opd__nama")
        .annotate(total=Sum(Cast(KeyTextTransform("tpp_bruto", "kolom"), IntegerField())))
    )
    return {r["opd__nama"]: r["total"] for r in rows}


def test_what_if_of_an_unchanged_copy_equals_the_run_and_changes_follow_the_draft(
    hari_ini, users, rekap, petugas
):
    admin = users["admin_bkd"]
    draf = services.aturan_tpp_salin(actor=admin, sumber=berlaku())
    hasil = services.whatif_hitung(draf.pk)
    assert (hasil["status"], hasil["bulan"], hasil["selesai_opd"], hasil["total_opd"]) == (
        "selesai",
        "2026-12",
        2,
        2,
    )
    run = hitung(admin, bulan=12, jenis="tpp")
    dari_run = _total_per_opd(run)
    assert {r["opd"]: r["lama"] for r in hasil["per_opd"]} == dari_run
    assert all(r["baru"] == r["lama"] and r["selisih"] == 0 for r in hasil["per_opd"])
    # Worked from the example Perkada, not read from the run: nobody has a predikat yet, so the kinerja part
    # pays 0 %; disiplin in December = 100 % − (1 day without notice × 3 % + TL1 2 × 0,5 %) = 96 %, so each
    # gets 40 % × pagu × 96 %: kelas 14 Rp14.000.000 → 5.376.000, kelas 11 Rp7.000.000 → 2.688.000,
    # kelas 6 Rp3.000.000 → 1.152.000 (Dinas Pendidikan); kelas 5 Rp2.750.000 → 1.056.000 (Dinas Kesehatan).
    assert dari_run == {"Dinas Pendidikan": 9_216_000, "Dinas Kesehatan": 1_056_000}
    assert (hasil["total"]["pegawai"], hasil["total"]["lama"]) == (4, 10_272_000)

    # Nobody receives TPP under a draft that excludes every status: the difference is the whole amount.
    draf.status_dikecualikan = ["PNS", "CPNS", "PPPK"]
    draf.save()
    hasil = services.whatif_hitung(draf.pk)
    assert hasil["total"]["baru"] == 0 and hasil["total"]["selisih"] == -hasil["total"]["lama"]


def test_what_if_needs_a_rule_in_force_to_compare_with(hari_ini, users):
    draf = services.aturan_tpp_salin(actor=users["admin_bkd"], sumber=berlaku())
    AturanTpp.objects.filter(status="berlaku").update(berlaku_mulai=dt.date(2030, 1, 1))
    with pytest.raises(ValidationError, match="Tidak ada pembanding"):
        services.whatif_minta(actor=users["admin_bkd"], aturan=draf)


@pytest.mark.django_db(transaction=True)
def test_what_if_on_a_real_worker_from_the_page(hari_ini, rekap, users, client_as):
    client = client_as("admin_bkd")
    response = client.post(reverse("penggajian:aturan_tpp_salin", args=[berlaku().pk]), follow=True)
    draf = AturanTpp.objects.get(status="draf")
    assert "Draf baru disalin dari" in response.content.decode()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        response = client.post(reverse("penggajian:aturan_tpp_whatif", args=[draf.pk]), follow=True)
        assert "Perbandingan sedang dihitung di latar belakang." in response.content.decode()
        batas = time.monotonic() + 60
        while draf.perbandingan.get("status") not in ("selesai", "gagal") and time.monotonic() < batas:
            time.sleep(0.2)
            draf.refresh_from_db()
    assert draf.perbandingan["status"] == "selesai", draf.perbandingan
    page = client.get(reverse("penggajian:aturan_tpp_detail", args=[draf.pk])).content.decode()
    assert page.count('data-testid="whatif-opd"') == 2 and "Dinas Pendidikan" in page


def test_editing_a_draft_on_the_page(hari_ini, users, client_as):
    client = client_as("admin_bkd")
    draf = services.aturan_tpp_salin(actor=users["admin_bkd"], sumber=berlaku())
    url = reverse("penggajian:aturan_tpp_detail", args=[draf.pk])
    page = client.get(url)
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "status_dikecualikan"}
    data["berlaku_mulai"] = "2027-01-01"
    data["status_dikecualikan"] = []
    data["potong_pph"] = "on"
    data["bpjs_termasuk_tpp"] = "on"
    for prefix, fs in page.context["sets"].items():
        data[f"{prefix}-TOTAL_FORMS"] = str(len(fs.forms))
        data[f"{prefix}-INITIAL_FORMS"] = str(fs.initial_form_count())
        for i, f in enumerate(fs.forms):
            for name, field in f.fields.items():
                value = f.initial.get(name, field.initial)
                if name == "id" and f.instance.pk:
                    value = f.instance.pk
                if name == "aturan":
                    value = draf.pk
                if value is not None and name != "DELETE":
                    data[f"{prefix}-{i}-{name}"] = value
    kelas_9 = next(
        i for i, f in enumerate(page.context["sets"]["pagu"].forms) if f.initial.get("kelas_jabatan") == 9
    )
    data[f"pagu-{kelas_9}-jumlah"] = "7500000"

    salah = {**data, "persen_kinerja": "70"}
    response = client.post(url, salah)
    assert "Bobot kinerja + disiplin harus 100 %, sekarang 110 %." in response.content.decode()
    draf.refresh_from_db()
    assert draf.berlaku_mulai == dt.date(2026, 12, 1)

    response = client.post(url, data, follow=True)
    assert "Draf aturan TPP disimpan." in response.content.decode()
    draf.refresh_from_db()
    assert draf.berlaku_mulai == dt.date(2027, 1, 1)
    assert PaguTpp.objects.get(aturan=draf, kelas_jabatan=9).jumlah == Decimal(7_500_000)
    assert PaguTpp.objects.get(aturan=berlaku(), kelas_jabatan=9).jumlah != Decimal(7_500_000)
    assert draf.history.first().history_change_reason == "Draf diubah"


@pytest.mark.parametrize(
    ("role", "lihat", "ubah"),
    [("admin_bkd", 200, 302), ("pimpinan", 200, 403), ("operator_opd", 403, 403), ("pegawai", 403, 403)],
)
def test_who_may_see_and_change_tpp_rules(hari_ini, users, client_as, role, lihat, ubah):
    aturan = berlaku()
    client = client_as(role)
    assert client.get(reverse("penggajian:aturan_tpp_list")).status_code == lihat
    assert client.get(reverse("penggajian:aturan_tpp_detail", args=[aturan.pk])).status_code == lihat
    assert client.post(reverse("penggajian:aturan_tpp_salin", args=[aturan.pk])).status_code == ubah
    # A rule in force is read-only even for the Admin BKD.
    assert client.post(reverse("penggajian:aturan_tpp_detail", args=[aturan.pk]), {}).status_code == 403


def test_the_functional_allowance_table_is_edited_with_history(users, client_as):
    from penggajian.models import AturanGaji, TunjanganFungsional

    url = reverse("penggajian:tunjangan_fungsional")
    aturan = AturanGaji.objects.order_by("-berlaku_mulai").first()
    rows = list(aturan.tunjangan_fungsional.order_by("nama", "jenjang"))
    assert rows, "the migration seeds the table"
    client = client_as("admin_bkd")
    page = client.get(url)
    assert "belum terverifikasi" in page.content.decode()
    data = {"fungsional-TOTAL_FORMS": str(len(rows)), "fungsional-INITIAL_FORMS": str(len(rows))}
    for i, r in enumerate(rows):
        data.update(
            {
                f"fungsional-{i}-id": r.pk,
                f"fungsional-{i}-aturan": aturan.pk,
                f"fungsional-{i}-nama": r.nama,
                f"fungsional-{i}-jenjang": r.jenjang,
                f"fungsional-{i}-jumlah": str(r.jumlah),
                f"fungsional-{i}-dasar_hukum": r.dasar_hukum,
            }
        )
    data["fungsional-0-jumlah"] = "555000"
    data["fungsional-0-terverifikasi"] = "on"
    response = client.post(url, data, follow=True)
    assert "Tabel tunjangan jabatan fungsional disimpan." in response.content.decode()
    baris = TunjanganFungsional.objects.get(pk=rows[0].pk)
    assert (baris.jumlah, baris.terverifikasi) == (Decimal(555000), True)
    assert baris.history.first().history_change_reason == "Diubah di halaman tunjangan fungsional"
    data["fungsional-0-jumlah"] = "-1"
    response = client.post(url, data)
    assert "Tabel belum disimpan" in response.content.decode()
    assert "Tunjangan tidak boleh negatif." in response.content.decode()
    assert TunjanganFungsional.objects.get(pk=rows[0].pk).jumlah == Decimal(555000)
    assert client_as("pimpinan").get(url).status_code == 200
    assert client_as("pimpinan").post(url, data).status_code == 403
    assert client_as("operator_opd").get(url).status_code == 403


def test_the_rule_in_force_reads_with_indonesian_formats(users, client_as):
    aturan = berlaku()
    page = (
        client_as("pimpinan").get(reverse("penggajian:aturan_tpp_detail", args=[aturan.pk])).content.decode()
    )
    umum = page.split('data-testid="ketentuan-umum"')[1].split("</dl>")[0]
    assert f"{aturan.persen_kinerja.normalize():f} %" in umum and ".000" not in umum
    pagu = aturan.pagu.order_by("-jumlah").first()
    assert f"Rp{int(pagu.jumlah):,}".replace(",", ".") in page
    assert str(int(pagu.jumlah)) not in page  # not the raw 27000000
    assert 'name="pagu-TOTAL_FORMS"' not in page  # read-only: no inputs at all
    lst = client_as("pimpinan").get(reverse("penggajian:aturan_tpp_list")).content.decode()
    assert f"{aturan.persen_kinerja.normalize():f} % / {aturan.persen_disiplin.normalize():f} %" in lst


def test_a_draft_shows_decimals_without_trailing_zeros_in_its_inputs(hari_ini, users, client_as):
    draf = services.aturan_tpp_salin(actor=users["admin_bkd"], sumber=berlaku())
    page = (
        client_as("admin_bkd").get(reverse("penggajian:aturan_tpp_detail", args=[draf.pk])).content.decode()
    )
    assert f'name="persen_kinerja" value="{draf.persen_kinerja.normalize():f}"' in page
    pagu = draf.pagu.order_by("-jumlah").first()
    assert f'value="{int(pagu.jumlah)}"' in page and f'value="{int(pagu.jumlah)}.00"' not in page
