// geo_map.hpp: the flow map on real geography. A small origin–destination table must
// come out as exactly its largest links, at the places' coordinates, named, with the
// rest summed as "other"; the outlines are the compiled-in state and country shapes.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <string>

#include "gunflow/io/geo_map.hpp"

using namespace gunflow::geo;

namespace {
std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}
Places small_places() {
  Places p;
  p.states = {{"TX", "Texas", 31.0, -99.0}, {"AZ", "Arizona", 34.2, -111.7}, {"AK", "Alaska", 61.4, -152.3}};
  p.crossings = {{"laredo", "Laredo", 27.5, -99.507}, {"nogales", "Nogales", 31.333, -110.943}};
  p.regions = {{"TAM", "Tamaulipas", 23.74, -99.14}, {"SON", "Sonora", 29.07, -110.95}};
  return p;
}
OdTable small_table() {
  OdTable od;
  add_od_series(od, "guns_arrived_by_source_crossing", "TX>laredo", 900);
  add_od_series(od, "guns_arrived_by_source_crossing", "AZ>nogales", 300);
  add_od_series(od, "guns_arrived_by_source_crossing", "TX>nogales", 20);
  add_od_series(od, "guns_arrived_by_source_crossing", "AK>nogales", 5);  // off the map
  add_od_series(od, "guns_arrived_by_crossing_region", "laredo>TAM", 900);
  add_od_series(od, "guns_arrived_by_crossing_region", "nogales>SON", 325);
  add_od_series(od, "guns_arrived_by_source_crossing", "total", 1);  // not a link: ignored
  add_od_series(od, "guns_by_crossing", "laredo>TAM", 1);            // another metric: ignored
  return od;
}
}  // namespace

TEST_CASE("add_od_series splits route keys into the two legs", "[io][geo]") {
  const OdTable od = small_table();
  REQUIRE(od.source_crossing.size() == 4);
  CHECK(od.source_crossing[0].from == "TX");
  CHECK(od.source_crossing[0].to == "laredo");
  CHECK(od.source_crossing[0].guns == 900);
  CHECK(od.crossing_region.size() == 2);
  CHECK(largest_link(od) == 900);
}

TEST_CASE("The map draws the largest links between the right places and sums the rest as other", "[io][geo]") {
  MapOptions o;
  o.title = "Baseline";
  o.links_per_leg = 2;
  const std::string svg = flow_map(small_table(), small_places(), o);
  CHECK(count(svg, "class=\"flow leg-us\"") == 2);
  CHECK(count(svg, "class=\"flow leg-mx\"") == 2);
  CHECK(count(svg, "data-from=\"TX\" data-to=\"laredo\" data-guns=\"900.0\"") == 1);
  CHECK(count(svg, "data-from=\"AZ\" data-to=\"nogales\" data-guns=\"300.0\"") == 1);
  CHECK(count(svg, "data-from=\"TX\" data-to=\"nogales\"") == 0);  // third largest: other
  CHECK(count(svg, "data-from=\"nogales\" data-to=\"SON\"") == 1);
  // TX→nogales (20) and the off-map Alaska link (5) are the other 25 guns.
  CHECK(count(svg, "2 smaller or off-map state→crossing links not drawn (other: 25 guns/year, 2.04% of the leg)") == 1);
  CHECK(count(svg, "all crossing→destination links drawn") == 1);
  // Names, not codes, label the places; the widest stroke is the largest link.
  CHECK(count(svg, ">Laredo</text>") == 1);
  CHECK(count(svg, "</title>Tamaulipas</text>") == 1);  // the state's own label (below)
  CHECK(count(svg, ">Tamaulipas</text>") == 2);         // and the destination's
  CHECK(count(svg, ">Texas</text>") == 1);
  CHECK(count(svg, "widest stroke = 900 guns/year") == 1);
  // Laredo at its coordinates: x = (lon + 125)·cos 32°·u, y = (42 − lat)·u, u = 900 / (41 cos 32°).
  const double u = 900.0 / (41.0 * std::cos(32.0 * 3.14159265358979 / 180.0));
  char at[64];
  std::snprintf(at, sizeof at, "data-code=\"laredo\" cx=\"%.1f\" cy=\"%.1f\"", (-99.507 + 125) * 900.0 / 41.0,
                (42 - 27.5) * u);
  CHECK(count(svg, at) == 1);
  // The outlines: 48 contiguous states and DC, Mexico, and Mexico's 32 states, each named.
  CHECK(count(svg, "class=\"land us\"") == 49);
  CHECK(count(svg, "class=\"land mx\"") == 1);
  CHECK(count(svg, "class=\"land mxs\"") == 32);
  CHECK(count(svg, "class=\"mxs-lbl\"") == 32);
  CHECK(count(svg, "<title>Chihuahua</title>Chihuahua</text>") == 1);
  CHECK(count(svg, "<title>Tlaxcala</title>TLA</text>") == 1);     // too small for its name: its code
  CHECK(count(svg, "Mexican states: svg-maps (CC BY 4.0)") == 1);  // the licence's attribution
}

TEST_CASE("Mexican state outlines lie where the states are", "[io][geo]") {
  // The outlines were georeferenced by a fit (scripts/simplify_boundaries.py): each state's
  // label sits at the centroid of its largest ring, which must be within half a degree of
  // the state's geographic centre (read off a map: Chihuahua about 28.8 N 106.1 W, Yucatán
  // 20.8 N 89.0 W, Oaxaca 17.0 N 96.4 W). A fit off by a projection or a flipped axis
  // misses by degrees.
  const std::string svg = flow_map(OdTable{}, Places{}, MapOptions{});
  const double u = 900.0 / (41.0 * std::cos(32.0 * 3.14159265358979 / 180.0));
  struct Centre {
    const char* name;
    double lat, lon;
  };
  for (const Centre& c :
       {Centre{"Chihuahua", 28.8, -106.1}, Centre{"Yucatan", 20.8, -89.0}, Centre{"Oaxaca", 17.0, -96.4}}) {
    CAPTURE(c.name);
    const std::size_t title = svg.find(std::string("<title>") + c.name + "</title>" + c.name + "</text>");
    REQUIRE(title != std::string::npos);
    const std::size_t text = svg.rfind("<text class=\"mxs-lbl\" x=\"", title);
    double x = 0, y = 0;
    REQUIRE(std::sscanf(svg.c_str() + text, "<text class=\"mxs-lbl\" x=\"%lf\" y=\"%lf\"", &x, &y) == 2);
    const double lon = x / (900.0 / 41.0) - 125, lat = 42 - y / u;
    CHECK(std::fabs(lon - c.lon) < 0.5);
    CHECK(std::fabs(lat - c.lat) < 0.5);
  }
}

TEST_CASE("A difference map colours decreases and increases, on a shared scale", "[io][geo]") {
  OdTable diff;
  add_od_series(diff, "guns_arrived_by_source_crossing", "TX>laredo", -400);
  add_od_series(diff, "guns_arrived_by_source_crossing", "AZ>nogales", 100);
  MapOptions o;
  o.difference = true;
  o.full_width_guns = 800;
  const std::string svg = flow_map(diff, small_places(), o);
  CHECK(count(svg, "style=\"stroke:#c0392b\"") == 1);
  CHECK(count(svg, "style=\"stroke:#1e7b34\"") == 1);
  CHECK(count(svg, "widest stroke = 800 guns/year") == 1);
  CHECK(count(svg, "Texas → Laredo: -400 guns/year") == 1);
  CHECK(count(svg, "Arizona → Nogales: +100 guns/year") == 1);
}

TEST_CASE("read_places reads names and coordinates of the reference tables", "[io][geo]") {
  const std::string data = std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/data/";
  const Places p = read_places(data + "us_states.csv", data + "crossings.csv", data + "mx_states.csv");
  CHECK(p.states.size() == 51);
  REQUIRE(p.crossings.size() >= 24);
  CHECK(p.crossings[0].code == "san_ysidro");
  CHECK(p.crossings[0].name == "San Ysidro");
  CHECK(p.crossings[0].lat == Approx(32.542));
  CHECK(p.regions.size() == 33);
}
