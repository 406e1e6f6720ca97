// errors.hpp: the message shape every input problem is reported in (DESIGN.md rule 9).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "gunflow/core/errors.hpp"

using gunflow::InputError;
using gunflow::InputProblem;
using gunflow::IoError;

TEST_CASE("InputProblem::to_string gives file:line:col: key message", "[core][errors]") {
  const InputProblem p{"scenarios/border.yaml", 14, 5, "policies.southbound_inspection.rate",
                       "is 1.7, but must be in [0, 1]"};
  CHECK(p.to_string() ==
        "scenarios/border.yaml:14:5: policies.southbound_inspection.rate is 1.7, but must be in [0, 1]");
}

TEST_CASE("InputProblem::to_string leaves out an unknown position", "[core][errors]") {
  SECTION("no line: file: key message") {
    const InputProblem p{"scenarios/missing.yaml", 0, 0, "simulation.start", "is required"};
    CHECK(p.to_string() == "scenarios/missing.yaml: simulation.start is required");
  }
  SECTION("no line but a column: the column alone is not printed") {
    const InputProblem p{"a.yaml", 0, 7, "k", "m"};
    CHECK(p.to_string() == "a.yaml: k m");
  }
  SECTION("line without column") {
    const InputProblem p{"data/us_states.csv", 12, 0, "retail_dealers", "must be a number"};
    CHECK(p.to_string() == "data/us_states.csv:12: retail_dealers must be a number");
  }
  SECTION("no key path: no stray space") {
    const InputProblem p{"a.csv", 3, 1, "", "has 2 fields, header has 3"};
    CHECK(p.to_string() == "a.csv:3:1: has 2 fields, header has 3");
  }
}

TEST_CASE("InputError carries every problem and lists them one per line", "[core][errors]") {
  const InputError e({{"a.yaml", 1, 2, "x", "is bad"}, {"b.yaml", 0, 0, "y", "is missing"}});
  REQUIRE(e.problems().size() == 2);
  CHECK(e.problems()[1].key_path == "y");
  CHECK(std::string(e.what()) == "a.yaml:1:2: x is bad\nb.yaml: y is missing");

  const InputError single(InputProblem{"c.yaml", 4, 1, "z", "is wrong"});
  REQUIRE(single.problems().size() == 1);
  CHECK(std::string(single.what()) == "c.yaml:4:1: z is wrong");
}

TEST_CASE("IoError names the path", "[core][errors]") {
  const IoError e("/tmp/out/summary.csv", "rename failed: No space left on device");
  CHECK(e.path() == "/tmp/out/summary.csv");
  CHECK(std::string(e.what()) == "/tmp/out/summary.csv: rename failed: No space left on device");
}

TEST_CASE("Exit codes are the documented numbers", "[core][errors]") {
  using gunflow::ExitCode;
  CHECK(static_cast<int>(ExitCode::kOk) == 0);
  CHECK(static_cast<int>(ExitCode::kInternal) == 1);
  CHECK(static_cast<int>(ExitCode::kInput) == 2);
  CHECK(static_cast<int>(ExitCode::kIo) == 3);
  CHECK(static_cast<int>(ExitCode::kInterrupted) == 130);
}

TEST_CASE("InputError lists at most kMaxListedProblems problems and counts the rest", "[core][errors]") {
  std::vector<InputProblem> many;
  for (int i = 0; i < 70; ++i) many.push_back({"s.yaml", i + 1, 1, "k" + std::to_string(i), "is wrong"});
  const InputError e(many);
  const std::string msg = e.what();
  CHECK(e.problems().size() == 70);
  CHECK_THAT(msg, Catch::Contains("s.yaml:50:1: k49 is wrong"));
  CHECK_THAT(msg, !Catch::Contains("k50 "));
  CHECK_THAT(msg, Catch::EndsWith("… and 20 more problems"));
}
