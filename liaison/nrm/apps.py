from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NrmConfig(AppConfig):
    name = "liaison.nrm"
    label = "nrm"
    verbose_name = _("National referral mechanism")
