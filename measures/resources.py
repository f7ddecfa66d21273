"""Measures in and out of the admin as CSV or XLSX (django-import-export): each measure by its
plan's period and number, with its title, goal (by number) and lead ministry (by name). The
import changes recorded measures only: a plan's measures are numbered by the plan itself.
See history.resources for what every reference import shares, docs/import-format.md for the
file."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from history.resources import ReferenceResource
from history.widgets import NaturalKey, Text, Whole, folded, text

from .models import Goal, Measure, Ministry, Plan


class GoalOfPlan(NaturalKey):
    """A goal by its number within the row's plan."""

    def __init__(self):
        super().__init__(
            Goal, key=lambda goal: (goal.plan.period, goal.number), label=gettext_lazy("goal")
        )

    def load(self):
        goals = Goal.objects.select_related("plan")
        self.records = {(folded(g.plan.period), g.number): g for g in goals}

    def clean(self, value, row=None, **kwargs):
        cell = text(value)
        if not cell:
            return None
        plan = text((row or {}).get("Plan"))
        found = self.records.get((folded(plan), int(cell) if cell.isdigit() else cell))
        if found is None:
            raise ValueError(
                _("The plan %(plan)s has no goal %(goal)s.") % {"plan": plan, "goal": repr(cell)}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        return str(value.number) if value is not None else ""


class MeasureResource(ReferenceResource):
    plan = fields.Field("plan", "Plan", NaturalKey(Plan, key=lambda plan: plan.period))
    number = fields.Field("number", "Number", Whole())
    title = fields.Field("title", "Title", Text())
    goal = fields.Field("goal", "Goal", GoalOfPlan())
    lead_ministry = fields.Field("lead_ministry", "Lead ministry", NaturalKey(Ministry))

    allow_new = False

    class Meta(ReferenceResource.Meta):
        model = Measure
        name = "Measures (Plan, Number, Title, Goal, Lead ministry)"
        fields = ["plan", "number", "title", "goal", "lead_ministry"]
        import_id_fields = ["plan", "number"]

    def get_queryset(self):
        return Measure.objects.select_related("plan", "goal", "lead_ministry")
