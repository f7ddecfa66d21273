"""The load test (bench.loadtest with Locust): a very short run with few users against gunicorn
on a scratch SQLite database prints its figures, with no failed request. The full run is
`make loadtest`."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_short_load_test_prints_its_figures_without_errors():
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "bench.loadtest", "--duration", "30", "--users", "2"],
        cwd=ROOT,
        env=env | {"WEB_CONCURRENCY": "2"},
        capture_output=True,
        text=True,
        timeout=900,
    )
    figures = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    assert result.returncode == 0, result.stdout + result.stderr
    assert {"requests_per_s", "p50_ms", "p95_ms", "errors"} <= set(figures)
    assert figures["errors"] == "0"
    assert int(figures["requests"]) > 0
