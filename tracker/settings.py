"""Settings for the trafficking funding tracker: one module, configured from the environment.

Every variable is listed in `.env.example` and in the README.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if SECRET_KEY is None:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set SECRET_KEY in the environment (or DEBUG=1 for development)."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-debug"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "import_export",
    "simple_history",
    "axes",
    "csp",
    # ours, from the bottom layer up (docs/architecture.md)
    *["web", "history", "measures", "projects", "international", "funding", "imports"],
    *["breakdowns", "followup", "iati", "public", "demo", "bench"],
]

# The apps whose records the Editors and Analysts roles cover (projects.roles).
# The ministry using the tracker: the report's measures and its flags of missing follow-up are
# those this ministry is responsible for (measures.Measure.responsible_ministries).
TRACKER_MINISTRY = env_str("TRACKER_MINISTRY", "Ministry of Foreign Affairs")
ROLE_APPS = ["measures", "projects", "international", "funding", "followup"]
# The apps whose records the pages read: a change to any of their rows bumps the data version
# (history.versions), which every cached page's key includes; except these models'.
DATA_APPS = ROLE_APPS
DATA_VERSION_IGNORE = ["funding.importrun"]


def organisation_url(channel):
    from django.urls import reverse

    return reverse("organisations:detail", args=[channel.pk])


# A record's own page, where a higher app serves it: an organisation's page shows money,
# instruments and efforts, so followup serves it, and lower apps' pages (the instrument pages,
# the breakdowns) link to it through Channel.get_absolute_url without naming followup.
ABSOLUTE_URL_OVERRIDES = {"projects.channel": organisation_url}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language: the one chosen with the switch (a cookie), else the browser's, else
    # LANGUAGE_CODE.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Refuses query strings with NUL bytes or over-long values on every page, the admin's too.
    "web.parameters.QueryStringMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Logs out a session unused for longer than SESSION_IDLE_MINUTES (a message says why).
    "tracker.idle.idle_timeout",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # A statement cancelled by DATABASE_STATEMENT_TIMEOUT_MS answers 503 with a page saying so.
    "tracker.timeouts.StatementTimeoutMiddleware",
    # Last, as django-axes requires: turns its lockout into the page below.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "funding.context_processors.demo_data",
            ],
        },
    },
    {  # the breakdown pages' big tables and filter panel (web/jinja2.py): *.jinja only
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {"environment": "web.jinja2.environment"},
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        # A kept connection is checked once per request before its first query, so the server
        # answers again by itself after the database restarts (docs/production.md, "Faults").
        conn_health_checks=True,
    )
}
# A web request's statement ends after DATABASE_STATEMENT_TIMEOUT_MS (0: never): a slow query
# answers a page saying so (tracker/timeouts.py) before gunicorn kills the worker. Web requests
# only (the WSGI and ASGI entry points set TRACKER_SERVES_WEB): commands run as long as they need.
DATABASE_STATEMENT_TIMEOUT_MS = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 30_000)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: PostgreSQL compiles a statement whose estimated cost passes
    # jit_above_cost, and the compile took 0.1-0.4 s per statement here, longer than most of our
    # statements run (a 50 000-row import: 15.5 s with JIT, 10.8 s without; the measure page at
    # a million amounts: 350 ms with, 230 ms without). `?options=...` in DATABASE_URL overrides.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("options", "-c jit=off")
    if DATABASE_STATEMENT_TIMEOUT_MS and env_bool("TRACKER_SERVES_WEB"):
        options["options"] += f" -c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out username + address is refused before the password is checked.
    "tracker.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Throttle failed logins (site and admin): after AXES_FAILURE_LIMIT failures for one username
# from one address, that pair is refused for AXES_COOLOFF_MINUTES, even with the right password;
# after AXES_ADDRESS_FAILURE_LIMIT failures from one address, whatever the usernames, the
# address is (tracker.auth.LoginThrottleHandler says why not by AXES_LOCKOUT_PARAMETERS). 0: off.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "tracker.auth.LoginThrottleHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "tracker.client_ip.client_ip"

# A session unused for this long is logged out on its next request (tracker/idle.py); 0: never.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 60)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# The language for a browser that asks for neither Norwegian nor English, and for commands.
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "nb")
LANGUAGES = [("nb", "Norsk bokmål"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers as each language writes them: Norwegian d.m.Y and a decimal comma
# (tracker/formats/nb/), English as Django writes it; amounts through web.formats.nok().
FORMAT_MODULE_PATH = ["tracker.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# The cache: Redis when REDIS_URL is set (shared by every instance), else this process's memory.
# Cached pages are keyed by the data version (history.versions), so they are never stale;
# CACHE_KEY_PREFIX separates deployments (or test runs) sharing one Redis.
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": {
        "BACKEND": "tracker.cache.RedisCache",  # Django's, a client per pool (tracker/cache.py)
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "tracker"),
        "TIMEOUT": env_int("CACHE_TIMEOUT_S", 3600),
    }
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "TIMEOUT": env_int("CACHE_TIMEOUT_S", 3600),
        # Django's default of 300 entries held 257 of the load test's 357 pages after its
        # warm-up (a full cache drops a third), and most of the rest after: about 21 KB each.
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 2000)},
    },
    # Parts of the page shell that depend only on the code and the language (the navigation,
    # base.html's {% cache %}): this process's memory, with or without REDIS_URL.
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shell"},
}

# Sessions in the database, and in the cache too when it is Redis (read without a query); not in
# the per-process memory cache, where a log-out in one worker would not reach another's copy.
SESSION_ENGINE = "django.contrib.sessions.backends." + ("cached_db" if REDIS_URL else "db")

# Imports through the admin need these permissions (django-import-export would otherwise let
# a user with only "view" permission import).
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# Largest project list the admin import page accepts, in megabytes.
IMPORT_MAX_UPLOAD_MB = env_int("IMPORT_MAX_UPLOAD_MB", 20)
# Where an upload waits between its preview and its confirmation (named by a signed token, so
# any instance can confirm it): a folder all instances share; the temporary folder by default.
IMPORT_UPLOAD_DIR = env_str("IMPORT_UPLOAD_DIR")

# The organisation that publishes the IATI export (iati/): its identifier, name and IATI
# organisation type. The export refuses to run while any is unset (docs/iati.md).
IATI_REPORTING_ORG_REF = env_str("IATI_REPORTING_ORG_REF", "")
IATI_REPORTING_ORG_NAME = env_str("IATI_REPORTING_ORG_NAME", "")
IATI_REPORTING_ORG_TYPE = env_str("IATI_REPORTING_ORG_TYPE", "")

# The public site (public/, docs/production.md): /public/ is 404 unless PUBLIC_SITE is on.
PUBLIC_SITE = env_bool("PUBLIC_SITE", False)
PUBLIC_RATE_LIMIT = env_int("PUBLIC_RATE_LIMIT", 60)  # requests per client address a minute

# Most data rows one import reads (admin and import_projects); 0 for no limit.
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 1_000_000)

# Every other upload (the reference tables, the ratification charts; admin and
# import_ratifications) is a small table, checked before anything parses it
# (history/upload_limits.py): its size, data rows and columns, and for XLSX (a zip archive) the
# sizes its parts declare unpacked, in all and each against its packed size.
REFERENCE_IMPORT_MAX_MB = env_int("REFERENCE_IMPORT_MAX_MB", 5)
REFERENCE_IMPORT_MAX_ROWS = env_int("REFERENCE_IMPORT_MAX_ROWS", 10_000)
REFERENCE_IMPORT_MAX_COLUMNS = env_int("REFERENCE_IMPORT_MAX_COLUMNS", 50)
REFERENCE_IMPORT_MAX_UNZIPPED_MB = env_int("REFERENCE_IMPORT_MAX_UNZIPPED_MB", 20)
REFERENCE_IMPORT_MAX_RATIO = env_int("REFERENCE_IMPORT_MAX_RATIO", 100)

# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto and X-Forwarded-For.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)

# Content-Security-Policy (django-csp): this site only, no inline script or style, no framing;
# the SVG charts' fill="" attributes are allowed (docs/production.md explains each directive).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],  # the admin's autocomplete widgets fetch their choices
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # django-axes logs every login at INFO; lockouts come at WARNING.
    "loggers": {
        "axes": {"level": env_str("AXES_LOG_LEVEL", "WARNING")},
        # runserver's "Watching for file changes" would land after `make run`'s login frame.
        "django.utils.autoreload": {"level": "WARNING"},
    },
}
