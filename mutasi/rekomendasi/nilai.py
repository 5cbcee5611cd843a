"""Judging one candidate for one position (pure Python over the facts): requirements, factor
fractions and their evidence in plain Indonesian."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from types import SimpleNamespace

from core.dates import add_months, format_tanggal, months_between
from pegawai.models import Jabatan, Pegawai
from pegawai.selectors import dalam_tugas_belajar
from pegawai.syarat import cek_syarat

from ..guard import Fakta as FaktaGuard
from ..guard import evaluasi_guard, lama
from ..models import FAKTOR, JenisUsulan
from .dasar import (
    BULAN_PENUH,
    LABEL_PREDIKAT,
    NILAI_PILIHAN_JABATAN,
    NILAI_PILIHAN_UNIT,
    NILAI_PREDIKAT,
    Faktor,
    Kandidat,
    Syarat,
    angka,
    poin,
)
from .fakta import FaktaKandidat


def nama_lengkap(p: dict) -> str:
    nama = p["nama"]
    if p["gelar_depan"]:
        nama = f"{p['gelar_depan']} {nama}"
    if p["gelar_belakang"]:
        nama = f"{nama}, {p['gelar_belakang']}"
    return nama


def _syarat_jabatan(f: FaktaKandidat, p: dict, jabatan: Jabatan) -> list[Syarat]:
    kunci = (jabatan.pk, p["pendidikan_jenjang"], p["pendidikan_jurusan"], p["golongan_id"])
    hasil = f._cache_syarat.get(kunci)
    if hasil is None:
        orang = SimpleNamespace(
            pendidikan_jenjang=p["pendidikan_jenjang"],
            pendidikan_jurusan=p["pendidikan_jurusan"],
            golongan=f.golongan[p["golongan_id"]],
        )
        hasil = [Syarat(h.nama_syarat, h.terpenuhi, h.uraian) for h in cek_syarat(orang, jabatan)]  # type: ignore[arg-type]
        f._cache_syarat[kunci] = hasil
    return hasil


def _guard(f: FaktaKandidat, p: dict) -> list[Syarat]:
    hukuman = tuple(f.hukuman.get(p["id"], ()))
    belajar = (p["tugas_belajar_mulai"], p["tugas_belajar_selesai"])
    kunci = (p["status_kepegawaian"], p["tmt_cpns"], p["tmt_jabatan"], p["jabatan__jenis"], hukuman, belajar)
    hasil = f._cache_guard.get(kunci)
    if hasil is None:
        fakta = FaktaGuard(
            jenis_usulan=JenisUsulan.DALAM_PEMDA,
            status_kepegawaian=p["status_kepegawaian"],
            tmt_cpns=p["tmt_cpns"],
            tmt_jabatan=p["tmt_jabatan"],
            jabatan_asal_jpt=p["jabatan__jenis"] == Jabatan.Jenis.JPT,
            hukuman=hukuman,
            tugas_belajar_mulai=belajar[0],
            tugas_belajar_selesai=belajar[1],
        )
        hasil = [
            Syarat(h.nama, not h.dilanggar, h.penjelasan)
            for h in evaluasi_guard(fakta, f.berlaku.aturan, f.berlaku.larangan, f.tanggal)
        ]
        f._cache_guard[kunci] = hasil
    return hasil


def _pensiun(f: FaktaKandidat, p: dict) -> Syarat:
    nama = "Tidak pensiun dalam satu tahun"
    pensiun = p["tanggal_pensiun"]
    batas = add_months(f.tanggal, 12)
    if pensiun is None:
        return Syarat(nama, True, "TMT pensiun belum dihitung (tanggal lahir/BUP); dianggap tidak pensiun.")
    if pensiun <= batas:
        return Syarat(
            nama,
            False,
            f"Pensiun pada {format_tanggal(pensiun)}, dalam satu tahun sejak {format_tanggal(f.tanggal)}.",
        )
    return Syarat(nama, True, f"TMT pensiun {format_tanggal(pensiun)}, lebih dari satu tahun lagi.")


SYARAT_AKTIF = {s: Syarat("Status aktif", True, f"Pegawai aktif ({s}).") for s in Pegawai.Status.values}


def syarat_kandidat(f: FaktaKandidat, p: dict, jabatan: Jabatan) -> list[Syarat]:
    aktif = SYARAT_AKTIF.get(p["status_kepegawaian"]) or Syarat("Status aktif", True, "Pegawai aktif.")
    return [*_syarat_jabatan(f, p, jabatan), aktif, *_guard(f, p), _pensiun(f, p)]


def _f_pendidikan(p: dict, jabatan: Jabatan, diterima: list[str]) -> tuple[float, str]:
    jurusan = p["pendidikan_jurusan"]
    if not diterima:
        return 0.5, "Jabatan tidak menetapkan jurusan; nilai tengah."
    if not jurusan:
        return 0.0, "Jurusan pegawai belum tercatat."
    jc = jurusan.casefold()
    cocok = next((d for d in diterima if d.casefold() in jc), None)
    if cocok:
        return 1.0, f"Jurusan {jurusan} sesuai ({cocok})."
    return 0.0, f"Jurusan {jurusan} tidak termasuk jurusan yang diterima."


def _f_kompetensi(f: FaktaKandidat, pid: int) -> tuple[float, str]:
    pot = f.potensial.get(pid)
    if pot is None:
        return 0.0, f"Belum ada hasil asesmen yang berlaku pada {format_tanggal(f.tanggal)}."
    skor, tgl, sampai = pot
    return skor / 100, (
        f"Skor asesmen {angka(skor)} dari 100 (asesmen {format_tanggal(tgl)}, berlaku s.d. {format_tanggal(sampai)})."
    )


def _f_kinerja(f: FaktaKandidat, pid: int) -> tuple[float, str]:
    if not f.tahun_kinerja:
        return 0.0, "Belum ada tahun penilaian kinerja yang ditutup."
    nilai, bagian = 0.0, []
    for th in f.tahun_kinerja:
        pr = f.predikat.get((pid, th))
        if pr is None:
            bagian.append(f"{th} tidak ada predikat final")
        else:
            nilai += NILAI_PREDIKAT.get(pr, 0.0)
            bagian.append(f"{th} {LABEL_PREDIKAT.get(pr, pr)}")
    return nilai / 2, "Predikat tahunan " + "; ".join(bagian) + "."


def _f_talenta(f: FaktaKandidat, pid: int) -> tuple[float, str]:
    if f.aturan_talenta is None or not f.tahun_kinerja:
        return 0.0, "Aturan kotak talenta atau tahun penilaian yang ditutup belum ada."
    th = f.tahun_kinerja[-1]
    pr = f.predikat.get((pid, th))
    pot = f.potensial.get(pid)
    if pr is None or pot is None:
        return (
            0.0,
            f"Kotak talenta tidak dapat ditentukan (predikat final {th} atau hasil asesmen tidak ada).",
        )
    nomor = f.aturan_talenta.nomor(pr, Decimal(str(pot[0])))
    if nomor is None:
        return 0.0, "Kotak talenta tidak ditemukan."
    kotak = f.aturan_talenta.kotak[nomor]
    suksesi = f", kelompok suksesi {kotak.kelompok_suksesi}" if kotak.kelompok_suksesi else ""
    return (
        nomor / 9,
        f"Kotak {nomor} dari 9 (predikat {th} {LABEL_PREDIKAT.get(pr, pr)}, skor asesmen {angka(pot[0])}){suksesi}.",
    )


def _f_pengalaman(
    f: FaktaKandidat, p: dict, jabatan: Jabatan, opd_tujuan: int, nama_opd: str
) -> tuple[float, str]:
    nama = jabatan.nama.casefold()
    rows = f.riwayat.get(p["id"], ())
    sama = [r for r in rows if r[0] == nama]
    if sama:
        r = max(sama, key=lambda r: r[4])
        return 1.0, f"Pernah menduduki jabatan {r[1]} (TMT {format_tanggal(r[4])})."
    di_opd = [r for r in rows if r[2] == opd_tujuan]
    if di_opd:
        r = max(di_opd, key=lambda r: r[4])
        return 0.5, f"Pernah bertugas di {nama_opd} sebagai {r[1]} (TMT {format_tanggal(r[4])})."
    if p["opd_id"] == opd_tujuan:
        return 0.5, f"Sedang bertugas di {nama_opd} sebagai {p['jabatan__nama']}."
    return 0.0, "Belum pernah menduduki jabatan sejenis atau bertugas di OPD tujuan."


def _f_keinginan(
    f: FaktaKandidat, pid: int, jabatan: Jabatan, p_jabatan: int | None = None
) -> tuple[float, str]:
    if pid in f.minta_tetap:
        if jabatan.pk == p_jabatan:
            return 1.0, f"Meminta tetap di jabatan sekarang pada {f.minta_tetap[pid]}."
        return 0.0, f"Meminta tetap di jabatan sekarang pada {f.minta_tetap[pid]}."
    terbaik = (0.0, "Tidak menyatakan keinginan untuk jabatan atau unit ini.")
    for urutan, jid, uid, putaran in f.pilihan.get(pid, ()):
        if jid == jabatan.pk:
            nilai = NILAI_PILIHAN_JABATAN.get(urutan, 0.0)
            teks = f"Pilihan ke-{urutan} untuk jabatan ini ({putaran})."
        elif jid is None and uid == jabatan.unit_kerja_id:
            nilai = NILAI_PILIHAN_UNIT.get(urutan, 0.0)
            teks = f"Pilihan ke-{urutan} untuk unit kerja jabatan ini ({putaran})."
        else:
            continue
        if nilai > terbaik[0]:
            terbaik = (nilai, teks)
    return terbaik


def _f_masa(f: FaktaKandidat, p: dict) -> tuple[float, str]:
    tmt = p["tmt_jabatan"]
    if tmt is None:
        return 0.0, "TMT jabatan sekarang belum tercatat."
    n = max(months_between(tmt, f.tanggal), 0)
    return min(n, BULAN_PENUH) / BULAN_PENUH, (
        f"{lama(n)} dalam jabatan sekarang sejak {format_tanggal(tmt)} (poin penuh pada {lama(BULAN_PENUH)})."
    )


def _detail(
    f: FaktaKandidat, p: dict, jabatan: Jabatan, diterima: list[str], nama_opd: str
) -> tuple[list[Syarat], list[Faktor]]:
    pid = p["id"]
    opd_tujuan = jabatan.unit_kerja.opd_id
    hitung = {
        "pendidikan": _f_pendidikan(p, jabatan, diterima),
        "kompetensi": _f_kompetensi(f, pid),
        "kinerja": _f_kinerja(f, pid),
        "talenta": _f_talenta(f, pid),
        "pelatihan": (0.0, "Data pelatihan belum tersedia (modul pembinaan belum ada); bobot 0."),
        "pengalaman": _f_pengalaman(f, p, jabatan, opd_tujuan, nama_opd),
        "keinginan": _f_keinginan(f, pid, jabatan, p["jabatan_id"]),
        "masa_jabatan": _f_masa(f, p),
    }
    faktor = []
    for kode, label in FAKTOR:
        w = getattr(f.bobot, kode)
        fraksi, bukti = hitung[kode]
        faktor.append(Faktor(kode, label, w, poin(w, fraksi), bukti))
    return syarat_kandidat(f, p, jabatan), faktor


def _guard_lulus(f: FaktaKandidat, p: dict) -> bool:
    """Whether no guard is violated, cached by what decides it for a move within the government not
    asked by the employee: months in post (time in post, JPT two years), status, JPT or not, punishments
    in force; the freeze windows are the same for everyone (mutasi.guard; the CPNS pledge binds only
    APS and moves out)."""
    hukuman = f.hukuman.get(p["id"], ())
    tmt = p["tmt_jabatan"]
    bulan = None if tmt is None else _bulan(f, tmt)
    belajar = dalam_tugas_belajar(p["tugas_belajar_mulai"], p["tugas_belajar_selesai"], f.tanggal)
    kunci = (
        p["status_kepegawaian"],
        bulan,
        p["jabatan__jenis"] == Jabatan.Jenis.JPT,
        tuple(hukuman),
        belajar,
    )
    lulus = f._cache_lulus.get(kunci)
    if lulus is None:
        lulus = all(s.terpenuhi for s in _guard(f, p))
        f._cache_lulus[kunci] = lulus
    return lulus


def _bulan(f: FaktaKandidat, tmt: dt.date) -> int:
    n = f._cache_bulan.get(tmt)
    if n is None:
        n = max(months_between(tmt, f.tanggal), 0)
        f._cache_bulan[tmt] = n
    return n


def _fraksi(
    f: FaktaKandidat, p: dict, jabatan: Jabatan, diterima: list[str], opd_tujuan: int | None
) -> dict[str, float]:
    """The factor fractions only (no text): the same rules as the _f_* functions."""
    pid = p["id"]
    jurusan = p["pendidikan_jurusan"]
    if not diterima:
        pendidikan = 0.5
    elif not jurusan:
        pendidikan = 0.0
    else:
        pendidikan = f._cache_jurusan.get(jurusan)
        if pendidikan is None:
            jc = jurusan.casefold()
            pendidikan = 1.0 if any(d.casefold() in jc for d in diterima) else 0.0
            f._cache_jurusan[jurusan] = pendidikan
    pot = f.potensial.get(pid)
    kinerja = 0.0
    for th in f.tahun_kinerja:
        pr = f.predikat.get((pid, th))
        if pr is not None:
            kinerja += NILAI_PREDIKAT.get(pr, 0.0)
    talenta = 0.0
    if f.aturan_talenta is not None and f.tahun_kinerja and pot is not None:
        pr = f.predikat.get((pid, f.tahun_kinerja[-1]))
        if pr is not None:
            kunci = (pr, pot[0])
            if kunci not in f._cache_talenta:
                nomor = f.aturan_talenta.nomor(pr, Decimal(str(pot[0])))
                f._cache_talenta[kunci] = (nomor or 0) / 9
            talenta = f._cache_talenta[kunci]
    nama = jabatan.nama.casefold()
    rows = f.riwayat.get(pid, ())
    if any(r[0] == nama for r in rows):
        pengalaman = 1.0
    elif any(r[2] == opd_tujuan for r in rows) or p["opd_id"] == opd_tujuan:
        pengalaman = 0.5
    else:
        pengalaman = 0.0
    keinginan = 0.0
    if pid in f.minta_tetap:
        keinginan = 1.0 if jabatan.pk == p["jabatan_id"] else 0.0
    else:
        for urutan, jid, uid, _putaran in f.pilihan.get(pid, ()):
            if jid == jabatan.pk:
                keinginan = max(keinginan, NILAI_PILIHAN_JABATAN.get(urutan, 0.0))
            elif jid is None and uid == jabatan.unit_kerja_id:
                keinginan = max(keinginan, NILAI_PILIHAN_UNIT.get(urutan, 0.0))
    tmt = p["tmt_jabatan"]
    masa = 0.0 if tmt is None else min(_bulan(f, tmt), BULAN_PENUH) / BULAN_PENUH
    return {
        "pendidikan": pendidikan,
        "kompetensi": pot[0] / 100 if pot is not None else 0.0,
        "kinerja": kinerja / 2 if f.tahun_kinerja else 0.0,
        "talenta": talenta,
        "pelatihan": 0.0,
        "pengalaman": pengalaman,
        "keinginan": keinginan,
        "masa_jabatan": masa,
    }


def _siapkan(f: FaktaKandidat, jabatan: Jabatan) -> None:
    if f._jabatan_id != jabatan.pk:  # per-position caches
        f._jabatan_id = jabatan.pk
        f._cache_jurusan = {}
        f._diterima = [d.strip() for d in (jabatan.syarat_jurusan or "").split(";") if d.strip()]


def nilai_cepat(f: FaktaKandidat, p: dict, jabatan: Jabatan) -> tuple[bool, float]:
    """(meets every requirement, score) of one candidate, without any text. Call _siapkan first."""
    fraksi = _fraksi(f, p, jabatan, f._diterima, jabatan.unit_kerja.opd_id)
    skor = round(sum(round(w * fraksi[kode] + 1e-9, 2) for kode, w in f.bobot_aktif), 2)
    pensiun = p["tanggal_pensiun"]
    memenuhi = (
        all(s.terpenuhi for s in _syarat_jabatan(f, p, jabatan))
        and _guard_lulus(f, p)
        and not (pensiun is not None and pensiun <= f.batas_pensiun)
    )
    return memenuhi, skor


def _kandidat(
    f: FaktaKandidat, p: dict, jabatan: Jabatan, memenuhi: bool, skor: float, nama_opd: str
) -> Kandidat:
    diterima = f._diterima
    return Kandidat(
        pegawai_id=p["id"],
        nip=p["nip"],
        nama=nama_lengkap(p),
        kode_unit=p["unit_kerja__kode"],
        nama_unit=p["unit_kerja__nama"],
        opd_id=p["opd_id"],
        unit_id=p["unit_kerja_id"],
        jabatan=p["jabatan__nama"],
        skor=skor,
        memenuhi=memenuhi,
        rinci=lambda: _detail(f, p, jabatan, diterima, nama_opd),
    )


def nilai_kandidat(f: FaktaKandidat, p: dict, jabatan: Jabatan, *, nama_opd: str = "OPD tujuan") -> Kandidat:
    """One candidate for one position: the score and whether every requirement is met now, the lines
    and evidence when first asked for. No queries (`jabatan` with unit_kerja and syarat_golongan loaded)."""
    _siapkan(f, jabatan)
    memenuhi, skor = nilai_cepat(f, p, jabatan)
    return _kandidat(f, p, jabatan, memenuhi, skor, nama_opd)


def urutkan(kandidat: Iterable[Kandidat]) -> list[Kandidat]:
    """Those meeting every requirement first by descending score, then the others by descending score;
    ties by name and NIP. Numbers the ranks."""
    hasil = sorted(kandidat, key=lambda k: (not k.memenuhi, -k.skor, k.nama, k.nip))
    for i, k in enumerate(hasil, 1):
        k.peringkat = i
    return hasil
