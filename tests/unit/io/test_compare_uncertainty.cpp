// html_report.hpp with ReportContext::ensemble_dir (`gunflow report DIR --ensemble ENS`):
// the comparison's effect table beside an ensemble of the same scenarios.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "../engine/job_fixture.hpp"
#include "ensemble_tables_fixture.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/engine/compare_job.hpp"
#include "gunflow/engine/run_job.hpp"
#include "gunflow/io/html_report.hpp"
#include "temp_dir.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;

namespace {

/// A finished ensemble as `gunflow ensemble` leaves it: the effects of `policies` (the
/// fixture's effects: the first policy's guns_trafficked median -2.5%, 5%–95% -4% to -1%)
/// and a run.json naming its scenarios (baseline first) and effect years.
void write_ensemble(const std::string& dir, const std::string& base, const std::vector<std::string>& policies,
                    const std::string& years) {
  std::filesystem::create_directories(dir);
  EnsembleTables t = test::small_ensemble();
  t.policies = policies;
  std::ofstream(dir + "/ensemble_effects.csv") << ensemble_effects_csv(t);
  nlohmann::json run = {{"effect_years", years}, {"scenarios", {base}}};
  for (const std::string& p : policies) run["scenarios"].push_back(p);
  std::ofstream(dir + "/run.json") << run.dump(1);
}

/// The text of the first <td class="CLASS"> in the table row of `metric`.
std::string cell(const std::string& html, const std::string& metric, const std::string& cls) {
  const auto row = html.find("<tr data-metric=\"" + metric + "\">");
  REQUIRE(row != std::string::npos);
  const auto start = html.find("<td class=\"" + cls + "\">", row);
  REQUIRE(start != std::string::npos);
  const auto text = html.find('>', start) + 1;
  return html.substr(text, html.find("</td>", text) - text);
}

/// The "% [95% CI]" cell (the sixth) of the row of `metric`.
std::string last_year_pct_cell(const std::string& html, const std::string& metric) {
  auto at = html.find("<tr data-metric=\"" + metric + "\">");
  REQUIRE(at != std::string::npos);
  for (int i = 0; i < 6; ++i) at = html.find("<td", at + 1);
  const auto text = html.find('>', at) + 1;
  return html.substr(text, html.find("</td>", text) - text);
}

}  // namespace

TEST_CASE("a comparison's effect table adds the interval across parameter sets of an ensemble",
          "[io][html_report][ensemble]") {
  const test::TempDir dir("compare_uncertainty");
  const LoadedScenario base = test::short_scenario(), policy = test::short_scenario("short_policy.yaml");
  compare_job({base, policy}, RunPlan{1, 3}, test::quiet_config(dir.file("cmp")));
  // The short scenarios simulate 2010 only, so an ensemble over 2010 is on the last year.
  write_ensemble(dir.file("ens"), "short", {"short-inspection", "elsewhere"}, "2010-2010");
  ReportContext ctx;
  ctx.ensemble_dir = dir.file("ens");
  const std::string html = html_report(dir.file("cmp"), ctx);
  CHECK_THAT(html, Contains("id=\"parameter-uncertainty\"") && Contains("across parameter sets: median [90%]"));
  // Across sets: ensemble_effects.csv's median and 5%–95%, as the ensemble wrote them.
  CHECK(cell(html, "guns_trafficked", "across-sets") == "-2.5% [-4, -1]");
  // Over a one-year window the comparison's effect is its last-year effect: computed from
  // replications.csv here, from the paired tallies in compare.json there.
  CHECK(cell(html, "guns_trafficked", "window-mc") == last_year_pct_cell(html, "guns_trafficked"));
  CHECK(cell(html, "guns_trafficked", "window-mc").find('[') != std::string::npos);
  // A metric the ensemble does not carry says so rather than showing a number.
  CHECK_THAT(cell(html, "arsenal_stock", "across-sets"), Contains("not in the ensemble"));
  // Without --ensemble the table has no such columns.
  CHECK(html_report(dir.file("cmp"), ReportContext{}).find("across-sets") == std::string::npos);
}

TEST_CASE("the comparison's effect is recomputed over the ensemble's effect years", "[io][html_report][ensemble]") {
  const test::TempDir dir("compare_uncertainty_years");
  compare_job({test::short_scenario(), test::short_scenario("short_policy.yaml")}, RunPlan{1, 2},
              test::quiet_config(dir.file("cmp")));
  // Replace the replications by hand-made ones over 2010–2012 with known means: over
  // 2011–2012 the baseline's replication means are 200 and 200, the policy's 190 and 180.
  // 2010 (outside the window) and a breakdown key must be left out.
  std::ofstream(dir.file("cmp/replications.csv")) << "scenario,replication,year,metric,key,value\n"
                                                     "short,0,2010,guns_trafficked,total,1000\n"
                                                     "short,0,2011,guns_trafficked,total,100\n"
                                                     "short,0,2012,guns_trafficked,total,300\n"
                                                     "short,1,2011,guns_trafficked,total,150\n"
                                                     "short,1,2012,guns_trafficked,total,250\n"
                                                     "short-inspection,0,2010,guns_trafficked,total,0\n"
                                                     "short-inspection,0,2011,guns_trafficked,total,90\n"
                                                     "short-inspection,0,2011,guns_trafficked,TX,5000\n"
                                                     "short-inspection,0,2012,guns_trafficked,total,290\n"
                                                     "short-inspection,1,2011,guns_trafficked,total,130\n"
                                                     "short-inspection,1,2012,guns_trafficked,total,230\n";
  write_ensemble(dir.file("ens"), "short", {"short-inspection"}, "2011-2012");
  ReportContext ctx;
  ctx.ensemble_dir = dir.file("ens");
  const std::string html = html_report(dir.file("cmp"), ctx);
  // Paired differences -10 and -20: mean -15, i.e. -7.5% of 200; 95% t-interval
  // -15 ± t(0.975, 1) · sqrt(50)/sqrt(2) = -15 ± 12.7062 · 5 (t from any t table), in
  // percent of 200: [-39.3, 24.3], shown to two digits.
  CHECK(cell(html, "guns_trafficked", "window-mc") == "-7.5% [-39, 24]");
  CHECK_THAT(html, Contains("% over 2011–2012 [95% Monte Carlo]"));
  CHECK(html.find("replications.csv lacks some of those years") == std::string::npos);
  // Effect years the comparison did not simulate (2013): said, not averaged over fewer years.
  write_ensemble(dir.file("ens"), "short", {"short-inspection"}, "2011-2013");
  const std::string longer = html_report(dir.file("cmp"), ctx);
  CHECK_THAT(cell(longer, "guns_trafficked", "window-mc"), Contains("— (years or baseline missing)"));
  CHECK_THAT(longer, Contains("replications.csv lacks some of those years"));
}

TEST_CASE("report --ensemble refuses what is not an ensemble of the same comparison", "[io][html_report][ensemble]") {
  const test::TempDir dir("compare_uncertainty_refusals");
  compare_job({test::short_scenario(), test::short_scenario("short_policy.yaml")}, RunPlan{1, 2},
              test::quiet_config(dir.file("cmp")));
  ReportContext ctx;
  // Not an ensemble (or an unfinished one): named, with the option.
  ctx.ensemble_dir = dir.file("cmp");
  CHECK_THROWS_AS(html_report(dir.file("cmp"), ctx), InputError);
  CHECK_THROWS_WITH(html_report(dir.file("cmp"), ctx), Contains("--ensemble") && Contains("ensemble_effects.csv"));
  // Another baseline.
  write_ensemble(dir.file("other"), "baseline", {"short-inspection"}, "2010-2010");
  ctx.ensemble_dir = dir.file("other");
  CHECK_THROWS_WITH(html_report(dir.file("cmp"), ctx), Contains("its baseline is 'baseline'") && Contains("'short'"));
  // The same names but another baseline: its files edited since (another content hash in
  // inputs.txt), or run with other --set overrides. Before, only the names were compared.
  write_ensemble(dir.file("edited"), "short", {"short-inspection"}, "2010-2010");
  {
    std::ifstream in(dir.file("cmp") + "/inputs.txt");
    std::ofstream out(dir.file("edited") + "/inputs.txt");
    std::string line;
    for (bool first = true; std::getline(in, line); first = false) {
      if (first) line.replace(line.find(' ') + 1, 4, "ffff");  // arm0's first file, another content
      out << line << "\n";
    }
  }
  ctx.ensemble_dir = dir.file("edited");
  CHECK_THROWS_WITH(html_report(dir.file("cmp"), ctx), Contains("other scenario or data files"));
  write_ensemble(dir.file("overridden"), "short", {"short-inspection"}, "2010-2010");
  std::filesystem::copy_file(dir.file("cmp") + "/inputs.txt", dir.file("overridden") + "/inputs.txt");
  nlohmann::json run = {{"effect_years", "2010-2010"},
                        {"scenarios", {"short", "short-inspection"}},
                        {"overrides", {"demand.guns_per_year=100000"}}};
  std::ofstream(dir.file("overridden") + "/run.json") << run.dump(1);
  ctx.ensemble_dir = dir.file("overridden");
  CHECK_THROWS_WITH(html_report(dir.file("cmp"), ctx), Contains("demand.guns_per_year=100000"));
  // A compared scenario the ensemble did not run: noted under "Not shown".
  write_ensemble(dir.file("partial"), "short", {"combined"}, "2010-2010");
  ctx.ensemble_dir = dir.file("partial");
  const std::string html = html_report(dir.file("cmp"), ctx);
  CHECK_THAT(html, Contains("the ensemble in " + dir.file("partial") + " did not run that scenario"));
  CHECK_THAT(cell(html, "guns_trafficked", "across-sets"), Contains("not in the ensemble"));
  // A run directory has no effect table to join.
  run_job(test::short_scenario(), RunPlan{1, 2}, test::quiet_config(dir.file("run")));
  CHECK_THROWS_WITH(html_report(dir.file("run"), ctx), Contains("holds no compare.json"));
}
