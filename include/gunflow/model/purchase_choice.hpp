#pragma once
// Where and through which channel a network buys: availability of each class by state
// and channel under the laws in force, the state of purchase (home, or elsewhere by
// distance, dealers and availability) and the channel (preference × availability ×
// the risk the network perceives).
#include <span>

#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/step_context.hpp"
#include "gunflow/model/trip.hpp"

namespace gunflow {

/// How available a channel is for `cls` in `state` today (0 = closed): retail channels
/// by the law; second-hand channels by the private stock left (`market`), unlicensed
/// sellers also by the law on new sales (those who buy new to resell).
double channel_availability(const StepContext& ctx, const SecondaryMarket& market, Channel ch, int state,
                            FirearmClass cls);
/// exp(-risk_aversion × risk): how much a perceived risk (>= 0) deters.
double risk_weight(const Settings& s, double risk);
/// The state a trip for `cls` buys in: home with probability stay × min(1, availability
/// at home / the availability a trip elsewhere would find), else a state drawn among the
/// others (draws kStayHome and kOtherState): scarcity at home drives trips away only
/// where it is worse than elsewhere.
int choose_purchase_state(const StepContext& ctx, ReplicationState& st, const TraffickerState& net, FirearmClass cls,
                          TripDraws& draws);
/// The channel of a trip for `cls` in `state`, or Channel::kKit when none is open or
/// (then *no_seller is set) the search finds no second-hand seller: where the private
/// stock's availability is below 1 (drained under its reference, or a market thinner than
/// 2010's), that share of the second-hand channels' weight is a failed search. `u` is the trip's channel draw.
/// Where compliant variants meet part of the class's orders under a ban (0 < retail share
/// < 1), the order is one they meet with that chance, else one that finds retail closed
/// (*retail_closed then says which: if closed, it buys second-hand only, or finds nothing
/// open; left as it was where no order has the choice).
Channel choose_channel(const StepContext& ctx, const SecondaryMarket& market, const TraffickerState& net, int state,
                       FirearmClass cls, double u, bool* no_seller = nullptr, bool* retail_closed = nullptr);
/// The same from what the trip finds open (`view`) and the stock's scarcity there.
Channel choose_channel(const StepContext& ctx, const ChannelView& view, double scarcity, const TraffickerState& net,
                       double u, bool* no_seller = nullptr, bool* retail_closed = nullptr);

/// What a trip for `cls` finds open in `state` today.
ChannelView channel_view(const StepContext& ctx, const SecondaryMarket& market, int state, FirearmClass cls);
/// Brings cache.channel_views up to date (channel_views).
void refresh_channel_views(const StepContext& ctx, const SecondaryMarket& market, ReplicationCaches& cache);
/// channel_view for every class and state ([class * n_states + state]), kept in `cache`
/// until the market's availability or a sales-law policy changes. The laws change only
/// with the date, so they are looked at once a day (a trip calls this twice; inline, as
/// the check is the whole cost).
inline std::span<const ChannelView> channel_views(const StepContext& ctx, const SecondaryMarket& market,
                                                  ReplicationCaches& cache) {
  if (cache.channel_view_day != ctx.day() || cache.channel_view_version != market.version)
    refresh_channel_views(ctx, market, cache);
  return cache.channel_views;
}

}  // namespace gunflow
