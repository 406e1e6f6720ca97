// prior_file.hpp: prior files, draws from them, and parameter-set tables.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "../io/temp_dir.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/scenario/prior_file.hpp"
#include "gunflow/scenario/schema.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;

namespace {
std::string fixture(const std::string& name) { return std::string(GUNFLOW_SOURCE_DIR) + "/tests/fixtures/" + name; }
}  // namespace

TEST_CASE("load_prior reads ranges and distributions", "[scenario][prior]") {
  const PriorSpec p = load_prior(fixture("prior_small.yaml"));
  CHECK(p.draws == 6);
  CHECK(p.seed == 3);
  REQUIRE(p.parameters.size() == 2);
  CHECK(p.parameters[0].key == "demand.guns_per_year");
  CHECK_FALSE(p.parameters[0].log_uniform);
  CHECK(p.parameters[0].source == "test");
  CHECK(p.parameters[1].log_uniform);
}

TEST_CASE("every shipped prior file loads", "[scenario][prior]") {
  // The priors in scenarios/calibration/ are inputs users run as they are: a key renamed in
  // the schema, or a range that left its key's bounds, must fail here, not in a user's run.
  const std::string dir = std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/calibration/";
  std::size_t priors = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(".prior.yaml")) continue;
    INFO(name);
    const PriorSpec p = load_prior(entry.path().string());
    CHECK_FALSE(p.parameters.empty());
    ++priors;
  }
  CHECK(priors >= 8);  // baseline, class weights, market thickness, market prices, conflict ratio,
                       // conflict recovery, AWB compliant share, dealer loyalty
  const PriorSpec conflict = load_prior(dir + "conflict_ratio.prior.yaml");
  REQUIRE(conflict.parameters.size() == 3);
  CHECK(conflict.parameters[0].key == "demand.conflict_class_ratio.ar_rifle");
  const PriorSpec recovery = load_prior(dir + "conflict_recovery.prior.yaml");
  REQUIRE(recovery.parameters.size() == 3);
  CHECK(recovery.parameters[0].key == "mexico.conflict_recovery_ratio.ar_rifle");
  const PriorSpec thickness = load_prior(dir + "market_thickness.prior.yaml");
  REQUIRE(thickness.parameters.size() == 1);
  CHECK(thickness.parameters[0].key == "market.thickness_elasticity");
  CHECK(thickness.parameters[0].low == 0.0);
  CHECK(thickness.parameters[0].high == 1.0);
  const PriorSpec loyalty = load_prior(dir + "dealer_loyalty.prior.yaml");
  REQUIRE(loyalty.parameters.size() == 1);
  CHECK(loyalty.parameters[0].key == "traffickers.dealer_loyalty");
  CHECK(loyalty.parameters[0].low == 0.0);
  CHECK(loyalty.parameters[0].high == 0.5);
  // The report screen: both parameters around the values the rifle rule's record sets.
  const PriorSpec screen = load_prior(dir + "report_screen.prior.yaml");
  REQUIRE(screen.parameters.size() == 2);
  CHECK(screen.parameters[0].key == "enforcement.lead_weight_rifle_report");
  CHECK(screen.parameters[0].low == 0.009);
  CHECK(screen.parameters[0].high == 0.036);
  CHECK(screen.parameters[1].key == "enforcement.report_yield");
  CHECK(screen.parameters[1].low == 0.5);
  CHECK(screen.parameters[1].high == 1.0);
}

TEST_CASE("load_prior reports every problem with its line and key", "[scenario][prior]") {
  const test::TempDir dir("prior_bad");
  std::ofstream(dir.file("p.yaml")) << "draws: 1\nparameters:\n"
                                       "  - {key: no.such_key, range: [0, 1]}\n"
                                       "  - {key: violence.stock_elasticity, range: [0, 9]}\n"
                                       "  - {key: mexico.recovery_rate, range: [0, 0.1], distribution: log-uniform}\n"
                                       "  - {key: mexico.corruption, range: [0.1, 0.2], distribution: normal}\n";
  try {
    (void)load_prior(dir.file("p.yaml"));
    FAIL("no error");
  } catch (const InputError& e) {
    const std::string what = e.what();
    CHECK_THAT(what, Contains("p.yaml:1:8: draws"));
    CHECK_THAT(what, Contains("p.yaml:3:") && Contains("'no.such_key' is not a scenario key"));
    CHECK_THAT(what, Contains("p.yaml:4:") && Contains("outside violence.stock_elasticity's allowed range"));
    CHECK_THAT(what, Contains("must lie above zero for a log-uniform prior"));
    CHECK_THAT(what, Contains("must be uniform or log-uniform, not 'normal'"));
  }
}

TEST_CASE("draw_prior: a Latin hypercube through each prior, keyed by the seed", "[scenario][prior]") {
  const PriorSpec p = load_prior(fixture("prior_small.yaml"));
  const Eigen::MatrixXd a = draw_prior(p.parameters, 50, 3);
  CHECK(a == draw_prior(p.parameters, 50, 3));
  CHECK(a != draw_prior(p.parameters, 50, 4));
  // One draw in each fiftieth of each parameter's prior probability.
  std::vector<int> uniform(50, 0), logu(50, 0);
  for (Eigen::Index i = 0; i < 50; ++i) {
    CHECK(a(i, 0) >= 150000);
    CHECK(a(i, 0) <= 450000);
    ++uniform[static_cast<std::size_t>((a(i, 0) - 150000) / 300000 * 50)];
    ++logu[static_cast<std::size_t>(std::log(a(i, 1) / 500) / std::log(4000.0 / 500) * 50)];
  }
  CHECK(std::count(uniform.begin(), uniform.end(), 1) == 50);
  CHECK(std::count(logu.begin(), logu.end(), 1) == 50);
  // Standard deviations: uniform range / sqrt 12; log-uniform from its moments.
  CHECK(prior_sd(p.parameters[0]) == Approx(300000 / std::sqrt(12.0)));
  const double m1 = 3500 / std::log(8.0), m2 = (4000.0 * 4000 - 500.0 * 500) / (2 * std::log(8.0));
  CHECK(prior_sd(p.parameters[1]) == Approx(std::sqrt(m2 - m1 * m1)));
}

TEST_CASE("parameter sets: a prior file or a CSV table, round-trip exact", "[scenario][prior]") {
  const test::TempDir dir("parameter_sets");
  ParameterSets drawn = load_parameter_sets(fixture("prior_small.yaml"), 4);
  CHECK(drawn.values.rows() == 4);
  CHECK(drawn.weights == Eigen::VectorXd::Ones(4));
  drawn.weights << 1, 3, 0, 0;
  std::ofstream(dir.file("s.csv")) << parameter_sets_csv(drawn);
  const ParameterSets read = load_parameter_sets(dir.file("s.csv"));
  CHECK(read.keys == drawn.keys);
  CHECK(read.values == drawn.values);     // every digit: the ensemble runs exactly these
  CHECK(read.weights(1) == Approx(3.0));  // normalised to sum to the number of sets
  CHECK(read.weights.sum() == Approx(4.0));
  CHECK(read.ids == std::vector<std::uint64_t>{0, 1, 2, 3});
  Settings s = default_settings();
  apply_parameter(s, "traffickers.count", 1234.6);  // an integer key takes the nearest whole number
  CHECK(std::get<std::int64_t>(find_entry("traffickers.count")->get(s)) == 1235);
}

TEST_CASE("parameter-set tables: bad headers and values name file, line and column", "[scenario][prior]") {
  const test::TempDir dir("parameter_sets_bad");
  std::ofstream(dir.file("a.csv")) << "set,weight,no.such_key\n0,1,2\n";
  CHECK_THROWS_WITH(load_parameter_sets(dir.file("a.csv")), Contains("a.csv:1:3: no.such_key"));
  std::ofstream(dir.file("b.csv")) << "weight,violence.stock_elasticity\n1,0.5\n1,abc\n-1,0.2\n1,7\n";
  try {
    (void)load_parameter_sets(dir.file("b.csv"));
    FAIL("no error");
  } catch (const InputError& e) {
    const std::string what = e.what();
    CHECK_THAT(what, Contains("b.csv:3:2: violence.stock_elasticity") && Contains("'abc' is not a number"));
    CHECK_THAT(what, Contains("b.csv:4:1: weight") && Contains("must not be negative"));
    CHECK_THAT(what, Contains("b.csv:5:2: violence.stock_elasticity") && Contains("outside [0, 5]"));
  }
}

TEST_CASE("parameter-set tables: a column given twice, a repeated set id, all weights zero, --draws",
          "[scenario][prior]") {
  const test::TempDir dir("parameter_sets_repeats");
  std::ofstream(dir.file("c.csv")) << "set,border.inspection_rate,border.inspection_rate\n0,0.1,0.2\n";
  CHECK_THROWS_WITH(load_parameter_sets(dir.file("c.csv")),
                    Contains("c.csv:1:3: border.inspection_rate is a column name given twice"));
  std::ofstream(dir.file("d.csv")) << "set,border.inspection_rate\n4,0.1\n5,0.2\n4,0.3\n";
  CHECK_THROWS_WITH(load_parameter_sets(dir.file("d.csv")),
                    Contains("d.csv:4:1: set is 4, the id of the set on line 2 too; ids must differ"));
  std::ofstream(dir.file("e.csv")) << "border.inspection_rate,weight\n0.1,0\n0.2,0\n";
  CHECK_THROWS_WITH(load_parameter_sets(dir.file("e.csv")),
                    Contains("e.csv:1:2: weight is 0 for every set; at least one set needs a positive weight"));
  std::ofstream(dir.file("f.csv")) << "border.inspection_rate\n0.1\n";
  CHECK_THROWS_WITH(load_parameter_sets(dir.file("f.csv"), 5), Contains("--draws: only applies to a prior file"));
}

TEST_CASE("parameter-set tables: bytes that are not UTF-8 are reported where they are", "[scenario][prior]") {
  // Names and values reach messages and JSON replies; the fuzzer found a header whose bad
  // byte was quoted as it was.
  const test::TempDir dir("parameter_sets_utf8");
  std::ofstream(dir.file("h.csv")) << "set,border.inspection_\xd4rate\n0,0.1\n";
  CHECK_THROWS_WITH(load_parameter_sets(dir.file("h.csv")), Contains("h.csv:1:23: is not valid UTF-8"));
  std::ofstream(dir.file("i.csv")) << "set,border.inspection_rate\n0,0.1\n1,0.\xff\n";
  try {
    (void)load_parameter_sets(dir.file("i.csv"));
    FAIL("no error");
  } catch (const InputError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].line == 3);
    CHECK(e.problems()[0].column == 5);
    CHECK_THAT(e.problems()[0].message, Contains("a parameter-set table must be UTF-8 text"));
  }
}

TEST_CASE("parameter-set tables: a set id that is not a whole number is reported once and never used",
          "[scenario][prior]") {
  // nan and inf parse as numbers; they once reached an integer cast (undefined behaviour)
  // on the way to the check for repeated ids.
  const test::TempDir dir("parameter_sets_ids");
  std::ofstream(dir.file("g.csv")) << "set,border.inspection_rate\nnan,0.1\ninf,0.2\n-1,0.3\n1.5,0.4\nabc,0.5\n0,0.6\n";
  try {
    (void)load_parameter_sets(dir.file("g.csv"));
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.problems().size() == 5);  // one for each bad id; none for the 0 on line 7
    const std::string what = e.what();
    CHECK_THAT(what, Contains("g.csv:2:1: set") && Contains("'nan' is not a number"));
    CHECK_THAT(what, Contains("g.csv:3:1: set") && Contains("'inf' is not a number"));
    CHECK_THAT(what, Contains("g.csv:4:1: set must be a whole number"));
    CHECK_THAT(what, Contains("g.csv:5:1: set must be a whole number"));
    CHECK_THAT(what, Contains("g.csv:6:1: set") && Contains("'abc' is not a number"));
    CHECK_THAT(what, !Contains("ids must differ"));
  }
}
