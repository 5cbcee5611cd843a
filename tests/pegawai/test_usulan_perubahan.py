"""Self-service corrections: employee proposes with evidence → operator verifies → admin decides."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.exceptions import DomainError
from pegawai import permissions, services
from pegawai.models import Pegawai, UsulanPerubahanData


def _bukti():
    return SimpleUploadedFile("buku-rekening.pdf", b"%PDF-1.4 bukti", content_type="application/pdf")


def _propose(org, users, **kwargs):
    data = {"field": "nomor_rekening", "nilai_baru": "1234567890", "alasan": "Pindah bank", "bukti": _bukti()}
    data.update(kwargs)
    return services.usulan_perubahan_create(actor=users["pegawai"], pegawai=org.staf_a, **data)


def test_full_workflow_changes_the_record_only_after_approval(org, users):
    usulan = _propose(org, users)
    assert usulan.status == UsulanPerubahanData.Status.DIAJUKAN
    assert Pegawai.objects.get(pk=org.staf_a.pk).nomor_rekening == ""

    services.usulan_perubahan_verify(actor=users["operator_opd"], usulan=usulan, setuju=True)
    assert Pegawai.objects.get(pk=org.staf_a.pk).nomor_rekening == ""

    services.usulan_perubahan_decide(actor=users["admin_bkd"], usulan=usulan, setuju=True)
    pegawai = Pegawai.objects.get(pk=org.staf_a.pk)
    assert pegawai.nomor_rekening == "1234567890"
    last = pegawai.history.first()
    assert last.history_user == users["admin_bkd"]
    assert "disetujui" in last.history_change_reason


def test_rejection_needs_a_reason_and_leaves_the_record(org, users):
    usulan = _propose(org, users)
    with pytest.raises(ValidationError):
        services.usulan_perubahan_verify(actor=users["operator_opd"], usulan=usulan, setuju=False)
    services.usulan_perubahan_verify(
        actor=users["operator_opd"], usulan=usulan, setuju=False, catatan="Bukti buram"
    )
    usulan.refresh_from_db()
    assert usulan.status == UsulanPerubahanData.Status.DITOLAK
    assert usulan.catatan == "Bukti buram"
    with pytest.raises(PermissionDenied):
        services.usulan_perubahan_decide(actor=users["admin_bkd"], usulan=usulan, setuju=True)


def test_admin_cannot_skip_verification(org, users):
    usulan = _propose(org, users)
    with pytest.raises(PermissionDenied):
        services.usulan_perubahan_decide(actor=users["admin_bkd"], usulan=usulan, setuju=True)


def test_only_the_employee_proposes_for_themselves(org, users):
    with pytest.raises(PermissionDenied):
        services.usulan_perubahan_create(
            actor=users["atasan"],
            pegawai=org.staf_a,
            field="telepon",
            nilai_baru="0812",
            alasan="x",
            bukti=_bukti(),
        )


def test_invalid_value_is_rejected_with_the_field_named(org, users):
    with pytest.raises(ValidationError) as exc:
        _propose(org, users, field="agama", nilai_baru="Bukan agama")
    assert "nilai_baru" in exc.value.message_dict


def test_disallowed_field_is_rejected(org, users):
    with pytest.raises(ValidationError) as exc:
        _propose(org, users, field="golongan", nilai_baru="IV/e")
    assert "field" in exc.value.message_dict


def test_invalid_transition_raises_domain_error(org, users):
    usulan = _propose(org, users)
    with pytest.raises(DomainError):
        usulan.transition_to(UsulanPerubahanData.Status.DISETUJUI)


@pytest.mark.parametrize(
    ("role", "verify", "decide_after_verify"),
    [
        ("admin_bkd", True, False),  # admin may verify, but then cannot also approve the same request
        ("operator_opd", True, False),
        ("pimpinan", False, False),
        ("atasan", False, False),
        ("pegawai", False, False),
    ],
)
def test_permission_table_for_corrections(org, users, role, verify, decide_after_verify):
    usulan = _propose(org, users)
    assert permissions.can_verify_usulan_perubahan(users[role], usulan) is verify
    services.usulan_perubahan_verify(
        actor=users[role] if verify else users["operator_opd"], usulan=usulan, setuju=True
    )
    usulan.refresh_from_db()
    assert permissions.can_approve_usulan_perubahan(users[role], usulan) is decide_after_verify


def test_operator_of_another_opd_cannot_verify(org, users):
    usulan = services.usulan_perubahan_create(
        actor=users["pegawai"],
        pegawai=org.staf_a,
        field="telepon",
        nilai_baru="08123",
        alasan="baru",
        bukti=_bukti(),
    )
    org.staf_a.opd = org.opd_b
    org.staf_a.save(update_fields=["opd"])
    usulan.refresh_from_db()
    assert not permissions.can_verify_usulan_perubahan(users["operator_opd"], usulan)


def test_other_users_request_answers_404(org, users, client_as):
    usulan = _propose(org, users)
    response = client_as("atasan").get(f"/usulan-perubahan/{usulan.pk}/")
    assert response.status_code == 404
    assert client_as("pegawai").get(f"/usulan-perubahan/{usulan.pk}/").status_code == 200
