// progress.hpp: the text of the progress line.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <string>

#include <unistd.h>

#include "gunflow/engine/progress.hpp"

using Catch::Matchers::Contains;
using gunflow::ProgressBar;

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

namespace {
/// What the code under test writes to stderr (fd 2) while this object lives.
class StderrCapture {
 public:
  StderrCapture() : file_(std::tmpfile()), saved_(::dup(STDERR_FILENO)) {
    std::fflush(stderr);
    ::dup2(::fileno(file_), STDERR_FILENO);
  }
  ~StderrCapture() {
    restore();
    std::fclose(file_);
  }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;
  /// Restores stderr and returns what was written.
  std::string text() {
    restore();
    std::string out;
    std::rewind(file_);
    for (int c; (c = std::fgetc(file_)) != EOF;) out += static_cast<char>(c);
    return out;
  }

 private:
  void restore() {
    if (saved_ < 0) return;
    std::fflush(stderr);
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
    saved_ = -1;
  }
  std::FILE* file_;
  int saved_;
};
}  // namespace

TEST_CASE("A disabled ProgressBar writes nothing to stderr", "[engine][progress]") {
  StderrCapture err;
  ProgressBar bar("replications", false);
  bar.update(1, 2);
  bar.finish();
  CHECK(err.text().empty());
}

TEST_CASE("An enabled ProgressBar redraws one line and ends it once", "[engine][progress]") {
  StderrCapture err;
  ProgressBar bar("replications", true);
  bar.update(1, 2);
  bar.update(2, 2);
  bar.finish();
  bar.finish();  // a second finish adds no blank line
  const std::string text = err.text();
  CHECK_THAT(text, Contains("\rreplications [###############---------------] 1/2"));
  CHECK_THAT(text, Contains("\rreplications [##############################] 2/2"));
  CHECK(std::count(text.begin(), text.end(), '\n') == 1);
  CHECK(text.back() == '\n');
}
