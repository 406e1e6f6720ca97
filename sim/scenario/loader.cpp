#include "gunflow/scenario/loader.hpp"

#include <filesystem>
#include <memory>

#include "gunflow/core/errors.hpp"
#include "gunflow/input/reference_tables.hpp"
#include "gunflow/scenario/cross_checks.hpp"
#include "gunflow/scenario/yaml_source.hpp"
#include "value_parser.hpp"

namespace gunflow {
namespace fs = std::filesystem;
namespace {

// Data paths are written relative to the file that names them; store them absolute
// so the resolved scenario works from any directory.
void resolve_data_paths(Settings& s, const ScenarioSource& src, std::vector<InputProblem>& problems) {
  for (const DataPathKey& k : kDataPathKeys) {
    std::string& value = s.data.*k.path;
    const auto it = src.leaves.find(k.key);
    if (it == src.leaves.end() && k.required)
      problems.push_back({src.root_file, 0, 0, k.key, "is required (path of a reference table under scenarios/data/)"});
    if (it == src.leaves.end() || (!k.required && value.empty())) continue;
    const Location& at = it->second.where;
    fs::path p(value);
    // Relative to the file that names it; a `--set data.x=PATH` is relative to the working directory.
    if (p.is_relative() && at.file.rfind("--set ", 0) != 0) p = fs::path(at.file).parent_path() / p;
    p = fs::absolute(p).lexically_normal();
    std::error_code ec;
    if (!fs::is_regular_file(p, ec))
      problems.push_back({at.file, at.line, at.column, k.key,
                          "names '" + p.string() + "', which " +
                              (fs::exists(p, ec) ? "is not a file (a CSV table)" : "does not exist")});
    value = p.string();
  }
}
// The reference tables are read here, once: the cross-checks and world building use
// what was read. A bad table's problems join the scenario's (each at its table's
// file:line:column); the cross-checks that need the tables are then skipped.
void read_tables(Settings& s, std::vector<InputProblem>& problems) {
  try {
    s.data.tables = std::make_shared<const ReferenceTables>(read_reference_tables(s.data.paths()));
  } catch (const InputError& e) {
    problems.insert(problems.end(), e.problems().begin(), e.problems().end());
  }
}

// A policy block that is written is switched on unless it says `enabled: false`;
// then it needs a start date.
void enable_written_policies(Settings& s, const ScenarioSource& src, std::vector<InputProblem>& problems) {
  for (const auto& [group, where] : src.groups) {
    if (group.rfind("policies.", 0) != 0) continue;
    const SchemaEntry* enabled = find_entry(group + ".enabled");
    if (!enabled) continue;
    if (!src.leaves.count(group + ".enabled")) enabled->set(s, Value(true));
    if (std::get<bool>(enabled->get(s)) && !src.leaves.count(group + ".start"))
      problems.push_back({where.file, where.line, where.column, group + ".start",
                          "is required: a policy block needs the date it starts (YYYY-MM-DD)"});
  }
}
// A dated key's field holds its value in the first simulated year (the warm-up's), so
// whatever reads settings once, at the start, reads that year's value.
void set_first_year_values(Settings& s, std::vector<DatedSeries> dated) {
  if (dated.empty()) return;
  s.dated = std::move(dated);
  Settings first = settings_in_year(s, s.simulation.first_day().year());
  first.dated = std::move(s.dated);
  s = std::move(first);
}
}  // namespace

LoadedScenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  std::vector<InputProblem> problems;
  const ScenarioSource src = read_scenario_source(path, problems, overrides);
  LoadedScenario out{default_settings(), src.root_file, src.files, overrides};
  if (src.files.empty()) throw InputError(problems);  // nothing readable at all

  std::vector<DatedSeries> dated;
  for (const auto& [key, leaf] : src.leaves) {
    const SchemaEntry* entry = find_entry(key);
    if (scenario_detail::is_dated_form(*entry, leaf)) {
      if (auto series = scenario_detail::parse_dated_series(*entry, leaf, problems))
        dated.push_back(std::move(*series));
    } else if (const auto value = scenario_detail::parse_value(*entry, leaf, problems)) {
      entry->set(out.settings, *value);
    }
  }
  set_first_year_values(out.settings, std::move(dated));
  enable_written_policies(out.settings, src, problems);
  if (problems.empty()) {
    resolve_data_paths(out.settings, src, problems);
    if (problems.empty()) read_tables(out.settings, problems);
    check_consistency(out.settings, src, problems);
  }
  if (!problems.empty()) throw InputError(problems);
  out.warnings = scenario_warnings(out.settings, src);
  out.notes = scenario_notes(out.settings, src);
  return out;
}

}  // namespace gunflow
