"""One page to enter a project whole (issue 16): the project, its measure shares, and its
agreements each with its yearly amounts, validated together and saved in one transaction.

The admin cannot nest inlines (an agreement's amounts inside the project's agreements), so this
is a page of its own: Django formsets, one per agreement for its amounts, nested by prefix
(`agreements-0-amounts-…`). Rows are added without JavaScript: an "Add another …" button posts
the page, which comes back with one more blank row and nothing saved. Funding serves it because
yearly amounts are funding's; the admin's project pages link to it.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms import inlineformset_factory
from django.forms.utils import ErrorDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from history.locking import SeenVersionForm
from measures.models import Measure
from projects.forms import AgreementFormSet, MeasureShareFormSet, kept_forms
from projects.models import AdministeringUnit, Agreement, Project, ProjectMeasure
from projects.unit_admin import checked_form, checked_formset

from .models import EditConflict, YearlyAmount, refusal
from .refresh import facts_refresh

BLANK_AMOUNTS = 3  # blank yearly-amount rows a new agreement starts with
# Caps on the rows one post may hold (issue 30, row 11: 40 agreements by 2 000 amount rows tied a
# worker for 60 s): forms beyond them are never built, and the page says so.
MAX_AGREEMENTS = 40
MAX_AMOUNTS = 60  # an agreement has one amount a year
CLOSED_YEAR_TRIGGER = "closed reporting year cannot be created"  # funding/migrations/0016


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["title", "channel", "recipient", "objective", "description", "source"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class AmountForm(SeenVersionForm):
    """A yearly amount with the version it was shown at (history/locking.py): a change of an
    amount someone saved meanwhile is refused naming their value, and the save itself is
    UPDATE … WHERE version = seen; an amount of a closed year is refused."""

    class Meta:
        model = YearlyAmount
        fields = ["year", "amount", "status"]

    def clean(self):
        old_year = self.instance.year if self.instance.pk else None
        if self.has_changed() and (message := refusal(self.cleaned_data.get("year"), old_year)):
            raise ValidationError(message, code="closed_year")
        return super().clean()


class AmountFormSet(forms.BaseInlineFormSet):
    """An agreement's yearly amounts: one amount per year (the error is shown on the year)."""

    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "An agreement takes at most %(num)d yearly amount on this page; nothing was saved.",
            "An agreement takes at most %(num)d yearly amounts on this page; nothing was saved.",
            "num",
        )
    }

    def get_queryset(self):
        # The agreements were fetched with their amounts: no query per agreement.
        if self.instance.pk is None:
            return YearlyAmount.objects.none()
        return self.instance.amounts.all()

    def clean(self):
        years = set()
        for form in kept_forms(self):
            year = form.cleaned_data.get("year")
            if year in years:
                form.add_error("year", _("%(year)s is entered twice.") % {"year": year})
            years.add(year)
        super().clean()
        deleted = [form for form in self.deleted_forms if form.instance.pk]
        if message := refusal(*(form.instance.year for form in deleted)):
            raise ValidationError(message, code="closed_year")
        for form in deleted:  # deleted as shown, or refused (YearlyAmount.delete())
            form.instance.seen_version = form.cleaned_data.get("seen_version") or 0


class AgreementForm(SeenVersionForm):
    """An agreement with the version it was shown at (history/locking.py)."""

    class Meta:
        model = Agreement
        fields = ["number", "unit", "first_year", "last_year"]


class EntryAgreementFormSet(AgreementFormSet):
    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "This page takes at most %(num)d agreement of a project; nothing was saved.",
            "This page takes at most %(num)d agreements of a project; nothing was saved.",
            "num",
        )
    }


CAPPED = {"validate_max": True}


ShareForms = inlineformset_factory(
    Project, ProjectMeasure, formset=MeasureShareFormSet, fields=["measure", "share"], extra=1
)
AgreementForms = inlineformset_factory(
    Project,
    Agreement,
    form=AgreementForm,
    formset=EntryAgreementFormSet,
    extra=1,
    max_num=MAX_AGREEMENTS,
    absolute_max=MAX_AGREEMENTS,
    **CAPPED,
)
AMOUNT_FORMS = {
    "form": AmountForm,
    "formset": AmountFormSet,
    "max_num": MAX_AMOUNTS,
    "absolute_max": MAX_AMOUNTS,
    **CAPPED,
}
AmountForms = inlineformset_factory(Agreement, YearlyAmount, extra=0, **AMOUNT_FORMS)
NewAmountForms = inlineformset_factory(  # a new agreement's first blank rows
    Agreement, YearlyAmount, extra=BLANK_AMOUNTS, **AMOUNT_FORMS
)


def measure_choices():
    """The measures as choices grouped by plan: one query for every row's list."""
    groups = {}
    for measure in Measure.objects.select_related("plan").order_by("plan__start_year", "number"):
        groups.setdefault(str(measure.plan), []).append((measure.pk, str(measure)))
    return [("", "---------"), *groups.items()]


def unit_choices():
    return [("", "---------"), *((u.pk, str(u)) for u in AdministeringUnit.objects.all())]


def with_one_more(data, prefix):
    """A copy of posted formset data with one more (blank) row in the formset `prefix`."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    total = data.get(key, "")
    if total.isdigit():
        data[key] = str(int(total) + 1)
    return data


class ProjectEntry:
    """The bound (or blank) forms of one project: `project`, `shares`, `agreements`, and
    `amounts[i]` for the i-th agreement row."""

    def __init__(self, project=None, data=None, add="", user=None):
        """`user` (a unit editor) may change only their own units' agreements and amounts
        (projects.units); every row they changed is checked."""
        project = project or Project()
        if add and data is not None:
            data = with_one_more(data, add)
        self.user = user
        self.project = checked_form(ProjectForm, user)(data, instance=project)
        self.shares = ShareForms(data, instance=project, prefix="shares")
        agreements = Agreement.objects.select_related("unit").prefetch_related("amounts")
        self.agreements = checked_formset(AgreementForms, user)(
            data, instance=project, prefix="agreements", queryset=agreements
        )
        self.amounts = [self.agreement_amounts(form, data) for form in self.agreements.forms]
        self.name_choices()
        if add:  # a row was added: the page comes back as posted, not yet checked
            for form in self.forms():
                form._errors, form.cleaned_data = ErrorDict(), {}
            for formset in self.formsets():
                formset._errors, formset._non_form_errors = [], formset.error_class()

    def agreement_amounts(self, form, data):
        prefix = f"{form.prefix}-amounts"
        if data is not None and f"{prefix}-TOTAL_FORMS" in data:
            return checked_formset(AmountForms, self.user)(
                data, instance=form.instance, prefix=prefix
            )
        forms = AmountForms if form.instance.pk else NewAmountForms
        return forms(instance=form.instance, prefix=prefix)

    def name_choices(self):
        """One query per list of choices, shared by every row."""
        measures, units = measure_choices(), unit_choices()
        for form in self.shares.forms:
            form.fields["measure"].choices = measures
        for form in self.agreements.forms:
            form.fields["unit"].choices = units

    def formsets(self):
        return [self.shares, self.agreements, *self.amounts]

    def forms(self):
        return [self.project, *(form for formset in self.formsets() for form in formset.forms)]

    @property
    def has_errors(self):
        forms_wrong = any(form.errors for form in self.forms())
        return forms_wrong or any(formset.non_form_errors() for formset in self.formsets())

    def rows(self):
        """Each agreement form with its amounts, for the template."""
        return list(zip(self.agreements.forms, self.amounts, strict=True))

    def is_valid(self):
        # The agreements first: an amount's year is checked against its agreement's period,
        # which the agreement's form has then set from the posted values.
        valid = self.project.is_valid() & self.shares.is_valid() & self.agreements.is_valid()
        for form, amounts in self.rows():
            if self.is_dropped(form):
                continue
            valid &= amounts.is_valid()
            kept = amounts.is_bound and kept_forms(amounts)  # unbound: a row beyond the cap
            if form.instance.pk is None and not form.has_changed() and kept:
                form.add_error("unit", _("Fill in the agreement before its yearly amounts."))
            valid &= form.is_valid()
        return bool(valid) and self.closed_amounts_kept()

    def closed_amounts_kept(self):
        """Refuse dropping an agreement that holds an amount of a closed year."""
        kept = True
        for form in self.agreements.forms:
            if form.instance.pk and self.is_dropped(form):
                years = [amount.year for amount in form.instance.amounts.all()]
                if message := refusal(*years):
                    form.add_error(None, message)
                    kept = False
        return kept

    def is_dropped(self, form):
        return self.agreements._should_delete_form(form)

    def save(self):
        """Save everything or nothing; the history records the request's user (simple-history's
        middleware), as for an edit in the admin; then the funding facts of the project's
        agreements, those it had before included. None when an amount was saved by someone
        else since it was shown (the refusal is then on its row) or its year was closed
        meanwhile (the database's trigger, funding/migrations/0016)."""
        try:
            with transaction.atomic():
                before = set(self.agreements.get_queryset().values_list("pk", flat=True))
                project = self.save_all()
                facts_refresh(before | set(project.agreements.values_list("pk", flat=True)))
                return project
        except EditConflict as conflict:
            self.refuse(conflict)
        except IntegrityError as error:
            if CLOSED_YEAR_TRIGGER not in str(error):
                raise
            self.project.add_error(None, _("A year of these amounts was closed meanwhile."))
        return None

    def refuse(self, conflict):
        """Show an edit conflict on the row of the amount concerned."""
        current = conflict.current
        message = (
            current.conflict_message
            if current
            else _("Someone else deleted this amount while you edited it; nothing was saved.")
        )
        for formset in [self.agreements, *self.amounts]:
            for form in formset.forms:
                if form.instance is conflict.record:
                    form.data = form.data.copy()
                    form.data[form.add_prefix("seen_version")] = current.version if current else ""
                    form.add_error(None, message)
                    return
        self.project.add_error(None, message)

    def save_all(self):
        project = self.project.save()
        self.shares.save()
        self.agreements.save()
        for form, amounts in self.rows():
            if form.instance.pk and not self.is_dropped(form):
                amounts.instance = form.instance
                amounts.save()
        return project
