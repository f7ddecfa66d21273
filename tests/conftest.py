"""Small builders for hand-made test data. Reference data (measures, countries, channels,
units) comes from the data migrations, so tests look it up by name."""

import uuid
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.template import Context
from django.template.backends import jinja2 as jinja2_backend
from django.test.signals import template_rendered

from funding.models import ChannelSum, ClosedYear, Fact, FactPart, RecipientSum, YearlyAmount
from funding.refresh import facts_refresh
from measures.models import Measure
from projects.models import (
    AdministeringUnit,
    Agreement,
    Channel,
    Project,
    ProjectMeasure,
    Recipient,
)
from web import caching


@pytest.fixture(autouse=True)
def closed_years_gone_before_a_flush(request):
    """A transactional test ends with a flush, which on SQLite deletes table by table in no
    fixed order: the closed-year trigger (funding/migrations/0016) would refuse deleting a
    closed year's amounts before the year's row. Delete those rows first (PostgreSQL's
    TRUNCATE fires no row trigger)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker and marker.kwargs.get("transaction")) or {
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if not (transactional and connection.vendor == "sqlite"):
        yield
        return
    request.getfixturevalue("transactional_db")  # set up first, so flushed after this
    yield
    ClosedYear.objects.all().delete()


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Pages render without `collectstatic`: the manifest storage (DEBUG off) is tested on its
    own in tests/tracker/test_static_files.py."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def english_by_default(settings):
    """Tests read English unless they ask for Norwegian (the site's default, LANGUAGE_CODE=nb):
    `translation.override("nb")`, `HTTP_ACCEPT_LANGUAGE="nb"` or `settings.LANGUAGE_CODE`."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def sessions_in_the_database(settings):
    """Query counts are pinned with the session read from the database, as without REDIS_URL.
    With REDIS_URL the app keeps sessions in Redis too (cached_db): tests/tracker/
    test_scale_out.py exercises that through real servers (log in on one, out on the other)."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


@pytest.fixture(autouse=True)
def own_page_cache(monkeypatch):
    """Each test its own cache namespace: a test's data, rolled back, may reach the data version
    another test's had, and the cache (Redis in CI) outlives both."""
    monkeypatch.setattr(caching, "NAMESPACE", f"test-{uuid.uuid4().hex}")


@pytest.fixture
def make_project(db):
    def make(
        title="Test project",
        channel="International Organization for Migration",
        recipient="Albania",
        objective="main",
        measures=((1, 100),),
        **extra,
    ):
        project = Project.objects.create(
            title=title,
            channel=Channel.objects.get(name=channel),
            recipient=Recipient.objects.get(name=recipient),
            objective=objective,
            **extra,
        )
        for number, share in measures:
            ProjectMeasure.objects.create(
                project=project,
                measure=Measure.objects.get(plan__start_year=2006, number=number),
                share=Decimal(share),
            )
        return project

    return make


@pytest.fixture
def make_agreement(make_project):
    def make(amounts=None, unit="West Balkans Section", number=None, project=None, **project_kw):
        """amounts: {year: amount} or {year: (amount, status)}."""
        amounts = amounts or {2007: 1000}
        project = project or make_project(**project_kw)
        agreement = Agreement.objects.create(
            project=project,
            unit=AdministeringUnit.objects.get(name=unit),
            number=number,
            first_year=min(amounts),
            last_year=max(amounts),
        )
        for year, value in amounts.items():
            amount, status = value if isinstance(value, tuple) else (value, "allocated")
            YearlyAmount.objects.create(
                agreement=agreement, year=year, amount=Decimal(amount), status=status
            )
        facts_refresh([agreement.pk])  # as every write path does
        return agreement

    return make


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "pw-boss-123")


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def dataset(make_agreement):
    """Four agreements, NOK 2 100.01 in all:

    A  IOM → Albania (Europe), main, measure 1, West Balkans Section: 2006 1000.00, 2007 500.00
    B  UNICEF → Bosnia and Herzegovina (Europe), main, measures 1 and 2 at 50 % each,
       Section for Human Rights and Democracy: 2007 300.01
    C  Save the Children Norway → Mozambique (Africa), subsidiary, no measure,
       Embassy in Maputo: 2008 200.00 planned
    D  Norwegian Church Aid → Global (not geographically allocated), main, measure 3,
       West Balkans Section: 2007 100.00 disbursed
    """
    return {
        "A": make_agreement(
            {2006: "1000.00", 2007: "500.00"},
            title="A",
            channel="International Organization for Migration",
            recipient="Albania",
            number="A-1",
        ),
        "B": make_agreement(
            {2007: "300.01"},
            unit="Section for Human Rights and Democracy",
            title="B",
            channel="United Nations Children's Fund",
            recipient="Bosnia and Herzegovina",
            measures=((1, 50), (2, 50)),
        ),
        "C": make_agreement(
            {2008: ("200.00", "planned")},
            unit="Embassy in Maputo",
            title="C",
            channel="Save the Children Norway",
            recipient="Mozambique",
            objective="subsidiary",
            measures=(),
        ),
        "D": make_agreement(
            {2007: ("100.00", "disbursed")},
            title="D",
            channel="Norwegian Church Aid",
            recipient="Global",
            measures=((3, 100),),
        ),
    }


def derived_data():
    """The funding facts, their parts and the overview's sums, without their row ids."""
    rows = []
    for model in (Fact, FactPart, RecipientSum, ChannelSum):
        fields = [
            f.attname for f in model._meta.concrete_fields if f.attname != "id" or model is Fact
        ]
        rows.append(sorted(model.objects.values_list(*fields), key=repr))
    return rows


def assert_derived_data_fresh():
    """The derived data equals a recomputation from the records (a full refresh, rolled back)."""
    before = derived_data()
    with transaction.atomic():
        facts_refresh()
        after = derived_data()
        transaction.set_rollback(True)
    assert before == after
    return before


@pytest.fixture(autouse=True)
def jinja2_contexts(monkeypatch):
    """The test client's response.context for Jinja2 templates too, as Django's test setup
    gives it for its own templates (the template_rendered signal)."""
    render = jinja2_backend.Template.render

    def instrumented(self, context=None, request=None):
        template_rendered.send(sender=self, template=self, context=Context(context or {}))
        return render(self, context, request)

    monkeypatch.setattr(jinja2_backend.Template, "render", instrumented)
