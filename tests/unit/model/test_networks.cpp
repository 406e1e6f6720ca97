// networks.hpp: dealers and the trafficking networks over time (start, fold,
// replacement, the serving counts by region). Checked directly on a started replication
// and through replications stepped by hand (60 days, no warm-up unless said).
#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>

#include "gunflow/model/networks.hpp"
#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/model/step_context.hpp"
#include "model_fixture.hpp"

using namespace gunflow;
using test::kSeed;
using test::total;

TEST_CASE("home_state_weights: named states as given, OTHER spread by people near the border", "[model][networks]") {
  const Settings s = test::short_settings(1);
  const Model model(s);
  const World& w = model.world();
  const std::vector<double> weights = home_state_weights(w, s);
  REQUIRE(weights.size() == w.states.size());
  const RealMap& named = s.traffickers.home_state_weights;
  double named_sum = 0;
  for (const auto& [code, weight] : named)
    if (code != "OTHER") {
      CHECK(weights[static_cast<std::size_t>(w.state_index(code))] == weight);
      named_sum += weight;
    }
  CHECK(std::accumulate(weights.begin(), weights.end(), 0.0) == Approx(named_sum + named.at("OTHER")));
  const auto weight = [&](const char* code) {
    REQUIRE(named.count(code) == 0);  // not named in the baseline
    return weights[static_cast<std::size_t>(w.state_index(code))];
  };
  const auto people = [&](const char* code) {
    return w.states[static_cast<std::size_t>(w.state_index(code))].population;
  };
  // Wyoming has more dealers per head than Nevada but a fifth of its people, and is no
  // nearer the border: it hosts fewer networks (by dealers it hosted more).
  CHECK(weight("WY") < weight("NV"));
  // New York has five times Oklahoma's people but is about three times as far from a port: fewer.
  REQUIRE(people("NY") > 4 * people("OK"));
  CHECK(weight("NY") < weight("OK"));
}

TEST_CASE("choose_staging spreads a state's networks over cities near home and the border", "[model][networks]") {
  const Settings s = test::short_settings(1);
  const Model model(s);
  const World& w = model.world();
  MetricRows rows{};
  const StepContext ctx{w, s, rows, kSeed, 0, s.simulation.start};
  ReplicationState st;  // no routes priced yet: crossings priced by their known risk
  std::vector<int> count(w.staging.size(), 0);
  Rng rng(kSeed, StreamId::kSelfTest, 0, 0, 0);
  const int tx = w.state_index("TX");
  for (int i = 0; i < 4000; ++i) ++count[static_cast<std::size_t>(choose_staging(ctx, st, tx, rng))];
  int used = 0;
  for (std::size_t c = 0; c < w.staging.size(); ++c) used += count[c] > 40;  // over 1% of networks
  CHECK(used >= 4);                                                          // not just the nearest city
  // A wide logit scale spreads them further; a tight one concentrates them on the cheapest.
  Settings tight = s;
  tight.traffickers.staging_choice_km = 1;
  const StepContext tctx{w, tight, rows, kSeed, 0, s.simulation.start};
  std::vector<int> tcount(w.staging.size(), 0);
  for (int i = 0; i < 4000; ++i) ++tcount[static_cast<std::size_t>(choose_staging(tctx, st, tx, rng))];
  CHECK(*std::max_element(tcount.begin(), tcount.end()) > 3900);
}

TEST_CASE("Serving counts and due days stay consistent as networks fold and restart", "[model][networks]") {
  // The day loop of Model::run, checking each day that the per-region count of
  // serving networks (kept incrementally for speed) equals a recount, and that every
  // network is due on a day no earlier than tomorrow once it has been handled.
  Settings s = test::short_settings(500);
  s.traffickers.initial_budget = 3000;  // networks go broke often
  s.enforcement.case_success = 1.0;     // and cases dismantle them
  s.enforcement.network_disruption = 1.0;
  s.traffickers.replacement_days = 20;
  test::SteppedReplication run(s);
  const World& w = run.model.world();
  const ReplicationState& st = run.st;
  int folds = 0, restarts = 0;
  for (Date d = s.simulation.start; d < s.simulation.end; d = d + 1) {
    std::vector<char> was_active(st.networks.size());
    for (std::size_t t = 0; t < st.networks.size(); ++t) was_active[t] = st.networks[t].active;
    run.step(d);
    std::vector<std::int32_t> recount(w.regions.size(), 0);
    std::vector<std::int64_t> rescale(w.regions.size(), 0);
    for (std::size_t t = 0; t < st.networks.size(); ++t) {
      const TraffickerState& net = st.networks[t];
      if (net.active) ++recount[static_cast<std::size_t>(net.region)];
      if (net.active) rescale[static_cast<std::size_t>(net.region)] += net.scale_units;
      folds += was_active[t] && !net.active;
      restarts += !was_active[t] && net.active;
      if (!net.active) REQUIRE(st.due.day(t) >= d.days());  // its replacement is scheduled
    }
    REQUIRE(recount == st.serving_networks);
    REQUIRE(rescale == st.serving_scale);  // exact: scales are whole units
  }
  CHECK(folds > 100);  // the invariant was exercised by many folds and restarts
  CHECK(restarts > 100);
}

TEST_CASE("stop_network schedules a replacement and keeps the serving counts", "[model][networks]") {
  Settings s = test::short_settings();
  s.traffickers.replacement_days = 40;
  s.traffickers.entry_headroom = 0;  // every slot holds a network
  test::DayFixture day(s);
  ReplicationState& st = day.run.st;
  const std::vector<std::int32_t> serving = st.serving_networks;
  REQUIRE(std::accumulate(serving.begin(), serving.end(), 0) == static_cast<int>(st.networks.size()));
  double delay_sum = 0;
  std::vector<std::int32_t> stopped(serving.size(), 0);
  for (std::size_t t = 0; t < st.networks.size(); ++t) {
    REQUIRE(st.networks[t].active);
    stop_network(day.ctx, st, t);
    CHECK_FALSE(st.networks[t].active);
    ++stopped[static_cast<std::size_t>(st.networks[t].region)];
    const std::int32_t delay = st.due.day(t) - day.ctx.day();
    REQUIRE(delay >= 0);
    delay_sum += delay;
  }
  for (std::size_t r = 0; r < serving.size(); ++r) CHECK(st.serving_networks[r] == serving[r] - stopped[r]);
  // Delays are exponential with mean 40 days, truncated to whole days (mean 39.5); the
  // standard error over n networks is 40 / sqrt(n): 5 of them is a p < 1e-6 failure.
  const auto n = static_cast<double>(st.networks.size());
  CHECK(delay_sum / n == Approx(39.5).margin(5 * 40 / std::sqrt(n)));
  // A restart is a new generation, serving again (the count goes back up).
  const std::uint32_t generation = st.networks[0].generation;
  start_network(day.ctx, st, 0);
  CHECK(st.networks[0].active);
  CHECK(st.networks[0].generation == generation + 1);
  CHECK(st.networks[0].budget == s.traffickers.initial_budget * st.networks[0].scale());  // cash by scale
  CHECK(std::accumulate(st.serving_networks.begin(), st.serving_networks.end(), 0) == 1);
  CHECK(std::accumulate(st.serving_scale.begin(), st.serving_scale.end(), std::int64_t{0}) ==
        st.networks[0].scale_units);
}

TEST_CASE("Network scales are lognormal with mean 1, and all 1 without dispersion", "[model][networks]") {
  // Every slot holds a network at the start; their scales are independent draws.
  Settings s = test::short_settings();
  s.traffickers.entry_headroom = 0;
  s.traffickers.count = 4000;
  test::DayFixture day(s);
  double sum = 0, above_two = 0;
  for (const TraffickerState& net : day.run.st.networks) {
    sum += net.scale();
    above_two += net.scale() > 2 ? 1 : 0;
  }
  const auto n = static_cast<double>(day.run.st.networks.size());
  // Lognormal, sigma 1, mean 1: sd sqrt(e - 1) = 1.31, so the mean of n has sd 1.31 / sqrt(n)
  // (0.021 at 4,000); 5 of them fail with p < 1e-6. P(scale > 2) = P(Z > ln 2 + 0.5) = 0.116.
  REQUIRE(s.traffickers.size_dispersion == 1.0);
  CHECK(sum / n == Approx(1.0).margin(5 * 1.31 / std::sqrt(n)));
  CHECK(above_two / n == Approx(0.116).margin(5 * std::sqrt(0.116 * 0.884 / n)));
  s.traffickers.size_dispersion = 0;
  test::DayFixture alike(s);
  for (const TraffickerState& net : alike.run.st.networks) REQUIRE(net.scale_units == kScaleUnits);
}

TEST_CASE("home_state_weights without OTHER gives unnamed states nothing", "[model][networks]") {
  Settings s = test::short_settings(1);
  const Model model(s);
  s.traffickers.home_state_weights.erase("OTHER");
  const std::vector<double> weights = home_state_weights(model.world(), s);
  const int al = model.world().state_index("AL");
  CHECK(weights[static_cast<std::size_t>(al)] == 0.0);
  for (const auto& [code, weight] : s.traffickers.home_state_weights)  // named states keep theirs
    CHECK(weights[static_cast<std::size_t>(model.world().state_index(code))] == weight);
}

TEST_CASE("A network buys in proportion to its scale", "[model][networks]") {
  // Expected: over a network's first 120 days, guns bought per unit of scale are alike
  // for small networks (scale under 0.6) and large ones (over 1.6), within a factor 1.5.
  // Why: a network takes its scale's share of its destination's orders and sends out as
  // many crews a turn as its scale, so a large network is a small one many times over.
  // A large network held to one crew a turn, or given an equal share of the orders,
  // buys per unit of scale about a third to a half of what a small one does.
  Settings s = test::short_settings(120);
  s.traffickers.entry_headroom = 0;
  REQUIRE(s.traffickers.size_dispersion == 1.0);
  test::SteppedReplication run(s);
  for (Date d = s.simulation.start; d < s.simulation.end; d = d + 1) run.step(d);
  double small_guns = 0, small_scale = 0, large_guns = 0, large_scale = 0;
  for (const TraffickerState& net : run.st.networks) {
    if (!net.active || net.generation != 1) continue;  // in business all along
    double guns = 0;
    for (double g : net.recent_guns) guns += g;  // about the last 90 days' purchases
    if (net.scale() < 0.6) {
      small_guns += guns;
      small_scale += net.scale();
    } else if (net.scale() > 1.6) {
      large_guns += guns;
      large_scale += net.scale();
    }
  }
  REQUIRE(small_scale > 100);  // some 700 networks of each kind among the 2,000
  REQUIRE(large_scale > 100);
  const double ratio = (large_guns / large_scale) / (small_guns / small_scale);
  CHECK(ratio > 1 / 1.5);
  CHECK(ratio < 1.5);
}
