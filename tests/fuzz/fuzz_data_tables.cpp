// libFuzzer target for the reference-data tables a scenario names (data.us_states,
// data.crossings, data.mx_states, data.staging_cities, and the optional tables by year:
// data.mx_homicides_by_year, data.mx_homicides_by_state_year,
// data.mx_conflict_homicides_by_year, data.us_sales_by_state_year, data.us_state_laws).
// Users can point these keys at
// their own CSV files, so the contract is the one `gunflow validate` and `gunflow run`
// rely on: any table gives a world or an InputError whose problems are located, never a
// crash, hang, leak, or another exception type (main() reports those as internal
// errors, exit 1). So only InputError is caught here; anything else escapes and
// libFuzzer records it.
//
// Input: one selector byte, then the CSV text. The selector's low two bits pick the
// table that is replaced (0 us_states, 1 crossings, 2 mx_states, 3 staging_cities); the
// other three are the shipped tables in scenarios/data/. Bit 2 switches on
// policies.southbound_inspection for the listed crossing san_ysidro, so that the
// scenario loader's cross-check looks it up in the crossings table read at load (as
// `gunflow validate` does). The digits '0'…'7' are the selectors 0…7, so a fixture can start `1# …`.
// Bit 3 ('8', '9', ':' … '?') grows the table to its row cap: the next byte n makes the
// table 960 + n % 64 data rows, by copies of its last data row under new first fields
// (g0, g1, …), so every table's cap of 1000 rows is crossed or approached from both sides
// without a 60 KB input.
// Bit 6 ('@', 'A' … 'G') names one optional table instead: the selector's low three bits,
// modulo 5, pick it (0 mx_homicides_by_year, 1 mx_homicides_by_state_year,
// 2 mx_conflict_homicides_by_year, 3 us_sales_by_state_year, 4 us_state_laws), the four
// required tables are the shipped ones, and bit 2 does not switch on inspections (bit 3
// still grows the table: 'H' … 'O'). The digits keep their meaning (bit 6 is clear in them).
//
// Each input is written next to a small scenario that extends scenarios/baseline.yaml
// and names the four tables. The shipped us_states table is replaced by a copy with a
// hundredth of the retail dealers (at least one per state) and the scenario asks for 20
// networks: the checks are the same, but the world has ~600 dealers instead of 55,751,
// so an input takes milliseconds instead of ~10 ms under ASan (93 executions per second
// before). The harness then runs what `gunflow validate` and `gunflow
// run` do before simulating: load_scenario(), which reads and checks the tables, and then
// the Model's constructor, which builds the world from them (dealers, the network) and the
// metric layout, for tables of at most kMaxFuzzedDealers dealers (below). The simulation
// is not run.
//
// Built two ways: with -fsanitize=fuzzer (tests/fuzz/CMakeLists.txt) and with the
// plain replay_main.cpp (ctest fuzz_tables_replay, so crashers stay regression tests).
#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "fuzz_support.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/scenario/loader.hpp"

const char gunflow_fuzz::kHarnessName[] = "fuzz_data_tables";

namespace {

namespace fs = std::filesystem;

constexpr const char* kTableKeys[] = {"us_states", "crossings", "mx_states", "staging_cities"};
constexpr const char* kOptionalTableKeys[] = {"mx_homicides_by_year", "mx_homicides_by_state_year",
                                              "mx_conflict_homicides_by_year", "us_sales_by_state_year",
                                              "us_state_laws"};
constexpr unsigned kOptionalBit = 64;
constexpr long kDealerDivisor = 100;

/// The shipped us_states.csv with retail_dealers divided by kDealerDivisor (at least 1).
std::string small_us_states() {
  std::ifstream in(fs::path(GUNFLOW_SOURCE_DIR) / "scenarios" / "data" / "us_states.csv");
  std::string out, line;
  long column = -1;  // of retail_dealers, once the header is read
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || column < 0) {
      if (!line.empty() && line[0] != '#') {  // the header
        std::istringstream fields(line);
        std::string f;
        for (long i = 0; std::getline(fields, f, ','); ++i)
          if (f == "retail_dealers") column = i;
      }
      out += line + "\n";
      continue;
    }
    std::istringstream fields(line);
    std::string f, row;
    for (long i = 0; std::getline(fields, f, ','); ++i) {
      if (i == column) f = std::to_string(std::max(1L, std::stol(f) / kDealerDivisor));
      row += (i ? "," : "") + f;
    }
    out += row + "\n";
  }
  return out;
}

std::string scenario_text(unsigned selector, const fs::path& small_states) {
  const fs::path data = fs::path(GUNFLOW_SOURCE_DIR) / "scenarios" / "data";
  std::string y = "extends: " + (fs::path(GUNFLOW_SOURCE_DIR) / "scenarios" / "baseline.yaml").string() + "\ndata:\n";
  const bool optional = (selector & kOptionalBit) != 0;
  for (unsigned t = 0; t < 4; ++t) {
    const std::string key = kTableKeys[t];
    const fs::path shipped = t == 0 ? small_states : data / (key + ".csv");
    y += "  " + key + ": " + (!optional && t == (selector & 3U) ? std::string("table.csv") : shipped.string()) + "\n";
  }
  if (optional) y += "  " + std::string(kOptionalTableKeys[(selector & 7U) % 5]) + ": table.csv\n";
  y += "traffickers:\n  count: 20\n";
  if (!optional && (selector & 4U))
    y += "policies:\n  southbound_inspection:\n    start: 2010-01-01\n    crossings: [san_ysidro]\n";
  return y;
}

/// `csv` with copies of its last data row (first field renamed g0, g1, …) appended until
/// it has `rows` data rows (comments and the header not counted).
std::string grown_to(const std::string& csv, std::size_t rows) {
  std::size_t have = 0;
  bool header = true;
  std::string last, line;
  std::istringstream in(csv);
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    ++have;
    last = line;
  }
  if (last.empty()) return csv;
  const std::string rest = last.find(',') == std::string::npos ? "" : last.substr(last.find(','));
  std::string out = csv;
  if (!out.empty() && out.back() != '\n') out += '\n';
  for (std::size_t i = 0; have < rows; ++i, ++have) out += "g" + std::to_string(i) + rest + "\n";
  return out;
}
/// Whether the world these tables give is near the harness's hundredth-size one. A fuzzed
/// us_states table sets its own dealer counts, up to the loader's cap of 1,000,000 in all;
/// building such a world under ASan takes 25-100 ms, and libFuzzer keeps finding "new
/// features" in ever larger tables, so a long run fell from ~290 to 10-40 executions per
/// second. The tables' checks (the part users' files reach) all run in load_scenario();
/// world building is run for tables up to kMaxFuzzedDealers, which still crosses every
/// branch of it (dealers per state from 1 up, the traits, the network).
constexpr double kMaxFuzzedDealers = 5000;
bool world_is_small(const gunflow::ReferenceTables& tables) {
  double dealers = 0;
  for (const auto& s : tables.states) dealers += s.retail_dealers;
  return dealers <= kMaxFuzzedDealers;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A private directory with the scenario and the fuzzed table (the shipped tables are
  // named by absolute path).
  static const gunflow_fuzz::TempRoot box("gunflow-fuzz-tables");
  static const fs::path small_states = [] {
    const fs::path p = box.path() / "us_states_small.csv";
    const std::string text = small_us_states();
    gunflow_fuzz::write_file(p, text.data(), text.size());
    return p;
  }();
  if (size == 0) return 0;
  const std::string scenario = scenario_text(data[0], small_states);
  const fs::path scenario_file = box.path() / "scenario.yaml";
  gunflow_fuzz::write_file(scenario_file, scenario.data(), scenario.size());
  if ((data[0] & 8U) && size >= 2) {
    const std::string csv =
        grown_to(std::string(reinterpret_cast<const char*>(data + 2), size - 2), 960 + data[1] % 64U);
    gunflow_fuzz::write_file(box.path() / "table.csv", csv.data(), csv.size());
  } else {
    gunflow_fuzz::write_file(box.path() / "table.csv", reinterpret_cast<const char*>(data + 1), size - 1);
  }
  try {
    const gunflow::LoadedScenario sc = gunflow::load_scenario(scenario_file.string());
    if (world_is_small(*sc.settings.data.tables)) {
      const gunflow::Model model(sc.settings);
      (void)model;
    }
  } catch (const gunflow::InputError& e) {
    gunflow_fuzz::check_located(e);
  }
  return 0;
}
