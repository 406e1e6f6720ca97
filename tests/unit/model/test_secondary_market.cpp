// secondary_market.hpp: private stocks start at their steady state, are closed where the
// state bans the class, drain under a ban at the pace the ban sets, refill only from
// allowed retail sales, and give out no more than they hold; an import ban cuts the
// imported inflow only; the dealer of a first sale is one of the state's dealers.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/secondary_market.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/model/step_context.hpp"
#include "model_fixture.hpp"

using namespace gunflow;

namespace {
struct MarketRun {
  Settings settings;
  Model model;
  SecondaryMarket market;
  explicit MarketRun(Settings s) : settings(std::move(s)), model(settings) {
    const StepContext ctx{model.world(), settings, model.rows(), 1, 0, settings.simulation.start};
    std::vector<double> volume(model.world().dealer_state.size(), 1.0);
    init_secondary_market(ctx, market, volume);
  }
  /// Runs the weekly updates over `days` from the start.
  void run(int days) {
    for (int d = 0; d <= days; ++d) {
      const StepContext ctx{model.world(), settings, model.rows(), 1, 0, settings.simulation.start + d};
      update_secondary_market(ctx, market);
    }
  }
  [[nodiscard]] double held(int state, FirearmClass cls) {
    return market.at(state, cls, Supply::kDomestic).guns + market.at(state, cls, Supply::kImported).guns;
  }
};
Settings with_federal_awb(double decay_years) {
  Settings s = test::short_settings(1);
  s.policies.assault_weapons_ban.enabled = true;
  s.policies.assault_weapons_ban.start = s.simulation.start;
  s.policies.assault_weapons_ban.end = Date::from_ymd(2100, 1, 1);
  s.policies.assault_weapons_ban.states.clear();
  for (auto code : kUsStateCodes) s.policies.assault_weapons_ban.states.emplace_back(code);
  s.policies.assault_weapons_ban.grandfathering = true;
  s.policies.assault_weapons_ban.resale_decay_years = decay_years;
  return s;
}
}  // namespace

TEST_CASE("private stocks start steady, closed where the state bans the class", "[model][secondary_market]") {
  MarketRun m(test::short_settings(1));
  const World& w = m.model.world();
  const int tx = w.state_index("TX"), ca = w.state_index("CA");
  CHECK(m.market.available(tx, FirearmClass::kAr) == 1.0);
  CHECK(m.market.available(ca, FirearmClass::kAr) == 0.0);  // CA assault-weapons law
  CHECK(m.held(ca, FirearmClass::kAr) == 0.0);
  CHECK(m.market.available(ca, FirearmClass::kHandgun) == 1.0);
  const double before = m.held(tx, FirearmClass::kHandgun);
  CHECK(before > 1000);
  m.run(365);  // without takers the steady state holds
  CHECK(m.held(tx, FirearmClass::kHandgun) == Approx(before).epsilon(1e-9));
  CHECK(m.market.available(tx, FirearmClass::kHandgun) == 1.0);
  // ... and so do its ages: a stationary stock's guns are on average one mean life old, the
  // survivors a week older each week and the week's new guns younger by exactly as much
  // (guns entering all brand new would make the stock younger by a fraction of a day a year).
  const double life_days = m.settings.market.resale_years * 365.25;
  const int last_update = 364;  // weekly updates from day 7: the last on day 364
  const double age = static_cast<double>((m.settings.simulation.start + last_update).days()) -
                     m.market.at(tx, FirearmClass::kHandgun, Supply::kDomestic).mean_day;
  CHECK(age == Approx(life_days).epsilon(1e-7));
}

TEST_CASE("a ban drains the grandfathered stock at the ban's resale_decay_years", "[model][secondary_market]") {
  // No inflow under the ban: the stock falls as exp(-t / resale_decay_years), so the
  // decay key matters (it did not when second-hand supply was a fixed weight).
  for (const double decay : {0.5, 5.0}) {
    MarketRun m(with_federal_awb(decay));
    const int tx = m.model.world().state_index("TX");
    const double start = m.held(tx, FirearmClass::kAr);
    m.run(364);
    const double expected = start * std::exp(-364.0 / 365.25 / decay);
    INFO("decay " << decay);
    CHECK(m.held(tx, FirearmClass::kAr) == Approx(expected).epsilon(0.02));
    CHECK(m.market.available(tx, FirearmClass::kAr) ==
          Approx(expected / start).margin(0.5 / kAvailabilitySteps + 0.01));
    // Handguns are not banned: their stock stays.
    CHECK(m.market.available(tx, FirearmClass::kHandgun) == 1.0);
  }
}

TEST_CASE("take_secondhand gives no more than the stock holds", "[model][secondary_market]") {
  MarketRun m(test::short_settings(1));
  const StepContext ctx{m.model.world(), m.settings, m.model.rows(), 1, 0, m.settings.simulation.start};
  const int tx = m.model.world().state_index("TX");
  MarketStock& dom = m.market.at(tx, FirearmClass::kAk, Supply::kDomestic);
  MarketStock& imp = m.market.at(tx, FirearmClass::kAk, Supply::kImported);
  dom.guns = 2.5;
  imp.guns = 0.0;
  const SecondhandTake a = take_secondhand(ctx, m.market, tx, FirearmClass::kAk, 10, 0.99);
  CHECK(a.guns == 2);  // the imported part is empty: the domestic part gives what it has
  CHECK(a.supply == Supply::kDomestic);
  CHECK(a.mean_age_days > 0);
  CHECK(take_secondhand(ctx, m.market, tx, FirearmClass::kAk, 10, 0.5).guns == 0);  // half a gun left
}

TEST_CASE("an import ban cuts the imported inflow and the imported models on the shelf only",
          "[model][secondary_market]") {
  Settings s = test::short_settings(1);
  s.policies.import_ban_enforcement.enabled = true;
  s.policies.import_ban_enforcement.start = s.simulation.start;
  s.policies.import_ban_enforcement.end = Date::from_ymd(2100, 1, 1);
  s.policies.import_ban_enforcement.share_blocked = 1.0;
  MarketRun m(s);
  const int tx = m.model.world().state_index("TX");
  const double domestic = m.market.at(tx, FirearmClass::kAk, Supply::kDomestic).guns;
  const double imported = m.market.at(tx, FirearmClass::kAk, Supply::kImported).guns;
  m.run(3650);
  CHECK(m.market.at(tx, FirearmClass::kAk, Supply::kDomestic).guns == Approx(domestic).epsilon(1e-9));
  CHECK(m.market.at(tx, FirearmClass::kAk, Supply::kImported).guns < 0.5 * imported);  // draining, not refilled
  const StepContext ctx{m.model.world(), m.settings, m.model.rows(), 1, 0, m.settings.simulation.start};
  const double share = m.model.world().tables.market.imported_share[index_of(FirearmClass::kAk)];
  REQUIRE(share > 0.1);
  CHECK(retail_supply(ctx, FirearmClass::kAk, share * 0.5).blocked);
  CHECK(!retail_supply(ctx, FirearmClass::kAk, share + 0.01).blocked);  // a domestic model
  CHECK(!retail_supply(ctx, FirearmClass::kHandgun, 0.01).blocked);     // the ban names AK-type rifles only
}

TEST_CASE("the dealer of a first sale is one of the state's dealers", "[model][secondary_market]") {
  MarketRun m(test::short_settings(1));
  const World& w = m.model.world();
  const int tx = w.state_index("TX");
  const auto [first, last] = w.dealers_of_state[static_cast<std::size_t>(tx)];
  for (double u : {1e-9, 0.3, 0.999999}) {
    const int d = first_sale_dealer(w, m.market, tx, u);
    CHECK(d >= first);
    CHECK(d < last);
  }
}

TEST_CASE("a table of sales by state and year scales each state's retail inflow by its sales relative to 2010",
          "[model][secondary_market]") {
  Settings s = test::short_settings(1);
  auto tables = std::make_shared<ReferenceTables>(*s.data.tables);
  const std::size_t n = tables->states.size();
  const auto tx = static_cast<std::size_t>(tables->state_index("TX"));
  const auto hi = static_cast<std::size_t>(tables->state_index("HI"));
  std::vector<double> y2010(n, 100.0), y2012(n, 150.0);
  y2012[tx] = 300.0;
  y2010[hi] = 0.0;  // no checks reported: it gets the others' ratio
  tables->sales_checks_by_state_year = {{2010, y2010}, {2012, y2012}};
  s.data.tables = tables;
  const Model model(s);
  const MarketTables& m = model.world().tables.market;
  CHECK(m.sales_index(static_cast<int>(tx), 2010) == 1.0);
  CHECK(m.sales_index(static_cast<int>(tx), 2011) == 1.0);  // a year written holds until the next
  CHECK(m.sales_index(static_cast<int>(tx), 2012) == 3.0);
  CHECK(m.sales_index(static_cast<int>(tx), 2030) == 3.0);  // held after the last
  CHECK(m.sales_index(static_cast<int>(tx), 1990) == 1.0);  // and before the first
  const double others = (150.0 * static_cast<double>(n - 2) + 300.0) / (100.0 * static_cast<double>(n - 1));
  CHECK(m.sales_index(static_cast<int>(hi), 2012) == Approx(others));
  // No table: 2010 sales in every year.
  const Model plain(test::short_settings(1));
  CHECK(plain.world().tables.market.sales_index(static_cast<int>(tx), 2020) == 1.0);
  // The inflow follows: with three times 2010's sales in 2012, Texas' stock grows over 2012
  // by 2 × (1 − e^(−1/life)) of its steady level (about 17% for an 11-year life), a state at
  // 1.5 times by a quarter of that; without the table both stay at their steady level.
  REQUIRE(s.simulation.start == Date::from_ymd(2010, 1, 1));
  MarketRun sales(s), flat(test::short_settings(1));
  const auto ny = model.world().state_index("NY");
  for (MarketRun* m : {&sales, &flat}) m->run(3 * 365);
  const double tx_growth = sales.held(static_cast<int>(tx), FirearmClass::kHandgun) /
                           flat.held(static_cast<int>(tx), FirearmClass::kHandgun);
  const double ny_growth = sales.held(ny, FirearmClass::kHandgun) / flat.held(ny, FirearmClass::kHandgun);
  const double life = s.market.resale_years;
  CHECK(tx_growth == Approx(1.0 + 2.0 * (1.0 - std::exp(-1.0 / life))).margin(0.01));
  CHECK(ny_growth == Approx(1.0 + 0.5 * (1.0 - std::exp(-1.0 / life))).margin(0.01));
}

namespace {
/// The baseline with a sales table: every state sells `flat` guns a year in 2000 and in
/// 2010 on, Texas `tx_2005` in 2005-2009 (the others `flat`).
Settings with_sales_table(double tx_2005, double flat = 100.0) {
  Settings s = test::short_settings(1);
  auto tables = std::make_shared<ReferenceTables>(*s.data.tables);
  const std::size_t n = tables->states.size();
  const auto tx = static_cast<std::size_t>(tables->state_index("TX"));
  std::vector<double> usual(n, flat), y2005(n, flat);
  y2005[tx] = tx_2005;
  tables->sales_checks_by_state_year = {{2000, usual}, {2005, y2005}, {2010, usual}};
  s.data.tables = tables;
  return s;
}
}  // namespace

TEST_CASE("a market thicker than 2010's is easier to buy in, by market.thickness_elasticity",
          "[model][secondary_market]") {
  // Texas sells 1.5 times its 2010 checks from 2011 on: its stock, and the stock its sales
  // would hold without policies, grow toward 1.5 times 2010's, and the second-hand channels
  // there become easier to find as (stock / 2010 stock)^elasticity; nothing is scarce.
  for (const double elasticity : {0.0, 0.5, 1.0}) {
    Settings s = test::short_settings(1);
    auto tables = std::make_shared<ReferenceTables>(*s.data.tables);
    const std::size_t n = tables->states.size();
    const auto tx = tables->state_index("TX");
    std::vector<double> y2010(n, 100.0), y2011(n, 100.0);
    y2011[static_cast<std::size_t>(tx)] = 150.0;
    tables->sales_checks_by_state_year = {{2010, y2010}, {2011, y2011}};
    s.data.tables = tables;
    s.market.thickness_elasticity = elasticity;
    MarketRun m(s);
    const int ny = m.model.world().state_index("NY");
    CHECK(m.market.available(tx, FirearmClass::kHandgun) == 1.0);  // 2010: the calibrated market
    m.run(4 * 365);
    const double thickness = 1.0 + 0.5 * (1.0 - std::exp(-3.0 / s.market.resale_years));
    INFO("elasticity " << elasticity << ", thickness " << thickness);
    CHECK(m.market.available(tx, FirearmClass::kHandgun) ==
          Approx(std::pow(thickness, elasticity)).margin(0.5 / kAvailabilitySteps + 0.01));
    CHECK(m.market.scarcity(tx, FirearmClass::kHandgun) == 0.0);
    CHECK(m.market.available(ny, FirearmClass::kHandgun) == 1.0);  // sales as in 2010
  }
  // Fewer sales than 2010's make a thinner market: searches that find no seller.
  Settings thin = with_sales_table(30.0);
  thin.simulation.start = Date::from_ymd(2009, 1, 1);
  thin.simulation.end = thin.simulation.start + 1;
  thin.market.thickness_elasticity = 0.5;
  MarketRun m(thin);
  const int tx = m.model.world().state_index("TX");
  CHECK(m.market.available(tx, FirearmClass::kHandgun) < 1.0);
  CHECK(m.market.scarcity(tx, FirearmClass::kHandgun) > 0.0);
}

TEST_CASE("a run started after its sales table begins starts from the stock the table's years leave",
          "[model][secondary_market]") {
  // Texas sold three times its usual checks in 2005-2009. A run started in 2009 holds the
  // stock a run started in 2000 reaches by 2009, not the steady state of 2009's sales
  // (which a stock with an 11-year life reaches only after decades).
  Settings early = with_sales_table(300.0), late = with_sales_table(300.0);
  early.simulation.start = Date::from_ymd(2000, 1, 1);
  early.simulation.end = Date::from_ymd(2010, 1, 1);
  late.simulation.start = Date::from_ymd(2009, 1, 1);
  late.simulation.end = Date::from_ymd(2010, 1, 1);
  MarketRun from_2000(early), from_2009(late);
  const int tx = from_2000.model.world().state_index("TX");
  const double steady_2000 = from_2000.held(tx, FirearmClass::kHandgun);
  from_2000.run(late.simulation.start - early.simulation.start);
  const double aged = from_2000.held(tx, FirearmClass::kHandgun);
  const double life = early.market.resale_years;
  CHECK(aged == Approx(steady_2000 * (3.0 - 2.0 * std::exp(-4.0 / life))).epsilon(0.01));
  CHECK(from_2009.held(tx, FirearmClass::kHandgun) == Approx(aged).epsilon(0.002));
  CHECK(from_2009.market.available(tx, FirearmClass::kHandgun) ==
        from_2000.market.available(tx, FirearmClass::kHandgun));
  // The guns' mean first-sale day follows too: younger than a stationary stock's.
  const MarketStock& stock = from_2009.market.at(tx, FirearmClass::kHandgun, Supply::kDomestic);
  CHECK(static_cast<double>(late.simulation.start.days()) - stock.mean_day < 0.9 * life * 365.25);
}

TEST_CASE("the start's stocks laid out with the tables are those of the run's first day, on any day",
          "[model][secondary_market]") {
  // A scenario lays out its stocks once, for its first day; a market started on another
  // day lays out its own, the same as a scenario starting that day would.
  Settings planned = with_sales_table(300.0), later = with_sales_table(300.0);
  planned.simulation.start = Date::from_ymd(2009, 1, 1);
  later.simulation.start = Date::from_ymd(2009, 6, 1);
  MarketRun own_day(later);
  REQUIRE(own_day.model.world().tables.market.start_day == later.simulation.start);
  const Model model(planned);
  const StepContext ctx{model.world(), planned, model.rows(), 1, 0, later.simulation.start};
  SecondaryMarket market;
  init_secondary_market(ctx, market, std::vector<double>(model.world().dealer_state.size(), 1.0));
  REQUIRE(market.stock.size() == own_day.market.stock.size());
  for (std::size_t i = 0; i < market.stock.size(); ++i) {
    CHECK(market.stock[i].guns == own_day.market.stock[i].guns);
    CHECK(market.stock[i].mean_day == own_day.market.stock[i].mean_day);
  }
  CHECK(market.reference == own_day.market.reference);
}

TEST_CASE("compliant variants under a state ban keep their share of the private stock", "[model][secondary_market]") {
  // California bans AR-type rifles (a 2010 law). With compliant variants meeting a share c
  // of the orders, c of the class's retail sales go on feeding its private stock, which
  // starts at c of a free market's and stays there (no network takes from it here); without
  // them the stock is closed and empty.
  Settings s = test::short_settings(1);
  s.simulation.end = Date::from_ymd(2013, 1, 1);
  const double c = 0.4;
  s.market.awb_compliant_share = c;
  MarketRun compliant(s);
  const int ca = compliant.model.world().state_index("CA");
  CHECK(compliant.market.available(ca, FirearmClass::kAr) == Approx(c).margin(0.02));
  compliant.run(2 * 365);
  CHECK(compliant.market.available(ca, FirearmClass::kAr) == Approx(c).margin(0.02));
  CHECK(compliant.held(ca, FirearmClass::kAr) > 0);
  MarketRun strict(test::short_settings(1));
  CHECK(strict.held(ca, FirearmClass::kAr) == 0.0);
  CHECK(strict.market.available(ca, FirearmClass::kAr) == 0.0);
}
