#include "gunflow/model/simulation.hpp"

#include <algorithm>
#include <cmath>

#include "gunflow/model/border.hpp"
#include "gunflow/model/enforcement.hpp"
#include "gunflow/model/mexico.hpp"
#include "gunflow/model/networks.hpp"
#include "gunflow/model/step_context.hpp"
#include "gunflow/model/supply_outputs.hpp"

namespace gunflow {

Model::Model(const Settings& settings)
    : settings_(settings), world_(build_world(settings)), layout_(make_layout(world_, settings_, rows_)) {
  if (settings_.dated.empty()) return;
  first_year_ = settings_.simulation.first_day().year();
  for (int y = first_year_; y <= settings_.simulation.end.year(); ++y) {
    by_year_.push_back(settings_in_year(settings_, y));
    changes_.push_back(y > first_year_ && [&] {
      for (const DatedSeries& d : settings_.dated)
        if (d.at(y) != d.at(y - 1)) return true;
      return false;
    }());
  }
}

const Settings& Model::settings_in(int year) const {
  if (by_year_.empty()) return settings_;
  const auto i = static_cast<std::size_t>(std::clamp(year - first_year_, 0, static_cast<int>(by_year_.size()) - 1));
  return by_year_[i];
}

void init_replication(const StepContext& ctx, ReplicationState& st) {
  st.crossing_learned_risk.assign(ctx.world.crossings.size(), 0.0);
  st.crossing_loads.assign(ctx.world.crossings.size(), 0.0);
  init_arsenals(ctx, st);
  st.cumulative_orders.assign(ctx.world.regions.size(), 0.0);
  init_us_market(ctx, st);
  init_secondary_market(ctx, st.market, st.dealers.volume);
  refresh_routes(ctx, st);
}

Replication Model::start(std::uint64_t seed, std::uint64_t replication) const {
  Replication rep;
  rep.seed = seed;
  rep.index = replication;
  rep.first_day = settings_.simulation.first_day();
  rep.result.replication = replication;
  rep.result.values = Eigen::ArrayXXd::Zero(static_cast<Eigen::Index>(layout_.size()), layout_.n_years());
  const StepContext ctx{world_, settings_, rows_, seed, replication, rep.first_day};
  init_replication(ctx, rep.state);
  return rep;
}

void Model::step(Date d, Replication& rep) const {
  const Settings& s = settings_in(d.year());
  const StepContext ctx{world_, s, rows_, rep.seed, rep.index, d};
  TallySink tally(rep.result.values);
  tally.set_year_column(d < s.simulation.start ? -1 : d.year() - layout_.first_year());
  ReplicationState& st = rep.state;
  if (d.month() == 1 && d.day() == 1) {
    // corrupt dealers' off-book volume is yearly
    std::fill(st.dealers.offbook_sold_this_year.begin(), st.dealers.offbook_sold_this_year.end(), 0.0);
    if (!changes_.empty() && changes_[static_cast<std::size_t>(d.year() - first_year_)]) st.caches.settings_changed();
  }
  const auto reroute = static_cast<int>(std::lround(s.border.reroute_days));
  if ((d - rep.first_day) % reroute == 0 && d != rep.first_day) refresh_routes(ctx, st);
  update_secondary_market(ctx, st.market);
  networks_act(ctx, st, tally);
  mexico_day(ctx, st, tally);
  // Homicides only read the arsenals and only feed the tallies, which the warm-up does
  // not keep: skipping them there changes no output (their stream is per region-day).
  if (tally.recording()) violence_day(ctx, st, tally);
  enforcement_day(ctx, st, tally);
  const Date next = d + 1;
  const bool year_end = next.year() != d.year() || next == s.simulation.end;
  if (tally.recording() && year_end) {
    double stock = 0;
    for (std::size_t r = 0; r < st.arsenals.size(); ++r)
      if (!world_.regions[r].onward) stock += static_cast<double>(st.arsenals[r].total());
    tally.add(rows_.arsenal_stock, stock);
    tally_supply_year_end(ctx, st, tally);
  }
  if (year_end) std::fill(st.dealers.traces_this_year.begin(), st.dealers.traces_this_year.end(), 0);
}

ReplicationResult Model::finish(Replication&& rep) const {
  finalize_metrics(rows_, rep.result.values);
  return std::move(rep.result);
}

ReplicationResult Model::run(std::uint64_t seed, std::uint64_t replication) const {
  Replication rep = start(seed, replication);
  for (Date d = rep.first_day; d < settings_.simulation.end; d = d + 1) step(d, rep);
  return finish(std::move(rep));
}

}  // namespace gunflow
