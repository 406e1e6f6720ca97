// simulation.hpp: one replication is a pure function of (settings, seed, replication).
#include <catch2/catch.hpp>

#include <thread>

#include "gunflow/model/simulation.hpp"
#include "model_fixture.hpp"

using namespace gunflow;
using test::kSeed;
using test::total;
using test::total_over_keys;

namespace {
bool identical(const ReplicationResult& a, const ReplicationResult& b) {
  return a.replication == b.replication && a.values.rows() == b.values.rows() && a.values.cols() == b.values.cols() &&
         (a.values == b.values).all();
}
}  // namespace

TEST_CASE("Model::run is reproducible and keyed by (seed, replication)", "[model][simulation]") {
  const Model model(test::short_settings());
  const ReplicationResult a = model.run(kSeed, 0);
  CHECK(a.replication == 0);
  CHECK(a.values.rows() == static_cast<Eigen::Index>(model.layout().size()));
  CHECK(a.values.cols() == 1);
  CHECK(identical(a, model.run(kSeed, 0)));

  const Model again(test::short_settings());  // a second model from the same settings
  CHECK(identical(a, again.run(kSeed, 0)));

  const ReplicationResult other_rep = model.run(kSeed, 1);
  CHECK(other_rep.replication == 1);
  CHECK((other_rep.values != a.values).any());
  CHECK((model.run(kSeed + 1, 0).values != a.values).any());
}

TEST_CASE("Model::run gives the same answer when run concurrently", "[model][simulation]") {
  const Model model(test::short_settings(30));
  const ReplicationResult serial0 = model.run(kSeed, 0), serial1 = model.run(kSeed, 1);
  ReplicationResult par0, par1;
  std::thread t0([&] { par0 = model.run(kSeed, 0); });
  std::thread t1([&] { par1 = model.run(kSeed, 1); });
  t0.join();
  t1.join();
  CHECK(identical(serial0, par0));
  CHECK(identical(serial1, par1));
}

TEST_CASE("Model::run outputs are finite and the flows add up", "[model][simulation]") {
  const Model model(test::short_settings());
  const ReplicationResult r = model.run(kSeed, 3);
  CHECK(r.values.isFinite().all());
  CHECK((r.values >= 0.0).all());

  const double trafficked = total(model, r, "guns_trafficked");
  CHECK(trafficked > 0);
  // Every gun bought is tallied once by class, by channel and by source state.
  CHECK(total_over_keys(model, r, "guns_trafficked_by_class") == trafficked);
  CHECK(total_over_keys(model, r, "guns_trafficked_by_channel") == trafficked);
  CHECK(total_over_keys(model, r, "guns_trafficked_by_source_state") == trafficked);
  // Every load that reaches a crossing is either seized there or arrives.
  const double arrived = total(model, r, "guns_arrived_mexico") + total(model, r, "guns_arrived_onward");
  CHECK(total_over_keys(model, r, "guns_by_crossing") == total(model, r, "us_border_seizures") + arrived);
  CHECK(total_over_keys(model, r, "guns_arrived_by_region") == arrived);
  CHECK(arrived + total(model, r, "us_border_seizures") <= trafficked);  // no guns from nowhere
  // Homicides split into firearm and other.
  CHECK(total(model, r, "homicides") == total(model, r, "homicides_firearm") + total(model, r, "homicides_nonfirearm"));
  CHECK(total_over_keys(model, r, "homicides_by_region") == total(model, r, "homicides"));
  CHECK(total(model, r, "arsenal_stock") > 0);
}
