"""Performance management under PP 30/2019 and PermenPANRB 6/2022.

A `PeriodeKinerja` is one year with periodic evaluations (monthly or quarterly). Each employee has at
most one `SKP` per year (plan: hasil kerja rows with indicators, cascading to the atasan's rows, plus the
7 BerAKHLAK values with the atasan's expectations). Evaluations are `Penilaian` rows keyed by
(pegawai, tahun, periode) as in CONTRACT.md: two ratings → predikat by `MatriksPredikat` (data, never
code). A `PenutupanPeriode` (Celery) freezes one evaluation period for everyone.

Rule tables (matrix, distribution curve, 9-box, credit points, potential thresholds) are effective-dated
rows with their legal basis, seeded from `kinerja/data/*.csv` by a data migration.
"""

from .pelaksanaan import *  # noqa: F403
from .pelaksanaan import bukti_upload_to  # noqa: F401 - referenced by migration 0001
from .penilaian import *  # noqa: F403
from .perencanaan import *  # noqa: F403
from .rujukan import *  # noqa: F403
from .rujukan import (  # noqa: F401 - module constants used across the app
    PERIODE_BULAN,
    PERIODE_SEMUA,
    PERIODE_TAHUNAN,
    PERIODE_TRIWULAN,
    periode_label,
)
