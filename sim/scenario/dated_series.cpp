#include "gunflow/scenario/dated_series.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include "gunflow/core/by_year.hpp"
#include "gunflow/scenario/schema.hpp"
#include "gunflow/scenario/settings.hpp"

namespace gunflow {

double DatedSeries::at(int year) const { return value_in_year(points, year, step); }

bool may_vary_by_year(const std::string& path) {
  // Read by build_world, make_tables, the metric layout or finalize_metrics (a test in
  // tests/unit/model/test_dated_settings.cpp proves the rest leave the world unchanged).
  // The private stocks' reference levels, the dealers' traits and the purchase-size law
  // are set once per replication from market.* (secondary_market.cpp, World::tables.market).
  static constexpr std::array<std::string_view, 6> kPrefixes = {"simulation.", "data.",     "run.",
                                                                "seed",        "policies.", "market."};
  // The calendar stock path (model/reference_stock.hpp) is one curve, fixed by its level,
  // its year and its growth; the initial stock's ages and origins are drawn once, on the
  // first day, and so are the dealers' types and their choice tables (networks.cpp).
  // A gun's loss day is drawn on arrival from one daily attrition (gun_fates.hpp), and
  // the arsenals' pool of guns with no chance of recovery loses that share each day.
  static constexpr std::array<std::string_view, 18> kKeys = {"mexico.attrition_rate",
                                                             "dealers.corrupt_share",
                                                             "dealers.negligent_share",
                                                             "dealers.corrupt_attraction",
                                                             "mexico.initial_us_share",
                                                             "traffickers.count",
                                                             "traffickers.entry_headroom",
                                                             "traffickers.max_guns_per_purchase",
                                                             "traffickers.buyers_per_network",
                                                             "traffickers.risk_memory_days",
                                                             "traffickers.mean_days_between_buys",
                                                             "traffickers.markup",
                                                             "demand.onward_share",
                                                             "demand.target_growth",
                                                             "demand.delivered_share",
                                                             "mexico.initial_stock",
                                                             "mexico.stock_year",
                                                             "mexico.years_before_arrival"};
  for (std::string_view p : kPrefixes)
    if (path.rfind(p, 0) == 0) return false;
  return std::find(kKeys.begin(), kKeys.end(), path) == kKeys.end();
}

Settings settings_in_year(const Settings& settings, int year) {
  Settings out = settings;
  for (const DatedSeries& series : settings.dated) {
    const SchemaEntry* e = find_entry(series.path);
    const double x = series.at(year);
    if (e->type == ValueType::kInt)
      e->set(out, Value(static_cast<std::int64_t>(std::llround(x))));
    else
      e->set(out, Value(x));
  }
  out.dated.clear();
  return out;
}

const DatedSeries* dated_series(const Settings& settings, const std::string& path) {
  for (const DatedSeries& s : settings.dated)
    if (s.path == path) return &s;
  return nullptr;
}

void drop_dated_series(Settings& settings, const std::string& path) {
  std::erase_if(settings.dated, [&](const DatedSeries& s) { return s.path == path; });
}

}  // namespace gunflow
