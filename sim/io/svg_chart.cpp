#include "gunflow/io/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gunflow::svg {
namespace {
constexpr const char* kInk = "#1f3b57";
constexpr const char* kBand = "#9ec5e8";
constexpr const char* kAccent = "#c0392b";

std::string fmt(double x) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", x);
  return b;
}
}  // namespace

std::string escape(const std::string& t) {
  std::string out;
  for (char c : t) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string number(double x) {
  char b[32];
  const double a = std::fabs(x);
  if (a >= 1e6)
    std::snprintf(b, sizeof b, "%.3gM", x / 1e6);
  else if (a >= 1000) {
    std::snprintf(b, sizeof b, "%.0f", x);
    std::string s = b, out;
    const std::size_t start = s[0] == '-' ? 1 : 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (i > start && (s.size() - i) % 3 == 0) out += ',';
      out += s[i];
    }
    return out;
  } else if (a >= 10)
    std::snprintf(b, sizeof b, "%.0f", x);
  else
    std::snprintf(b, sizeof b, "%.3g", x);
  return b;
}

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (!(hi > lo)) hi = lo + 1;
  const double raw = (hi - lo) / std::max(1, target);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * mag >= raw) {
      step = m * mag;
      break;
    }
  std::vector<double> out;
  for (double t = std::floor(lo / step) * step; t < hi + step * 0.999; t += step)
    out.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
  return out;
}

std::string line_with_band(const std::string& title, const std::string& y_label, const std::vector<SeriesPoint>& p) {
  return lines_with_bands(title, y_label, {{"", p}});
}

std::string lines_with_bands(const std::string& title, const std::string& y_label, const std::vector<LineSeries>& ls,
                             double marker_x, const std::string& marker_label) {
  const double w = 420, h = 230, left = 70, right = 15, top = 30, bottom = 45;
  constexpr const char* kLine[] = {kInk, kAccent, "#6b8e23"};
  std::string s = "<svg class=\"chart\" viewBox=\"0 0 420 230\" role=\"img\" aria-label=\"" + escape(title) + "\">";
  s += "<text x=\"10\" y=\"18\" class=\"t\">" + escape(title) + "</text>";
  // One series (a run): the axis starts at 0. Several (baseline and policy): it spans the
  // bands, so the gap between the lines is visible.
  double x0 = 1e300, x1 = -1e300, y0 = ls.size() == 1 ? 0 : 1e300, y1 = -1e300;
  for (const LineSeries& l : ls)
    for (const SeriesPoint& q : l.points) {
      x0 = std::min(x0, q.x);
      x1 = std::max(x1, q.x);
      y0 = std::min(y0, q.low);
      y1 = std::max(y1, q.high);
    }
  if (x1 < x0) return s + "</svg>";
  // Each point stands for a whole year: the axis spans from half a year before the first
  // to half a year after the last, so a date within a year (a policy start) falls in it.
  x0 -= 0.5;
  x1 += 0.5;
  const std::vector<double> ticks = nice_ticks(y0, y1);
  y0 = ticks.front();
  y1 = ticks.back();
  auto X = [&](double x) { return left + (x - x0) / (x1 - x0) * (w - left - right); };
  auto Y = [&](double y) { return h - bottom - (y - y0) / (y1 - y0) * (h - top - bottom); };
  for (double v : ticks) {
    s += "<text x=\"" + fmt(left - 6) + "\" y=\"" + fmt(Y(v) + 4) + "\" class=\"a\" text-anchor=\"end\">" + number(v) +
         "</text><line x1=\"" + fmt(left) + "\" x2=\"" + fmt(w - right) + "\" y1=\"" + fmt(Y(v)) + "\" y2=\"" +
         fmt(Y(v)) + "\" stroke=\"#ddd\"/>";
  }
  std::vector<double> years;
  for (std::size_t i = 0; i < ls.size(); ++i) {
    const std::vector<SeriesPoint>& p = ls[i].points;
    if (p.empty()) continue;
    const char* colour = kLine[std::min<std::size_t>(i, 2)];
    std::string band = "M";
    for (const SeriesPoint& q : p) band += fmt(X(q.x)) + "," + fmt(Y(q.high)) + " L";
    for (auto it = p.rbegin(); it != p.rend(); ++it) band += fmt(X(it->x)) + "," + fmt(Y(it->low)) + " L";
    band.resize(band.size() - 2);
    s += "<path d=\"" + band + " Z\" fill=\"" + (i == 0 ? kBand : "#f0b8b0") + "\" opacity=\"0.55\"/>";
    std::string line;
    for (const SeriesPoint& q : p) line += (line.empty() ? "M" : " L") + fmt(X(q.x)) + "," + fmt(Y(q.mean));
    s += "<path d=\"" + line + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\"/>";
    for (const SeriesPoint& q : p) {
      s += "<circle cx=\"" + fmt(X(q.x)) + "\" cy=\"" + fmt(Y(q.mean)) + "\" r=\"3\" fill=\"" + colour + "\"/>";
      if (std::find(years.begin(), years.end(), q.x) == years.end()) years.push_back(q.x);
    }
    if (!ls[i].label.empty())
      s += "<text x=\"" + fmt(left + 8 + 150 * static_cast<double>(i)) + "\" y=\"" + fmt(h - 6) +
           "\" class=\"a\" style=\"fill:" + colour + "\">— " + escape(ls[i].label) + "</text>";
  }
  for (double x : years)
    s += "<text x=\"" + fmt(X(x)) + "\" y=\"" + fmt(h - bottom + 14) + "\" class=\"a\" text-anchor=\"middle\">" +
         std::to_string(static_cast<long long>(std::lround(x))) + "</text>";
  if (!marker_label.empty() && marker_x >= x0 && marker_x <= x1)
    s += "<line class=\"marker\" x1=\"" + fmt(X(marker_x)) + "\" x2=\"" + fmt(X(marker_x)) + "\" y1=\"" + fmt(top) +
         "\" y2=\"" + fmt(h - bottom) + "\" stroke=\"#555\" stroke-dasharray=\"4 3\"/><text x=\"" +
         fmt(X(marker_x) + 3) + "\" y=\"" + fmt(top + 10) + "\" class=\"a\">" + escape(marker_label) + "</text>";
  s += "<text x=\"12\" y=\"" + fmt(top + (h - top - bottom) / 2) + "\" class=\"a\" transform=\"rotate(-90 12 " +
       fmt(top + (h - top - bottom) / 2) + ")\" text-anchor=\"middle\">" + escape(y_label) + "</text>";
  return s + "</svg>";
}

std::string shared_axis_bars(const std::string& title, const std::vector<Bar>& b, const std::string& axis_label,
                             const std::string& unit) {
  const double row = 22, left = 380, right = 30, w = 900;
  const double h = 70 + row * static_cast<double>(b.size());
  std::string s = "<svg class=\"chart wide\" viewBox=\"0 0 900 " + fmt(h) + "\" role=\"img\" aria-label=\"" +
                  escape(title) + "\"><text x=\"10\" y=\"18\" class=\"t\">" + escape(title) + "</text>";
  double lo = 0, hi = 0;
  for (const Bar& x : b) {
    lo = std::min({lo, x.low, x.value});
    hi = std::max({hi, x.high, x.value});
  }
  const std::vector<double> ticks = nice_ticks(lo, hi, 6);
  lo = ticks.front();
  hi = ticks.back();
  auto X = [&](double v) { return left + (v - lo) / (hi - lo) * (w - left - right); };
  const double y_axis = 30 + row * static_cast<double>(b.size());
  for (double t : ticks)
    s += "<line x1=\"" + fmt(X(t)) + "\" x2=\"" + fmt(X(t)) + "\" y1=\"26\" y2=\"" + fmt(y_axis) + "\" stroke=\"" +
         (t == 0 ? "#666" : "#e3e3e3") + "\"/><text x=\"" + fmt(X(t)) + "\" y=\"" + fmt(y_axis + 14) +
         "\" class=\"a tick\" text-anchor=\"middle\">" + number(t) + unit + "</text>";
  s += "<text x=\"" + fmt(left + (w - left - right) / 2) + "\" y=\"" + fmt(y_axis + 32) +
       "\" class=\"a\" text-anchor=\"middle\">" + escape(axis_label) + "</text>";
  for (std::size_t i = 0; i < b.size(); ++i) {
    const double y = 28 + row * static_cast<double>(i);
    const double a = X(std::min(0.0, b[i].value)), z = X(std::max(0.0, b[i].value));
    s += "<text x=\"" + fmt(left - 6) + "\" y=\"" + fmt(y + 13) + "\" class=\"a\" text-anchor=\"end\">" +
         escape(b[i].label) + "</text><rect class=\"effect\" data-value=\"" + fmt(b[i].value) + "\" x=\"" + fmt(a) +
         "\" y=\"" + fmt(y + 4) + "\" width=\"" + fmt(std::max(0.5, z - a)) + "\" height=\"" + fmt(row - 8) +
         "\" fill=\"" + (b[i].value < 0 ? kAccent : kInk) + "\" opacity=\"0.8\"/>";
    if (b[i].low != b[i].high)
      s += "<line x1=\"" + fmt(X(b[i].low)) + "\" x2=\"" + fmt(X(b[i].high)) + "\" y1=\"" + fmt(y + row / 2) +
           "\" y2=\"" + fmt(y + row / 2) + "\" stroke=\"#000\" stroke-width=\"1.5\"/>";
  }
  return s + "</svg>";
}

std::string bars(const std::string& title, const std::vector<Bar>& b, const std::string& unit) {
  const double row = 22, left = 170, right = 80, w = 520;
  const double h = 34 + row * static_cast<double>(b.size());
  std::string s =
      "<svg class=\"chart\" viewBox=\"0 0 520 " + fmt(h) + "\" role=\"img\" aria-label=\"" + escape(title) + "\">";
  s += "<text x=\"10\" y=\"18\" class=\"t\">" + escape(title) + "</text>";
  double lo = 0, hi = 0;
  for (const Bar& x : b) {
    lo = std::min({lo, x.low, x.value});
    hi = std::max({hi, x.high, x.value});
  }
  if (hi == lo) hi = lo + 1;
  auto X = [&](double v) { return left + (v - lo) / (hi - lo) * (w - left - right); };
  for (std::size_t i = 0; i < b.size(); ++i) {
    const double y = 28 + row * static_cast<double>(i);
    const double a = X(std::min(0.0, b[i].value)), z = X(std::max(0.0, b[i].value));
    s += "<text x=\"" + fmt(left - 6) + "\" y=\"" + fmt(y + 13) + "\" class=\"a\" text-anchor=\"end\">" +
         escape(b[i].label) + "</text>";
    s += "<rect x=\"" + fmt(a) + "\" y=\"" + fmt(y + 3) + "\" width=\"" + fmt(std::max(0.5, z - a)) + "\" height=\"" +
         fmt(row - 7) + "\" fill=\"" + (b[i].value < 0 ? kAccent : kInk) + "\" opacity=\"0.85\"/>";
    if (b[i].low != b[i].high)
      s += "<line x1=\"" + fmt(X(b[i].low)) + "\" x2=\"" + fmt(X(b[i].high)) + "\" y1=\"" + fmt(y + row / 2) +
           "\" y2=\"" + fmt(y + row / 2) + "\" stroke=\"#000\" stroke-width=\"1.5\"/>";
    s += "<text x=\"" + fmt(std::max(z, X(b[i].high)) + 5) + "\" y=\"" + fmt(y + 13) + "\" class=\"a\">" +
         number(b[i].value) + unit + "</text>";
  }
  s += "<line x1=\"" + fmt(X(0)) + "\" x2=\"" + fmt(X(0)) + "\" y1=\"24\" y2=\"" + fmt(h - 4) + "\" stroke=\"#888\"/>";
  return s + "</svg>";
}

}  // namespace gunflow::svg
