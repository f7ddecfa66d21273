"""The filter form every filtered page shares (web/filters.py): its select lists."""

from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from breakdowns.filters import FundingFilter
from projects.models import Channel


def rendered(data):
    return str(FundingFilter(data, queryset=None).form)


def test_each_reference_list_is_one_plain_query(db):
    """No server-side cursor (DECLARE … WITH HOLD on PostgreSQL): one query a list."""
    form = FundingFilter({}, queryset=None).form
    lists = [f for f in form.fields.values() if isinstance(f, forms.ModelChoiceField)]
    with CaptureQueriesContext(connection) as queries:
        str(form)
    statements = [query["sql"] for query in queries.captured_queries]
    assert len(lists) >= 5 and len(statements) == len(lists)
    assert not [sql for sql in statements if sql.startswith("DECLARE")]


def test_options_are_escaped_and_the_chosen_ones_selected(db):
    Channel.objects.create(name='Save <the> "children" & co')
    html = rendered({"channel": ['Save <the> "children" & co']})
    option = (
        '<option value="Save &lt;the&gt; &quot;children&quot; &amp; co" selected>'
        "Save &lt;the&gt; &quot;children&quot; &amp; co</option>"
    )
    assert option in html
    assert "<the>" not in html


def list_queries(client, url):
    """The queries `url` runs that read the filter form's lists of channels (the channel and
    the organisation family)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    channels = connection.ops.quote_name("projects_channel")
    lists = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    return response, [sql for sql in lists if f"FROM {channels}" in sql and "WHERE" not in sql]


def test_the_reference_lists_are_read_once_per_data_version(superuser_client):
    """Every breakdown shows the same lists: a second page (another query string) at the same
    data version takes them from memory; a change to a record shows on the very next page."""
    _, first = list_queries(superuser_client, "/breakdowns/region/")
    _, second = list_queries(superuser_client, "/breakdowns/country/?year_from=2001")
    assert len(first) == 2 and second == []
    channel = Channel.objects.get(name="Save the Children Norway")
    channel.name = "Save the Children Norge"
    channel.save()  # a new data version (history.versions)
    response, third = list_queries(superuser_client, "/breakdowns/channel/?year_from=2002")
    assert len(third) == 2
    assert '<option value="Save the Children Norge">' in response.content.decode()


def test_outside_a_cached_page_the_lists_are_read_each_time(db):
    """Without a data version (a form built outside web.caching) nothing is kept."""
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            rendered({})
        assert len(queries.captured_queries) >= 5


def test_the_code_s_choice_lists_are_kept_in_each_language(superuser_client):
    """The lists written in the code (stages, objectives) are kept per data version as well,
    in each language: a page in Norwegian at the same version shows them in Norwegian, and the
    chosen option stays selected whichever page marks it."""
    english = superuser_client.get("/breakdowns/region/?status=planned", HTTP_ACCEPT_LANGUAGE="en")
    norwegian = superuser_client.get("/breakdowns/unit/", HTTP_ACCEPT_LANGUAGE="nb")
    again = superuser_client.get("/breakdowns/country/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<option value="planned" selected>Planned</option>' in english.content.decode()
    assert '<option value="planned">Planlagt</option>' in norwegian.content.decode()
    assert '<option value="planned">Planned</option>' in again.content.decode()


def test_an_unused_list_filter_is_left_out_without_compiling_a_query(db):
    """An empty choice of records is an empty list, not an empty queryset, whose truth
    django-filter would otherwise test by compiling its SQL."""
    f = FundingFilter({"objective": "main"}, queryset=None)
    assert f.is_valid()
    assert f.form.cleaned_data["channel"] == []
    assert f.form.cleaned_data["country"] == []


def test_the_boxes_are_written_as_django_writes_them_and_escaped(db):
    """The year boxes and the search box come from Python (web.filters.QuickInputMixin): the
    same markup as Django's input template, the value and attributes escaped."""
    from projects.filters import ProjectFilter

    html = str(ProjectFilter({"q": "<b>\"Bosnia\" & 'co'"}, queryset=None).form)
    escaped = "&lt;b&gt;&quot;Bosnia&quot; &amp; &#x27;co&#x27;"
    assert f'<input type="text" name="q" value="{escaped}"' in html
    assert "<b>" not in html
    form = FundingFilter({"year_from": "2001"}, queryset=None).form
    html = str(form)
    assert '<input type="number" name="year_from" value="2001" min="1990" max="2100"' in html
    template = forms.NumberInput(attrs={"min": 1990, "max": 2100, "id": "id_y", "required": True})
    quick = type(form.fields["year_from"].widget)(attrs=template.attrs)
    assert quick.render("y", 2001) == template.render("y", 2001)
    assert quick.render("y", None) == template.render("y", None)
