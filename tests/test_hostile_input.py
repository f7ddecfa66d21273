"""Hostile query strings never give a server error: every URL pattern of the URL conf, with its
path converters filled with real or hostile values, by every parameter its view takes (as
`web.parameters.accepts` declares it) or an admin changelist knows (search, ordering, page and
each list filter's parameters), with hostile values, as each role, on either database."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory
from django.urls import URLResolver, get_resolver, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projects.roles import ANALYSTS, EDITORS
from web.parameters import MAX_LENGTH

ROLES = ("anonymous", "analyst", "editor", "superuser")
NUMBERS = [
    "0", "-1", "1.5", "1e309", "nan", "2007", "9223372036854775807", "9223372036854775808",
    "-9223372036854775809", "18446744073709551616", str(10**30), str(-(10**30)),
]  # fmt: skip
WORDS = ["", " ", "yes", "year", "-amount", "region", "csv", "ü", "'; --", "%", "CETS No. 197"]
HOSTILE = st.one_of(
    st.sampled_from(NUMBERS + WORDS),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.sampled_from(["\x00", "1\x00", "a\x00b", "\x1b[0m", "x" * (MAX_LENGTH + 1)]),
    st.text(max_size=12),
)
EXTRA = ["nonsense", "page", "format", "sort"]  # names no page or only some pages take
SEGMENTS = {
    "int": st.one_of(st.just("1"), st.sampled_from(NUMBERS[6:10]), st.integers(0, 10**25).map(str)),
    "slug": st.sampled_from(["region", "measure", "year", "no-such-thing", "x" * 300]),
    "str": st.sampled_from(["2006-2009", "2006", "x", "9" * 30 + "-1"]),
    "path": st.sampled_from(["x/", "1/", "%00/"]),
}


def routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


# The site's own pages; the admin's are walked through its registered models below.
PAGES = sorted(
    route for route in routes(get_resolver().url_patterns) if not route.startswith("admin/")
)


def fill(route, draw):
    """`route` with each converter replaced by a drawn segment."""
    return "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda match: draw(SEGMENTS[match[1] or "str"]), route)


@pytest.fixture
def clients(db, django_user_model, make_agreement, settings):
    # The IATI export answers 503 until its reporting organisation is configured: a setting,
    # not the query, so configure it and let the export meet the hostile queries.
    settings.IATI_REPORTING_ORG_REF = "NO-BRC-972417920"
    settings.IATI_REPORTING_ORG_NAME = "Norwegian Ministry of Foreign Affairs"
    settings.IATI_REPORTING_ORG_TYPE = "10"
    make_agreement(amounts={2007: 1000, 2008: 2000})
    analyst = django_user_model.objects.create_user("ana")
    analyst.groups.add(Group.objects.get(name=ANALYSTS))
    editor = django_user_model.objects.create_user("eddie", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    boss = django_user_model.objects.create_superuser("boss", password=None)
    clients = {}
    for role, user in zip(ROLES, (None, analyst, editor, boss), strict=True):
        clients[role] = Client(raise_request_exception=False)
        if user:
            clients[role].force_login(user)
    return clients


def page_parameters(url):
    """The parameters the view behind `url` takes (none where it declares none)."""
    try:
        view = resolve(url.split("?")[0]).func
    except Exception:  # a hostile segment that matches no pattern: any names will do
        return []
    return sorted(getattr(view, "parameters", ()))


def assert_no_server_error(client, url, query):
    response = client.get(url, query)
    assert response.status_code < 500, (url, query, response.status_code)
    return response


HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@HYPOTHESIS
@given(data=st.data())
def test_no_page_gives_a_server_error_for_a_hostile_query(clients, data):
    url = fill(data.draw(st.sampled_from(PAGES), label="route"), data.draw)
    names = page_parameters(url) + EXTRA
    query = data.draw(
        st.dictionaries(st.sampled_from(names), st.lists(HOSTILE, min_size=1, max_size=3)),
        label="query",
    )
    role = data.draw(st.sampled_from(ROLES), label="role")
    assert_no_server_error(clients[role], url, query)


@pytest.mark.parametrize("value", ["1\x00", str(10**30), "-1", "x" * 300, "nan"])
def test_every_page_takes_every_parameter_with_a_hostile_value(clients, value):
    for route in PAGES:
        url = fill(route, lambda strategy: "1" if strategy is SEGMENTS["int"] else "region")
        for name in page_parameters(url) or ["nonsense"]:
            assert_no_server_error(clients["superuser"], url, {name: value})


def changelist_parameters(model_admin, superuser):
    """The changelist's own parameters and those of each of its list filters."""
    request = RequestFactory().get("/")
    request.user = superuser
    changelist = model_admin.get_changelist_instance(request)
    names = ["q", "o", "p", "e", "all", "_to_field", "nonsense"]
    for spec in changelist.filter_specs:
        names.extend(spec.expected_parameters())
    return names


CHANGELISTS = sorted(
    (f"/admin/{model._meta.app_label}/{model._meta.model_name}/", model)
    for model in admin.site._registry
)


@HYPOTHESIS
@given(data=st.data())
def test_no_admin_changelist_gives_a_server_error_for_a_hostile_query(
    clients, django_user_model, data
):
    url, model = data.draw(st.sampled_from(CHANGELISTS), label="changelist")
    boss = django_user_model.objects.get(username="boss")
    names = changelist_parameters(admin.site._registry[model], boss)
    query = data.draw(
        st.dictionaries(st.sampled_from(names), st.lists(HOSTILE, min_size=1, max_size=2)),
        label="query",
    )
    role = data.draw(st.sampled_from(ROLES), label="role")
    assert_no_server_error(clients[role], url, query)


@pytest.mark.parametrize("value", ["1\x00", "x" * (MAX_LENGTH + 1)])
def test_a_nul_byte_or_an_overlong_value_is_refused_with_a_message(clients, value):
    for url in ["/breakdowns/region/", "/admin/projects/project/", "/accounts/login/"]:
        response = clients["superuser"].get(url, {"q": value})
        assert response.status_code == 400
        assert "The parameter" in response.content.decode()


def test_an_unknown_or_repeated_parameter_is_refused_not_ignored(clients):
    client = clients["superuser"]
    response = client.get("/breakdowns/region/", {"yaer_from": "2007"})
    assert response.status_code == 400
    assert "This page has no parameter" in response.content.decode()
    response = client.get("/breakdowns/region/?year_from=2006&year_from=2008")
    assert response.status_code == 400
    assert "given more than once" in response.content.decode()
    assert client.get("/breakdowns/region/?status=planned&status=disbursed").status_code == 200
