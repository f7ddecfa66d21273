"""The permission matrix: every URL pattern of the URLconf, for each of anonymous, analyst,
editor (the coordinating section), a unit editor of the sample records' unit ("unit_own"), a
unit editor of another unit ("unit_other") and superuser, for GET and POST.

The expected outcomes come from RULES, keyed by URL name (fnmatch patterns). A page added
without a rule fails `test_every_url_pattern_has_a_rule`, naming the URL: add a rule for it.
Rules for pages that do not exist (yet) in the URLconf are never used.
"""

import fnmatch
import re
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, get_resolver, resolve
from django.utils import timezone

from followup.models import Effort, ReportHeading, ReportText
from funding.models import ClosedYear, ImportRun
from international.models import Instrument
from measures.models import Measure, MeasureStatus
from projects.models import AdministeringUnit, Project
from projects.roles import ANALYSTS, EDITORS, ROLE_APPS, UNIT_EDITORS

ROLES = ("anonymous", "analyst", "editor", "unit_own", "unit_other", "superuser")
OWN_UNIT, OTHER_UNIT = "West Balkans Section", "Embassy in Pretoria"


@dataclass(frozen=True)
class Outcome:
    """What a response must be: one of `statuses`, and where a redirect must go."""

    statuses: tuple
    redirect_to: str = ""
    label: str = ""
    exact: bool = False

    def matches(self, response):
        if response.status_code not in self.statuses:
            return False
        if self.redirect_to and response.status_code in (301, 302):
            location = response["Location"]
            return (
                location == self.redirect_to
                if self.exact
                else location.startswith(self.redirect_to)
            )
        return True

    def __str__(self):
        return self.label or "/".join(map(str, self.statuses))


OK = Outcome((200,), label="200")
LOGIN = Outcome((302,), "/accounts/login/", "redirect to the login page")
ADMIN_LOGIN = Outcome((302,), "/admin/login/", "redirect to the admin login")
ADMIN_INDEX = Outcome((302,), "/admin/", "redirect to the admin index", exact=True)
FORBIDDEN = Outcome((403,), label="403")
NOT_FOUND = Outcome((404,), label="404")
NOT_ALLOWED = Outcome((405,), label="405")
REDIRECT = Outcome((302,), label="a redirect")
HOME = Outcome((302,), "/", "redirect to the home page")
OK_OR_NOT_ALLOWED = Outcome((200, 405), label="200, or 405 where the view is GET-only")
LOGIN_OR_NOT_ALLOWED = Outcome((302, 405), "/accounts/login/", "login redirect or 405")
TO_PROJECT = Outcome((302,), "/projects/", "redirect to the project's page")
NOWHERE_TO_VIEW = Outcome((302, 404), label="404 (no page on the site) or a redirect to it")


@dataclass(frozen=True)
class Rule:
    """Expected outcomes by role; `post` defaults to `get`. `query` is added to the URL."""

    get: dict
    post: dict = field(default=None)
    query: str = ""
    positional: tuple = ()  # kwarg names that fill unnamed regex groups, in order

    def expected(self, method, role):
        table = self.get if method == "GET" or self.post is None else self.post
        return table[role]


def roles(anonymous, analyst, editor, superuser, unit_own=None, unit_other=None):
    """Unit editors get the editor's outcome unless told otherwise."""
    unit_own = unit_own or editor
    unit_other = unit_other or unit_own
    outcomes = (anonymous, analyst, editor, unit_own, unit_other, superuser)
    return dict(zip(ROLES, outcomes, strict=True))


def not_for_unit_editors(table):
    return {**table, "unit_own": FORBIDDEN, "unit_other": FORBIDDEN}


ANALYST_PAGE = Rule(
    get=roles(LOGIN, OK, OK, OK),
    post=roles(LOGIN_OR_NOT_ALLOWED, OK_OR_NOT_ALLOWED, OK_OR_NOT_ALLOWED, OK_OR_NOT_ALLOWED),
)
STAFF_ONLY = roles(ADMIN_LOGIN, ADMIN_LOGIN, OK, OK)
STAFF_GET_ONLY = Rule(get=STAFF_ONLY, post=roles(ADMIN_LOGIN, ADMIN_LOGIN, *[NOT_ALLOWED] * 2))
# Model pages of the admin: editors may use those of our apps (see `admin_model_rule`).
OURS = Rule(get=STAFF_ONLY)
OTHERS = Rule(get=roles(ADMIN_LOGIN, ADMIN_LOGIN, FORBIDDEN, OK))
# django-axes' logs are written by axes only: nobody adds to them.
READ_ONLY_LOG = Rule(get=roles(ADMIN_LOGIN, ADMIN_LOGIN, FORBIDDEN, FORBIDDEN))
IMPORT_PAGE = Rule(
    get=STAFF_ONLY,
    post=roles(ADMIN_LOGIN, ADMIN_LOGIN, Outcome((200, 302, 400)), Outcome((200, 302, 400))),
)

# First match wins: the specific before the general.
RULES = [
    ("healthz", Rule(get=roles(OK, OK, OK, OK), post=roles(*[NOT_ALLOWED] * 4))),
    ("login", Rule(get=roles(OK, OK, OK, OK))),  # POST without data: the form with errors
    ("logout", Rule(get=roles(*[NOT_ALLOWED] * 4), post=roles(*[LOGIN] * 4))),
    # The language switch, for everyone; without a page to return to, back to the home page.
    ("set_language", Rule(get=roles(*[HOME] * 4), post=roles(*[HOME] * 4))),
    ("overview", ANALYST_PAGE),
    ("breakdowns", ANALYST_PAGE),
    ("breakdown", ANALYST_PAGE),
    ("projects:list", ANALYST_PAGE),
    ("projects:detail", ANALYST_PAGE),
    # The one-page project entry (funding/entry.py): editors only; a POST without data shows
    # the form with its errors.
    ("projects:enter", Rule(get=roles(LOGIN, FORBIDDEN, OK, OK))),
    # A unit editor is sent to the project's page, told why, if the project is other units'.
    ("projects:edit", Rule(get=roles(LOGIN, FORBIDDEN, OK, OK, unit_other=TO_PROJECT))),
    ("international:*", ANALYST_PAGE),
    ("organisations:*", ANALYST_PAGE),
    ("published", ANALYST_PAGE),
    ("iati:*", ANALYST_PAGE),  # with the reporting organisation set (see `users`)
    ("reference:*", ANALYST_PAGE),
    # The public site is off unless PUBLIC_SITE (on: tests/public/test_public_site.py).
    ("public:*", Rule(get=roles(*[NOT_FOUND] * 4))),
    ("measures", ANALYST_PAGE),
    ("measure", ANALYST_PAGE),
    ("report", ANALYST_PAGE),
    (
        "latest_report",
        Rule(
            get=roles(LOGIN, REDIRECT, REDIRECT, REDIRECT),
            post=roles(LOGIN_OR_NOT_ALLOWED, *[NOT_ALLOWED] * 3),
        ),
    ),
    (
        "recent_changes",
        Rule(
            # Unit editors may read the histories of their own kind of records only.
            get=roles(LOGIN, FORBIDDEN, OK, OK, unit_own=FORBIDDEN),
            post=roles(LOGIN, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
        ),
    ),
    ("admin:index", Rule(get=STAFF_ONLY)),
    (
        "admin:login",
        Rule(
            get=roles(OK, OK, ADMIN_INDEX, ADMIN_INDEX),
            post=roles(OK, OK, OK, OK),  # without data: the form with errors
        ),
    ),
    (
        "admin:logout",
        # The admin sends whoever is not staff to its index; LOGOUT_REDIRECT_URL is the login.
        Rule(
            get=roles(ADMIN_INDEX, ADMIN_INDEX, NOT_ALLOWED, NOT_ALLOWED),
            post=roles(ADMIN_INDEX, ADMIN_INDEX, LOGIN, LOGIN),
        ),
    ),
    ("admin:password_change", Rule(get=STAFF_ONLY)),
    ("admin:password_change_done", STAFF_GET_ONLY),
    (
        "admin:autocomplete",
        Rule(
            get=STAFF_ONLY,
            post=STAFF_GET_ONLY.post,
            query="?app_label=projects&model_name=project&field_name=channel",
        ),
    ),
    ("admin:jsi18n", STAFF_GET_ONLY),
    ("admin:view_on_site", Rule(get=roles(ADMIN_LOGIN, ADMIN_LOGIN, *[NOWHERE_TO_VIEW] * 2))),
    ("admin:app_list", Rule(get=STAFF_ONLY)),  # app_label=projects
    ("admin:(unnamed) (?P<url>.*)$", Rule(get=roles(ADMIN_LOGIN, ADMIN_LOGIN, *[NOT_FOUND] * 2))),
    # django-import-export's pages (the importer's admin).
    # The confirm step only takes the preview's POST.
    # Unit editors may import project lists (of their own units' agreements: see
    # test_units.py), not reference tables.
    ("admin:funding_yearlyamount_import", IMPORT_PAGE),
    (
        "admin:*_process_import",
        Rule(get=STAFF_GET_ONLY.post, post=not_for_unit_editors(IMPORT_PAGE.post)),
    ),
    (
        "admin:*_import",
        Rule(get=not_for_unit_editors(STAFF_ONLY), post=not_for_unit_editors(IMPORT_PAGE.post)),
    ),
    ("admin:*_export", IMPORT_PAGE),
    # The importer's wide-layout downloads: editors (view permission) only, GET only.
    ("admin:funding_yearlyamount_export_*", STAFF_GET_ONLY),
    ("admin:axes_*_add", READ_ONLY_LOG),
    # Import runs are written by the importer only: a read-only log, like axes' ones.
    ("admin:funding_importrun_add", READ_ONLY_LOG),
    ("admin:funding_importrun_delete", READ_ONLY_LOG),
    # Closed years: superusers close (add) and reopen (with a reason); nobody edits or deletes
    # the record; editors may look.
    ("admin:funding_closedyear_add", OTHERS),
    ("admin:funding_closedyear_reopen", OTHERS),
    ("admin:funding_closedyear_delete", READ_ONLY_LOG),
    (
        "admin:funding_closedyear_change",
        Rule(get=STAFF_ONLY, post=roles(ADMIN_LOGIN, ADMIN_LOGIN, FORBIDDEN, FORBIDDEN)),
    ),
    (
        "admin:funding_importrun_change",
        Rule(get=STAFF_ONLY, post=roles(ADMIN_LOGIN, ADMIN_LOGIN, FORBIDDEN, FORBIDDEN)),
    ),
    # Saving a read-only log entry changes nothing and returns to the list.
    (
        "admin:axes_*_change",
        Rule(get=OTHERS.get, post=roles(ADMIN_LOGIN, ADMIN_LOGIN, FORBIDDEN, REDIRECT)),
    ),
    # A revert is a change: nobody changes a closed year's record.
    (
        "admin:funding_closedyear_simple_history",
        Rule(
            get=OURS.get,
            post=roles(ADMIN_LOGIN, ADMIN_LOGIN, *[FORBIDDEN] * 2),
            positional=("object_id", "version_id"),
        ),
    ),
    (
        "admin:*_simple_history",
        Rule(get=OURS.get, positional=("object_id", "version_id")),
    ),
    ("admin:*_changelist", "model"),
    ("admin:*_add", "model"),
    ("admin:*_change", "model"),
    ("admin:*_history", "model"),
    ("admin:*_delete", "model"),
    ("admin:auth_user_password_change", "model"),
    ("admin:(unnamed) */*/<path:object_id>/", "model-redirect"),
]


def walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        else:
            route = prefix + str(pattern.pattern)
            name = pattern.name or f"(unnamed) {route.split('/', 1)[-1] if namespace else route}"
            yield (f"{namespace}:{name}" if namespace else name), route


URLS = sorted(set(walk(get_resolver().url_patterns)))


def admin_model(route):
    """The model of an admin route "admin/<app>/<model>/…", or None."""
    parts = route.split("/")
    if len(parts) < 3 or parts[0] != "admin":
        return None
    try:
        model = apps.get_model(parts[1], parts[2])
    except (LookupError, ValueError):
        return None
    return model if model in admin.site._registry else None


def rule_for(key, route):
    for pattern, rule in RULES:
        if fnmatch.fnmatchcase(key, pattern):
            if rule in ("model", "model-redirect"):
                model = admin_model(route)
                if model is None:
                    continue
                if rule == "model-redirect":  # to the change page, which checks permissions
                    return Rule(get=roles(ADMIN_LOGIN, ADMIN_LOGIN, REDIRECT, REDIRECT))
                if model._meta.app_label not in ROLE_APPS:
                    return OTHERS
                return for_unit_editors(key, model, OURS)
            if key.endswith("_simple_history"):
                return for_unit_editors(key, admin_model(route), rule)
            return rule
    return None


def for_unit_editors(key, model, rule):
    """A page of one of our models, for unit editors: they read every record, and change the
    records of their own units (models with a UNIT_PATH: the sample rows are the own unit's),
    not another unit's, nor any other kind of record."""
    page = key.rsplit("_", 1)[-1]  # changelist, add, change, delete, history
    if key.endswith("_simple_history"):
        page = "change"  # a revert is a change
    if page in ("changelist", "history"):
        return rule
    get, post = dict(rule.get), dict(rule.post or rule.get)
    if not hasattr(model, "UNIT_PATH"):
        if page in ("add", "delete", "change"):
            post = not_for_unit_editors(post)
        if page in ("add", "delete"):
            get = not_for_unit_editors(get)
        return Rule(get=get, post=post, positional=rule.positional)
    if page in ("change", "delete"):
        post["unit_other"] = FORBIDDEN
    if page == "delete":
        get["unit_other"] = FORBIDDEN
    return Rule(get=get, post=post, positional=rule.positional)


def test_every_url_pattern_has_a_rule():
    missing = [f"{key} ({route})" for key, route in URLS if rule_for(key, route) is None]
    assert not missing, "add a rule in tests/test_permissions.py for: " + "; ".join(missing)


@pytest.fixture
def users(db, django_user_model, settings):
    settings.IATI_REPORTING_ORG_REF = "NO-BRC-972417920"
    settings.IATI_REPORTING_ORG_NAME = "Norwegian Ministry of Foreign Affairs"
    settings.IATI_REPORTING_ORG_TYPE = "10"
    # No passwords (hashing is slow): the clients log in with force_login.
    analyst = django_user_model.objects.create_user("ana")
    analyst.groups.add(Group.objects.get(name=ANALYSTS))
    editor = django_user_model.objects.create_user("eddie", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    boss = django_user_model.objects.create_superuser("boss", password=None)
    found = {"anonymous": None, "analyst": analyst, "editor": editor, "superuser": boss}
    for role, unit in (("unit_own", OWN_UNIT), ("unit_other", OTHER_UNIT)):
        found[role] = django_user_model.objects.create_user(role, is_staff=True)
        found[role].groups.add(Group.objects.get(name=UNIT_EDITORS))
        AdministeringUnit.objects.get(name=unit).members.add(found[role])
    return found


@pytest.fixture
def samples(users, make_agreement):
    """A real row of every model the admin shows, with a history record where audited."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    agreement = make_agreement(amounts={2007: 1000, 2008: 2000}, unit=OWN_UNIT)
    ImportRun.objects.create(file_name="list.csv", started=timezone.now(), succeeded=True)
    measure = Measure.objects.get(plan__start_year=2006, number=2)
    MeasureStatus.objects.create(measure=measure, year=2007, status="ongoing")
    Effort.objects.create(
        reported_in=2007, kind="other", title="Talks", narrative="x", unit=agreement.unit
    ).measures.add(measure)
    ReportHeading.objects.create(kind=ReportHeading.Kind.GENERAL, label="General efforts")
    ReportText.objects.create(year=2007, place=ReportText.Place.EVALUATION, body="Evaluated.")
    common = {"user_agent": "test", "ip_address": "127.0.0.9", "username": "x", "path_info": "/"}
    AccessAttempt.objects.create(get_data="", post_data="", failures_since_start=1, **common)
    AccessLog.objects.create(**common)
    AccessFailureLog.objects.create(**common)
    ClosedYear.objects.create(year=1999, note="A year without amounts", closed_at=timezone.now())
    rows = {}
    for model in admin.site._registry:
        row = model._default_manager.order_by("pk").first()
        assert row is not None, f"the permission test needs a {model.__name__} row"
        if hasattr(model._meta, "simple_history_manager_attribute"):
            row.save()  # reference rows predate their history table
            history = getattr(model, model._meta.simple_history_manager_attribute)
            records = history.filter(**{model._meta.pk.attname: row.pk})
            rows[model, "version"] = records.latest("history_id").history_id
        rows[model] = row
    return {
        "rows": rows,
        "project": agreement.project,
        "instrument": Instrument.objects.first(),
        "organisation": agreement.project.channel,
    }


def sample_kwargs(route, samples):
    model = admin_model(route)
    row = samples["rows"].get(model)
    return {
        "object_id": row.pk if row else None,
        "id": row.pk if row else None,
        "version_id": samples["rows"].get((model, "version")),
        "pk": samples[
            "instrument"
            if route.startswith("instruments/")
            else "organisation"
            if route.startswith("organisations/")
            else "project"
        ].pk,
        "content_type_id": ContentType.objects.get_for_model(Project).pk,
        "app_label": "projects",
        "url": "no-such-page/",
        "dimension": "region",
        "table": "units",
        "plan": "2006-2009",
        "number": 2,
        "year": 2007,
    }


def build_url(route, kwargs, rule):
    """Fill the route's converters and regex groups with sample values."""
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m[1]]), route)
    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m[1]]), url)
    positional = iter(rule.positional)
    url = re.sub(r"\((?!\?)[^)]*\)", lambda m: str(kwargs[next(positional)]), url)
    return "/" + url.replace("^", "").replace("$", "") + rule.query


@pytest.mark.parametrize(("key", "route"), URLS, ids=[key for key, _route in URLS])
def test_each_role_gets_the_expected_outcome(key, route, users, samples, client):
    rule = rule_for(key, route)
    if rule is None:
        pytest.skip(f"no rule for {key}: see test_every_url_pattern_has_a_rule")
    url = build_url(route, sample_kwargs(route, samples), rule)
    if "(unnamed)" not in key:
        assert resolve(url.split("?")[0]).view_name == key, f"{url} does not resolve to {key}"
    failures = []
    for role in ROLES:
        for method in ("GET", "POST"):
            client.logout()
            if users[role] is not None:
                client.force_login(users[role])
            response = client.get(url) if method == "GET" else client.post(url)
            expected = rule.expected(method, role)
            if not expected.matches(response):
                where = response.get("Location", "")
                failures.append(
                    f"{method} {url} as {role}: expected {expected}, "
                    f"got {response.status_code} {where}".rstrip()
                )
    assert not failures, "\n".join(failures)
