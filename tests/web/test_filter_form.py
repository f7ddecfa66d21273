"""The filter form every filtered page shares (web/filters.py): its select lists."""

from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from funding.breakdowns.filters import FundingFilter
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
