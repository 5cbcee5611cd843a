"""The dashboard at `/`: each role sees its own (a user with several roles sees the widest)."""

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone

from akun import roles
from kinerja import dashboards as kinerja_dashboards
from kinerja import selectors as kinerja_selectors
from kinerja.models import PERIODE_SEMUA
from mutasi import dashboards as mutasi_dashboards
from pegawai import dashboards
from pegawai.selectors import cakupan_for, pegawai_of_user
from pembinaan import dashboards as pembinaan_dashboards
from penggajian import dashboards as gaji_dashboards


def dasbor(request):
    user = request.user
    cakupan = cakupan_for(user)
    if roles.is_admin_bkd(user) or roles.is_pimpinan(user):
        context = _instansi(opd=None, kode=request.GET.get("periode"))
        context["judul"] = "Dasbor Pimpinan" if not roles.is_admin_bkd(user) else "Dasbor Admin BKD"
        template = "dasbor/instansi.html"
        context = {**context, "mutasi": mutasi_dashboards.dasbor_usulan(user=user)}
    elif cakupan.opd_id is not None:
        context = _instansi(opd=cakupan.opd_id, kode=request.GET.get("periode"))
        context["judul"] = "Dasbor Operator OPD"
        template = "dasbor/instansi.html"
        context = {**context, "mutasi": mutasi_dashboards.dasbor_usulan(user=user)}
    elif cakupan.punya_bawahan:
        context = dashboards.dasbor_atasan(atasan_id=cakupan.pegawai_id)
        periode = kinerja_selectors.periode_berjalan()  # read once for both kinerja blocks
        context["kinerja"] = kinerja_dashboards.dasbor_atasan(me=cakupan.pegawai_id, periode=periode)
        context["kinerja_saya"] = kinerja_dashboards.dasbor_pegawai(
            pegawai_id=cakupan.pegawai_id, periode=periode
        )
        context["gaji_saya"] = gaji_dashboards.dasbor_pegawai(pegawai_id=cakupan.pegawai_id)
        context["jp_saya"] = pembinaan_dashboards.dasbor_pegawai(pegawai_id=cakupan.pegawai_id)
        context["pembinaan"] = pembinaan_dashboards.dasbor_atasan(me=cakupan.pegawai_id)
        template = "dasbor/atasan.html"
    else:
        context = dashboards.dasbor_pegawai(pegawai=pegawai_of_user(user))
        if cakupan.pegawai_id is not None:
            context["kinerja_saya"] = kinerja_dashboards.dasbor_pegawai(pegawai_id=cakupan.pegawai_id)
            context["gaji_saya"] = gaji_dashboards.dasbor_pegawai(pegawai_id=cakupan.pegawai_id)
            context["jp_saya"] = pembinaan_dashboards.dasbor_pegawai(pegawai_id=cakupan.pegawai_id)
        template = "dasbor/pegawai.html"
    return render(request, template, context)


def _instansi(*, opd: int | None, kode: str | None) -> dict:
    """The government-wide (opd None) or one OPD's figures, the kinerja block for evaluation period
    `kode` (None: the latest with meaningful coverage). They aggregate every employee, evaluation and
    slip, so they are kept for ASN_DASBOR_CACHE_DETIK seconds (shared by every officer of that scope;
    the page says as of when); 0 computes them on every view. The government-wide default view is
    refreshed by Celery beat before it expires (dasbor_segarkan), so nobody waits for it."""
    if kode not in PERIODE_SEMUA:
        kode = None  # the cache key only ever holds a known period code
    detik = settings.ASN_DASBOR_CACHE_DETIK
    if not detik:
        return instansi_hitung(opd=opd, kode=kode)
    return cache.get_or_set(
        instansi_kunci(opd=opd, kode=kode), lambda: instansi_hitung(opd=opd, kode=kode), detik
    )


def instansi_kunci(*, opd: int | None, kode: str | None) -> str:
    return f"dasbor:instansi:{opd or 'semua'}:{kode or 'terisi'}"


def instansi_hitung(*, opd: int | None, kode: str | None, segarkan: bool = False) -> dict:
    context = dashboards.dasbor_instansi(opd=opd)
    context["kinerja"] = kinerja_dashboards.dasbor_instansi(opd=opd, kode=kode, segarkan=segarkan)
    if opd is None:
        context["gaji"] = gaji_dashboards.dasbor_instansi()
    context["pembinaan"] = pembinaan_dashboards.dasbor_instansi(opd=opd)
    context["dihitung_pada"] = timezone.now()
    if context["kinerja"]:  # its figures may come from their own cache (shared with /kinerja/sebaran/)
        context["dihitung_pada"] = min(context["dihitung_pada"], context["kinerja"]["dihitung_pada"])
    return context


def dasbor_segarkan() -> None:
    """Recompute the government-wide dashboard figures into the cache (Celery beat, every half of
    ASN_DASBOR_CACHE_DETIK): the Admin BKD and Pimpinan never meet an expired entry."""
    detik = settings.ASN_DASBOR_CACHE_DETIK
    if detik:
        cache.set(
            instansi_kunci(opd=None, kode=None), instansi_hitung(opd=None, kode=None, segarkan=True), detik
        )
