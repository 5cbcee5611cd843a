"""Close two gaps in the protection of locked runs (migration 0002).

1. A slip could be moved into a locked run (UPDATE penggajian_slip SET run_id = <locked run>): the slip
   trigger only looked at the old run. It now refuses an UPDATE when either the old or the new run is
   locked (and an INSERT into, a DELETE from a locked run, as before).

2. TRUNCATE fires no row triggers, so `TRUNCATE penggajian_slip` (or `manage.py flush`) emptied locked
   runs. A BEFORE TRUNCATE statement trigger on the slip, run, correction and maker tables now refuses
   it while any locked run exists. With no locked run there is nothing to protect and TRUNCATE works.

   The one deliberate way past it is a transaction-scoped setting the statement's own transaction must
   set: `SET LOCAL penggajian.izinkan_kosongkan = 'on'`. Two callers use it, both on purpose and both
   kept out of production's way: the demo reset (seed_demo --reset, refused unless DEBUG or --force) and
   the test suite's flush after a transactional test (tests/conftest.py adds it to that one TRUNCATE
   statement only, so every test still runs with the guard on). A plain TRUNCATE, `manage.py flush`, a
   psql slip or a script is refused. Like the row triggers, this guards against mistakes and any client
   of the application role, not against the table owner, who can always drop a trigger;
   session_replication_role was not used because it needs a superuser, which the application role should
   not be.
"""

from django.db import migrations

KUNCI_SQL = """
CREATE OR REPLACE FUNCTION penggajian_slip_terkunci() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE')
       AND EXISTS (SELECT 1 FROM penggajian_rungaji WHERE id = OLD.run_id AND status = 'dikunci') THEN
        RAISE EXCEPTION 'Slip pada run gaji % yang sudah dikunci tidak dapat diubah.', OLD.run_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE')
       AND EXISTS (SELECT 1 FROM penggajian_rungaji WHERE id = NEW.run_id AND status = 'dikunci') THEN
        RAISE EXCEPTION 'Slip tidak dapat dimasukkan ke run gaji % yang sudah dikunci.', NEW.run_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION penggajian_kosongkan_terkunci() RETURNS trigger AS $$
BEGIN
    IF current_setting('penggajian.izinkan_kosongkan', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT 1 FROM penggajian_rungaji WHERE status = 'dikunci') THEN
        RAISE EXCEPTION 'TRUNCATE % ditolak: ada run gaji yang sudah dikunci.', TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER penggajian_slip_kosongkan BEFORE TRUNCATE ON penggajian_slip
    FOR EACH STATEMENT EXECUTE FUNCTION penggajian_kosongkan_terkunci();
CREATE TRIGGER penggajian_rungaji_kosongkan BEFORE TRUNCATE ON penggajian_rungaji
    FOR EACH STATEMENT EXECUTE FUNCTION penggajian_kosongkan_terkunci();
CREATE TRIGGER penggajian_penyesuaian_kosongkan BEFORE TRUNCATE ON penggajian_penyesuaian
    FOR EACH STATEMENT EXECUTE FUNCTION penggajian_kosongkan_terkunci();
CREATE TRIGGER penggajian_perhitunganrun_kosongkan BEFORE TRUNCATE ON penggajian_perhitunganrun
    FOR EACH STATEMENT EXECUTE FUNCTION penggajian_kosongkan_terkunci();
"""

LEPAS_SQL = """
DROP TRIGGER IF EXISTS penggajian_perhitunganrun_kosongkan ON penggajian_perhitunganrun;
DROP TRIGGER IF EXISTS penggajian_penyesuaian_kosongkan ON penggajian_penyesuaian;
DROP TRIGGER IF EXISTS penggajian_rungaji_kosongkan ON penggajian_rungaji;
DROP TRIGGER IF EXISTS penggajian_slip_kosongkan ON penggajian_slip;
DROP FUNCTION IF EXISTS penggajian_kosongkan_terkunci();
CREATE OR REPLACE FUNCTION penggajian_slip_terkunci() RETURNS trigger AS $$
DECLARE
    target integer;
BEGIN
    IF TG_OP = 'INSERT' THEN
        target := NEW.run_id;
    ELSE
        target := OLD.run_id;
    END IF;
    IF EXISTS (SELECT 1 FROM penggajian_rungaji WHERE id = target AND status = 'dikunci') THEN
        RAISE EXCEPTION 'Slip pada run gaji % yang sudah dikunci tidak dapat diubah.', target
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


class Migration(migrations.Migration):
    dependencies = [('penggajian', '0014_perhitungan_run_pembuat')]

    operations = [migrations.RunSQL(KUNCI_SQL, LEPAS_SQL)]
