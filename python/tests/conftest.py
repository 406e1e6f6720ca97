"""Shared settings of the Python tests: a short horizon (one simulated year after one
year of warm-up) keeps each replication well under a second."""
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
SHORT = {"simulation.end": "2011-01-01", "simulation.warmup_days": 365}


@pytest.fixture
def gunflow_cli():
    path = os.environ.get("GUNFLOW_CLI")
    if not path:
        pytest.skip("GUNFLOW_CLI (the gunflow executable) not given")
    return path
