"""The bench's arithmetic (bench/bench_ui.py): its figures are quoted in the README."""

from __future__ import annotations

import random
import sys

from tests.paths import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import bench_ui  # bench/ is not a package: its folder is put on the path above


def test_the_bootstrap_interval_of_a_fixed_ratio_is_that_ratio() -> None:
    rng = random.Random(3)
    bare = [rng.uniform(35, 110) for _ in range(60)]
    wizard = [1.2 * value for value in bare]
    (median_low, median_high), (p95_low, p95_high) = bench_ui.bootstrap(wizard, bare, 200)
    assert round(median_low, 6) == round(median_high, 6) == 1.2
    assert round(p95_low, 6) == round(p95_high, 6) == 1.2


def test_the_bootstrap_interval_is_wide_for_a_few_noisy_rounds_and_holds_the_ratio() -> None:
    rng = random.Random(4)
    few = [rng.uniform(35, 110) for _ in range(25)]
    many = [rng.uniform(35, 110) for _ in range(400)]
    (few_low, few_high), _ = bench_ui.bootstrap([rng.uniform(35, 110) for _ in few], few, 300)
    (many_low, many_high), _ = bench_ui.bootstrap([rng.uniform(35, 110) for _ in many], many, 300)
    assert few_low < 1.0 < few_high
    assert many_low < 1.0 < many_high
    assert many_high - many_low < few_high - few_low


def test_percentile_is_the_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert bench_ui.percentile(values, 0.95) == 95.0
    assert bench_ui.percentile(values, 0.5) == 51.0  # index round(49.5) = 50, as Python rounds
