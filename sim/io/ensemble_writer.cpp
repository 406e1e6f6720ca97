#include "gunflow/io/ensemble_writer.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "gunflow/analysis/ensemble_stats.hpp"
#include "gunflow/analysis/prim.hpp"
#include "gunflow/io/results_writer.hpp"

namespace gunflow {

namespace {
/// The rows of `m` whose set has a positive weight. PRIM and the rank correlations count
/// every such set once: a set of weight 0 is not in the posterior, so it must not shape a
/// box or a correlation (the effect summaries weigh sets by their weights).
Eigen::MatrixXd weighted_in(const Eigen::MatrixXd& m, const Eigen::VectorXd& weights) {
  std::vector<Eigen::Index> rows;
  for (Eigen::Index s = 0; s < weights.size(); ++s)
    if (weights(s) > 0) rows.push_back(s);
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), m.cols());
  for (std::size_t r = 0; r < rows.size(); ++r) out.row(static_cast<Eigen::Index>(r)) = m.row(rows[r]);
  return out;
}
}  // namespace

std::string ensemble_sets_csv(const EnsembleTables& t) {
  std::string out = "set,weight,policy,metric,baseline_mean,effect_pct,mc_low_pct,mc_high_pct\n";
  for (Eigen::Index s = 0; s < t.values.rows(); ++s)
    for (std::size_t p = 0; p < t.policies.size(); ++p)
      for (std::size_t m = 0; m < t.metrics.size(); ++m)
        out += std::to_string(t.ids[static_cast<std::size_t>(s)]) + "," + format_number(t.weights(s)) + "," +
               t.policies[p] + "," + t.metrics[m] + "," + format_number(t.base_mean[p][m](s)) + "," +
               format_number(t.effect_pct[p][m](s)) + "," + format_number(t.mc_low_pct[p][m](s)) + "," +
               format_number(t.mc_high_pct[p][m](s)) + "\n";
  return out;
}

std::string ensemble_effects_csv(const EnsembleTables& t) {
  std::string out =
      "policy,metric,sets,median_pct,q05_pct,q95_pct,mc_half_width_pct,claimed_sign,p_claimed_sign,"
      "parameter_to_mc_ratio\n";
  for (std::size_t p = 0; p < t.policies.size(); ++p)
    for (std::size_t m = 0; m < t.metrics.size(); ++m) {
      const Eigen::VectorXd half = 0.5 * (t.mc_high_pct[p][m] - t.mc_low_pct[p][m]);
      const EffectDistribution d = effect_distribution(t.effect_pct[p][m], half, t.weights);
      // How much wider the parameter uncertainty is than the Monte Carlo one.
      const double ratio = d.mc_half_width > 0 ? 0.5 * (d.q95 - d.q05) / d.mc_half_width : 0.0;
      out += t.policies[p] + "," + t.metrics[m] + "," + std::to_string(t.values.rows()) + "," +
             format_number(d.median) + "," + format_number(d.q05) + "," + format_number(d.q95) + "," +
             format_number(d.mc_half_width) + "," + std::to_string(d.claimed_sign) + "," + format_number(d.p_sign) +
             "," + format_number(ratio) + "\n";
    }
  return out;
}

std::string ensemble_ranking_csv(const EnsembleTables& t) {
  std::string out = "metric,better,policy_a,policy_b,p_a_beats_b\n";
  for (std::size_t m = 0; m < t.metrics.size(); ++m)
    for (std::size_t a = 0; a < t.policies.size(); ++a)
      for (std::size_t b = 0; b < t.policies.size(); ++b) {
        if (a == b) continue;
        const bool lower = t.lower_is_better[m] != 0;
        out += t.metrics[m] + "," + (lower ? "lower" : "higher") + "," + t.policies[a] + "," + t.policies[b] + "," +
               format_number(p_beats(t.effect_pct[a][m], t.effect_pct[b][m], t.weights, lower)) + "\n";
      }
  return out;
}

std::string ensemble_sensitivity_csv(const EnsembleTables& t) {
  std::string out = "policy,metric,parameter,spearman_rho,rank\n";
  const Eigen::MatrixXd values = weighted_in(t.values, t.weights);
  for (std::size_t p = 0; p < t.policies.size(); ++p)
    for (std::size_t m = 0; m < t.metrics.size(); ++m) {
      const Eigen::VectorXd effect = weighted_in(t.effect_pct[p][m], t.weights).col(0);
      std::vector<double> rho;
      for (Eigen::Index j = 0; j < values.cols(); ++j) rho.push_back(spearman(values.col(j), effect));
      std::vector<std::size_t> order(rho.size());
      std::iota(order.begin(), order.end(), 0);
      std::stable_sort(order.begin(), order.end(),
                       [&](std::size_t a, std::size_t b) { return std::abs(rho[a]) > std::abs(rho[b]); });
      std::vector<std::size_t> rank(rho.size());
      for (std::size_t r = 0; r < order.size(); ++r) rank[order[r]] = r + 1;
      for (std::size_t j = 0; j < rho.size(); ++j)
        out += t.policies[p] + "," + t.metrics[m] + "," + t.keys[j] + "," + format_number(rho[j]) + "," +
               std::to_string(rank[j]) + "\n";
    }
  return out;
}

std::string prim_boxes_csv(const EnsembleTables& t, std::size_t policy, std::size_t metric, bool above,
                           double threshold) {
  const Eigen::VectorXd e = weighted_in(t.effect_pct[policy][metric], t.weights).col(0);
  Eigen::VectorXd fails(e.size());
  for (Eigen::Index s = 0; s < e.size(); ++s) fails(s) = (above ? e(s) > threshold : e(s) < threshold) ? 1.0 : 0.0;
  const PrimResult r = prim(weighted_in(t.values, t.weights), fails);
  std::string out = "box,chosen,coverage,density,mass,points,restricted";
  for (const std::string& k : t.keys) out += "," + k + ":low," + k + ":high";
  out += "\n";
  const PrimBox& all = r.trajectory.front();
  // One row: the bounds peeled away from the data's range, with their quasi-p-values for
  // the pruned box.
  auto row = [&](const std::string& id, bool chosen, const PrimBox& box, const Eigen::VectorXd* p) {
    std::string restricted;
    for (std::size_t j = 0; j < t.keys.size(); ++j) {
      const auto i = static_cast<Eigen::Index>(j);
      if (restricts(box, all, i))
        restricted += (restricted.empty() ? "" : "; ") + t.keys[j] + " in [" + format_number(box.low(i)) + ", " +
                      format_number(box.high(i)) + "]" + (p ? " (p " + format_number((*p)(i)) + ")" : "");
    }
    out += id + "," + (chosen ? "1" : "0") + "," + format_number(box.coverage) + "," + format_number(box.density) +
           "," + format_number(box.mass) + "," + std::to_string(box.points) + ",\"" + restricted + "\"";
    for (std::size_t j = 0; j < t.keys.size(); ++j) {
      append_number_field(out, box.low(static_cast<Eigen::Index>(j)));
      append_number_field(out, box.high(static_cast<Eigen::Index>(j)));
    }
    out += '\n';
  };
  for (std::size_t b = 0; b < r.trajectory.size(); ++b)
    row(std::to_string(b), static_cast<int>(b) == r.chosen, r.trajectory[b], nullptr);
  row("pruned", false, r.pruned, &r.restriction_p);
  return out;
}

}  // namespace gunflow
