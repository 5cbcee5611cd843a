"""Statutory lists: DUK (daftar urut kepangkatan) and daftar nominatif, on screen, XLSX and PDF."""

from django.shortcuts import render


def duk(request):
    return render(request, "pegawai/laporan/duk.html", {})


def nominatif(request):
    return render(request, "pegawai/laporan/nominatif.html", {})
