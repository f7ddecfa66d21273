"""Template context every page gets: whether demo data is loaded (the banner)."""

from django.utils.functional import SimpleLazyObject

from projects.models import Project


def demo_data(request):
    """`demo_loaded` for the banner: evaluated (one EXISTS query) only where a template asks."""
    return {"demo_loaded": SimpleLazyObject(lambda: Project.objects.exclude(demo="").exists())}
