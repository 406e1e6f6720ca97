// Keys of the US secondary market, dealers' sales and class-aware violence. Sources and
// reasoning are in docs/ODD.md ("Secondary markets", "Dealers and sales", "Violence").
#include <string>

#include "gunflow/core/catalog.hpp"
#include "gunflow/scenario/schema_tables.hpp"
#include "gunflow/scenario/settings.hpp"

namespace gunflow::schema_detail {
namespace {
void add_class_weights(std::vector<SchemaEntry>& t) {
  // Follows the violence.* keys of schema_mexico.cpp, so the section stays whole.
  t.push_back(real_map(
      "violence.class_weight", [](auto& s) -> auto& { return s.violence.class_weight; },
      {{"handgun", 1.0}, {"ar_rifle", 1.5}, {"ak_rifle", 1.5}, {"bmg50", 0.5}, {"other_long", 0.6}, {"kit", 1.0}}, 0,
      100, class_keys(),
      "Homicide use of a gun of each class relative to a handgun: firearm homicides follow the armed stock weighted "
      "by these (uncertain: no public figure by class for Mexico; compare scenario files, docs/ODD.md)."));
}

void add_market(std::vector<SchemaEntry>& t) {
  t.push_back(real(
      "market.retail_sales_per_year", [](auto& s) -> auto& { return s.market.retail_sales_per_year; }, 9.7e6, 0, 1e8,
      "guns/year",
      "New guns sold at US retail per year, spread over states by dealers: what feeds the private stock (Way of the "
      "Gun: 212,887 guns a year were 2.2% of US sales)."));
  t.push_back(real_map(
      "market.sales_class_mix", [](auto& s) -> auto& { return s.market.sales_class_mix; },
      {{"handgun", 0.45},
       {"ar_rifle", 0.12},
       {"ak_rifle", 0.03},
       {"bmg50", 0.0005},
       {"other_long", 0.3995},
       {"kit", 0}},
      0, 1, class_keys(), "Share of US retail sales by class (normalised; kits are not sold at retail)."));
  t.push_back(real_map(
      "market.imported_share", [](auto& s) -> auto& { return s.market.imported_share; },
      {{"handgun", 0.35}, {"ar_rifle", 0.05}, {"ak_rifle", 0.75}, {"bmg50", 0}, {"other_long", 0.2}, {"kit", 0}}, 0, 1,
      class_keys(),
      "Share of each class's retail supply made abroad and imported (GAO-09-709: about a fifth of traced US guns). "
      "The import ban acts on this supply only."));
  t.push_back(real(
      "market.resale_years", [](auto& s) -> auto& { return s.market.resale_years; }, 11, 0.5, 100, "years",
      "Mean years a privately held gun stays within reach of resale or theft: the private stock's life, and the "
      "mean age of a second-hand gun (ATF: US crime guns average 10.5-11 years from sale to recovery)."));
  t.push_back(real(
      "market.unlicensed_from_retail", [](auto& s) -> auto& { return s.market.unlicensed_from_retail; }, 0.8, 0, 1, "",
      "Share of unlicensed sellers' guns bought new at retail to resell (ATF's unlicensed dealers: young guns); the "
      "rest come from the private stock, old and finite (uncertain)."));
  t.push_back(real(
      "market.private_sale_check_factor", [](auto& s) -> auto& { return s.market.private_sale_check_factor; }, 0.3, 0,
      1, "",
      "Share of unlicensed sellers still willing to sell to traffickers where private sales need a background check "
      "(a state's own law, or universal_background_checks): 0, every seller complies; 1, the law changes nothing. "
      "Uncertain: compliance is partial (background checks rose 22-34% after Delaware's 2013 law, not measurably after "
      "Colorado's 2013 and Washington's 2014: Castillo-Carniglia et al. 2018). Sets how far checks move "
      "buying to other channels and to states without checks."));
  t.push_back(real(
      "market.thickness_elasticity", [](auto& s) -> auto& { return s.market.thickness_elasticity; }, 0.5, 0, 2, "",
      "How the second-hand channels' availability follows the size of a state's private stock against the stock "
      "2010's sales would hold (its sales from data.us_sales_by_state_year, aged over market.resale_years): "
      "availability x (stock / 2010 stock)^this, so a sales surge makes private sellers and thefts easier to find "
      "and the thinner market of years with fewer sales makes them harder. 0: the stock's size does not matter, "
      "only what policies and networks took from it. 0.5: a searcher's chance of meeting a seller under a matching "
      "function with constant returns (Petrongolo and Pissarides 2001 survey labour markets: 0.3-0.5 on the "
      "side searched; no figure for private gun sales, uncertain). Has no effect without a sales table (every year is "
      "2010)."));
  t.push_back(real(
      "market.awb_compliant_share", [](auto& s) -> auto& { return s.market.awb_compliant_share; }, 0, 0, 1, "",
      "Chance that a trip for an AR- or AK-type rifle in a state with its own assault-weapons ban finds a variant "
      "legal under it that it takes (California's rifles with a fixed magazine, the \"bullet button\" of "
      "2001-2016): it then buys as if there were no ban; otherwise it finds retail closed. Retail sales keep feeding "
      "the state's private stock at this share. 0: the ban as written closes every channel for the classes (the "
      "default). No public figure gives the share: for sensitivity analysis."));
  t.push_back(real(
      "market.dealer_volume_sigma", [](auto& s) -> auto& { return s.market.dealer_volume_sigma; }, 1.0, 0, 4, "",
      "Log-sd of a dealer's retail sales volume (lognormal with mean 1): big stores sell many times what small "
      "ones do."));
  t.push_back(real(
      "market.dealer_negligence_sigma", [](auto& s) -> auto& { return s.market.dealer_negligence_sigma; }, 1.0, 0, 4,
      "",
      "Log-sd of a dealer's negligence, a continuous trait (lognormal with mean 1) that scales how readily it sells "
      "to straw buyers, on top of its type (uncertain)."));
  t.push_back(real(
      "market.mean_guns_per_purchase", [](auto& s) -> auto& { return s.market.mean_guns_per_purchase; }, 3, 1, 50,
      "guns",
      "Mean size of a straw purchase before the caps (1 + geometric): most buy one to three guns, a few buy ten or "
      "more where nothing discourages it."));
}
}  // namespace

void add_market_keys(std::vector<SchemaEntry>& t) {
  add_class_weights(t);
  add_market(t);
}

}  // namespace gunflow::schema_detail
