#include "gunflow/model/simulation.hpp"

#include <cmath>

#include "gunflow/model/border.hpp"
#include "gunflow/model/enforcement.hpp"
#include "gunflow/model/mexico.hpp"
#include "gunflow/model/us_market.hpp"

namespace gunflow {

Model::Model(const Settings& settings)
    : settings_(settings), world_(build_world(settings)), layout_(make_layout(world_, settings_, rows_)) {}

void init_replication(const StepContext& ctx, ReplicationState& st) {
  st.crossing_learned_risk.assign(ctx.world.crossings.size(), 0.0);
  st.crossing_loads.assign(ctx.world.crossings.size(), 0.0);
  init_arsenals(ctx, st);
  st.cumulative_orders.assign(ctx.world.regions.size(), 0.0);
  init_us_market(ctx, st);
  refresh_routes(ctx, st);
}

ReplicationResult Model::run(std::uint64_t seed, std::uint64_t replication) const {
  const Settings& s = settings_;
  ReplicationResult result;
  result.replication = replication;
  result.values = Eigen::ArrayXXd::Zero(static_cast<Eigen::Index>(layout_.size()), layout_.n_years());

  const Date first_day = s.simulation.start + static_cast<std::int32_t>(-s.simulation.warmup_days);
  StepContext ctx{world_, s, rows_, seed, replication, first_day, -1, &result.values};
  ReplicationState st;
  init_replication(ctx, st);

  const auto reroute = static_cast<int>(std::lround(s.border.reroute_days));
  for (Date d = first_day; d < s.simulation.end; d = d + 1) {
    ctx.date = d;
    ctx.year_col = d < s.simulation.start ? -1 : d.year() - layout_.first_year();
    if (d.month() == 1 && d.day() == 1) std::fill(st.dealers.offbook_sold_this_year.begin(),
                                                  st.dealers.offbook_sold_this_year.end(), 0.0);
    if ((d - first_day) % reroute == 0 && d != first_day) refresh_routes(ctx, st);
    networks_act(ctx, st);
    mexico_day(ctx, st);
    // Homicides only read the arsenals and only feed the tallies, which the warm-up does
    // not keep: skipping them there changes no output (their stream is per region-day).
    if (ctx.year_col >= 0) violence_day(ctx, st);
    enforcement_day(ctx, st);
    const Date next = d + 1;
    if (ctx.year_col >= 0 && (next.year() != d.year() || next == s.simulation.end)) {
      double stock = 0;
      for (std::size_t r = 0; r < st.arsenals.size(); ++r)
        if (!world_.regions[r].onward) stock += static_cast<double>(st.arsenals[r].total());
      ctx.add(rows_.arsenal_stock, stock);
    }
  }
  finalize_metrics(rows_, result.values);
  // Mexican price: delivered cost × markup, raised by the share of guns lost to
  // seizures (a risk premium that passes losses on to buyers).
  for (Eigen::Index y = 0; y < result.values.cols(); ++y) {
    auto v = [&](std::size_t row) -> double& { return result.values(static_cast<Eigen::Index>(row), y); };
    const double lost = v(rows_.guns_trafficked) > 0
                            ? (v(rows_.us_border_seizures) + v(rows_.us_investigation_seizures)) / v(rows_.guns_trafficked)
                            : 0.0;
    v(rows_.mexico_price) = v(rows_.cost_per_gun) * s.traffickers.markup * (1.0 + lost);
  }
  return result;
}

}  // namespace gunflow
