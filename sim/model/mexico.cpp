#include "gunflow/model/mexico.hpp"

#include <cmath>

#include "gunflow/model/demand.hpp"
#include "gunflow/model/policies.hpp"
#include "gunflow/model/us_market.hpp"
#include "gunflow/rng/distributions.hpp"

namespace gunflow {
namespace {
constexpr double kInitialLotSize = 250.0;  // guns per initial lot: resolution of origin/age mixes

std::uint64_t region_id(const StepContext& ctx, std::size_t r) {
  return static_cast<std::uint64_t>(ctx.world.network.region_vertex[r]);
}

/// Adds guns from outside the US retail pipeline to each state, in proportion to demand.
void other_inflow(const StepContext& ctx, ReplicationState& st, double per_year, Origin origin, std::size_t row,
                  StreamId stream, ReplicationState::InflowDraws& draws) {
  if (per_year <= 0) return;
  const std::vector<double>& share = ctx.world.tables.demand_share;
  const auto& mix = ctx.world.tables.class_mix;
  if (draws.per_year != per_year) {
    draws.per_year = per_year;
    draws.by_region.clear();
    // Shares of Mexican states sum to 1 - onward_share; these inflows are Mexico's only.
    for (std::size_t r = 0; r < share.size(); ++r)
      draws.by_region.emplace_back(per_year * share[r] / (1.0 - ctx.settings.demand.onward_share) / 365.0);
  }
  for (std::size_t r = 0; r < share.size(); ++r) {
    if (ctx.world.regions[r].onward) continue;
    Rng rng = ctx.rng(stream, region_id(ctx, r));
    const std::int64_t k = draws.by_region[r](rng);
    if (k == 0) continue;
    Lot lot;
    lot.cls = static_cast<FirearmClass>(categorical(rng, mix));
    if (lot.cls == FirearmClass::kKit) lot.cls = FirearmClass::kHandgun;
    lot.origin = origin;
    lot.purchase_day = ctx.day();
    lot.count = k;
    deliver_to_arsenal(ctx, st, r, lot);
    ctx.add(row, static_cast<double>(k));
  }
}

/// The daily loss and recovery chances over the run (first day to end): recovery
/// depends on the corruption in force each day, attrition is constant.
GunFates make_gun_fates(const StepContext& ctx) {
  const Settings& s = ctx.settings;
  StepContext day_ctx = ctx;
  std::vector<double> recovery;
  for (Date d = ctx.date; d < s.simulation.end; d = d + 1) {
    day_ctx.date = d;
    recovery.push_back(s.mexico.recovery_rate * (1.0 - mexican_corruption(day_ctx)) / 365.0);
  }
  // r̄: the authorities' daily chance at a gun, which corruption can only spoil.
  return {ctx.day(), s.simulation.end.days(), s.mexico.attrition_rate / 365.0, recovery,
          s.mexico.recovery_rate / 365.0};
}
}  // namespace

void deliver_to_arsenal(const StepContext& ctx, ReplicationState& st, std::size_t region, const Lot& lot) {
  ReplicationState::FateStream& stream = st.fate_streams[region];
  if (stream.day != ctx.day()) {
    stream.rng = ctx.rng(StreamId::kGunFate, region_id(ctx, region));
    stream.day = ctx.day();
  }
  st.arsenals[region].add(lot, ctx.day(), st.gun_fates, stream.rng);
}

void init_arsenals(const StepContext& ctx, ReplicationState& st) {
  const World& w = ctx.world;
  const Settings& s = ctx.settings;
  st.gun_fates = make_gun_fates(ctx);
  st.fate_streams.assign(w.regions.size(), {});
  st.arsenals.clear();
  for (const Region& region : w.regions) st.arsenals.push_back(region.onward ? Arsenal{} : Arsenal{st.gun_fates});
  st.arsenal_initial.assign(w.regions.size(), 0.0);
  const std::vector<double>& share = w.tables.demand_share;
  const std::vector<double>& home = w.tables.home_weight;
  const auto& mix = w.tables.class_mix;
  for (std::size_t r = 0; r < w.regions.size(); ++r) {
    if (w.regions[r].onward) continue;
    const double stock = s.mexico.initial_stock * share[r] / (1.0 - s.demand.onward_share);
    Rng rng = ctx.rng(StreamId::kInitWorld, region_id(ctx, r));
    const auto lots = static_cast<std::int64_t>(std::ceil(stock / kInitialLotSize));
    std::int64_t placed = 0;
    for (std::int64_t i = 0; i < lots; ++i) {
      Lot lot;
      lot.count = std::min<std::int64_t>(static_cast<std::int64_t>(kInitialLotSize), std::llround(stock) - placed);
      if (lot.count <= 0) break;
      placed += lot.count;
      lot.cls = static_cast<FirearmClass>(categorical(rng, mix));
      if (bernoulli(rng, s.mexico.initial_us_share)) {
        lot.origin = lot.cls == FirearmClass::kKit ? Origin::kUsKit : Origin::kUsRetail;
        lot.us_state = static_cast<std::int16_t>(categorical(rng, home));
      } else {
        lot.origin = Origin::kForeign;
        if (lot.cls == FirearmClass::kKit) lot.cls = FirearmClass::kHandgun;
      }
      lot.purchase_day = s.simulation.start.days() -
                         static_cast<std::int32_t>(exponential(rng, 365.25 * s.mexico.mean_stock_age_years));
      deliver_to_arsenal(ctx, st, r, lot);
    }
    st.arsenal_initial[r] = static_cast<double>(st.arsenals[r].total());
  }
}

void trace_recovered_gun(const StepContext& ctx, ReplicationState& st, const Lot& gun, Rng& rng) {
  const Settings& s = ctx.settings;
  const MetricRows& m = ctx.rows;
  if (!bernoulli(rng, trace_submission(ctx))) return;
  ctx.add(m.traces, 1);
  // Kits carry no serial and foreign guns are not US-sourced; exports trace to the
  // exporter, not to a retail purchaser.
  if (gun.origin == Origin::kForeign || gun.origin == Origin::kUsKit) return;
  ctx.add(m.traces_us_sourced, 1);
  ctx.add(m.traces_by_class[index_of(gun.cls)], 1);
  if (gun.origin != Origin::kUsRetail || !bernoulli(rng, trace_success(ctx, gun.purchase_day))) return;
  const double ttc_years = static_cast<double>(ctx.day() - gun.purchase_day) / 365.25;
  ctx.add(m.traces_state_known, 1);
  ctx.add(m.traces_by_state[static_cast<std::size_t>(gun.us_state)], 1);
  ctx.add(m.ttc_sum_years, ttc_years);
  if (ttc_years >= 3.0) ctx.add(m.ttc_over_3y_share, 1);
  if (gun.dealer >= 0 && ++st.dealers.traces[static_cast<std::size_t>(gun.dealer)] == 1 &&
      st.dealers.type[static_cast<std::size_t>(gun.dealer)] != DealerType::kCompliant)
    st.targeted_dealers.push_back(gun.dealer);  // a dealer named in a crime-gun trace
  if (!bernoulli(rng, purchaser_identified(ctx))) return;
  ctx.add(m.traces_purchaser, 1);
  if (ttc_years > s.enforcement.lead_max_age_years || gun.trafficker < 0) return;
  Lead lead;
  lead.trafficker = gun.trafficker;
  lead.generation = gun.network_generation;  // a replaced network is not answerable for its predecessor
  lead.channel = gun.channel;
  lead.created_day = ctx.day();
  if (gun.channel == Channel::kStraw) {
    lead.kind = LeadKind::kStrawBuyer;
    lead.buyer = gun.buyer;
    lead.buyer_serial = gun.buyer_serial;
  } else {
    // Unlicensed sellers, corrupt dealers, thefts and serialized kits: the named
    // purchaser (reseller, dealer paperwork, theft victim, kit seller's records) leads
    // to the network.
    lead.kind = LeadKind::kNetwork;
  }
  st.priority_leads.push_back(lead);
  ctx.add(m.leads, 1);
}

void mexico_day(const StepContext& ctx, ReplicationState& st) {
  const Settings& s = ctx.settings;
  other_inflow(ctx, st, s.mexico.foreign_inflow_per_year, Origin::kForeign, ctx.rows.foreign_inflow,
               StreamId::kForeignInflow, st.foreign_inflow);
  other_inflow(ctx, st, diverted_exports_per_year(ctx), Origin::kExport,
               ctx.rows.export_diverted, StreamId::kExportDiversion, st.export_inflow);
  for (std::size_t r = 0; r < st.arsenals.size(); ++r) {
    if (ctx.world.regions[r].onward) continue;
    Rng attrition_rng = ctx.rng(StreamId::kAttrition, region_id(ctx, r));
    st.arsenals[r].settle(ctx.day(), st.recovered_today, attrition_rng);
    if (st.recovered_today.empty()) continue;
    Rng trace_rng = ctx.rng(StreamId::kTrace, region_id(ctx, r));
    for (const Lot& gun : st.recovered_today) {
      ctx.add(ctx.rows.mx_recoveries, 1);
      trace_recovered_gun(ctx, st, gun, trace_rng);
    }
  }
}

void violence_day(const StepContext& ctx, const ReplicationState& st) {
  const ViolenceSettings& v = ctx.settings.violence;
  for (std::size_t r = 0; r < st.arsenals.size(); ++r) {
    const Region& region = ctx.world.regions[r];
    if (region.onward || st.arsenal_initial[r] <= 0) continue;
    // Firearm homicides scale with the armed stock: H_f = H_f0 (S/S0)^elasticity;
    // a share `substitution` of those avoided happen by other means instead.
    const double base = region.homicides[0] / 365.25;
    const double fire0 = v.firearm_share * base;
    const double ratio = static_cast<double>(st.arsenals[r].total()) / st.arsenal_initial[r];
    const double fire = fire0 * std::pow(ratio, v.stock_elasticity);
    const double other = (1.0 - v.firearm_share) * base + v.substitution * std::max(0.0, fire0 - fire);
    Rng rng = ctx.rng(StreamId::kHomicide, region_id(ctx, r));
    const auto hf = static_cast<double>(poisson(rng, fire));
    const auto ho = static_cast<double>(poisson(rng, other));
    ctx.add(ctx.rows.homicides_firearm, hf);
    ctx.add(ctx.rows.homicides_nonfirearm, ho);
    ctx.add(ctx.rows.homicides, hf + ho);
    ctx.add(ctx.rows.homicides_by_region[r], hf + ho);
    ctx.add(ctx.rows.firearm_homicides_by_region[r], hf);
  }
}

}  // namespace gunflow
