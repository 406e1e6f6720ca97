#include "gunflow/model/supply_outputs.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace gunflow {

TraceConcentration trace_concentration(std::span<const std::int32_t> traces) {
  TraceConcentration out;
  const auto n = static_cast<double>(traces.size());
  std::int64_t total = 0;
  std::int32_t most = 0;
  for (std::int32_t t : traces) {
    total += t;
    most = std::max(most, t);
  }
  if (total <= 0) return out;
  // Counts are small integers: a histogram sorts them.
  std::vector<std::int64_t> dealers_with(static_cast<std::size_t>(most) + 1, 0);
  for (std::int32_t t : traces) ++dealers_with[static_cast<std::size_t>(std::max(0, t))];
  const auto top_share = [&](double fraction) {
    auto left = static_cast<std::int64_t>(std::ceil(fraction * n));
    std::int64_t taken = 0;
    for (std::int64_t c = most; c > 0 && left > 0; --c) {
      const std::int64_t k = std::min(left, dealers_with[static_cast<std::size_t>(c)]);
      taken += k * c;
      left -= k;
    }
    return static_cast<double>(taken) / static_cast<double>(total);
  };
  out.top1 = top_share(0.01);
  out.top3 = top_share(0.03);
  // G = 2 Σ i x_(i) / (n Σ x) − (n + 1) / n, ranks i = 1..n in ascending order.
  double ranked = 0, rank = 0;
  for (std::int64_t c = 0; c <= most; ++c) {
    const auto m = static_cast<double>(dealers_with[static_cast<std::size_t>(c)]);
    ranked += static_cast<double>(c) * (m * rank + m * (m + 1) / 2);
    rank += m;
  }
  out.gini = 2 * ranked / (n * static_cast<double>(total)) - (n + 1) / n;
  return out;
}

void tally_supply_year_end(const StepContext& ctx, const ReplicationState& st, TallySink& tally) {
  const SupplyRows& m = ctx.rows.supply;
  const TraceConcentration c = trace_concentration(st.dealers.traces_this_year);
  tally.add(m.trace_top1_share, c.top1);
  tally.add(m.trace_top3_share, c.top3);
  tally.add(m.trace_gini, c.gini);
  for (std::size_t s = 0; s < st.market.n_states; ++s)
    for (std::size_t cls = 0; cls < kNumClasses; ++cls)
      for (Supply supply : {Supply::kDomestic, Supply::kImported})
        tally.add(m.private_stock_by_class[cls],
                  st.market.at(static_cast<int>(s), static_cast<FirearmClass>(cls), supply).guns);
  double armed = 0;
  for (std::size_t r = 0; r < st.arsenals.size(); ++r)
    if (!ctx.world.regions[r].onward) armed += st.arsenals[r].weighted_total();
  tally.add(m.armed_stock_weighted, armed);
  static_assert(kScaleUnits == 256, "kNetworkScaleUpper is in 256ths of the mean scale");
  double active = 0;
  for (const TraffickerState& net : st.networks) {
    if (!net.active) continue;
    active += 1.0;
    tally.add(m.networks_active_by_scale[network_scale_bin(net.scale_units)], 1);
  }
  tally.add(m.networks_active, active);
  std::array<double, 3> open{};
  for (std::size_t i = 0; i < st.dealers.type.size(); ++i)
    if (st.dealers.revoked[i] == 0) open[static_cast<std::size_t>(st.dealers.type[i])] += 1;
  for (std::size_t k = 0; k < open.size(); ++k) tally.add(m.dealers_by_type[k], open[k]);
}

}  // namespace gunflow
