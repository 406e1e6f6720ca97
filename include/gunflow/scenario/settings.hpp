#pragma once
// The validated scenario: WHAT is simulated. Parsed and checked once at load
// (scenario/loader), then passed by const&. Which replications run, and where, are
// RunPlan and ExecutionConfig (engine/), not here. Every field is declared, with its
// default, range and meaning, in the schema tables (sim/scenario/schema_*.cpp); the
// structs have no default member initialisers, so defaults live only there. Integer
// keys held in a double (the model does real arithmetic with them) hold whole values.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gunflow/core/date.hpp"
#include "gunflow/input/reference_tables.hpp"
#include "gunflow/scenario/dated_series.hpp"
#include "gunflow/scenario/policy_settings.hpp"
#include "gunflow/scenario/schema.hpp"

namespace gunflow {

struct SimulationSettings {
  std::string name;
  std::string description;
  Date start;                              ///< first tallied day
  Date end;                                ///< first day after the run (exclusive)
  std::int64_t warmup_days;                ///< simulated before `start`, not tallied
  bool origin_destination = false;         ///< keep the origin–destination tally (route_tally.hpp)
  bool origin_destination_routes = false;  ///< and the three-way state × crossing × destination table

  /// The first simulated day: `start` less the warm-up.
  [[nodiscard]] Date first_day() const { return start + static_cast<std::int32_t>(-warmup_days); }
};

struct DataSettings {
  std::string us_states;  ///< resolved paths of the reference tables
  std::string crossings;
  std::string mx_states;
  std::string staging_cities;
  std::string mx_homicides_by_year;           ///< optional: national homicides by year ("" = off)
  std::string us_state_laws;                  ///< optional: state laws with their dates ("" = off)
  std::string mx_homicides_by_state_year;     ///< optional: homicides by Mexican state and year ("" = off)
  std::string us_sales_by_state_year;         ///< optional: gun sales (dealer checks) by US state and year ("" = off)
  std::string mx_conflict_homicides_by_year;  ///< optional: organised-crime homicides by year ("" = off)
  /// The tables themselves, read once by load_scenario (not a schema key). Shared by
  /// copies of the Settings (sweep points, calibration evaluations), which never change
  /// the paths above; a caller that does must read the tables again.
  std::shared_ptr<const ReferenceTables> tables;

  [[nodiscard]] ReferenceTablePaths paths() const {
    return {us_states,
            staging_cities,
            mx_states,
            crossings,
            mx_homicides_by_year,
            us_state_laws,
            mx_homicides_by_state_year,
            us_sales_by_state_year,
            mx_conflict_homicides_by_year};
  }
};

/// The data keys with their DataSettings paths: the four tables every run needs, then the
/// optional ones (read only when named). The loader resolves them and the run's input
/// manifest records them from this one list.
struct DataPathKey {
  const char* key;
  std::string DataSettings::*path;
  bool required;
};
inline constexpr DataPathKey kDataPathKeys[] = {
    {"data.us_states", &DataSettings::us_states, true},
    {"data.staging_cities", &DataSettings::staging_cities, true},
    {"data.mx_states", &DataSettings::mx_states, true},
    {"data.crossings", &DataSettings::crossings, true},
    {"data.mx_homicides_by_year", &DataSettings::mx_homicides_by_year, false},
    {"data.us_state_laws", &DataSettings::us_state_laws, false},
    {"data.mx_homicides_by_state_year", &DataSettings::mx_homicides_by_state_year, false},
    {"data.us_sales_by_state_year", &DataSettings::us_sales_by_state_year, false},
    {"data.mx_conflict_homicides_by_year", &DataSettings::mx_conflict_homicides_by_year, false}};

struct DemandSettings {
  double guns_per_year;          ///< US guns ordered by Mexican groups at the initial arsenal level
  double relative_level;         ///< the year's demand relative to guns_per_year (given year by year)
  RealMap class_mix;             ///< share of orders by firearm class (2010's)
  RealMap conflict_class_ratio;  ///< a class's orders per conflict homicide over per other homicide, handgun 1
  double arsenal_feedback;       ///< how strongly orders fall as arsenals exceed their target
  double target_growth;          ///< yearly growth of the arsenal groups want
  double delivered_share;        ///< share of orders networks deliver, for the stock's spin-up
  double onward_share;           ///< share of orders placed for Central America / Caribbean
  double price_elasticity;       ///< under market prices: how orders fall with the costs buyers pay
};

struct TraffickerSettings {
  std::int64_t count;               ///< trafficking networks active at any time
  RealMap home_state_weights;       ///< where networks are based (US state codes, OTHER)
  double out_of_state_share;        ///< purchases made outside the home state
  double mean_days_between_buys;    ///< cadence of acquisition trips
  double shipment_size;             ///< guns moved south per load (whole number)
  std::int64_t buyers_per_network;  ///< straw buyers a network keeps recruited
  double max_guns_per_purchase;     ///< most guns a straw buyer takes in one visit (whole number)
  double guns_per_buyer;            ///< guns a straw buyer buys before replacement (whole number)
  double dealer_loyalty;            ///< chance a straw buyer returns to the dealer of their last purchase
  double risk_aversion;             ///< weight of perceived risk in channel choice
  double risk_memory_days;          ///< e-folding time of remembered losses
  double replacement_days;          ///< mean days between a would-be network's looks at the market
  double entry_headroom;            ///< room for entrants beyond count, as a share of count
  double fixed_cost_per_year;       ///< what a network must earn a year to stay (USD)
  double straw_fee;                 ///< paid to a straw buyer per gun (USD)
  double initial_budget;            ///< cash a new network starts with (USD)
  double transport_cost_per_km;     ///< per gun (USD)
  double markup;                    ///< Mexican price / delivered cost (model/prices.hpp)
  std::string pricing;              ///< "cost_plus", "cheapest_supplier" or "market" (model/prices.hpp)
  RealMap market_price_usd;         ///< under "market": a gun's price by class at the border (USD)
  double market_price_per_km;       ///< under "market": what a km of the region's shortest supply route adds (USD)
  double market_pass_through;       ///< under "market": how much of a change in supply cost buyers pay
  // Where a network stages (model/networks.hpp: choose_staging).
  double staging_choice_km;  ///< logit scale of the staging-city choice (km of cost)
  // What a reporting rule does to a visit's size (model/straw_buyers.cpp: visit_size).
  double max_guns_per_reported_purchase;  ///< most guns in one visit of a class a rule covers there
  // How unequal networks are in size (model/networks.cpp: draw_scale).
  double size_dispersion;  ///< sigma of a network's log scale (mean scale 1; 0: every network alike)
};

struct ChannelSettings {
  RealMap preference;             ///< base weight of each acquisition channel
  RealMap extra_cost;             ///< per-gun premium over retail price (USD)
  double gun_show_share;          ///< share of unlicensed-channel sales at gun shows
  double corrupt_dealer_volume;   ///< guns a corrupt dealer sells off-book per year (whole number)
  double legal_exports_per_year;  ///< guns legally exported to Mexican forces
  double export_diversion;        ///< share of exported guns diverted to criminals
};

struct DealerSettings {
  double corrupt_share;        ///< dealers willing to sell off the books
  double negligent_share;      ///< dealers who ignore red flags
  double refusal_probability;  ///< compliant dealer refuses a suspicious multi-gun sale
  double corrupt_attraction;   ///< how much more often traffickers pick corrupt/negligent dealers
  double renewal_days;         ///< mean days before a removed corrupt or negligent dealer's place is taken
};

struct BorderSettings {
  double inspection_rate;       ///< baseline southbound inspection probability per load at a port
  double unofficial_detection;  ///< detection probability per load at an unofficial crossing
  double unofficial_extra_km;   ///< detour cost of an unofficial crossing, in km equivalent
  double risk_weight_km;        ///< km equivalent of a unit of detection risk in route cost
  double reroute_days;          ///< how often routes are recomputed (whole days)
  double route_choice_km;       ///< spread of route choice (logit scale, km of generalized cost)
  // The search of an inspected vehicle (model/border.hpp).
  double guns_per_vehicle;  ///< guns a courier hides in one vehicle (whole number)
  double concealment;       ///< probability a port inspection misses one hidden gun
};

struct MexicoSettings {
  double initial_stock;             ///< stock groups aim for on 1 January of stock_year (national)
  std::int64_t stock_year;          ///< the year whose 1 January initial_stock describes
  double initial_us_share;          ///< US-origin share of the initial stock
  RealMap initial_source_states;    ///< first-sale states of its US guns (empty: traffickers.home_state_weights)
  double foreign_inflow_per_year;   ///< non-US guns reaching criminal groups per year
  double recovery_rate;             ///< yearly probability a gun is recovered by authorities
  RealMap conflict_recovery_ratio;  ///< by class, the conflict's recoveries per gun held over other policing's
  double attrition_rate;            ///< yearly share of guns lost, worn out or sold on (not recovered)
  double corruption;                ///< share of recoveries lost to corruption
  double trace_submission;          ///< share of recovered guns submitted to eTrace
  double trace_delay_days;          ///< mean days from a gun's recovery to its trace request
  double trace_success;             ///< probability a serialized US gun traces to a retail sale
  double purchaser_identified;      ///< probability a successful trace names the purchaser
  double years_before_arrival;      ///< mean years from first retail sale to Mexico, initial stock
};

struct EnforcementSettings {
  double investigators;           ///< ATF agents on trafficking cases
  double cases_per_investigator;  ///< investigations one agent closes per year
  double investigation_days;      ///< mean duration of an investigation
  double case_success;            ///< probability an investigation ends in an arrest
  double network_disruption;      ///< probability an arrest dismantles the network
  double lead_max_age_years;      ///< traces older than this (time-to-crime) yield no lead
  /// A person named in a lead (a straw buyer, an unlicensed dealer) can be charged after
  /// their network replaced them, folded or was dismantled (a person outlives the ring);
  /// off: such a lead is moot.
  bool charge_former_buyers;
  double inspections_per_year;    ///< ATF dealer compliance inspections
  double revocation_probability;  ///< inspection of a corrupt dealer ends in revocation
  double targeted_share;          ///< inspections aimed at dealers with traces
  double target_ttc_years;        ///< only traces younger than this (time-to-crime) rank a dealer for inspection
  // Lead triage: the expected value of a lead (model/lead_triage.hpp).
  double lead_weight_refusal;        ///< value of a dealer-refusal lead
  double lead_weight_trace;          ///< value of a trace naming a purchaser
  double lead_weight_multiple_sale;  ///< value of a multiple-sale report of handguns
  double lead_weight_rifle_report;   ///< value of a multiple-sale report of listed rifles
  double report_yield;               ///< what an opened multiple-sale report yields, relative to a trace
  double lead_weight_ammunition;     ///< value of a bulk-ammunition flag
  double lead_weight_tip;            ///< value of a referral from a southbound seizure
  double lead_size_elasticity;       ///< how value grows with the guns a lead implicates
  double lead_age_days;              ///< e-folding time of a lead's value as it ages
};

struct ViolenceSettings {
  double firearm_share;     ///< firearm share of homicides in 2010, on the flows' path
  double stock_elasticity;  ///< elasticity of firearm homicides w.r.t. armed stock
  double substitution;      ///< share of avoided firearm homicides done otherwise
  /// National stock on violence_anchor_day() the homicide baseline goes with; 0: the
  /// scenario's own flows' path (model/mexico.hpp, violence_day).
  double reference_stock;
  // Class-aware violence (schema_market.cpp)
  RealMap class_weight;  ///< relative homicide use of a gun of each class (armed stock weight)
};

/// The US private (second-hand) market: what unlicensed sellers and thieves can supply
/// (model/secondary_market). Keys in schema_market.cpp.
struct MarketSettings {
  double retail_sales_per_year;      ///< new guns sold at US retail per year, all classes
  RealMap sales_class_mix;           ///< share of retail sales by firearm class
  RealMap imported_share;            ///< share of each class's retail supply made abroad
  double resale_years;               ///< mean years a privately held gun stays within reach of resale or theft
  double dealer_volume_sigma;        ///< log-sd of dealers' retail sales volume
  double dealer_negligence_sigma;    ///< log-sd of a dealer's negligence (how readily it sells to straw buyers)
  double mean_guns_per_purchase;     ///< mean size of a straw purchase before caps
  double unlicensed_from_retail;     ///< share of unlicensed sellers' guns bought new to resell
  double private_sale_check_factor;  ///< unlicensed sellers left where private sales need a check
  double thickness_elasticity;       ///< private sellers a search meets ∝ (stock / 2010 stock)^this
  double awb_compliant_share;        ///< AR-/AK-type demand compliant variants meet under a state assault-weapons ban
};

struct Settings {
  SimulationSettings simulation;
  DataSettings data;
  DemandSettings demand;
  TraffickerSettings traffickers;
  ChannelSettings channels;
  DealerSettings dealers;
  BorderSettings border;
  MexicoSettings mexico;
  EnforcementSettings enforcement;
  ViolenceSettings violence;
  MarketSettings market;
  PolicySettings policies;
  /// Keys given year by year, by key path; each key's field above holds its value for the
  /// first simulated year (the warm-up's). Empty for most scenarios.
  std::vector<DatedSeries> dated;
};

}  // namespace gunflow
