// Keys of the `simulation` and `data` sections.
#include "gunflow/scenario/schema_tables.hpp"
#include "gunflow/scenario/settings.hpp"

namespace gunflow::schema_detail {

void add_run_keys(std::vector<SchemaEntry>& t) {
  t.push_back(string(
      "simulation.name", [](auto& s) -> auto& { return s.simulation.name; }, "unnamed", {},
      "Short name of the scenario, written into every output row."));
  t.push_back(string(
      "simulation.description", [](auto& s) -> auto& { return s.simulation.description; }, "", {},
      "Free text: what the scenario is for."));
  t.push_back(date(
      "simulation.start", [](auto& s) -> auto& { return s.simulation.start; }, "2010-01-01",
      "First simulated day that is tallied (YYYY-MM-DD)."));
  t.push_back(date(
      "simulation.end", [](auto& s) -> auto& { return s.simulation.end; }, "2013-01-01",
      "First day after the run (exclusive): after simulation.start, and the tallied years span at most 40 (e.g. "
      "1995-01-01 to 2035-01-01). A year the run covers only in part is tallied over its simulated days, not "
      "scaled to a whole year."));
  t.push_back(integer(
      "simulation.warmup_days", [](auto& s) -> auto& { return s.simulation.warmup_days; }, 365, 0, 3650, "days",
      "Days simulated before `start` and not tallied, so networks, queues and "
      "learned risks reach a steady state first."));
  t.push_back(boolean(
      "simulation.origin_destination", [](auto& s) -> auto& { return s.simulation.origin_destination; }, false,
      "Also tally the guns that crossed unseized by US state of first sale x crossing and by crossing x "
      "destination (the flow map of `gunflow report` and the demo). Off by default: with the shipped tables it "
      "adds about 2,800 series a year to every output file."));
  t.push_back(boolean(
      "simulation.origin_destination_routes", [](auto& s) -> auto& { return s.simulation.origin_destination_routes; },
      false,
      "Also tally the guns that crossed unseized by the whole route: US state of first sale x crossing x "
      "destination (guns_arrived_by_route). Off by default: with the shipped tables it adds 55,539 series a year, "
      "about fifty times the size of the outputs without it."));
  t.push_back(string(
      "data.us_states", [](auto& s) -> auto& { return s.data.us_states; }, "", {},
      "CSV of US states (dealers, population, 2010 state law; at most 1,000 rows); "
      "relative to the scenario file that names it. Required."));
  t.push_back(string(
      "data.crossings", [](auto& s) -> auto& { return s.data.crossings; }, "", {},
      "CSV of southwest-border ports of entry and unofficial crossings. Required."));
  t.push_back(string(
      "data.mx_states", [](auto& s) -> auto& { return s.data.mx_states; }, "", {},
      "CSV of Mexican states (population, INEGI homicides). Required."));
  t.push_back(string(
      "data.staging_cities", [](auto& s) -> auto& { return s.data.staging_cities; }, "", {},
      "CSV of US staging cities where loads are assembled. Required."));
  t.push_back(string(
      "data.mx_homicides_by_year", [](auto& s) -> auto& { return s.data.mx_homicides_by_year; }, "", {},
      "Optional CSV of Mexico's homicides by year (columns year, homicides; e.g. "
      "data/history/mx_homicides_by_year.csv). When given, each year's homicide baseline is that year's national "
      "count (linear between the years written, held before the first and after the last), spread over states by "
      "their 2010 shares, or by the year's split when data.mx_homicides_by_state_year is named; the count is met "
      "when the armed stock is on the flows' path of the same year, and its firearm share follows how armed that "
      "path is against 2010 (docs/ODD.md 7.15). Empty (the default): the 2010 counts of data.mx_states in every "
      "year."));
  t.push_back(string(
      "data.us_state_laws", [](auto& s) -> auto& { return s.data.us_state_laws; }, "", {},
      "Optional CSV of state laws with their dates (columns state, law, start, end, source; law one of "
      "assault_weapons_ban, bmg50_ban, private_sale_checks; end empty while still in force; e.g. "
      "data/history/us_state_laws.csv). Each row puts the law in force in that state from start until end, acting "
      "as the matching 2010 flag of data.us_states does (a state ban stops retail sales and in-state private "
      "transfers of the class); the flags themselves still hold in every year, so a history run names a states table "
      "whose flags are off for the laws it dates. Empty (the default): the 2010 flags only."));
  t.push_back(string(
      "data.mx_homicides_by_state_year", [](auto& s) -> auto& { return s.data.mx_homicides_by_state_year; }, "", {},
      "Optional CSV of homicides by Mexican state and year (columns year, state, homicides; every year lists every "
      "state of data.mx_states; e.g. data/history/mx_homicides_by_state_year.csv). When given, each year's split of "
      "homicides over the states (linear between the years written, held before the first and after the last) "
      "replaces the 2010 split: it shares out that year's homicide baseline (the national count of "
      "data.mx_homicides_by_year when named, else the table's own total) and that year's demand for guns. Empty (the "
      "default): the 2010 split in every year."));
  t.push_back(string(
      "data.mx_conflict_homicides_by_year", [](auto& s) -> auto& { return s.data.mx_conflict_homicides_by_year; }, "",
      {},
      "Optional CSV of Mexico's homicides presumed related to organised crime, by year (columns year, homicides; e.g. "
      "data/history/mx_conflict_homicides_by_year.csv). When given, a year's conflict share of homicides is its "
      "count (linear between the years written, held outside them) over the year's national count, and the class mix "
      "of orders follows it: demand.class_mix is 2010's, and a year with a larger conflict share orders more of the "
      "classes demand.conflict_class_ratio says armed conflict uses (docs/ODD.md 7.1). A year's count may not exceed "
      "that year's national count (a share above 1 is refused where written; between and beyond the rows it is "
      "read as 1). Empty (the default): demand.class_mix in every year."));
  t.push_back(string(
      "data.us_sales_by_state_year", [](auto& s) -> auto& { return s.data.us_sales_by_state_year; }, "", {},
      "Optional CSV of dealer background checks by US state and year (columns year, state, handgun, long_gun; "
      "every year lists every state of data.us_states and 2010 is one of them; e.g. "
      "data/history/us_sales_by_state_year.csv, FBI NICS). When given, a state's retail sales in a year are "
      "market.retail_sales_per_year (a 2010 figure) times its handgun + long_gun checks that year over its 2010 "
      "checks (the national ratio for a state with none in 2010 or in any year), held before the first year and after "
      "the last: the inflow to its private stocks follows the years' sales. Empty (the default): 2010 sales in every "
      "year."));
}

}  // namespace gunflow::schema_detail
