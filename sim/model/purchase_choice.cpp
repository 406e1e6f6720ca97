#include "gunflow/model/purchase_choice.hpp"

#include <algorithm>
#include <cmath>
#include <span>

#include "gunflow/model/policies.hpp"
#include "gunflow/rng/distributions.hpp"

namespace gunflow {

namespace {
SalesLaw sales_law(const StepContext& ctx, int state, FirearmClass cls) {
  return {retail_share(ctx, state, cls), private_transfers_legal(ctx, state, cls), private_sales_checked(ctx, state)};
}

/// What the straw, unlicensed, corrupt-dealer and theft channels offer under `law`
/// where the private stock's availability is `available`; `checked` is the share of
/// unlicensed sellers left where private sales need a check.
ChannelView open_channels(const SalesLaw& law, double available, double resellers, double checked) {
  ChannelView v;
  v.sales_checked = law.checked;
  const double retail = law.retail;  // under a ban, the compliant variants' share
  v.retail = retail;
  v.open[index_of(Channel::kStraw)] = retail;
  v.open[index_of(Channel::kCorruptDealer)] = retail;
  if (law.transfers) {
    // Sellers who buy new to resell need retail sales; private sellers need the stock.
    // Background checks on private sales make unlicensed sellers scarcer and warier.
    const double factor = law.checked ? checked : 1.0;
    const double a = resellers * retail + (1.0 - resellers) * available;
    v.open[index_of(Channel::kUnlicensed)] = a * factor;
    v.open[index_of(Channel::kTheft)] = available;
    v.unlicensed_free = (resellers + (1.0 - resellers) * available) * factor;
    v.unlicensed_closed = (1.0 - resellers) * available * factor;
  }
  return v;
}
}  // namespace

double channel_availability(const StepContext& ctx, const SecondaryMarket& market, Channel ch, int state,
                            FirearmClass cls) {
  if (ch == Channel::kKit) return 0.0;
  return channel_view(ctx, market, state, cls).open[index_of(ch)];
}

double risk_weight(const Settings& s, double risk) {
  // Most networks have never been burnt in most channels, and exp(-0) is exactly 1, so
  // the call is skipped for them (same value, five calls fewer per trip).
  return risk > 0 ? std::exp(-s.traffickers.risk_aversion * risk) : 1.0;
}

ChannelView channel_view(const StepContext& ctx, const SecondaryMarket& market, int state, FirearmClass cls) {
  const MarketSettings& m = ctx.settings.market;
  return open_channels(sales_law(ctx, state, cls), market.available(state, cls), m.unlicensed_from_retail,
                       m.private_sale_check_factor);
}

namespace {
/// The sales-law policies in force today, as bits, and which dated state laws are (their
/// epoch, above the bits); never 0 (0 marks nothing cached).
std::uint64_t sales_law_key(const StepContext& ctx) {
  const PolicySettings& p = ctx.settings.policies;
  return 1U | (p.bmg50_ban.active(ctx.date) ? 2U : 0U) | (p.assault_weapons_ban.active(ctx.date) ? 4U : 0U) |
         (p.universal_background_checks.active(ctx.date) ? 8U : 0U) |
         (static_cast<std::uint64_t>(ctx.world.state_law_epoch(ctx.date)) << 4);
}
}  // namespace

void refresh_channel_views(const StepContext& ctx, const SecondaryMarket& market, ReplicationCaches& cache) {
  cache.channel_view_day = ctx.day();
  const std::size_t n = ctx.world.states.size();
  const std::uint64_t laws = sales_law_key(ctx);
  // The laws change rarely (a policy starts or ends); the market's availability weekly.
  const bool laws_changed = cache.sales_law_key != laws;
  if (!laws_changed && cache.channel_view_version == market.version) return;
  if (laws_changed) {
    cache.sales_laws.resize(kNumClasses * n);
    for (std::size_t c = 0; c < kNumClasses; ++c)
      for (std::size_t i = 0; i < n; ++i)
        cache.sales_laws[c * n + i] = sales_law(ctx, static_cast<int>(i), static_cast<FirearmClass>(c));
    cache.sales_law_key = laws;
  }
  cache.channel_views.resize(kNumClasses * n);
  const MarketSettings& m = ctx.settings.market;
  for (std::size_t k = 0; k < kNumClasses * n; ++k)
    cache.channel_views[k] = open_channels(cache.sales_laws[k], market.availability[k], m.unlicensed_from_retail,
                                           m.private_sale_check_factor);
  cache.channel_view_version = market.version;
  ++cache.channel_view_serial;
}

namespace {
/// What a trip for `cls` expects to find in each state: its channels' availabilities
/// weighed by the networks' channel preferences, Σ pref·open / Σ pref (the attraction a
/// nested logit over states and channels gives a state), so a state whose private sales
/// are checked, or whose private stock is drained, draws fewer trips even where its
/// dealers sell (taking the best channel instead let straw purchases hide every other
/// law). Derived from the channel views when they change instead of 50 law checks per
/// out-of-state trip. The class's version changes when a value does (a policy starts or
/// ends, a private stock drains).
std::span<const double> availability_by_state(const StepContext& ctx, const SecondaryMarket& market,
                                              ReplicationCaches& cache, FirearmClass cls) {
  const std::size_t n = ctx.world.states.size();
  const std::span<const ChannelView> views = channel_views(ctx, market, cache);
  if (cache.availability_key != cache.channel_view_serial) {
    const auto& preference = ctx.world.tables.channel_preference;
    double preference_sum = 0;
    for (std::size_t ch = 0; ch < 4; ++ch) preference_sum += preference[ch];
    for (std::size_t c = 0; c < kNumClasses; ++c) {
      bool changed = cache.availability_version[c] == 0;  // never computed
      double* row = cache.availability_today.data() + c * n;
      for (std::size_t i = 0; i < n; ++i) {
        const std::array<double, 4>& open = views[c * n + i].open;
        double a = 0;
        for (std::size_t ch = 0; ch < open.size(); ++ch) a += preference[ch] * open[ch];
        a = preference_sum > 0 ? a / preference_sum : 0.0;  // no channel wanted: nothing draws a trip
        changed = changed || a != row[i];
        row[i] = a;
      }
      if (changed) ++cache.availability_version[c];
    }
    cache.availability_key = cache.channel_view_serial;
  }
  return {cache.availability_today.data() + index_of(cls) * n, n};
}

/// Where an out-of-state trip for `cls` from `home` buys: the states other than home,
/// weighted by buying market (people with a dealer in reach) × availability × distance decay, as running sums heaviest
/// first (a draw walks a few entries instead of fifty: the nearest states carry most of the weight). Rebuilt only when
/// that class's availability changes.
struct ElsewhereChoice {
  std::span<const double> cumulative;
  std::span<const std::uint16_t> states;
  double mean_availability = 0;  ///< what a trip elsewhere finds, on average over the draw's weights
  [[nodiscard]] bool empty() const { return states.empty(); }
  [[nodiscard]] int draw(double u) const {
    const double target = u * cumulative.back();
    std::size_t k = 0;
    while (k + 1 < states.size() && cumulative[k] <= target) ++k;  // the clamp absorbs rounding at the top
    return states[k];
  }
};

void rebuild_elsewhere(const StepContext& ctx, ReplicationCaches& cache, int home, std::size_t k,
                       std::span<const double> availability) {
  const World& w = ctx.world;
  const std::size_t n = w.states.size();
  const std::span<const double> proximity = w.tables.proximity_from(home);
  std::vector<std::pair<double, std::uint16_t>>& weighted = cache.elsewhere_scratch;
  weighted.clear();
  double reach = 0;  // the weights with every state fully available
  for (std::size_t i = 0; i < n; ++i) {
    if (static_cast<int>(i) == home) continue;
    reach += w.tables.buying_market[i] * proximity[i];
    const double weight = w.tables.buying_market[i] * availability[i] * proximity[i];
    if (weight > 0) weighted.emplace_back(weight, static_cast<std::uint16_t>(i));
  }
  std::sort(weighted.begin(), weighted.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;  // a total order: the same on every platform
  });
  double total = 0;
  for (std::size_t j = 0; j < weighted.size(); ++j) {
    total += weighted[j].first;
    cache.elsewhere_cumulative[k * n + j] = total;
    cache.elsewhere_states[k * n + j] = weighted[j].second;
  }
  cache.elsewhere_count[k] = static_cast<std::uint16_t>(weighted.size());
  // Σ weight × availability / Σ weight over the states a trip elsewhere draws from
  // (weights buying market × proximity, so this is total / Σ availability-free weights).
  cache.elsewhere_mean[k] = reach > 0 ? total / reach : 0.0;
}

ElsewhereChoice elsewhere_choice(const StepContext& ctx, ReplicationCaches& cache, int home, FirearmClass cls,
                                 std::span<const double> availability) {
  const std::size_t n = ctx.world.states.size();
  const std::size_t k = index_of(cls) * n + static_cast<std::size_t>(home);
  if (cache.elsewhere_version[k] != cache.availability_version[index_of(cls)]) {
    rebuild_elsewhere(ctx, cache, home, k, availability);
    cache.elsewhere_version[k] = cache.availability_version[index_of(cls)];
  }
  const std::size_t count = cache.elsewhere_count[k];
  return {{cache.elsewhere_cumulative.data() + k * n, count},
          {cache.elsewhere_states.data() + k * n, count},
          cache.elsewhere_mean[k]};
}
}  // namespace

int choose_purchase_state(const StepContext& ctx, ReplicationState& st, const TraffickerState& net, FirearmClass cls,
                          TripDraws& draws) {
  // Home, or elsewhere — by habit, because the network feels watched at home
  // (`home_risk`), or because the class is scarcer at home than elsewhere (the
  // displacement of state bans; a federal ban, scarce everywhere alike, displaces
  // nothing). One uniform decides: home if it falls under the product.
  const Settings& s = ctx.settings;
  const std::span<const double> availability = availability_by_state(ctx, st.market, st.caches, cls);
  const ElsewhereChoice elsewhere = elsewhere_choice(ctx, st.caches, net.home_state, cls, availability);
  const double at_home = availability[static_cast<std::size_t>(net.home_state)];
  const double relative = at_home >= elsewhere.mean_availability ? 1.0 : at_home / elsewhere.mean_availability;
  const double stay = (1.0 - s.traffickers.out_of_state_share) * risk_weight(s, net.home_risk);
  if (draws.uniform(TripDecision::kStayHome) < relative * stay) return net.home_state;
  // Nearby states, weighted by dealers, availability and a 600 km distance decay.
  return elsewhere.empty() ? net.home_state : elsewhere.draw(draws.uniform(TripDecision::kOtherState));
}

namespace {
/// A channel's pull on a network before availability: its preference, deterred by the
/// risk the network has met there.
double channel_pull(const StepContext& ctx, const TraffickerState& net, std::size_t c) {
  return ctx.world.tables.channel_preference[c] * risk_weight(ctx.settings, net.risk[c]);
}

/// The weight of a search that finds no second-hand seller where the state's private stock
/// is `scarcity` short of its reference, given the theft and unlicensed channels' pulls.
double failed_search(const StepContext& ctx, const ChannelView& view, double scarcity, double theft_pull,
                     double unlicensed_pull) {
  const MarketSettings& m = ctx.settings.market;
  const double sellers = (1.0 - m.unlicensed_from_retail) * (view.sales_checked ? m.private_sale_check_factor : 1.0);
  return scarcity * (theft_pull + sellers * unlicensed_pull);
}

/// choose_channel where compliant variants meet the share view.retail of the class's
/// orders (0 < retail < 1): a mixture of the orders they meet, which see every channel as
/// without a ban, and the rest, which see retail closed as under a ban without them (and
/// may then find no channel open at all). One uniform draws from the mixture; each
/// component's weights are normalised, so each keeps its own odds.
// Out of line and cold: only scenarios with compliant variants take it, and inlined it
// cost the common path about 1% of a replication's instructions.
[[gnu::noinline, gnu::cold]] Channel choose_channel_mixed(const StepContext& ctx, const ChannelView& view,
                                                          double scarcity, const TraffickerState& net, double u,
                                                          bool* no_seller, bool* retail_closed) {
  std::array<double, 4> pref{};
  for (std::size_t c = 0; c < 4; ++c) pref[c] = channel_pull(ctx, net, c);
  const double theft = view.open[index_of(Channel::kTheft)];
  const double failed = scarcity > 0 ? failed_search(ctx, view, scarcity, pref[index_of(Channel::kTheft)],
                                                     pref[index_of(Channel::kUnlicensed)])
                                     : 0.0;
  // [0, 5): an order compliant variants meet (four channels, a failed search); [5, 10):
  // one that finds retail closed; 10: it finds no channel open.
  std::array<double, 11> w{};
  const std::array<double, 4> free = {1.0, view.unlicensed_free, 1.0, theft};
  const std::array<double, 4> closed = {0.0, view.unlicensed_closed, 0.0, theft};
  double free_sum = failed, closed_sum = failed;
  for (std::size_t c = 0; c < 4; ++c) {
    w[c] = pref[c] * free[c];
    w[5 + c] = pref[c] * closed[c];
    free_sum += w[c];
    closed_sum += w[5 + c];
  }
  w[4] = failed;
  w[9] = failed;
  const double share = view.retail;
  for (std::size_t k = 0; k < 5; ++k) w[k] = free_sum > 0 ? w[k] * share / free_sum : 0.0;
  if (closed_sum - failed > 0) {
    for (std::size_t k = 5; k < 10; ++k) w[k] *= (1.0 - share) / closed_sum;
  } else {
    for (std::size_t k = 5; k < 10; ++k) w[k] = 0;
    w[10] = 1.0 - share;  // nothing but retail was open to it
  }
  const std::size_t picked = categorical_at(u, w);
  if (retail_closed != nullptr) *retail_closed = picked >= 5;
  if (picked == 10) return Channel::kKit;
  if (picked % 5 == 4) {
    if (no_seller != nullptr) *no_seller = true;
    return Channel::kKit;
  }
  return static_cast<Channel>(picked % 5);
}
}  // namespace

Channel choose_channel(const StepContext& ctx, const ChannelView& view, double scarcity, const TraffickerState& net,
                       double u, bool* no_seller, bool* retail_closed) {
  // *retail_closed is left alone otherwise: with retail closed to every order (0) a
  // reseller's new gun is refused by the law itself (acquisition.cpp resold_new).
  if (view.retail > 0 && view.retail < 1)
    return choose_channel_mixed(ctx, view, scarcity, net, u, no_seller, retail_closed);
  std::array<double, 5> weights{};  // the four channels, then a search that finds no seller
  for (std::size_t c = 0; c < 4; ++c) weights[c] = channel_pull(ctx, net, c) * view.open[c];
  if (weights[0] + weights[1] + weights[2] + weights[3] <= 0) return Channel::kKit;  // nothing open
  // The law is known, so closed channels are not tried; a private stock run down is
  // found out by searching: the share of sellers missing is a search that finds none
  // (scarcity cuts the flow, not only its mix; none where the market is at least as thick
  // as 2010's and nothing drained it).
  if (scarcity > 0)
    weights[4] = failed_search(ctx, view, scarcity, channel_pull(ctx, net, index_of(Channel::kTheft)),
                               channel_pull(ctx, net, index_of(Channel::kUnlicensed)));
  const std::size_t picked = categorical_at(u, weights);
  if (picked == 4) {
    if (no_seller != nullptr) *no_seller = true;
    return Channel::kKit;
  }
  return static_cast<Channel>(picked);
}

Channel choose_channel(const StepContext& ctx, const SecondaryMarket& market, const TraffickerState& net, int state,
                       FirearmClass cls, double u, bool* no_seller, bool* retail_closed) {
  return choose_channel(ctx, channel_view(ctx, market, state, cls), market.scarcity(state, cls), net, u, no_seller,
                        retail_closed);
}

}  // namespace gunflow
