"""The review of what goes into the report: an effort or a report text is a draft, is submitted
by whoever may change it (a unit editor for their own units' efforts), and is approved or
returned with a comment by the coordinating section. Only approved ones reach the final report;
the draft report shows them all, each marked with its state.

A plain field with guarded transitions rather than django-fsm-2: four states and four moves fit
in `review()`, the history (django-simple-history, which every save of these models writes)
keeps who moved a record and when, and a plain field stays editable by the importers, the
demo loader and data migrations without the library's protected-field rules.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.units import is_coordinator, refusal


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


class Move(models.TextChoices):
    SUBMIT = "submit", _("Submit for review")
    APPROVE = "approve", _("Approve")
    RETURN = "return", _("Return with a comment")


# From which states each move goes, and where to.
MOVES = {
    Move.SUBMIT: ({ReviewState.DRAFT, ReviewState.RETURNED}, ReviewState.SUBMITTED),
    Move.APPROVE: ({ReviewState.SUBMITTED}, ReviewState.APPROVED),
    Move.RETURN: ({ReviewState.SUBMITTED, ReviewState.APPROVED}, ReviewState.RETURNED),
}
# Fields whose change is the coordinator's arranging of the report, not a new version of the
# content: changing only these leaves an approved record approved.
ARRANGING = {"order"}


class ReviewedQuerySet(models.QuerySet):
    def approved(self):
        """Those approved by the coordinating section."""
        return self.filter(review_state=ReviewState.APPROVED)

    def in_report(self, draft):
        """What a report shows: all of them in the draft, the approved ones in the final."""
        return self if draft else self.approved()


class Reviewed(models.Model):
    """An abstract base: the review's state and the coordinator's comment on a return."""

    State = ReviewState

    review_state = models.CharField(
        _("review"),
        max_length=10,
        choices=ReviewState.choices,
        default=ReviewState.DRAFT,
        help_text=_("Only approved ones appear in the final report."),
    )
    review_comment = models.TextField(
        _("review comment"),
        blank=True,
        help_text=_("Why the coordinating section returned it, and what to correct."),
    )

    class Meta:
        abstract = True

    def review(self, move, *, by, comment=""):
        """Make `move` as user `by`, or raise ValidationError saying why it cannot be made."""
        sources, target = MOVES[move]
        if self.review_state not in sources:
            message = _("“%(record)s” is %(state)s; “%(move)s” is for one that is %(sources)s.")
            raise ValidationError(
                message
                % {
                    "record": self,
                    "state": self.get_review_state_display().lower(),
                    "move": Move(move).label,
                    "sources": _(" or ").join(sorted(str(s.label).lower() for s in sources)),
                }
            )
        if move == Move.SUBMIT:
            why = refusal(by, self)
            if why:
                raise ValidationError(why)
        elif not is_coordinator(by):
            raise ValidationError(_("Only the coordinating section approves and returns."))
        if move == Move.RETURN and not comment.strip():
            raise ValidationError(_("Say what to correct: a return needs a comment."))
        self.review_state = target
        self.review_comment = comment.strip() if move == Move.RETURN else ""
        self._change_reason = f"{move}: {comment.strip()}"[:100] if comment else str(move)
        self.save(update_fields=["review_state", "review_comment"])

    def reopen_if_approved(self, changed_fields):
        """An approved record whose content was edited goes back to submitted (unsaved)."""
        if self.review_state == ReviewState.APPROVED and set(changed_fields) - ARRANGING:
            self.review_state = ReviewState.SUBMITTED
