#include "gunflow/io/results_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <ctime>
#include <utility>

#include "gunflow/version.hpp"

namespace gunflow {

// CSV fields here are names we generate (no commas or quotes), except the scenario
// name, which is user text: quote it when needed (RFC 4180).
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string format_number(double x) {
  std::string out;
  append_number(out, x);
  return out;
}

namespace {
/// std::to_chars's text of `x` (shortest round trip for a double), appended to `out`.
template <class T>
void append_to_chars(std::string& out, T x) {
  std::array<char, 64> buf{};
  const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), x);
  out.append(buf.data(), static_cast<std::size_t>(res.ptr - buf.data()));
}
void append_integer(std::string& out, long long x) { append_to_chars(out, x); }
}  // namespace

void append_number(std::string& out, double x) {
  if (std::isnan(x)) {
    out += "NaN";
    return;
  }
  append_to_chars(out, x);
}

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

const char* const kReplicationsCsvHeader = "scenario,replication,year,metric,key,value\n";

void append_replication_rows(std::string& out, const std::string& scenario, const MetricLayout& layout,
                             const ReplicationResult& r) {
  // Appended in place, a field at a time: this runs for every replication of a run.
  std::string prefix = csv_field(scenario) + ',';
  append_integer(prefix, static_cast<long long>(r.replication));
  prefix += ',';
  for (int y = 0; y < layout.n_years(); ++y) {
    std::string year;
    append_integer(year, layout.first_year() + y);
    for (std::size_t s = 0; s < layout.size(); ++s) {
      const SeriesKey& k = layout.series()[s];
      out += prefix;
      out += year;
      out += ',';
      out += k.metric;
      out += ',';
      out += output_key(k.key);
      out += ',';
      append_number(out, r.values(static_cast<Eigen::Index>(s), y));
      out += '\n';
    }
  }
}

std::string replications_csv(const std::string& scenario, const MetricLayout& layout,
                             const std::vector<ReplicationResult>& results) {
  std::string out = kReplicationsCsvHeader;
  for (const ReplicationResult& r : results) append_replication_rows(out, scenario, layout, r);
  return out;
}

std::string summary_csv(const std::string& scenario, const SummaryTable& table) {
  std::string out = "scenario,year,metric,key,n,mean,sd,ci_low,ci_high,q05,q50,q95\n";
  const std::string name = csv_field(scenario);
  const MetricLayout& layout = table.layout;
  for (std::size_t s = 0; s < layout.size(); ++s) {
    const SeriesKey& k = layout.series()[s];
    for (int y = 0; y < layout.n_years(); ++y) {
      const Summary& c = table.at(s, y);
      out += name;
      out += ',';
      append_integer(out, layout.first_year() + y);
      out += ',';
      out += k.metric;
      out += ',';
      out += output_key(k.key);
      out += ',';
      append_integer(out, static_cast<long long>(c.n));
      for (const double x : {c.mean, c.sd, c.ci_low, c.ci_high, c.q05, c.q50, c.q95}) {
        out += ',';
        append_number(out, x);
      }
      out += '\n';
    }
  }
  return out;
}

namespace {
/// A finite double as nlohmann::json's dump() writes it (its own Grisu2 routine, so the
/// bytes are the same), JSON's null otherwise; appended without a temporary string.
void append_json_number(std::string& out, double x) {
  if (!std::isfinite(x)) {
    out += "null";  // JSON has no NaN/Inf
    return;
  }
  std::array<char, 64> buf{};
  const char* end = nlohmann::detail::to_chars(buf.data(), buf.data() + buf.size(), x);
  out.append(buf.data(), static_cast<std::size_t>(end - buf.data()));
}
}  // namespace

std::string summary_json(const std::string& scenario, const SummaryTable& table) {
  // Streamed, not built as a JSON document: a run's summary holds about 10^5 numbers, and
  // the document (a std::map per year) cost more than the simulation's last year (7% of
  // a one-replication 10-year run, callgrind); numbers are appended in place, not made
  // into strings first (a quarter of a million allocations a summary). The bytes are
  // those nlohmann::json's dump(1) writes for the same document: keys sorted, one space
  // per level (tested).
  const auto text = [](const std::string& x) { return nlohmann::json(x).dump(); };
  const MetricLayout& layout = table.layout;
  std::string out = "{\n \"confidence\": 0.95,\n \"metrics\": [";
  constexpr std::size_t kBytesPerYearEntry = 200;  // a year's nine fields, as written below: a reserve, not a limit
  out.reserve(layout.size() * static_cast<std::size_t>(std::max(layout.n_years(), 1)) * kBytesPerYearEntry);
  for (std::size_t s = 0; s < layout.size(); ++s) {
    const SeriesKey& k = layout.series()[s];
    out += s == 0 ? "\n" : ",\n";
    out += "  {\n   \"key\": " + text(output_key(k.key)) + ",\n   \"metric\": " + text(k.metric) + ",\n   \"years\": [";
    for (int y = 0; y < layout.n_years(); ++y) {
      const Summary& c = table.at(s, y);
      out += y == 0 ? "\n    {" : ",\n    {";
      // In key order, as the pretty-printer sorts them.
      const auto number = [&out](const char* field, double x) {
        out += field;
        append_json_number(out, x);
      };
      number("\n     \"ci_high\": ", c.ci_high);
      number(",\n     \"ci_low\": ", c.ci_low);
      number(",\n     \"mean\": ", c.mean);
      out += ",\n     \"n\": ";
      append_integer(out, static_cast<long long>(c.n));
      number(",\n     \"q05\": ", c.q05);
      number(",\n     \"q50\": ", c.q50);
      number(",\n     \"q95\": ", c.q95);
      number(",\n     \"sd\": ", c.sd);
      out += ",\n     \"year\": ";
      append_integer(out, layout.first_year() + y);
      out += "\n    }";
    }
    out += layout.n_years() > 0 ? "\n   ]\n  }" : "]\n  }";
  }
  out += layout.size() > 0 ? "\n ]" : "]";
  return out + ",\n \"scenario\": " + text(scenario) + "\n}\n";
}

nlohmann::json run_metadata_json(const RunMetadata& m) {
  nlohmann::json out = {{"gunflow_version", kVersion},
                        {"git_commit", kGitCommit},
                        {"scenario_file", m.scenario_file},
                        {"seed", m.seed},
                        {"replications_requested", m.replications_requested},
                        {"replications_finished", m.replications_finished},
                        {"threads", m.threads},
                        {"wall_seconds", m.wall_seconds},
                        {"interrupted", m.interrupted},
                        {"started_utc", m.started_utc},
                        {"overrides", m.overrides}};
  for (const auto& [name, value] : m.extra.items()) out[name] = value;
  return out;
}

}  // namespace gunflow
