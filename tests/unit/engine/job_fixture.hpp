#pragma once
// Short scenarios for the job tests (run, compare, sweep, calibrate): the fixture's
// six-month run cut to two months after a 30-day warm-up, which is enough for every
// daily mechanism to act and keeps a replication to a few milliseconds.
#include <string>

#include "gunflow/core/date.hpp"
#include "gunflow/engine/run_plan.hpp"
#include "gunflow/scenario/loader.hpp"

namespace gunflow::test {

inline std::string fixture(const std::string& name) {
  return std::string(GUNFLOW_SOURCE_DIR) + "/tests/fixtures/" + name;
}

inline void shorten(Settings& s) {
  s.simulation.end = Date::from_ymd(2010, 3, 1);
  s.simulation.warmup_days = 30;
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
