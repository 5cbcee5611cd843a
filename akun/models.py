from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    """A login. The person behind it (if any) is pegawai.Pegawai.user."""

    history = HistoricalRecords(excluded_fields=["last_login", "password"], m2m_fields=["groups"])

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.get_full_name() or self.username
