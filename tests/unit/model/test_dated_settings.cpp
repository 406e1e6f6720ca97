// A scenario with keys given year by year: each year runs with that year's values, from
// 1 January, and a series that never changes is the plain value bit for bit. The keys
// that may vary leave the world (its tables, scopes and sizes) as it was, so the model
// cannot silently ignore a series.
#include <catch2/catch.hpp>

#include "gunflow/model/simulation.hpp"
#include "gunflow/scenario/dated_series.hpp"
#include "gunflow/scenario/schema.hpp"
#include "model_fixture.hpp"

using namespace gunflow;
using namespace gunflow::test;

namespace {
/// The baseline over 2010–2011 without warm-up (two output years).
Settings two_years() {
  Settings s = short_settings(365 * 2);
  return s;
}

Eigen::ArrayXd yearly(const Model& m, const ReplicationResult& r, const std::string& metric) {
  return r.values.row(static_cast<Eigen::Index>(m.layout().index(metric, "")));
}
}  // namespace

TEST_CASE("A series that never changes runs exactly as the plain value", "[model][dated]") {
  Settings plain = two_years();
  Settings dated = plain;
  dated.dated.push_back(
      {"border.inspection_rate", {{2005, plain.border.inspection_rate}, {2020, plain.border.inspection_rate}}, false});
  const Model a(plain), b(dated);
  CHECK((a.run(kSeed, 0).values == b.run(kSeed, 0).values).all());
}

TEST_CASE("A dated key takes its new value on 1 January of the year it changes", "[model][dated]") {
  Settings plain = two_years();
  plain.border.inspection_rate = 0.0;
  Settings dated = plain;
  dated.dated.push_back({"border.inspection_rate", {{2010, 0.0}, {2011, 0.3}}, false});
  const Model a(plain), b(dated);
  CHECK(b.settings_in(2010).border.inspection_rate == 0.0);
  CHECK(b.settings_in(2011).border.inspection_rate == 0.3);
  CHECK(b.settings_in(1990).border.inspection_rate == 0.0);  // clamped to the run's years
  CHECK(b.settings_in(2050).border.inspection_rate == 0.3);
  const ReplicationResult ra = a.run(kSeed, 0), rb = b.run(kSeed, 0);
  // Port seizures (between ports, Border Patrol stops go on as before in both runs).
  const Eigen::ArrayXd sa = yearly(a, ra, "us_port_seizures"), sb = yearly(b, rb, "us_port_seizures");
  CHECK(sa(0) == sb(0));  // 2010: the same days with the same values
  CHECK(sa(1) == 0);      // 2011: no port inspects ...
  CHECK(sb(1) > 100);     // ... against 30% of vehicles inspected, 3% of them found
}

constexpr std::uint64_t kStartSeed = 5;

TEST_CASE("Keys that may vary by year do not change the world built at the start", "[model][dated]") {
  // The complement of may_vary_by_year's list: if a key read by build_world, make_tables,
  // the policy scopes or the metric layout were missing from that list, a series of it
  // would be ignored after the first year; this finds it.
  const Settings base = short_settings(30);
  const Model reference(base);
  const World& w0 = reference.world();
  for (const SchemaEntry& e : schema()) {
    if ((e.type != ValueType::kReal && e.type != ValueType::kInt) || !may_vary_by_year(e.path)) continue;
    Settings s = base;
    const double now = std::holds_alternative<double>(e.get(s)) ? std::get<double>(e.get(s))
                                                                : static_cast<double>(std::get<std::int64_t>(e.get(s)));
    // Another value in range: halfway to the far bound.
    const double other = now - e.min > e.max - now ? (now + e.min) / 2 : (now + e.max) / 2;
    if (e.type == ValueType::kInt)
      e.set(s, Value(static_cast<std::int64_t>(std::llround(other == now ? now + 1 : other))));
    else
      e.set(s, Value(other));
    const Model m(s);
    const World& w = m.world();
    INFO(e.path);
    const ModelTables &t = w.tables, &t0 = w0.tables;
    CHECK(t.class_mix.first == t0.class_mix.first);
    CHECK(t.class_mix.values == t0.class_mix.values);
    CHECK(t.channel_preference == t0.channel_preference);
    CHECK(t.channel_extra_cost == t0.channel_extra_cost);
    CHECK(t.demand.values.size() == t0.demand.values.size());
    for (std::size_t y = 0; y < t.demand.values.size(); ++y) {
      CHECK(t.demand.values[y].share == t0.demand.values[y].share);
      CHECK(t.demand.values[y].pull == t0.demand.values[y].pull);
    }
    CHECK(t.home_weight == t0.home_weight);
    CHECK(t.state_proximity == t0.state_proximity);
    CHECK(t.risk_forget == t0.risk_forget);
    CHECK(t.recent_fade == t0.recent_fade);
    for (std::uint64_t j : {0ULL, 1ULL << 20, 1ULL << 40, (1ULL << 52) - 1})
      CHECK(t.trip_wait.at(j) == t0.trip_wait.at(j));
    CHECK(w.scopes.rifle_reporting_states == w0.scopes.rifle_reporting_states);
    CHECK(w.scopes.bmg50_states == w0.scopes.bmg50_states);
    CHECK(w.scopes.awb_states == w0.scopes.awb_states);
    CHECK(w.scopes.ubc_states == w0.scopes.ubc_states);
    CHECK(w.scopes.inspected_crossings == w0.scopes.inspected_crossings);
    CHECK(w.scopes.reportable_rifle_classes == w0.scopes.reportable_rifle_classes);
    CHECK(w.dealer_state == w0.dealer_state);
    CHECK(boost::num_vertices(w.network.graph) == boost::num_vertices(w0.network.graph));
    CHECK(w.inland_km == w0.inland_km);
    CHECK(m.layout().size() == reference.layout().size());
    // Nor the dealers set up on a replication's first day, types and traits. (The initial
    // arsenal does depend on run-time keys, through the flows' path spun up with each
    // year's settings, which is how a series of them is honoured before the start.)
    const Replication r = m.start(kStartSeed, 0), r0 = reference.start(kStartSeed, 0);
    CHECK(r.state.dealers.type == r0.state.dealers.type);
    CHECK(r.state.dealers.volume == r0.state.dealers.volume);
    CHECK(r.state.dealers.negligence == r0.state.dealers.negligence);
  }
}
