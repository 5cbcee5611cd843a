"""Seed the pay rule tables (penggajian/reference.py) and protect locked runs below the application:
a locked run cannot be updated or deleted, and no slip of a locked run can be inserted, updated or
deleted, whatever the client (the ORM, a raw UPDATE, psql)."""

from django.db import migrations

from penggajian.reference import seed_aturan_gaji, seed_aturan_tpp, seed_gaji_pokok

KUNCI_SQL = """
CREATE OR REPLACE FUNCTION penggajian_run_terkunci() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'dikunci' THEN
        RAISE EXCEPTION 'Run gaji % sudah dikunci dan tidak dapat diubah; koreksi lewat penyesuaian pada run berikutnya.', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER penggajian_rungaji_kunci
    BEFORE UPDATE OR DELETE ON penggajian_rungaji
    FOR EACH ROW EXECUTE FUNCTION penggajian_run_terkunci();

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

CREATE TRIGGER penggajian_slip_kunci
    BEFORE INSERT OR UPDATE OR DELETE ON penggajian_slip
    FOR EACH ROW EXECUTE FUNCTION penggajian_slip_terkunci();
"""

LEPAS_SQL = """
DROP TRIGGER IF EXISTS penggajian_slip_kunci ON penggajian_slip;
DROP FUNCTION IF EXISTS penggajian_slip_terkunci();
DROP TRIGGER IF EXISTS penggajian_rungaji_kunci ON penggajian_rungaji;
DROP FUNCTION IF EXISTS penggajian_run_terkunci();
"""


def seed(apps, schema_editor):
    # Not seed_all: later migrations seed the tables they add (0007: THR and gaji ke-13).
    model = lambda name: apps.get_model("penggajian", name)  # noqa: E731
    seed_gaji_pokok(model)
    seed_aturan_gaji(model)
    seed_aturan_tpp(model)


class Migration(migrations.Migration):
    dependencies = [("penggajian", "0001_awal")]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunSQL(KUNCI_SQL, LEPAS_SQL),
    ]
