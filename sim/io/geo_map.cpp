#include "gunflow/io/geo_map.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "gunflow/input/csv_table.hpp"
#include "gunflow/io/svg_chart.hpp"

namespace gunflow::geo {
namespace {
// Outlines of the contiguous US states, of Mexico and of its states (data/geo/boundaries.txt).
constexpr const char* kBoundaries =
#include "gunflow/geo_boundaries.inc"
    ;

// The frame: lon −125…−84, lat 14…42 — the southwest border with the states that supply
// most guns, and Mexico — equirectangular with x shrunk by cos 32° (the border's
// latitude), so shapes near the border keep their proportions. Places outside (the
// northern and eastern states) are summed in "other".
constexpr double kWest = -125, kEast = -84, kNorth = 42, kSouth = 14, kWidth = 900;
const double kXScale = std::cos(32.0 * 3.14159265358979 / 180.0);
double unit() { return kWidth / ((kEast - kWest) * kXScale); }
double map_height() { return (kNorth - kSouth) * unit(); }
double px(double lon) { return (lon - kWest) * kXScale * unit(); }
double py(double lat) { return (kNorth - lat) * unit(); }
bool on_map(const Place& p) { return p.lon >= kWest && p.lon <= kEast && p.lat >= kSouth && p.lat <= kNorth; }

std::string f1(double x) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", x);
  return b;
}

/// Where a Mexican state's name goes: the centroid of its largest ring, and that ring's
/// width (a name wider than its state is shortened to the state's code).
struct StateLabel {
  double x = 0, y = 0, width = 0, area = 0;
};

void take_if_larger(StateLabel& best, const std::vector<std::pair<double, double>>& ring) {
  double a = 0, cx = 0, cy = 0, lo = 1e9, hi = -1e9;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {  // shoelace
    const auto [x0, y0] = ring[i];
    const auto [x1, y1] = ring[i + 1];
    const double c = x0 * y1 - x1 * y0;
    a += c;
    cx += (x0 + x1) * c;
    cy += (y0 + y1) * c;
    lo = std::min(lo, x0);
    hi = std::max(hi, x0);
  }
  if (std::fabs(a) > best.area) best = {cx / (3 * a), cy / (3 * a), hi - lo, std::fabs(a)};
}

std::string state_label(const std::string& code, const std::string& name, const StateLabel& at) {
  // About 5.5 px per character at the label's 10 px font.
  const std::string shown = static_cast<double>(name.size()) * 5.5 < at.width * 0.9 ? name : code;
  return "<text class=\"mxs-lbl\" x=\"" + f1(at.x) + "\" y=\"" + f1(at.y) + "\"><title>" + svg::escape(name) +
         "</title>" + svg::escape(shown) + "</text>";
}

/// The outlines as SVG paths, parsed once: land (US states, Mexico) filled, Mexican
/// states (codes MX-XXX) drawn over Mexico as outlines with their names.
const std::string& outline_paths() {
  static const std::string paths = [] {
    std::string out, labels, d, cls, code, name;
    StateLabel label;
    std::istringstream in(kBoundaries);
    std::string line;
    auto flush = [&] {
      if (!d.empty())
        out += "<path class=\"" + cls + "\" d=\"" + d + "\"><title>" + svg::escape(name) + "</title></path>";
      if (cls == "land mxs" && label.area > 0) labels += state_label(code.substr(3), name, label);
      d.clear();
      label = {};
    };
    while (std::getline(in, line)) {
      if (line.rfind("S ", 0) == 0) {
        flush();
        const std::size_t sp = line.find(' ', 2);
        code = line.substr(2, sp - 2);
        cls = code == "MX" ? "land mx" : code.rfind("MX-", 0) == 0 ? "land mxs" : "land us";
        name = sp == std::string::npos ? "" : line.substr(sp + 1);
      } else if (line.rfind("R ", 0) == 0) {
        std::istringstream pts(line.substr(2));
        std::string p;
        char cmd = 'M';
        std::vector<std::pair<double, double>> ring;
        while (pts >> p) {
          const std::size_t comma = p.find(',');
          const double lon = std::stod(p.substr(0, comma)) / 100, lat = std::stod(p.substr(comma + 1)) / 100;
          ring.emplace_back(px(lon), py(lat));
          d += cmd + f1(ring.back().first) + "," + f1(ring.back().second);
          cmd = 'L';
        }
        d += "Z";
        if (cls == "land mxs") take_if_larger(label, ring);
      }
    }
    flush();
    return out + labels;  // names above every outline
  }();
  return paths;
}

const Place* find(const std::vector<Place>& places, const std::string& code) {
  for (const Place& p : places)
    if (p.code == code) return &p;
  return nullptr;
}

struct Leg {
  std::vector<Link> drawn;
  double other_guns = 0;
  std::size_t other_links = 0;
};

/// The largest links whose both ends are on the map; the others are "other".
Leg pick(std::vector<Link> links, const std::vector<Place>& from, const std::vector<Place>& to, std::size_t n) {
  std::stable_sort(links.begin(), links.end(),
                   [](const Link& a, const Link& b) { return std::fabs(a.guns) > std::fabs(b.guns); });
  Leg leg;
  for (const Link& l : links) {
    if (l.guns == 0) continue;
    const Place *a = find(from, l.from), *b = find(to, l.to);
    if (leg.drawn.size() < n && a && b && on_map(*a) && on_map(*b))
      leg.drawn.push_back(l);
    else {
      leg.other_guns += l.guns;
      ++leg.other_links;
    }
  }
  return leg;
}

std::string name_of(const std::vector<Place>& places, const std::string& code) {
  const Place* p = find(places, code);
  return p && !p->name.empty() ? p->name : code;
}

std::string link_paths(const Leg& leg, const std::vector<Place>& from, const std::vector<Place>& to, const char* cls,
                       double full, const MapOptions& o) {
  std::string s;
  for (const Link& l : leg.drawn) {
    const Place &a = *find(from, l.from), &b = *find(to, l.to);
    const double x1 = px(a.lon), y1 = py(a.lat), x2 = px(b.lon), y2 = py(b.lat);
    // A gentle arc (control point off the chord's middle), so links that share an end fan out.
    const double cx = (x1 + x2) / 2 - (y2 - y1) * 0.15, cy = (y1 + y2) / 2 + (x2 - x1) * 0.15;
    const double width = 1.0 + 13.0 * std::min(1.0, std::fabs(l.guns) / full);
    const char* colour = o.difference ? (l.guns < 0 ? "#c0392b" : "#1e7b34") : nullptr;
    s += std::string("<path class=\"flow ") + cls + "\" data-from=\"" + svg::escape(l.from) + "\" data-to=\"" +
         svg::escape(l.to) + "\" data-guns=\"" + f1(l.guns) + "\" d=\"M" + f1(x1) + "," + f1(y1) + " Q" + f1(cx) + "," +
         f1(cy) + " " + f1(x2) + "," + f1(y2) + "\" stroke-width=\"" + f1(width) + "\"" +
         (colour ? std::string(" style=\"stroke:") + colour + "\"" : std::string()) + "><title>" +
         svg::escape(name_of(from, l.from) + " → " + name_of(to, l.to) + ": " +
                     (o.difference && l.guns > 0 ? "+" : "") + svg::number(l.guns) + " guns/year") +
         "</title></path>";
  }
  return s;
}

/// Circles (and names) of the places the drawn links touch, sized by their drawn flow.
using NodeFlow = std::map<std::string, double>;
void add_ends(NodeFlow& flow, const std::vector<Link>& links, bool at_from) {
  for (const Link& l : links) flow[at_from ? l.from : l.to] += std::fabs(l.guns);
}
/// Boxes of the labels placed so far (x0, y0, x1, y1), so a label that would overlap one is
/// left out (its place keeps its name as a tooltip): near the border, crossings crowd.
using LabelBoxes = std::vector<std::array<double, 4>>;
bool place_label(LabelBoxes& placed, double x, double y, const std::string& text) {
  const std::array<double, 4> box{x, y - 12, x + 7.5 * static_cast<double>(text.size()), y + 3};
  for (const auto& b : placed)
    if (box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]) return false;
  placed.push_back(box);
  return true;
}

std::string nodes(const NodeFlow& flow, const std::vector<Place>& places, const char* cls, double full,
                  std::size_t labels, LabelBoxes& placed) {
  std::vector<std::pair<double, std::string>> order;
  for (const auto& [code, g] : flow) order.emplace_back(g, code);
  std::sort(order.rbegin(), order.rend());
  std::string s;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const Place& p = *find(places, order[i].second);
    const double r = 2.5 + 6.0 * std::sqrt(std::min(1.0, order[i].first / full));
    s += std::string("<circle class=\"") + cls + "\" data-code=\"" + svg::escape(p.code) + "\" cx=\"" + f1(px(p.lon)) +
         "\" cy=\"" + f1(py(p.lat)) + "\" r=\"" + f1(r) + "\"><title>" + svg::escape(p.name) + "</title></circle>";
    if (i < labels && place_label(placed, px(p.lon) + r + 2, py(p.lat) + 4, p.name))
      s += "<text class=\"lbl\" x=\"" + f1(px(p.lon) + r + 2) + "\" y=\"" + f1(py(p.lat) + 4) + "\">" +
           svg::escape(p.name) + "</text>";
  }
  return s;
}

std::string other_line(const Leg& leg, const char* what) {
  if (leg.other_links == 0) return std::string("all ") + what + " drawn";
  double total = leg.other_guns;
  for (const Link& l : leg.drawn) total += l.guns;
  const std::string share =
      total > 0 && leg.other_guns >= 0 ? ", " + svg::number(100.0 * leg.other_guns / total) + "% of the leg" : "";
  return std::to_string(leg.other_links) + " smaller or off-map " + what +
         " not drawn (other: " + svg::number(leg.other_guns) + " guns/year" + share + ")";
}
}  // namespace

Places read_places(const std::string& us_states_csv, const std::string& crossings_csv,
                   const std::string& mx_states_csv) {
  const auto read = [](const std::string& path, const std::string& code_column) {
    const CsvTable t = CsvTable::read(path, {code_column, "name", "lat", "lon"});
    std::vector<Place> out;
    for (std::size_t i = 0; i < t.rows(); ++i)
      out.push_back(
          {t.text(i, code_column), t.text(i, "name"), t.real(i, "lat", -90, 90), t.real(i, "lon", -180, 180)});
    return out;
  };
  return {read(us_states_csv, "code"), read(crossings_csv, "id"), read(mx_states_csv, "code")};
}

void add_od_series(OdTable& od, const std::string& metric, const std::string& key, double guns) {
  const std::size_t sep = key.find('>');
  if (sep == std::string::npos) return;
  Link link{key.substr(0, sep), key.substr(sep + 1), guns};
  if (metric == "guns_arrived_by_source_crossing") od.source_crossing.push_back(std::move(link));
  if (metric == "guns_arrived_by_crossing_region") od.crossing_region.push_back(std::move(link));
}

double largest_link(const OdTable& od) {
  double m = 0;
  for (const auto* leg : {&od.source_crossing, &od.crossing_region})
    for (const Link& l : *leg) m = std::max(m, std::fabs(l.guns));
  return m;
}

std::string flow_map(const OdTable& od, const Places& places, const MapOptions& o) {
  const Leg us = pick(od.source_crossing, places.states, places.crossings, o.links_per_leg);
  const Leg mx = pick(od.crossing_region, places.crossings, places.regions, o.links_per_leg);
  const double full = o.full_width_guns > 0 ? o.full_width_guns : std::max(1e-9, largest_link(od));
  const double h = map_height();
  std::string s = "<svg class=\"chart wide geo\" viewBox=\"0 0 " + f1(kWidth) + " " + f1(h + 80) +
                  "\" role=\"img\" aria-label=\"" + svg::escape(o.title) + "\">";
  // Scoped to .geo: a <style> inside inline SVG applies to the whole HTML page.
  s += "<style>.geo .land{stroke:#b9c2cb;stroke-width:.6}.geo .land.us{fill:#eef1f4}.geo .land.mx{fill:#f6efe2}"
       ".geo .flow{fill:none;stroke-linecap:round;opacity:.7}.geo .leg-us{stroke:#2f6f9f}.geo .leg-mx{stroke:#c77d1e}"
       ".geo .src{fill:#2f6f9f}.geo .xing{fill:#1b2733}.geo .dest{fill:#c77d1e}.geo .lbl{font-size:15px;"
       "fill:#1b2733;paint-order:stroke;stroke:#fff;stroke-width:3px}.geo .t{font-weight:600;font-size:20px}"
       ".geo .a{font-size:15px}.geo .land.mxs{fill:none;stroke:#d9c7a7;stroke-width:.6}.geo .mxs-lbl{font-size:10px;"
       "fill:#9a8a70;text-anchor:middle}.geo .credit{font-size:10px;fill:#8a9099;text-anchor:end}</style>";
  s += outline_paths();
  s += link_paths(us, places.states, places.crossings, "leg-us", full, o);
  s += link_paths(mx, places.crossings, places.regions, "leg-mx", full, o);
  NodeFlow sources, crossings, destinations;
  add_ends(sources, us.drawn, true);
  add_ends(destinations, mx.drawn, false);
  // A crossing's size is what passes it: the larger of its drawn inflow and outflow.
  NodeFlow in, out;
  add_ends(in, us.drawn, false);
  add_ends(out, mx.drawn, true);
  for (const NodeFlow* side : {&in, &out})
    for (const auto& [code, g] : *side) crossings[code] = std::max(crossings[code], g);
  LabelBoxes placed;  // the largest crossings are named first, then sources and destinations
  const std::string xing = nodes(crossings, places.crossings, "xing", full, 6, placed);
  s += nodes(sources, places.states, "src", full, 6, placed) + xing;
  s += nodes(destinations, places.regions, "dest", full, 6, placed);
  s += "<text x=\"10\" y=\"26\" class=\"t\">" + svg::escape(o.title) + "</text>";
  // CC BY 4.0 asks for the attribution where the work is shown (data/geo/SOURCE.md).
  s += "<text x=\"" + f1(kWidth - 6) + "\" y=\"" + f1(h - 6) +
       "\" class=\"credit\">outlines: US Census Bureau, Natural Earth; Mexican states: svg-maps (CC BY 4.0)</text>";
  const std::string key = o.difference ? "green: more guns than the baseline, red: fewer; "
                                       : "blue: US state of first sale → crossing; orange: crossing → destination; ";
  s += "<text x=\"10\" y=\"" + f1(h + 22) + "\" class=\"a\">" +
       svg::escape(key + "widest stroke = " + svg::number(full) + " guns/year") + "</text>";
  s += "<text x=\"10\" y=\"" + f1(h + 46) + "\" class=\"a other\">" +
       svg::escape(other_line(us, "state→crossing links")) + "</text>";
  s += "<text x=\"10\" y=\"" + f1(h + 68) + "\" class=\"a other\">" +
       svg::escape(other_line(mx, "crossing→destination links")) + "</text>";
  return s + "</svg>";
}

}  // namespace gunflow::geo
