// progress.hpp: the text of the progress line.
#include <catch2/catch.hpp>

#include <string>

#include "gunflow/engine/progress.hpp"

using gunflow::ProgressBar;
using Catch::Matchers::Contains;

TEST_CASE("ProgressBar::render draws the bar, counts, elapsed time and ETA", "[engine][progress]") {
  // Half done in 10 s: the other half is expected to take 10 s.
  CHECK(ProgressBar::render(50, 100, 10.0, 10) == "[#####-----] 50/100  10.0 s elapsed  ETA 10 s");
  CHECK_THAT(ProgressBar::render(25, 100, 30.0, 4), Contains("[#---]") && Contains("ETA 90 s"));
  // 1/3 × 30 = 9.999…: rounding must still fill 10 cells.
  CHECK_THAT(ProgressBar::render(1, 3, 1.0, 30), Contains("[" + std::string(10, '#') + std::string(20, '-') + "]"));
}

TEST_CASE("ProgressBar::render has no ETA before the first or after the last", "[engine][progress]") {
  CHECK(ProgressBar::render(0, 100, 0.0, 10) == "[----------] 0/100  0.0 s elapsed");
  CHECK(ProgressBar::render(100, 100, 12.34, 10) == "[##########] 100/100  12.3 s elapsed");
  CHECK(ProgressBar::render(0, 0, 0.0, 5) == "[#####] 0/0  0.0 s elapsed");  // nothing to do is done
}

TEST_CASE("ProgressBar::render uses a 30-cell bar by default", "[engine][progress]") {
  const std::string s = ProgressBar::render(3, 10, 1.0);
  CHECK(s.rfind("[" + std::string(9, '#') + std::string(21, '-') + "] 3/10", 0) == 0);
}

TEST_CASE("A disabled ProgressBar does nothing", "[engine][progress]") {
  ProgressBar bar("replications", false);
  bar.update(1, 2);
  bar.finish();
  SUCCEED("no output and no crash");
}
