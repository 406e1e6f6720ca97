#include "gunflow/io/results_writer.hpp"

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
  if (std::isnan(x)) return "NaN";
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, res.ptr);
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
  const std::string name = csv_field(scenario);
  const std::string rep = std::to_string(r.replication);
  for (int y = 0; y < layout.n_years(); ++y) {
    const std::string year = std::to_string(layout.first_year() + y);
    for (std::size_t s = 0; s < layout.size(); ++s) {
      const SeriesKey& k = layout.series()[s];
      out += name + ',' + rep + ',' + year + ',' + k.metric + ',' + output_key(k.key) + ',' +
             format_number(r.values(static_cast<Eigen::Index>(s), y)) + '\n';
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
      out += name + ',' + std::to_string(layout.first_year() + y) + ',' + k.metric + ',' + output_key(k.key) + ',' +
             std::to_string(c.n) + ',' + format_number(c.mean) + ',' + format_number(c.sd) + ',' +
             format_number(c.ci_low) + ',' + format_number(c.ci_high) + ',' + format_number(c.q05) + ',' +
             format_number(c.q50) + ',' + format_number(c.q95) + '\n';
    }
  }
  return out;
}

std::string summary_json(const std::string& scenario, const SummaryTable& table) {
  // Streamed, not built as a JSON document: a run's summary holds about 10^5 numbers, and
  // the document (a std::map per year) cost more than the simulation's last year (7% of
  // a one-replication 10-year run, callgrind). The bytes are those nlohmann::json's
  // dump(1) writes for the same document: keys sorted, one space per level (tested).
  const auto number = [](double x) {
    return std::isfinite(x) ? nlohmann::json(x).dump() : std::string("null");  // JSON has no NaN/Inf
  };
  const auto text = [](const std::string& x) { return nlohmann::json(x).dump(); };
  const MetricLayout& layout = table.layout;
  std::string out = "{\n \"confidence\": 0.95,\n \"metrics\": [";
  for (std::size_t s = 0; s < layout.size(); ++s) {
    const SeriesKey& k = layout.series()[s];
    out += s == 0 ? "\n" : ",\n";
    out += "  {\n   \"key\": " + text(output_key(k.key)) + ",\n   \"metric\": " + text(k.metric) + ",\n   \"years\": [";
    for (int y = 0; y < layout.n_years(); ++y) {
      const Summary& c = table.at(s, y);
      out += y == 0 ? "\n    {" : ",\n    {";
      // In key order, as the pretty-printer sorts them.
      const std::pair<const char*, std::string> fields[] = {{"ci_high", number(c.ci_high)},
                                                            {"ci_low", number(c.ci_low)},
                                                            {"mean", number(c.mean)},
                                                            {"n", std::to_string(c.n)},
                                                            {"q05", number(c.q05)},
                                                            {"q50", number(c.q50)},
                                                            {"q95", number(c.q95)},
                                                            {"sd", number(c.sd)},
                                                            {"year", std::to_string(layout.first_year() + y)}};
      const char* separator = "\n     \"";
      for (const auto& [name, value] : fields) {
        out += separator + std::string(name) + "\": " + value;
        separator = ",\n     \"";
      }
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
