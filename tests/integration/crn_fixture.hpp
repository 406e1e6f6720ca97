#pragma once
// Shared by the common-random-numbers checks (test_common_random_numbers.cpp, the
// per-policy ones in test_policies.cpp, the supply mechanisms and the natural experiment):
// a short baseline, a metric's series, and replications summed.
#include <catch2/catch.hpp>

#include <string>

#include "gunflow/model/simulation.hpp"
#include "gunflow/scenario/loader.hpp"

namespace gunflow::test {

/// A year of 2010 after a 30-day warm-up (short, but every mechanism acts).
inline void shorten_to_2010(Settings& s) {
  s.simulation.start = Date::from_ymd(2010, 1, 1);
  s.simulation.end = Date::from_ymd(2011, 1, 1);
  s.simulation.warmup_days = 30;
}
inline Settings baseline_2010() {
  Settings s = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/baseline.yaml").settings;
  shorten_to_2010(s);
  return s;
}
/// A shipped scenario (a path under scenarios/) over 2010-2011 after 120 days of warm-up:
/// the policy scenarios start in 2011, so 2011 is a policy's first year.
inline Settings two_years(const std::string& file) {
  Settings s = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/" + file).settings;
  s.simulation.start = Date::from_ymd(2010, 1, 1);
  s.simulation.end = Date::from_ymd(2012, 1, 1);
  s.simulation.warmup_days = 120;
  return s;
}
/// Every series of `metric` (one row per key, one column per year).
inline Eigen::ArrayXXd series(const Model& m, const ReplicationResult& r, const std::string& metric) {
  const auto& all = m.layout().series();
  Eigen::ArrayXXd out(0, r.values.cols());
  for (std::size_t i = 0; i < all.size(); ++i)
    if (all[i].metric == metric) {
      out.conservativeResize(out.rows() + 1, Eigen::NoChange);
      out.row(out.rows() - 1) = r.values.row(static_cast<Eigen::Index>(i));
    }
  REQUIRE(out.rows() > 0);
  return out;
}

/// Replications 0…reps−1 of one scenario under one seed, their values summed: two such sums,
/// of a base and a policy, are paired replication by replication (common random numbers).
struct SummedRuns {
  Model model;
  Eigen::ArrayXXd sum;
  SummedRuns(const Settings& s, std::uint64_t seed, int reps) : model(s) {
    for (int r = 0; r < reps; ++r) {
      const ReplicationResult res = model.run(seed, static_cast<std::uint64_t>(r));
      sum = r == 0 ? res.values : Eigen::ArrayXXd(sum + res.values);
    }
  }
  /// A series in calendar year `year`, summed over the replications.
  [[nodiscard]] double at(const std::string& metric, const std::string& key, int year) const {
    return sum(static_cast<Eigen::Index>(model.layout().index(metric, key)), year - model.layout().first_year());
  }
};

}  // namespace gunflow::test
