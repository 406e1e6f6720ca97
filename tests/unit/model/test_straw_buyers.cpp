// straw_buyers.hpp: straw purchases at licensed dealers: buyer slots, leads, refusals
// and multiple-sale reports. Checked directly on a started replication and through
// short Model::run replications with a setting at an extreme, paired with controls.
#include <catch2/catch.hpp>

#include <numeric>

#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/model/step_context.hpp"
#include "gunflow/model/straw_buyers.hpp"
#include "model_fixture.hpp"

using namespace gunflow;
using test::kSeed;
using test::total;

TEST_CASE("buyer_slot lays out each network's buyers contiguously", "[model][straw_buyers]") {
  Settings s = test::short_settings(1);
  s.traffickers.buyers_per_network = 4;
  CHECK(buyer_slot(s, 0, 0) == 0);
  CHECK(buyer_slot(s, 0, 3) == 3);
  CHECK(buyer_slot(s, 1, 0) == 4);
  CHECK(buyer_slot(s, 7, 2) == 30);
  s.traffickers.buyers_per_network = 1;
  CHECK(buyer_slot(s, 7, 0) == 7);
}

TEST_CASE("A refusal and a multiple-sale report are leads of their own source", "[model][straw_buyers]") {
  Settings s = test::short_settings();
  s.dealers.refusal_probability = 1.0;
  const Model model(s);
  const ReplicationResult r = model.run(kSeed, 0);
  CHECK(total(model, r, "leads_by_source", "refusal") == total(model, r, "dealer_refusals"));
  CHECK(total(model, r, "leads_by_source", "multiple_sale") == total(model, r, "multiple_sale_reports"));
}

TEST_CASE("Dealer refusals happen only when compliant dealers refuse", "[model][straw_buyers]") {
  Settings s = test::short_settings();
  REQUIRE(s.traffickers.max_guns_per_purchase >= 2);  // refusals need multi-gun sales
  s.dealers.refusal_probability = 1.0;
  const Model always(s);
  const ReplicationResult r = always.run(kSeed, 0);
  CHECK(total(always, r, "dealer_refusals") > 0);
  CHECK(total(always, r, "leads") >= total(always, r, "dealer_refusals"));  // each refusal is a tip

  s.dealers.refusal_probability = 0.0;
  const Model never(s);
  CHECK(total(never, never.run(kSeed, 0), "dealer_refusals") == 0);

  s.dealers.refusal_probability = 1.0;
  s.traffickers.max_guns_per_purchase = 1;  // single-gun sales are never refused
  const Model single(s);
  CHECK(total(single, single.run(kSeed, 0), "dealer_refusals") == 0);
}
