// tables.hpp: numbers the daily step needs, resolved once per scenario (make_tables).
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <string>

#include "gunflow/model/demand.hpp"
#include "gunflow/model/networks.hpp"
#include "gunflow/model/tables.hpp"
#include "model_fixture.hpp"

using namespace gunflow;

TEST_CASE("The initial stock's source states: the map given, or the home weights", "[model][tables]") {
  Settings s = test::short_settings(1);
  s.mexico.initial_source_states = {{"CA", 2.0}, {"OTHER", 1.0}};
  const Model given(s);
  const World& w = given.world();
  const std::vector<double>& weight = w.tables.initial_source_weight;
  CHECK(weight == state_weights(w, s.mexico.initial_source_states));
  CHECK(weight[static_cast<std::size_t>(w.state_index("CA"))] == 2.0);
  CHECK(std::accumulate(weight.begin(), weight.end(), 0.0) == Approx(3.0));
  s.mexico.initial_source_states.clear();
  const Model unset(s);
  CHECK(unset.world().tables.initial_source_weight == unset.world().tables.home_weight);
}

TEST_CASE("make_tables resolves shares decays and proximities", "[model][tables]") {
  Settings s = test::short_settings(1);
  double mix_total = 0;
  for (auto& [name, share] : s.demand.class_mix) mix_total += share *= 3.0;  // given unnormalised
  const Model model(s);
  const World& w = model.world();
  const ModelTables& t = w.tables;
  REQUIRE(t.class_mix.values.size() == 1);  // no table of conflict homicides: one mix in every year
  const ClassMix& mix = t.class_mix_in(2010);
  CHECK(&t.class_mix_in(1995) == &mix);
  CHECK(std::accumulate(mix.begin(), mix.end(), 0.0) == Approx(1.0));  // normalised
  for (std::size_t c = 0; c < kNumClasses; ++c) {
    const auto given = s.demand.class_mix.find(std::string(kClassNames[c]));
    CHECK(mix[c] == Approx((given == s.demand.class_mix.end() ? 0.0 : given->second) / mix_total));
  }
  REQUIRE(t.demand.values.size() == 1);  // no table by state and year: the 2010 split in every year
  const std::span<const double> share = t.demand_share_in(2010);
  CHECK(std::vector<double>(share.begin(), share.end()) == demand_shares(w, s));
  CHECK(t.demand_share_in(1995).data() == share.data());
  CHECK(t.home_weight == home_state_weights(w, s));
  REQUIRE(t.n_states == w.states.size());
  REQUIRE(t.n_regions == w.regions.size());
  for (int d : {0, 1, 30, 1023}) {
    CHECK(t.risk_forget[static_cast<std::size_t>(d)] == Approx(std::exp(-d / s.traffickers.risk_memory_days)));
    CHECK(t.recent_fade[static_cast<std::size_t>(d)] == Approx(std::exp(-d / kRecentGunsDays)));
  }
  // Proximity: 1 at home, symmetric, falling with distance (TX is nearer NM than ME).
  const int tx = w.state_index("TX"), nm = w.state_index("NM"), me = w.state_index("ME");
  CHECK(t.proximity_from(tx)[static_cast<std::size_t>(tx)] == 1.0);
  CHECK(t.proximity_from(tx)[static_cast<std::size_t>(nm)] == t.proximity_from(nm)[static_cast<std::size_t>(tx)]);
  CHECK(t.proximity_from(tx)[static_cast<std::size_t>(nm)] > t.proximity_from(tx)[static_cast<std::size_t>(me)]);
  // A destination's pull is its demand share times a decay in (0, 1].
  for (std::size_t r = 0; r < t.n_regions; ++r) {
    CHECK(t.destinations_from(0, 2010)[r] <= share[r]);
    CHECK(t.destinations_from(0, 2010)[r] > 0.0);
  }
}

TEST_CASE("buying_market_size: people with a dealer in reach, saturating in dealer density", "[model][tables]") {
  UsStateInfo thin, dense, none;
  thin.population = 500'000;
  thin.retail_dealers = 500;  // 100 per 100k: access saturated
  dense.population = 5'000'000;
  dense.retail_dealers = 900;  // 18 per 100k, the US average
  none.population = 600'000;
  none.retail_dealers = 0;
  CHECK(buying_market_size(thin) == Approx(500'000 * (1 - std::exp(-100.0 / kDealerAccessPer100k))));
  CHECK(buying_market_size(dense) > 9 * buying_market_size(thin));  // ten times the people, fewer dealers
  CHECK(buying_market_size(none) == 0);
  UsStateInfo empty;
  CHECK(buying_market_size(empty) == 0);
}
