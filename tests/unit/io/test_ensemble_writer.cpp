// ensemble_writer.hpp: the ensemble's CSV tables on a hand-made ensemble.
#include <catch2/catch.hpp>

#include "ensemble_tables_fixture.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;

TEST_CASE("ensemble effects: median, 90% interval, Monte Carlo width, sign", "[io][ensemble]") {
  const EnsembleTables t = test::small_ensemble();
  const std::string csv = ensemble_effects_csv(t);
  // a: effects -1..-4: median -2.5, 5% and 95% at the extremes (below the first mass
  // mid-point), MC half-width 0.5, all four negative; the parameter spread (1.5) is three
  // times the Monte Carlo half-width.
  CHECK_THAT(csv, Contains("a,guns_trafficked,4,-2.5,-4,-1,0.5,-1,1,3\n"));
  CHECK_THAT(csv, Contains("b,guns_trafficked,4,-2.5,-2.5,-2.5,1,-1,1,0\n"));
  CHECK(ensemble_sets_csv(t).rfind("set,weight,policy,metric,baseline_mean,effect_pct,mc_low_pct,mc_high_pct\n"
                                   "0,1,a,guns_trafficked,1000,-1,-1.5,-0.5\n",
                                   0) == 0);
}

TEST_CASE("ensemble ranking and sensitivity", "[io][ensemble]") {
  const EnsembleTables t = test::small_ensemble();
  // Lower is better: a beats b in sets 2 and 3 (-3, -4 < -2.5), not in 0 and 1.
  CHECK(ensemble_ranking_csv(t) ==
        "metric,better,policy_a,policy_b,p_a_beats_b\n"
        "guns_trafficked,lower,a,b,0.5\n"
        "guns_trafficked,lower,b,a,0.5\n");
  // a's effect falls monotonically with the parameter; b's does not move.
  CHECK(ensemble_sensitivity_csv(t) ==
        "policy,metric,parameter,spearman_rho,rank\n"
        "a,guns_trafficked,violence.stock_elasticity,-1,1\n"
        "b,guns_trafficked,violence.stock_elasticity,0,1\n");
}

TEST_CASE("PRIM boxes of the sets where a policy fails", "[io][ensemble][prim]") {
  const EnsembleTables t = test::small_ensemble();
  // a "fails" where it cuts flow by less than 2.5%: the two lowest parameter values.
  const std::string csv = prim_boxes_csv(t, 0, 0, true, -2.5);
  CHECK(csv.rfind("box,chosen,coverage,density,mass,points,restricted,violence.stock_elasticity:low,"
                  "violence.stock_elasticity:high\n0,0,1,0.5,1,4,\"\",0.1,1.5\n",
                  0) == 0);
  CHECK_THAT(csv, Contains(",1,1,1,0.5,2,\"violence.stock_elasticity in [0.1, 0.5]\",0.1,0.5\n"));
  // Two cases in two sets, against half the sets failing without the restriction: P = 0.25,
  // not significant, so the pruned box is the whole range.
  CHECK_THAT(csv, EndsWith("\npruned,0,1,0.5,1,4,\"\",0.1,1.5\n"));
}

TEST_CASE("PRIM and the rank correlations leave out sets of weight 0", "[io][ensemble][prim]") {
  EnsembleTables t = test::small_ensemble();
  // Set 0 (the only one where a cuts flow by less than 1.5%) is not in the posterior.
  t.weights << 0, 1, 1, 1;
  const std::string csv = prim_boxes_csv(t, 0, 0, true, -1.5);
  // The three sets left hold no failure: coverage and density 0, no box peeled towards set 0.
  CHECK(csv.rfind("box,chosen,coverage,density,mass,points,restricted,violence.stock_elasticity:low,"
                  "violence.stock_elasticity:high\n0,1,0,0,1,3,\"\",0.5,1.5\n",
                  0) == 0);
  // b's effect, flat over the sets kept, now differs in the weight-0 set: still no correlation.
  t.effect_pct[1][0](0) = 10;
  CHECK_THAT(ensemble_sensitivity_csv(t), Contains("b,guns_trafficked,violence.stock_elasticity,0,1\n"));
}
