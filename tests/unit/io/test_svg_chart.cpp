// svg_chart.hpp: the report's charts are well-formed SVG text with escaped labels,
// readable numbers and axis ticks at the data's years.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "gunflow/io/svg_chart.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using Catch::Matchers::StartsWith;

namespace {
std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}
}  // namespace

TEST_CASE("svg::escape escapes the five characters HTML and SVG care about, and only them", "[io][svg_chart]") {
  CHECK(svg::escape("a<b>&\"c\"") == "a&lt;b&gt;&amp;&quot;c&quot;");
  CHECK(svg::escape("Nuevo León, 50% 'AR'") == "Nuevo León, 50% 'AR'");
  CHECK(svg::escape("") == "");
}

TEST_CASE("svg::number: thousands separated, millions with M, small values to 3 digits", "[io][svg_chart]") {
  CHECK(svg::number(12345) == "12,345");
  CHECK(svg::number(-1234567.0) == "-1.23M");
  CHECK(svg::number(2500000) == "2.5M");
  CHECK(svg::number(1000) == "1,000");
  CHECK(svg::number(-4321) == "-4,321");
  CHECK(svg::number(999) == "999");
  CHECK(svg::number(42.4) == "42");
  CHECK(svg::number(0.12345) == "0.123");
  CHECK(svg::number(0) == "0");
}

TEST_CASE("line_with_band: title escaped, one point and one year tick per value, band path closed", "[io][svg_chart]") {
  const std::vector<svg::SeriesPoint> p{{2010, 100, 90, 110}, {2011, 120, 100, 140}, {2012, 80, 70, 95}};
  const std::string s = svg::line_with_band("Guns <south>", "guns & more", p);
  CHECK_THAT(s, StartsWith("<svg") && EndsWith("</svg>"));
  CHECK_THAT(s, Contains("aria-label=\"Guns &lt;south&gt;\"") && Contains(">guns &amp; more</text>"));
  CHECK(count(s, "<circle") == 3);
  for (const char* year : {">2010</text>", ">2011</text>", ">2012</text>"}) CHECK(count(s, year) == 1);
  CHECK_THAT(s, Contains(" Z\" fill="));  // the band is a closed area
  // y ticks at 0, half and the top (5% above the highest bound): 0, 73.5 (shown as 74), 147.
  CHECK_THAT(s, Contains(">0</text>") && Contains(">74</text>") && Contains(">147</text>"));
  CHECK(s.find("<script") == std::string::npos);
}

TEST_CASE("line_with_band without points is an empty titled chart", "[io][svg_chart]") {
  const std::string s = svg::line_with_band("nothing", "y", {});
  CHECK_THAT(s, Contains(">nothing</text>") && EndsWith("</svg>"));
  CHECK(s.find("<path") == std::string::npos);
}

TEST_CASE("bars: one bar per value, error bars only where given, negative bars in the accent colour",
          "[io][svg_chart]") {
  const std::vector<svg::Bar> b{{"gun <shows>", 10, 8, 12}, {"dealers", 5, 5, 5}, {"fewer", -3, -4, -2}};
  const std::string s = svg::bars("Channels", b, "%");
  CHECK(count(s, "<rect") == 3);
  CHECK(count(s, "stroke-width=\"1.5\"") == 2);  // the middle bar has no interval
  CHECK(count(s, "fill=\"#c0392b\"") == 1);      // only the negative one
  CHECK_THAT(s, Contains(">gun &lt;shows&gt;</text>") && Contains(">10%</text>") && Contains(">-3%</text>"));
}

TEST_CASE("flow_map: a column title and node per entry, a link from every node to every next node", "[io][svg_chart]") {
  const std::vector<svg::FlowColumn> cols{{"States", {{"TX", 60, 60, 60}, {"AZ", 40, 40, 40}}},
                                          {"Crossings", {{"Laredo", 70, 70, 70}, {"Nogales", 30, 30, 30}}},
                                          {"Mexico", {{"Tamaulipas", 100, 100, 100}}}};
  const std::string s = svg::flow_map(cols);
  CHECK(count(s, "<rect") == 5);
  CHECK(count(s, "<path") == 2 * 2 + 2 * 1);
  CHECK_THAT(s, Contains(">States</text>") && Contains(">Mexico</text>") && Contains(">TX 60</text>"));
}
