from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = "Plans of action and measures"

    def load_reference(self, apps):
        """Plans, goals, ministries and measures (manage.py load_reference)."""
        from . import reference

        reference.load(apps)
        reference.load_responsibilities(apps)
