"""`{% jinja "breakdowns/_filters.jinja" filter=f %}`: a Jinja2 partial (web/jinja2.py) inside a
Django template, for the pages that show the filter panel or a chart without being Jinja2
pages themselves."""

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def jinja(name, **context):
    return mark_safe(engines["jinja2"].get_template(name).render(context))  # rendered escaped
