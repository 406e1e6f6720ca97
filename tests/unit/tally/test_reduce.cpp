// reduce.hpp: the blocked reduction gives the same bits whatever its memory budget
// (one cell at a time, a few, or everything at once), so batches of any size reduce
// in fixed memory without changing a number.
#include <catch2/catch.hpp>

#include <cstring>
#include <limits>

#include "gunflow/tally/reduce.hpp"

using namespace gunflow;

namespace {
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }
}  // namespace

TEST_CASE("reduce_blocked: every budget gives reduce_results' summaries, bit for bit", "[tally][reduce]") {
  MetricLayout layout;
  layout.set_years(2010, 4);
  for (int s = 0; s < 7; ++s) layout.add("m" + std::to_string(s));
  std::vector<ReplicationResult> results(23);
  std::uint64_t x = 12345;
  for (std::size_t r = 0; r < results.size(); ++r) {
    results[r].replication = r;
    results[r].values.resize(7, 4);
    for (Eigen::Index i = 0; i < results[r].values.size(); ++i) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      results[r].values.data()[i] = static_cast<double>(x >> 11) * 0x1.0p-40 - 1000.0;  // awkward values
    }
  }
  const SummaryTable whole = reduce_results(layout, results);
  const CellReader read = [&](std::size_t i, std::size_t first, std::size_t count, double* out) {
    std::memcpy(out, results[i].values.data() + first, count * sizeof(double));
  };
  for (std::size_t budget : {std::size_t{0}, sizeof(double) * 23, sizeof(double) * 23 * 5, std::size_t{1} << 30}) {
    INFO("budget " << budget << " bytes");
    const SummaryTable blocked = reduce_blocked(layout, results.size(), read, budget);
    REQUIRE(blocked.cells.size() == whole.cells.size());
    for (std::size_t c = 0; c < whole.cells.size(); ++c) {
      const Summary& a = whole.cells[c];
      const Summary& b = blocked.cells[c];
      REQUIRE(a.n == b.n);
      REQUIRE(same_bits(a.mean, b.mean));
      REQUIRE(same_bits(a.sd, b.sd));
      REQUIRE(same_bits(a.q05, b.q05));
      REQUIRE(same_bits(a.q50, b.q50));
      REQUIRE(same_bits(a.q95, b.q95));
    }
  }
  // The cell order is series-major in the table, column-major in a result.
  CHECK(whole.at(3, 2).mean == Approx([&] {
          double s = 0;
          for (const auto& r : results) s += r.values(3, 2);
          return s / 23;
        }()));
}

TEST_CASE("reduce_blocked with no replications gives empty summaries", "[tally][reduce]") {
  MetricLayout layout;
  layout.set_years(2010, 2);
  layout.add("m");
  const SummaryTable t =
      reduce_blocked(layout, 0, [](std::size_t, std::size_t, std::size_t, double*) { FAIL("no reads"); });
  REQUIRE(t.cells.size() == 2);
  CHECK(t.cells[0].n == 0);
}

TEST_CASE("require_finite names the metric and year of a NaN or inf before anything is written",
          "[tally][reduce][hardening]") {
  MetricLayout layout;
  layout.set_years(2010, 3);
  layout.add("guns_arrived");
  layout.add("guns_arrived_by_state", "SON");
  ReplicationResult r{4, Eigen::ArrayXXd::Zero(2, 3)};
  CHECK_NOTHROW(require_finite(layout, r));
  r.values(1, 2) = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(require_finite(layout, r),
                    Catch::Contains("metric guns_arrived_by_state (key SON), year 2012: replication 4 is inf"));
  SummaryTable table{layout, std::vector<Summary>(6)};
  CHECK_NOTHROW(require_finite(table));
  table.cells[1].ci_high = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(require_finite(table), Catch::Contains("metric guns_arrived, year 2011: the summary is nan"));
}
