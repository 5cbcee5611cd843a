"""Every computation of a pay run and who did it (PerhitunganRun), so maker ≠ checker covers everyone who
computed any part of a run, not just the latest maker: after a return, "hitung ulang yang gagal saja" by
a second officer no longer lets the first one verify. Existing runs get their makers from the run's
history. A trigger holds the rule below the application: a verifier or approver who is among the run's
makers is refused, and so is recording a computation by the run's current verifier or approver."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# Makers of existing runs: each officer the run's history records as dihitung_oleh (every compute and
# recompute saved the run with its maker), first at the earliest time seen; then the current maker.
ISI_SQL = """
INSERT INTO penggajian_perhitunganrun (run_id, dihitung_oleh_id, jenis, pada)
SELECT h.id, h.dihitung_oleh_id, 'hitung', min(COALESCE(h.dihitung_pada, h.history_date))
  FROM penggajian_historicalrungaji h
  JOIN penggajian_rungaji r ON r.id = h.id
 WHERE h.dihitung_oleh_id IS NOT NULL
 GROUP BY h.id, h.dihitung_oleh_id;
INSERT INTO penggajian_perhitunganrun (run_id, dihitung_oleh_id, jenis, pada)
SELECT r.id, r.dihitung_oleh_id, 'hitung', COALESCE(r.dihitung_pada, r.dibuat)
  FROM penggajian_rungaji r
 WHERE r.dihitung_oleh_id IS NOT NULL
   AND NOT EXISTS (
       SELECT 1 FROM penggajian_perhitunganrun p WHERE p.run_id = r.id AND p.dihitung_oleh_id = r.dihitung_oleh_id
   );
"""

PEMBUAT_SQL = """
CREATE OR REPLACE FUNCTION penggajian_run_pemeriksa_bukan_pembuat() RETURNS trigger AS $$
BEGIN
    IF NEW.diverifikasi_oleh_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM penggajian_perhitunganrun WHERE run_id = NEW.id AND dihitung_oleh_id = NEW.diverifikasi_oleh_id
    ) THEN
        RAISE EXCEPTION 'Pemisahan tugas: pengguna % ikut menghitung run gaji % dan tidak boleh memverifikasinya.',
            NEW.diverifikasi_oleh_id, NEW.id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.disetujui_oleh_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM penggajian_perhitunganrun WHERE run_id = NEW.id AND dihitung_oleh_id = NEW.disetujui_oleh_id
    ) THEN
        RAISE EXCEPTION 'Pemisahan tugas: pengguna % ikut menghitung run gaji % dan tidak boleh menyetujuinya.',
            NEW.disetujui_oleh_id, NEW.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER penggajian_rungaji_pemeriksa
    BEFORE INSERT OR UPDATE ON penggajian_rungaji
    FOR EACH ROW EXECUTE FUNCTION penggajian_run_pemeriksa_bukan_pembuat();

CREATE OR REPLACE FUNCTION penggajian_pembuat_bukan_pemeriksa() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM penggajian_rungaji
         WHERE id = NEW.run_id AND NEW.dihitung_oleh_id IN (diverifikasi_oleh_id, disetujui_oleh_id)
    ) THEN
        RAISE EXCEPTION 'Pemisahan tugas: pengguna % sudah memverifikasi atau menyetujui run gaji %.',
            NEW.dihitung_oleh_id, NEW.run_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER penggajian_perhitunganrun_pembuat
    BEFORE INSERT OR UPDATE ON penggajian_perhitunganrun
    FOR EACH ROW EXECUTE FUNCTION penggajian_pembuat_bukan_pemeriksa();
"""

LEPAS_SQL = """
DROP TRIGGER IF EXISTS penggajian_perhitunganrun_pembuat ON penggajian_perhitunganrun;
DROP FUNCTION IF EXISTS penggajian_pembuat_bukan_pemeriksa();
DROP TRIGGER IF EXISTS penggajian_rungaji_pemeriksa ON penggajian_rungaji;
DROP FUNCTION IF EXISTS penggajian_run_pemeriksa_bukan_pembuat();
"""


class Migration(migrations.Migration):

    dependencies = [
        ('penggajian', '0013_rekap_opd'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PerhitunganRun',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('jenis', models.CharField(choices=[('hitung', 'Dihitung'), ('hanya_galat', 'Hitung ulang yang gagal')], max_length=12, verbose_name='jenis')),
                ('pada', models.DateTimeField(verbose_name='pada')),
                ('dihitung_oleh', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('run', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='perhitungan', to='penggajian.rungaji')),
            ],
            options={
                'verbose_name': 'perhitungan run gaji',
                'verbose_name_plural': 'perhitungan run gaji',
                'ordering': ['run', 'pada'],
                'indexes': [models.Index(fields=['run', 'dihitung_oleh'], name='perhitunganrun_run_pembuat')],
            },
        ),
        migrations.RunSQL(ISI_SQL, migrations.RunSQL.noop),
        migrations.RunSQL(PEMBUAT_SQL, LEPAS_SQL),
    ]
