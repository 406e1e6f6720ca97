// svg_chart.hpp: the report's charts are well-formed SVG text with escaped labels,
// readable numbers and axis ticks at the data's years.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

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
  // y ticks at round values covering 0 to the highest bound (140): 0, 50, 100, 150.
  CHECK_THAT(s, Contains(">0</text>") && Contains(">50</text>") && Contains(">100</text>") && Contains(">150</text>"));
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

TEST_CASE("nice_ticks: round steps of 1, 2 or 5 times a power of ten covering the range", "[io][svg_chart]") {
  CHECK(svg::nice_ticks(0, 237139) == std::vector<double>{0, 100000, 200000, 300000});
  CHECK(svg::nice_ticks(0, 140) == std::vector<double>{0, 50, 100, 150});
  CHECK(svg::nice_ticks(-7.8, 0.4, 6) == std::vector<double>{-8, -6, -4, -2, 0, 2});
  CHECK(svg::nice_ticks(5, 5).size() >= 2);  // an empty range still gets an axis
}

TEST_CASE("lines_with_bands: one line and band per series, a legend, and the marker where asked", "[io][svg_chart]") {
  const std::vector<svg::SeriesPoint> base{{2010, 100, 90, 110}, {2011, 120, 100, 140}};
  const std::vector<svg::SeriesPoint> policy{{2010, 100, 90, 110}, {2011, 90, 80, 100}};
  const std::string s = svg::lines_with_bands("Seizures", "guns/year", {{"baseline", base}, {"policy", policy}}, 2011,
                                              "policy starts 2011-01-01");
  CHECK(count(s, " Z\" fill=") == 2);
  CHECK(count(s, "<circle") == 4);
  CHECK(count(s, ">2010</text>") == 1);  // one tick per year, not per series
  CHECK_THAT(s, Contains(">— baseline</text>") && Contains(">— policy</text>"));
  CHECK_THAT(s, Contains("class=\"marker\"") && Contains(">policy starts 2011-01-01</text>"));
  CHECK(svg::lines_with_bands("x", "y", {{"a", base}}, 2030, "outside").find("marker") == std::string::npos);
}

TEST_CASE("shared_axis_bars: every bar on one axis with round, unit-labelled ticks", "[io][svg_chart]") {
  const std::vector<svg::Bar> b{{"flow", -7.8, -9, -6.5}, {"homicides", -0.5, -1.5, 0.5}};
  const std::string s = svg::shared_axis_bars("Effects", b, "change from the baseline (%)", "%");
  CHECK(count(s, "class=\"effect\"") == 2);
  CHECK(count(s, "class=\"a tick\"") == 7);  // -10 … 2 in steps of 2
  CHECK_THAT(s, Contains(">-10%</text>") && Contains(">0%</text>") && Contains(">change from the baseline (%)</text>"));
  // One scale: the bars' widths are in the ratio of their values (7.8 : 0.5).
  const auto width = [&](const char* value) {
    const std::size_t at = s.find(std::string("data-value=\"") + value + "\"");
    const std::size_t w = s.find("width=\"", at) + 7;
    return std::stod(s.substr(w, s.find('"', w) - w));
  };
  CHECK(width("-7.8") / width("-0.5") == Approx(7.8 / 0.5).epsilon(0.03));
}
