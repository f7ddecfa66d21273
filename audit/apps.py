from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit trail"

    def ready(self):
        from . import history  # noqa: F401  (connects the import-run stamp to simple-history)
