from django.apps import AppConfig


class InternationalConfig(AppConfig):
    name = "international"
    verbose_name = "International framework"

    def load_reference(self, apps):
        """Instruments and states' statuses from fixtures/reference/ (manage.py load_reference)."""
        from . import reference

        reference.load(apps)
