"""Thin views of the kinerja app, one module per audience: periode (Admin BKD), skp (the employee),
tim (the atasan), talenta (9-box), survei (public form), dokumen (PDFs)."""
