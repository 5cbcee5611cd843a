"""Browser imports: template download, upload, preview with every row error, confirm."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from . import permissions


def impor_index(request):
    if not permissions.can_import_data(request.user):
        raise PermissionDenied
    return render(request, "pegawai/impor/index.html", {})
