from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Projects and partners"

    def load_reference(self, apps):
        """Geography, the organisation register and units (manage.py load_reference)."""
        from . import reference

        reference.load(apps)
        reference.load_register(apps)
        reference.load_earlier_names(apps)
        reference.load_norwegian_names(apps)
