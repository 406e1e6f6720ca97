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

std::string line_with_band(const std::string& title, const std::string& y_label, const std::vector<SeriesPoint>& p) {
  const double w = 420, h = 220, left = 70, right = 15, top = 30, bottom = 35;
  std::string s = "<svg class=\"chart\" viewBox=\"0 0 420 220\" role=\"img\" aria-label=\"" + escape(title) + "\">";
  s += "<text x=\"10\" y=\"18\" class=\"t\">" + escape(title) + "</text>";
  if (p.empty()) return s + "</svg>";
  double x0 = p.front().x, x1 = p.back().x, y0 = 1e300, y1 = -1e300;
  for (const SeriesPoint& q : p) {
    y0 = std::min(y0, q.low);
    y1 = std::max(y1, q.high);
  }
  if (x1 == x0) x1 = x0 + 1;
  y0 = std::min(y0, 0.0);
  if (y1 <= y0) y1 = y0 + 1;
  y1 *= 1.05;
  auto X = [&](double x) { return left + (x - x0) / (x1 - x0) * (w - left - right); };
  auto Y = [&](double y) { return h - bottom - (y - y0) / (y1 - y0) * (h - top - bottom); };
  std::string band = "M";
  for (const SeriesPoint& q : p) band += fmt(X(q.x)) + "," + fmt(Y(q.high)) + " L";
  for (auto it = p.rbegin(); it != p.rend(); ++it) band += fmt(X(it->x)) + "," + fmt(Y(it->low)) + " L";
  band.resize(band.size() - 2);
  s += "<path d=\"" + band + " Z\" fill=\"" + kBand + "\" opacity=\"0.7\"/>";
  std::string line;
  for (const SeriesPoint& q : p) line += (line.empty() ? "M" : " L") + fmt(X(q.x)) + "," + fmt(Y(q.mean));
  s += "<path d=\"" + line + "\" fill=\"none\" stroke=\"" + kInk + "\" stroke-width=\"2\"/>";
  for (const SeriesPoint& q : p) {
    s += "<circle cx=\"" + fmt(X(q.x)) + "\" cy=\"" + fmt(Y(q.mean)) + "\" r=\"3\" fill=\"" + kInk + "\"/>";
    s += "<text x=\"" + fmt(X(q.x)) + "\" y=\"" + fmt(h - 15) + "\" class=\"a\" text-anchor=\"middle\">" +
         std::to_string(static_cast<long long>(std::lround(q.x))) + "</text>";
  }
  for (double f : {0.0, 0.5, 1.0}) {
    const double v = y0 + f * (y1 - y0);
    s += "<text x=\"" + fmt(left - 6) + "\" y=\"" + fmt(Y(v) + 4) + "\" class=\"a\" text-anchor=\"end\">" + number(v) +
         "</text>";
    s += "<line x1=\"" + fmt(left) + "\" x2=\"" + fmt(w - right) + "\" y1=\"" + fmt(Y(v)) + "\" y2=\"" + fmt(Y(v)) +
         "\" stroke=\"#ddd\"/>";
  }
  s += "<text x=\"12\" y=\"" + fmt(top + (h - top - bottom) / 2) + "\" class=\"a\" transform=\"rotate(-90 12 " +
       fmt(top + (h - top - bottom) / 2) + ")\" text-anchor=\"middle\">" + escape(y_label) + "</text>";
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

std::string flow_map(const std::vector<FlowColumn>& cols) {
  const double w = 900, h = 420, top = 40, gap = 4;
  std::string s = "<svg class=\"chart wide\" viewBox=\"0 0 900 420\" role=\"img\" aria-label=\"flow map\">";
  const double col_w = 18, step = (w - 200) / std::max<double>(1, static_cast<double>(cols.size()) - 1);
  std::vector<std::vector<std::pair<double, double>>> pos(cols.size());  // node y, height
  for (std::size_t c = 0; c < cols.size(); ++c) {
    double total = 0;
    for (const Bar& n : cols[c].nodes) total += std::max(0.0, n.value);
    const double avail = h - top - 10 - gap * static_cast<double>(cols[c].nodes.size());
    double y = top;
    const double x = 100 + step * static_cast<double>(c);
    s += "<text x=\"" + fmt(x + col_w / 2) + "\" y=\"24\" class=\"t\" text-anchor=\"middle\">" + escape(cols[c].title) +
         "</text>";
    for (const Bar& n : cols[c].nodes) {
      const double nh = total > 0 ? std::max(1.0, std::max(0.0, n.value) / total * avail) : 1.0;
      pos[c].emplace_back(y, nh);
      s += "<rect x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" width=\"" + fmt(col_w) + "\" height=\"" + fmt(nh) +
           "\" fill=\"" + kInk + "\"/>";
      const bool last = c + 1 == cols.size();
      s += "<text x=\"" + fmt(last ? x + col_w + 5 : x - 5) + "\" y=\"" + fmt(y + nh / 2 + 4) +
           "\" class=\"a\" text-anchor=\"" + (last ? "start" : "end") + "\">" + escape(n.label) + " " +
           number(n.value) + "</text>";
      y += nh + gap;
    }
  }
  for (std::size_t c = 0; c + 1 < cols.size(); ++c) {
    const double xa = 100 + step * static_cast<double>(c) + col_w, xb = 100 + step * static_cast<double>(c + 1);
    double next_total = 0;
    for (const auto& q : pos[c + 1]) next_total += q.second;
    std::vector<double> filled(pos[c + 1].size(), 0.0);
    for (const auto& [ya, ha] : pos[c]) {
      double offset = 0;
      for (std::size_t j = 0; j < pos[c + 1].size(); ++j) {
        const double share = pos[c + 1][j].second / next_total;
        const double band_a = ha * share, band_b = pos[c + 1][j].second * (ha / (h - top - 10));
        const double y1 = ya + offset, y2 = pos[c + 1][j].first + filled[j];
        const double mid = (xa + xb) / 2;
        s += "<path d=\"M" + fmt(xa) + "," + fmt(y1) + " C" + fmt(mid) + "," + fmt(y1) + " " + fmt(mid) + "," +
             fmt(y2) + " " + fmt(xb) + "," + fmt(y2) + " L" + fmt(xb) + "," + fmt(y2 + band_b) + " C" + fmt(mid) + "," +
             fmt(y2 + band_b) + " " + fmt(mid) + "," + fmt(y1 + band_a) + " " + fmt(xa) + "," + fmt(y1 + band_a) +
             " Z\" fill=\"" + kBand + "\" opacity=\"0.45\"/>";
        offset += band_a;
        filled[j] += band_b;
      }
    }
  }
  return s + "</svg>";
}

}  // namespace gunflow::svg
