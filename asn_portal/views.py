"""The dashboard at `/`: each role sees its own (a user with several roles sees the widest)."""

from django.shortcuts import render

from akun import roles
from kinerja import dashboards as kinerja_dashboards
from pegawai import dashboards
from pegawai.selectors import cakupan_for, pegawai_of_user
from penggajian import dashboards as gaji_dashboards


def dasbor(request):
    user = request.user
    cakupan = cakupan_for(user)
    if roles.is_admin_bkd(user) or roles.is_pimpinan(user):
        context = dashboards.dasbor_instansi(opd=None)
        context["judul"] = "Dasbor Pimpinan" if not roles.is_admin_bkd(user) else "Dasbor Admin BKD"
        context["kinerja"] = kinerja_dashboards.dasbor_instansi(opd=None, kode=request.GET.get("periode"))
        context["gaji"] = gaji_dashboards.dasbor_instansi()
        template = "dasbor/instansi.html"
    elif cakupan.opd_id is not None:
        context = dashboards.dasbor_instansi(opd=cakupan.opd_id)
        context["judul"] = "Dasbor Operator OPD"
        context["kinerja"] = kinerja_dashboards.dasbor_instansi(
            opd=cakupan.opd_id, kode=request.GET.get("periode")
        )
        template = "dasbor/instansi.html"
    elif cakupan.punya_bawahan:
        context = dashboards.dasbor_atasan(atasan_id=cakupan.pegawai_id)
        context["kinerja"] = kinerja_dashboards.dasbor_atasan(me=cakupan.pegawai_id)
        context["kinerja_saya"] = kinerja_dashboards.dasbor_pegawai(pegawai_id=cakupan.pegawai_id)
        context["gaji_saya"] = gaji_dashboards.dasbor_pegawai(pegawai_id=cakupan.pegawai_id)
        template = "dasbor/atasan.html"
    else:
        context = dashboards.dasbor_pegawai(pegawai=pegawai_of_user(user))
        if cakupan.pegawai_id is not None:
            context["kinerja_saya"] = kinerja_dashboards.dasbor_pegawai(pegawai_id=cakupan.pegawai_id)
            context["gaji_saya"] = gaji_dashboards.dasbor_pegawai(pegawai_id=cakupan.pegawai_id)
        template = "dasbor/pegawai.html"
    return render(request, template, context)
