// The compare report's effect table beside an ensemble of the same scenarios: each
// effect's 90% interval across parameter sets (read from ensemble_effects.csv, nothing
// recomputed) next to the comparison's own Monte Carlo interval. The ensemble's effects
// are percent changes of the mean over its effect years (run.json `effect_years`), not of
// the last year the effect table otherwise shows, so the comparison's paired effect is
// recomputed from its replications.csv over the same years with the same estimator
// (engine/ensemble_job.cpp): the mean paired difference in percent of the baseline's mean,
// with its 95% t-interval.
#include <fstream>
#include <set>
#include <sstream>

#include "gunflow/core/errors.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "gunflow/io/ensemble_report.hpp"
#include "gunflow/io/input_manifest.hpp"
#include "gunflow/tally/summary.hpp"
#include "report_parts.hpp"

namespace gunflow::report {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

[[noreturn]] void refuse_ensemble(const std::string& dir, const std::string& why) {
  throw InputError(InputProblem{dir, 0, 0, "--ensemble", why});
}

/// The ensemble's effect years from its run.json ("2011-2012").
void read_effect_years(const std::string& dir, const json& run, EnsembleColumns& out) {
  const std::string years = run.value("effect_years", std::string());
  const auto dash = years.find('-', 1);
  try {
    if (dash == std::string::npos) throw std::invalid_argument(years);
    out.first_year = std::stoi(years.substr(0, dash));
    out.last_year = std::stoi(years.substr(dash + 1));
  } catch (const std::exception&) {
    refuse_ensemble(dir, "its run.json names no effect_years (\"" + years + "\"): not a gunflow ensemble output");
  }
}

/// Checks that the ensemble ran this comparison's baseline, and notes compared scenarios it lacks.
void check_same_scenarios(const std::string& dir, const json& run, const json& cmp,
                          const std::set<std::string>& policies, std::vector<std::string>& notes) {
  const std::string base = cmp.at("base");
  const json names = run.value("scenarios", json::array());
  if (names.empty() || !names.front().is_string())
    notes.push_back("parameter uncertainty: " + dir +
                    "/run.json does not name the ensemble's baseline (an ensemble from an older gunflow); check "
                    "that it ran the same baseline as this comparison");
  else if (names.front().get<std::string>() != base)
    refuse_ensemble(dir, "its baseline is '" + names.front().get<std::string>() + "', this comparison's is '" + base +
                             "'; an ensemble adds parameter uncertainty only to a comparison of the same scenarios");
  for (const json& c : cmp.at("comparisons"))
    if (!policies.count(c.at("scenario").get<std::string>()))
      notes.push_back("parameter uncertainty of '" + c.at("scenario").get<std::string>() + "': the ensemble in " + dir +
                      " did not run that scenario");
}

/// The baseline arm's inputs as inputs.txt records them ("arm0.KEY HASH PATH"): key and
/// content hash, not the path (a moved directory still names the same files); empty when
/// the file is missing (an output from an older gunflow).
std::vector<std::string> baseline_inputs(const fs::path& dir) {
  std::vector<std::string> out;
  if (!fs::exists(dir / "inputs.txt")) return out;
  for (const auto& [role, line] : parse_manifest(read_file((dir / "inputs.txt").string())))
    if (role.rfind("arm0.", 0) == 0) out.push_back(role + " " + line.hash);
  return out;
}

/// Refuses an ensemble whose baseline is not this comparison's: other scenario or data
/// files (by content), or other --set overrides (which apply to every scenario of both).
void check_same_baseline(const std::string& dir, const json& run, const fs::path& compare_dir,
                         std::vector<std::string>& notes) {
  const std::vector<std::string> ours = baseline_inputs(compare_dir), theirs = baseline_inputs(dir);
  if (ours.empty() || theirs.empty())
    notes.push_back("parameter uncertainty: no inputs.txt to check that " + dir +
                    " ran this comparison's baseline files (an output from an older gunflow)");
  else if (ours != theirs)
    refuse_ensemble(dir,
                    "its baseline was run from other scenario or data files (or other contents of them) than this "
                    "comparison's (inputs.txt); an ensemble adds parameter uncertainty only to a comparison of the "
                    "same scenarios");
  json compare_run = json::object();
  if (fs::exists(compare_dir / "run.json")) compare_run = json::parse(read_file((compare_dir / "run.json").string()));
  const json our_overrides = compare_run.value("overrides", json::array());
  const json their_overrides = run.value("overrides", json::array());
  if (our_overrides != their_overrides)
    refuse_ensemble(dir, "it was run with the overrides " + their_overrides.dump() + ", this comparison with " +
                             our_overrides.dump() +
                             "; an ensemble adds parameter uncertainty only to a comparison "
                             "of the same scenarios");
}

/// scenario → metric → replication → (sum over the effect years, years counted).
using WindowSums = std::map<std::string, std::map<std::string, std::map<std::uint64_t, std::pair<double, int>>>>;

WindowSums window_sums(const fs::path& compare_dir, const std::set<std::string>& metrics, int first, int last) {
  WindowSums sums;
  std::ifstream in(compare_dir / "replications.csv");
  std::string line;
  std::getline(in, line);  // header: scenario,replication,year,metric,key,value
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
    if (f.size() != 6 || f[4] != "total" || !metrics.count(f[3])) continue;
    const int year = std::stoi(f[2]);
    if (year < first || year > last) continue;
    auto& cell = sums[f[0]][f[3]][std::stoull(f[1])];
    cell.first += std::stod(f[5]);
    ++cell.second;
  }
  return sums;
}

/// The paired effect of `pol` against `base` on the mean over the effect years, in percent
/// of the baseline's mean; unknown unless every pair covers every effect year.
PctInterval window_effect(const std::map<std::uint64_t, std::pair<double, int>>& base,
                          const std::map<std::uint64_t, std::pair<double, int>>& pol, int years) {
  std::vector<double> diffs;
  double base_sum = 0;
  for (const auto& [rep, b] : base) {
    const auto it = pol.find(rep);
    if (it == pol.end()) continue;
    if (b.second != years || it->second.second != years) return {};
    diffs.push_back((it->second.first - b.first) / years);
    base_sum += b.first / years;
  }
  if (diffs.size() < 2 || base_sum == 0) return {};
  const Summary d = summarize(diffs);
  const double scale = 100.0 / (base_sum / static_cast<double>(diffs.size()));
  return {d.mean * scale, std::min(d.ci_low * scale, d.ci_high * scale), std::max(d.ci_low * scale, d.ci_high * scale),
          true};
}
}  // namespace

EnsembleColumns ensemble_columns(const fs::path& compare_dir, const json& cmp, const std::string& ensemble_dir,
                                 std::vector<std::string>& notes) {
  if (!is_ensemble_dir(ensemble_dir))
    refuse_ensemble(ensemble_dir,
                    "holds no ensemble_effects.csv: not a finished gunflow ensemble (an interrupted one finishes "
                    "with --resume)");
  const fs::path run_file = fs::path(ensemble_dir) / "run.json";
  if (!fs::exists(run_file)) refuse_ensemble(ensemble_dir, "holds no run.json: not a gunflow ensemble output");
  const json run = json::parse(read_file(run_file.string()));
  EnsembleColumns out;
  out.dir = ensemble_dir;
  read_effect_years(ensemble_dir, run, out);
  std::set<std::string> policies, metrics;
  for (const CsvRow& r : read_output_csv(fs::path(ensemble_dir) / "ensemble_effects.csv")) {
    const auto at = [&](const char* column) { return std::stod(r.at(column)); };
    policies.insert(r.at("policy"));
    metrics.insert(r.at("metric"));
    out.across_sets[{r.at("policy"), r.at("metric")}] = {at("median_pct"), at("q05_pct"), at("q95_pct"), true};
  }
  check_same_scenarios(ensemble_dir, run, cmp, policies, notes);
  check_same_baseline(ensemble_dir, run, compare_dir, notes);
  const WindowSums sums = window_sums(compare_dir, metrics, out.first_year, out.last_year);
  const std::string base = cmp.at("base");
  const int years = out.last_year - out.first_year + 1;
  bool missing_years = false;
  for (const json& c : cmp.at("comparisons")) {
    const std::string name = c.at("scenario");
    if (!sums.count(base) || !sums.count(name)) continue;
    for (const std::string& metric : metrics) {
      const auto b = sums.at(base).find(metric), p = sums.at(name).find(metric);
      if (b == sums.at(base).end() || p == sums.at(name).end()) continue;
      out.this_run[{name, metric}] = window_effect(b->second, p->second, years);
      missing_years = missing_years || !out.this_run[{name, metric}].known;
    }
  }
  if (missing_years || sums.empty())
    notes.push_back("this comparison's effect over the ensemble's effect years " + std::to_string(out.first_year) +
                    "–" + std::to_string(out.last_year) +
                    " where replications.csv lacks some of those years (or the baseline mean is 0)");
  return out;
}

}  // namespace gunflow::report
