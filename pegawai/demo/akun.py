"""The demo's logins (one per role, on people who fit the role) and signatories (pegawai.demo.DemoBuilder)."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from akun import roles
from akun.models import User
from core.dates import add_months

from ..models import (
    AksesOpd,
    Pegawai,
    Penandatangan,
)


class LoginDemo:
    """Mixin of DemoBuilder: the demo logins and the signatories of the printed documents."""

    # --- logins ---------------------------------------------------------------------------------
    def create_logins(self, people: list[Pegawai]) -> dict[str, str]:
        groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles.ASSIGNED_ROLES}
        by_jabatan = defaultdict(list)
        for p in people:
            by_jabatan[p.jabatan_id].append(p)

        def first_holding(predicate):
            for p in people:
                if predicate(p):
                    return p
            return people[0]

        bkpsdm = next(u for u in self.units if u.nama.startswith("Badan Kepegawaian"))
        pendidikan = next(u for u in self.units if u.nama == "Dinas Pendidikan dan Kebudayaan")
        pimpinan = first_holding(lambda p: p.unit_kerja_id == bkpsdm.id and p.jabatan.is_kepala)
        admin = first_holding(
            lambda p: p.opd_id == bkpsdm.id and not p.jabatan.is_kepala and p.status_kepegawaian == "PNS"
        )

        # A second Admin BKD officer checks pay runs (whoever computes a run may not verify it).
        verifikator = first_holding(
            lambda p: (
                p.opd_id == bkpsdm.id
                and not p.jabatan.is_kepala
                and p.status_kepegawaian == "PNS"
                and p.pk != getattr(admin, "pk", None)
            )
        )

        def kabid_di(opd_filter: dict):
            """A bidang head with staff (the demo "atasan"), in Dinas Pendidikan when it has one."""
            kabid_ids = Pegawai.objects.filter(
                atasan__isnull=False, jabatan__is_kepala=False, **opd_filter
            ).values("atasan_id")
            return (
                Pegawai.objects.filter(
                    id__in=kabid_ids, jabatan__jenis="administrator", unit_kerja__jenis="bidang"
                )
                .order_by("nip")
                .first()
            )

        kabid = kabid_di({"opd": pendidikan}) or kabid_di({})
        bawahan = (
            # not retiring within two years: the demo proposals about them plan a TMT months ahead
            Pegawai.objects.filter(
                atasan=kabid, jabatan__is_kepala=False, tanggal_pensiun__gt=add_months(self.today, 24)
            )
            .order_by("nip")
            .first()
            if kabid
            else None
        )
        operator = first_holding(
            lambda p: (
                p.opd_id == pendidikan.id
                and p.jabatan.jenis == "pelaksana"
                and p.unit_kerja.jenis == "subbidang"
            )
        )
        plan = [
            ("admin_bkd", roles.ADMIN_BKD, admin),
            ("operator_opd", roles.OPERATOR_OPD, operator),
            ("atasan", roles.PEGAWAI, kabid),
            ("pegawai", roles.PEGAWAI, bawahan),
            ("pimpinan", roles.PIMPINAN, pimpinan),
            ("verifikator", roles.ADMIN_BKD, verifikator),
        ]
        logins = {}
        used: set[int] = set()
        # One hash for the seven logins (one password): PBKDF2's million rounds took about 0.4 s a login.
        sandi = make_password(self.password)
        for username, group, pegawai in plan:
            user = User(
                username=username,
                first_name=(pegawai.nama if pegawai else username),
                email=f"{username}@palukota.go.id",
            )
            user.password = sandi
            user.save()
            user.groups.add(groups[group])
            if group != roles.PEGAWAI:
                user.groups.add(groups[roles.PEGAWAI])
            if pegawai is not None and pegawai.pk not in used:
                Pegawai.objects.filter(pk=pegawai.pk).update(user=user)
                used.add(pegawai.pk)
                logins[username] = f"{pegawai.nama} ({pegawai.jabatan.nama})"
            else:
                logins[username] = username
        AksesOpd.objects.create(user=User.objects.get(username="operator_opd"), opd=pendidikan)
        root = User(username="superuser", first_name="Administrator Sistem", is_staff=True, is_superuser=True)
        root.password = sandi
        root.save()
        logins["superuser"] = "Administrator sistem"
        return logins

    @transaction.atomic
    def create_signatories(self) -> int:
        """Who signs the printed documents since 1 January (pegawai.Penandatangan): the Kepala BKPSDM and
        the Sekretaris Daerah (the heads of those OPDs), a Wali Kota outside the employee data, and for
        every OPD its head and a Bendahara Pengeluaran (its first staff member by NIP)."""
        rng = random.Random(f"ttd-{self.seed}")  # noqa: S311 - demo data, not security
        mulai = dt.date(self.today.year, 1, 1)
        kepala, staf, opd_nama = {}, {}, {}
        # 50,000 rows: only the columns read here (building every column took seconds).
        kolom = ["nip", "status_kepegawaian", "opd", "opd__nama", "jabatan", "jabatan__nama"]
        kolom += ["jabatan__is_kepala", "jabatan__unit_kerja"]
        orang = (
            Pegawai.objects.filter(aktif=True).select_related("jabatan", "opd").only(*kolom).order_by("nip")
        )
        for p in orang:
            opd_nama[p.opd_id] = p.opd.nama
            if p.jabatan.is_kepala and p.jabatan.unit_kerja_id == p.opd_id:
                kepala.setdefault(p.opd_id, p)
            elif not p.is_pppk:
                # A staff member if there is one (small demos are all unit heads): the lowest position.
                lama = staf.get(p.opd_id)
                if lama is None or (lama.jabatan.is_kepala and not p.jabatan.is_kepala):
                    staf[p.opd_id] = p
        rows = []
        P = Penandatangan.Peran
        for opd_id, p in kepala.items():
            rows.append(Penandatangan(peran=P.KEPALA_OPD, opd_id=opd_id, jabatan=p.jabatan.nama, pegawai=p))
            if p.opd.nama == "Sekretariat Daerah":
                rows.append(Penandatangan(peran=P.SEKRETARIS_DAERAH, jabatan="Sekretaris Daerah", pegawai=p))
        bkpsdm = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
        kepala_bkpsdm = next((p for p in kepala.values() if p.opd.nama == bkpsdm), None)
        rows.append(
            Penandatangan(
                peran=P.KEPALA_BKPSDM,
                jabatan=f"Kepala {bkpsdm}",
                pegawai=kepala_bkpsdm,
                nama="" if kepala_bkpsdm else f"{rng.choice(self.names_l)} {rng.choice(self.last)}",
            )
        )
        for opd_id, p in staf.items():
            rows.append(
                Penandatangan(
                    peran=P.BENDAHARA_PENGELUARAN,
                    opd_id=opd_id,
                    jabatan=f"Bendahara Pengeluaran {opd_nama[opd_id]}",
                    pegawai=p,
                )
            )
        kota = getattr(settings, "ASN_KOTA", "")
        rows.append(
            Penandatangan(
                peran=P.PPK,
                jabatan=f"Wali Kota {kota}".strip(),
                nama=f"{rng.choice(self.names_l)} {rng.choice(self.last)}",
            )
        )
        for row in rows:
            row.berlaku_mulai = mulai
        return len(Penandatangan.objects.bulk_create(rows))
