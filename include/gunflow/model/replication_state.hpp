#pragma once
// Everything that changes during one replication. Agent state lives in contiguous
// arrays indexed by agent number (dealer, network, buyer slot), not in objects
// scattered on the heap.
#include <array>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "gunflow/core/catalog.hpp"
#include "gunflow/model/arsenal.hpp"
#include "gunflow/model/dealer_choice.hpp"
#include "gunflow/model/due_calendar.hpp"
#include "gunflow/model/inspection_targets.hpp"
#include "gunflow/model/lead_triage.hpp"
#include "gunflow/model/network.hpp"
#include "gunflow/model/secondary_market.hpp"
#include "gunflow/rng/distributions.hpp"

namespace gunflow {

/// A corrupt dealer revoked or a negligent one reformed leaves a place another dealer of
/// its state takes on `day` (enforcement.cpp: renew_dealers; docs/ODD.md §7.14).
struct DealerRenewal {
  std::int32_t day = 0;
  std::int32_t state = 0;
  DealerType type = DealerType::kCorrupt;  ///< the type the taker becomes
  double pick = 0;                         ///< uniform in [0, 1): where in the state's dealers the search starts
};

struct DealerState {
  std::vector<DealerType> type;
  std::vector<std::uint8_t> revoked;
  std::vector<double> offbook_sold_this_year;  ///< corrupt dealers' off-book volume used
  /// Per state: how networks draw its open dealers (updated in place on revocations).
  std::vector<DealerChoice> choice;
  // Dealers' sales (secondary_market.hpp): continuous traits drawn once per replication.
  std::vector<double> volume;                  ///< retail sales volume (lognormal, mean 1)
  std::vector<double> negligence;              ///< readiness to sell to straw buyers (lognormal, mean 1)
  std::vector<std::int32_t> traces_this_year;  ///< traces naming the dealer in the current year
  std::vector<DealerRenewal> renewals;         ///< places still to be taken, in the order they were left
  InspectionTargets targets;                   ///< traced dealers, ranked for targeted inspection
};

/// A network's scale is kept in 1/kScaleUnits steps, so that the sum of the scales serving
/// a region is an exact integer whatever order networks come and go in.
inline constexpr std::int32_t kScaleUnits = 256;

struct TraffickerState {
  bool active = true;
  std::int32_t home_state = 0;
  std::int32_t staging = 0;
  std::int32_t region = 0;
  std::int32_t settled_day = 0;  ///< day up to which orders and decays are applied (lazily)
  double orders_seen = 0;        ///< region's cumulative orders per network at settled_day
  std::uint32_t generation = 0;
  std::array<double, kNumClasses> backlog{};
  std::array<double, kNumChannels> risk{};  ///< perceived risk by channel (decays)
  bool splits_purchases = false;            ///< learned to stay under reporting thresholds
  double home_risk = 0;                     ///< perceived risk of buying in the home state (decays)
  double cost_sum = 0;                      ///< delivered cost of guns in inventory
  /// The part of cost_sum no buyer pays for: what substitutes dearer than the guns
  /// ordered cost beyond them (acquisition.cpp: book_purchase).
  double substitute_premium = 0;
  double budget = 0;           ///< cash for purchases (USD); refilled by sales in Mexico
  std::vector<Lot> inventory;  ///< guns at the staging city
  std::int64_t inventory_count = 0;
  /// Guns bought through each channel in about the last 90 days (what a case can prove).
  std::array<double, kNumChannels> recent_guns{};
  // Profit (network_entry.hpp): sales' profits weighted by exp(-age / one year), as of
  // profit_day; the day the network started.
  double profit_weighted = 0;
  std::int32_t profit_day = 0;
  std::int32_t started_day = 0;
  /// Bit b: buyer slot b holds an active recruit. Kept here, not in the slots, so that a
  /// trip finds its buyer without reading the slots it passes over (a cache miss and an
  /// unpredictable branch each; buyers_per_network <= 64).
  std::uint64_t active_buyers = 0;
  /// Its size against the mean network's (networks.cpp: draw_scale), in 1/kScaleUnits: its
  /// share of its destination's orders, crews out per turn, starting cash, fixed cost and
  /// the guns each of its buyers buys before being let go.
  std::int32_t scale_units = kScaleUnits;

  [[nodiscard]] double scale() const { return static_cast<double>(scale_units) / kScaleUnits; }
  [[nodiscard]] bool buyer_active(std::size_t slot) const { return (active_buyers >> slot & 1u) != 0; }
  void set_buyer_active(std::size_t slot, bool on) {
    const std::uint64_t bit = std::uint64_t{1} << slot;
    active_buyers = on ? active_buyers | bit : active_buyers & ~bit;
  }
};

/// One straw buyer slot: 64 bytes, one cache line (a network's slots are read together).
/// The ring of recent purchases keeps each one's dealer, since a multiple-sale report is
/// one dealer's (27 CFR 478.126a); to fit, it holds six purchases and their days modulo
/// 2^16 (see purchase_day16).
struct alignas(64) BuyerState {
  static constexpr std::size_t kRing = 6;
  std::uint32_t person = 0;  ///< the recruit in the slot (ReplicationState::people; 0: none yet)
  std::int32_t state = 0;
  std::int32_t guns_bought = 0;                     ///< below guns_per_buyer + max_guns_per_purchase (<= 1030)
  std::array<std::int32_t, kRing> recent_dealer{};  ///< last purchases (ring): the selling dealer
  std::array<std::uint16_t, kRing> recent_day{};    ///< the day, purchase_day16(Date::days())
  std::array<std::uint8_t, kRing> recent_class{};   ///< the FirearmClass
  std::array<std::uint8_t, kRing> recent_count{};   ///< guns bought (0: an empty entry)
  std::uint8_t ring_pos = 0;
};
static_assert(sizeof(BuyerState) == 64);

/// A purchase day as the buyer ring stores it: Date::days() modulo 2^16. Ages computed
/// as uint16 differences are exact below 2^16 days (179 years); a replication spans at
/// most 40 tallied years plus 10 of warm-up, so no entry is ever that old.
[[nodiscard]] constexpr std::uint16_t purchase_day16(std::int32_t days) { return static_cast<std::uint16_t>(days); }
/// Days from a stored purchase day to `today` (0: bought today).
[[nodiscard]] constexpr std::int32_t purchase_age(std::uint16_t stored, std::int32_t today) {
  return static_cast<std::uint16_t>(purchase_day16(today) - stored);
}

/// Every person a lead can name, by the id slots, lots and leads carry: the straw buyers
/// networks recruit and the unlicensed dealers who sell them guns bought new to resell.
/// A person outlives the slot they held and the network they dealt with, so with
/// enforcement.charge_former_buyers a lead about them can be served until they are arrested.
struct PersonRecord {
  std::int32_t guns = 0;  ///< guns they bought for (straw: set when they leave their slot) or sold to the network
  bool arrested = false;
};

/// The draws of one recovered gun's trace: whether it is submitted, its source found,
/// its purchaser named (each its own, taken or not).
struct TraceDraws {
  double submitted, source_found, purchaser_named;
  double dealer = 0.5;  ///< the dealer of first sale, for a gun whose lot carries none (initial stock)
  double delay = 0.5;   ///< the days to the request, with mexico.trace_delay_days (its own stream)
};

/// A submitted gun waiting for its trace request (mexico.trace_delay_days), with the trace
/// draws it was recovered with.
struct PendingTrace {
  std::int32_t day = 0;     ///< the request's day
  std::uint64_t order = 0;  ///< submissions before it: requests due the same day keep their order
  Lot gun;
  TraceDraws draws;  ///< the draws it was recovered with (submitted, and its delay, spent)
};

struct Investigation {
  Lead lead;
  std::int32_t ends_day = 0;
};

/// The sales laws a trip for one class in one state meets.
struct SalesLaw {
  double retail = 0;       ///< share of the class's demand dealers may meet (retail_share)
  bool transfers = false;  ///< private transfers of it are legal
  bool checked = false;    ///< private sales go through a background check
};

/// What a trip for one class in one state finds open: the availability of the straw,
/// unlicensed, corrupt-dealer and theft channels (channel_availability) and whether
/// private sales there go through a background check.
struct ChannelView {
  std::array<double, 4> open{};
  /// Share of the class's demand retail may meet (SalesLaw::retail). Strictly between 0
  /// and 1 (compliant variants under a ban), a trip's order is one compliant variants meet
  /// with that chance, else one that finds retail closed; `open` is their average, and the
  /// unlicensed channel's availability for each kind of order is kept apart.
  double retail = 1;
  double unlicensed_free = 0;    ///< the unlicensed channel's availability to an order retail meets
  double unlicensed_closed = 0;  ///< … to an order that finds retail closed
  bool sales_checked = false;
};

/// What a replication keeps only to go faster: tables derived from the state or the
/// date, and buffers reused from day to day. Nothing here is model state: clearing any
/// of it changes no result, only the time to rebuild it.
struct ReplicationCaches {
  /// A staging city's ways to a region at the current prices, cheapest first, with the
  /// logit weights a load chooses by: they change only with the list, so they are
  /// computed with it (one exp per route per re-pricing, not per load).
  struct RouteOptions {
    std::vector<Route> routes;
    std::vector<double> weights;  ///< of routes[0, weights.size()); the dearer rest are negligible
    double total = 0;             ///< the weights' sum, in index order (as categorical forms it)
  };
  /// Route options by [staging * n_regions + region], priced with crossing_penalty_km:
  /// built when a load first needs them after a re-pricing (route_epoch), since only
  /// the pairs networks use are ever read.
  std::vector<RouteOptions> routes;
  std::vector<std::uint32_t> routes_epoch;
  std::uint32_t route_epoch = 0;
  /// By home state: the staging-city weights a new network draws from (staging_weights),
  /// priced at route_epoch staging_epoch; would-be networks look often, prices move rarely.
  std::vector<std::vector<double>> staging_weights;
  std::vector<double> staging_total;  ///< their sums, in index order
  std::vector<std::uint32_t> staging_epoch;
  /// A daily inflow's Poisson draw for each region, kept while its yearly total stays
  /// the same (it changes only when a policy starts or ends): the draws poisson() would
  /// make, without the exp and the probabilities recomputed every region-day.
  struct InflowDraws {
    double per_year = -1;         // the total the draws were made for (none yet)
    std::size_t shares_year = 0;  // and the demand split's entry (ModelTables::demand.index)
    std::vector<Poisson> by_region;
  };
  InflowDraws foreign_inflow, export_inflow;
  /// What a trip finds open, by [class * n_states + state] (purchase_choice.hpp): built
  /// for the market's availability version channel_view_version and the sales laws of
  /// sales_law_key (0: nothing built), each build numbered (channel_view_serial).
  /// Trips read it instead of asking the laws and the market for each channel: it
  /// changes at most weekly or when a law starts or ends.
  std::vector<ChannelView> channel_views;
  std::uint32_t channel_view_version = 0;
  std::uint64_t channel_view_serial = 0;
  std::int32_t channel_view_day = std::numeric_limits<std::int32_t>::min();  ///< the day the key was last checked
  /// The sales laws behind them, same index, as of the policies in sales_law_key.
  std::vector<SalesLaw> sales_laws;
  std::uint64_t sales_law_key = 0;
  /// Availability of each class by state ([class * n_states + state]): the channels'
  /// availabilities in channel_views weighed by the channel preferences, as of build
  /// availability_key.
  std::vector<double> availability_today;
  std::uint64_t availability_key = 0;
  std::array<std::uint32_t, kNumClasses> availability_version{};  ///< bumped when a class's row changes
  /// Out-of-state purchases by [class][home state]: the states with positive weight,
  /// heaviest first ([class][home][entry]), the running sums of their weights, and how
  /// many there are; valid while elsewhere_version matches availability_version.
  std::vector<double> elsewhere_cumulative;
  std::vector<std::uint16_t> elsewhere_states;
  std::vector<std::uint16_t> elsewhere_count;
  std::vector<std::uint32_t> elsewhere_version;
  std::vector<double> elsewhere_mean;  ///< [class][home]: mean availability a trip elsewhere finds
  std::vector<std::pair<double, std::uint16_t>> elsewhere_scratch;  ///< reused while rebuilding
  std::vector<Lot> recovered_today;                                 ///< guns recovered in one region today
  std::vector<std::int64_t> vehicles_found;                         ///< a load's vehicles whose guns were found
  std::vector<Investigation> finished_investigations;               ///< the day's finished cases

  /// The settings changed (a key given year by year, on 1 January): what was derived
  /// from them is rebuilt when next used. Route weights depend on border.route_choice_km;
  /// channel views are recomputed and the inflow draws are keyed by their totals.
  void settings_changed() {
    ++route_epoch;
    channel_view_day = std::numeric_limits<std::int32_t>::min();
    sales_law_key = 0;
  }
};

/// Everything that changes during one replication and decides what happens next.
struct ReplicationState {
  DealerState dealers;
  std::vector<TraffickerState> networks;
  /// Per network slot, the next day it needs attention: its next trip if active, a look
  /// at the market if empty; and the slots due each day.
  DueCalendar due;
  std::vector<std::int32_t> serving_networks;  ///< by region: active networks selling there
  std::vector<std::int64_t> serving_scale;     ///< by region: their scales summed (1/kScaleUnits)
  std::vector<BuyerState> buyers;              ///< networks × buyers_per_network slots
  std::vector<PersonRecord> people;            ///< every person a lead can name, by id (0: nobody)
  SecondaryMarket market;                      ///< US private stocks by state, class and supply
  std::vector<Arsenal> arsenals;               ///< one per region (incl. onward node)
  GunFates gun_fates;                          ///< the law of a gun's fate in Mexico over this run's days
  std::vector<double> cumulative_orders;       ///< by region: orders per unit of serving scale, summed over days
  /// By region: its networks' sales profits weighted by exp(-age / one year), as of
  /// region_profit_day (network_entry.hpp).
  std::vector<double> region_profit;
  std::vector<std::int32_t> region_profit_day;
  /// Every lead ATF holds, of every source, in the order triage opens them.
  LeadQueue leads;
  std::int32_t leads_pruned_day = 0;  ///< when expired and moot leads were last dropped
  std::vector<Investigation> investigations;
  /// Submitted guns whose trace request is still to come (mexico.trace_delay_days), a
  /// heap on (day, order of submission); empty without a delay.
  std::vector<PendingTrace> pending_traces;
  std::uint64_t traces_submitted = 0;         ///< submissions so far: the heap's tie-break
  std::vector<double> crossing_learned_risk;  ///< seizures per load, smoothed
  std::vector<double> crossing_loads;         ///< loads through each crossing (smoothed)
  /// What networks charge for passing each crossing (km), set at each re-pricing.
  std::vector<double> crossing_penalty_km;
  double service_credit = 0;  ///< fractional investigations carried over
  double inspection_credit = 0;
  ReplicationCaches caches;  ///< derived tables and reused buffers (no state)

  /// The scales of the networks serving region r, summed (the mean network's is 1): what a
  /// region's orders and profits are shared by.
  [[nodiscard]] double serving_scale_of(std::size_t r) const {
    return static_cast<double>(serving_scale[r]) / kScaleUnits;
  }
};

}  // namespace gunflow
