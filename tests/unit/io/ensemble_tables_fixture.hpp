#pragma once
// A hand-made ensemble for the writer and report tests: two policies, one metric
// (lower is better), four parameter sets of one parameter.
#include "gunflow/io/ensemble_writer.hpp"

namespace gunflow::test {

inline EnsembleTables small_ensemble() {
  EnsembleTables t;
  t.policies = {"a", "b"};
  t.metrics = {"guns_trafficked"};
  t.lower_is_better = {1};
  t.keys = {"violence.stock_elasticity"};
  t.values = Eigen::MatrixXd(4, 1);
  t.values << 0.1, 0.5, 1.0, 1.5;
  t.weights = Eigen::VectorXd::Ones(4);
  t.ids = {0, 1, 2, 3};
  Eigen::VectorXd ea(4), eb(4), base = Eigen::VectorXd::Constant(4, 1000.0);
  ea << -1, -2, -3, -4;  // a's cut grows with the parameter
  eb << -2.5, -2.5, -2.5, -2.5;
  t.base_mean = {{base}, {base}};
  t.effect_pct = {{ea}, {eb}};
  t.mc_low_pct = {{(ea.array() - 0.5).matrix()}, {(eb.array() - 1.0).matrix()}};
  t.mc_high_pct = {{(ea.array() + 0.5).matrix()}, {(eb.array() + 1.0).matrix()}};
  return t;
}

}  // namespace gunflow::test
