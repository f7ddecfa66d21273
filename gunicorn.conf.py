"""gunicorn's settings, from the environment. gunicorn reads this file from the working
directory, so `make serve`, production (`gunicorn tracker.wsgi`) and `make loadtest` share it;
flags on the command line override it. docs/production.md explains each variable."""

import os


def env_int(name, default):
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


# 2 x cores + 1, gunicorn's own advice (its default is a single worker).
workers = env_int("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1)
# Threads per worker (gunicorn's gthread worker above 1); each thread holds its own database
# connection, so workers x threads connections per instance.
threads = env_int("GUNICORN_THREADS", 1)
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
timeout = env_int("GUNICORN_TIMEOUT", 60)
