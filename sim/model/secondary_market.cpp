#include "gunflow/model/secondary_market.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <string>

#include "gunflow/core/power.hpp"
#include "gunflow/model/policies.hpp"
#include "gunflow/model/step_context.hpp"
#include "gunflow/model/straw_buyers.hpp"
#include "gunflow/model/world.hpp"
#include "gunflow/rng/distributions.hpp"

namespace gunflow {
namespace {
constexpr double kYearDays = 365.25;

double map_value(const RealMap& m, std::string_view key) {
  const auto it = m.find(std::string(key));
  return it == m.end() ? 0.0 : it->second;
}

/// What the law does to one state's private stock of a class on ctx's day: what share of
/// the class's retail sales still feed it, whether private transfers of it are legal at all, and the
/// stock's life (years) while they are.
struct StockLaw {
  double inflow = 1;  // the share of the class's retail sales that still feed the stock
  bool transfers = true;
  double life_years = 0;
};
/// The share of the class's retail sales that the state's own law (no scenario policy)
/// lets feed its private stock: 0 for kits, which are not retail guns, and under a state
/// ban, in force at the start and decades old, its grandfathered stock gone; under an
/// assault-weapons ban with compliant variants, theirs, sold and resold; 1 otherwise.
double state_stock_share(const StepContext& ctx, int state, FirearmClass cls) {
  return cls == FirearmClass::kKit ? 0.0 : state_law_retail_share(ctx, state, cls);
}
/// Sold and resold under the state's own law (state_stock_share > 0).
bool legal_under_state_law(const StepContext& ctx, int state, FirearmClass cls) {
  return state_stock_share(ctx, state, cls) > 0;
}
StockLaw stock_law(const StepContext& ctx, int state, FirearmClass cls) {
  const Settings& s = ctx.settings;
  const double by_state = state_stock_share(ctx, state, cls);
  if (!(by_state > 0)) return {0, false, s.market.resale_years};
  const SalesBan* ban = blocking_ban(ctx, state, cls);
  if (ban == nullptr) return {by_state, true, s.market.resale_years};
  const AssaultWeaponsBan& awb = s.policies.assault_weapons_ban;
  // Grandfathered guns stay legal to resell, but leave the market at the ban's own pace
  // (registered, kept as irreplaceable, moved away); .50 bans cover private transfers.
  // Compliant variants sold under the ban join that stock (one stock, one pace: their own
  // slower turnover is not kept apart).
  if (ban == &awb && awb.grandfathering)
    return {std::min(by_state, compliant_share(ctx, awb)), true, awb.resale_decay_years};
  return {0, false, s.market.resale_years};
}

/// Guns a day that retail sales of `year` add to one stock, `kept` the share of its models
/// a policy leaves on sale (1: none kept off).
double inflow_per_day(const MarketTables& m, const Settings& s, int state, FirearmClass cls, Supply supply, int year,
                      double kept = 1.0) {
  const std::size_t c = index_of(cls);
  const double imported = m.imported_share[c];
  double share = supply == Supply::kImported ? imported : 1.0 - imported;
  share *= kept;  // exact when 1
  // The year's sales relative to 2010 (1 unless a table of sales by state and year is named).
  const double sales = s.market.retail_sales_per_year * m.sales_index(state, year);
  return sales * m.sales_share[static_cast<std::size_t>(state)] * m.sales_mix[c] * share / kYearDays;
}

/// Guns a day that retail sales of `year` add to one stock under the law on ctx's day.
double inflow_per_day(const StepContext& ctx, int state, FirearmClass cls, Supply supply, bool policies, int year) {
  const ImportBanEnforcement& ban = ctx.settings.policies.import_ban_enforcement;
  const bool blocked = policies && supply == Supply::kImported && cls == FirearmClass::kAk && ban.active(ctx.date);
  return inflow_per_day(ctx.world.tables.market, ctx.settings, state, cls, supply, year,
                        blocked ? 1.0 - ban.share_blocked : 1.0);
}
double inflow_per_day(const StepContext& ctx, int state, FirearmClass cls, Supply supply, bool policies) {
  return inflow_per_day(ctx, state, cls, supply, policies, ctx.year);
}

double quantised(double a) {
  return std::round(std::clamp(a, 0.0, kMaxAvailability) * kAvailabilitySteps) / kAvailabilitySteps;
}

/// What networks see of a stock `held` against its reference `ref` (the share policies and
/// networks left) in a market `ref / ref_2010` as thick as 2010's: a thicker market has
/// more sellers and owners to meet (market.thickness_elasticity).
double seen_availability(double held, double ref, double ref_2010, double elasticity) {
  if (!(ref > 0)) return 0.0;
  double a = held / ref;
  if (elasticity != 0 && ref_2010 > 0 && ref != ref_2010) a *= power(ref / ref_2010, elasticity);
  return quantised(a);
}

void refresh_availability(const StepContext& ctx, SecondaryMarket& market) {
  bool changed = false;
  // Without a sales table every year sells as 2010 did: the factor is 1 by construction
  // (not only up to the reference's rounding).
  const double elasticity =
      ctx.world.tables.market.sales_by_year.empty() ? 0.0 : ctx.settings.market.thickness_elasticity;
  for (std::size_t st = 0; st < market.n_states; ++st)
    for (std::size_t c = 0; c < kNumClasses; ++c) {
      const std::size_t cell = st * kNumClasses + c;
      const double held = market.stock[cell * kNumSupplies].guns + market.stock[cell * kNumSupplies + 1].guns;
      const double ref = market.reference[cell];
      const double a = seen_availability(held, ref, market.reference_2010[cell], elasticity);
      const std::size_t at = c * market.n_states + st;
      changed = changed || a != market.availability[at];
      market.availability[at] = a;
      const bool open = ref > 0 && stock_law(ctx, static_cast<int>(st), static_cast<FirearmClass>(c)).transfers;
      // A thicker market than 2010's has no searches that find no seller.
      market.scarcity_seen[at] = open ? std::max(0.0, 1.0 - a) : 0.0;
    }
  if (changed) ++market.version;
}

/// The share of a stock with mean life `life_days` that `days` leave.
double kept_over(double days, double life_days) { return std::exp(-(1.0 / life_days) * days); }

/// `days` of inflow and attrition on one stock (exact for constant rates): survivors keep
/// their mean sale day; the inflow's survivors are on average 1/λ − Δ e^{−λΔ}/(1 − e^{−λΔ})
/// days old at the end.
void age_stock(MarketStock& s, double inflow, double life_days, double days, double keep, double today) {
  const double lambda = 1.0 / life_days;
  const double survivors = s.guns * keep;
  const double added = inflow * (1.0 - keep) / lambda;
  const double added_age = keep < 1.0 ? life_days - days * keep / (1.0 - keep) : 0.0;
  const double total = survivors + added;
  if (total > 0) s.mean_day = (survivors * s.mean_day + added * (today - added_age)) / total;
  s.guns = total;
}
void age_stock(MarketStock& s, double inflow, double life_days, double days, double today) {
  age_stock(s, inflow, life_days, days, kept_over(days, life_days), today);
}

/// Each state's sales by year relative to 2010, from its dealers' handgun and long-gun
/// checks (data.us_sales_by_state_year): a year written holds until the next. A state
/// with no checks in 2010 or in some year (reporting gaps of states that check through
/// their own point of contact) gets the ratio of the other states' totals.
void sales_by_year(const World& w, MarketTables& t) {
  const auto& table = w.sales_checks_by_state_year;
  if (table.empty()) return;
  const std::size_t n = w.states.size();
  const std::vector<double>& base =
      std::find_if(table.begin(), table.end(), [](const auto& row) { return row.first == 2010; })->second;
  std::vector<bool> usable(n);
  for (std::size_t i = 0; i < n; ++i)
    usable[i] = std::all_of(table.begin(), table.end(), [i](const auto& row) { return row.second[i] > 0; });
  t.sales_by_year.first = table.front().first;
  std::size_t row = 0;
  for (int year = table.front().first; year <= table.back().first; ++year) {
    while (row + 1 < table.size() && table[row + 1].first <= year) ++row;
    const std::vector<double>& checks = table[row].second;
    double all = 0, all_base = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (usable[i]) all += checks[i], all_base += base[i];
    const double national = all_base > 0 ? all / all_base : 1.0;
    std::vector<double> index(n, national);
    for (std::size_t i = 0; i < n; ++i)
      if (usable[i]) index[i] = checks[i] / base[i];
    t.sales_by_year.values.push_back(std::move(index));
  }
}
}  // namespace

void draw_dealer_traits(const StepContext& ctx, std::vector<double>& volume, std::vector<double>& negligence) {
  const World& w = ctx.world;
  const double sv = ctx.settings.market.dealer_volume_sigma;
  const double sn = ctx.settings.market.dealer_negligence_sigma;
  volume.resize(w.dealer_state.size());
  negligence.resize(w.dealer_state.size());
  for (std::size_t i = 0; i < w.dealer_state.size(); ++i) {
    const auto vertex = static_cast<std::uint64_t>(w.network.dealer_vertex[i]);
    Rng traits = ctx.rng(StreamId::kDealerType, vertex, 1);  // one block: two normals, two uniforms each
    volume[i] = std::exp(sv * standard_normal(traits) - 0.5 * sv * sv);
    negligence[i] = std::exp(sn * standard_normal(traits) - 0.5 * sn * sn);
  }
}

namespace {
/// The weekly steps a stock takes from `first_day` (the sales table's first year, where it
/// begins in an earlier year than the run) to the run's first day `start`.
struct AgingStep {
  double days, keep, today;
  int year;
};
std::vector<AgingStep> steps_before_start(Date first_day, Date start, double life_days) {
  std::vector<AgingStep> steps;
  for (Date day = first_day; day < start;) {
    const double days = std::min<double>(kMarketUpdateDays, static_cast<double>(start - day));
    day = day + static_cast<std::int32_t>(days);
    steps.push_back({days, kept_over(days, life_days), static_cast<double>(day.days()), day.year()});
  }
  return steps;
}

/// One stock without the scenario's policies on the run's first day: the steady state of
/// the sales of `first_day`'s year (ages stationary), aged through `steps` (the sales
/// table's years before the start), so a run started in a surge year holds the stock a run
/// started earlier would without the scenario's policies (a ban in force before the start
/// is not replayed), not the surge's steady state.
MarketStock policy_free_start(const MarketTables& m, const Settings& settings, Date first_day,
                              std::span<const AgingStep> steps, int state, FirearmClass cls, Supply supply) {
  const double life_days = settings.market.resale_years * kYearDays;
  MarketStock s{inflow_per_day(m, settings, state, cls, supply, first_day.year()) * life_days,
                static_cast<double>(first_day.days()) - life_days};  // ages exponential with mean life
  for (const AgingStep& step : steps)
    age_stock(s, inflow_per_day(m, settings, state, cls, supply, step.year), life_days, step.days, step.keep,
              step.today);
  return s;
}

/// Every stock's policy_free_start, [(state * kNumClasses + class) * kNumSupplies + supply]:
/// the same for every replication of a scenario, so laid out once with its tables.
std::vector<MarketStock> start_stocks(const MarketTables& m, const Settings& settings, std::size_t n_states,
                                      Date start) {
  const ByYear<std::vector<double>>& table = m.sales_by_year;
  const Date first_day = !table.empty() && table.first < start.year() ? Date::from_ymd(table.first, 1, 1) : start;
  const std::vector<AgingStep> steps = steps_before_start(first_day, start, settings.market.resale_years * kYearDays);
  std::vector<MarketStock> stocks;
  for (std::size_t st = 0; st < n_states; ++st)
    for (std::size_t c = 0; c < kNumClasses; ++c)
      for (Supply supply : {Supply::kDomestic, Supply::kImported})
        stocks.push_back(policy_free_start(m, settings, first_day, steps, static_cast<int>(st),
                                           static_cast<FirearmClass>(c), supply));
  return stocks;
}
}  // namespace

MarketTables make_market_tables(const World& w, const Settings& s) {
  MarketTables t;
  double total = 0;
  for (std::size_t c = 0; c < kNumClasses; ++c) {
    total += t.sales_mix[c] =
        c == index_of(FirearmClass::kKit) ? 0.0 : map_value(s.market.sales_class_mix, kClassNames[c]);
    t.imported_share[c] = map_value(s.market.imported_share, kClassNames[c]);
    t.class_weight[c] = map_value(s.violence.class_weight, kClassNames[c]);
  }
  for (double& x : t.sales_mix) x = total > 0 ? x / total : 0.0;
  // Retail sales are spread over states by their dealers (the only per-state sales
  // proxy in the reference tables).
  double dealers = 0;
  for (const UsStateInfo& st : w.states) dealers += st.retail_dealers;
  for (const UsStateInfo& st : w.states) t.sales_share.push_back(dealers > 0 ? st.retail_dealers / dealers : 0.0);
  t.purchase_size_tail = purchase_size_tail(s);
  sales_by_year(w, t);
  t.start_day = s.simulation.first_day();
  t.start_stocks = start_stocks(t, s, w.states.size(), t.start_day);
  return t;
}

void init_secondary_market(const StepContext& ctx, SecondaryMarket& market, const std::vector<double>& dealer_volume) {
  const World& w = ctx.world;
  const double life_days = ctx.settings.market.resale_years * kYearDays;
  market.n_states = w.states.size();
  market.stock.assign(market.n_states * kNumClasses * kNumSupplies, {});
  market.reference.assign(market.n_states * kNumClasses, 0.0);
  market.reference_2010.assign(market.n_states * kNumClasses, 0.0);
  market.availability.assign(market.n_states * kNumClasses, 0.0);
  market.scarcity_seen.assign(market.n_states * kNumClasses, 0.0);
  // Laid out with the tables for the run's first day; a market started on another day
  // (a test's) lays out its own.
  const MarketTables& tables = w.tables.market;
  const bool first_day = ctx.date == tables.start_day;
  const std::vector<MarketStock> other_day =
      first_day ? std::vector<MarketStock>{} : start_stocks(tables, ctx.settings, market.n_states, ctx.date);
  const std::vector<MarketStock>& start = first_day ? tables.start_stocks : other_day;
  for (std::size_t st = 0; st < market.n_states; ++st) {
    const int state = static_cast<int>(st);
    for (std::size_t c = 0; c < kNumClasses; ++c) {
      const auto cls = static_cast<FirearmClass>(c);
      const StockLaw law = stock_law(ctx, state, cls);
      for (Supply supply : {Supply::kDomestic, Supply::kImported}) {
        // The stock without the scenario's policies: the reference.
        const MarketStock& free = start[(st * kNumClasses + c) * kNumSupplies + static_cast<std::size_t>(supply)];
        if (legal_under_state_law(ctx, state, cls)) market.reference[st * kNumClasses + c] += free.guns;
        // Whatever the state's law today, so that a state ban lifted later starts a thin market.
        if (cls != FirearmClass::kKit)
          market.reference_2010[st * kNumClasses + c] +=
              inflow_per_day(ctx, state, cls, supply, false, 2010) * life_days;
        MarketStock& s = market.at(state, cls, supply);
        // A state ban in force at the start is old: its compliant variants' share of the
        // stock a free market would hold (exactly the free stock without a state ban).
        s.guns = law.transfers ? free.guns * state_stock_share(ctx, state, cls) : 0.0;
        s.mean_day = free.mean_day;
      }
    }
  }
  market.next_update = ctx.day() + kMarketUpdateDays;
  refresh_availability(ctx, market);
  market.dealer_by_volume.assign(market.n_states, {});
  for (std::size_t st = 0; st < market.n_states; ++st) {
    const auto [first, last] = w.dealers_of_state[st];
    market.dealer_by_volume[st].assign(
        std::span<const double>(dealer_volume)
            .subspan(static_cast<std::size_t>(first), static_cast<std::size_t>(last - first)));
  }
}

void update_secondary_market(const StepContext& ctx, SecondaryMarket& market) {
  if (ctx.day() < market.next_update) return;
  market.next_update = ctx.day() + kMarketUpdateDays;
  const double life_days = ctx.settings.market.resale_years * kYearDays;
  const double keep = std::exp(-kMarketUpdateDays / life_days);
  for (std::size_t st = 0; st < market.n_states; ++st)
    for (std::size_t c = 0; c < kNumClasses; ++c) {
      const int state = static_cast<int>(st);
      const auto cls = static_cast<FirearmClass>(c);
      // The reference ages as a stock without policies does; under a state ban it is 0, as
      // the stock is, so both start again together if the ban ends.
      double& ref = market.reference[st * kNumClasses + c];
      if (legal_under_state_law(ctx, state, cls)) {
        double inflow = 0;
        for (Supply supply : {Supply::kDomestic, Supply::kImported})
          inflow += inflow_per_day(ctx, state, cls, supply, false);
        ref = ref * keep + inflow * (1.0 - keep) * life_days;
      } else {
        ref = 0;
      }
      const StockLaw law = stock_law(ctx, state, cls);
      for (Supply supply : {Supply::kDomestic, Supply::kImported}) {
        MarketStock& s = market.at(state, cls, supply);
        if (!law.transfers) {
          s.guns = 0;
          continue;
        }
        const double inflow = law.inflow > 0 ? inflow_per_day(ctx, state, cls, supply, true) * law.inflow : 0.0;
        age_stock(s, inflow, law.life_years * kYearDays, kMarketUpdateDays, ctx.day());
      }
    }
  refresh_availability(ctx, market);
}

bool private_transfers_legal(const StepContext& ctx, int state, FirearmClass cls) {
  return stock_law(ctx, state, cls).transfers;
}

SecondhandTake take_secondhand(const StepContext& ctx, SecondaryMarket& market, int state, FirearmClass cls,
                               std::int64_t wanted, double u_supply) {
  MarketStock& domestic = market.at(state, cls, Supply::kDomestic);
  MarketStock& imported = market.at(state, cls, Supply::kImported);
  SecondhandTake take;
  const double held = domestic.guns + imported.guns;
  if (!(held >= 1.0) || wanted <= 0) return take;
  take.supply = u_supply * held < domestic.guns ? Supply::kDomestic : Supply::kImported;
  if ((take.supply == Supply::kDomestic ? domestic : imported).guns < 1.0)
    take.supply = take.supply == Supply::kDomestic ? Supply::kImported : Supply::kDomestic;
  MarketStock& from = take.supply == Supply::kDomestic ? domestic : imported;
  take.guns = std::min<std::int64_t>(wanted, static_cast<std::int64_t>(std::floor(from.guns)));
  from.guns -= static_cast<double>(take.guns);
  take.mean_age_days = std::max(0.0, ctx.day() - from.mean_day);
  return take;
}

int first_sale_dealer(const World& world, const SecondaryMarket& market, int state, double u) {
  const AliasTable& table = market.dealer_by_volume[static_cast<std::size_t>(state)];
  if (table.empty()) return -1;
  return world.dealers_of_state[static_cast<std::size_t>(state)].first + static_cast<int>(table.pick(u));
}

RetailSupply retail_supply(const StepContext& ctx, FirearmClass cls, double u) {
  const double imported = ctx.world.tables.market.imported_share[index_of(cls)];
  RetailSupply out;
  out.imported = u < imported;
  const ImportBanEnforcement& ban = ctx.settings.policies.import_ban_enforcement;
  // The blocked models are the lowest part of the imported interval, so switching the
  // ban on changes no other purchase's draw.
  out.blocked = out.imported && cls == FirearmClass::kAk && ban.active(ctx.date) && u < imported * ban.share_blocked;
  return out;
}

}  // namespace gunflow
