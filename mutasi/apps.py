from django.apps import AppConfig


class MutasiConfig(AppConfig):
    name = "mutasi"
    verbose_name = "Mutasi"

    def ready(self) -> None:
        from core import menu

        from . import permissions as p
        from . import tasks_rotasi  # noqa: F401  (registers the rotation task with Celery)

        grup = "Mutasi"
        menu.daftarkan(
            menu.Entri(
                "Kebutuhan pegawai (bezetting)",
                "mutasi:kebutuhan",
                p.can_view_kebutuhan,
                grup=grup,
                urutan=700,
            ),
        )
        # Proposals, the placement team, rounds and rules (issue 13 points 3, 6, 7, 8); the needs side adds
        # its own entries in the 700s too.
        menu.daftarkan(
            menu.Entri("Mutasi saya", "mutasi:saya", p.can_view_mutasi_saya, grup=grup, urutan=705),
            menu.Entri(
                "Usulan mutasi", "mutasi:usulan_list", p.can_view_usulan_mutasi_list, grup=grup, urutan=740
            ),
            menu.Entri("SK mutasi", "mutasi:sk_list", p.can_view_sk_mutasi_list, grup=grup, urutan=745),
            menu.Entri("Tim Penilai Kinerja", "mutasi:tpk", p.can_view_tpk, grup=grup, urutan=750),
            menu.Entri(
                "Putaran rotasi", "mutasi:putaran_list", p.can_view_preferensi_mutasi, grup=grup, urutan=760
            ),
            menu.Entri(
                "Bobot rekomendasi",
                "mutasi:rekomendasi_bobot",
                p.can_view_rekomendasi,
                grup=grup,
                urutan=785,
            ),
            menu.Entri(
                "Aturan mutasi",
                "mutasi:aturan",
                p.can_view_aturan_mutasi,
                grup=grup,
                urutan=790,
                pemisah=True,
            ),
        )

        # The profile of an employee (/pegawai/<nip>/) shows the proposals about them.
        from pegawai.profil import register_tab

        from .dashboards import boleh_profil_mutasi, profil_mutasi

        register_tab(
            "mutasi",
            "Mutasi",
            template="mutasi/_profil_mutasi.html",
            konteks=profil_mutasi,
            boleh=boleh_profil_mutasi,
        )
