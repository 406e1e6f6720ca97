// posterior_job.hpp: history matching over a prior: the kept draws, the
// identifiability summary, independence from the thread count, and resume.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../io/temp_dir.hpp"
#include "gunflow/analysis/ensemble_stats.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/engine/posterior_job.hpp"
#include "gunflow/model/simulation.hpp"
#include "job_fixture.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;

namespace {
CalibrationSpec posterior_calibration(const char* file = "calibration_posterior.yaml") {
  CalibrationSpec spec = load_calibration(test::fixture(file));
  test::shorten(spec.base.settings);
  return spec;
}
std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}
}  // namespace

TEST_CASE("posterior_job keeps the draws no target rules out", "[engine][posterior]") {
  const test::TempDir dir("posterior_outputs");
  const CalibrationSpec spec = posterior_calibration();
  const PosteriorReport r = posterior_job(spec, test::quiet_config(dir.file("out")));
  CHECK(r.draws == 10);
  CHECK(r.finished == 10);
  const std::string draws = test::file_text(dir.file("out/posterior_draws.csv"));
  CHECK(count_lines(draws) == 11);
  CHECK(draws.rfind("draw,wave,demand.guns_per_year,traffickers.count,mean:guns_trafficked,mc_var:guns_trafficked,",
                    0) == 0);
  // posterior.csv holds exactly the draws marked kept, and each one's implausibility is at most 3.
  const std::string posterior = test::file_text(dir.file("out/posterior.csv"));
  CHECK(posterior.rfind("set,weight,demand.guns_per_year,traffickers.count\n", 0) == 0);
  CHECK(count_lines(posterior) == 1 + r.accepted);
  std::size_t kept = 0;
  for (std::size_t at = draws.find('\n') + 1; at < draws.size(); at = draws.find('\n', at) + 1) {
    const std::string line = draws.substr(at, draws.find('\n', at) - at);
    const bool k = line.back() == '1';
    kept += k ? 1 : 0;
    const std::size_t c2 = line.rfind(','), c1 = line.rfind(',', c2 - 1);
    CHECK((std::stod(line.substr(c1 + 1, c2 - c1 - 1)) <= 3.0) == k);
  }
  CHECK(kept == r.accepted);
  REQUIRE(r.identifiability.size() == 2);
  const std::string id = test::file_text(dir.file("out/identifiability.csv"));
  CHECK(count_lines(id) == 3);
  CHECK_THAT(id, Contains("demand.guns_per_year,uniform,150000,450000,"));
  // Ten draws are too few to name a target as pinning a parameter: that needs
  // |rho| >= 3 / sqrt(9) = 1 (chance correlations of 0.3 and more are common at n = 10).
  CHECK(r.identifiability[0].pinned_by.empty());
  CHECK(r.identifiability[0].rho.size() == 2);  // one per target
  CHECK(r.identifiability[0].prior_sd == Approx(300000 / std::sqrt(12.0)));
  CHECK(std::filesystem::exists(dir.file("out/run.json")));
  // Per target, the draws it rules out: every draw not kept is ruled out by some target, and
  // the draws ruled out by one target alone are among them.
  const std::string targets = test::file_text(dir.file("out/posterior_targets.csv"));
  REQUIRE(count_lines(targets) == 3);
  CHECK(targets.rfind("target,band_low,band_high,draws_ruled_out,draws_ruled_out_by_it_alone\n", 0) == 0);
  std::size_t most = 0, alone = 0;
  for (std::size_t at = targets.find('\n') + 1; at < targets.size(); at = targets.find('\n', at) + 1) {
    const std::string line = targets.substr(at, targets.find('\n', at) - at);
    const std::size_t c2 = line.rfind(','), c1 = line.rfind(',', c2 - 1);
    const std::size_t out = std::stoul(line.substr(c1 + 1, c2 - c1 - 1)), only = std::stoul(line.substr(c2 + 1));
    CHECK(only <= out);
    most = std::max(most, out);
    alone += only;
  }
  CHECK(most <= 10 - r.accepted);
  CHECK(alone <= 10 - r.accepted);
  if (r.accepted < 10) CHECK(most > 0);
}

TEST_CASE("posterior_job: each draw's target means are those of its own parameters", "[engine][posterior]") {
  // Draw 3 of the trace, run directly: its parameters applied to the base, replications 0
  // and 1 with the calibration's seed, the mean over the run's years of the flow.
  const test::TempDir dir("posterior_direct");
  const CalibrationSpec spec = posterior_calibration();
  posterior_job(spec, test::quiet_config(dir.file("out")));
  const Eigen::MatrixXd draws = draw_prior(spec.posterior->prior.parameters, 10, spec.posterior->prior.seed);
  Settings s = spec.base.settings;
  apply_parameter(s, "demand.guns_per_year", draws(3, 0));
  apply_parameter(s, "traffickers.count", draws(3, 1));
  const Model model(s);
  const std::size_t row = model.layout().index("guns_trafficked");
  const double mean = 0.5 * (model.run(spec.seed, 0).values.row(static_cast<Eigen::Index>(row)).mean() +
                             model.run(spec.seed, 1).values.row(static_cast<Eigen::Index>(row)).mean());
  const std::string trace = test::file_text(dir.file("out/posterior_draws.csv"));
  std::size_t at = 0;
  for (int line = 0; line < 4; ++line) at = trace.find('\n', at) + 1;  // header, draws 0-2
  const std::string draw3 = trace.substr(at, trace.find('\n', at) - at);
  std::size_t field = 0;
  for (int f = 0; f < 4; ++f) field = draw3.find(',', field) + 1;  // draw, wave, two parameters
  CHECK(std::stod(draw3.substr(field, draw3.find(',', field) - field)) == Approx(mean).epsilon(1e-12));
}

TEST_CASE("posterior_job: the same outputs whatever the threads, and after a resume", "[engine][posterior]") {
  const test::TempDir dir("posterior_identity");
  const CalibrationSpec spec = posterior_calibration();
  posterior_job(spec, test::quiet_config(dir.file("one")));
  ExecutionConfig two = test::quiet_config(dir.file("two"));
  two.threads = 2;
  posterior_job(spec, two);
  for (const char* f : {"posterior_draws.csv", "posterior.csv", "identifiability.csv"})
    CHECK(test::file_text(dir.file(std::string("one/") + f)) == test::file_text(dir.file(std::string("two/") + f)));
  // An interrupted job: the trace holds its first 8 draws (one block); resume runs the rest.
  const std::string full = test::file_text(dir.file("one/posterior_draws.csv"));
  std::size_t cut = 0;
  for (int i = 0; i < 9; ++i) cut = full.find('\n', cut) + 1;
  std::filesystem::remove(dir.file("one/posterior.csv"));
  std::ofstream(dir.file("one/posterior_draws.csv"), std::ios::trunc) << full.substr(0, cut);
  ExecutionConfig resume = test::quiet_config(dir.file("one"));
  resume.resume = true;
  const PosteriorReport r = posterior_job(spec, resume);
  CHECK(r.reused == 8);
  CHECK(test::file_text(dir.file("one/posterior_draws.csv")) == full);
  CHECK(test::file_text(dir.file("one/posterior.csv")) == test::file_text(dir.file("two/posterior.csv")));
  // Resuming with another prior seed is refused: the draws would differ.
  CalibrationSpec other = spec;
  other.posterior->prior.seed = 99;
  CHECK_THROWS_WITH(posterior_job(other, resume), Contains("is not draw 0 of this prior"));
}

TEST_CASE("posterior_job: raising posterior.waves and resuming runs only the waves added", "[engine][posterior]") {
  const test::TempDir dir("posterior_more_waves");
  // The three-wave fixture as a file that asks for two waves, its paths made absolute: the
  // text differs, what the draws depend on does not.
  std::string text = test::file_text(test::fixture("calibration_waves.yaml"));
  auto replace = [&text](const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  replace("waves: 3", "waves: 2");
  replace("base: scenarios/short.yaml", "base: " + test::fixture("scenarios/short.yaml"));
  replace("prior: prior_small.yaml", "prior: " + test::fixture("prior_small.yaml"));
  const std::string two_waves = dir.file("two_waves.calib.yaml");
  std::ofstream(two_waves) << text;
  CalibrationSpec fewer = load_calibration(two_waves);
  test::shorten(fewer.base.settings);
  REQUIRE(fewer.posterior->waves == 2);
  CHECK(posterior_job(fewer, test::quiet_config(dir.file("raised"))).draws == 20);
  const CalibrationSpec spec = posterior_calibration("calibration_waves.yaml");
  ExecutionConfig resume = test::quiet_config(dir.file("raised"));
  resume.resume = true;
  const PosteriorReport r = posterior_job(spec, resume);
  CHECK(r.reused == 20);
  CHECK(r.draws == 30);
  posterior_job(spec, test::quiet_config(dir.file("fresh")));
  for (const char* f :
       {"posterior_draws.csv", "posterior.csv", "identifiability.csv", "posterior_waves.csv", "posterior_targets.csv"})
    CHECK(test::file_text(dir.file(std::string("raised/") + f)) ==
          test::file_text(dir.file(std::string("fresh/") + f)));
  // Fewer waves than the trace holds would drop finished draws: refused, as is another band.
  CHECK_THROWS_WITH(posterior_job(fewer, resume), Contains("holds more draws than this calibration file makes"));
  CalibrationSpec other = spec;
  other.targets.front().high += 1;
  CHECK_THROWS_WITH(posterior_job(other, resume), Contains("was written for other targets"));
}

TEST_CASE("posterior_job needs a posterior section", "[engine][posterior]") {
  const test::TempDir dir("posterior_missing");
  CalibrationSpec spec = load_calibration(test::fixture("calibration_small.yaml"));
  CHECK_THROWS_WITH(posterior_job(spec, test::quiet_config(dir.file("out"))), Contains("posterior"));
}

namespace {
/// The rows of a CSV text after its header, split at commas.
std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  for (std::size_t at = text.find('\n') + 1; at < text.size(); at = text.find('\n', at) + 1) {
    const std::string line = text.substr(at, text.find('\n', at) - at);
    std::vector<std::string> fields;
    for (std::size_t f = 0;;) {
      const std::size_t c = line.find(',', f);
      fields.push_back(line.substr(f, c == std::string::npos ? std::string::npos : c - f));
      if (c == std::string::npos) break;
      f = c + 1;
    }
    rows.push_back(fields);
  }
  return rows;
}
}  // namespace

TEST_CASE("posterior_job with waves: later waves draw where emulators allow, all kept draws pooled",
          "[engine][posterior]") {
  const test::TempDir dir("posterior_waves");
  const CalibrationSpec spec = posterior_calibration("calibration_waves.yaml");  // 3 waves of 10 draws
  REQUIRE(spec.posterior->waves == 3);
  const PosteriorReport r = posterior_job(spec, test::quiet_config(dir.file("one")));
  CHECK(r.waves == 3);
  CHECK(r.draws == 30);
  REQUIRE(r.kept_by_wave.size() == 3);
  CHECK(r.kept_by_wave[0] + r.kept_by_wave[1] + r.kept_by_wave[2] == r.accepted);
  CHECK(posterior_digest(r) == "30/30 draws, " + std::to_string(r.accepted) + " kept in 3 waves (" +
                                   std::to_string(r.kept_by_wave[0]) + " + " + std::to_string(r.kept_by_wave[1]) +
                                   " + " + std::to_string(r.kept_by_wave[2]) + ")");
  const auto trace = csv_rows(test::file_text(dir.file("one/posterior_draws.csv")));
  REQUIRE(trace.size() == 30);
  // The first wave draws what a one-wave job draws: the prior's Latin hypercube.
  const Eigen::MatrixXd prior = draw_prior(spec.posterior->prior.parameters, 10, spec.posterior->prior.seed);
  for (std::size_t i = 0; i < 10; ++i) CHECK(std::stod(trace[i][2]) == Approx(prior(static_cast<Eigen::Index>(i), 0)));
  // Each later wave found its draws among more points tried, all passing its screen; its
  // emulators' fit is recorded per target.
  const auto waves = csv_rows(test::file_text(dir.file("one/posterior_waves.csv")));
  REQUIRE(waves.size() == 5);  // the first wave, then 2 waves x 2 targets
  CHECK(waves[0][0] == "1");
  CHECK(waves[0][5].empty());
  CHECK(waves[0][6].empty());
  for (std::size_t i = 1; i < waves.size(); ++i) {
    const double draws = std::stod(waves[i][1]), tried = std::stod(waves[i][3]);
    CHECK(draws == 10);
    CHECK(tried >= draws);
    CHECK(std::stod(waves[i][4]) == Approx(draws / tried));
    // At least 10 runs of 2 parameters: the squares are fitted, and from 12 runs the product.
    CHECK(waves[i][8] == (std::stoi(waves[i][7]) >= 12 ? "6" : "5"));
    CHECK(std::stod(waves[i][6]) >= spec.posterior->cutoff);  // raised only to admit what was kept
    // Its emulators checked against the wave's own 10 runs, which they were not fitted to.
    REQUIRE(waves[i].size() == 13);
    CHECK(std::stod(waves[i][11]) >= 0);
    CHECK(std::stod(waves[i][12]) >= 0);
    CHECK(std::stod(waves[i][12]) <= 1);
  }
  CHECK(waves[0][11].empty());
  CHECK(waves[0][12].empty());
  // The second wave's emulators are fitted to the first wave's 10 runs; the third wave's
  // to the runs inside the second wave's screen: its own 10, and those of the first wave
  // that screen allows.
  CHECK(waves[1][7] == "10");
  CHECK(waves[3][7] == waves[4][7]);
  CHECK(std::stoi(waves[3][7]) >= 10);
  CHECK(std::stoi(waves[3][7]) < 20);
  CHECK(waves[1][5] == "guns_trafficked");
  CHECK(std::stod(waves[1][9]) > 0.9);  // the flow follows demand closely
  // posterior.csv: exactly the kept draws of every wave, by draw number, equally weighted.
  std::vector<std::string> kept_ids, sets;
  for (const auto& row : trace)
    if (row.back() == "1") kept_ids.push_back(row[0]);
  double weights = 0;
  for (const auto& row : csv_rows(test::file_text(dir.file("one/posterior.csv")))) {
    sets.push_back(row[0]);
    CHECK(std::stod(row[1]) > 0);
    weights += std::stod(row[1]);
  }
  CHECK(sets == kept_ids);
  CHECK(weights == Approx(static_cast<double>(sets.size())));  // balance-heuristic weights, averaging 1
  // The same files whatever the threads, and after an interruption in the second wave.
  ExecutionConfig two = test::quiet_config(dir.file("two"));
  two.threads = 2;
  posterior_job(spec, two);
  const std::string full = test::file_text(dir.file("one/posterior_draws.csv"));
  std::size_t cut = 0;
  for (int i = 0; i < 17; ++i) cut = full.find('\n', cut) + 1;  // the header and 16 draws: 6 of the second wave
  std::filesystem::remove(dir.file("one/posterior.csv"));
  std::ofstream(dir.file("one/posterior_draws.csv"), std::ios::trunc) << full.substr(0, cut);
  ExecutionConfig resume = test::quiet_config(dir.file("one"));
  resume.resume = true;
  CHECK(posterior_job(spec, resume).reused == 16);
  for (const char* f :
       {"posterior_draws.csv", "posterior.csv", "identifiability.csv", "posterior_waves.csv", "posterior_targets.csv"})
    CHECK(test::file_text(dir.file(std::string("one/") + f)) == test::file_text(dir.file(std::string("two/") + f)));
}
