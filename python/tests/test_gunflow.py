"""The gunflow Python package: loading, overrides, run (byte-identical to the command
line), compare, sweep, progress and Ctrl-C."""
import csv
import filecmp
import os
import signal
import subprocess
import threading
import time
import warnings

import pandas as pd
import pytest

import gunflow
from conftest import SCENARIOS, SHORT


def test_load_file_and_overrides():
    sc = gunflow.load(SCENARIOS / "baseline.yaml", overrides={"traffickers.count": 500})
    assert sc.name == "baseline"
    assert sc.overrides == ["traffickers.count=500"]
    assert "count: 500" in sc.resolved_yaml()
    # a relative path is found under the scenarios directory
    assert gunflow.load("policies/southbound_inspection.yaml").name == "southbound-inspection"


def test_load_dict_with_relative_extends():
    sc = gunflow.load({"extends": "baseline.yaml", "simulation": {"name": "from-dict"},
                       "border": {"inspection_rate": 0.05},
                       "policies": {"southbound_inspection": {"start": "2011-01-01", "rate": 0.2,
                                                               "crossings": ["san_ysidro", "nogales"]}}})
    assert sc.name == "from-dict"
    text = sc.resolved_yaml()
    assert "inspection_rate: 0.05" in text
    assert "san_ysidro" in text


def test_override_error_is_a_located_value_error():
    with pytest.raises(ValueError, match=r"--set traffickers.count=abc.*traffickers.count must be an integer"):
        gunflow.load(SCENARIOS / "baseline.yaml", overrides={"traffickers.count": "abc"})
    with pytest.raises(ValueError, match="did you mean"):
        gunflow.load(SCENARIOS / "baseline.yaml", overrides={"traffickers.cuont": 5})


def test_dict_error_names_the_key():
    with pytest.raises(ValueError, match="border.inspection_rate"):
        gunflow.load({"extends": "baseline.yaml", "border": {"inspection_rate": 7}})


def test_dict_error_does_not_name_the_temporary_file():
    with pytest.raises(ValueError) as e:
        gunflow.load({"extends": "baseline.yaml", "traffickers": {"count": "x"}})
    assert "<dict scenario>" in str(e.value) and "gunflow-scenario-" not in str(e.value)


def test_counts_and_seeds_are_whole_numbers_in_range():
    base = SCENARIOS / "baseline.yaml"
    # Refused before anything runs, as the command line refuses `-n 2.5`.
    for kwargs, error in [({"n": 2.9}, TypeError), ({"n": "2"}, TypeError), ({"seed": 1.5}, TypeError),
                          ({"n": True}, TypeError), ({"n": 0}, ValueError), ({"seed": -1}, ValueError),
                          ({"seed": 2**64}, ValueError), ({"threads": 2**40}, ValueError)]:
        with pytest.raises(error, match=r"n|seed|threads"):
            gunflow.run(base, overrides=SHORT, **kwargs)
    with pytest.raises(ValueError, match="n is 1"):
        gunflow.compare(base, base, n=1)
    with pytest.raises(TypeError, match="policies must be a scenario or a list"):
        gunflow.compare(base, None)
    with pytest.raises(ValueError, match="resume needs out"):
        gunflow.run(base, n=2, resume=True)


def test_run_is_byte_identical_to_the_cli(tmp_path, gunflow_cli):
    py_out, cli_out = tmp_path / "py", tmp_path / "cli"
    res = gunflow.run(SCENARIOS / "baseline.yaml", n=3, seed=7, threads=2, out=py_out, overrides=SHORT)
    sets = [f"--set={k}={v}" for k, v in SHORT.items()]
    subprocess.run([gunflow_cli, "run", str(SCENARIOS / "baseline.yaml"), "-n", "3", "--seed", "7", "--threads", "1",
                    "--out", str(cli_out), "--quiet", *sets], check=True, stdout=subprocess.DEVNULL)
    for f in ("replications.csv", "summary.csv", "summary.json", "metrics.csv"):
        assert filecmp.cmp(py_out / f, cli_out / f, shallow=False), f
    # the DataFrame holds exactly the doubles the CLI wrote
    with open(cli_out / "replications.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    df = res.replications
    assert len(df) == len(rows)
    assert [float(r["value"]) for r in rows] == df["value"].tolist()
    assert [r["key"] for r in rows] == df["key"].tolist()
    # typed and tidy
    assert list(df.columns) == ["scenario", "replication", "year", "metric", "key", "value"]
    assert df["replication"].dtype == "int64" and df["year"].dtype == "int64" and df["value"].dtype == "float64"
    assert not df["key"].isna().any() and "total" in set(df["key"])
    assert sorted(df["replication"].unique()) == [0, 1, 2]
    assert {"mean", "sd", "ci_low", "ci_high", "q50"} <= set(res.summary.columns)
    assert res.metadata["seed"] == 7 and res.metadata["replications_finished"] == 3
    assert res.metadata["overrides"] == ["simulation.end=2011-01-01", "simulation.warmup_days=365"]


def test_run_without_out_and_progress_on_this_thread():
    calls = []
    main = threading.get_ident()
    res = gunflow.run("baseline.yaml", n=2, seed=1, threads=1, overrides=SHORT,
                      progress=lambda done, total: calls.append((done, total, threading.get_ident())))
    assert res.out is None
    assert calls and calls[-1][:2] == (2, 2)
    assert all(t == main for _, _, t in calls)
    assert set(res.replications["replication"]) == {0, 1}


def test_compare_shapes():
    res = gunflow.compare("baseline.yaml", ["policies/southbound_inspection.yaml"], n=2, seed=3, threads=2,
                          overrides=SHORT)
    cmp = res.comparisons
    assert set(cmp["scenario"]) == {"southbound-inspection"}  # no self-comparison
    assert set(cmp["base"]) == {"baseline"}
    assert {"diff", "diff_ci_low", "diff_ci_high", "diff_pct"} <= set(cmp.columns)
    assert cmp["year"].dtype == "int64" and cmp["n"].dtype == "int64"
    assert set(res.replications["scenario"]) == {"baseline", "southbound-inspection"}
    assert len(res.replications) == 2 * len(res.replications[res.replications["scenario"] == "baseline"])
    assert res.metadata["scenarios"] == 2


def test_compare_warns_about_a_scenario_on_another_baseline():
    # A policy file extends baseline.yaml; against the market-priced baseline its paired
    # differences would also measure the pricing rule: warned, as the CLI does, and kept in
    # the metadata. A policy on its own baseline gives no warning.
    with pytest.warns(UserWarning, match="differs from the base scenario .* besides its policies"):
        res = gunflow.compare("baseline_market.yaml", ["policies/southbound_inspection.yaml"], n=2, seed=3,
                              threads=2, overrides=SHORT)
    assert any("traffickers.pricing" in w for w in res.metadata["warnings"])
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        res = gunflow.compare("baseline.yaml", ["policies/southbound_inspection.yaml"], n=2, seed=3, threads=2,
                              overrides=SHORT)
    assert not [w for w in seen if "differs from the base scenario" in str(w.message)]
    assert "warnings" not in res.metadata


def test_callback_exception_stops_the_run():
    def boom(done, total):
        raise RuntimeError("stop here")
    with pytest.raises(RuntimeError, match="stop here"):
        gunflow.run("baseline.yaml", n=3, threads=1, overrides=SHORT, progress=boom)
    # the next run is not affected by the stop request
    assert gunflow.run("baseline.yaml", n=1, threads=1, overrides=SHORT).metadata["interrupted"] is False


def test_ctrl_c_raises_keyboard_interrupt_and_stops_between_replications(tmp_path):
    def interrupt():
        time.sleep(1.0)
        os.kill(os.getpid(), signal.SIGINT)
    threading.Thread(target=interrupt, daemon=True).start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        gunflow.run("baseline.yaml", n=200, threads=1, out=tmp_path / "out", overrides=SHORT)
    assert time.monotonic() - started < 30  # it did not run all 200
    meta = gunflow._read_json(tmp_path / "out" / "run.json")
    assert meta["interrupted"] is True and 0 < meta["replications_finished"] < 200
    # Python's handler is back: a later Ctrl-C is an ordinary KeyboardInterrupt
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert gunflow.run("baseline.yaml", n=1, threads=1, overrides=SHORT).metadata["interrupted"] is False


def test_sweep(tmp_path):
    spec = tmp_path / "sweep.yaml"
    spec.write_text(f"base: {SCENARIOS / 'baseline.yaml'}\ndesign: grid\nreplications: 1\n"
                    "parameters:\n  - key: border.inspection_rate\n    values: [0.01, 0.05]\n"
                    "outputs: [guns_trafficked]\n")
    res = gunflow.sweep(spec, threads=2, overrides=SHORT)
    assert len(res.points) == 2
    assert set(res.results["point"]) == {0, 1}
    assert res.metadata["points_finished"] == 2


def test_metric_catalogue():
    m = gunflow.metrics()
    assert {"name", "kind", "unit", "key", "description", "reduction"} <= set(m.columns)
    assert "guns_trafficked" in set(m["name"])
