from django.apps import AppConfig


class BreakdownsConfig(AppConfig):
    name = "breakdowns"
    verbose_name = "Breakdowns"
