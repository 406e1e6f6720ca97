#include "value_parser.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

namespace gunflow::scenario_detail {
namespace {

class Parser {
 public:
  Parser(const SchemaEntry& e, const LocatedNode& leaf, std::vector<InputProblem>& problems)
      : e_(e), leaf_(leaf), problems_(problems) {}

  std::optional<Value> run() {
    const YAML::Node& n = leaf_.node;
    switch (e_.type) {
      case ValueType::kReal: {
        const auto x = scalar_real(n, leaf_.where);
        return x ? std::optional<Value>(Value(*x)) : std::nullopt;
      }
      case ValueType::kInt:
        return integer(n);
      case ValueType::kBool:
        return boolean(n);
      case ValueType::kString:
        return string(n);
      case ValueType::kDate:
        return date(n);
      case ValueType::kStringList:
        return string_list(n);
      case ValueType::kRealMap:
        return real_map(n);
    }
    return std::nullopt;
  }

 private:
  std::nullopt_t fail(const Location& at, const std::string& message, const std::string& path = {}) {
    problems_.push_back({at.file, at.line, at.column, path.empty() ? e_.path : path, message});
    return std::nullopt;
  }
  std::nullopt_t wrong_type(const Location& at, const YAML::Node& n) {
    const std::string got = n.IsScalar() ? "'" + n.Scalar() + "'"
                            : n.IsNull() ? "empty"
                            : n.IsMap()  ? "a mapping"
                                         : "a list";
    const std::string type = type_name(e_.type);
    return fail(at, std::string("must be ") + (type == "integer" ? "an " : "a ") + type + ", but is " + got);
  }
  Location at(const YAML::Node& n) const {
    const YAML::Mark m = n.Mark();
    return m.line >= 0 && leaf_.where.line > 0 ? Location{leaf_.where.file, m.line + 1, m.column + 1} : leaf_.where;
  }
  std::string range_text() const {
    std::ostringstream o;
    o << "[" << format_value(e_.min) << ", " << format_value(e_.max) << "]";
    return o.str();
  }

  std::optional<double> scalar_real(const YAML::Node& n, const Location& where, const std::string& path = {}) {
    if (!n.IsScalar()) return wrong_type(where, n);
    const std::string& s = n.Scalar();
    double x = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
    if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(x))
      return fail(where, "must be a real number, but is '" + s + "'", path);
    if (x < e_.min || x > e_.max) return fail(where, "is " + s + ", but must be in " + range_text(), path);
    return x;
  }

  /// Counts, days and thresholds: a real number with a fraction is an error, not truncated.
  /// A whole number written as a real (`2.0`, `1e3`) is accepted.
  std::optional<Value> integer(const YAML::Node& n) {
    if (!n.IsScalar()) return wrong_type(leaf_.where, n);
    const std::string& s = n.Scalar();
    const char* end = s.data() + s.size();
    std::int64_t x = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), end, x);
    if (ec == std::errc::result_out_of_range) return fail(leaf_.where, "is " + s + ", but must be in " + range_text());
    if (ec != std::errc() || ptr != end) {
      double r = 0;
      const auto [rptr, rec] = std::from_chars(s.data(), end, r);
      if (rec != std::errc() || rptr != end || !std::isfinite(r))
        return fail(leaf_.where, "must be an integer, but is '" + s + "'");
      if (r != std::trunc(r)) return fail(leaf_.where, "is " + s + ", but must be an integer");
      if (r < e_.min || r > e_.max) return fail(leaf_.where, "is " + s + ", but must be in " + range_text());
      x = static_cast<std::int64_t>(r);
    }
    if (static_cast<double>(x) < e_.min || static_cast<double>(x) > e_.max)
      return fail(leaf_.where, "is " + s + ", but must be in " + range_text());
    return Value(x);
  }

  std::optional<Value> boolean(const YAML::Node& n) {
    if (n.IsScalar() && (n.Scalar() == "true" || n.Scalar() == "false")) return Value(n.Scalar() == "true");
    if (n.IsScalar()) return fail(leaf_.where, "must be true or false, but is '" + n.Scalar() + "'");
    return wrong_type(leaf_.where, n);
  }

  bool allowed(const std::string& s) const {
    return e_.allowed.empty() || std::find(e_.allowed.begin(), e_.allowed.end(), s) != e_.allowed.end();
  }
  std::string allowed_text() const {
    std::string out;
    for (std::size_t i = 0; i < e_.allowed.size() && i < 12; ++i) out += (i ? ", " : "") + e_.allowed[i];
    if (e_.allowed.size() > 12) out += ", …";
    return out;
  }

  std::optional<Value> string(const YAML::Node& n) {
    if (!n.IsScalar()) return wrong_type(leaf_.where, n);
    if (!allowed(n.Scalar()))
      return fail(leaf_.where, "is '" + n.Scalar() + "', but must be one of: " + allowed_text());
    return Value(n.Scalar());
  }

  std::optional<Value> date(const YAML::Node& n) {
    if (!n.IsScalar()) return wrong_type(leaf_.where, n);
    const auto d = Date::parse(n.Scalar());
    if (!d) return fail(leaf_.where, "must be a date YYYY-MM-DD, but is '" + n.Scalar() + "'");
    return Value(*d);
  }

  std::optional<Value> string_list(const YAML::Node& n) {
    if (!n.IsSequence()) return wrong_type(leaf_.where, n);
    StringList out;
    bool ok = true;
    for (std::size_t i = 0; i < n.size(); ++i) {
      const YAML::Node item = n[i];
      const std::string path = e_.path + "[" + std::to_string(i) + "]";
      if (!item.IsScalar()) {
        fail(at(item), "must be a plain string", path);
        ok = false;
      } else if (!allowed(item.Scalar())) {
        fail(at(item), "is '" + item.Scalar() + "', but must be one of: " + allowed_text(), path);
        ok = false;
      } else if (std::find(out.begin(), out.end(), item.Scalar()) != out.end()) {
        fail(at(item), "repeats '" + item.Scalar() + "'", path);
        ok = false;
      } else {
        out.push_back(item.Scalar());
      }
    }
    return ok ? std::optional<Value>(Value(std::move(out))) : std::nullopt;
  }

  std::optional<Value> real_map(const YAML::Node& n) {
    if (!n.IsMap()) return wrong_type(leaf_.where, n);
    RealMap out;
    bool ok = true;
    for (const auto& kv : n) {
      const std::string k = kv.first.IsScalar() ? kv.first.Scalar() : "?";
      const std::string path = e_.path + "." + k;
      if (!kv.first.IsScalar() || !allowed(k)) {
        fail(at(kv.first), "is not a valid key here; expected one of: " + allowed_text(), path);
        ok = false;
      } else if (out.count(k)) {
        fail(at(kv.first), "is given twice in the same mapping", path);
        ok = false;
      } else if (const auto x = scalar_real(kv.second, at(kv.second), path)) {
        out[k] = *x;
      } else {
        ok = false;
      }
    }
    return ok ? std::optional<Value>(Value(std::move(out))) : std::nullopt;
  }

 public:
  std::optional<DatedSeries> dated() {
    const YAML::Node& n = leaf_.node;
    if (!may_vary_by_year(e_.path))
      return fail(leaf_.where, "cannot be given year by year: it is read once, when the run is set up");
    if (n.size() == 0) return fail(leaf_.where, "needs at least one year: {YEAR: value, ...}");
    DatedSeries out{e_.path, {}, e_.type == ValueType::kInt};
    bool ok = true;
    for (const auto& kv : n) {
      const std::string k = kv.first.IsScalar() ? kv.first.Scalar() : "?";
      const std::string path = e_.path + "." + k;
      int year = 0;
      const auto [ptr, ec] = std::from_chars(k.data(), k.data() + k.size(), year);
      if (!kv.first.IsScalar() || ec != std::errc() || ptr != k.data() + k.size() || year < kFirstSeriesYear ||
          year > kLastSeriesYear) {
        fail(at(kv.first),
             "is not a year: a year-by-year value is written {YEAR: value, ...}, years " +
                 std::to_string(kFirstSeriesYear) + " to " + std::to_string(kLastSeriesYear),
             path);
        ok = false;
        continue;
      }
      if (std::any_of(out.points.begin(), out.points.end(), [&](const auto& p) { return p.first == year; })) {
        fail(at(kv.first), "is given twice in the same mapping", path);
        ok = false;
        continue;
      }
      std::optional<double> x;
      if (e_.type == ValueType::kInt) {
        const LocatedNode item{kv.second, at(kv.second)};
        const auto v = Parser(e_, item, problems_).integer(kv.second);
        if (v) x = static_cast<double>(std::get<std::int64_t>(*v));
      } else {
        x = scalar_real(kv.second, at(kv.second), path);
      }
      if (x)
        out.points.emplace_back(year, *x);
      else
        ok = false;
    }
    if (!ok) return std::nullopt;
    std::sort(out.points.begin(), out.points.end());
    return out;
  }

 private:
  const SchemaEntry& e_;
  const LocatedNode& leaf_;
  std::vector<InputProblem>& problems_;
};
}  // namespace

bool is_dated_form(const SchemaEntry& entry, const LocatedNode& leaf) {
  return (entry.type == ValueType::kReal || entry.type == ValueType::kInt) && leaf.node.IsMap();
}

std::optional<DatedSeries> parse_dated_series(const SchemaEntry& entry, const LocatedNode& leaf,
                                              std::vector<InputProblem>& problems) {
  return Parser(entry, leaf, problems).dated();
}

std::optional<Value> parse_value(const SchemaEntry& entry, const LocatedNode& leaf,
                                 std::vector<InputProblem>& problems) {
  return Parser(entry, leaf, problems).run();
}

}  // namespace gunflow::scenario_detail
