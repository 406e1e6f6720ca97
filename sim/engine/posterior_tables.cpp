#include "posterior_tables.hpp"

#include <cmath>

#include "gunflow/core/errors.hpp"
#include "gunflow/engine/calibrate_job.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "gunflow/io/results_writer.hpp"
#include "gunflow/scenario/prior_file.hpp"

namespace gunflow {

std::string posterior_target_label(const CalibrationTarget& t) {
  std::string label = t.metric;
  if (!t.key.empty()) label.append("/").append(t.key);
  if (t.year) label.append("@").append(std::to_string(*t.year));
  return label;
}

std::string posterior_trace_header(const CalibrationSpec& spec) {
  std::string h = "draw,wave";
  for (const PriorParameter& p : spec.posterior->prior.parameters) append_field(h, p.key);
  for (const CalibrationTarget& t : spec.targets) {
    append_field(h, "mean:" + posterior_target_label(t));
    append_field(h, "mc_var:" + posterior_target_label(t));
  }
  return h + ",max_implausibility,kept";
}

std::string posterior_trace_row(std::uint64_t draw, std::uint64_t wave, const Eigen::MatrixXd& values,
                                const PosteriorDrawOutcome& o, double cutoff) {
  std::string row = std::to_string(draw) + "," + std::to_string(wave);
  for (Eigen::Index j = 0; j < values.cols(); ++j) append_number_field(row, values(static_cast<Eigen::Index>(draw), j));
  for (std::size_t t = 0; t < o.mean.size(); ++t) {
    append_number_field(row, o.mean[t]);
    append_number_field(row, o.mc_var[t]);
  }
  append_number_field(row, o.max_implausibility);
  append_field(row, o.kept(cutoff) ? "1" : "0");
  return row + '\n';
}

std::vector<PosteriorTraceRow> read_posterior_trace(const std::string& path, const std::string& header,
                                                    std::size_t parameters, std::size_t targets) {
  std::vector<PosteriorTraceRow> out;
  for (const TraceRow& r :
       read_trace_rows(path, header, "belongs to another prior or other targets; resume with the same")) {
    const std::vector<double>& f = r.fields;
    if (f.size() != 2 + parameters + 2 * targets + 2 || f[0] != static_cast<double>(out.size()) || !(f[1] >= 1))
      throw IoError(path + ":" + std::to_string(r.line),
                    "is not draw " + std::to_string(out.size()) + " of this prior");
    PosteriorTraceRow row;
    row.wave = static_cast<std::uint64_t>(f[1]);
    row.parameters.assign(f.begin() + 2, f.begin() + 2 + static_cast<std::ptrdiff_t>(parameters));
    for (std::size_t t = 0; t < targets; ++t) {
      row.outcome.mean.push_back(f[2 + parameters + 2 * t]);
      row.outcome.mc_var.push_back(f[3 + parameters + 2 * t]);
    }
    row.outcome.max_implausibility = f[2 + parameters + 2 * targets];
    out.push_back(row);
  }
  return out;
}

TargetReach target_reach(const CalibrationSpec& spec, const std::vector<PosteriorDrawOutcome>& done, double cutoff) {
  const std::size_t n = spec.targets.size();
  TargetReach reach{std::vector<std::size_t>(n, 0), std::vector<std::size_t>(n, 0)};
  for (const PosteriorDrawOutcome& o : done) {
    std::vector<std::size_t> over;
    for (std::size_t t = 0; t < n; ++t)
      if (implausibility(o.mean[t], o.mc_var[t], spec.targets[t].low, spec.targets[t].high) > cutoff) over.push_back(t);
    for (std::size_t t : over) ++reach.ruled_out[t];
    if (over.size() == 1) ++reach.only_by_it[over.front()];
  }
  return reach;
}

std::string posterior_targets_csv(const CalibrationSpec& spec, const TargetReach& reach) {
  std::string out = "target,band_low,band_high,draws_ruled_out,draws_ruled_out_by_it_alone\n";
  for (std::size_t t = 0; t < spec.targets.size(); ++t)
    out += posterior_target_label(spec.targets[t]) + "," + format_number(spec.targets[t].low) + "," +
           format_number(spec.targets[t].high) + "," + std::to_string(reach.ruled_out[t]) + "," +
           std::to_string(reach.only_by_it[t]) + "\n";
  return out;
}

std::string identifiability_csv(const CalibrationSpec& spec, const PosteriorReport& r, const Eigen::MatrixXd& values,
                                const Eigen::VectorXd& kept) {
  std::string out =
      "parameter,distribution,prior_low,prior_high,prior_sd,posterior_sd,sd_ratio,sd_ratio_upper95,posterior_q05,"
      "posterior_median,posterior_q95,verdict,pinned_by\n";
  for (std::size_t j = 0; j < r.identifiability.size(); ++j) {
    const PriorParameter& p = spec.posterior->prior.parameters[j];
    const Identifiability& id = r.identifiability[j];
    const Eigen::VectorXd col = values.col(static_cast<Eigen::Index>(j));
    const bool any = r.accepted > 0;
    auto q = [&](double x) { return any ? format_number(weighted_quantile(col, kept, x)) : std::string(); };
    const char* verdict = !any ? "no posterior" : identifiability_verdict(id);
    std::string by;
    for (int t : id.pinned_by)
      by += (by.empty() ? "" : "; ") + posterior_target_label(spec.targets[static_cast<std::size_t>(t)]) + " (rho " +
            format_number(std::round(id.rho[static_cast<std::size_t>(t)] * 100) / 100) + ")";
    out += p.key + "," + (p.log_uniform ? "log-uniform" : "uniform") + "," + format_number(p.low) + "," +
           format_number(p.high) + "," + format_number(id.prior_sd) + "," +
           (any ? format_number(id.posterior_sd) : "") + "," + (any ? format_number(id.ratio) : "") + "," +
           (any && std::isfinite(id.ratio_upper) ? format_number(id.ratio_upper) : "") + "," + q(0.05) + "," + q(0.5) +
           "," + q(0.95) + "," + verdict + ",\"" + by + "\"\n";
  }
  return out;
}

namespace {
/// A wave's emulator check for target `t`: empty cells before the wave's runs are done.
std::string check_cells(const PosteriorWave& w, std::size_t t) {
  if (t >= w.checks.size()) return ",";
  return format_number(w.checks[t].rmse) + "," + format_number(w.checks[t].within_3sd);
}
}  // namespace

std::string posterior_waves_csv(const CalibrationSpec& spec, const std::vector<PosteriorWave>& waves) {
  std::string out =
      "wave,draws,kept,tried,screened_share,target,screen_cutoff,emulator_runs,emulator_terms,emulator_r_squared,"
      "emulator_residual_sd,emulator_check_rmse,emulator_check_within_3sd\n";
  for (const PosteriorWave& w : waves) {
    const std::string head = std::to_string(w.wave) + "," + std::to_string(w.draws) + "," + std::to_string(w.kept) +
                             "," + std::to_string(w.tried) + "," + format_number(w.share) + ",";
    if (!w.screen) {
      out += head + ",,,,,,,\n";
      continue;
    }
    for (std::size_t t = 0; t < spec.targets.size(); ++t) {
      const RegressionEmulator& e = w.screen->emulators()[t];
      out += head + posterior_target_label(spec.targets[t]) + "," + format_number(w.screen->cutoffs()[t]) + "," +
             std::to_string(w.emulator_runs) + "," + std::to_string(e.terms()) + "," + format_number(e.r_squared()) +
             "," + format_number(e.residual_sd()) + "," + check_cells(w, t) + "\n";
    }
  }
  return out;
}

}  // namespace gunflow
