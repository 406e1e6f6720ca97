"""gunflow from Python: load scenarios, run, compare and sweep, get pandas DataFrames.

    import gunflow
    base = gunflow.load("baseline.yaml", overrides={"traffickers.count": 500})
    res = gunflow.run(base, n=4, seed=1)
    res.replications            # scenario, replication, year, metric, key, value
    res.summary                 # ... n, mean, sd, ci_low, ci_high, q05, q50, q95
    res.metadata                # run.json as a dict

The jobs are the library's own (the same code as `gunflow run|compare|sweep`), and the
DataFrames are read from the files they write, so a run from Python is byte-identical to
the command line for the same scenario, overrides, seed and replications.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
import warnings as _warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence, Union

from . import _core
from ._paths import SCENARIOS_DIR

__all__ = ["Scenario", "load", "run", "compare", "sweep", "metrics", "RunResult", "CompareResult",
           "SweepResult", "SCENARIOS_DIR", "__version__"]

__version__ = _core.__version__
Scenario = _core.Scenario

ScenarioLike = Union[str, os.PathLike, Mapping[str, Any], "Scenario"]
Progress = Optional[Callable[[int, int], Any]]

_DATA_KEYS = ("us_states", "crossings", "mx_states", "staging_cities")


def _pandas():
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - the package needs pandas for results
        raise ImportError("gunflow's results are pandas DataFrames: install python3-pandas") from e
    return pandas


def _scenarios_dir(base_dir) -> Path:
    return Path(base_dir) if base_dir is not None else Path(SCENARIOS_DIR)


def _override_texts(overrides) -> list:
    if overrides is None:
        return []
    if isinstance(overrides, Mapping):
        return list(_core.override_texts(dict(overrides)))
    raise TypeError("overrides must be a dict such as {'traffickers.count': 500}")


def _whole(name: str, value, low: int, high: int) -> int:
    """`value` as an int in [low, high], as the command line checks it: a float, a string or a
    bool is refused rather than truncated (the CLI refuses `-n 2.5` too)."""
    import numbers
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, not {value!r}")
    if not low <= int(value) <= high:
        raise ValueError(f"{name} is {value}, but must be a whole number in [{low}, {high}]")
    return int(value)


def _job_numbers(n, seed, threads, min_n: int = 1):
    return (_whole("n", n, min_n, 10_000_000), _whole("seed", seed, 0, 2**64 - 1),
            _whole("threads", threads, 0, 4096))


def _absolute(value, base: Path):
    if isinstance(value, (str, os.PathLike)) and not os.path.isabs(value):
        return str(base / value)
    return value


def _find_file(path, base_dir) -> str:
    """A relative path is read from the working directory, or else from base_dir."""
    p = Path(path)
    if p.is_absolute() or p.exists():
        return str(p)
    candidate = _scenarios_dir(base_dir) / p
    return str(candidate) if candidate.exists() else str(p)


def load(scenario: ScenarioLike, overrides: Optional[Mapping[str, Any]] = None, base_dir=None) -> Scenario:
    """A validated scenario from a file, a dict, or a Scenario (with more overrides).

    `overrides` maps dotted keys of docs/scenarios.md to values, applied like
    `--set KEY=VALUE` (after the whole `extends` chain, in order). A dict is written as a
    YAML document to a temporary file; its relative `extends` and `data.*` paths resolve
    against `base_dir` (default: the scenarios directory gunflow came with,
    `gunflow.SCENARIOS_DIR`). A relative file path is read from the working directory,
    or else from `base_dir`. Bad input raises ValueError with the located message.
    """
    texts = _override_texts(overrides)
    if isinstance(scenario, Scenario):
        if not texts:
            return scenario
        sc = _core.load(scenario.source_file, list(scenario.overrides) + texts)
        if hasattr(scenario, "_tempdir"):
            sc._tempdir = scenario._tempdir
        return sc
    if isinstance(scenario, Mapping):
        base = _scenarios_dir(base_dir)
        doc = dict(scenario)
        if "extends" in doc:
            doc["extends"] = _absolute(doc["extends"], base)
        if isinstance(doc.get("data"), Mapping):
            doc["data"] = {k: (_absolute(v, base) if k in _DATA_KEYS else v) for k, v in doc["data"].items()}
        tmp = tempfile.TemporaryDirectory(prefix="gunflow-scenario-")
        name = str(doc.get("simulation", {}).get("name", "scenario")) if isinstance(doc.get("simulation"), Mapping) \
            else "scenario"
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name) or "scenario"
        path = Path(tmp.name) / f"{safe}.yaml"
        path.write_text(_core.dict_to_yaml(doc), encoding="utf-8")
        try:
            sc = _core.load(str(path), texts)
        except ValueError as e:  # located in the temporary file, which means nothing to the caller
            tmp.cleanup()
            raise ValueError(str(e).replace(str(path), "<dict scenario>")) from None
        except BaseException:
            tmp.cleanup()
            raise
        sc._tempdir = tmp  # the file lives as long as the Scenario
        return sc
    if isinstance(scenario, (str, os.PathLike)):
        return _core.load(_find_file(scenario, base_dir), texts)
    raise TypeError(f"cannot load a scenario from {type(scenario).__name__}: give a path, a dict or a Scenario")


# ---- reading outputs ------------------------------------------------------------------

_KEYS = {"scenario": str, "base": str, "metric": str, "key": str}


def _read_csv(path: Path, ints: Sequence[str] = ()):
    """A CSV written by gunflow: text columns stay text (a key such as `NA` is not
    missing), integer columns int64, every other column float64 read back to the exact
    double that was written (empty: NaN)."""
    pd = _pandas()
    with open(path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    dtype = {}
    for c in header:
        if c in _KEYS:
            dtype[c] = str
        elif c in ints:
            dtype[c] = "int64"
        else:
            dtype[c] = "float64"
    na = {c: [""] for c in header if c not in _KEYS}
    return pd.read_csv(path, dtype=dtype, keep_default_na=False, na_values=na, float_precision="round_trip")


def _read_json(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


@dataclass
class RunResult:
    replications: Any  #: DataFrame: scenario, replication, year, metric, key, value
    summary: Any       #: DataFrame: scenario, year, metric, key, n, mean, sd, ci_low, ci_high, q05, q50, q95
    metadata: dict     #: run.json
    metrics: Any       #: DataFrame: the metric catalogue (metrics.csv)
    out: Optional[str] = None  #: the output directory, when one was asked for


@dataclass
class CompareResult:
    comparisons: Any   #: DataFrame: compare.csv (paired differences against the base)
    replications: Any  #: DataFrame: every scenario's replications
    metadata: dict
    metrics: Any
    out: Optional[str] = None


@dataclass
class SweepResult:
    points: Any        #: DataFrame: sweep_points.csv
    results: Any       #: DataFrame: sweep_results.csv
    sensitivity: Any   #: DataFrame or None (Morris and Sobol designs)
    metadata: dict
    warnings: list = field(default_factory=list)
    out: Optional[str] = None


class _OutDir:
    """`out` given: that directory; else a temporary one, removed after reading."""

    def __init__(self, out):
        self.given = out is not None
        self.path = Path(out) if self.given else Path(tempfile.mkdtemp(prefix="gunflow-out-"))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if not self.given:
            shutil.rmtree(self.path, ignore_errors=True)


def run(scenario: ScenarioLike, n: int = 20, seed: int = 1, threads: int = 0, out=None, *,
        overrides: Optional[Mapping[str, Any]] = None, force: bool = False, resume: bool = False,
        progress: Progress = None, base_dir=None) -> RunResult:
    """`gunflow run`: n replications from `seed`. Without `out` the outputs go to a
    temporary directory that is removed once read. `progress(done, total)` is called on
    this thread as replications finish. Ctrl-C stops after the replications in flight
    (with `out`, those are written) and raises KeyboardInterrupt."""
    n, seed, threads = _job_numbers(n, seed, threads)
    if resume and out is None:
        raise ValueError("resume needs out: the directory of the run to continue")
    _pandas()  # before simulating: the results are read into DataFrames
    sc = load(scenario, overrides, base_dir)
    with _OutDir(out) as d:
        _core.run(sc, n, seed, threads, str(d.path), bool(force or not d.given), bool(resume), progress)
        return RunResult(
            replications=_read_csv(d.path / "replications.csv", ("replication", "year")),
            summary=_read_csv(d.path / "summary.csv", ("year", "n")),
            metadata=_read_json(d.path / "run.json"),
            metrics=metrics(),
            out=str(d.path) if d.given else None)


def compare(base: ScenarioLike, policies: Union[ScenarioLike, Iterable[ScenarioLike]], n: int = 20, seed: int = 1,
            threads: int = 0, out=None, *, overrides: Optional[Mapping[str, Any]] = None, force: bool = False,
            resume: bool = False, progress: Progress = None, base_dir=None) -> CompareResult:
    """`gunflow compare`: the base and each policy scenario for the same replications
    (common random numbers); `comparisons` holds the paired differences against the base.
    `overrides` apply to every scenario."""
    n, seed, threads = _job_numbers(n, seed, threads, min_n=2)
    if resume and out is None:
        raise ValueError("resume needs out: the directory of the comparison to continue")
    _pandas()  # before simulating: the results are read into DataFrames
    if isinstance(policies, (str, os.PathLike, Mapping, Scenario)):
        policies = [policies]
    elif not isinstance(policies, Iterable):
        raise TypeError(f"policies must be a scenario or a list of scenarios, not {type(policies).__name__}")
    scenarios = [load(s, overrides, base_dir) for s in [base, *policies]]
    if len(scenarios) < 2:
        raise ValueError("compare needs a base and at least one policy scenario")
    with _OutDir(out) as d:
        _core.compare(scenarios, n, seed, threads, str(d.path), bool(force or not d.given),
                      bool(resume), progress)
        metadata = _read_json(d.path / "run.json")
        # A scenario that differs from the base beyond its policies (another baseline, a
        # cost variant): its paired differences measure those keys too. As the CLI warns.
        for w in metadata.get("warnings", []):
            _warnings.warn(w, stacklevel=2)
        return CompareResult(
            comparisons=_read_csv(d.path / "compare.csv", ("year", "n")),
            replications=_read_csv(d.path / "replications.csv", ("replication", "year")),
            metadata=metadata,
            metrics=metrics(),
            out=str(d.path) if d.given else None)


def sweep(sweep_file, threads: int = 0, out=None, *, overrides: Optional[Mapping[str, Any]] = None,
          force: bool = False, resume: bool = False, progress: Progress = None, base_dir=None) -> SweepResult:
    """`gunflow sweep SWEEP.yaml` (docs/sweeps.md); `overrides` apply to the base scenario."""
    threads = _whole("threads", threads, 0, 4096)
    if resume and out is None:
        raise ValueError("resume needs out: the directory of the sweep to continue")
    _pandas()  # before simulating: the results are read into DataFrames
    path = _find_file(sweep_file, base_dir)
    with _OutDir(out) as d:
        _finished, _points, warnings = _core.sweep(path, _override_texts(overrides), threads, str(d.path),
                                                   bool(force or not d.given), bool(resume), progress)
        sens = d.path / "sensitivity.csv"
        return SweepResult(
            points=_read_csv(d.path / "sweep_points.csv", ("point",)),
            results=_read_csv(d.path / "sweep_results.csv", ("point", "replication")),
            sensitivity=_read_csv(sens) if sens.exists() else None,
            metadata=_read_json(d.path / "run.json"),
            warnings=list(warnings),
            out=str(d.path) if d.given else None)


def metrics():
    """The metric catalogue (docs/metrics.md) as a DataFrame."""
    import io
    pd = _pandas()
    return pd.read_csv(io.StringIO(_core.metrics_csv()), dtype=str, keep_default_na=False)
