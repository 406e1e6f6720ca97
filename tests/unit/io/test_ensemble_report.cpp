// ensemble_report.hpp: the report's ensemble sections, from the files an ensemble writes.
#include <catch2/catch.hpp>

#include <fstream>

#include "ensemble_tables_fixture.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/io/ensemble_report.hpp"
#include "gunflow/io/html_report.hpp"
#include "temp_dir.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;

TEST_CASE("the report shows effect distributions, the robust ranking and PRIM boxes", "[io][ensemble][report]") {
  const test::TempDir dir("ensemble_report");
  CHECK_FALSE(is_ensemble_dir(dir.file("")));
  const EnsembleTables t = test::small_ensemble();
  std::ofstream(dir.file("ensemble_effects.csv")) << ensemble_effects_csv(t);
  std::ofstream(dir.file("ensemble_ranking.csv")) << ensemble_ranking_csv(t);
  std::ofstream(dir.file("prim_boxes.csv")) << prim_boxes_csv(t, 0, 0, true, -2.5);
  CHECK(is_ensemble_dir(dir.file("")));
  const std::string html = ensemble_sections(dir.file(""));
  CHECK_THAT(html, Contains("Policy effects under parameter uncertainty"));
  CHECK_THAT(html, Contains("<svg"));  // the effect bars
  CHECK_THAT(html, Contains("<td>a</td><td>guns_trafficked</td><td>-2.5%</td><td>-4% – -1%</td>"));
  CHECK_THAT(html, Contains("Robust ranking"));
  CHECK_THAT(html, Contains("violence.stock_elasticity in [0.1, 0.5]"));
  CHECK_THAT(html, Contains("(chosen)"));
  // html_report takes an ensemble directory (no run or compare outputs) and includes them.
  CHECK_THAT(html_report(dir.file(""), ReportContext{}), Contains("Robust ranking"));
}

TEST_CASE("a damaged ensemble table is an I/O error", "[io][ensemble][report]") {
  const test::TempDir dir("ensemble_report_bad");
  std::ofstream(dir.file("ensemble_effects.csv")) << "policy,metric,median_pct\na,b\n";
  CHECK_THROWS_AS(ensemble_sections(dir.file("")), IoError);
}
