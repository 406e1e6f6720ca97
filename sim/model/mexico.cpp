#include "gunflow/model/mexico.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "gunflow/core/power.hpp"
#include "gunflow/model/demand.hpp"
#include "gunflow/model/enforcement.hpp"
#include "gunflow/model/policies.hpp"
#include "gunflow/model/reference_stock.hpp"
#include "gunflow/rng/distributions.hpp"
#include "gunflow/scenario/dated_series.hpp"

namespace gunflow {
namespace {
constexpr double kInitialLotSize = 250.0;  // guns per initial lot: resolution of origin/age mixes

/// Substreams of StreamId::kGunFate for deliveries a region makes to itself (a network's
/// load uses the network's vertex instead): each inflow's guns meet their own draws.
constexpr auto kTwoWide = wide_slots<2>();  // two decisions, each a whole 64-bit draw first

enum FateSource : std::uint32_t { kInitialFates = 1, kForeignFates = 2, kExportFates = 3 };

std::uint64_t region_id(const StepContext& ctx, std::size_t r) {
  return static_cast<std::uint64_t>(ctx.world.network.region_vertex[r]);
}

/// Adds guns from outside the US retail pipeline to each state, in proportion to demand.
void other_inflow(const StepContext& ctx, ReplicationState& st, TallySink& tally, double per_year, Origin origin,
                  std::size_t row, StreamId stream, ReplicationCaches::InflowDraws& draws) {
  if (per_year <= 0) return;
  const ModelTables& t = ctx.world.tables;
  const std::size_t year = t.demand.index(ctx.year);
  const std::span<const double> share = t.demand.values[year].share;
  const ClassMix& mix = t.class_mix_in(ctx.year);
  if (draws.per_year != per_year || draws.shares_year != year) {
    draws.per_year = per_year;
    draws.shares_year = year;
    draws.by_region.clear();
    // Shares of Mexican states sum to 1 - onward_share; these inflows are Mexico's only.
    for (std::size_t r = 0; r < share.size(); ++r)
      draws.by_region.emplace_back(per_year * share[r] / (1.0 - ctx.settings.demand.onward_share) / 365.0);
  }
  for (std::size_t r = 0; r < share.size(); ++r) {
    if (ctx.world.regions[r].onward) continue;
    // The count, the class and the fates each have their own draws: a change in the
    // count (a policy on exports) moves none of the others.
    DecisionDraws<kTwoWide, 1> decide(ctx.seed, stream, ctx.replication, region_id(ctx, r), ctx.step());
    Rng count_rng = decide.rng(0);
    const std::int64_t k = draws.by_region[r](count_rng);
    if (k == 0) continue;
    Rng class_rng = decide.rng(1);
    Lot lot;
    lot.cls = static_cast<FirearmClass>(categorical(class_rng, mix));
    if (lot.cls == FirearmClass::kKit) lot.cls = FirearmClass::kHandgun;
    lot.origin = origin;
    lot.purchase_day = ctx.day();
    lot.count = k;
    Rng fate_rng =
        ctx.rng(StreamId::kGunFate, region_id(ctx, r), origin == Origin::kForeign ? kForeignFates : kExportFates);
    deliver_to_arsenal(ctx, st, r, lot, fate_rng);
    tally.add(row, static_cast<double>(k));
  }
}

/// The daily loss and recovery chances over the run (first day to end): recovery
/// depends on the recovery rate of each year, the corruption in force each day and, when
/// the armed conflict moves which guns are taken, the class (tables.recovery_factor);
/// attrition is constant (it cannot be given year by year).
GunFates make_gun_fates(const StepContext& ctx) {
  const Settings& s = ctx.settings;
  const ByYear<ClassMix>& factor = ctx.world.tables.recovery_factor;
  // r̄: the authorities' daily chance at a gun, which corruption can only spoil: the
  // highest year's rate times the highest class factor, so that every day's chance lies
  // under it. It does not depend on policies, so a policy leaves which guns have a chance
  // as in the baseline.
  double most = s.mexico.recovery_rate;
  for (const DatedSeries& series : s.dated)
    if (series.path == "mexico.recovery_rate") {
      most = 0;  // constant within a year: the largest of the run's years
      for (int year = ctx.year; year <= s.simulation.end.year(); ++year) most = std::max(most, series.at(year));
    }
  std::vector<double> recovery = recovery_chances(ctx);
  const std::int32_t first = ctx.day(), end = s.simulation.end.days();
  double most_factor = 0, least_factor = 1;
  for (int year = ctx.year; year <= s.simulation.end.year(); ++year)
    for (double f : factor.at(year)) {
      most_factor = std::max(most_factor, f);
      least_factor = std::min(least_factor, f);
    }
  // Every class at the calibrated rates in every year of the run: one law (the tables the
  // classes would share anyway, without building them per class first).
  if (most_factor == 1.0 && least_factor == 1.0)
    return {first, end, s.mexico.attrition_rate / 365.0, recovery, most / 365.0};
  std::array<std::vector<double>, kNumClasses> by_class;
  for (std::size_t c = 0; c < kNumClasses; ++c) by_class[c].resize(recovery.size());
  int year = ctx.year;
  for (std::size_t i = 0; i < recovery.size(); ++i) {
    if (i > 0) year = Date::from_days(first + static_cast<std::int32_t>(i)).year();
    const ClassMix& f = factor.at(year);
    for (std::size_t c = 0; c < kNumClasses; ++c) by_class[c][i] = recovery[i] * f[c];
  }
  // In the order each day's rate is formed, so that rounding keeps it under the chance.
  return {first, end, s.mexico.attrition_rate / 365.0, by_class, most / 365.0 * most_factor};
}
}  // namespace

std::vector<double> recovery_chances(const StepContext& ctx) {
  const Settings& s = ctx.settings;
  // A gun's fate is drawn for all the days ahead when it arrives, so each day's chance
  // uses the settings of that day's year (mexico.recovery_rate and mexico.corruption may
  // be given year by year), not those of the arrival day.
  Settings year_settings;
  const Settings* in_force = &s;  // no key given by year: the run's settings throughout
  std::vector<double> recovery;
  for (Date d = ctx.date; d < s.simulation.end; d = d + 1) {
    if (!s.dated.empty() && (d == ctx.date || (d.month() == 1 && d.day() == 1))) {
      year_settings = settings_in_year(s, d.year());
      in_force = &year_settings;
    }
    const StepContext day_ctx{ctx.world, *in_force, ctx.rows, ctx.seed, ctx.replication, d};
    recovery.push_back(in_force->mexico.recovery_rate * (1.0 - mexican_corruption(day_ctx)) / 365.0);
  }
  return recovery;
}

void deliver_to_arsenal(const StepContext& ctx, ReplicationState& st, std::size_t region, const Lot& lot,
                        Rng& fate_rng) {
  st.arsenals[region].add(lot, ctx.day(), st.gun_fates, fate_rng);
}

void init_arsenals(const StepContext& ctx, ReplicationState& st) {
  const World& w = ctx.world;
  const Settings& s = ctx.settings;
  st.gun_fates = make_gun_fates(ctx);
  st.arsenals.clear();
  for (const Region& region : w.regions)
    st.arsenals.push_back(region.onward ? Arsenal{} : Arsenal{st.gun_fates, w.tables.market.class_weight});
  const std::span<const double> share = w.tables.demand_share_in(ctx.year);
  const std::vector<double>& sources = w.tables.initial_source_weight;
  // The stock the model's own flows give on the first day, with the ages of their monthly
  // cohorts (reference_stock.hpp): where a run starts does not decide what it holds later.
  const StockPath& path = w.tables.stock_path;
  const double national = path.stock(ctx.date);
  const double days_before = 365.25 * s.mexico.years_before_arrival;
  for (std::size_t r = 0; r < w.regions.size(); ++r) {
    if (w.regions[r].onward) continue;
    const double stock = national * share[r] / (1.0 - s.demand.onward_share);
    Rng fate_rng = ctx.rng(StreamId::kGunFate, region_id(ctx, r), kInitialFates);
    const auto lots = static_cast<std::int64_t>(std::ceil(stock / kInitialLotSize));
    std::int64_t placed = 0;
    for (std::int64_t i = 0; i < lots; ++i) {
      Rng rng = ctx.rng(StreamId::kInitialStock, region_id(ctx, r), static_cast<std::uint32_t>(i));
      Lot lot;
      lot.count = std::min<std::int64_t>(static_cast<std::int64_t>(kInitialLotSize), std::llround(stock) - placed);
      if (lot.count <= 0) break;
      placed += lot.count;
      // The class's draw comes first, but the class is the mix of the year the lot arrived
      // in, known only once its cohort is drawn: orders followed the armed conflict of
      // their year (conflict_demand.hpp), so an old stock holds the classes of its years.
      const double u_class = rng.uniform();
      const bool from_us = bernoulli(rng, s.mexico.initial_us_share);
      if (from_us) lot.us_state = static_cast<std::int16_t>(categorical(rng, sources));
      // First sale = first day − days in Mexico (its cohort's) − years before arriving.
      // Two draws, named: as two arguments of one call their order would be the
      // compiler's (GCC takes the last argument's first; the stored outputs keep that order).
      const double u_day = rng.uniform();
      const double u_month = rng.uniform();
      const double in_mexico = path.days_in_mexico(u_month, u_day);
      const double age_days = in_mexico + exponential(rng, days_before);
      lot.purchase_day = ctx.day() - static_cast<std::int32_t>(age_days);
      const int arrived = (ctx.date + static_cast<std::int32_t>(-in_mexico)).year();
      lot.cls = static_cast<FirearmClass>(categorical_at(u_class, w.tables.class_mix_in(arrived)));
      if (from_us) {
        lot.origin = lot.cls == FirearmClass::kKit ? Origin::kUsKit : Origin::kUsRetail;
      } else {
        lot.origin = Origin::kForeign;
        if (lot.cls == FirearmClass::kKit) lot.cls = FirearmClass::kHandgun;
      }
      deliver_to_arsenal(ctx, st, r, lot, fate_rng);
    }
  }
}

namespace {
/// Later first; on the same day, the later submission first (a min-heap under std::*_heap).
bool requested_later(const PendingTrace& a, const PendingTrace& b) {
  return a.day != b.day ? a.day > b.day : a.order > b.order;
}

/// Queues a submitted gun's trace request ⌊Exp(mexico.trace_delay_days)⌋ days ahead, by
/// its own draw `u.delay` (so the delay moves no other draw).
void queue_trace(const StepContext& ctx, ReplicationState& st, const Lot& gun, const TraceDraws& u) {
  const double days = std::floor(-ctx.settings.mexico.trace_delay_days * std::log(u.delay));
  const auto day =
      static_cast<std::int32_t>(std::min<double>(ctx.day() + days, std::numeric_limits<std::int32_t>::max()));
  st.pending_traces.push_back({day, st.traces_submitted++, gun, u});
  std::push_heap(st.pending_traces.begin(), st.pending_traces.end(), requested_later);
}

/// The trace requests due today, in the order their guns were submitted.
void request_due_traces(const StepContext& ctx, ReplicationState& st, TallySink& tally) {
  std::vector<PendingTrace>& pending = st.pending_traces;
  while (!pending.empty() && pending.front().day <= ctx.day()) {
    std::pop_heap(pending.begin(), pending.end(), requested_later);
    const PendingTrace p = pending.back();
    pending.pop_back();
    request_trace(ctx, st, tally, p.gun, p.draws);
  }
}
}  // namespace

void trace_recovered_gun(const StepContext& ctx, ReplicationState& st, TallySink& tally, const Lot& gun,
                         const TraceDraws& u) {
  if (!(u.submitted < trace_submission(ctx))) return;
  if (ctx.settings.mexico.trace_delay_days > 0)
    queue_trace(ctx, st, gun, u);
  else
    request_trace(ctx, st, tally, gun, u);
}

void request_trace(const StepContext& ctx, ReplicationState& st, TallySink& tally, const Lot& gun,
                   const TraceDraws& u) {
  const Settings& s = ctx.settings;
  const MetricRows& m = ctx.rows;
  tally.add(m.traces, 1);
  // Kits carry no serial and foreign guns are not US-sourced; exports trace to the
  // exporter, not to a retail purchaser.
  if (gun.origin == Origin::kForeign || gun.origin == Origin::kUsKit) return;
  tally.add(m.traces_us_sourced, 1);
  tally.add(m.traces_by_class[index_of(gun.cls)], 1);
  if (gun.origin != Origin::kUsRetail || !(u.source_found < trace_success(ctx, gun.purchase_day))) return;
  const double ttc_years = static_cast<double>(ctx.day() - gun.purchase_day) / 365.25;
  tally.add(m.traces_state_known, 1);
  tally.add(m.traces_by_state[static_cast<std::size_t>(gun.us_state)], 1);
  tally.add(m.supply.traces_by_state_class[static_cast<std::size_t>(gun.us_state) * kNumClasses + index_of(gun.cls)],
            1);
  // Second-hand guns and the initial stock were first sold by a dealer of their state,
  // drawn by sales volume: drawn here, when it first matters, with the gun's own draw
  // (the same law as at the sale; a serialised kit has a kit seller, not a dealer).
  const int dealer = gun.dealer >= 0 || gun.channel == Channel::kKit
                         ? gun.dealer
                         : first_sale_dealer(ctx.world, st.market, gun.us_state, u.dealer);
  if (dealer >= 0) ++st.dealers.traces_this_year[static_cast<std::size_t>(dealer)];
  tally.add(m.ttc_sum_years, ttc_years);
  tally.add(m.supply.ttc_sum_years_by_class[index_of(gun.cls)], ttc_years);
  if (ttc_years >= 3.0) tally.add(m.ttc_over_3y_share, 1);
  // A dealer named in a crime-gun trace ranks higher for inspection, a young gun's most.
  if (dealer >= 0) st.dealers.targets.traced(dealer, ttc_years < s.enforcement.target_ttc_years);
  if (!(u.purchaser_named < purchaser_identified(ctx))) return;
  tally.add(m.traces_purchaser, 1);
  if (ttc_years > s.enforcement.lead_max_age_years || gun.trafficker < 0) return;
  Lead lead;
  lead.trafficker = gun.trafficker;
  lead.generation = gun.network_generation;  // a replaced network is not answerable for its predecessor
  lead.channel = gun.channel;
  lead.created_day = ctx.day();
  lead.buyer_person = gun.buyer_person;  // a straw buyer, a reseller who bought it new, or no one
  if (gun.channel == Channel::kStraw) {
    lead.kind = LeadKind::kStrawBuyer;
    lead.buyer = gun.buyer;
  } else {
    // Unlicensed sellers, corrupt dealers, thefts and serialized kits: the named
    // purchaser (reseller, dealer paperwork, theft victim, kit seller's records) leads
    // to the network.
    lead.kind = LeadKind::kNetwork;
  }
  lead.source = LeadSource::kTrace;  // one gun
  add_lead(ctx, st, tally, lead);
}

void mexico_day(const StepContext& ctx, ReplicationState& st, TallySink& tally) {
  const Settings& s = ctx.settings;
  request_due_traces(ctx, st, tally);
  other_inflow(ctx, st, tally, s.mexico.foreign_inflow_per_year, Origin::kForeign, ctx.rows.foreign_inflow,
               StreamId::kForeignInflow, st.caches.foreign_inflow);
  other_inflow(ctx, st, tally, diverted_exports_per_year(ctx), Origin::kExport, ctx.rows.export_diverted,
               StreamId::kExportDiversion, st.caches.export_inflow);
  for (std::size_t r = 0; r < st.arsenals.size(); ++r) {
    if (ctx.world.regions[r].onward) continue;
    Rng attrition_rng = ctx.rng(StreamId::kAttrition, region_id(ctx, r));
    std::vector<Lot>& recovered = st.caches.recovered_today;
    st.arsenals[r].settle(ctx.day(), recovered, attrition_rng);
    if (recovered.empty()) continue;
    // The k-th gun recovered in the region today has its own four draws, so a policy
    // that changes one gun's trace does not move the next one's.
    IndexedDraws draws(ctx.seed, StreamId::kTrace, ctx.replication, region_id(ctx, r), ctx.step());
    std::optional<IndexedDraws> delays;  // only with a trace delay: no draw otherwise
    if (s.mexico.trace_delay_days > 0)
      delays.emplace(ctx.seed, StreamId::kTraceDelay, ctx.replication, region_id(ctx, r), ctx.step());
    for (std::size_t k = 0; k < recovered.size(); ++k) {
      tally.add(ctx.rows.mx_recoveries, 1);
      tally.add(ctx.rows.supply.recoveries_by_region_class[r * kNumClasses + index_of(recovered[k].cls)], 1);
      TraceDraws u{draws.uniform(4 * k), draws.uniform(4 * k + 1), draws.uniform(4 * k + 2), draws.uniform(4 * k + 3)};
      if (delays) u.delay = delays->uniform(k);
      trace_recovered_gun(ctx, st, tally, recovered[k], u);
    }
  }
}

double baseline_homicides_per_day(const StepContext& ctx, std::size_t region) {
  const ModelTables& t = ctx.world.tables;
  if (t.homicides_national.points.empty()) return ctx.world.regions[region].homicides[0] / 365.25;  // INEGI 2010
  // The year's national count, spread by the state's share of the year (its 2010 share
  // unless a table of homicides by state and year splits the years).
  const int year = ctx.year;
  const double share = t.demand_share_in(year)[region] / (1.0 - ctx.settings.demand.onward_share);
  return t.homicides_national.at(year) * share / 365.25;
}

int baseline_homicides_year(const StepContext& ctx) {
  return ctx.world.tables.homicides_national.points.empty() ? 2010 : ctx.year;
}

double own_violence_reference_stock(const World& world) {
  const StockPath& path = world.tables.stock_path;
  return path.stock(violence_anchor_day()) * path.class_weight(violence_anchor_day());
}

namespace {
/// How armed the flows' path is in the baseline's year against 2010, as firearm homicides
/// per homicide of 2010's firearm share: g = (path's stock / 2010's)^elasticity.
struct PathArmament {
  double g = 1.0;        ///< the path's firearm homicides against 2010's armament
  double to_2010 = 1.0;  ///< the year's count, scaled to the count at 2010's armament
};
PathArmament path_armament(const ViolenceSettings& v, double relative) {
  if (relative == 1.0) return {};                              // 2010 itself, and every year without a yearly table
  if (!(relative > 0) || !std::isfinite(relative)) return {};  // no 2010 stock to compare with
  const double g = power(relative, v.stock_elasticity);
  const double s = v.firearm_share;
  // On the path a year's count is s g + (1 − s) + substitution max(0, s − s g) homicides
  // at 2010's armament.
  return {g, 1.0 / (s * g + (1.0 - s) + v.substitution * std::max(0.0, s - s * g))};
}
}  // namespace

void violence_day(const StepContext& ctx, const ReplicationState& st, TallySink& tally) {
  const ViolenceSettings& v = ctx.settings.violence;
  const Settings& s = ctx.settings;
  // The armed stock the year's homicides went with: the stock of the flows' path in the
  // middle of the baseline's year, weighted by the classes its years ordered. Homicides are
  // the year's count (INEGI 2010, or the year's own with a yearly table) when the stock is
  // on that path, whenever the run started; how much of it is by firearm follows how armed
  // the path is that year against 2010 (with a yearly table: more guns, a larger firearm
  // share, as Mexico's rose from about half in 2000-2005 to 67-71% in 2018-2023). A stock off the
  // path moves firearm homicides with it, and a share `substitution` of those it avoids
  // happen by other means. With violence.reference_stock set, the weighted path is scaled
  // so that it holds the weighted stock given on the anchor day: the reference then no
  // longer moves with keys that move the stock in every year or its class mix or weights,
  // and such a variant's violence reads against the base the stock came from.
  const Date mid_year = Date::from_ymd(baseline_homicides_year(ctx), 7, 2);
  const StockPath& path = ctx.world.tables.stock_path;
  // The path's guns weigh what the classes ordered in their years weigh: a year of
  // armed conflict adds rifles to the path, and so to its armament against 2010's.
  const double weight_2010 = path.class_weight(violence_anchor_day()), weight_year = path.class_weight(mid_year);
  const double path_2010 = path.stock(violence_anchor_day()), path_year = path.stock(mid_year);
  const double anchor = v.reference_stock > 0 ? v.reference_stock / (path_2010 * weight_2010) : 1.0;
  const double armed_reference = path_year * anchor * weight_year;
  const PathArmament armament = path_armament(v, path_year / path_2010 * (weight_year / weight_2010));
  // Each state's part of it: its share of the baseline's year.
  const std::span<const double> share = ctx.world.tables.demand_share_in(baseline_homicides_year(ctx));
  for (std::size_t r = 0; r < st.arsenals.size(); ++r) {
    const Region& region = ctx.world.regions[r];
    const double reference = armed_reference * share[r] / (1.0 - s.demand.onward_share);
    if (region.onward || reference <= 0) continue;
    // At 2010's armament: fire0 firearm homicides and (1 − share) others; on the path,
    // fire0 g firearm homicides, and others for a share of the guns the path lacks.
    const double base = baseline_homicides_per_day(ctx, r) * armament.to_2010;
    const double fire0 = v.firearm_share * base;
    const double fire_path = fire0 * armament.g;
    // The armed stock weighted by class (violence.class_weight): a class-targeted policy
    // moves violence by what it removes, not only by how many guns. H_f = H_f,path (W/W_ref)^elasticity.
    const double ratio = st.arsenals[r].weighted_total() / reference;
    const double fire = fire_path * power(ratio, v.stock_elasticity);
    const double other = (1.0 - v.firearm_share) * base + v.substitution * std::max(0.0, fire0 - fire_path) +
                         v.substitution * std::max(0.0, fire_path - fire);
    // Firearm and other homicides have their own draws (the PTRS sampler's draws vary).
    DecisionDraws<kTwoWide, 1> decide(ctx.seed, StreamId::kHomicide, ctx.replication, region_id(ctx, r), ctx.step());
    Rng fire_rng = decide.rng(0);
    Rng other_rng = decide.rng(1);
    const auto hf = static_cast<double>(poisson(fire_rng, fire));
    const auto ho = static_cast<double>(poisson(other_rng, other));
    tally.add(ctx.rows.homicides_firearm, hf);
    tally.add(ctx.rows.homicides_nonfirearm, ho);
    tally.add(ctx.rows.homicides, hf + ho);
    tally.add(ctx.rows.homicides_by_region[r], hf + ho);
    tally.add(ctx.rows.firearm_homicides_by_region[r], hf);
  }
}

}  // namespace gunflow
