// route_tally.hpp: the origin–destination tally of unseized loads. A hand-made load
// lands in the cells of its lots' states, its crossing and its destination; over short
// baseline replications the two legs add up to the stage totals the model already
// reports, and they follow the route choice.
#include <catch2/catch.hpp>

#include <map>
#include <stdexcept>
#include <string>

#include "gunflow/model/route_tally.hpp"
#include "gunflow/model/simulation.hpp"
#include "model_fixture.hpp"

using namespace gunflow;
using test::kSeed;
using test::total;

namespace {
Lot lot_from(std::int16_t state, std::int64_t count) {
  Lot lot;
  lot.us_state = state;
  lot.count = count;
  return lot;
}
double od_sum(const Model& model, const ReplicationResult& r, const std::string& metric, const std::string& prefix,
              const std::string& suffix) {
  double sum = 0;
  const auto& series = model.layout().series();
  for (std::size_t i = 0; i < series.size(); ++i) {
    const std::string& k = series[i].key;
    if (series[i].metric == metric && k.rfind(prefix, 0) == 0 && k.size() >= suffix.size() &&
        k.compare(k.size() - suffix.size(), suffix.size(), suffix) == 0)
      sum += r.values.row(static_cast<Eigen::Index>(i)).sum();
  }
  return sum;
}
}  // namespace

TEST_CASE("A load's lots land in their state's cell and the load in its crossing's destination", "[model][od]") {
  Settings s = test::short_settings();
  s.simulation.origin_destination = true;
  test::DayFixture f(s);
  const World& w = f.run.model.world();
  const std::size_t nc = w.crossings.size(), nr = w.regions.size();
  const std::vector<Lot> load = {lot_from(3, 5), lot_from(7, 2), lot_from(3, 1)};
  tally_arrived_routes(f.ctx, f.tally, load, 4, 2);
  CHECK(f.count(f.ctx.rows.arrived_by_source_crossing[source_crossing_cell(3, 4, nc)]) == 6);
  CHECK(f.count(f.ctx.rows.arrived_by_source_crossing[source_crossing_cell(7, 4, nc)]) == 2);
  CHECK(f.count(f.ctx.rows.arrived_by_source_crossing[source_crossing_cell(3, 5, nc)]) == 0);
  CHECK(f.count(f.ctx.rows.arrived_by_crossing_region[crossing_region_cell(4, 2, nr)]) == 8);
  CHECK(f.count(f.ctx.rows.arrived_by_crossing_region[crossing_region_cell(4, 3, nr)]) == 0);
  // The cells are the series the layout names with the codes of the world's tables.
  const std::string key = w.states[3].code + ">" + w.crossings[4].id;
  CHECK(f.run.model.layout().index("guns_arrived_by_source_crossing", key) ==
        f.ctx.rows.arrived_by_source_crossing[source_crossing_cell(3, 4, nc)]);
  CHECK(f.run.model.layout().index("guns_arrived_by_crossing_region", w.crossings[4].id + ">" + w.regions[2].code) ==
        f.ctx.rows.arrived_by_crossing_region[crossing_region_cell(4, 2, nr)]);
}

TEST_CASE("The two legs of the origin-destination tally add up to the stage totals", "[model][od]") {
  Settings s = test::short_settings(120);
  s.simulation.origin_destination = true;
  const Model model(s);
  const ReplicationResult r = model.run(kSeed, 0);
  const World& w = model.world();
  const double arrived = total(model, r, "guns_arrived_mexico") + total(model, r, "guns_arrived_onward");
  REQUIRE(arrived > 0);
  CHECK(test::total_over_keys(model, r, "guns_arrived_by_source_crossing") == arrived);
  CHECK(test::total_over_keys(model, r, "guns_arrived_by_crossing_region") == arrived);
  for (const Crossing& c : w.crossings)  // what reaches a crossing from the states leaves it to the destinations
    CHECK(od_sum(model, r, "guns_arrived_by_source_crossing", "", ">" + c.id) ==
          od_sum(model, r, "guns_arrived_by_crossing_region", c.id + ">", ""));
  for (const Region& g : w.regions)
    CHECK(od_sum(model, r, "guns_arrived_by_crossing_region", "", ">" + g.code) ==
          total(model, r, "guns_arrived_by_region", g.code));
}

TEST_CASE("Certain inspection at the ports sends every tallied path through unofficial crossings", "[model][od]") {
  Settings s = test::short_settings(120);
  s.border.inspection_rate = 1.0;  // every vehicle at a port is searched
  s.border.concealment = 0.0;      // and every gun in a searched vehicle is found
  s.border.unofficial_detection = 0.0;
  s.simulation.origin_destination = true;
  const Model model(s);
  const ReplicationResult r = model.run(kSeed, 0);
  double official = 0, unofficial = 0;
  for (const Crossing& c : model.world().crossings)
    (c.official ? official : unofficial) += od_sum(model, r, "guns_arrived_by_crossing_region", c.id + ">", "");
  CHECK(official == 0);
  CHECK(unofficial > 0);
}

TEST_CASE("Without simulation.origin_destination the tally has no series and outputs are as before", "[model][od]") {
  const Settings off = test::short_settings(120);
  Settings on = off;
  on.simulation.origin_destination = true;
  const Model a(off), b(on);
  CHECK(a.rows().arrived_by_source_crossing.empty());
  CHECK(b.layout().size() == a.layout().size() + b.world().states.size() * b.world().crossings.size() +
                                 b.world().crossings.size() * b.world().regions.size());
  // The tally draws nothing: every other series is the same with it on.
  const ReplicationResult ra = a.run(kSeed, 0), rb = b.run(kSeed, 0);
  for (std::size_t i = 0; i < a.layout().size(); ++i) {
    const SeriesKey& k = a.layout().series()[i];
    CHECK((ra.values.row(static_cast<Eigen::Index>(i)) ==
           rb.values.row(static_cast<Eigen::Index>(b.layout().index(k.metric, k.key))))
              .all());
  }
}

TEST_CASE("The three-way route table is kept only when asked and adds up to both legs", "[model][od]") {
  Settings s = test::short_settings(120);
  s.simulation.origin_destination = true;
  const Model two_tables(s);
  CHECK_THROWS_AS(two_tables.layout().index("guns_arrived_by_route", "TX>laredo>TAM"), std::out_of_range);
  s.simulation.origin_destination_routes = true;
  const Model model(s);
  const ReplicationResult r = model.run(kSeed, 0);
  REQUIRE(test::total_over_keys(model, r, "guns_arrived_by_route") > 0);
  // Sum the routes over destinations (key "ST>crossing") and over states ("crossing>DEST").
  std::map<std::string, double> by_source_crossing, by_crossing_region;
  const auto& series = model.layout().series();
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (series[i].metric != "guns_arrived_by_route") continue;
    const std::string& k = series[i].key;
    const double v = r.values.row(static_cast<Eigen::Index>(i)).sum();
    by_source_crossing[k.substr(0, k.rfind('>'))] += v;
    by_crossing_region[k.substr(k.find('>') + 1)] += v;
  }
  // Every lot of a network has a state of first sale, so both marginals are exact.
  for (const auto& [key, guns] : by_source_crossing)
    CHECK(guns == total(model, r, "guns_arrived_by_source_crossing", key));
  for (const auto& [key, guns] : by_crossing_region)
    CHECK(guns == total(model, r, "guns_arrived_by_crossing_region", key));
  CHECK(by_source_crossing.size() == model.world().states.size() * model.world().crossings.size());
  // Asking for the routes does not change the run: the other outputs are the same numbers.
  const ReplicationResult plain = two_tables.run(kSeed, 0);
  CHECK(total(model, r, "guns_arrived_mexico") == total(two_tables, plain, "guns_arrived_mexico"));
  CHECK(total(model, r, "homicides") == total(two_tables, plain, "homicides"));
}
