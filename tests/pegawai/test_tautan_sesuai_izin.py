"""Pages link only to what the viewer may open (a smoke crawl of the demo found a 403 behind each)."""

from django.urls import reverse


def test_operator_sees_no_import_link_on_the_attendance_page(org, client_as):
    page = client_as("operator_opd").get(reverse("penggajian:kehadiran_list")).content.decode()
    impor = reverse("pegawai:impor_unggah", args=["kehadiran"])
    assert impor not in page
    assert client_as("operator_opd").get(impor).status_code == 403
    assert impor in client_as("admin_bkd").get(reverse("penggajian:kehadiran_list")).content.decode()


def test_pimpinan_sees_no_potential_score_link_on_the_9box(org, client_as):
    potensial = reverse("kinerja:talenta_potensial")
    assert potensial not in client_as("pimpinan").get(reverse("kinerja:talenta")).content.decode()
    assert client_as("pimpinan").get(potensial).status_code == 403
    assert potensial in client_as("operator_opd").get(reverse("kinerja:talenta")).content.decode()
