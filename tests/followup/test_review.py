"""The review of efforts and report texts (followup/models/review.py, followup/review_admin.py):
draft → submitted → approved, or returned with a comment; only approved ones in the final
report; an edit of an approved one sends it back to submitted."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from followup.models import Effort, Move, ReportText
from followup.report import build_report
from projects.models import AdministeringUnit
from projects.roles import EDITORS, UNIT_EDITORS, sync_roles

CHANGELIST = "/admin/followup/effort/"


@pytest.fixture
def embassy(db, django_user_model):
    sync_roles()
    user = django_user_model.objects.create_user("hanoi", is_staff=True)
    user.groups.add(Group.objects.get(name=UNIT_EDITORS))
    AdministeringUnit.objects.get(name="Embassy in Hanoi").members.add(user)
    return user


@pytest.fixture
def coordinator(db, django_user_model):
    sync_roles()
    user = django_user_model.objects.create_user("section", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def draft(make_effort):
    unit = AdministeringUnit.objects.get(name="Embassy in Hanoi")
    return make_effort(
        title="Seminar in Hanoi", narrative="A seminar.", unit=unit, review_state="draft"
    )


def report_text(draft=False):
    document = build_report(2007, draft=draft)
    return " ".join(str(vars(element)) for element in document.elements)


def act(client, user, action, records, comment=""):
    client.force_login(user)
    data = {"action": action, "_selected_action": [r.pk for r in records], "comment": comment}
    response = client.post(CHANGELIST, data, follow=True)
    return [str(m) for m in response.context["messages"]]


def test_a_new_effort_is_a_draft_shown_in_the_draft_report_only_and_marked(draft):
    assert draft.review_state == Effort.State.DRAFT
    assert "A seminar." not in report_text()
    draft_report = report_text(draft=True)
    assert "A seminar." in draft_report
    assert "Embassy in Hanoi, Draft)" in draft_report


def test_the_embassy_submits_the_section_returns_then_approves(client, embassy, coordinator, draft):
    assert act(client, embassy, "submit", [draft]) == ["Submit for review: done for 1."]
    draft.refresh_from_db()
    assert draft.review_state == "submitted"
    (refused,) = act(client, embassy, "approve", [draft])
    assert "Only the coordinating section approves and returns." in refused
    (refused,) = act(client, coordinator, "send_back", [draft])
    assert "a return needs a comment" in refused
    act(client, coordinator, "send_back", [draft], comment="Name the partner.")
    draft.refresh_from_db()
    assert (draft.review_state, draft.review_comment) == ("returned", "Name the partner.")
    act(client, embassy, "submit", [draft])
    act(client, coordinator, "approve", [draft])
    draft.refresh_from_db()
    assert (draft.review_state, draft.review_comment) == ("approved", "")
    assert "A seminar." in report_text()
    moves = draft.history.order_by("history_id").values_list(
        "review_state", "history_user__username", "history_change_reason"
    )
    assert list(moves)[-4:] == [
        ("submitted", "hanoi", "submit"),
        ("returned", "section", "return: Name the partner."),
        ("submitted", "hanoi", "submit"),
        ("approved", "section", "approve"),
    ]


def test_a_move_from_the_wrong_state_is_refused_saying_so(draft, coordinator):
    with pytest.raises(ValidationError, match="is draft; “Approve” is for one that is submitted"):
        draft.review(Move.APPROVE, by=coordinator)


def test_another_units_effort_cannot_be_submitted(client, embassy, make_effort):
    theirs = make_effort(
        title="Theirs",
        unit=AdministeringUnit.objects.get(name="Embassy in Tokyo"),
        review_state="draft",
    )
    (refused,) = act(client, embassy, "submit", [theirs])
    assert "belongs to Embassy in Tokyo" in refused
    theirs.refresh_from_db()
    assert theirs.review_state == "draft"


def test_editing_an_approved_effort_sends_it_back_to_submitted(client, embassy, draft):
    draft.review_state = "approved"
    draft.save()
    client.force_login(embassy)
    url = reverse("admin:followup_effort_change", args=[draft.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {}
    for field in form:
        value = field.value()
        if value not in (None, False):
            data[field.html_name] = [str(v) for v in value] if isinstance(value, list) else value
    data["narrative"] = "A seminar, corrected."
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.review_state == "submitted"
    assert "A seminar, corrected." not in report_text()


def test_reordering_an_approved_effort_leaves_it_approved(superuser_client, draft):
    draft.review_state = "approved"
    draft.save()
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(draft.pk),
        "form-0-order": "4",
        "_save": "Save",
    }
    assert superuser_client.post(CHANGELIST, data).status_code == 302
    draft.refresh_from_db()
    assert (draft.order, draft.review_state) == (4, "approved")


def test_only_approved_report_texts_are_in_the_final_report(db):
    ReportText.objects.create(year=2007, place="evaluation", body="Checked text.")
    assert "Checked text." not in report_text()
    assert "Checked text." in report_text(draft=True)
    ReportText.objects.update(review_state="approved")
    assert "Checked text." in report_text()
