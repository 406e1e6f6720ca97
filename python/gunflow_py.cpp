// The `gunflow._core` extension module: the library's loader and jobs, called from
// Python (python/gunflow/__init__.py wraps it and reads the outputs into pandas).
//
// A job runs on a worker thread with the GIL released; the Python thread that called
// waits for it, and every 50 ms (with the GIL) hands the latest progress to the
// callback and checks for signals, so the callback runs on the calling (main) thread.
// Ctrl-C: while a job runs, the library's handlers own SIGINT/SIGTERM (as in the
// command line) and set the stop flag; the run stops after the replications in flight,
// writes what finished, Python's handlers are put back and KeyboardInterrupt is raised.
// A Python exception from the callback (or a signal Python saw first) also stops the
// run and is raised after it.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <exception>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "gunflow/core/errors.hpp"
#include "gunflow/engine/compare_job.hpp"
#include "gunflow/engine/interrupt.hpp"
#include "gunflow/engine/run_job.hpp"
#include "gunflow/engine/sweep_job.hpp"
#include "gunflow/model/metrics.hpp"
#include "gunflow/scenario/loader.hpp"
#include "gunflow/scenario/sweep_file.hpp"
#include "gunflow/version.hpp"

namespace py = pybind11;
using namespace gunflow;

namespace {

// ---- Python values → YAML nodes (dicts become YAML data, never pasted text) ----

YAML::Node to_yaml(const py::handle& value) {
  if (value.is_none()) return YAML::Node(YAML::NodeType::Null);
  if (py::isinstance<py::bool_>(value)) return YAML::Node(value.cast<bool>() ? "true" : "false");
  if (py::isinstance<py::int_>(value)) return YAML::Node(py::str(value).cast<std::string>());
  if (py::isinstance<py::float_>(value)) {
    const double d = value.cast<double>();
    if (d != d) return YAML::Node(".nan");
    if (d == std::numeric_limits<double>::infinity()) return YAML::Node(".inf");
    if (d == -std::numeric_limits<double>::infinity()) return YAML::Node("-.inf");
    return YAML::Node(py::repr(value).cast<std::string>());  // shortest text giving the same double
  }
  if (py::isinstance<py::str>(value)) return YAML::Node(value.cast<std::string>());
  if (py::isinstance<py::dict>(value)) {
    YAML::Node n(YAML::NodeType::Map);
    for (const auto& [k, v] : value.cast<py::dict>()) {
      if (!py::isinstance<py::str>(k))
        throw py::type_error("scenario keys must be strings, not " + py::repr(k).cast<std::string>());
      n[k.cast<std::string>()] = to_yaml(v);
    }
    return n;
  }
  if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    YAML::Node n(YAML::NodeType::Sequence);
    for (const py::handle& v : value) n.push_back(to_yaml(v));
    return n;
  }
  if (py::hasattr(value, "__index__"))  // numpy integers
    return YAML::Node(py::str(py::reinterpret_borrow<py::object>(value).attr("__index__")()).cast<std::string>());
  if (py::hasattr(value, "__float__") && !py::hasattr(value, "isoformat"))
    return to_yaml(py::reinterpret_borrow<py::object>(value).attr("__float__")());
  // dates and anything else with a text form the scenario accepts (datetime.date → 2011-01-01)
  if (py::hasattr(value, "isoformat")) return YAML::Node(value.attr("isoformat")().cast<std::string>());
  throw py::type_error("cannot write a " + py::str(value.get_type().attr("__name__")).cast<std::string>() +
                       " into a scenario: use dict, list, str, int, float, bool, None or a date");
}

std::string emit(const YAML::Node& node, bool flow) {
  YAML::Emitter out;
  if (flow) {
    out.SetMapFormat(YAML::Flow);
    out.SetSeqFormat(YAML::Flow);
  }
  out << node;
  return out.c_str();
}

/// The YAML document of a scenario given as a dict.
std::string dict_to_yaml(const py::dict& d) { return emit(to_yaml(d), false) + "\n"; }

/// `{"traffickers.count": 500}` → {"traffickers.count=500"}, as `--set` takes them.
std::vector<std::string> override_texts(const py::object& overrides) {
  std::vector<std::string> out;
  if (overrides.is_none()) return out;
  if (!py::isinstance<py::dict>(overrides)) throw py::type_error("overrides must be a dict {\"key.path\": value}");
  for (const auto& [k, v] : overrides.cast<py::dict>()) {
    if (!py::isinstance<py::str>(k)) throw py::type_error("override keys must be strings such as 'traffickers.count'");
    out.push_back(k.cast<std::string>() + "=" + emit(to_yaml(v), true));
  }
  return out;
}

// ---- running a job off the Python thread ----

struct Waiter {
  std::mutex m;
  std::condition_variable cv;
  bool finished = false;
  std::atomic<std::uint64_t> done{0}, total{0};
  std::atomic<bool> changed{false};
};

/// Runs `job(progress)` on a worker thread; see the file comment.
template <class Result>
Result run_guarded(const std::function<Result(const ProgressFn&)>& job, const py::object& callback) {
  struct sigaction old_int {
  }, old_term{};
  ::sigaction(SIGINT, nullptr, &old_int);
  ::sigaction(SIGTERM, nullptr, &old_term);
  clear_stop_request();
  const std::atomic<bool>& stop = install_stop_handlers();

  Waiter w;
  Result result{};
  std::exception_ptr failure;
  const ProgressFn progress = [&w](std::uint64_t d, std::uint64_t t) {
    w.done.store(d);
    w.total.store(t);
    w.changed.store(true);
  };
  std::thread worker([&] {
    try {
      result = job(progress);
    } catch (...) {
      failure = std::current_exception();
    }
    const std::lock_guard lock(w.m);
    w.finished = true;
    w.cv.notify_all();
  });

  std::optional<py::error_already_set> python_error;  // raised by the callback or a Python signal handler
  std::exception_ptr callback_failure;
  for (bool finished = false; !finished;) {
    {
      py::gil_scoped_release release;
      std::unique_lock lock(w.m);
      finished = w.cv.wait_for(lock, std::chrono::milliseconds(50), [&] { return w.finished; });
    }
    if (!python_error && PyErr_CheckSignals() != 0) {
      python_error.emplace();  // takes the pending exception (KeyboardInterrupt)
      request_stop();
    }
    if (!python_error && !callback_failure && !callback.is_none() && w.changed.exchange(false)) {
      try {
        callback(w.done.load(), w.total.load());
      } catch (py::error_already_set& e) {
        python_error.emplace(std::move(e));
        request_stop();
      } catch (...) {  // e.g. a result that does not convert: never leave the worker running
        callback_failure = std::current_exception();
        request_stop();
      }
    }
  }
  worker.join();
  const bool interrupted = stop.load();
  ::sigaction(SIGINT, &old_int, nullptr);
  ::sigaction(SIGTERM, &old_term, nullptr);
  clear_stop_request();
  if (python_error) throw std::move(*python_error);
  if (callback_failure) std::rethrow_exception(callback_failure);
  if (failure) std::rethrow_exception(failure);
  if (interrupted) {
    PyErr_SetNone(PyExc_KeyboardInterrupt);
    throw py::error_already_set();
  }
  return result;
}

ExecutionConfig exec_config(int threads, const std::string& out, bool force, bool resume) {
  if (threads < 0 || threads > 4096) throw py::value_error("threads must be 0 (all cores) to 4096");
  ExecutionConfig cfg;
  cfg.threads = threads;
  cfg.out_dir = out;
  cfg.force = force;
  cfg.quiet = true;
  cfg.resume = resume;
  return cfg;
}

RunPlan plan_of(std::uint64_t n, std::uint64_t seed, std::uint64_t min_n) {
  if (n < min_n) throw py::value_error("n must be at least " + std::to_string(min_n));
  return RunPlan{seed, n};
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "gunflow's library (use the `gunflow` package, which wraps this module)";
  m.attr("__version__") = std::string(kVersion);

  // Scenario problems are ValueErrors carrying the located message; I/O ones OSErrors.
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InputError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const IoError& e) {
      PyErr_SetString(PyExc_OSError, e.what());
    }
  });

  py::class_<LoadedScenario>(m, "Scenario", py::dynamic_attr(), "A validated scenario (gunflow.load)")
      .def_property_readonly("name", [](const LoadedScenario& s) { return s.settings.simulation.name; })
      .def_property_readonly("description", [](const LoadedScenario& s) { return s.settings.simulation.description; })
      .def_property_readonly("start", [](const LoadedScenario& s) { return s.settings.simulation.start.to_string(); })
      .def_property_readonly("end", [](const LoadedScenario& s) { return s.settings.simulation.end.to_string(); })
      .def_property_readonly("source_file", [](const LoadedScenario& s) { return s.source_file; })
      .def_property_readonly("files", [](const LoadedScenario& s) { return s.files; })
      .def_property_readonly("overrides", [](const LoadedScenario& s) { return s.overrides; })
      .def(
          "resolved_yaml", [](const LoadedScenario& s) { return resolved_yaml(s.settings); },
          "The fully resolved scenario as YAML (every key, defaults included)")
      .def("__repr__", [](const LoadedScenario& s) {
        return "<gunflow.Scenario '" + s.settings.simulation.name + "' from " + s.source_file + ">";
      });

  m.def("metrics_csv", &metric_catalogue_csv, "The metric catalogue as metrics.csv text");
  m.def("dict_to_yaml", &dict_to_yaml, py::arg("scenario"), "A scenario dict as a YAML document");
  m.def("override_texts", &override_texts, py::arg("overrides"), "An overrides dict as `--set` texts");

  m.def(
      "load",
      [](const std::string& path, const std::vector<std::string>& overrides) {
        py::gil_scoped_release release;
        return load_scenario(path, overrides);
      },
      py::arg("path"), py::arg("overrides"), "Loads a scenario file with `--set` texts applied");

  m.def(
      "run",
      [](const LoadedScenario& sc, std::uint64_t n, std::uint64_t seed, int threads, const std::string& out, bool force,
         bool resume, const py::object& progress) {
        const RunPlan plan = plan_of(n, seed, 1);
        const ExecutionConfig cfg = exec_config(threads, out, force, resume);
        const RunReport r = run_guarded<RunReport>(
            [&](const ProgressFn& p) { return run_job(sc, plan, cfg, single_process(), p); }, progress);
        return r.finished;
      },
      py::arg("scenario"), py::arg("n"), py::arg("seed"), py::arg("threads"), py::arg("out"), py::arg("force"),
      py::arg("resume"), py::arg("progress"));

  m.def(
      "compare",
      [](const std::vector<LoadedScenario>& scenarios, std::uint64_t n, std::uint64_t seed, int threads,
         const std::string& out, bool force, bool resume, const py::object& progress) {
        const RunPlan plan = plan_of(n, seed, 2);
        const ExecutionConfig cfg = exec_config(threads, out, force, resume);
        const CompareReport r = run_guarded<CompareReport>(
            [&](const ProgressFn& p) { return compare_job(scenarios, plan, cfg, single_process(), p); }, progress);
        return r.finished;
      },
      py::arg("scenarios"), py::arg("n"), py::arg("seed"), py::arg("threads"), py::arg("out"), py::arg("force"),
      py::arg("resume"), py::arg("progress"));

  m.def(
      "sweep",
      [](const std::string& path, const std::vector<std::string>& overrides, int threads, const std::string& out,
         bool force, bool resume, const py::object& progress) {
        SweepSpec spec;
        {
          py::gil_scoped_release release;
          spec = load_sweep(path, overrides);
        }
        const ExecutionConfig cfg = exec_config(threads, out, force, resume);
        const SweepReport r = run_guarded<SweepReport>(
            [&](const ProgressFn& p) { return sweep_job(spec, cfg, single_process(), p); }, progress);
        return py::make_tuple(r.finished, r.points, spec.warnings);
      },
      py::arg("path"), py::arg("overrides"), py::arg("threads"), py::arg("out"), py::arg("force"), py::arg("resume"),
      py::arg("progress"));
}
