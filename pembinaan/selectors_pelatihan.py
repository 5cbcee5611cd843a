"""Reads of events and e-learning, scoped by role: participants of a run are seen whole by the Admin BKD
and the Pimpinan, per OPD by the Operator OPD, as the team by an atasan, and oneself by an employee."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from akun import roles
from pegawai.selectors import cakupan_for

from .models import IkutModul, Modul, Pelajaran, Pelaksanaan, Peserta, Program

P = Peserta.Status


def program_list(*, aktif_saja: bool = False) -> QuerySet[Program]:
    qs = Program.objects.annotate(jumlah_pelaksanaan=Count("pelaksanaan")).order_by("nama")
    return qs.filter(aktif=True) if aktif_saja else qs


def pelaksanaan_list(*, status: str = "", bentuk: str = "", tahun: int | None = None, q: str = ""):
    qs = Pelaksanaan.objects.select_related("program").annotate(
        jumlah_terdaftar=Count("peserta", filter=Q(peserta__status=P.TERDAFTAR)),
        jumlah_tunggu=Count("peserta", filter=Q(peserta__status=P.TUNGGU)),
    )
    if status:
        qs = qs.filter(status=status)
    if bentuk:
        qs = qs.filter(program__bentuk=bentuk)
    if tahun:
        qs = qs.filter(tanggal_mulai__year=tahun)
    if q:
        qs = qs.filter(Q(program__nama__icontains=q) | Q(nama__icontains=q))
    return qs.order_by("-tanggal_mulai", "-id")


def get_pelaksanaan(pk: int) -> Pelaksanaan:
    obj = Pelaksanaan.objects.select_related("program").filter(pk=pk).first()
    if obj is None:
        raise Http404("Pelaksanaan tidak ditemukan.")
    return obj


def _peserta_q(user) -> Q | None:
    if roles.is_admin_bkd(user) or roles.is_pimpinan(user):
        return None
    cakupan = cakupan_for(user)
    q = Q(pk__in=[])
    if cakupan.pegawai_id is not None:
        q |= Q(pegawai_id=cakupan.pegawai_id) | Q(pegawai__atasan_id=cakupan.pegawai_id)
    if cakupan.opd_id is not None:
        q |= Q(pegawai__opd_id=cakupan.opd_id)
    return q


def peserta_visible(user, pelaksanaan: Pelaksanaan) -> QuerySet[Peserta]:
    qs = Peserta.objects.filter(pelaksanaan=pelaksanaan).select_related(
        "pegawai", "pegawai__opd", "pegawai__golongan", "kegiatan"
    )
    q = _peserta_q(user)
    return (qs if q is None else qs.filter(q)).order_by("status", "pegawai__nama", "id")


def get_peserta_for(user, pk: int) -> Peserta:
    """A participant the user may see; another OPD's answers 404."""
    qs = Peserta.objects.select_related("pelaksanaan__program", "pegawai", "pegawai__opd", "kegiatan")
    q = _peserta_q(user)
    obj = (qs if q is None else qs.filter(q)).filter(pk=pk).first()
    if obj is None:
        raise Http404("Peserta tidak ditemukan.")
    return obj


def peserta_pegawai(pegawai) -> QuerySet[Peserta]:
    """An employee's own enrolments (the /pembinaan/saya/ list)."""
    return (
        Peserta.objects.filter(pegawai=pegawai)
        .select_related("pelaksanaan__program", "kegiatan")
        .order_by("-pelaksanaan__tanggal_mulai", "-id")
    )


def modul_untuk_pegawai(pegawai, *, hari_ini) -> list[tuple[Modul, IkutModul | None]]:
    """Published modules open today or already followed, each with the employee's progress."""
    ikut = {
        i.modul_id: i for i in IkutModul.objects.filter(pegawai=pegawai).prefetch_related("pelajaran_selesai")
    }
    qs = (
        Modul.objects.filter(terbit=True)
        .filter(Q(dibuka__lte=hari_ini, ditutup__gte=hari_ini) | Q(pk__in=list(ikut)))
        .annotate(jumlah_pelajaran=Count("pelajaran", distinct=True))
        .order_by("ditutup", "judul")
    )
    return [(m, ikut.get(m.pk)) for m in qs]


def get_modul_terbit(pk: int) -> Modul:
    obj = Modul.objects.filter(pk=pk, terbit=True).first()
    if obj is None:
        raise Http404("Modul tidak ditemukan.")
    return obj


def modul_kelola_list() -> QuerySet[Modul]:
    return Modul.objects.annotate(
        jumlah_pelajaran=Count("pelajaran", distinct=True),
        jumlah_soal=Count("soal", distinct=True),
        jumlah_peserta=Count("peserta", distinct=True),
        jumlah_lulus=Count("peserta", filter=Q(peserta__lulus_pada__isnull=False), distinct=True),
    ).order_by("-dibuka", "judul")


def get_modul(pk: int) -> Modul:
    obj = Modul.objects.filter(pk=pk).prefetch_related("pelajaran", Prefetch("soal__pilihan")).first()
    if obj is None:
        raise Http404("Modul tidak ditemukan.")
    return obj


def get_pelajaran(modul: Modul, pk: int) -> Pelajaran:
    obj = Pelajaran.objects.filter(modul=modul, pk=pk).first()
    if obj is None:
        raise Http404("Pelajaran tidak ditemukan.")
    return obj


def get_ikut_for(user, pk: int) -> IkutModul:
    """A module followed, for its certificate: the holder, the Admin BKD, the holder's Operator OPD."""
    qs = IkutModul.objects.select_related("modul", "pegawai", "kegiatan")
    if not roles.is_admin_bkd(user):
        cakupan = cakupan_for(user)
        q = Q(pk__in=[])
        if cakupan.pegawai_id is not None:
            q |= Q(pegawai_id=cakupan.pegawai_id)
        if cakupan.opd_id is not None:
            q |= Q(pegawai__opd_id=cakupan.opd_id)
        qs = qs.filter(q)
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404("Data tidak ditemukan.")
    return obj
