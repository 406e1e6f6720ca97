#!/usr/bin/env python3
"""The ctest entries of the Python package (tests/CMakeLists.txt): `pytest` runs
python/tests, `example` runs examples/policy_comparison.py. Exit 77 (skipped) when
pytest or pandas is not installed (Debian python3-pytest, python3-pandas).
Usage: ctest_entry.py pytest|example BUILD_PYTHON_DIR GUNFLOW_EXE OUT_DIR"""
import os
import subprocess
import sys
from pathlib import Path

mode, build_python, gunflow_exe, out_dir = sys.argv[1:5]
root = Path(__file__).resolve().parents[2]
needed = ["pandas"] + (["pytest"] if mode == "pytest" else [])
for name in needed:
    try:
        __import__(name)
    except ImportError:
        print(f"skipped: the Python module {name} is not installed (Debian python3-{name})")
        sys.exit(77)
env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [build_python, os.environ.get("PYTHONPATH")])),
           GUNFLOW_CLI=gunflow_exe, PYTHONDONTWRITEBYTECODE="1")
if mode == "pytest":
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(root / "python" / "tests")]
elif mode == "example":
    cmd = [sys.executable, str(root / "examples" / "policy_comparison.py"), "--out", out_dir, "-n", "3",
           "--threads", "2"]
else:
    sys.exit(f"unknown mode {mode}")
sys.exit(subprocess.run(cmd, env=env, cwd=root).returncode)
