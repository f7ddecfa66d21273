"""Benchmarks and the load test: code that measures the site rather than serving it.

- importing: the importer against PostgreSQL COPY (`manage.py bench_import`, `make bench-import`);
- breakdowns: the breakdown pages against hand-written SQL (`manage.py bench_breakdowns`,
  `make bench-breakdowns`);
- scratch: the scratch PostgreSQL database both benchmarks create, migrate and drop;
- loadtest: gunicorn and logged-in clients on a scratch database (`python -m bench.loadtest`,
  `make loadtest`), run outside Django; loadclients: those clients and the latency report.

Each prints `name=value` lines that docs and CI read.
"""
