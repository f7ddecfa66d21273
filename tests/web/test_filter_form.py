"""The filter form every filtered page shares (web/filters.py): its select lists."""

from breakdowns.filters import FundingFilter
from projects.models import Channel


def rendered(data):
    return str(FundingFilter(data, queryset=None).form)


def test_options_are_escaped_and_the_chosen_ones_selected(db):
    Channel.objects.create(name='Save <the> "children" & co')
    html = rendered({"channel": ['Save <the> "children" & co']})
    option = (
        '<option value="Save &lt;the&gt; &quot;children&quot; &amp; co" selected>'
        "Save &lt;the&gt; &quot;children&quot; &amp; co</option>"
    )
    assert option in html
    assert "<the>" not in html
