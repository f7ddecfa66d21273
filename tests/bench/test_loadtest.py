"""The load test script starts (its full run, gunicorn and clients, is `make loadtest`)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_load_test_script_imports_and_lists_its_options():
    result = subprocess.run(
        [sys.executable, "-m", "bench.loadtest", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    for option in ("--duration", "--clients", "--path"):
        assert option in result.stdout
