"""The production settings, unchanged but for one URL: the floor the benchmark measures against."""

from decisionaid.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
