#pragma once
// The US private (second-hand) market that unlicensed sellers and thieves draw on
// (MODEL.md stage 3; docs/ODD.md "Secondary markets").
//
// Per US state, class and supply (made in the US or imported), a stock of privately held
// guns within reach of resale or theft: fed by legal retail sales, drained by attrition
// (guns kept for good, lost, taken out of state) and by what trafficking networks buy or
// steal. Its availability to a network is the stock over the stock the state's own law and
// sales would hold (scarcity), so a ban that stops new sales bites as the grandfathered
// stock drains, at a speed set by the ban's resale_decay_years and by how much networks
// take; times how thick that market is against 2010's (market.thickness_elasticity), so
// US sales surges make private sellers and thefts easier to find; an import ban cuts the
// imported inflow only. Each stock keeps the mean day its
// guns were first sold, so second-hand guns carry a time since first sale.
//
// Dealers' sales: every dealer has a retail sales volume (lognormal, mean 1), so the
// dealer of a second-hand gun's first sale is drawn in proportion to volume, from the
// guns of that state (the stock is an aggregate: who sold each gun is drawn when it
// leaves the stock, with the same law as if it had been stored).
#include <array>
#include <cstdint>
#include <vector>

#include "gunflow/core/by_year.hpp"
#include "gunflow/core/catalog.hpp"
#include "gunflow/core/date.hpp"
#include "gunflow/rng/alias_table.hpp"

namespace gunflow {

struct StepContext;
struct World;
struct Settings;

/// Made in the US or imported: the import ban acts on the second only.
enum class Supply : std::uint8_t { kDomestic, kImported };
inline constexpr std::size_t kNumSupplies = 2;

/// Days between updates of the stocks' inflows and attrition, and of the availability
/// networks see (market conditions are learned with a lag, not daily).
inline constexpr std::int32_t kMarketUpdateDays = 7;
/// Availability is seen in steps of 1/kAvailabilitySteps (coarse knowledge of scarcity;
/// it also keeps the out-of-state tables from being rebuilt for noise).
inline constexpr double kAvailabilitySteps = 64.0;
/// A market many times thicker than 2010's is not many times easier to buy in: the cap
/// only keeps extreme sales tables and elasticities finite.
inline constexpr double kMaxAvailability = 4.0;

struct MarketStock {
  double guns = 0;      ///< privately held guns within reach of resale or theft
  double mean_day = 0;  ///< mean Date::days() of their first retail sale
};

/// Inputs resolved once per scenario (World::tables.market).
struct MarketTables {
  std::array<double, kNumClasses> sales_mix{};       ///< market.sales_class_mix, normalised
  std::array<double, kNumClasses> imported_share{};  ///< market.imported_share
  std::array<double, kNumClasses> class_weight{};    ///< violence.class_weight
  std::vector<double> sales_share;                   ///< by US state: its share of retail sales (dealers)
  std::vector<double> purchase_size_tail;            ///< straw purchase sizes (straw_buyers.hpp)
  /// By calendar year (held before and after): each state's retail sales relative to 2010
  /// (data.us_sales_by_state_year; empty without it: 1 in every year).
  ByYear<std::vector<double>> sales_by_year;
  /// The private stocks on the run's first day without the scenario's policies,
  /// [(state * kNumClasses + class) * kNumSupplies + supply] (init_secondary_market).
  std::vector<MarketStock> start_stocks;
  Date start_day;  ///< the day start_stocks are for (simulation.first_day())
  [[nodiscard]] double sales_index(int state, int year) const {
    return sales_by_year.empty() ? 1.0 : sales_by_year.at(year)[static_cast<std::size_t>(state)];
  }
};
MarketTables make_market_tables(const World& world, const Settings& settings);

struct SecondaryMarket {
  std::size_t n_states = 0;
  /// [(state * kNumClasses + class) * kNumSupplies + supply]
  std::vector<MarketStock> stock;
  /// [state * kNumClasses + class]: the stock the state's own law and its sales of each
  /// year would hold (no scenario policy, no network buying): the reference of
  /// availability. It starts with the stocks and follows the year's sales as they do, so
  /// what policies and networks took makes a stock scarce whatever year a run starts (how
  /// thick the market is, against 2010's, is the other factor of availability).
  std::vector<double> reference;
  /// [state * kNumClasses + class]: the stock 2010's sales would hold at their steady
  /// state (the calibrated market): how thick a market is, reference / this, sets how
  /// easily a search meets a private seller (market.thickness_elasticity).
  std::vector<double> reference_2010;
  /// [class * n_states + state]: what networks see (0 to kMaxAvailability; 1 for a stock at
  /// 2010's size that nothing drained), refreshed with the stocks.
  std::vector<double> availability;
  /// [class * n_states + state]: 1 − availability (at least 0) where the stock is legal to
  /// trade and has a reference (scarcity a search discovers), else 0 (closed by a known law).
  std::vector<double> scarcity_seen;
  std::uint32_t version = 1;  ///< bumped when any availability changes
  std::int32_t next_update = 0;
  /// By state: its dealers' sales volumes, to draw the dealer of a gun's first sale.
  std::vector<AliasTable> dealer_by_volume;

  [[nodiscard]] MarketStock& at(int state, FirearmClass cls, Supply s) {
    return stock[(static_cast<std::size_t>(state) * kNumClasses + index_of(cls)) * kNumSupplies +
                 static_cast<std::size_t>(s)];
  }
  [[nodiscard]] const MarketStock& at(int state, FirearmClass cls, Supply s) const {
    return stock[(static_cast<std::size_t>(state) * kNumClasses + index_of(cls)) * kNumSupplies +
                 static_cast<std::size_t>(s)];
  }
  [[nodiscard]] double available(int state, FirearmClass cls) const {
    return availability[index_of(cls) * n_states + static_cast<std::size_t>(state)];
  }
  [[nodiscard]] double scarcity(int state, FirearmClass cls) const {
    return scarcity_seen[index_of(cls) * n_states + static_cast<std::size_t>(state)];
  }
};

/// Each dealer's retail sales volume and negligence (lognormal, mean 1, log-sd
/// market.dealer_volume_sigma and market.dealer_negligence_sigma), from the dealer's own
/// substream 1 of StreamId::kDealerType (its type keeps substream 0).
void draw_dealer_traits(const StepContext& ctx, std::vector<double>& volume, std::vector<double>& negligence);

/// Stocks under the law on ctx's day: at the steady state of the start year's sales, ages
/// stationary, or, where a sales table begins earlier, aged from its first year's steady
/// state through the table's sales without the scenario's policies (so a run started in a
/// surge year does not start at that year's steady state);
/// `dealer_volume` by dealer (World::dealer_state order).
void init_secondary_market(const StepContext& ctx, SecondaryMarket& market, const std::vector<double>& dealer_volume);
/// Applies inflows and attrition since the last update, if one is due today, and
/// refreshes availability. Call every day before the networks act.
void update_secondary_market(const StepContext& ctx, SecondaryMarket& market);

/// Private transfers of `cls` are legal in `state` today (no state ban in force at the
/// start, no policy ban without grandfathering): checked daily, so a ban closes the
/// second-hand channels on its first day, not at the stocks' next weekly update.
bool private_transfers_legal(const StepContext& ctx, int state, FirearmClass cls);

/// What a network gets from a state's private stock of a class.
struct SecondhandTake {
  std::int64_t guns = 0;
  Supply supply = Supply::kDomestic;
  double mean_age_days = 0;  ///< of the stock they came from
};
/// Takes up to `wanted` guns of `cls` from `state`'s stock, from the domestic or imported
/// part in proportion to their size (uniform `u_supply`), never more than it holds.
SecondhandTake take_secondhand(const StepContext& ctx, SecondaryMarket& market, int state, FirearmClass cls,
                               std::int64_t wanted, double u_supply);

/// The dealer (global index) of the first retail sale of a gun from `state`, drawn by
/// sales volume with uniform u; -1 if the state has no dealer.
int first_sale_dealer(const World& world, const SecondaryMarket& market, int state, double u);

/// Whether a retail (dealer) purchase of `cls` finds an imported model on the shelf, and
/// whether the import ban keeps that model off it: one uniform decides both.
struct RetailSupply {
  bool imported = false;
  bool blocked = false;
};
RetailSupply retail_supply(const StepContext& ctx, FirearmClass cls, double u);

}  // namespace gunflow
