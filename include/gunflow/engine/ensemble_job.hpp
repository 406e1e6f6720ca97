#pragma once
// `gunflow ensemble`: policy effects under parameter uncertainty. For every parameter
// set (drawn from a prior file, or the rows of a posterior.csv) the baseline and every
// policy scenario run the same replications with the same seed (common random numbers
// inside each set, and across sets), and each policy's effect is the paired difference
// against the baseline in the same set. Across sets the effects form a distribution:
// median and 90% interval, the Monte Carlo interval inside each set, the probability of
// the claimed sign, a robust ranking (P(A beats B) over sets) and rank correlations of
// the effects with the parameters; optionally PRIM boxes where a policy fails a threshold.
#include <optional>
#include <string>
#include <vector>

#include "gunflow/engine/cluster.hpp"
#include "gunflow/engine/replication_runner.hpp"
#include "gunflow/engine/run_plan.hpp"
#include "gunflow/scenario/loader.hpp"
#include "gunflow/scenario/prior_file.hpp"

namespace gunflow {

/// "The policy fails where its effect on the metric (percent of the baseline) is above
/// (or below) the threshold": `--fail combined:guns_trafficked>-5`.
struct FailureRule {
  std::string policy, metric;
  bool above = true;  ///< fails when effect > threshold (else when effect < threshold)
  double threshold = 0;
};
/// Parses POLICY:METRIC>X or POLICY:METRIC<X; InputError otherwise.
FailureRule parse_failure_rule(const std::string& text);

struct EnsembleOptions {
  std::optional<int> from_year;  ///< effects on the mean of the years from this one (default: see .cpp)
  std::optional<FailureRule> fail;
};

struct EnsembleReport {
  std::uint64_t sets = 0, items = 0, finished = 0;
  bool interrupted = false;
  double wall_seconds = 0;
  bool root = true;
};

/// scenarios[0] is the baseline; each item (set, scenario) runs plan.replications
/// replications, so the checkpoint and --resume work per item, and MPI ranks or
/// --shard I/N split the items in contiguous blocks. Outputs (rank 0, once every item is
/// done): ensemble_parameters.csv, ensemble_sets.csv, ensemble_effects.csv,
/// ensemble_ranking.csv, ensemble_sensitivity.csv, prim_boxes.csv (with a failure rule)
/// and run.json. Byte-identical whatever the thread count, ranks or shard split.
EnsembleReport ensemble_job(const std::vector<LoadedScenario>& scenarios, const ParameterSets& sets,
                            const RunPlan& plan, const EnsembleOptions& options, const ExecutionConfig& cfg,
                            Cluster& cluster = single_process());

}  // namespace gunflow
