"""The load test (bench.loadtest with Locust): a short run with few users against gunicorn on a
scratch SQLite database warms the pages up, prints its figures, with no failed request. The
full run is `make loadtest`."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_short_load_test_prints_its_figures_without_errors():
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    short = ["--duration", "10", "--users", "2", "--workers", "1", "--threads", "2"]
    result = subprocess.run(
        [sys.executable, "-m", "bench.loadtest", *short],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    figures = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    assert result.returncode == 0, result.stdout + result.stderr
    assert {"warmup_passes", "warmup_s", "requests_per_s", "p95_ms", "errors"} <= set(figures)
    assert figures["warmup_passes"] == ("1" if os.environ.get("REDIS_URL") else "3")
    assert figures["errors"] == "0"
    assert int(figures["requests"]) > 0
