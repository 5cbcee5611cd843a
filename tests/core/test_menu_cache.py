"""The menu is computed once per process and kept per set of visible entries (core.menu): each user
still gets exactly their own entries, registering an entry is seen at once, and an htmx fragment does
not build the menu at all."""

import pytest

from core import menu

pytestmark = pytest.mark.django_db


def test_each_role_keeps_its_own_menu_when_pages_alternate(client_as):
    for _ in range(2):
        admin = client_as("admin_bkd").get("/").content.decode()
        assert "Run gaji" in admin
        pegawai = client_as("pegawai").get("/").content.decode()
        assert '<a class="dropdown-item" href="/gaji/slip/">Slip saya</a>' in pegawai
        assert "Run gaji" not in pegawai


def test_a_new_entry_shows_at_once(client_as):
    client = client_as("pegawai")
    assert "Entri uji cache" not in client.get("/").content.decode()
    entri = menu.Entri("Entri uji cache", "/uji-cache/", lambda user: True, urutan=999)
    menu.daftarkan(entri)
    try:
        assert (
            '<a class="nav-link" href="/uji-cache/">Entri uji cache</a>' in client.get("/").content.decode()
        )
    finally:
        menu._ENTRI.pop((entri.judul, entri.url))
        menu.lupakan()
    assert "Entri uji cache" not in client.get("/").content.decode()


def test_an_htmx_fragment_does_not_build_the_menu(client_as, monkeypatch):
    client = client_as("admin_bkd")
    dipanggil = []
    monkeypatch.setattr(menu, "_terlihat", lambda user: dipanggil.append(user) or ("", (), []))
    assert client.get("/pegawai/", HTTP_HX_REQUEST="true").status_code == 200
    assert dipanggil == []
    client.get("/pegawai/")
    assert dipanggil
