from .aturan import (
    PERSEN,
    RUPIAH,
    AturanGaji,
    AturanTpp,
    GajiPokok,
    KodePotonganTpp,
    PaguTpp,
    PersenPredikatTpp,
    TabelGajiPokok,
    TunjanganFungsional,
    TunjanganStruktural,
)
from .run import GalatSlip, KenaikanGajiBerkala, RekapKehadiran, RunGaji, Slip, bulan_label

__all__ = [
    "PERSEN",
    "RUPIAH",
    "AturanGaji",
    "AturanTpp",
    "GajiPokok",
    "GalatSlip",
    "KenaikanGajiBerkala",
    "KodePotonganTpp",
    "PaguTpp",
    "PersenPredikatTpp",
    "RekapKehadiran",
    "RunGaji",
    "Slip",
    "TabelGajiPokok",
    "TunjanganFungsional",
    "TunjanganStruktural",
    "bulan_label",
]
