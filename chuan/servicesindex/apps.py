from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesIndexConfig(AppConfig):
    name = "chuan.servicesindex"
    label = "servicesindex"
    verbose_name = _("Service index (decision 766)")
