import pytest
from django.core.management import CommandError, call_command

from akun import roles
from core.nip import nip_errors
from pegawai.models import AksesOpd, Pegawai
from pegawai.selectors import cakupan_for


def _seed(**kwargs):
    call_command("seed_demo", pegawai=kwargs.pop("pegawai", 600), force=True, **kwargs)


@pytest.mark.django_db
def test_demo_has_valid_people_and_one_login_per_role():
    _seed()
    assert Pegawai.objects.count() == 600
    for p in Pegawai.objects.all():
        assert (
            nip_errors(p.nip, pppk=p.is_pppk, tanggal_lahir=p.tanggal_lahir, jenis_kelamin=p.jenis_kelamin)
            == []
        )
    from akun.models import User

    admin = User.objects.get(username="admin_bkd")
    assert roles.is_admin_bkd(admin)
    assert admin.check_password("demo12345")
    assert roles.is_pimpinan(User.objects.get(username="pimpinan"))
    operator = User.objects.get(username="operator_opd")
    assert AksesOpd.objects.get(user=operator).opd.nama == "Dinas Pendidikan dan Kebudayaan"
    assert cakupan_for(User.objects.get(username="atasan")).punya_bawahan
    pegawai_user = User.objects.get(username="pegawai")
    assert pegawai_user.pegawai.atasan.user.username == "atasan"
    assert User.objects.get(username="superuser").is_superuser
    # Only the Sekretaris Daerah has no atasan in the demo organisation.
    assert Pegawai.objects.filter(atasan__isnull=True).count() == 1


@pytest.mark.django_db
def test_same_seed_same_data_and_refusals(settings):
    _seed(pegawai=120, seed=7)
    first = list(Pegawai.objects.order_by("nip").values_list("nip", "nama"))
    with pytest.raises(CommandError, match="--reset"):
        _seed(pegawai=120, seed=7)
    _seed(pegawai=120, seed=7, reset=True)
    assert list(Pegawai.objects.order_by("nip").values_list("nip", "nama")) == first
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("seed_demo", pegawai=50, reset=True)


@pytest.mark.django_db
def test_if_empty_skips_existing_data(capsys):
    _seed(pegawai=50)
    _seed(pegawai=80, if_empty=True)
    assert Pegawai.objects.count() == 50
    assert "sudah ada" in capsys.readouterr().out


@pytest.mark.django_db
def test_at_300_employees_every_demo_login_is_an_employee():
    """A small demo (`seed_demo --pegawai 300`) still gives every role login an employee, the atasan
    with staff and the pegawai under that atasan, the operator in the Dinas Pendidikan."""
    from akun.models import User

    _seed(pegawai=300)
    tertaut = {
        u.username: u.pegawai
        for u in User.objects.filter(pegawai__isnull=False).select_related("pegawai__opd")
    }
    assert set(tertaut) >= {"admin_bkd", "operator_opd", "atasan", "pegawai", "pimpinan", "verifikator"}
    assert len({p.pk for p in tertaut.values()}) == len(tertaut)  # one employee per login
    assert cakupan_for(User.objects.get(username="atasan")).punya_bawahan
    assert tertaut["pegawai"].atasan_id == tertaut["atasan"].pk
    assert tertaut["operator_opd"].opd.nama == "Dinas Pendidikan dan Kebudayaan"
