// scenario_text.hpp: a scenario file's bytes and the text checks yaml-cpp does not make.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "gunflow/scenario/scenario_text.hpp"

using namespace gunflow;

TEST_CASE("first_document_marker finds --- and ... at the start of a line only", "[scenario][scenario_text]") {
  CHECK(first_document_marker("a: 1\nb: 2\n") == 0);
  CHECK(first_document_marker("a: 1\n---\nb: 2\n") == 2);
  CHECK(first_document_marker("a: 1\nb: 2\n...\n") == 3);
  CHECK(first_document_marker("--- \na: 1\n") == 1);
  CHECK(first_document_marker("a: '---'\n  --- indented\nb: ----\n") == 0);  // not at column 1, or longer
}

TEST_CASE("quote_closes_on_its_line follows escapes and doubled single quotes", "[scenario][scenario_text]") {
  const std::string text = "a: \"closed\"\nb: \"open\nc: 'it''s'\nd: 'it''s\ne: \"esc \\\" still open\n";
  const auto lines = split_lines(text);
  REQUIRE(lines.size() == 6);
  const auto at = [](int line, int column) {
    YAML::Mark m;
    m.line = line;
    m.column = column;
    return m;
  };
  CHECK(quote_closes_on_its_line(lines, at(0, 3)));
  CHECK_FALSE(quote_closes_on_its_line(lines, at(1, 3)));
  CHECK(quote_closes_on_its_line(lines, at(2, 3)));
  CHECK_FALSE(quote_closes_on_its_line(lines, at(3, 3)));
  CHECK_FALSE(quote_closes_on_its_line(lines, at(4, 3)));
  CHECK(quote_closes_on_its_line(lines, at(0, 0)));  // not on a quote: nothing to check
}

TEST_CASE("read_scenario_bytes reads regular files and names what is not one", "[scenario][scenario_text]") {
  const auto dir = std::filesystem::temp_directory_path() / "gunflow_scenario_text_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "s.yaml") << "a: 1\n";
  std::string why;
  const auto text = read_scenario_bytes(dir / "s.yaml", why);
  REQUIRE(text);
  CHECK(*text == "a: 1\n");
  CHECK_FALSE(read_scenario_bytes(dir, why));
  CHECK(why.find("is a directory") != std::string::npos);
  CHECK_FALSE(read_scenario_bytes(dir / "missing.yaml", why));
  CHECK(why == "no such file");
  std::filesystem::remove_all(dir);
}

TEST_CASE("yaml_syntax_message names a tab in the indentation and explains the parser's terms",
          "[scenario][scenario_text]") {
  // yaml-cpp reports a tab-indented key as "illegal map value" on that line.
  CHECK(yaml_syntax_message("simulation:\n\tname: x\n", 1, "illegal map value") ==
        "line 2 is indented with a tab; YAML indents with spaces only (the parser says: illegal map value)");
  CHECK(yaml_syntax_message("a: {b: 1\n", 1, "end of map flow not found") ==
        "a '{' is not closed by a '}' (the parser says: end of map flow not found)");
  CHECK(yaml_syntax_message("a: [1, 2\n", 1, "end of sequence flow not found") ==
        "a '[' is not closed by a ']' (the parser says: end of sequence flow not found)");
  // A tab inside a value, not in the indentation, is not blamed; other messages pass through.
  CHECK(yaml_syntax_message("a: x\tb\n", 0, "unknown escape character") == "unknown escape character");
}
