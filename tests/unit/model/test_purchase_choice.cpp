// purchase_choice.hpp: where and through which channel a network buys: channel
// availability under the laws in force, the deterrence of perceived risk, and the
// channel choice.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <memory>
#include <numeric>
#include <set>

#include "../io/temp_dir.hpp"
#include "gunflow/input/reference_tables.hpp"
#include "gunflow/model/purchase_choice.hpp"
#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/model/step_context.hpp"
#include "model_fixture.hpp"

using namespace gunflow;

TEST_CASE("channel_availability is closed for classes banned at retail", "[model][purchase_choice]") {
  const Settings s = test::short_settings(1);
  const Model model(s);
  const World& w = model.world();
  const StepContext ctx{w, s, model.rows(), 1, 0, s.simulation.start};
  const Replication rep = model.start(1, 0);
  const SecondaryMarket& market = rep.state.market;
  const int ca = w.state_index("CA"), tx = w.state_index("TX");
  for (Channel ch : {Channel::kStraw, Channel::kCorruptDealer}) {
    CHECK(channel_availability(ctx, market, ch, ca, FirearmClass::kAr) == 0.0);  // CA assault-weapons ban
    CHECK(channel_availability(ctx, market, ch, ca, FirearmClass::kHandgun) == 1.0);
    CHECK(channel_availability(ctx, market, ch, tx, FirearmClass::kAr) == 1.0);
  }
  CHECK(channel_availability(ctx, market, Channel::kTheft, ca, FirearmClass::kAr) ==
        0.0);  // no grandfathered stock left
  CHECK(channel_availability(ctx, market, Channel::kUnlicensed, ca, FirearmClass::kAr) == 0.0);
  CHECK(channel_availability(ctx, market, Channel::kTheft, tx, FirearmClass::kAr) > 0.0);
  // CA checks private sales: unlicensed sellers are scarcer there than thefts.
  CHECK(channel_availability(ctx, market, Channel::kUnlicensed, ca, FirearmClass::kHandgun) <
        channel_availability(ctx, market, Channel::kTheft, ca, FirearmClass::kHandgun));
  CHECK(channel_availability(ctx, market, Channel::kKit, tx, FirearmClass::kKit) ==
        0.0);  // kits are not a retail channel
}

TEST_CASE("risk_weight is 1 without risk and falls as risk grows", "[model][purchase_choice]") {
  Settings s = test::short_settings(1);
  REQUIRE(s.traffickers.risk_aversion > 0);
  CHECK(risk_weight(s, 0.0) == 1.0);
  double previous = 1.0;
  for (double risk : {0.1, 0.5, 1.0, 2.0, 5.0}) {
    const double w = risk_weight(s, risk);
    CHECK(w < previous);
    CHECK(w > 0.0);
    CHECK(w == Approx(std::exp(-s.traffickers.risk_aversion * risk)));
    previous = w;
  }
}

TEST_CASE("choose_channel returns kKit when nothing is open and avoids closed channels", "[model][purchase_choice]") {
  Settings s = test::short_settings(1);
  const Model model(s);
  const World& w = model.world();
  const StepContext ctx{w, model.settings(), model.rows(), 1, 0, s.simulation.start};
  const Replication rep = model.start(1, 0);
  const SecondaryMarket& market = rep.state.market;
  const int ca = w.state_index("CA"), tx = w.state_index("TX");
  const TraffickerState net{};
  for (double u : {0.001, 0.25, 0.5, 0.75, 0.999}) {
    CHECK(choose_channel(ctx, market, net, ca, FirearmClass::kAr, u) ==
          Channel::kKit);  // banned, none left second-hand
    const Channel handgun = choose_channel(ctx, market, net, tx, FirearmClass::kHandgun, u);
    CHECK(handgun != Channel::kKit);
  }
  // Across the draw's range every open channel with a preference is chosen somewhere.
  std::set<Channel> seen;
  for (int i = 0; i < 1000; ++i)
    seen.insert(choose_channel(ctx, market, net, tx, FirearmClass::kHandgun, (i + 0.5) / 1000));
  for (std::size_t c = 0; c < 4; ++c)
    if (w.tables.channel_preference[c] > 0) CHECK(seen.count(static_cast<Channel>(c)) == 1);
  // A network burnt in the straw channel uses it less.
  TraffickerState burnt{};
  burnt.risk[index_of(Channel::kStraw)] = 20.0;
  int straw = 0, straw_burnt = 0;
  for (int i = 0; i < 1000; ++i) {
    straw += choose_channel(ctx, market, net, tx, FirearmClass::kHandgun, (i + 0.5) / 1000) == Channel::kStraw;
    straw_burnt += choose_channel(ctx, market, burnt, tx, FirearmClass::kHandgun, (i + 0.5) / 1000) == Channel::kStraw;
  }
  CHECK(straw_burnt < straw);
}

TEST_CASE("compliant variants under a state ban: a mixture of orders they meet and orders that find retail closed",
          "[model][purchase_choice]") {
  // California bans AR-type rifles (a 2010 law). With compliant variants meeting a share c
  // of the orders, a trip there is, with chance c, an order that sees the channels of a
  // state without the ban, and otherwise one that sees retail closed: over an even grid of
  // draws, the straw channel's share is c times its share where the class is sold freely,
  // only orders that found retail closed are flagged, and they never buy at retail.
  Settings s = test::short_settings(1);
  const double c = 0.4;
  s.market.awb_compliant_share = c;
  const Model model(s);
  const World& w = model.world();
  const StepContext ctx{w, model.settings(), model.rows(), 1, 0, s.simulation.start};
  const Replication rep = model.start(1, 0);
  const SecondaryMarket& market = rep.state.market;
  const int ca = w.state_index("CA");
  const ChannelView banned = channel_view(ctx, market, ca, FirearmClass::kAr);
  CHECK(banned.retail == c);
  CHECK(channel_availability(ctx, market, Channel::kStraw, ca, FirearmClass::kAr) == c);
  CHECK(private_transfers_legal(ctx, ca, FirearmClass::kAr));  // compliant rifles are resold
  // A decades-old ban's private stock: the compliant variants' share of a free market's.
  CHECK(market.available(ca, FirearmClass::kAr) == Approx(c).margin(0.02));
  ChannelView free = banned;  // the same state and stock without the ban
  free.retail = 1.0;
  free.open[index_of(Channel::kStraw)] = free.open[index_of(Channel::kCorruptDealer)] = 1.0;
  free.open[index_of(Channel::kUnlicensed)] = free.unlicensed_free;
  const TraffickerState net{};
  const double scarcity = market.scarcity(ca, FirearmClass::kAr);
  constexpr int kN = 20000;
  int straw = 0, straw_free = 0, closed = 0, closed_at_retail = 0;
  for (int i = 0; i < kN; ++i) {
    const double u = (i + 0.5) / kN;
    bool retail_closed = false;
    const Channel ch = choose_channel(ctx, banned, scarcity, net, u, nullptr, &retail_closed);
    straw += ch == Channel::kStraw;
    closed += retail_closed;
    closed_at_retail += retail_closed && (ch == Channel::kStraw || ch == Channel::kCorruptDealer);
    straw_free += choose_channel(ctx, free, scarcity, net, u) == Channel::kStraw;
  }
  CHECK(std::abs(straw - c * straw_free) <= 3);
  CHECK(std::abs(closed - (1.0 - c) * kN) <= 3);
  CHECK(closed_at_retail == 0);
  // Without compliant variants the view is the ban's: retail closed for every order.
  Settings strict = test::short_settings(1);
  const Model strict_model(strict);
  const StepContext strict_ctx{strict_model.world(),   strict_model.settings(), strict_model.rows(), 1, 0,
                               strict.simulation.start};
  const Replication strict_rep = strict_model.start(1, 0);
  CHECK(channel_view(strict_ctx, strict_rep.state.market, ca, FirearmClass::kAr).retail == 0.0);
  CHECK_FALSE(private_transfers_legal(strict_ctx, ca, FirearmClass::kAr));
}

TEST_CASE("channel_views keeps each state's and class's view until a sales law or the market changes",
          "[model][purchase_choice]") {
  Settings s = test::short_settings(1);
  s.policies.assault_weapons_ban.enabled = true;
  s.policies.assault_weapons_ban.start = s.simulation.start + 30;
  s.policies.assault_weapons_ban.end = Date::from_ymd(2100, 1, 1);
  const Model model(s);
  const World& w = model.world();
  Replication rep = model.start(1, 0);
  ReplicationState& st = rep.state;
  const int tx = w.state_index("TX");
  const std::size_t ar_tx = index_of(FirearmClass::kAr) * w.states.size() + static_cast<std::size_t>(tx);
  const auto same = [&](const StepContext& ctx) {
    const std::span<const ChannelView> views = channel_views(ctx, st.market, st.caches);
    REQUIRE(views.size() == kNumClasses * w.states.size());
    for (std::size_t c = 0; c < kNumClasses; ++c)
      for (std::size_t i = 0; i < w.states.size(); ++i) {
        const ChannelView fresh = channel_view(ctx, st.market, static_cast<int>(i), static_cast<FirearmClass>(c));
        const ChannelView& kept = views[c * w.states.size() + i];
        REQUIRE(kept.open == fresh.open);
        REQUIRE(kept.sales_checked == fresh.sales_checked);
      }
    return views[ar_tx].open[index_of(Channel::kStraw)];
  };
  const StepContext before{w, model.settings(), model.rows(), 1, 0, s.simulation.start};
  CHECK(same(before) == 1.0);  // Texas sells AR-type rifles before the ban
  const StepContext after{w, model.settings(), model.rows(), 1, 0, s.simulation.start + 30};
  CHECK(same(after) == 0.0);  // and not from its first day, though the market has not changed
  // A change of the market's availability alone also refreshes the views.
  st.market.availability[index_of(FirearmClass::kHandgun) * w.states.size() + static_cast<std::size_t>(tx)] = 0.5;
  ++st.market.version;
  const std::size_t handgun_tx = index_of(FirearmClass::kHandgun) * w.states.size() + static_cast<std::size_t>(tx);
  same(after);
  CHECK(channel_views(after, st.market, st.caches)[handgun_tx].open[index_of(Channel::kTheft)] == 0.5);
}

TEST_CASE("channel_views closes a channel on the day a dated state law starts", "[model][purchase_choice]") {
  Settings s = test::short_settings(1);
  const test::TempDir dir("purchase_state_laws");
  const std::string laws = dir.file("laws.csv");
  const Date start = s.simulation.start + 30;
  std::ofstream(laws) << "state,law,start,end,source\nTX,assault_weapons_ban," << start.to_string() << ",,test\n";
  s.data.us_state_laws = laws;
  s.data.tables = std::make_shared<const ReferenceTables>(read_reference_tables(s.data.paths()));
  const Model model(s);
  const World& w = model.world();
  Replication rep = model.start(1, 0);
  ReplicationState& st = rep.state;
  const std::size_t ar_tx =
      index_of(FirearmClass::kAr) * w.states.size() + static_cast<std::size_t>(w.state_index("TX"));
  const StepContext before{w, model.settings(), model.rows(), 1, 0, start + (-1)};
  CHECK(channel_views(before, st.market, st.caches)[ar_tx].open[index_of(Channel::kStraw)] == 1.0);
  const StepContext after{w, model.settings(), model.rows(), 1, 0, start};
  const ChannelView& view = channel_views(after, st.market, st.caches)[ar_tx];
  CHECK(view.open[index_of(Channel::kStraw)] == 0.0);
  CHECK(view.open[index_of(Channel::kTheft)] == 0.0);  // in-state transfers close with it
}
