from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "history"
    verbose_name = "History"

    def ready(self):
        from . import versions

        versions.connect()
