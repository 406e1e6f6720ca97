#pragma once
// Short scenarios for the job tests (run, compare, sweep, calibrate, report): the
// fixture's six-month run cut to January 2010 after a 10-day warm-up. These tests check
// the jobs' plumbing (files, resume, shards, refusals), not the model, so the shortest
// run that still has trafficking, seizures and recoveries to write will do.
#include <string>

#include "gunflow/core/date.hpp"
#include "gunflow/engine/run_plan.hpp"
#include "gunflow/scenario/loader.hpp"

namespace gunflow::test {

inline std::string fixture(const std::string& name) {
  return std::string(GUNFLOW_SOURCE_DIR) + "/tests/fixtures/" + name;
}

inline void shorten(Settings& s) {
  s.simulation.end = Date::from_ymd(2010, 2, 1);
  s.simulation.warmup_days = 10;
}

inline LoadedScenario short_scenario(const std::string& name = "short.yaml") {
  LoadedScenario sc = load_scenario(fixture("scenarios/" + name));
  shorten(sc.settings);
  return sc;
}

/// One thread, no progress bar, into `dir`.
inline ExecutionConfig quiet_config(const std::string& dir) {
  ExecutionConfig cfg;
  cfg.threads = 1;
  cfg.out_dir = dir;
  cfg.quiet = true;
  return cfg;
}

}  // namespace gunflow::test
