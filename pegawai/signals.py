"""Events other modules learn from without pegawai importing them (kinerja, pembinaan, penggajian …).

`jabatan_berubah` — an employee took up another position by a decree (a mutasi taking effect on its
TMT, or `import_mutasi`), sent by `pegawai.services_perpindahan.perpindahan_apply` with sender=Pegawai
and these keyword arguments:

    pegawai       the employee, already saved with the new position, unit, TMT and atasan
    jabatan_lama, jabatan_baru     Jabatan
    unit_lama, unit_baru           UnitKerja
    atasan_lama, atasan_baru       Pegawai or None
    tmt           date the new position holds from
    nomor_sk, tanggal_sk           the decree
    riwayat       the RiwayatJabatan row written for the move
    actor         the user who applied it (history rows are attributed to them)
    alasan, sumber                 the reason and where it came from ("mutasi", "import_mutasi" …)

It is sent INSIDE the move's transaction, not on commit: receivers (closing the SKP, planning an
orientation) must be all-or-nothing with the move itself — a receiver that fails rolls the move back,
and a move that rolls back leaves nothing of the receivers behind. A receiver therefore only writes to the
database; anything outside it (mail, a Celery task) it defers with transaction.on_commit itself.
Register receivers in the listening app's AppConfig.ready().

`jabatan_berubah_massal` — the same moves applied together (a collective SK on its TMT, import_mutasi),
sent once by `perpindahan_apply_bulk` BEFORE the per-move `jabatan_berubah` of each, inside the same
transaction, with sender=Pegawai and:

    perpindahan   list of dicts, one per move, each with exactly the keyword arguments of jabatan_berubah
    actor, sumber as above

A receiver listens to ONE of the two forms, never both (kinerja uses the bulk one: it closes and opens
the SKPs of a thousand moves in a few statements); a receiver of the per-move form still learns every
move, one call each.
"""

from __future__ import annotations

from django.dispatch import Signal

jabatan_berubah = Signal()
jabatan_berubah_massal = Signal()
