"""A project's DAC purpose code at input (projects/purpose_codes.py): a code that is not one is
refused with the codes it may have meant, a withdrawn one is saved with a warning."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.forms import modelform_factory

from projects.models import Project
from projects.purpose_codes import purpose_code_error, purpose_code_warning, purpose_codes

PublicSector = "15110 (Public sector policy and administrative management)"


def post_change(client, project, purpose_code):
    """The admin's project page posted with `purpose_code`, everything else as it was."""
    url = f"/admin/projects/project/{project.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "measures"}
    data.update(channel=project.channel_id, recipient=project.recipient_id)
    data["purpose_code"] = purpose_code
    for prefix in ("measure_shares", "agreements"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    return client.post(url, data)


def test_the_codes_come_from_the_reference_list_with_their_status():
    codes = purpose_codes()
    assert str(codes["15180"]) == "15180 (Ending violence against women and girls)"
    assert (codes["15180"].category, codes["15180"].withdrawn) == ("151", False)
    assert codes["15162"].withdrawn


def test_the_admin_refuses_an_unknown_code_and_suggests_the_nearest(superuser_client, make_project):
    project = make_project(measures=())
    response = post_change(superuser_client, project, "15100")
    assert response.status_code == 200  # the form again, with the error
    assert (
        f"15100 is not a DAC purpose code; did you mean {PublicSector}, 15130 (Legal and judicial "
        "development) or 15150 (Democratic participation and civil society)?"
    ) in response.content.decode()
    assert Project.objects.get(pk=project.pk).purpose_code == ""


def test_the_admin_saves_a_withdrawn_code_with_a_warning(superuser_client, make_project):
    project = make_project(measures=())
    response = post_change(superuser_client, project, "15162")
    assert response.status_code == 302
    assert Project.objects.get(pk=project.pk).purpose_code == "15162"
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert warnings == [
        "15162 (Human rights) is a withdrawn DAC purpose code; use an active one, e.g. 15160 "
        "(Human rights)."
    ]


def test_the_admin_saves_an_active_code_without_a_warning(superuser_client, make_project):
    project = make_project(measures=())
    response = post_change(superuser_client, project, "15190")
    assert Project.objects.get(pk=project.pk).purpose_code == "15190"
    assert [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"] == []


@pytest.mark.parametrize(
    ("value", "valid"), [("15190", True), ("15162", True), ("", True), ("15100", False)]
)
def test_a_model_form_takes_known_codes_only(make_project, value, valid):
    form_class = modelform_factory(Project, fields=["purpose_code"])
    form = form_class({"purpose_code": value}, instance=make_project(measures=()))
    assert form.is_valid() == valid
    if not valid:
        assert form.errors["purpose_code"][0].startswith(
            f"15100 is not a DAC purpose code; did you mean {PublicSector}"
        )


def test_the_model_refuses_an_unknown_code_whatever_saves_it(make_project):
    project = make_project(measures=())
    project.purpose_code = "1519"
    with pytest.raises(ValidationError) as refused:
        project.full_clean()
    (message,) = refused.value.message_dict["purpose_code"]
    assert message.startswith(
        "1519 is not a DAC purpose code; did you mean 15190 (Facilitation of orderly, safe, "
        "regular and responsible migration and mobility)"
    )


@pytest.mark.parametrize(
    ("value", "meant"),
    [
        ("15910", "15210 (Security system management and reform), 15190 (Facilitation"),
        ("human rights", "15160 (Human rights)?"),
        ("violence against women", "15180 (Ending violence against women and girls)?"),
        ("migratoin", "15136 (Immigration)"),
    ],
)
def test_the_suggestions_go_by_digits_or_by_name(value, meant):
    assert purpose_code_error(value).startswith(
        f"{value} is not a DAC purpose code; did you mean {meant}"
    )


def test_nothing_is_suggested_when_nothing_is_near():
    assert purpose_code_error("trafikk") == "trafikk is not a DAC purpose code"


def test_an_active_or_blank_code_has_neither_error_nor_warning():
    for value in ("15190", "", None):
        assert purpose_code_error(value) is None
        assert purpose_code_warning(value) is None
