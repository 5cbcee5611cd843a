"""`field__any=[...]` selects the same rows as `field__in=[...]` with one array parameter."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pegawai.models import Pegawai


@pytest.mark.django_db
def test_any_selects_like_in_with_one_parameter(org):
    ids = [org.staf_a.pk, org.kabid_a.pk, 10**9]
    with CaptureQueriesContext(connection) as ctx:
        found = set(Pegawai.objects.filter(id__any=ids).values_list("nip", flat=True))
        by_fk = set(Pegawai.objects.filter(opd_id__any=[org.opd_b.pk]).values_list("nip", flat=True))
    assert found == {org.staf_a.nip, org.kabid_a.nip}
    assert by_fk == {org.staf_b.nip}
    assert "= ANY(" in ctx.captured_queries[0]["sql"]
    assert Pegawai.objects.filter(id__any=[]).count() == 0
